import { UpstreamError, upstreamLogFields } from '../errors.js';
import type { Logger } from '../observability/logger.js';
import type { SteamClient } from '../steam/client.js';
import { vocabularyKey as normalizeName } from '../domain/keys.js';
import { detailsFromAppDetails, detailsFromItem, type TagNamer } from './to-summary.js';
import type { CallOptions, DetailsResult, GameDetails } from './types.js';

const MAX_APP_ID = 4_294_967_295;

/**
 * AppID first (when the identifier is one), then the name through store search, preferring
 * an exact match. A number that is not a known AppID ("2048") is tried as a name.
 */
export async function resolveDetails(
  steam: SteamClient,
  identifier: string,
  namer: () => Promise<TagNamer>,
  logger: Logger,
  o: CallOptions,
): Promise<DetailsResult | null> {
  const id = identifier.trim();
  const warnings: string[] = [];
  if (/^\d{1,10}$/.test(id) && Number(id) > 0 && Number(id) <= MAX_APP_ID) {
    const details = await detailsById(steam, id, namer, logger, o, warnings);
    if (details) return { details, resolvedBy: 'app_id', warnings };
  }
  const appId = await findAppIdByName(steam, id, o);
  if (!appId) return null;
  const details = await detailsById(steam, appId, namer, logger, o, warnings);
  return details ? { details, resolvedBy: 'name', warnings } : null;
}

export async function findAppIdByName(
  steam: SteamClient,
  name: string,
  o: CallOptions,
): Promise<string | null> {
  const wanted = normalizeName(name);
  const { value: items } = await steam.storeSearch(name, o);
  const apps = items.filter((i) => i.kind === 'app');
  const exact = apps.find((i) => normalizeName(i.name) === wanted);
  if (exact) return exact.id;
  if (apps[0]) return apps[0].id;
  // storesearch matches names only loosely; the full search also knows localized names.
  const { value: page } = await steam.searchPage({ term: name, start: 0, count: 10 }, o);
  const rows = page.rows.filter((r) => r.kind === 'app');
  return (rows.find((r) => normalizeName(r.name) === wanted) ?? rows[0])?.id ?? null;
}

async function detailsById(
  steam: SteamClient,
  appId: string,
  namer: () => Promise<TagNamer>,
  logger: Logger,
  o: CallOptions,
  warnings: string[],
): Promise<GameDetails | null> {
  let details: GameDetails;
  try {
    const { value, stale } = await steam.appDetails(appId, o);
    if (!value) return null;
    if (stale)
      warnings.push('Steam is unreachable; showing cached details. Steam 暂时不可用，显示缓存数据。');
    details = detailsFromAppDetails(value, steam.currency, `${steam.storeUrl}/app/${appId}/`);
  } catch (error) {
    if (!(error instanceof UpstreamError) || o.signal?.aborted) throw error;
    logger.warn({ ...upstreamLogFields(error), appId }, 'appdetails failed; falling back to GetItems');
    const item = (await steam.getItems([appId], o).catch(() => new Map())).get(appId);
    if (!item) throw error;
    warnings.push(
      'Steam store unavailable; showing the basic card from the Steam Web API. 商店不可用，仅显示基本信息。',
    );
    return detailsFromItem(item, steam.currency, await namer());
  }
  const [reviews, items, nameTags] = await Promise.allSettled([
    steam.appReviews(appId, o),
    steam.getItems([appId], o),
    namer(),
  ]);
  if (reviews.status === 'fulfilled') {
    const r = reviews.value.value;
    details.reviewSummary = r.summary;
    details.reviewPositivePct = r.positivePct;
    details.reviewCount = r.count;
  } else {
    warnings.push('Review summary unavailable right now. 暂时无法获取评测摘要。');
  }
  const card = items.status === 'fulfilled' ? items.value.get(appId) : undefined;
  if (card) {
    // The card's rows say interface, subtitles and audio apart; the details page does not.
    details.languages = card.languages ?? details.languages;
    details.deck = card.deck;
  }
  if (card && nameTags.status === 'fulfilled') {
    const userTags = nameTags.value(card.tagIds);
    details.tagIds = card.tagIds;
    details.tags = [...new Set([...userTags, ...details.genres])].slice(0, 12);
  }
  if (o.signal?.aborted) throw o.signal.reason;
  return details;
}

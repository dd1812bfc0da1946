import { z } from 'zod';
import type { GameLanguages } from '../../domain/languages.js';
import { languagesFromStoreNames } from '../../domain/languages.js';
import type { AppDetails, PriceInfo, Requirements } from '../types.js';
import { htmlToText } from './store-html.js';
import {
  appTypeFromName,
  centsToUnits,
  freePrice,
  noPrice,
  parseError,
  parseJsonBody,
  type ParseContext,
} from './shared.js';

const idLike = z.union([z.number(), z.string()]).transform(String);

/** Steam sends `{minimum, recommended?}` when set, an empty array when not. */
const requirementsSchema = z.union([
  z.object({ minimum: z.string().optional(), recommended: z.string().optional() }),
  z.array(z.unknown()),
]);

const priceOverviewSchema = z.object({
  currency: z.string(),
  initial: z.number(),
  final: z.number(),
  discount_percent: z.number().default(0),
});

const appDataSchema = z.object({
  type: z.string().optional(),
  name: z.string(),
  steam_appid: z.union([z.number(), z.string()]).optional(),
  required_age: z.union([z.number(), z.string()]).optional(),
  is_free: z.boolean().optional(),
  short_description: z.string().optional(),
  supported_languages: z.string().optional(),
  header_image: z.string().nullish(),
  website: z.string().nullish(),
  developers: z.array(z.string()).optional(),
  publishers: z.array(z.string()).optional(),
  price_overview: priceOverviewSchema.optional(),
  platforms: z.object({ windows: z.boolean(), mac: z.boolean(), linux: z.boolean() }).partial().optional(),
  metacritic: z.object({ score: z.union([z.number(), z.string()]), url: z.string().nullish() }).optional(),
  categories: z.array(z.object({ id: idLike, description: z.string() })).optional(),
  genres: z.array(z.object({ id: idLike, description: z.string() })).optional(),
  screenshots: z.array(z.object({ path_full: z.string() })).optional(),
  pc_requirements: requirementsSchema.optional(),
  mac_requirements: requirementsSchema.optional(),
  linux_requirements: requirementsSchema.optional(),
  dlc: z.array(z.number()).optional(),
  achievements: z.object({ total: z.number() }).optional(),
  recommendations: z.object({ total: z.number() }).optional(),
  release_date: z.object({ coming_soon: z.boolean(), date: z.string().optional() }).optional(),
  fullgame: z.object({ appid: idLike, name: z.string() }).optional(),
});

type AppData = z.output<typeof appDataSchema>;

/** `{"<appid>": {success, data?}}`; `data` is checked per case by the caller. */
const appDetailsEnvelopeSchema = z.record(
  z.string(),
  z.object({ success: z.boolean(), data: z.unknown().optional() }),
);
type RawPriceOverview = z.output<typeof priceOverviewSchema>;
type RawRequirements = z.output<typeof requirementsSchema>;

const MAX_SCREENSHOTS = 5;

/** `/api/appdetails?appids=<id>` → details, or null when Steam says `success:false`. */
export function parseAppDetails(body: string, appId: string, ctx: ParseContext): AppDetails | null {
  const envelope = parseJsonBody(body, appDetailsEnvelopeSchema, 'appdetails');
  const entry = envelope[appId];
  if (!entry) throw parseError(`appdetails: no entry for appid ${appId}`);
  if (!entry.success) return null;
  const parsed = appDataSchema.safeParse(entry.data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw parseError(`appdetails ${appId}: unexpected data at ${issue?.path.join('.') ?? '?'}`);
  }
  return toAppDetails(parsed.data, appId, ctx);
}

function toAppDetails(data: AppData, appId: string, ctx: ParseContext): AppDetails {
  const releaseDate = data.release_date?.date?.trim() ?? '';
  return {
    appId,
    name: data.name,
    type: appTypeFromName(data.type),
    isFree: data.is_free === true,
    price: appPrice(data, ctx.currency),
    shortDescription: data.short_description ? htmlToText(data.short_description) : null,
    headerImage: data.header_image ?? null,
    website: data.website ? data.website : null,
    developers: data.developers ?? [],
    publishers: data.publishers ?? [],
    genres: (data.genres ?? []).map((genre) => genre.description),
    categories: (data.categories ?? []).map((category) => category.description),
    supportedLanguages: parseSupportedLanguages(data.supported_languages ?? ''),
    languages: parseLanguageSupport(data.supported_languages),
    platforms: {
      windows: data.platforms?.windows === true,
      mac: data.platforms?.mac === true,
      linux: data.platforms?.linux === true,
    },
    metacritic: metacritic(data),
    screenshots: (data.screenshots ?? []).slice(0, MAX_SCREENSHOTS).map((shot) => shot.path_full),
    requirements: {
      pc: requirements(data.pc_requirements),
      mac: requirements(data.mac_requirements),
      linux: requirements(data.linux_requirements),
    },
    dlcCount: data.dlc?.length ?? 0,
    achievements: data.achievements?.total ?? null,
    recommendations: data.recommendations?.total ?? null,
    releaseDate: releaseDate === '' ? null : releaseDate,
    comingSoon: data.release_date?.coming_soon === true,
    fullGame: data.fullgame ? { appId: data.fullgame.appid, name: data.fullgame.name } : null,
  };
}

function priceFromOverview(overview: RawPriceOverview): PriceInfo {
  return {
    final: centsToUnits(overview.final),
    initial: centsToUnits(overview.initial),
    discount: overview.discount_percent,
    isFree: false,
    currency: overview.currency,
  };
}

function appPrice(data: AppData, currency: string | null): PriceInfo {
  if (data.price_overview) return priceFromOverview(data.price_overview);
  // Free apps have no price_overview; unreleased ones have neither price nor is_free.
  return data.is_free === true ? freePrice(currency) : noPrice(currency);
}

function metacritic(data: AppData): AppDetails['metacritic'] {
  const score = Number(data.metacritic?.score);
  if (!data.metacritic || !Number.isFinite(score) || score <= 0) return null;
  return { score, url: data.metacritic.url ?? null };
}

function requirements(raw: RawRequirements | undefined): Requirements | null {
  if (raw === undefined || Array.isArray(raw)) return null;
  const minimum = requirementText(raw.minimum);
  const recommended = requirementText(raw.recommended);
  return minimum === null && recommended === null ? null : { minimum, recommended };
}

/** A block holding only its heading ("Minimum:" over an empty list) counts as absent. */
function requirementText(html: string | undefined): string | null {
  if (html === undefined) return null;
  const text = htmlToText(html);
  if (text === '' || (!text.includes('\n') && /[:：]$/.test(text))) return null;
  return text;
}

// Trailing footnote explaining the `*` markers, English or Chinese.
const AUDIO_FOOTNOTE =
  /\*?\s*(languages with full audio support|具有完全音频支持的语言|具有完整音訊支援的語言)\s*$/i;

/** "English<strong>*</strong>, French<br><strong>*</strong>languages with full audio support" → names. */
export function parseSupportedLanguages(html: string): string[] {
  const withoutMarkers = html.replace(/<strong>\s*\*\s*<\/strong>/gi, '');
  const text = htmlToText(withoutMarkers).replace(AUDIO_FOOTNOTE, '');
  return text
    .split(/[,，、\n]/)
    .map((name) => name.replace(/\*+$/, '').trim())
    .filter((name) => name !== '');
}

/** The card languages from the same HTML list; a `*` marks a language with full audio. */
export function parseLanguageSupport(html: string | undefined): GameLanguages | null {
  if (!html) return null;
  const marked = html.replace(/<strong>\s*\*\s*<\/strong>/gi, '*');
  const names = htmlToText(marked)
    .replace(AUDIO_FOOTNOTE, '')
    .split(/[,，、\n]/)
    .map((name) => name.trim())
    .filter((name) => name !== '' && name !== '*');
  const audio = new Set(names.filter((n) => n.endsWith('*')).map((n) => n.replace(/\*+$/, '').trim()));
  return languagesFromStoreNames(
    names.map((n) => n.replace(/\*+$/, '').trim()),
    audio,
  );
}

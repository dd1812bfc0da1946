import Table from 'cli-table3';
import { createColors } from 'picocolors';
import type { GameOutput } from '../tools/game-output.js';

type Colors = ReturnType<typeof createColors>;

export interface RenderOptions {
  colors: boolean;
  /** Terminal columns; long text wraps to fit. */
  width: number;
}

/** A card as the tools return it, with what ranked lists add. */
type Game = GameOutput & { rank?: number; recommendation_score?: number; recommendation_reason?: string };

/** A tool's structured result as text for a person: tables with CJK-aware column widths. */
export function renderResult(tool: string, result: Record<string, unknown>, o: RenderOptions): string {
  const c = createColors(o.colors);
  const warnings = (result.warnings as string[] | undefined) ?? [];
  const body =
    tool === 'recommend_games'
      ? renderRecommendations(result, c, o)
      : tool === 'get_game_details'
        ? renderDetails(result.details as Game & Record<string, unknown>, c, o)
        : tool === 'get_price_verdict'
          ? renderVerdict(result as unknown as Verdict, c, o)
          : tool === 'compare_region_prices'
            ? renderRegions(result as unknown as RegionPrices, c)
            : renderGameList(result, c);
  const notes = warnings.map((w) => c.yellow(`! ${w}`));
  return [body, ...notes].join('\n');
}

function table(head: string[], c: Colors, colWidths?: (number | null)[]) {
  return new Table({
    head: head.map((h) => c.bold(c.cyan(h))),
    // cli-table3 colours the borders and header red/grey by default: colour is ours to decide.
    style: { head: [], border: [] },
    ...(colWidths ? { colWidths } : {}),
  });
}

/**
 * A cell of long plain text, wrapped to its column anywhere (Chinese has no spaces between
 * words). Only uncoloured text: wrapping would cut colour codes apart.
 */
function wrapped(content: string) {
  return { content, wordWrap: true, wrapOnWordBoundary: false };
}

function price(g: Game, c: Colors): string {
  if (g.is_free) return c.green('免费 Free');
  if (g.price === null) return c.dim('—');
  const now = `${currencySymbol(g.currency)}${g.price}`;
  return g.discount > 0 ? `${c.green(now)} ${c.dim(`-${g.discount}%`)}` : now;
}

function currencySymbol(currency: string): string {
  return currency === 'CNY' ? '¥' : currency === 'USD' ? '$' : `${currency} `;
}

function reviews(g: Game, c: Colors): string {
  if (g.review_positive_pct === null) return c.dim('—');
  const pct = `${g.review_positive_pct}%`;
  const coloured =
    g.review_positive_pct >= 80 ? c.green(pct) : g.review_positive_pct >= 60 ? c.yellow(pct) : c.red(pct);
  return g.review_count === null ? coloured : `${coloured} (${g.review_count})`;
}

function renderGameList(result: Record<string, unknown>, c: Colors): string {
  const games = result.games as Game[];
  if (games.length === 0) return c.yellow('没有找到游戏。No games found.');
  const t = table(['#', '游戏 Game', '价格 Price', '好评 Reviews', 'AppID'], c);
  games.forEach((g, i) =>
    t.push([String(g.rank ?? i + 1), g.name, price(g, c), reviews(g, c), c.dim(g.app_id)]),
  );
  // The wishlist counts what matched its filters; the other lists what Steam found.
  const total = (result.total_found ??
    (result.totals as { matching: number } | undefined)?.matching) as number;
  return `${t.toString()}\n${c.dim(`共找到 ${total} 款 · ${total} found`)}`;
}

function renderRecommendations(result: Record<string, unknown>, c: Colors, o: RenderOptions): string {
  const games = result.recommendations as Game[];
  const lines: string[] = [];
  if (result.degraded && result.degraded_reason) lines.push(c.yellow(`! ${String(result.degraded_reason)}`));
  if (games.length === 0) return [...lines, c.yellow('没有找到合适的游戏。No matching games.')].join('\n');
  // The reason column takes what the terminal leaves after the others (and the borders).
  const widths = [5, 24, 16, 12];
  const reasonWidth = Math.max(24, o.width - widths.reduce((a, b) => a + b, 0) - 8);
  const head = ['#', '游戏 Game', '价格 Price', '评分 Score', '推荐理由 Why'];
  const t = table(head, c, [...widths, reasonWidth]);
  games.forEach((g, i) =>
    t.push([
      String(i + 1),
      g.name,
      price(g, c),
      c.bold(String(g.recommendation_score)),
      wrapped(g.recommendation_reason ?? ''),
    ]),
  );
  lines.push(t.toString());
  lines.push(
    c.dim(`评估 ${String(result.total_evaluated)} 款 · ${String(result.total_evaluated)} evaluated`),
  );
  return lines.join('\n');
}

function renderDetails(d: Game & Record<string, unknown>, c: Colors, o: RenderOptions): string {
  const t = new Table({
    style: { head: [], border: [] },
    colWidths: [18, Math.max(30, o.width - 22)],
  });
  const list = (value: unknown) => wrapped(((value as string[] | undefined) ?? []).join(', ') || '—');
  const rows: [string, string | ReturnType<typeof wrapped>][] = [
    ['游戏 Game', c.bold(d.name)],
    ['AppID', d.app_id],
    ['价格 Price', price(d, c)],
    ['好评 Reviews', `${reviews(d, c)} ${d.review_summary ?? ''}`.trim()],
    ['发行 Released', d.release_date ?? c.dim('—')],
    ['开发 Developers', list(d.developers)],
    ['标签 Tags', list(d.tags.slice(0, 12))],
    ['语言 Languages', list(d.supported_languages)],
    ['简介 About', wrapped(d.description ?? '—')],
    ['链接 URL', c.underline(d.url)],
  ];
  for (const [key, value] of rows) t.push([c.cyan(key), value]);
  return t.toString();
}

interface Low {
  price: number;
  shop: string;
  date: string | null;
}

interface Verdict {
  name: string;
  app_id: string;
  currency: string;
  price: number;
  original_price: number;
  discount: number;
  discount_ends_at: string | null;
  lowest_price_30d: number | null;
  historical_low: { all_time: Low | null; steam: Low | null } | null;
  verdict: string;
  verdict_code: string;
  rule: string;
}

function renderVerdict(v: Verdict, c: Colors, o: RenderOptions): string {
  const money = (n: number | null | undefined) =>
    n == null ? c.dim('—') : `${currencySymbol(v.currency)}${n}`;
  const low = (l: Low | null | undefined) =>
    l ? `${money(l.price)} ${c.dim(`${l.shop}${l.date ? ` ${l.date.slice(0, 10)}` : ''}`)}` : c.dim('—');
  const good = v.verdict_code === 'historical_low' || v.verdict_code === 'near_historical_low';
  const label = good
    ? c.green(v.verdict)
    : v.verdict_code === 'wait'
      ? c.yellow(v.verdict)
      : c.cyan(v.verdict);
  const t = new Table({ style: { head: [], border: [] }, colWidths: [20, Math.max(30, o.width - 24)] });
  const rows: [string, string | ReturnType<typeof wrapped>][] = [
    ['游戏 Game', `${c.bold(v.name)} ${c.dim(v.app_id)}`],
    [
      '现价 Price',
      v.discount > 0
        ? `${money(v.price)} ${c.dim(`-${v.discount}% (${money(v.original_price)})`)}`
        : money(v.price),
    ],
    ['折扣截止 Ends', v.discount_ends_at ? v.discount_ends_at.slice(0, 16).replace('T', ' ') : c.dim('—')],
    ['30天最低 30-day low', money(v.lowest_price_30d)],
    ['史低 All-time low', low(v.historical_low?.all_time)],
    ['结论 Verdict', c.bold(label)],
    ['依据 Rule', wrapped(v.rule)],
  ];
  for (const [key, value] of rows) t.push([c.cyan(key), value]);
  return t.toString();
}

interface RegionPrices {
  name: string;
  prices: {
    region: string;
    status: string;
    formatted_price: string | null;
    price: number | null;
    currency: string;
    discount: number;
    price_cny: number | null;
  }[];
  cheapest_region: string | null;
  note: string;
}

function renderRegions(r: RegionPrices, c: Colors): string {
  const t = table(['地区 Region', '价格 Price', '折扣 Off', '约合 CNY'], c);
  for (const p of r.prices) {
    const shown =
      p.status === 'priced'
        ? (p.formatted_price ?? `${p.price} ${p.currency}`)
        : p.status === 'free'
          ? c.green('免费 Free')
          : c.dim(
              p.status === 'not_sold'
                ? '未售 not sold'
                : p.status === 'no_price'
                  ? '无价格 no price'
                  : '出错 error',
            );
    const region = p.region === r.cheapest_region ? c.green(c.bold(p.region)) : p.region;
    t.push([
      region,
      shown,
      p.discount > 0 ? `-${p.discount}%` : '',
      p.price_cny == null ? c.dim('—') : `¥${p.price_cny}`,
    ]);
  }
  return [c.bold(r.name), t.toString(), c.dim(r.note)].join('\n');
}

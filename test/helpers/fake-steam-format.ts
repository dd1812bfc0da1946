import type { FakeGame, FakeReview } from './fake-steam-games.js';

/** Text helpers shared by the fake's renderers (Chinese by default, English when asked). */

export type FakeLang = 'schinese' | 'english';

export function langOf(value: string | null | undefined): FakeLang {
  return value === 'english' || value === 'en' ? 'english' : 'schinese';
}

export function displayName(game: Pick<FakeGame, 'name' | 'englishName'>, lang: FakeLang): string {
  return lang === 'english' ? (game.englishName ?? game.name) : game.name;
}

/** `¥ 1,234.50` as the CN store writes it. */
export function formatCny(cents: number): string {
  const units = (cents / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return `¥ ${units}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2024 年 8 月 20 日" / "20 Aug, 2024". */
export function formatDateText(date: string, lang: FakeLang): string {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  return lang === 'english'
    ? `${day} ${MONTHS[month - 1] ?? ''}, ${year}`
    : `${year} 年 ${month} 月 ${day} 日`;
}

export function releaseText(game: FakeGame, lang: FakeLang): string {
  if (game.releaseDate === null) return lang === 'english' ? 'Coming soon' : '即将推出';
  return formatDateText(game.releaseDate, lang);
}

/** Unix seconds of 00:00 Beijing time on that day (how Steam stores release dates). */
export function beijingMidnight(date: string): number {
  const [year = 1970, month = 1, day = 1] = date.split('-').map(Number);
  return Date.UTC(year, month - 1, day) / 1000 - 8 * 3600;
}

export function reviewLabel(review: FakeReview, lang: FakeLang): string {
  return lang === 'english' ? review.englishLabel : review.label;
}

export function reviewTooltip(review: FakeReview, lang: FakeLang): string {
  const count = review.count.toLocaleString('en-US');
  return lang === 'english'
    ? `${review.englishLabel}<br>${review.pct}% of the ${count} user reviews for this game are positive.`
    : `${review.label}<br>此游戏的 ${count} 篇用户评测中有 ${review.pct}% 为好评。`;
}

export function reviewClass(review: FakeReview): 'positive' | 'mixed' | 'negative' {
  return review.pct >= 70 ? 'positive' : review.pct >= 40 ? 'mixed' : 'negative';
}

export function freeText(lang: FakeLang): string {
  return lang === 'english' ? 'Free To Play' : '免费开玩';
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export function slug(name: string): string {
  return name.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_|_$/g, '') || '_';
}

/** Steam's raw JSON escapes `/` as `\/`. */
export function steamJson(value: unknown): string {
  return JSON.stringify(value).replace(/\//g, '\\/');
}

export function capsuleUrl(kind: 'apps' | 'subs', id: number, file: string): string {
  return `https://shared.akamai.steamstatic.com/store_item_assets/steam/${kind}/${id}/${file}?t=1724384454`;
}

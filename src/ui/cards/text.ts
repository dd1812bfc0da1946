/** The cards' words, in Chinese or English by the host's locale, and number formats. */

const ZH = {
  details: '详情',
  steam: '在 Steam 打开',
  similar: '相似游戏',
  back: '返回',
  free: '免费',
  noPrice: '暂无价格',
  reviews: '好评',
  reviewsZh: '中文好评',
  players: '在线',
  score: '推荐度',
  deck: { verified: 'Deck 已验证', playable: 'Deck 可玩', unsupported: 'Deck 不支持' },
  schinese: '简体中文',
  tchinese: '繁体中文',
  audio: '中文配音',
  empty: '没有找到游戏。',
  loading: '加载中…',
  results: (n: number) => `${n} 款游戏`,
  release: '发行日期',
  developers: '开发商',
  publishers: '发行商',
  genres: '类型',
  screenshots: '截图',
  failed: '操作失败：',
};

type Words = typeof ZH;

const EN: Words = {
  details: 'Details',
  steam: 'Open in Steam',
  similar: 'More like this',
  back: 'Back',
  free: 'Free',
  noPrice: 'No price yet',
  reviews: 'Positive',
  reviewsZh: 'Chinese reviews',
  players: 'Playing now',
  score: 'Match',
  deck: { verified: 'Deck Verified', playable: 'Deck Playable', unsupported: 'Deck Unsupported' },
  schinese: 'Simplified Chinese',
  tchinese: 'Traditional Chinese',
  audio: 'Chinese audio',
  empty: 'No games found.',
  loading: 'Loading…',
  results: (n: number) => `${n} game${n === 1 ? '' : 's'}`,
  release: 'Released',
  developers: 'Developers',
  publishers: 'Publishers',
  genres: 'Genres',
  screenshots: 'Screenshots',
  failed: 'Failed: ',
};

export let words: Words = ZH;
let locale = 'zh-CN';

export function setLocale(tag: unknown): void {
  if (typeof tag !== 'string' || !tag) return;
  locale = tag;
  words = /^zh\b/i.test(tag) ? ZH : EN;
}

export function formatPrice(amount: number, currency: string): string {
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amount);
  } catch {
    return `${amount.toFixed(2)} ${currency}`;
  }
}

export function formatCount(n: number): string {
  return new Intl.NumberFormat(locale).format(n);
}

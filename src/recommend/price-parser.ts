/** Budget phrases in Chinese and English → price bounds in the store currency. */
export interface PriceBounds {
  minPrice: number | null;
  maxPrice: number | null;
}

const NUM = String.raw`(\d+(?:\.\d+)?)`;
const PRE = String.raw`(?:[$¥]|rmb|cny|usd)?\s*`;
const UNIT = String.raw`\s*(?:元|块钱|块|刀|美元|美金|人民币|rmb|cny|usd|dollars?|bucks)?`;
const AMOUNT = PRE + NUM + UNIT;
const CURRENCY_MARK = /[$¥元块刀]|rmb|cny|usd|dollar|bucks|美元|美金|价|预算|price|budget|cost/;

// A bare "2-4" is not a price: a dash range needs a currency or price word nearby.
const RANGE: readonly { re: RegExp; needsMark: boolean }[] = [
  { re: new RegExp(String.raw`between\s*${AMOUNT}\s*(?:and|to|-)\s*${AMOUNT}`), needsMark: false },
  { re: new RegExp(String.raw`${AMOUNT}\s*(?:-|~|～|到|至|—|–)\s*${AMOUNT}`), needsMark: true },
];
const MAX = [
  new RegExp(
    String.raw`(?:不超过|不高于|不到|(?<!不)低于|少于|小于|最多|最高|预算|under|below|less than|cheaper than|no more than|not more than|at most|max(?:imum)?|up to|within|budget(?:\s+(?:of|is))?|<=?|≤)\s*(?:是|为|:|：)?\s*${AMOUNT}`,
  ),
  new RegExp(String.raw`${AMOUNT}\s*(?:以内|以下|之内|内|or (?:less|under|cheaper)|max)`),
];
const MIN = [
  new RegExp(
    String.raw`(?:(?<!不)超过|(?<!不)高于|大于|至少|不低于|不少于|over|above|more than|at least|min(?:imum)?)\s*${AMOUNT}`,
  ),
  new RegExp(String.raw`${AMOUNT}\s*(?:以上|起|or more)`),
];
const AROUND = [
  new RegExp(String.raw`${AMOUNT}\s*(?:左右|上下)`),
  new RegExp(String.raw`(?:around|about|approximately|roughly|大约|大概|约)\s*${AMOUNT}`),
];

/** "Around X" allows a little over X; cheaper games stay welcome. */
const AROUND_SLACK = 1.2;

export function parsePriceBounds(query: string): PriceBounds {
  const text = normalizeQuery(query);
  for (const { re, needsMark } of RANGE) {
    const m = re.exec(text);
    const context = m ? text.slice(Math.max(0, m.index - 6), m.index + m[0].length) : '';
    if (m && (!needsMark || CURRENCY_MARK.test(context))) {
      const [a, b] = [Number(m[1]), Number(m[2])].sort((x, y) => x - y) as [number, number];
      return { minPrice: a, maxPrice: b };
    }
  }
  const max = firstNumber(MAX, text);
  const min = firstNumber(MIN, text);
  if (max !== null || min !== null) return { minPrice: min, maxPrice: max };
  const around = firstNumber(AROUND, text);
  if (around !== null) return { minPrice: null, maxPrice: Math.round(around * AROUND_SLACK * 100) / 100 };
  return { minPrice: null, maxPrice: null };
}

/**
 * The lower-cased query with every budget phrase parsePriceBounds understands blanked out
 * (used to tell whether the rules explained the whole request).
 */
export function stripPricePhrases(query: string): string {
  let text = normalizeQuery(query);
  for (const { re, needsMark } of RANGE) {
    const source = text;
    text = source.replace(new RegExp(re.source, 'g'), (match: string, ...rest: unknown[]) => {
      const offset = rest[rest.length - 2] as number;
      const context = source.slice(Math.max(0, offset - 6), offset + match.length);
      return !needsMark || CURRENCY_MARK.test(context) ? ' ' : match;
    });
  }
  for (const re of [...MAX, ...MIN, ...AROUND]) text = text.replace(new RegExp(re.source, 'g'), ' ');
  return text;
}

function firstNumber(patterns: readonly RegExp[], text: string): number | null {
  for (const re of patterns) {
    const m = re.exec(text);
    if (m?.[1]) return Number(m[1]);
  }
  return null;
}

const DIGITS: Record<string, number> = {
  零: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000, 万: 10000 };

/**
 * NFKC, lower case, every whitespace run collapsed to one space, numerals normalised. The
 * collapse bounds the patterns' backtracking: up to three `\s*` in a row (keyword, optional
 * colon, currency sign) made each pass cubic in the length of a run of spaces.
 */
function normalizeQuery(query: string): string {
  return normalizeNumbers(query.normalize('NFKC').toLowerCase().replace(/\s+/g, ' '));
}

/** "一百五十元" → "150元"; only numerals directly before a money unit are touched (二次元 stays). */
function normalizeNumbers(text: string): string {
  return text.replace(/([零一二两三四五六七八九十百千万]+)(?=\s*(?:元|块|刀))/g, (numerals) => {
    const value = chineseNumber(numerals);
    return value === null ? numerals : String(value);
  });
}

function chineseNumber(numerals: string): number | null {
  let total = 0;
  let digit = 0;
  for (const ch of numerals) {
    if (ch in DIGITS) digit = DIGITS[ch] ?? 0;
    else if (ch in UNITS) {
      total += (digit || 1) * (UNITS[ch] ?? 1);
      digit = 0;
    } else return null;
  }
  return total + digit;
}

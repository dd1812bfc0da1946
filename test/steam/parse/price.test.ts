import { describe, expect, it } from 'vitest';
import { parseDiscountText, parsePriceText } from '../../../src/steam/parse/store-html.js';

describe('parsePriceText', () => {
  it.each([
    ['¥ 1,234.50', 1234.5, false],
    ['¥ 98', 98, false],
    ['¥ 98.00', 98, false],
    ['¥ 104.30', 104.3, false],
    ['$14.99', 14.99, false],
    ['14,99€', 14.99, false],
    ['59,99€', 59.99, false],
    ['1.234,56€', 1234.56, false],
    ['1,234.50', 1234.5, false],
    ['₩ 16,350', 16350, false],
    ['₩ 1,635,000', 1635000, false],
    ['177 руб', 177, false],
    ['¥3,090', 3090, false],
    ['CDN$ 0.99', 0.99, false],
    ['  ¥ 268.00\n', 268, false],
    ['免费', 0, true],
    ['免费开玩', 0, true],
    ['Free', 0, true],
    ['Free To Play', 0, true],
    ['Free to Play', 0, true],
  ])('%j → %s (free %s)', (text, amount, isFree) => {
    expect(parsePriceText(text)).toEqual({ amount, isFree });
  });

  it.each(['', '   ', '-75%', 'Coming soon', '即将推出'])('%j is not a price', (text) => {
    expect(parsePriceText(text)).toEqual({ amount: null, isFree: false });
  });

  it('never leaks float noise', () => {
    expect(parsePriceText('¥ 0.30').amount).toBe(0.3);
    expect(parsePriceText('¥ 1,234.57').amount).toBe(1234.57);
  });
});

describe('parseDiscountText', () => {
  it.each([
    ['-75%', 75],
    ['-10%', 10],
    [' -90% ', 90],
    ['', null],
    ['¥ 98', null],
  ])('%j → %s', (text, expected) => {
    expect(parseDiscountText(text)).toBe(expected);
  });
});

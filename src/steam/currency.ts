/** Store currency by country code, for the regions Steam prices in their own currency. */
const CURRENCY_BY_COUNTRY: Record<string, string> = {
  CN: 'CNY',
  US: 'USD',
  HK: 'HKD',
  TW: 'TWD',
  JP: 'JPY',
  KR: 'KRW',
  GB: 'GBP',
  RU: 'RUB',
  CA: 'CAD',
  AU: 'AUD',
  SG: 'SGD',
  IN: 'INR',
  BR: 'BRL',
  UA: 'UAH',
  TR: 'USD',
  AR: 'USD',
  DE: 'EUR',
  FR: 'EUR',
  ES: 'EUR',
  IT: 'EUR',
  NL: 'EUR',
  PL: 'PLN',
  MY: 'MYR',
  TH: 'THB',
  VN: 'VND',
  PH: 'PHP',
  ID: 'IDR',
};

export function currencyForCountry(country: string): string {
  return CURRENCY_BY_COUNTRY[country.toUpperCase()] ?? 'USD';
}

/** Countries whose store currency is known here (the regions compare_region_prices accepts). */
export const PRICED_COUNTRIES: readonly string[] = Object.keys(CURRENCY_BY_COUNTRY);

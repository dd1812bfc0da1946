import type { ItadLows } from './itad.js';

export type VerdictCode = 'historical_low' | 'near_historical_low' | 'recent_low' | 'wait';

export interface PriceVerdict {
  code: VerdictCode;
  /** 史低 / 接近史低 / 近期低价 / 建议等待 */
  label: string;
  /** The rule that produced it, bilingual, so the answer can say why. */
  rule: string;
  basis: 'itad_history' | 'steam_30_days';
}

const LABELS: Record<VerdictCode, string> = {
  historical_low: '史低',
  near_historical_low: '接近史低',
  recent_low: '近期低价',
  wait: '建议等待',
};

/** Within this share above the historical low a price is "near" it. */
export const NEAR_LOW_MARGIN = 0.1;
/** Cents of rounding (and currency conversion on ITAD's side) never make a low "not a low". */
const EPSILON = 0.01;

export interface PriceFacts {
  current: number;
  discount: number;
  /** Steam's lowest price of the last 30 days; only sent while discounted. */
  lowest30d: number | null;
  /** Historical lows from ITAD in the store currency (null without a key, or unknown to ITAD). */
  history: ItadLows | null;
}

/**
 * 史低: at or below the lowest price ever (Steam's own low when ITAD knows it, else any shop's);
 * 接近史低: within 10 % above it; 近期低价: discounted and at the 30-day low; else 建议等待.
 */
export function priceVerdict(f: PriceFacts): PriceVerdict {
  const low = f.history?.steam?.price ?? f.history?.allTime?.price ?? null;
  const atRecentLow = f.discount > 0 && (f.lowest30d === null || f.current <= f.lowest30d + EPSILON);
  if (low !== null) {
    const rule =
      `Historical low ${low} (IsThereAnyDeal): at or below it → 史低; up to ${NEAR_LOW_MARGIN * 100}% above → 接近史低; ` +
      `otherwise discounted at Steam's 30-day low → 近期低价; else 建议等待. ` +
      `规则：不高于史低价为「史低」，高出不超过 ${NEAR_LOW_MARGIN * 100}% 为「接近史低」，否则若正在打折且为 30 天最低价为「近期低价」，其余「建议等待」。`;
    const code: VerdictCode =
      f.current <= low + EPSILON
        ? 'historical_low'
        : f.current <= low * (1 + NEAR_LOW_MARGIN) + EPSILON
          ? 'near_historical_low'
          : atRecentLow
            ? 'recent_low'
            : 'wait';
    return { code, label: LABELS[code], rule, basis: 'itad_history' };
  }
  const code: VerdictCode = atRecentLow ? 'recent_low' : 'wait';
  return {
    code,
    label: LABELS[code],
    rule:
      "Based on Steam's last 30 days only (no price history configured): discounted and at the 30-day low → 近期低价; " +
      'otherwise 建议等待 (Steam sales come often). 仅依据 Steam 近 30 天价格：正在打折且为 30 天最低价为「近期低价」，否则「建议等待」。',
    basis: 'steam_30_days',
  };
}

/** Steam Deck compatibility as the cards carry it, and the Deck needs users state. */

export const DECK_STATUSES = ['verified', 'playable', 'unsupported', 'unknown'] as const;
export type DeckStatus = (typeof DECK_STATUSES)[number];

export const DECK_NEEDS = ['verified', 'playable_or_better'] as const;
export type DeckNeed = (typeof DECK_NEEDS)[number];

/** `ESteamDeckCompatibilityCategory` (GetItems `platforms.steam_deck_compat_category`): 0–3; anything else is unknown. */
export function deckFromCategory(category: unknown): DeckStatus {
  switch (category) {
    case 3:
      return 'verified';
    case 2:
      return 'playable';
    case 1:
      return 'unsupported';
    default:
      return 'unknown';
  }
}

/** true / false, or null when the status is unknown (never counted as a match). */
export function meetsDeck(status: DeckStatus, need: DeckNeed): boolean | null {
  if (status === 'unknown') return null;
  return need === 'verified' ? status === 'verified' : status !== 'unsupported';
}

const LABELS: Record<DeckStatus, { zh: string; en: string }> = {
  verified: { zh: 'Steam Deck 已验证', en: 'Steam Deck Verified' },
  playable: { zh: 'Steam Deck 可游玩', en: 'Steam Deck Playable' },
  unsupported: { zh: 'Steam Deck 不支持', en: 'not supported on Steam Deck' },
  unknown: { zh: 'Steam Deck 兼容性未知', en: 'Steam Deck compatibility unknown' },
};

export function describeDeck(status: DeckStatus, zh: boolean): string {
  return LABELS[status][zh ? 'zh' : 'en'];
}

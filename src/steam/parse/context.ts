/** What a parser needs to know about the request that produced the body. */
export interface ParseContext {
  /** Store base URL without a trailing slash, e.g. https://store.steampowered.com. */
  storeUrl: string;
  /** ISO currency the request asked for (cc), used where the body does not say it. */
  currency: string | null;
}

export function appUrl(ctx: ParseContext, appId: string): string {
  return `${ctx.storeUrl}/app/${appId}/`;
}

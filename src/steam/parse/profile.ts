import { parseError } from './json.js';

/** A community profile (`/profiles/<id>/?xml=1`, `/id/<name>/?xml=1`), as far as the wallet tools need it. */
export type Profile =
  | { found: true; steamId: string; privacy: 'public' | 'friendsonly' | 'private' | 'unknown' }
  | { found: false; error: string };

const ID64 = /^7656119\d{10}$/;

/**
 * The profile XML (FORMATS.md §15). An unknown profile is HTTP 200 with a `<response><error>` root,
 * so the root element decides; every text value may be wrapped in CDATA.
 */
export function parseProfileXml(body: string): Profile {
  const root = /<\s*(profile|response)\b/.exec(body)?.[1];
  if (root === 'response') return { found: false, error: text(body, 'error') ?? 'unknown error' };
  if (root !== 'profile') throw parseError('profile XML: neither <profile> nor <response>');
  const steamId = text(body, 'steamID64');
  if (!steamId || !ID64.test(steamId)) throw parseError('profile XML: no valid <steamID64>');
  const state = text(body, 'privacyState');
  const privacy = state === 'public' || state === 'friendsonly' || state === 'private' ? state : 'unknown';
  return { found: true, steamId, privacy };
}

function text(xml: string, tag: string): string | undefined {
  const match = new RegExp(`<${tag}>\\s*(?:<!\\[CDATA\\[([\\s\\S]*?)\\]\\]>|([^<]*))\\s*</${tag}>`).exec(xml);
  const value = (match?.[1] ?? match?.[2])?.trim();
  return value || undefined;
}

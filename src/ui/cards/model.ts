/** What the cards read from the tools' structuredContent (the fields they use, all optional-safe). */

export interface LanguageSupport {
  interface?: boolean;
  subtitles?: boolean;
  full_audio?: boolean;
}

export interface Game {
  app_id: string;
  name: string;
  price: number | null;
  original_price: number | null;
  discount: number;
  currency: string;
  is_free: boolean;
  url: string;
  release_date: string | null;
  tags: string[];
  description: string | null;
  header_image: string | null;
  review_summary: string | null;
  review_positive_pct: number | null;
  review_count: number | null;
  // Fields other tools add; rendered when present.
  rank?: number;
  languages?: { schinese?: LanguageSupport; tchinese?: LanguageSupport; english?: LanguageSupport } | null;
  deck?: 'verified' | 'playable' | 'unsupported' | 'unknown';
  review_schinese_pct?: number | null;
  review_schinese_count?: number | null;
  current_players?: number | null;
  recommendation_score?: number;
  recommendation_reason?: string;
  highlights?: string[];
}

export interface Details extends Game {
  developers?: string[];
  publishers?: string[];
  genres?: string[];
  screenshots?: string[];
  metacritic?: { score: number } | null;
}

export type View =
  | { kind: 'list'; title: string; games: Game[]; warnings: string[] }
  | { kind: 'details'; game: Details; warnings: string[] }
  | { kind: 'error'; message: string };

/** Turns a tool result into what to show: recommendations, a game list or one game's details. */
export function viewOf(result: Record<string, unknown>, toolName: string | undefined): View {
  const structured = result.structuredContent as Record<string, unknown> | undefined;
  if (result.isError || !structured) {
    const content = result.content as { type: string; text?: string }[] | undefined;
    const text = content?.find((c) => c.type === 'text')?.text ?? '';
    let message = text;
    try {
      message = (JSON.parse(text) as { error?: string }).error ?? text;
    } catch {
      // plain text error
    }
    return { kind: 'error', message };
  }
  const warnings = Array.isArray(structured.warnings) ? (structured.warnings as string[]) : [];
  if (structured.details) return { kind: 'details', game: structured.details as Details, warnings };
  const games = (structured.recommendations ?? structured.games ?? []) as Game[];
  const title = typeof structured.query === 'string' ? structured.query : (toolName ?? '');
  return { kind: 'list', title, games, warnings };
}

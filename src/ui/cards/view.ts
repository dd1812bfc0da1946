import type { Details, Game, View } from './model.js';
import { formatCount, formatPrice, words } from './text.js';

/** What the cards can ask the host to do. */
export interface Actions {
  details(game: Game): void;
  openSteam(url: string): void;
  /** Present only when the server lists find_similar_games. */
  similar?(game: Game): void;
  back?(): void;
}

type Child = Node | string | null | undefined | false;

/** Builds an element; data goes in as text nodes, never as HTML. */
function h(tag: string, attrs: Record<string, string> = {}, ...children: Child[]): HTMLElement {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  for (const c of children) if (c) el.append(c);
  return el;
}

function button(label: string, cls: string, onClick: () => void, name: string): HTMLElement {
  const b = h('button', { type: 'button', class: cls, 'aria-label': `${label}: ${name}` }, label);
  b.addEventListener('click', onClick);
  return b;
}

export function render(root: HTMLElement, view: View, actions: Actions): void {
  root.replaceChildren(
    view.kind === 'error'
      ? h('p', { class: 'error', role: 'alert' }, view.message)
      : view.kind === 'details'
        ? detailView(view.game, view.warnings, actions)
        : listView(view.title, view.games, view.warnings, actions),
  );
}

export function renderMessage(root: HTMLElement, message: string, cls = 'status'): void {
  root.replaceChildren(h('p', { class: cls, role: cls === 'error' ? 'alert' : 'status' }, message));
}

function listView(title: string, games: Game[], warnings: string[], actions: Actions): HTMLElement {
  return h(
    'section',
    { class: 'list', 'aria-label': title || words.results(games.length) },
    h(
      'header',
      { class: 'list-head' },
      h('h2', { tabindex: '-1' }, title),
      h('span', { class: 'count' }, words.results(games.length)),
    ),
    warningList(warnings),
    games.length
      ? h('ul', { class: 'grid' }, ...games.map((g) => h('li', {}, card(g, actions))))
      : h('p', { class: 'status' }, words.empty),
  );
}

function card(game: Game, actions: Actions): HTMLElement {
  return h(
    'article',
    { class: 'card', 'data-app-id': game.app_id },
    cover(game.header_image, game.name, game.rank),
    h(
      'div',
      { class: 'body' },
      h('h3', { class: 'name' }, game.name),
      badges(game),
      price(game),
      reviews(game),
      recommendation(game),
      game.tags.length ? h('p', { class: 'tags' }, game.tags.slice(0, 4).join(' · ')) : null,
      h(
        'div',
        { class: 'actions' },
        button(words.details, 'primary details', () => actions.details(game), game.name),
        button(words.steam, 'open-steam', () => actions.openSteam(game.url), game.name),
        actions.similar && button(words.similar, 'similar', () => actions.similar!(game), game.name),
      ),
    ),
  );
}

function cover(src: string | null, name: string, rank?: number): HTMLElement {
  const frame = h('div', { class: 'cover' });
  if (src) frame.append(h('img', { src, alt: name, loading: 'lazy', width: '460', height: '215' }));
  if (rank !== undefined) frame.append(h('span', { class: 'rank' }, `#${rank}`));
  return frame;
}

function badges(game: Game): HTMLElement | null {
  const list: HTMLElement[] = [];
  if (game.discount > 0) list.push(h('span', { class: 'badge discount' }, `-${game.discount}%`));
  if (game.deck && game.deck !== 'unknown')
    list.push(h('span', { class: `badge deck deck-${game.deck}` }, words.deck[game.deck]));
  const zh = game.languages?.schinese ?? game.languages?.tchinese;
  if (zh && (zh.interface || zh.subtitles || zh.full_audio)) {
    const label = game.languages?.schinese ? words.schinese : words.tchinese;
    list.push(h('span', { class: 'badge chinese' }, zh.full_audio ? `${label} · ${words.audio}` : label));
  }
  return list.length ? h('div', { class: 'badges' }, ...list) : null;
}

function price(game: Game): HTMLElement {
  const row = h('p', { class: 'price' });
  if (game.is_free) row.append(h('span', { class: 'now' }, words.free));
  else if (game.price === null) row.append(h('span', { class: 'now muted' }, words.noPrice));
  else {
    row.append(h('span', { class: 'now' }, formatPrice(game.price, game.currency)));
    if (game.original_price !== null && game.original_price > game.price)
      row.append(' ', h('s', { class: 'was' }, formatPrice(game.original_price, game.currency)));
  }
  return row;
}

function bar(label: string, pct: number, count: number | null | undefined, cls: string): HTMLElement {
  const shown = Math.max(0, Math.min(100, Math.round(pct)));
  const fill = h('span', { class: 'fill' });
  fill.style.width = `${shown}%`; // CSSOM, not a style attribute: allowed under any CSP
  return h(
    'div',
    { class: `review ${cls}` },
    h('span', { class: 'label' }, `${label} ${shown}%${count ? ` (${formatCount(count)})` : ''}`),
    h(
      'span',
      {
        class: 'track',
        role: 'meter',
        'aria-valuemin': '0',
        'aria-valuemax': '100',
        'aria-valuenow': String(shown),
        'aria-label': label,
      },
      fill,
    ),
  );
}

function reviews(game: Game): HTMLElement | null {
  const parts: HTMLElement[] = [];
  if (game.review_positive_pct != null)
    parts.push(bar(game.review_summary ?? words.reviews, game.review_positive_pct, game.review_count, 'all'));
  if (game.review_schinese_pct != null)
    parts.push(bar(words.reviewsZh, game.review_schinese_pct, game.review_schinese_count, 'zh'));
  if (game.current_players != null)
    parts.push(h('p', { class: 'players' }, `${words.players} ${formatCount(game.current_players)}`));
  return parts.length ? h('div', { class: 'reviews' }, ...parts) : null;
}

function recommendation(game: Game): HTMLElement | null {
  if (game.recommendation_score === undefined) return null;
  return h(
    'div',
    { class: 'rec' },
    h('span', { class: 'score' }, `${words.score} ${Math.round(game.recommendation_score)}`),
    game.recommendation_reason ? h('p', { class: 'reason' }, game.recommendation_reason) : null,
    game.highlights?.length
      ? h('ul', { class: 'highlights' }, ...game.highlights.map((x) => h('li', {}, x)))
      : null,
  );
}

function warningList(warnings: string[]): HTMLElement | null {
  return warnings.length ? h('ul', { class: 'warnings' }, ...warnings.map((w) => h('li', {}, w))) : null;
}

function facts(game: Details): HTMLElement {
  const rows: [string, string][] = [];
  if (game.release_date) rows.push([words.release, game.release_date]);
  if (game.developers?.length) rows.push([words.developers, game.developers.join(', ')]);
  if (game.publishers?.length) rows.push([words.publishers, game.publishers.join(', ')]);
  if (game.genres?.length) rows.push([words.genres, game.genres.join(' · ')]);
  if (game.metacritic) rows.push(['Metacritic', String(game.metacritic.score)]);
  return h('dl', { class: 'facts' }, ...rows.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
}

function detailView(game: Details, warnings: string[], actions: Actions): HTMLElement {
  const shots = game.screenshots ?? [];
  return h(
    'article',
    { class: 'detail', 'data-app-id': game.app_id },
    actions.back ? button(words.back, 'back', actions.back, game.name) : null,
    cover(game.header_image, game.name),
    h('h2', { class: 'name', tabindex: '-1' }, game.name),
    badges(game),
    price(game),
    reviews(game),
    warningList(warnings),
    game.description ? h('p', { class: 'description' }, game.description) : null,
    facts(game),
    shots.length
      ? h(
          'section',
          { class: 'shots', 'aria-label': words.screenshots },
          h('h3', {}, words.screenshots),
          h(
            'div',
            { class: 'shot-grid' },
            ...shots.map((src, i) => h('img', { src, alt: `${game.name} ${i + 1}`, loading: 'lazy' })),
          ),
        )
      : null,
    h(
      'div',
      { class: 'actions' },
      button(words.steam, 'primary open-steam', () => actions.openSteam(game.url), game.name),
      actions.similar && button(words.similar, 'similar', () => actions.similar!(game), game.name),
    ),
  );
}

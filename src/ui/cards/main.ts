import { HostBridge } from './bridge.js';
import { viewOf, type Game, type View } from './model.js';
import { setLocale, words } from './text.js';
import { render, renderMessage, type Actions } from './view.js';

/**
 * The game cards: waits for the tool result the host sends, renders it, and turns clicks into
 * host requests (tools/call, ui/open-link). Tools the server offers are written into
 * <html data-tools> at build time.
 */
const root = document.getElementById('app')!;
const tools = new Set((document.documentElement.dataset.tools ?? '').split(' '));
const bridge = new HostBridge();
let toolName: string | undefined;
/** The list a detail view returns to. */
let listView: View | undefined;

function applyContext(context: Record<string, unknown>): void {
  if (context.theme === 'light' || context.theme === 'dark')
    document.documentElement.dataset.theme = context.theme;
  const vars = (context.styles as { variables?: Record<string, string | undefined> } | undefined)?.variables;
  for (const [name, value] of Object.entries(vars ?? {}))
    if (name.startsWith('--') && value) document.documentElement.style.setProperty(name, value);
  setLocale(context.locale);
  const info = context.toolInfo as { tool?: { name?: string } } | undefined;
  if (info?.tool?.name) toolName = info.tool.name;
}

async function callTool(name: string, args: Record<string, unknown>): Promise<void> {
  renderMessage(root, words.loading);
  try {
    const result = await bridge.request<Record<string, unknown>>('tools/call', { name, arguments: args });
    show(viewOf(result, name));
  } catch (error) {
    renderMessage(root, words.failed + (error as Error).message, 'error');
  }
}

const actions: Actions = {
  details: (game: Game) => void callTool('get_game_details', { game_identifier: game.app_id }),
  openSteam: (url: string) => {
    // The sandbox never navigates itself: the host opens the store page.
    bridge
      .request('ui/open-link', { url })
      .catch((error: Error) => renderMessage(root, words.failed + error.message, 'error'));
  },
  similar: tools.has('find_similar_games')
    ? (game: Game) => void callTool('find_similar_games', { game_identifier: game.app_id })
    : undefined,
};

function show(view: View): void {
  if (view.kind === 'list') listView = view;
  const back = view.kind === 'details' && listView ? () => show(listView!) : undefined;
  render(root, view, { ...actions, back });
  // Keyboard users land on the new view, not on a button that no longer exists.
  root.querySelector<HTMLElement>('h2, .back')?.focus({ preventScroll: true });
  window.scrollTo(0, 0);
}

bridge.on('ui/notifications/tool-result', (result) => show(viewOf(result, toolName)));
bridge.on('ui/notifications/host-context-changed', applyContext);
bridge.on('ui/notifications/tool-cancelled', () => renderMessage(root, words.empty));

let lastHeight = 0;
new ResizeObserver(() => {
  const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
  if (height === lastHeight) return;
  lastHeight = height;
  bridge.notify('ui/notifications/size-changed', { height });
}).observe(document.documentElement);

renderMessage(root, words.loading);
bridge
  .connect({ name: 'steam-game-cards', version: '1.0.0' })
  .then(applyContext)
  .catch((error: Error) => renderMessage(root, words.failed + error.message, 'error'));

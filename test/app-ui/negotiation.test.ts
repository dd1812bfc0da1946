import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CARD_TOOLS, CARDS_URI, UI_EXTENSION, UI_MIME_TYPE, withAppUi } from '../../src/server/app-ui.js';
import { listTools } from '../../src/server/listed-tool.js';
import { allTools } from '../../src/tools/index.js';
import { startFakeSteam, type FakeSteam } from '../helpers/fake-steam.js';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.js';

interface Connection {
  client: Client;
  /** The raw bodies of the server's answers to POSTs so far, as received. */
  bodies(): Promise<string[]>;
}

async function connect(url: string, extensions?: Record<string, object>): Promise<Connection> {
  const client = new Client(
    { name: 'app-ui-negotiation', version: '1.0.0' },
    { capabilities: extensions ? { extensions } : {} },
  );
  const bodies: Promise<string>[] = [];
  const recording: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    if (init?.method === 'POST') bodies.push(response.clone().text());
    return response;
  };
  await client.connect(new StreamableHTTPClientTransport(new URL(`${url}/mcp`), { fetch: recording }));
  return { client, bodies: () => Promise.all(bodies) };
}

/** The last raw answer containing `marker`, with the JSON-RPC id blanked. */
async function rawAnswer(conn: Connection, marker: string): Promise<string> {
  const found = (await conn.bodies()).filter((b) => b.includes(marker)).at(-1);
  if (!found) throw new Error(`no answer with ${marker}`);
  return found.replace(/"id":\d+/, '"id":0');
}

/** What the server declares without the UI (tools, prompts and their completions). */
const PLAIN_CAPABILITIES = {
  tools: { listChanged: false },
  prompts: { listChanged: false },
  completions: {},
};

describe('MCP Apps negotiation (built server, Streamable HTTP, fake Steam)', () => {
  let steam: FakeSteam;
  let server: ServerProcess;
  let plainConn: Connection;
  let otherConn: Connection;
  let uiConn: Connection;
  let plain: Client;
  let otherUi: Client;
  let ui: Client;

  beforeAll(async () => {
    steam = await startFakeSteam();
    server = await startServerProcess({
      STEAM_STORE_URL: steam.url,
      STEAM_API_URL: steam.url,
      STEAM_RETRIES: '0',
    });
    plainConn = await connect(server.url);
    // Declares the extension, but not the HTML profile: it cannot render the cards.
    otherConn = await connect(server.url, { [UI_EXTENSION]: { mimeTypes: ['text/uri-list'] } });
    uiConn = await connect(server.url, { [UI_EXTENSION]: { mimeTypes: [UI_MIME_TYPE] } });
    [plain, otherUi, ui] = [plainConn.client, otherConn.client, uiConn.client];
  });

  afterAll(async () => {
    for (const client of [plain, otherUi, ui]) await client?.close();
    await server?.stop();
    await steam?.close();
  });

  it('clients without the extension get exactly the tools-only server of before', async () => {
    // tools/list on the wire: the build-time listing, byte for byte, and nothing else.
    const today = `{"result":{"tools":${JSON.stringify(listTools(allTools))}},"jsonrpc":"2.0","id":0}`;
    for (const conn of [plainConn, otherConn]) {
      const client = conn.client;
      expect(client.getServerCapabilities()).toEqual(PLAIN_CAPABILITIES);
      const init = await rawAnswer(conn, '"serverInfo"');
      expect(init).toContain(`"capabilities":${JSON.stringify(PLAIN_CAPABILITIES)}`);
      await client.listTools();
      expect(await rawAnswer(conn, '"tools":[')).toContain(`data: ${today}\n`);
      await expect(client.listResources()).rejects.toThrow(/Method not found/);
      await expect(client.readResource({ uri: CARDS_URI })).rejects.toThrow(/Method not found/);
    }
  });

  it('UI clients get _meta.ui.resourceUri on the card tools, and the resources capability', async () => {
    expect(ui.getServerCapabilities()).toEqual({ ...PLAIN_CAPABILITIES, resources: {} });
    const { tools } = await ui.listTools();
    expect(tools).toEqual(withAppUi(listTools(allTools)));
    const withUi = tools.filter((t) => t._meta);
    expect(withUi.map((t) => t.name).sort()).toEqual(
      allTools
        .map((t) => t.name)
        .filter((name) => CARD_TOOLS.has(name))
        .sort(),
    );
    expect(withUi.length).toBeGreaterThanOrEqual(6); // the five list tools and get_game_details
    for (const tool of withUi) expect(tool._meta).toEqual({ ui: { resourceUri: CARDS_URI } });
    // Apart from _meta, the entries are the plain ones.
    const plainTools = (await plain.listTools()).tools;
    expect(tools.map(({ _meta: _m, ...rest }) => rest)).toEqual(plainTools);
  });

  it('serves one small HTML resource with its CSP (Steam CDN images only)', async () => {
    const { resources } = await ui.listResources();
    expect(resources).toEqual([expect.objectContaining({ uri: CARDS_URI, mimeType: UI_MIME_TYPE })]);
    const { contents } = await ui.readResource({ uri: CARDS_URI });
    expect(contents).toHaveLength(1);
    const [content] = contents as [{ uri: string; mimeType: string; text: string; _meta: unknown }];
    expect(content.uri).toBe(CARDS_URI);
    expect(content.mimeType).toBe(UI_MIME_TYPE);
    expect(content.text).toMatch(/^<!doctype html>/i);
    expect(Buffer.byteLength(content.text)).toBeLessThan(60 * 1024);
    // Inline CSS and JS: nothing for the host to fetch from anywhere but the image CDN.
    expect(content.text).not.toMatch(/<script[^>]+src=|<link[^>]+href=/i);
    expect(content._meta).toEqual({
      ui: {
        csp: { resourceDomains: ['https://*.steamstatic.com', 'https://steamcdn-a.akamaihd.net'] },
        prefersBorder: false,
      },
    });
    await expect(ui.readResource({ uri: 'ui://steam-game-mcp/other.html' })).rejects.toThrow(
      /Unknown resource/,
    );
  });

  it('tool results are the same bytes for UI and plain clients', async () => {
    const args = { name: 'search_games', arguments: { keywords: '黑神话', max_results: 3 } };
    const a = await plain.callTool(args);
    await ui.callTool(args);
    expect(a.isError).toBeFalsy();
    const [rawPlain, rawUi] = await Promise.all([
      rawAnswer(plainConn, '黑神话'),
      rawAnswer(uiConn, '黑神话'),
    ]);
    expect(rawPlain).toContain('"structuredContent"');
    expect(rawUi).toBe(rawPlain);
  });
});

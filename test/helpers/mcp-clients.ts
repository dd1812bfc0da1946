import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { BUNDLE, ROOT, baseEnv } from './server-process.js';

export type TransportName = 'sse' | 'streamable' | 'stdio';

/** Every tool (sorted): the six of the Python server, the wallet tools and find_similar_games. */
export const TOOL_NAMES = [
  'compare_region_prices',
  'find_similar_games',
  'get_discounted_games',
  'get_free_games',
  'get_game_details',
  'get_price_verdict',
  'get_top_games',
  'get_wishlist_deals',
  'recommend_games',
  'search_games',
];

export interface Connected {
  client: Client;
  close(): Promise<void>;
}

/** A real SDK client over the named transport. */
export async function connectClient(
  transport: TransportName,
  target: { url?: string; env?: Record<string, string> },
): Promise<Connected> {
  const client = new Client({ name: 'steam-game-mcp-tests', version: '1.0.0' });
  if (transport === 'sse') {
    await client.connect(new SSEClientTransport(new URL(`${target.url}/sse`)));
  } else if (transport === 'streamable') {
    await client.connect(new StreamableHTTPClientTransport(new URL(`${target.url}/mcp`)));
  } else {
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [BUNDLE, '--stdio'],
        env: baseEnv(target.env),
        cwd: ROOT,
        stderr: 'ignore',
      }),
    );
  }
  return { client, close: () => client.close() };
}

/** The structured result of a successful tool call; fails the test with the text otherwise. */
export async function callTool<T = Record<string, unknown>>(
  client: Client,
  name: string,
  args: Record<string, unknown>,
): Promise<T> {
  const result = await client.callTool({ name, arguments: args });
  if (result.isError) throw new Error(`${name} failed: ${JSON.stringify(result.content)}`);
  return result.structuredContent as T;
}

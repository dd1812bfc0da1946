import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { TtlCache } from '../../src/http/ttl-cache.js';
import { silentLogger, type Logger } from '../../src/observability/logger.js';
import { noopMetrics } from '../../src/observability/metrics.js';
import { PromptCompleter } from '../../src/prompts/complete.js';
import { createPrompts } from '../../src/prompts/prompts.js';
import { createMcpServer, type ServerDeps } from '../../src/server/create-server.js';
import { listTools } from '../../src/server/listed-tool.js';
import { ToolRegistry } from '../../src/server/tool-registry.js';
import { allTools, type ToolDefinition, type ToolDeps } from '../../src/tools/index.js';

/**
 * The real MCP server, tool registry and tools in this process, talking to a real SDK client over
 * the SDK's in-memory transport, with the services a test gives. No bundle, socket or child
 * process: a tool's tests need no `npm run build` and take milliseconds. The e2e suites keep
 * spawning the built bundle over stdio, SSE and Streamable HTTP.
 */
export interface InProcessOptions extends Partial<ToolDeps> {
  /** Default: every tool the server offers. */
  tools?: readonly ToolDefinition[];
  logger?: Logger;
  /** TOOL_DEADLINE_MS of the registry. */
  deadlineMs?: number;
  admitCall?: ServerDeps['admitCall'];
}

export interface InProcess {
  client: Client;
  close(): Promise<void>;
}

export async function connectInProcess(options: InProcessOptions = {}): Promise<InProcess> {
  const tools = options.tools ?? allTools;
  const deps: ToolDeps = {
    catalog: options.catalog ?? notGiven('catalog'),
    recommender: options.recommender ?? notGiven('recommender'),
    wallet: options.wallet ?? notGiven('wallet'),
  };
  const logger = options.logger ?? silentLogger;
  const registry = new ToolRegistry(
    listTools(tools),
    async () => ({ tools, deps }),
    noopMetrics,
    undefined, // no reuse of finished results: every call in a test runs its tool
    options.deadlineMs,
  );
  const completer = new PromptCompleter({
    loadCatalog: async () => deps.catalog,
    logger,
    cache: new TtlCache({ maxEntries: 100, ttlMs: 60_000 }),
  });
  const prompts = createPrompts(completer);
  const server = createMcpServer(
    { registry, logger, version: '0.0.0-test', prompts: async () => prompts, admitCall: options.admitCall },
    'in-process',
    'in-process',
  );
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const client = new Client({ name: 'steam-game-mcp-tests', version: '1.0.0' });
  await client.connect(clientSide);
  return {
    client,
    async close() {
      await client.close();
      await server.close();
    },
  };
}

/** The text of a tool result (what a model reads). */
export function resultText(result: CallToolResult | Record<string, unknown>): string {
  const content = (result.content ?? []) as { type: string; text?: string }[];
  return content.map((c) => c.text ?? '').join('\n');
}

/** A service the test did not give: using it fails the call loudly instead of passing by accident. */
function notGiven<T extends object>(name: string): T {
  return new Proxy({} as T, {
    get(_target, key) {
      if (key === 'then') return undefined; // not a thenable
      throw new Error(`in-process server: the test gave no ${name} (asked for ${String(key)})`);
    },
  });
}

import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  CallToolRequestSchema,
  CompleteRequestSchema,
  GetPromptRequestSchema,
  InitializeRequestSchema,
  ListPromptsRequestSchema,
  ListResourcesRequestSchema,
  ListToolsRequestSchema,
  McpError,
  ErrorCode,
  ReadResourceRequestSchema,
  type InitializeRequest,
  type InitializeResult,
} from '@modelcontextprotocol/sdk/types.js';
import type { Logger } from '../observability/logger.js';
import type { Prompts } from '../prompts/prompts.js';
import { acceptsAppUi, CARDS_RESOURCE, CARDS_URI, readCardsResource, withAppUi } from './app-ui.js';
import type { ListedTool } from './listed-tool.js';
import { INSTRUCTIONS } from './instructions.js';
import { errorResult, type ToolRegistry } from './tool-registry.js';

export interface ServerDeps {
  registry: ToolRegistry;
  logger: Logger;
  version: string;
  /** Asked before each tool call with the client key; a string is a refusal (rate limit). */
  admitCall?: (client: string) => Promise<string | undefined>;
  /**
   * The prompts and their completions, shared by every session; loaded at the first prompts/* or
   * completion/* request, so sessions that never ask do not pay for them.
   */
  prompts: () => Promise<Prompts>;
  /** Asked before a completion looks a game name up in the store; false = no suggestions. */
  admitLookup?: (client: string) => Promise<boolean>;
}

const NO_ELICITATION = {
  getValidator(): never {
    throw new Error('steam-game-mcp does not request elicitation');
  },
};

/**
 * One MCP server per session (stdio process, SSE stream, Streamable HTTP session). Cheap:
 * tool schemas, the Steam client and its cache live in the shared registry.
 */
export function createMcpServer(deps: ServerDeps, sessionKey: string, client: string): Server {
  const server = new Server(
    { name: 'steam-game-mcp', title: 'Steam Game MCP', version: deps.version },
    {
      // `resources` serves the MCP Apps UI; only clients that declare the extension are told
      // (see negotiateAppUi).
      capabilities: {
        tools: { listChanged: false },
        prompts: { listChanged: false },
        completions: {},
        resources: {},
      },
      instructions: INSTRUCTIONS,
      // The SDK would build an Ajv instance per session for elicitation, which this server never
      // uses; without it sessions are lighter and the bundle leaves Ajv out (scripts/build.mjs).
      jsonSchemaValidator: NO_ELICITATION,
    },
  );
  // Made on first use: thousands of idle sessions should not each hold a child logger.
  let logger: Logger | undefined;
  const sessionLogger = () => (logger ??= deps.logger.child({ session: sessionKey }));
  registerPrompts(server, deps.prompts, async () => (await deps.admitLookup?.(client)) ?? true);
  const appUi = negotiateAppUi(server);
  server.setRequestHandler(ListToolsRequestSchema, () =>
    appUi() ? uiListResult(deps.registry.listed) : deps.registry.listResult,
  );
  server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    const refusal = await deps.admitCall?.(client);
    if (refusal) return errorResult(refusal);
    const progressToken = request.params._meta?.progressToken;
    return deps.registry.call(request.params.name, request.params.arguments, {
      signal: extra.signal,
      logger: sessionLogger(),
      progress(progress, total, message) {
        if (progressToken === undefined) return;
        extra
          .sendNotification({
            method: 'notifications/progress',
            params: { progressToken, progress, total, message },
          })
          .catch((error: unknown) =>
            sessionLogger().debug({ err: error }, 'progress notification not delivered'),
          );
      },
    });
  });
  return server;
}

/** prompts/list, prompts/get and completion/complete; `admitLookup` caps store lookups. */
function registerPrompts(
  server: Server,
  prompts: () => Promise<Prompts>,
  admitLookup: () => Promise<boolean>,
): void {
  server.setRequestHandler(ListPromptsRequestSchema, async () => (await prompts()).list());
  server.setRequestHandler(GetPromptRequestSchema, async (request) => {
    const result = (await prompts()).get(request.params.name, request.params.arguments ?? {});
    if (typeof result === 'string') throw new McpError(ErrorCode.InvalidParams, result);
    return result;
  });
  server.setRequestHandler(CompleteRequestSchema, async (request) => {
    const { ref, argument } = request.params;
    if (ref.type !== 'ref/prompt') return { completion: { values: [], total: 0, hasMore: false } };
    const completion = await (await prompts()).complete(ref.name, argument.name, argument.value, admitLookup);
    return { completion };
  });
}

let uiListed: { of: readonly ListedTool[]; result: { tools: ListedTool[] } } | undefined;
/** The UI clients' tools/list result, computed once (the listing is the same for every session). */
function uiListResult(listed: readonly ListedTool[]): { tools: ListedTool[] } {
  if (uiListed?.of !== listed) uiListed = { of: listed, result: { tools: withAppUi(listed) } };
  return uiListed.result;
}

/**
 * MCP Apps negotiation. The server declares `resources` (the SDK refuses resource handlers
 * otherwise), but initialize tells only clients that declare the UI extension; to every other
 * client the server looks as it did before the cards: tools only, no `_meta.ui`.
 * Returns whether this session's client takes the UI.
 */
function negotiateAppUi(server: Server): () => boolean {
  // The SDK's own initialize (version negotiation, client capabilities), answered as usual and
  // then trimmed: the SDK has no public hook for per-client capabilities.
  const sdk = server as unknown as { _oninitialize(request: InitializeRequest): Promise<InitializeResult> };
  const sdkInitialize = sdk._oninitialize.bind(server);
  const appUi = () => acceptsAppUi(server.getClientCapabilities());
  server.setRequestHandler(InitializeRequestSchema, async (request) => {
    const result = await sdkInitialize(request);
    if (appUi()) return result;
    const { resources: _hidden, ...capabilities } = result.capabilities;
    return { ...result, capabilities };
  });
  const refuse = () => {
    throw new McpError(ErrorCode.MethodNotFound, 'Method not found');
  };
  server.setRequestHandler(ListResourcesRequestSchema, () =>
    appUi() ? { resources: [CARDS_RESOURCE] } : refuse(),
  );
  server.setRequestHandler(ReadResourceRequestSchema, (request) => {
    if (!appUi()) return refuse();
    if (request.params.uri !== CARDS_URI)
      throw new McpError(ErrorCode.InvalidParams, `Unknown resource: ${request.params.uri.slice(0, 80)}`);
    return readCardsResource();
  });
  return appUi;
}

import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import type { Logger } from '../observability/logger.js';
import type { PromptCompleter } from '../prompts/complete.js';
import { registerPrompts } from '../prompts/prompts.js';
import { INSTRUCTIONS } from './instructions.js';
import { errorResult, type ToolRegistry } from './tool-registry.js';

export interface ServerDeps {
  registry: ToolRegistry;
  logger: Logger;
  version: string;
  /** Asked before each tool call with the client key; a string is a refusal (rate limit). */
  admitCall?: (client: string) => string | undefined;
  /** Completes prompt arguments; shared by every session (its cache is). */
  completer: PromptCompleter;
  /** Asked before a completion looks a game name up in the store; false = no suggestions. */
  admitLookup?: (client: string) => boolean;
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
      capabilities: { tools: { listChanged: false }, prompts: { listChanged: false }, completions: {} },
      instructions: INSTRUCTIONS,
      // The SDK would build an Ajv instance per session for elicitation, which this server never
      // uses; without it sessions are lighter and the bundle leaves Ajv out (scripts/build.mjs).
      jsonSchemaValidator: NO_ELICITATION,
    },
  );
  // Made on first use: thousands of idle sessions should not each hold a child logger.
  let logger: Logger | undefined;
  const sessionLogger = () => (logger ??= deps.logger.child({ session: sessionKey }));
  registerPrompts(server, deps.completer, () => deps.admitLookup?.(client) ?? true);
  server.setRequestHandler(ListToolsRequestSchema, () => deps.registry.listResult);
  server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    const refusal = deps.admitCall?.(client);
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

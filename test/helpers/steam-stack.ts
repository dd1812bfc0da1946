import { startFakeSteam, type FakeSteam } from './fake-steam.js';
import { connectClient, type Connected } from './mcp-clients.js';
import { startServerProcess, type ServerProcess } from './server-process.js';

/** The fake Steam, the built server pointed at it, and a Streamable HTTP client on it. */
export interface SteamStack {
  steam: FakeSteam;
  server: ServerProcess;
  conn: Connected;
  close(): Promise<void>;
}

/** Most e2e suites' setup: `env` adds to (or overrides) the Steam URLs the server gets. */
export async function startSteamStack(env: Record<string, string> = {}): Promise<SteamStack> {
  const steam = await startFakeSteam();
  const server = await startServerProcess({ STEAM_STORE_URL: steam.url, STEAM_API_URL: steam.url, ...env });
  const conn = await connectClient('streamable', { url: server.url });
  return {
    steam,
    server,
    conn,
    async close() {
      await conn.close();
      await server.stop();
      await steam.close();
    },
  };
}

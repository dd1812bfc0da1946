import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { Runtime } from '../runtime.js';

/** One session over stdin/stdout; resolves when the client closes the pipe. */
export async function serveStdio(runtime: Runtime): Promise<void> {
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((resolve) => {
    transport.onclose = resolve;
    process.stdin.once('end', resolve);
  });
  await runtime.newServer('stdio', 'stdio').connect(transport);
  await closed;
}

// The baseline for bench/load.mjs: the official MCP TypeScript SDK's minimal SSE example server
// (node_modules/@modelcontextprotocol/sdk/dist/esm/examples/server/simpleSseServer.js), reproduced
// line for line with the SDK's own McpServer + SSEServerTransport + createMcpExpressApp. Differences,
// all needed to benchmark it and none on the request path:
// - the example hard-codes port 3000 and listens on every interface: here PORT comes from the
//   environment and it listens on 127.0.0.1 only, and prints one JSON line with the port to stderr;
// - one trivial tool, `echo`, is registered beside the example's `start-notification-stream` (which
//   sleeps between notifications and so cannot serve as the cheap tool of the call phase).
// Everything else, including the console.log on every request, is as in the example; the bench
// sends stdout to /dev/null.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';
import { createMcpExpressApp } from '@modelcontextprotocol/sdk/server/express.js';
import * as z from 'zod/v4';
import { setTimeout } from 'node:timers';

const getServer = () => {
  const server = new McpServer(
    {
      name: 'simple-sse-server',
      version: '1.0.0',
    },
    { capabilities: { logging: {} } },
  );
  server.registerTool(
    'start-notification-stream',
    {
      description: 'Starts sending periodic notifications',
      inputSchema: {
        interval: z.number().describe('Interval in milliseconds between notifications').default(1000),
        count: z.number().describe('Number of notifications to send').default(10),
      },
    },
    async ({ interval, count }, extra) => {
      const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
      let counter = 0;
      await server.sendLoggingMessage(
        {
          level: 'info',
          data: `Starting notification stream with ${count} messages every ${interval}ms`,
        },
        extra.sessionId,
      );
      while (counter < count) {
        counter++;
        await sleep(interval);
        try {
          await server.sendLoggingMessage(
            {
              level: 'info',
              data: `Notification #${counter} at ${new Date().toISOString()}`,
            },
            extra.sessionId,
          );
        } catch (error) {
          console.error('Error sending notification:', error);
        }
      }
      return {
        content: [
          {
            type: 'text',
            text: `Completed sending ${count} notifications every ${interval}ms`,
          },
        ],
      };
    },
  );
  // Added for the benchmark: the cheapest possible tool.
  server.registerTool(
    'echo',
    {
      description: 'Echoes the message back',
      inputSchema: { message: z.string().describe('Text to echo') },
    },
    async ({ message }) => ({ content: [{ type: 'text', text: message }] }),
  );
  return server;
};

const app = createMcpExpressApp();
const transports = {};

app.get('/mcp', async (req, res) => {
  console.log('Received GET request to /sse (establishing SSE stream)');
  try {
    const transport = new SSEServerTransport('/messages', res);
    const sessionId = transport.sessionId;
    transports[sessionId] = transport;
    transport.onclose = () => {
      console.log(`SSE transport closed for session ${sessionId}`);
      delete transports[sessionId];
    };
    const server = getServer();
    await server.connect(transport);
    console.log(`Established SSE stream with session ID: ${sessionId}`);
  } catch (error) {
    console.error('Error establishing SSE stream:', error);
    if (!res.headersSent) {
      res.status(500).send('Error establishing SSE stream');
    }
  }
});

app.post('/messages', async (req, res) => {
  console.log('Received POST request to /messages');
  const sessionId = req.query.sessionId;
  if (!sessionId) {
    console.error('No session ID provided in request URL');
    res.status(400).send('Missing sessionId parameter');
    return;
  }
  const transport = transports[sessionId];
  if (!transport) {
    console.error(`No active transport found for session ID: ${sessionId}`);
    res.status(404).send('Session not found');
    return;
  }
  try {
    await transport.handlePostMessage(req, res, req.body);
  } catch (error) {
    console.error('Error handling request:', error);
    if (!res.headersSent) {
      res.status(500).send('Error handling request');
    }
  }
});

const PORT = Number(process.env.PORT ?? 3000);
const listener = app.listen(PORT, '127.0.0.1', (error) => {
  if (error) {
    console.error('Failed to start server:', error);
    process.exit(1);
  }
  const { port } = listener.address();
  console.log(`Simple SSE Server (deprecated protocol version 2024-11-05) listening on port ${port}`);
  console.error(JSON.stringify({ msg: `listening on http://127.0.0.1:${port}`, port }));
});

process.on('SIGINT', async () => {
  console.log('Shutting down server...');
  for (const sessionId in transports) {
    try {
      console.log(`Closing transport for session ${sessionId}`);
      await transports[sessionId].close();
      delete transports[sessionId];
    } catch (error) {
      console.error(`Error closing transport for session ${sessionId}:`, error);
    }
  }
  console.log('Server shutdown complete');
  process.exit(0);
});

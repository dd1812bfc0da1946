import pino from 'pino';
import type { LogLevel } from './logger.js';

/** Keys whose values never reach a log line, wherever they appear. */
const REDACT = [
  'apiKey',
  '*.apiKey',
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
  'DASHSCOPE_API_KEY',
  '*.DASHSCOPE_API_KEY',
  'MCP_AUTH_TOKEN',
  '*.MCP_AUTH_TOKEN',
  'token',
  '*.token',
];

/**
 * JSON logs to stderr (stdout belongs to the protocol in stdio mode). `now` gives each line's
 * time, so lines recorded before pino was loaded keep the time they happened.
 */
export function createPinoLogger(
  level: LogLevel,
  destination: pino.DestinationStream = pino.destination(2),
  now: () => number = Date.now,
): pino.Logger {
  return pino(
    {
      name: 'steam-game-mcp',
      level,
      base: { pid: process.pid },
      redact: { paths: REDACT, censor: '[redacted]' },
      timestamp: () => `,"time":"${new Date(now()).toISOString()}"`,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}

import pino from 'pino';
import type { Logger as PinoLogger, Level } from 'pino';

export type Logger = PinoLogger;

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

/** JSON logs to stderr (stdout belongs to the protocol in stdio mode). */
export function createLogger(
  level: Level | 'silent',
  destination: pino.DestinationStream = pino.destination(2),
) {
  return pino(
    {
      name: 'steam-game-mcp',
      level,
      base: { pid: process.pid },
      redact: { paths: REDACT, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}

export const silentLogger: Logger = pino({ level: 'silent' });

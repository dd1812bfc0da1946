import { Writable } from 'node:stream';
import { createPinoLogger } from '../../src/observability/pino-logger.js';
import type { Logger } from '../../src/observability/logger.js';

/** A real pino logger (with the production redaction) writing into memory. */
export function captureLogger(now?: () => number): { logger: Logger; output: () => string } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return { logger: createPinoLogger('debug', stream, now), output: () => lines.join('') };
}

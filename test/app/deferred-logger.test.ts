import { describe, expect, it, vi } from 'vitest';
import { DeferredLogger } from '../../src/app/deferred-logger.js';
import { captureLogger } from '../helpers/capture-logger.js';

type Line = { level: string; time: string; msg: string; [key: string]: unknown };

function attachCapture(logger: DeferredLogger): () => Line[] {
  const { logger: pino, output } = captureLogger(logger.now);
  logger.attach(pino);
  return () =>
    output()
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Line);
}

describe('DeferredLogger: logging before pino is loaded', () => {
  it('keeps lines, with their bindings and the time they happened, and writes them in order', () => {
    vi.useFakeTimers({ now: new Date('2026-11-28T01:00:00.000Z'), toFake: ['Date'] });
    try {
      const logger = DeferredLogger.create('info');
      logger.info({ port: 8000 }, 'listening');
      vi.setSystemTime(new Date('2026-11-28T01:00:00.250Z'));
      const session = logger.child({ session: 's1' });
      session.info('session opened');
      logger.debug('below the level: dropped');
      vi.setSystemTime(new Date('2026-11-28T01:00:05.000Z'));
      const lines = attachCapture(logger)();
      expect(lines.map((l) => [l.msg, l.time, l.session])).toEqual([
        ['listening', '2026-11-28T01:00:00.000Z', undefined],
        ['session opened', '2026-11-28T01:00:00.250Z', 's1'],
      ]);
      expect(lines[0]).toMatchObject({ level: 'info', port: 8000 });
    } finally {
      vi.useRealTimers();
    }
  });

  it('writes straight through once attached, children included, with the current time', () => {
    const logger = DeferredLogger.create('debug');
    const early = logger.child({ component: 'llm' });
    const lines = attachCapture(logger);
    early.warn({ state: 'open' }, 'circuit state changed');
    logger.child({ session: 's2' }).child({ tool: 'search_games' }).debug('tool call');
    const written = lines();
    expect(written.map((l) => [l.level, l.msg, l.component, l.session, l.tool])).toEqual([
      ['warn', 'circuit state changed', 'llm', undefined, undefined],
      ['debug', 'tool call', undefined, 's2', 'search_games'],
    ]);
    expect(Math.abs(Date.parse(written[0]!.time) - Date.now())).toBeLessThan(5_000);
  });

  it('asks for the real logger at the first warning, not for info lines', () => {
    const onWarning = vi.fn();
    const logger = DeferredLogger.create('info', onWarning);
    logger.info('listening');
    expect(onWarning).not.toHaveBeenCalled();
    logger.child({ session: 's3' }).error('failed');
    expect(onWarning).toHaveBeenCalledTimes(1);
  });

  it('keeps a bounded number of lines and says how many it dropped', () => {
    const logger = DeferredLogger.create('info');
    for (let i = 0; i < 1_005; i++) logger.info({ i }, 'line');
    const lines = attachCapture(logger)();
    expect(lines).toHaveLength(1_001);
    expect(lines.at(-1)).toMatchObject({ level: 'warn', dropped: 5 });
    expect(lines[999]).toMatchObject({ i: 999 });
  });

  it('keeps secrets out of replayed lines too (production redaction)', () => {
    const logger = DeferredLogger.create('info');
    logger.info({ apiKey: 'sk-secret', headers: { authorization: 'Bearer t0ken' } }, 'request');
    const text = JSON.stringify(attachCapture(logger)());
    expect(text).not.toContain('sk-secret');
    expect(text).not.toContain('t0ken');
  });
});

import { TtlCache } from '../../src/http/ttl-cache.js';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { noopMetrics } from '../../src/observability/metrics.js';
import { silentLogger } from '../../src/observability/logger.js';
import { listTools } from '../../src/server/listed-tool.js';
import { ToolRegistry } from '../../src/server/tool-registry.js';
import {
  defineTool,
  READ_ONLY_STEAM,
  type ToolDeps,
  type ToolDefinition,
} from '../../src/tools/define-tool.js';

function registryOf(tool: ToolDefinition, ttlMs = 0) {
  const tools = [tool];
  return new ToolRegistry(
    listTools(tools),
    async () => ({ tools, deps: {} as ToolDeps }),
    noopMetrics,
    ttlMs > 0 ? new TtlCache({ maxEntries: 100, ttlMs }) : undefined,
  );
}

function registryWith(handler: (n: number) => { value: number; warnings?: string[] }, ttlMs = 1000) {
  let calls = 0;
  const tool = defineTool({
    name: 'probe',
    title: 'probe',
    description: 'a probe tool',
    input: z.object({ n: z.number().int().min(1).max(5) }),
    output: z.object({ value: z.number(), warnings: z.array(z.string()).optional() }),
    annotations: READ_ONLY_STEAM,
    cacheable: true,
    async handler(args) {
      calls++;
      return handler(args.n);
    },
  });
  const registry = registryOf(tool as unknown as ToolDefinition, ttlMs);
  const ctx = { signal: new AbortController().signal, logger: silentLogger, progress() {} };
  return { call: (args: unknown) => registry.call('probe', args, ctx), calls: () => calls, registry };
}

describe('ToolRegistry', () => {
  it('reuses a finished result of a cacheable tool for identical arguments', async () => {
    const probe = registryWith((n) => ({ value: n * 2 }));
    const first = await probe.call({ n: 2 });
    const second = await probe.call({ n: '2' }); // coerced to the same arguments
    expect(second).toEqual(first);
    expect(probe.calls()).toBe(1);
    await probe.call({ n: 3 });
    expect(probe.calls()).toBe(2);
  });

  it('does not keep partial answers (with warnings)', async () => {
    const probe = registryWith((n) => ({ value: n, warnings: ['partial'] }));
    await probe.call({ n: 1 });
    await probe.call({ n: 1 });
    expect(probe.calls()).toBe(2);
  });

  it('names the argument and range when arguments are invalid, and never calls the handler', async () => {
    const probe = registryWith((n) => ({ value: n }));
    const result = await probe.call({ n: 9 });
    expect(result.isError).toBe(true);
    expect(result.content[0]!.text).toContain('n');
    expect(probe.calls()).toBe(0);
  });

  it('drain waits for a running call and then refuses new ones', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slowTool = defineTool({
      name: 'slow',
      title: 'slow',
      description: 'slow',
      input: z.object({}),
      output: z.object({ ok: z.boolean() }),
      annotations: READ_ONLY_STEAM,
      async handler() {
        await gate;
        return { ok: true };
      },
    });
    const registry = registryOf(slowTool as unknown as ToolDefinition);
    const ctx = { signal: new AbortController().signal, logger: silentLogger, progress() {} };
    const running = registry.call('slow', {}, ctx);
    await new Promise((r) => setTimeout(r, 5));
    const drained = registry.drain(2000);
    expect((await registry.call('slow', {}, ctx)).isError).toBe(true);
    release();
    expect(await drained).toBe(true);
    expect((await running).isError).toBeFalsy();
  });
});

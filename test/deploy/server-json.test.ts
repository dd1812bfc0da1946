import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import ajvFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { EnvSchema } from '../../src/config/schema.js';
import { ROOT } from '../helpers/server-process.js';

// The MCP Registry's published schema, vendored (test/fixtures/mcp-registry/SOURCE.md names its source).
const SCHEMA_URL = 'https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json';
const schema = readJson('test/fixtures/mcp-registry/server.schema.2025-12-11.json') as { $id: string };
const serverJson = readJson('server.json') as ServerJson;
const pkg = readJson('package.json') as { name: string; version: string; mcpName: string };

interface EnvInput {
  name: string;
  isSecret?: boolean;
  default?: string;
}
interface ServerJson {
  $schema: string;
  name: string;
  version: string;
  description: string;
  packages: Array<{
    registryType: string;
    identifier: string;
    version: string;
    environmentVariables: EnvInput[];
  }>;
  remotes: Array<{ type: string; url: string; headers?: EnvInput[] }>;
}

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(path.join(ROOT, file), 'utf8'));
}

// ajv-formats is CommonJS: under NodeNext its default import is the module, the plugin its .default.
const addFormats = ajvFormats.default;
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
const validate = ajv.compile(schema);

describe('server.json (MCP Registry)', () => {
  it('is valid against the registry schema it names', () => {
    expect(schema.$id).toBe(SCHEMA_URL);
    expect(serverJson.$schema).toBe(SCHEMA_URL);
    const valid = validate(serverJson);
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
    expect(valid).toBe(true);
  });

  it('the vendored schema really checks: a long description and a version range are refused', () => {
    expect(validate({ ...serverJson, description: 'x'.repeat(101) })).toBe(false);
    const [npm] = serverJson.packages;
    expect(validate({ ...serverJson, packages: [{ ...npm, version: 'latest' }] })).toBe(false);
    expect(validate({ ...serverJson, remotes: [{ type: 'sse', url: 'ftp://example.com/sse' }] })).toBe(false);
  });

  it('agrees with package.json: name, mcpName, version', () => {
    expect(serverJson.name).toBe(pkg.mcpName);
    expect(serverJson.version).toBe(pkg.version);
    const npm = serverJson.packages.find((p) => p.registryType === 'npm');
    expect(npm).toMatchObject({ identifier: pkg.name, version: pkg.version, transport: { type: 'stdio' } });
  });

  it('lists only variables the server reads, marks the secrets, and states the real defaults', () => {
    const npm = serverJson.packages[0]!;
    const known = Object.keys(EnvSchema.shape);
    const defaults = loadConfig({});
    const realDefault: Record<string, string> = {
      STEAM_COUNTRY: defaults.steam.country,
      STEAM_LANGUAGE: defaults.steam.language,
      LLM_MODEL: defaults.llm.model,
    };
    for (const variable of npm.environmentVariables) {
      expect(known).toContain(variable.name);
      expect(variable.isSecret ?? false, variable.name).toBe(/KEY|TOKEN/.test(variable.name));
      if (variable.default !== undefined)
        expect(variable.default, variable.name).toBe(realDefault[variable.name]);
    }
    expect(npm.environmentVariables.map((v) => v.name)).toContain('DASHSCOPE_API_KEY');
  });

  it('offers both HTTP endpoints of a deployment as templates, the token header secret', () => {
    expect(
      serverJson.remotes.map((r) => [r.type, new URL(r.url.replace('{host}', 'h.example')).pathname]),
    ).toEqual([
      ['streamable-http', '/mcp'],
      ['sse', '/sse'],
    ]);
    for (const remote of serverJson.remotes) {
      expect(remote.headers?.find((h) => h.name === 'Authorization')?.isSecret).toBe(true);
    }
  });
});

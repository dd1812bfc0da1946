import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { EnvSchema } from '../../src/config/schema.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };
type Schema = { [key: string]: unknown };

const sYamlPath = path.resolve(import.meta.dirname, '../../deploy/aliyun/s.yaml');
/** devsapp/fc3's props schema, copied with its source (test/fixtures/fc3/PROVENANCE.md). */
const schemaPath = path.resolve(import.meta.dirname, '../fixtures/fc3/schema.json');

const rawText = readFileSync(sYamlPath, 'utf8');
const doc = parse(rawText) as JsonObject;
const fc3Schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as Schema;
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
const validateProps = ajv.compile(fc3Schema);

function asObject(value: Json | undefined): JsonObject {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error('not an object');
  return value;
}

/** Replaces `${vars.x}` the way `s` does before the component sees its props. */
function substituteVars(value: Json, vars: JsonObject): Json {
  if (typeof value === 'string') {
    return value.replace(/\$\{vars\.([\w-]+)\}/g, (_m, name: string) => {
      const v = vars[name];
      if (typeof v !== 'string' && typeof v !== 'number') throw new Error(`unknown var ${name}`);
      return String(v);
    });
  }
  if (Array.isArray(value)) return value.map((v) => substituteVars(v, vars));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substituteVars(v, vars)]));
  }
  return value;
}

/**
 * The published fc3 schema never sets `additionalProperties: false`, so a misspelled key would
 * pass ajv silently. This walks the value next to the schema and lists keys the schema does not
 * declare, wherever the schema declares its properties.
 */
function unknownKeys(schema: Schema, value: Json, at = 'props'): string[] {
  const ref = schema.$ref;
  if (typeof ref === 'string') {
    const name = ref.replace('#/definitions/', '');
    return unknownKeys((fc3Schema.definitions as Record<string, Schema>)[name] ?? {}, value, at);
  }
  if (Array.isArray(schema.anyOf)) {
    const branches = (schema.anyOf as Schema[]).filter((b) => validBranch(b, value));
    return branches.length === 0 ? [] : branches.map((b) => unknownKeys(b, value, at)).reduce(intersect);
  }
  if (Array.isArray(value)) {
    const items = schema.items;
    if (!items || Array.isArray(items)) return [];
    return value.flatMap((v, i) => unknownKeys(items as Schema, v, `${at}[${i}]`));
  }
  if (value === null || typeof value !== 'object') return [];
  const props = schema.properties as Record<string, Schema> | undefined;
  if (!props || schema.additionalProperties !== undefined) return [];
  return Object.entries(value).flatMap(([k, v]) =>
    props[k] ? unknownKeys(props[k], v, `${at}.${k}`) : [`${at}.${k}`],
  );
}

function validBranch(branch: Schema, value: Json): boolean {
  return ajv.validate({ ...branch, definitions: fc3Schema.definitions }, value);
}

function intersect(a: string[], b: string[]): string[] {
  return a.filter((x) => b.includes(x));
}

const vars = asObject(doc.vars);
const resources = asObject(doc.resources);
const [resourceName, resource] = Object.entries(resources)[0] ?? [];
const rawProps = asObject(asObject(resource).props);
const props = asObject(substituteVars(rawProps, vars));
const env = asObject(props.environmentVariables) as Record<string, string>;

/** The Redis variant: `extend: s.yaml` plus VPC access and the shared tier's settings. */
const redisText = readFileSync(path.resolve(import.meta.dirname, '../../deploy/aliyun/s.redis.yaml'), 'utf8');
const redisDoc = parse(redisText) as JsonObject;
/** Settings only the Redis variant sets (they do nothing without REDIS_URL). */
const redisOnlyKeys = Object.keys(EnvSchema.shape).filter((k) => k.startsWith('REDIS_'));

/** What `s` does with `extend`: objects merged key by key (extend2, deep), lists and scalars replaced. */
function extendYaml(base: Json, override: Json): Json {
  if (!isPlainObject(base) || !isPlainObject(override)) return override;
  const merged: JsonObject = { ...base };
  for (const [k, v] of Object.entries(override)) merged[k] = k in base ? extendYaml(base[k]!, v) : v;
  return merged;
}

function isPlainObject(value: Json | undefined): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The props FC gets from a variant document (its `extend` resolved against s.yaml). */
function variantProps(variant: JsonObject): JsonObject {
  const { extend: _extend, ...overrides } = variant;
  const merged = asObject(extendYaml(doc, overrides));
  const [only] = Object.values(asObject(merged.resources));
  return asObject(substituteVars(asObject(asObject(only).props), asObject(merged.vars)));
}

/** `${env('NAME')}`: resolved by `s` from the deployer's environment, never a literal in the file. */
const ENV_REFERENCE = /^\$\{env\(['"][A-Z][A-Z0-9_]*['"]\)\}$/;

/** Problems with how a variant reaches Redis: VPC ids and REDIS_URL must be references. */
function redisVariantProblems(p: JsonObject): string[] {
  const problems: string[] = [];
  const vpc = isPlainObject(p.vpcConfig) ? p.vpcConfig : {};
  const ids = [
    vpc.vpcId,
    vpc.securityGroupId,
    ...(Array.isArray(vpc.vSwitchIds) ? vpc.vSwitchIds : [undefined]),
  ];
  if (!ids.every((id) => typeof id === 'string' && ENV_REFERENCE.test(id))) problems.push('vpcConfig');
  const url = asObject(p.environmentVariables).REDIS_URL;
  if (url !== "${env('REDIS_URL')}") problems.push('REDIS_URL');
  return problems;
}

function schemaErrors(candidate: Json): string[] {
  return validateProps(candidate)
    ? []
    : (validateProps.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}

describe('deploy/aliyun/s.yaml', () => {
  it('is a Serverless Devs 3.x project with one fc3 resource', () => {
    expect(doc.edition).toBe('3.0.0');
    expect(Object.keys(resources)).toEqual(['steam-game-mcp']);
    expect(resourceName).toBe('steam-game-mcp');
    expect(asObject(resource).component).toBe('fc3');
    expect(vars.region).toBe('cn-hangzhou');
    expect(rawProps.region).toBe('${vars.region}');
  });

  it('validates against the fc3 props schema', () => {
    expect(schemaErrors(props)).toEqual([]);
  });

  it('uses only keys the fc3 schema declares (catches typos the schema itself lets through)', () => {
    expect(unknownKeys(fc3Schema, props)).toEqual([]);
  });

  it('describes the custom runtime function of SPEC.md', () => {
    expect(props).toMatchObject({
      functionName: 'steam-game-mcp',
      runtime: 'custom.debian12',
      code: './package',
      timeout: 600,
      memorySize: 2048,
      cpu: 1,
      diskSize: 512,
      instanceConcurrency: 200,
      customRuntimeConfig: {
        command: ['bash'],
        args: ['start.sh'],
        port: 8000,
        healthCheckConfig: { httpGetUrl: '/healthz' },
      },
    });
  });

  it('binds legacy SSE sessions with MCP_SSE affinity on /sse, 20 per instance', () => {
    expect(props.sessionAffinity).toBe('MCP_SSE');
    const raw = props.sessionAffinityConfig;
    const config = asObject(typeof raw === 'string' ? (JSON.parse(raw) as Json) : raw);
    expect(config).toEqual({ sseEndpointPath: '/sse', sessionConcurrencyPerInstance: 20 });
    expect(config.sessionConcurrencyPerInstance).toBeLessThanOrEqual(props.instanceConcurrency as number);
  });

  it('puts the Node.js layer on PATH first, for the same Node major as the layer', () => {
    const layers = props.layers as string[];
    expect(layers).toHaveLength(1);
    const match = /^acs:fc:cn-hangzhou:official:layers\/Nodejs(\d+)\/versions\/\d+$/.exec(layers[0] ?? '');
    expect(match).not.toBeNull();
    expect((rawProps.layers as string[])[0]).toContain('${vars.region}');
    expect(env.PATH?.split(':')[0]).toBe(`/opt/nodejs${match?.[1]}/bin`);
    expect(env.PATH?.split(':')).toEqual(expect.arrayContaining(['/usr/bin', '/bin']));
  });

  it('exposes GET/POST/DELETE/OPTIONS on one HTTP trigger', () => {
    const triggers = props.triggers as JsonObject[];
    expect(triggers).toHaveLength(1);
    const trigger = asObject(triggers[0]);
    expect(trigger.triggerType).toBe('http');
    const config = asObject(trigger.triggerConfig);
    expect(['anonymous', 'function']).toContain(config.authType);
    expect(config.methods).toEqual(expect.arrayContaining(['GET', 'POST', 'DELETE', 'OPTIONS']));
  });

  describe('environmentVariables', () => {
    const secretNames = ['DASHSCOPE_API_KEY', 'MCP_AUTH_TOKEN'];
    const schemaKeys = Object.keys(EnvSchema.shape);

    it('takes secrets from the deployer environment, never literal values', () => {
      for (const name of secretNames) {
        expect(env[name], name).toMatch(new RegExp(`^\\$\\{env\\(['"]${name}['"]\\)\\}$`));
      }
      for (const [name, value] of Object.entries(env)) {
        if (/KEY|TOKEN|SECRET|PASSWORD/i.test(name)) expect(value, name).toMatch(/^\$\{.+\}$/);
      }
      expect(rawText).not.toMatch(/sk-[A-Za-z0-9]{8,}/);
    });

    it('names only variables the server reads (plus PATH), and none that FC injects', () => {
      const unknown = Object.keys(env).filter((k) => k !== 'PATH' && !schemaKeys.includes(k));
      expect(unknown).toEqual([]);
      for (const injected of ['FC_SERVER_PORT', 'FC_CUSTOM_LISTEN_PORT', 'PORT', 'FC_RUNTIME', 'FC_REGION']) {
        expect(env, injected).not.toHaveProperty(injected);
      }
    });

    it('sets every tunable non-secret variable, with values the server accepts', () => {
      const platformOwned = [
        'FC_SERVER_PORT',
        'FC_CUSTOM_LISTEN_PORT',
        'PORT',
        'FC_RUNTIME',
        'FC_FUNCTION_NAME',
      ];
      // Optional secrets and FX rates are commented in s.yaml (MCP_AUTH_TOKEN covers /metrics).
      const optionalLists = [
        'ALLOWED_HOSTS',
        'ALLOWED_ORIGINS',
        'FC_REGION',
        'METRICS_TOKEN',
        'STEAM_API_KEY',
        'ITAD_API_KEY',
        'FX_RATES_CNY',
      ];
      const expected = schemaKeys.filter(
        (k) => ![...platformOwned, ...optionalLists, ...redisOnlyKeys].includes(k),
      );
      expect(Object.keys(env).sort()).toEqual([...expected, 'PATH'].sort());

      const nonSecret = Object.fromEntries(Object.entries(env).filter(([k]) => !secretNames.includes(k)));
      const parsed = EnvSchema.safeParse(nonSecret);
      expect(parsed.error?.issues ?? []).toEqual([]);
      expect(parsed.data?.HOST).toBe('0.0.0.0');
      // MCP_SSE affinity pins only /sse: a stateful /mcp session would 404 on a second instance.
      expect(parsed.data?.MCP_STATELESS).toBe(true);
      expect(parsed.data?.RECOMMEND_DEADLINE_MS).toBeLessThan((props.timeout as number) * 1000);
      expect(parsed.data?.SSE_HEARTBEAT_MS).toBeLessThanOrEqual(30_000);
    });
  });

  describe('the checks can fail', () => {
    it('rejects a mistyped value (memorySize: "big")', () => {
      expect(schemaErrors({ ...props, memorySize: 'big' })).toEqual(
        expect.arrayContaining([expect.stringContaining('/memorySize')]),
      );
    });

    it('rejects a number where FC wants a string (environment values)', () => {
      const bad = { ...props, environmentVariables: { ...env, MAX_SESSIONS: 1000 } };
      expect(schemaErrors(bad)).toEqual(
        expect.arrayContaining([expect.stringContaining('/environmentVariables/MAX_SESSIONS')]),
      );
    });

    it('rejects out-of-range values (instanceConcurrency 500, diskSize 1024, unknown region)', () => {
      expect(schemaErrors({ ...props, instanceConcurrency: 500 })).not.toEqual([]);
      expect(schemaErrors({ ...props, diskSize: 1024 })).not.toEqual([]);
      expect(schemaErrors({ ...props, region: '${vars.region}' })).not.toEqual([]);
    });

    it('reports misspelled keys at any depth', () => {
      const crc = asObject(props.customRuntimeConfig);
      const bad = {
        ...props,
        memorysize: 2048,
        customRuntimeConfig: { ...crc, healthCheckConfig: { httpGetURL: '/healthz' } },
      };
      expect(unknownKeys(fc3Schema, bad)).toEqual([
        'props.customRuntimeConfig.healthCheckConfig.httpGetURL',
        'props.memorysize',
      ]);
    });
  });
});

describe('deploy/aliyun/s.redis.yaml (the Redis / Tair variant)', () => {
  const redisProps = variantProps(redisDoc);
  const redisEnv = asObject(redisProps.environmentVariables) as Record<string, string>;

  it('extends s.yaml, so the two cannot drift apart', () => {
    expect(redisDoc.extend).toBe('s.yaml');
    expect(redisDoc.edition).toBe(doc.edition);
    expect(Object.keys(asObject(redisDoc.resources))).toEqual([resourceName]);
  });

  it('validates against the fc3 props schema, with only keys it declares', () => {
    expect(schemaErrors(redisProps)).toEqual([]);
    expect(unknownKeys(fc3Schema, redisProps)).toEqual([]);
  });

  it('joins the VPC and takes REDIS_URL by reference, never a literal', () => {
    expect(redisVariantProblems(redisProps)).toEqual([]);
    expect(asObject(redisProps.vpcConfig).vSwitchIds).toHaveLength(1);
    expect(redisText).not.toMatch(/^[^#]*rediss?:\/\//m); // a URL only in comments
  });

  it("sets every Redis setting the server reads, with values it accepts, and keeps s.yaml's", () => {
    expect(
      Object.keys(redisEnv)
        .filter((k) => k.startsWith('REDIS_'))
        .sort(),
    ).toEqual([...redisOnlyKeys].sort());
    const nonSecret = Object.fromEntries(
      Object.entries(redisEnv).filter(
        ([k]) => !['DASHSCOPE_API_KEY', 'MCP_AUTH_TOKEN', 'REDIS_URL'].includes(k),
      ),
    );
    const parsed = EnvSchema.safeParse(nonSecret);
    expect(parsed.error?.issues ?? []).toEqual([]);
    // /mcp stays stateless (no affinity needed across instances); SSE keeps its MCP_SSE affinity.
    expect(parsed.data?.MCP_STATELESS).toBe(true);
    expect(redisProps.sessionAffinity).toBe('MCP_SSE');
    // Steam and DashScope are still on the internet: VPC access must not take it away.
    expect(redisProps.internetAccess).toBe(true);
  });

  it('changes nothing else: without the VPC and the REDIS_* settings it is s.yaml', () => {
    const { vpcConfig: _vpc, ...rest } = redisProps;
    const withoutRedis = Object.fromEntries(
      Object.entries(redisEnv).filter(([k]) => !k.startsWith('REDIS_')),
    );
    expect({ ...rest, environmentVariables: withoutRedis }).toEqual(props);
  });

  describe('the checks can fail', () => {
    it('rejects a literal REDIS_URL or VPC id, and a vpcConfig without its security group', () => {
      const literalUrl = {
        ...redisProps,
        environmentVariables: { ...redisEnv, REDIS_URL: 'redis://:pw@r-x:6379' },
      };
      expect(redisVariantProblems(literalUrl)).toEqual(['REDIS_URL']);
      const vpc = asObject(redisProps.vpcConfig);
      const literalId = { ...redisProps, vpcConfig: { ...vpc, vSwitchIds: ['vsw-123'] } };
      expect(redisVariantProblems(literalId)).toEqual(['vpcConfig']);
      const { securityGroupId: _sg, ...noGroup } = vpc;
      expect(schemaErrors({ ...redisProps, vpcConfig: noGroup })).not.toEqual([]);
    });

    it('merges like `s` extend: nested objects key by key, lists replaced', () => {
      expect(extendYaml({ a: { b: 1, c: [1, 2] } }, { a: { c: [3], d: 2 } })).toEqual({
        a: { b: 1, c: [3], d: 2 },
      });
    });
  });
});

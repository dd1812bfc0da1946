import { ConfigError } from '../errors.js';
import { describeRule, showValue, UNRESOLVED_RULE, unresolvedReferences } from './problems.js';
import { EnvSchema, type Env } from './schema.js';

export type LogLevel = NonNullable<Env['LOG_LEVEL']>;

export interface SteamConfig {
  readonly storeUrl: string;
  readonly apiUrl: string;
  readonly language: string;
  readonly country: string;
  readonly timeoutMs: number;
  readonly retries: number;
  readonly concurrency: number;
  readonly cacheTtlMs: number;
  readonly cacheMaxEntries: number;
}

/** Circuit breaker settings shared by every upstream (Steam store, Steam API, LLM). */
export interface CircuitConfig {
  readonly failureThreshold: number;
  readonly cooldownMs: number;
}

export interface LlmConfig {
  readonly apiKey: string | undefined;
  readonly baseUrl: string;
  readonly model: string;
  readonly timeoutMs: number;
}

export interface ServerConfig {
  readonly host: string;
  readonly port: number;
  readonly transport: 'http' | 'stdio';
  readonly stateless: boolean;
  readonly heartbeatMs: number;
  readonly maxSessions: number;
  readonly sessionIdleTimeoutMs: number;
  readonly maxBodyBytes: number;
  readonly rateLimitPerMinute: number;
  readonly authToken: string | undefined;
  readonly allowedHosts: readonly string[] | undefined;
  readonly allowedOrigins: readonly string[] | undefined;
  readonly shutdownGraceMs: number;
  readonly edge: EdgeConfig;
}

/** Public edge (issue 9): access to /metrics, client identity and per-client budgets. */
export interface EdgeConfig {
  readonly metricsToken: string | undefined;
  readonly trustProxyHops: number;
  readonly messagesPerMinute: number;
  readonly sessionOpensPerMinute: number;
  readonly maxSessionsPerClient: number;
  readonly sessionInitTimeoutMs: number;
  readonly sseMaxBufferBytes: number;
  readonly sseStallTimeoutMs: number;
  readonly bodyTimeoutMs: number;
}

export interface PlatformInfo {
  readonly name: 'aliyun-fc' | 'generic';
  readonly functionName: string | undefined;
  readonly region: string | undefined;
}

/** Wallet tools: who the user is, and where prices come from. Keys are optional and unlock more. */
export interface WalletConfig {
  readonly communityUrl: string;
  readonly steamApiKey: string | undefined;
  readonly itadUrl: string;
  readonly itadApiKey: string | undefined;
  /** Operator-set conversion rates (1 unit of the currency in CNY) and the date they are from. */
  readonly fxRatesCny:
    { readonly rates: Readonly<Record<string, number>>; readonly date: string } | undefined;
}

/** Shared tier (issue 11): the Redis that instances share; url undefined = single instance, no Redis. */
export interface RedisConfig {
  /** Holds the password, if any: log only redactCredentialUrl(url). */
  readonly url: string | undefined;
  readonly keyPrefix: string;
  readonly commandTimeoutMs: number;
}

export interface Config {
  readonly server: ServerConfig;
  readonly steam: SteamConfig;
  readonly llm: LlmConfig;
  readonly circuit: CircuitConfig;
  readonly recommend: { readonly deadlineMs: number; readonly maxConcurrent: number };
  /** Overall deadline of one call of every tool without its own (all but recommend_games). */
  readonly tools: { readonly deadlineMs: number };
  readonly wallet: WalletConfig;
  readonly redis: RedisConfig;
  /** Shared limits (issue 11): requests per five minutes per Steam host; 0 = no budget. */
  readonly steamBudget: { readonly perFiveMinutes: number; readonly maxWaitMs: number };
  readonly logLevel: LogLevel;
  readonly platform: PlatformInfo;
}

/** Listen address when HOST is unset: FC's gateway needs every interface, elsewhere loopback only. */
export const DEFAULT_HOST = { fc: '0.0.0.0', local: '127.0.0.1' } as const;

/**
 * Validates the environment once; throws ConfigError naming every bad variable and the rule it
 * breaks, never a secret's value (the message reaches the console and FC's log service).
 */
export function loadConfig(env: Record<string, string | undefined>, argv: readonly string[] = []): Config {
  const set = emptyAsUnset(env);
  const unresolved = unresolvedReferences(set, Object.keys(EnvSchema.shape));
  const parsed = EnvSchema.safeParse(set);
  if (!parsed.success || unresolved.length > 0) {
    const invalid = (parsed.error?.issues ?? [])
      .map((issue) => ({ issue, name: issue.path.join('.') || '(environment)' }))
      .filter(({ name }) => !unresolved.includes(name))
      .map(({ issue, name }) => `${name}=${showValue(name, set[name])}: ${describeRule(name, issue)}`);
    throw new ConfigError([...unresolved.map((name) => `${name}: ${UNRESOLVED_RULE}`), ...invalid]);
  }
  const e = parsed.data;
  const fxRatesCny = e.FX_RATES_CNY === undefined ? undefined : parseFxRates(e.FX_RATES_CNY);
  const onFc = Boolean(e.FC_RUNTIME || e.FC_FUNCTION_NAME || e.FC_REGION || e.FC_SERVER_PORT);
  // Transport (npx/desktop distribution): a flag wins, then MCP_TRANSPORT; unset, FC serves
  // HTTP and everywhere else stdio, which is what desktop clients spawning `npx` expect.
  const transport = argv.includes('--http')
    ? 'http'
    : argv.includes('--stdio')
      ? 'stdio'
      : (e.MCP_TRANSPORT ?? (onFc ? 'http' : 'stdio'));
  return deepFreeze({
    server: {
      host: e.HOST ?? (onFc ? DEFAULT_HOST.fc : DEFAULT_HOST.local),
      port: e.FC_SERVER_PORT ?? e.FC_CUSTOM_LISTEN_PORT ?? e.PORT ?? 8000,
      transport,
      stateless: e.MCP_STATELESS,
      heartbeatMs: e.SSE_HEARTBEAT_MS,
      maxSessions: e.MAX_SESSIONS,
      sessionIdleTimeoutMs: e.SESSION_IDLE_TIMEOUT_MS,
      maxBodyBytes: e.MAX_BODY_BYTES,
      rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
      authToken: e.MCP_AUTH_TOKEN,
      allowedHosts: e.ALLOWED_HOSTS,
      allowedOrigins: e.ALLOWED_ORIGINS,
      shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
      edge: {
        metricsToken: e.METRICS_TOKEN,
        trustProxyHops: e.TRUST_PROXY_HOPS,
        messagesPerMinute: e.MESSAGE_RATE_LIMIT_PER_MINUTE,
        sessionOpensPerMinute: e.SESSION_OPEN_PER_MINUTE,
        maxSessionsPerClient: e.MAX_SESSIONS_PER_CLIENT,
        sessionInitTimeoutMs: e.SESSION_INIT_TIMEOUT_MS,
        sseMaxBufferBytes: e.SSE_MAX_BUFFER_BYTES,
        sseStallTimeoutMs: e.SSE_STALL_TIMEOUT_MS,
        bodyTimeoutMs: e.BODY_TIMEOUT_MS,
      },
    },
    steam: {
      storeUrl: e.STEAM_STORE_URL,
      apiUrl: e.STEAM_API_URL,
      language: e.STEAM_LANGUAGE,
      country: e.STEAM_COUNTRY,
      timeoutMs: e.STEAM_TIMEOUT_MS,
      retries: e.STEAM_RETRIES,
      concurrency: e.STEAM_CONCURRENCY,
      cacheTtlMs: e.CACHE_TTL_MS,
      cacheMaxEntries: e.CACHE_MAX_ENTRIES,
    },
    circuit: { failureThreshold: e.CIRCUIT_FAILURE_THRESHOLD, cooldownMs: e.CIRCUIT_COOLDOWN_MS },
    llm: {
      apiKey: e.DASHSCOPE_API_KEY,
      baseUrl: e.DASHSCOPE_BASE_URL,
      model: e.LLM_MODEL,
      timeoutMs: e.LLM_TIMEOUT_MS,
    },
    recommend: { deadlineMs: e.RECOMMEND_DEADLINE_MS, maxConcurrent: e.MAX_CONCURRENT_RECOMMENDATIONS },
    tools: { deadlineMs: e.TOOL_DEADLINE_MS },
    wallet: {
      communityUrl: e.STEAM_COMMUNITY_URL,
      steamApiKey: e.STEAM_API_KEY,
      itadUrl: e.ITAD_API_URL,
      itadApiKey: e.ITAD_API_KEY,
      fxRatesCny,
    },
    redis: { url: e.REDIS_URL, keyPrefix: e.REDIS_KEY_PREFIX, commandTimeoutMs: e.REDIS_COMMAND_TIMEOUT_MS },
    steamBudget: { perFiveMinutes: e.STEAM_BUDGET_PER_5MIN, maxWaitMs: e.STEAM_BUDGET_MAX_WAIT_MS },
    logLevel: e.LOG_LEVEL ?? 'info',
    platform: {
      name: onFc ? 'aliyun-fc' : 'generic',
      functionName: e.FC_FUNCTION_NAME,
      region: e.FC_REGION,
    },
  } satisfies Config);
}

/**
 * FX_RATES_CNY="USD=7.12,HKD=0.91@2026-12-01": how many CNY one unit of each currency is worth, and
 * the date the rates are from (required: a converted price must say how old its rate is).
 */
export function parseFxRates(value: string): { rates: Record<string, number>; date: string } {
  const bad = (why: string) =>
    new ConfigError([
      `FX_RATES_CNY=${JSON.stringify(value)}: ${why}; expected e.g. "USD=7.12,HKD=0.91,JPY=0.047@2026-12-01"`,
    ]);
  const [list = '', date = '', ...rest] = value.split('@').map((s) => s.trim());
  if (rest.length || !/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date)))
    throw bad('the date the rates are from is missing or not YYYY-MM-DD');
  const rates: Record<string, number> = { CNY: 1 };
  for (const pair of list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const match = /^([A-Za-z]{3})\s*=\s*(\d+(?:\.\d+)?)$/.exec(pair);
    const rate = Number(match?.[2]);
    if (!match?.[1] || !(rate > 0)) throw bad(`"${pair}" is not CODE=positive number`);
    rates[match[1].toUpperCase()] = rate;
  }
  if (Object.keys(rates).length < 2) throw bad('no rates');
  return { rates, date };
}

/** `FOO=` in a .env or a console means "not set", not "set to nothing". */
function emptyAsUnset(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && v.trim() !== '') out[k] = v.trim();
  return out;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

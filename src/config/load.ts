import { ConfigError } from '../errors.js';
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

export interface Config {
  readonly server: ServerConfig;
  readonly steam: SteamConfig;
  readonly llm: LlmConfig;
  readonly circuit: CircuitConfig;
  readonly recommend: { readonly deadlineMs: number; readonly maxConcurrent: number };
  readonly logLevel: LogLevel;
  readonly platform: PlatformInfo;
}

/** Validates the environment once; throws ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined>, argv: readonly string[] = []): Config {
  const parsed = EnvSchema.safeParse(emptyAsUnset(env));
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = issue.path.join('.') || '(environment)';
        return `${name}=${JSON.stringify(env[name] ?? '')}: ${issue.message}`;
      }),
    );
  }
  const e = parsed.data;
  const onFc = Boolean(e.FC_RUNTIME || e.FC_FUNCTION_NAME || e.FC_REGION || e.FC_SERVER_PORT);
  const transport = argv.includes('--stdio') ? 'stdio' : e.MCP_TRANSPORT;
  return deepFreeze({
    server: {
      host: e.HOST,
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
    logLevel: e.LOG_LEVEL ?? 'info',
    platform: {
      name: onFc ? 'aliyun-fc' : 'generic',
      functionName: e.FC_FUNCTION_NAME,
      region: e.FC_REGION,
    },
  } satisfies Config);
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

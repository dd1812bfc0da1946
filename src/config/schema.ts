// zod/mini: the same validation as zod with a tree-shakable API, so validating the environment
// costs almost nothing on the path to listen() (full zod loads later, with the MCP runtime).
import {
  _default,
  coerce,
  enum as oneOf,
  int as integer,
  maximum,
  minimum,
  minLength,
  object,
  optional,
  pipe,
  regex,
  string,
  transform,
  url,
  type infer as Infer,
} from 'zod/mini';

const bool = pipe(
  oneOf(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off', '']),
  transform((v) => ['1', 'true', 'yes', 'on'].includes(v)),
);
const int = (min: number, max: number) => coerce.number().check(integer(), minimum(min), maximum(max));
const ms = (def: number, min: number, max: number) => _default(int(min, max), def);
const count = ms;
const port = int(0, 65535);
const httpUrl = pipe(
  url({ protocol: /^https?$/ }),
  transform((u: string) => u.replace(/\/+$/, '')),
);
/** redis:// or rediss:// (TLS), as Tair / ApsaraDB for Redis and redis-server take it. */
const redisUrl = url({ protocol: /^rediss?$/ });
const list = pipe(
  string(),
  transform((s: string) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  ),
);

/** Every environment variable the server reads; .env.example and the README document each one. */
export const EnvSchema = object({
  HOST: optional(string().check(minLength(1))), // default 127.0.0.1, or 0.0.0.0 on FC (load.ts)
  FC_SERVER_PORT: optional(port), // injected by Function Compute; wins over the others
  FC_CUSTOM_LISTEN_PORT: optional(port), // FC's documented listen-port variable
  PORT: optional(port), // other platforms (default 8000; 0 = any free port)
  MCP_TRANSPORT: optional(oneOf(['http', 'stdio'])), // unset: http on FC, else stdio (npx, desktops)
  MCP_STATELESS: _default(bool, false), // /mcp without Mcp-Session-Id
  SSE_HEARTBEAT_MS: ms(15_000, 1_000, 300_000), // keep-alive comment frames on /sse
  LOG_LEVEL: optional(oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])),

  STEAM_STORE_URL: _default(httpUrl, 'https://store.steampowered.com'),
  STEAM_API_URL: _default(httpUrl, 'https://api.steampowered.com'),
  STEAM_LANGUAGE: _default(string().check(regex(/^[a-z]{2,20}$/)), 'schinese'), // store text language
  STEAM_COUNTRY: _default(
    pipe(
      string().check(regex(/^[A-Za-z]{2}$/)),
      transform((s: string) => s.toUpperCase()),
    ),
    'CN',
  ), // price region and currency
  STEAM_TIMEOUT_MS: ms(10_000, 100, 120_000), // one Steam request
  STEAM_RETRIES: count(2, 0, 5), // retries of a failed idempotent request
  STEAM_CONCURRENCY: count(6, 1, 64), // Steam requests in flight at once
  CIRCUIT_FAILURE_THRESHOLD: count(5, 1, 1_000), // consecutive failures that open an upstream's circuit
  CIRCUIT_COOLDOWN_MS: ms(15_000, 100, 600_000), // how long an open circuit fails fast before a probe
  CACHE_TTL_MS: ms(600_000, 0, 86_400_000), // how long Steam answers stay fresh
  CACHE_MAX_ENTRIES: count(5_000, 10, 1_000_000),

  DASHSCOPE_API_KEY: optional(string()), // any OpenAI-compatible API key
  DASHSCOPE_BASE_URL: _default(httpUrl, 'https://dashscope.aliyuncs.com/compatible-mode/v1'),
  LLM_MODEL: _default(string().check(minLength(1)), 'qwen-plus'),
  LLM_TIMEOUT_MS: ms(30_000, 100, 300_000), // one LLM call
  RECOMMEND_DEADLINE_MS: ms(60_000, 1_000, 550_000), // one recommend_games call, well under FC's 600 s

  MAX_SESSIONS: count(1_000, 1, 100_000), // open MCP sessions per instance; more → 503
  SESSION_IDLE_TIMEOUT_MS: ms(1_800_000, 1_000, 86_400_000),
  MAX_BODY_BYTES: count(1_048_576, 1_024, 16_777_216), // larger request bodies → 413
  RATE_LIMIT_PER_MINUTE: count(120, 1, 100_000), // tool calls per client
  MAX_CONCURRENT_RECOMMENDATIONS: count(8, 1, 1_000), // recommend_games runs at once per instance
  MCP_AUTH_TOKEN: optional(string().check(minLength(16))), // bearer token for the MCP endpoints
  ALLOWED_HOSTS: optional(list), // Host allow-list
  ALLOWED_ORIGINS: optional(list), // Origin allow-list, also CORS
  SHUTDOWN_GRACE_MS: ms(10_000, 0, 120_000), // in-flight calls may finish this long on SIGTERM

  // Safe on the public internet (issue 9): every tool call has an overall deadline.
  TOOL_DEADLINE_MS: ms(30_000, 1_000, 550_000), // one call of a tool other than recommend_games
  // Wallet tools (wishlist deals, region prices, price verdict, personal recommendations)
  STEAM_COMMUNITY_URL: _default(httpUrl, 'https://steamcommunity.com'), // profile XML, key-less
  STEAM_API_KEY: optional(string().check(regex(/^[0-9A-Fa-f]{32}$/))), // unlocks owned games + ResolveVanityURL
  ITAD_API_URL: _default(httpUrl, 'https://api.isthereanydeal.com'),
  ITAD_API_KEY: optional(string().check(minLength(8))), // unlocks historical lows in get_price_verdict
  FX_RATES_CNY: optional(string()), // "USD=7.1,HKD=0.91,JPY=0.047@2026-12-01": 1 unit in CNY, and the rates' date

  // Public edge (issue 9): who may call what, and what one client may cost (docs/security.md)
  METRICS_TOKEN: optional(string().check(minLength(16))), // bearer for /metrics (else MCP_AUTH_TOKEN)
  TRUST_PROXY_HOPS: count(0, 0, 10), // proxies whose X-Forwarded-For entry is believed (FC: 1)
  MESSAGE_RATE_LIMIT_PER_MINUTE: count(600, 1, 1_000_000), // JSON-RPC messages per client
  SESSION_OPEN_PER_MINUTE: count(30, 1, 100_000), // GET /sse and initialize per client
  MAX_SESSIONS_PER_CLIENT: count(20, 1, 100_000), // open sessions per client
  SESSION_INIT_TIMEOUT_MS: ms(10_000, 500, 600_000), // an SSE session must initialize within this
  SSE_MAX_BUFFER_BYTES: count(4_194_304, 65_536, 1_073_741_824), // unsent bytes before a stream closes
  SSE_STALL_TIMEOUT_MS: ms(30_000, 1_000, 600_000), // a stream not drained this long closes
  BODY_TIMEOUT_MS: ms(10_000, 500, 300_000), // a request body must arrive within this → else 408

  // Shared tier across instances (issue 11): Redis behind the local cache, shared limits
  REDIS_URL: optional(redisUrl), // redis://[:password@]host:port[/db] or rediss://; unset = no Redis
  REDIS_KEY_PREFIX: _default(string().check(regex(/^[A-Za-z0-9:_.-]{1,64}$/)), 'steam-game-mcp'), // every key starts with it
  REDIS_COMMAND_TIMEOUT_MS: ms(500, 10, 10_000), // one Redis command; slower → local fallback
  // Shared limits (issue 11): Steam requests per 5 minutes per upstream host, for the whole
  // cluster with REDIS_URL, else per instance. 0 = off (docs/security.md).
  STEAM_BUDGET_PER_5MIN: count(0, 0, 1_000_000),
  STEAM_BUDGET_MAX_WAIT_MS: ms(3_000, 0, 60_000), // a request waits this long for budget, then STEAM_BUSY

  FC_RUNTIME: optional(string()),
  FC_FUNCTION_NAME: optional(string()),
  FC_REGION: optional(string()),
});

export type Env = Infer<typeof EnvSchema>;

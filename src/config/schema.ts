import { z } from 'zod';

const bool = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off', ''])
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

const ms = (def: number, min: number, max: number) => z.coerce.number().int().min(min).max(max).default(def);
const count = (def: number, min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).default(def);
const port = z.coerce.number().int().min(0).max(65535);
const httpUrl = z.url({ protocol: /^https?$/ }).transform((u) => u.replace(/\/+$/, ''));
const list = z.string().transform((s) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean),
);

/**
 * Every environment variable the server reads. `.describe()` text is the reference
 * documentation (docs/configuration.md and .env.example mirror it).
 */
export const EnvSchema = z.object({
  HOST: z.string().min(1).default('0.0.0.0').describe('Listen address. FC needs 0.0.0.0.'),
  FC_SERVER_PORT: port.optional().describe('Port injected by Function Compute (wins over the others).'),
  FC_CUSTOM_LISTEN_PORT: port.optional().describe('FC documented listen-port variable.'),
  PORT: port.optional().describe('Listen port for other platforms (default 8000).'),
  MCP_TRANSPORT: z.enum(['http', 'stdio']).default('http').describe('http (SSE + Streamable HTTP) or stdio.'),
  MCP_STATELESS: bool.default(false).describe('Serve /mcp statelessly (no Mcp-Session-Id).'),
  SSE_HEARTBEAT_MS: ms(15_000, 1_000, 300_000).describe('Keep-alive comment frame interval on /sse.'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .optional()
    .describe('Log level (default info).'),

  STEAM_STORE_URL: httpUrl.default('https://store.steampowered.com').describe('Steam store base URL.'),
  STEAM_API_URL: httpUrl.default('https://api.steampowered.com').describe('Steam Web API base URL.'),
  STEAM_LANGUAGE: z
    .string()
    .regex(/^[a-z]{2,20}$/)
    .default('schinese')
    .describe('Steam text language (schinese, english, …).'),
  STEAM_COUNTRY: z
    .string()
    .regex(/^[A-Za-z]{2}$/)
    .default('CN')
    .transform((s) => s.toUpperCase())
    .describe('Store country: selects currency and price region.'),
  STEAM_TIMEOUT_MS: ms(10_000, 100, 120_000).describe('Timeout of one Steam request.'),
  STEAM_RETRIES: count(2, 0, 5).describe('Retries of a failed idempotent Steam request.'),
  STEAM_CONCURRENCY: count(6, 1, 64).describe('Steam requests in flight at once.'),
  CIRCUIT_FAILURE_THRESHOLD: count(5, 1, 1_000).describe(
    'Consecutive upstream failures that open its circuit.',
  ),
  CIRCUIT_COOLDOWN_MS: ms(15_000, 100, 600_000).describe(
    'How long an open circuit fails fast before a probe.',
  ),
  CACHE_TTL_MS: ms(600_000, 0, 86_400_000).describe('How long Steam answers stay fresh in the cache.'),
  CACHE_MAX_ENTRIES: count(5_000, 10, 1_000_000).describe('Cache size bound (entries).'),

  DASHSCOPE_API_KEY: z.string().optional().describe('DashScope (or any OpenAI-compatible) API key.'),
  DASHSCOPE_BASE_URL: httpUrl
    .default('https://dashscope.aliyuncs.com/compatible-mode/v1')
    .describe('OpenAI-compatible chat-completions base URL.'),
  LLM_MODEL: z.string().min(1).default('qwen-plus').describe('Chat model name.'),
  LLM_TIMEOUT_MS: ms(30_000, 100, 300_000).describe('Timeout of one LLM call.'),
  RECOMMEND_DEADLINE_MS: ms(60_000, 1_000, 550_000).describe('Overall budget of one recommend_games call.'),

  MAX_SESSIONS: count(1_000, 1, 100_000).describe('Open MCP sessions per instance; more → 503.'),
  SESSION_IDLE_TIMEOUT_MS: ms(1_800_000, 1_000, 86_400_000).describe('Close sessions idle this long.'),
  MAX_BODY_BYTES: count(1_048_576, 1_024, 16_777_216).describe('Largest accepted request body (→ 413).'),
  RATE_LIMIT_PER_MINUTE: count(120, 1, 100_000).describe('Tool calls per client per minute.'),
  MAX_CONCURRENT_RECOMMENDATIONS: count(8, 1, 1_000).describe('recommend_games runs at once per instance.'),
  MCP_AUTH_TOKEN: z.string().min(16).optional().describe('Bearer token required on MCP endpoints when set.'),
  ALLOWED_HOSTS: list.optional().describe('Comma-separated Host header allow-list.'),
  ALLOWED_ORIGINS: list.optional().describe('Comma-separated Origin allow-list (also CORS).'),
  SHUTDOWN_GRACE_MS: ms(10_000, 0, 120_000).describe('How long in-flight calls may finish on SIGTERM.'),

  FC_RUNTIME: z.string().optional(),
  FC_FUNCTION_NAME: z.string().optional(),
  FC_REGION: z.string().optional(),
});

export type Env = z.infer<typeof EnvSchema>;

#!/usr/bin/env bash
# Start script for steam-game-mcp on Function Compute (custom runtime, `bash start.sh`).
#
# Prints diagnostics to stderr (never a variable's value), then replaces itself with
# `node dist/main.js --http` so the server receives SIGTERM from FC directly.
# Uses only bash builtins until it runs node, so it still explains itself when PATH is wrong.
set -euo pipefail

log() { printf '[start.sh] %s\n' "$*" >&2; }

# Resolve this script's directory (cwd may be anything).
_src="${BASH_SOURCE[0]}"
[[ "$_src" == */* ]] || _src="./$_src"
DIR="$(cd "${_src%/*}" && pwd)"
MAIN="$DIR/dist/main.js"

log "script_dir=$DIR cwd=$PWD"

# 1. Node.js
if ! command -v node >/dev/null 2>&1; then
  log "ERROR: 'node' was not found on PATH."
  log "PATH=$PATH"
  log "HINT: attach the official Nodejs20 layer (acs:fc:<region>:official:layers/Nodejs20/versions/3)"
  log "HINT: and set the environment variable PATH with /opt/nodejs20/bin FIRST, e.g."
  log "HINT:   PATH=/opt/nodejs20/bin:/usr/local/bin:/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin:/opt/bin"
  exit 127
fi
NODE_BIN="$(command -v node)"
NODE_VERSION="$(node --version 2>/dev/null || echo unknown)"
log "node=$NODE_BIN version=$NODE_VERSION"
_major="${NODE_VERSION#v}"
_major="${_major%%.*}"
if [[ "$_major" =~ ^[0-9]+$ ]]; then
  if ((_major < 20)); then
    log "ERROR: Node.js >= 20 is required, found $NODE_VERSION (check the layer and PATH order)."
    exit 1
  elif ((_major == 20)); then
    log "NOTE: Node.js 20's end-of-life date is 2026-04-30; see README (Node 22) to move on."
  fi
fi

# 2. The bundle
if [[ ! -f "$MAIN" ]]; then
  log "ERROR: bundle not found: $MAIN"
  log "HINT: the code package must contain dist/ (from 'npm run build') next to start.sh;"
  log "HINT: build it with 'npm run build && node scripts/package-fc.mjs' and deploy ./package."
  exit 1
fi
_chunks=0
for _f in "$DIR"/dist/*.js "$DIR"/dist/*.mjs "$DIR"/dist/*.cjs; do
  [[ -f "$_f" ]] && _chunks=$((_chunks + 1))
done
log "bundle=$MAIN found (js files in dist: $_chunks)"

# 3. Listen address (same precedence as the server)
if [[ -n "${FC_SERVER_PORT:-}" ]]; then
  _port="$FC_SERVER_PORT" _port_from=FC_SERVER_PORT
elif [[ -n "${FC_CUSTOM_LISTEN_PORT:-}" ]]; then
  _port="$FC_CUSTOM_LISTEN_PORT" _port_from=FC_CUSTOM_LISTEN_PORT
elif [[ -n "${PORT:-}" ]]; then
  _port="$PORT" _port_from=PORT
else
  _port=8000 _port_from=default
fi
log "listen host=${HOST:-0.0.0.0} port=$_port (from $_port_from; must equal customRuntimeConfig.port)"

# 4. Which known variables are set (names only). Keep in sync with src/config/schema.ts
#    (test/deploy/start-sh.test.ts checks this list against the schema).
KNOWN_VARS=(
  HOST FC_SERVER_PORT FC_CUSTOM_LISTEN_PORT PORT MCP_TRANSPORT MCP_STATELESS SSE_HEARTBEAT_MS LOG_LEVEL
  STEAM_STORE_URL STEAM_API_URL STEAM_LANGUAGE STEAM_COUNTRY STEAM_TIMEOUT_MS STEAM_RETRIES
  STEAM_CONCURRENCY CIRCUIT_FAILURE_THRESHOLD CIRCUIT_COOLDOWN_MS CACHE_TTL_MS CACHE_MAX_ENTRIES
  DASHSCOPE_API_KEY DASHSCOPE_BASE_URL LLM_MODEL LLM_TIMEOUT_MS RECOMMEND_DEADLINE_MS TOOL_DEADLINE_MS
  MAX_SESSIONS SESSION_IDLE_TIMEOUT_MS MAX_BODY_BYTES RATE_LIMIT_PER_MINUTE
  MAX_CONCURRENT_RECOMMENDATIONS MCP_AUTH_TOKEN ALLOWED_HOSTS ALLOWED_ORIGINS SHUTDOWN_GRACE_MS
  METRICS_TOKEN TRUST_PROXY_HOPS MESSAGE_RATE_LIMIT_PER_MINUTE SESSION_OPEN_PER_MINUTE
  MAX_SESSIONS_PER_CLIENT SESSION_INIT_TIMEOUT_MS SSE_MAX_BUFFER_BYTES SSE_STALL_TIMEOUT_MS BODY_TIMEOUT_MS
  FC_RUNTIME FC_FUNCTION_NAME FC_REGION STEAM_API_KEY STEAM_COMMUNITY_URL ITAD_API_URL ITAD_API_KEY FX_RATES_CNY
  REDIS_URL REDIS_KEY_PREFIX REDIS_COMMAND_TIMEOUT_MS STEAM_BUDGET_PER_5MIN STEAM_BUDGET_MAX_WAIT_MS
)
SECRET_VARS=" DASHSCOPE_API_KEY MCP_AUTH_TOKEN METRICS_TOKEN STEAM_API_KEY ITAD_API_KEY "
_set=()
_unset=()
for _name in "${KNOWN_VARS[@]}"; do
  if [[ -n "${!_name:-}" ]]; then _set+=("$_name"); else _unset+=("$_name"); fi
done
log "env set: ${_set[*]:-(none)}"
log "env unset (defaults apply): ${_unset[*]:-(none)}"
for _name in $SECRET_VARS; do
  _val="${!_name:-}"
  if [[ -z "$_val" ]]; then
    log "secret $_name: unset"
  elif [[ "$_val" == *'${'* || "$_val" == undefined || "$_val" == null ]]; then
    log "WARNING: secret $_name: set, but looks like an unresolved Serverless Devs reference (value hidden)"
  else
    log "secret $_name: set (value hidden)"
  fi
done
unset _val
if [[ -z "${DASHSCOPE_API_KEY:-}" ]]; then
  log "NOTE: no DASHSCOPE_API_KEY: recommend_games ranks by rules (degraded: true)."
fi

log "exec node $MAIN --http"
exec node "$MAIN" --http "$@"

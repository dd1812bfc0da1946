import { VERSION } from '../version.js';
import { COMMANDS, GLOBAL_FLAGS, type CommandSpec } from './spec.js';

const BIN = 'steam-game-mcp';

/** Help in Chinese, then English. */
export function helpText(command?: CommandSpec): string {
  return command ? commandHelp(command) : overview();
}

function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length)) + 2;
  const rows = COMMANDS.map((c) => `  ${c.name.padEnd(width)}${c.summary.zh} · ${c.summary.en}`);
  return [
    `${BIN} ${VERSION} — Steam 游戏搜索与推荐 · find and recommend Steam games`,
    '',
    `用法 Usage: ${BIN} <命令 command> [参数 args] [--json]`,
    `           ${BIN}            启动 MCP 服务器 · start the MCP server`,
    '',
    '命令 Commands:',
    ...rows,
    '',
    '通用选项 Options:',
    `  --json      ${GLOBAL_FLAGS.json.zh} · ${GLOBAL_FLAGS.json.en}`,
    `  -h, --help  ${GLOBAL_FLAGS.help.zh} · ${GLOBAL_FLAGS.help.en}`,
    `  --env-file <path>`,
    `              ${GLOBAL_FLAGS.envFile.zh} · ${GLOBAL_FLAGS.envFile.en}`,
    '',
    '示例 Examples:',
    ...COMMANDS.slice(0, 3).map((c) => `  ${c.example}`),
    '',
    '配置与服务器相同（环境变量、--env-file 或安装目录下的 .env），如 STEAM_COUNTRY、DASHSCOPE_API_KEY。',
    'Configured like the server (environment, --env-file or .env beside the package), e.g. STEAM_COUNTRY.',
    '退出码 Exit codes: 0 成功 ok · 1 工具出错 tool error · 2 用法错误 usage',
  ].join('\n');
}

function commandHelp(c: CommandSpec): string {
  const positional = c.positional
    ? c.positional.required
      ? ` <${c.positional.label}>`
      : ` [${c.positional.label}]`
    : '';
  const flags = c.options.map((o) => `  --${o.flag} <value>`.padEnd(28) + `${o.help.zh} · ${o.help.en}`);
  return [
    `${c.summary.zh} · ${c.summary.en}`,
    '',
    `用法 Usage: ${BIN} ${c.name}${positional}${c.options.length ? ' [选项 options]' : ''} [--json]`,
    '',
    '选项 Options:',
    ...flags,
    `  --json`.padEnd(28) + `${GLOBAL_FLAGS.json.zh} · ${GLOBAL_FLAGS.json.en}`,
    '',
    `示例 Example: ${c.example}`,
  ].join('\n');
}

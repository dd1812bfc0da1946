// Turns configuration problems into lines an operator can act on: which variable, the rule it
// breaks (English / 中文), and its value only when printing it is safe. These lines reach the
// console and, on FC, the log service, so a secret's value never appears in them.
import { redactCredentialUrl } from '../observability/logger.js';

/** Variables whose value is a credential, by name (token, key, secret, password). */
const SECRET_NAME = /TOKEN|KEY|SECRET|PASSWORD|CREDENTIAL/i;

/** A Serverless Devs reference that was not substituted, e.g. `${env('MCP_AUTH_TOKEN')}`. */
const UNRESOLVED_REFERENCE = /\$\{\s*(?:env|vars|config|secret)\b[^}]*\}/i;

/** Longest value echoed back; longer ones are cut (a pasted file is not a useful message). */
const MAX_SHOWN_CHARS = 80;

/** Rules for the variables whose pattern would not explain itself. */
const FORMAT_RULES: Readonly<Record<string, string>> = {
  STEAM_LANGUAGE:
    'must be a Steam language code of 2–20 lowercase letters, e.g. schinese or english / 须为 2–20 个小写字母的 Steam 语言代码，如 schinese、english',
  STEAM_COUNTRY: 'must be a two-letter country code, e.g. CN or US / 须为两位国家代码，如 CN、US',
};

/** URL rules for the variables that are not http(s) URLs. */
const URL_RULES: Readonly<Record<string, string>> = {
  REDIS_URL:
    'must be a redis:// or rediss:// (TLS) URL, e.g. redis://:password@r-xxx.redis.rds.aliyuncs.com:6379/0 / 须为 redis:// 或 rediss://（TLS）地址，如 redis://:密码@r-xxx.redis.rds.aliyuncs.com:6379/0',
};

/** Variables that are URLs whose userinfo is a credential (Redis: the password). */
const CREDENTIAL_URLS = new Set(['REDIS_URL']);

/** The subset of a zod issue this module reads (zod/mini issues carry these fields). */
export interface SchemaIssue {
  readonly code: string;
  readonly path: readonly PropertyKey[];
  readonly origin?: string;
  readonly minimum?: number | bigint;
  readonly maximum?: number | bigint;
  readonly expected?: string;
  readonly format?: string;
  readonly values?: readonly unknown[];
}

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/** The rule an issue breaks, in English and Chinese. */
export function describeRule(name: string, issue: SchemaIssue): string {
  switch (issue.code) {
    case 'too_small':
      return issue.origin === 'string'
        ? `must be at least ${issue.minimum} characters / 至少 ${issue.minimum} 个字符`
        : `must be at least ${issue.minimum} / 不能小于 ${issue.minimum}`;
    case 'too_big':
      return issue.origin === 'string'
        ? `must be at most ${issue.maximum} characters / 最多 ${issue.maximum} 个字符`
        : `must be at most ${issue.maximum} / 不能大于 ${issue.maximum}`;
    case 'invalid_type':
      return issue.expected === 'number' || issue.expected === 'int'
        ? 'must be a whole number / 须为整数'
        : `must be a ${issue.expected ?? 'value'} / 类型错误`;
    case 'invalid_value': {
      const choices = (issue.values ?? []).filter((v) => v !== '').join(', ');
      return `must be one of: ${choices} / 须为以下之一：${choices}`;
    }
    case 'invalid_format':
      if (issue.format === 'url')
        return URL_RULES[name] ?? 'must be an http:// or https:// URL / 须为 http:// 或 https:// 地址';
      return FORMAT_RULES[name] ?? 'has the wrong format / 格式不正确';
    default:
      return 'is not valid / 取值无效';
  }
}

/** How a value may appear in a message: hidden for secrets, URL passwords removed, long values cut. */
export function showValue(name: string, value: string | undefined): string {
  if (value === undefined) return '(unset)';
  if (isSecretName(name)) return `(secret, ${value.length} characters, value hidden / 密钥已隐藏)`;
  const shown = CREDENTIAL_URLS.has(name) ? redactCredentialUrl(value) : redactUserinfo(value);
  const cut = shown.length > MAX_SHOWN_CHARS ? `${shown.slice(0, MAX_SHOWN_CHARS)}…` : shown;
  return JSON.stringify(cut);
}

/** `https://user:pass@host/…` → `https://***@host/…`, anywhere in the text. */
export function redactUserinfo(text: string): string {
  return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@]*@/gi, '$1***@');
}

/** Names of variables still holding an unresolved deploy-tool reference. */
export function unresolvedReferences(
  env: Readonly<Record<string, string>>,
  names: Iterable<string>,
): string[] {
  return [...names].filter((name) => {
    const value = env[name];
    return value !== undefined && UNRESOLVED_REFERENCE.test(value);
  });
}

export const UNRESOLVED_RULE =
  "holds an unresolved Serverless Devs reference like ${env('…')}: set that variable where `s deploy` runs / 含未解析的 Serverless Devs 引用（如 ${env('…')}），请在执行 s deploy 的环境中设置该变量";

import path from 'node:path';

/** Validated runtime configuration; read once at start from the environment. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** Absent means embedded SQLite at `<dataDir>/gongzhi.db`. */
  databaseUrl: string | null;
  /** Base64 32-byte key for PII encryption; absent means generated into the data directory. */
  piiKey: string | null;
  /** Secret for signing cookies; absent means derived from the PII key. */
  cookieSecret: string | null;
  /** Idle session timeout in minutes (等保: at most 30). */
  sessionIdleMinutes: number;
  /** Whether cookies carry the Secure flag (set behind TLS). */
  secureCookies: boolean;
  uploadLimitBytes: number;
  logLevel: string;
  /** Queries slower than this many milliseconds are logged (0 = off). */
  slowQueryMs: number;
  /** SQLite's page cache in MB (GONGZHI_SQLITE_CACHE_MB): pages a busy server reads again stay in memory, up to this much. */
  sqliteCacheMb: number;
  /** Public base URL for links printed outside the app (bulletin QR codes); absent means the request's own host. */
  publicUrl: string | null;
  /**
   * Which proxies may set X-Forwarded-For (Fastify's trustProxy): the per-IP limits of the public forms read the client
   * address from it, so trusting any sender would let a client forge it. Default: a proxy on the same machine.
   */
  trustProxy: boolean | string;
  /** Keys Open311 clients send as api_key; when any is set, POSTing a request needs one (OPEN311_API_KEYS, comma-separated). */
  open311ApiKeys: string[];
}

/** A configuration problem a person can fix by changing one variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration / 配置有误:\n- ${problems.join('\n- ')}`);
  }
}

function intVar(env: NodeJS.ProcessEnv, name: string, dflt: number, min: number, max: number, problems: string[]): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return dflt;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    problems.push(`${name}="${raw}" must be a whole number from ${min} to ${max} / ${name} 须为 ${min}–${max} 的整数`);
    return dflt;
  }
  return n;
}

/** Reads and validates the environment, collecting every problem before failing. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const port = intVar(env, 'PORT', 8080, 0, 65535, problems);
  const sessionIdleMinutes = intVar(env, 'SESSION_IDLE_MINUTES', 30, 1, 30, problems);
  const slowQueryMs = intVar(env, 'GONGZHI_SLOW_QUERY_MS', 0, 0, 600_000, problems);
  const sqliteCacheMb = intVar(env, 'GONGZHI_SQLITE_CACHE_MB', 256, 2, 65_536, problems);
  const uploadLimitBytes = intVar(env, 'UPLOAD_LIMIT_MB', 50, 1, 1024, problems) * 1024 * 1024;
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL must start with postgres:// (leave it empty for embedded SQLite) / DATABASE_URL 须以 postgres:// 开头，留空则使用内置 SQLite');
  }
  const piiKey = env.GONGZHI_PII_KEY?.trim() || null;
  if (piiKey && Buffer.from(piiKey, 'base64').length !== 32) {
    problems.push('GONGZHI_PII_KEY must be 32 bytes in base64 (openssl rand -base64 32) / GONGZHI_PII_KEY 须为 base64 编码的 32 字节密钥');
  }
  const secure = env.SECURE_COOKIES ?? 'false';
  if (!['true', 'false'].includes(secure)) problems.push('SECURE_COOKIES must be true or false / SECURE_COOKIES 须为 true 或 false');
  const publicUrl = env.GONGZHI_PUBLIC_URL?.trim().replace(/\/+$/, '') || null;
  if (publicUrl && !/^https?:\/\/[^\s/]+(\/\S*)?$/.test(publicUrl)) {
    problems.push('GONGZHI_PUBLIC_URL must be an http(s) address such as https://gongzhi.example.gov.cn / GONGZHI_PUBLIC_URL 须为 http(s) 地址');
  }
  const trustRaw = env.TRUST_PROXY?.trim() || 'loopback';
  const trustProxy = trustRaw === 'false' ? false : trustRaw === 'true' ? true : trustRaw;
  if (typeof trustProxy === 'string' && !/^[\w.:/,\s-]+$/.test(trustProxy)) {
    problems.push('TRUST_PROXY must be false, true, loopback or a comma-separated list of proxy addresses (CIDR allowed) / TRUST_PROXY 须为 false、true、loopback 或以逗号分隔的代理地址');
  }
  if (problems.length) throw new ConfigError(problems);
  return {
    port,
    host: env.HOST?.trim() || '0.0.0.0',
    dataDir: path.resolve(env.DATA_DIR?.trim() || './data'),
    databaseUrl,
    piiKey,
    cookieSecret: env.COOKIE_SECRET?.trim() || null,
    sessionIdleMinutes,
    secureCookies: secure === 'true',
    uploadLimitBytes,
    logLevel: env.LOG_LEVEL?.trim() || 'info',
    slowQueryMs,
    sqliteCacheMb,
    publicUrl,
    trustProxy,
    open311ApiKeys: (env.OPEN311_API_KEYS ?? '').split(',').map((k) => k.trim()).filter(Boolean),
  };
}

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Field encryption (AES-256-GCM), keyed blind indexes and the audit-chain MAC, all from one master key. */
export interface Keyring {
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
  /** Deterministic keyed digest for exact lookup without storing plain text. */
  blindIndex(kind: string, value: string): string;
  /** MAC for the audit hash chain. */
  auditMac(data: string): string;
  /** Secret for cookie signing when none is configured. */
  cookieSecret: string;
}

function subKey(master: Buffer, label: string): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', master, Buffer.alloc(0), `gongzhi:${label}`, 32));
}

/** Builds the keyring from a 32-byte master key. */
export function makeKeyring(master: Buffer): Keyring {
  if (master.length !== 32) throw new Error('PII key must be 32 bytes');
  const encKey = subKey(master, 'pii-enc-v1');
  const idxKey = subKey(master, 'pii-bidx-v1');
  const auditKey = subKey(master, 'audit-chain-v1');
  const cookieSecret = subKey(master, 'cookie-v1').toString('base64');
  return {
    encrypt(plain) {
      const iv = crypto.randomBytes(12);
      const c = crypto.createCipheriv('aes-256-gcm', encKey, iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return 'v1:' + Buffer.concat([iv, c.getAuthTag(), body]).toString('base64');
    },
    decrypt(sealed) {
      if (!sealed.startsWith('v1:')) throw new Error('unknown ciphertext version');
      const raw = Buffer.from(sealed.slice(3), 'base64');
      const d = crypto.createDecipheriv('aes-256-gcm', encKey, raw.subarray(0, 12));
      d.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString('utf8');
    },
    blindIndex(kind, value) {
      return crypto.createHmac('sha256', idxKey).update(kind + ':' + value).digest('base64url').slice(0, 32);
    },
    auditMac(data) {
      return crypto.createHmac('sha256', auditKey).update(data).digest('hex');
    },
    cookieSecret,
  };
}

/** Loads the master key from config, or from `<dataDir>/pii.key`, generating it (with a warning) when absent. */
export function loadMasterKey(configured: string | null, dataDir: string, warn: (msg: string) => void): Buffer {
  if (configured) return Buffer.from(configured, 'base64');
  const file = path.join(dataDir, 'pii.key');
  if (fs.existsSync(file)) return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
  fs.mkdirSync(dataDir, { recursive: true });
  const key = crypto.randomBytes(32);
  fs.writeFileSync(file, key.toString('base64') + '\n', { mode: 0o600 });
  warn(
    `WARNING: GONGZHI_PII_KEY is not set; generated a new key in ${file}. Back it up apart from the database: ` +
      `without it the encrypted ID numbers and phones cannot be read. / 警告：未配置 GONGZHI_PII_KEY，已生成密钥文件 ${file}，请与数据库分开备份。`,
  );
  return key;
}

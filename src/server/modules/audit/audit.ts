/** Fields of an audit entry that the hash chain covers. */
export interface AuditEntry {
  id: string;
  at: string;
  actorId: string | null;
  actorName: string;
  actorRoles: string;
  ip: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  scopePath: string | null;
  result: 'success' | 'failure';
  reason: string | null;
  detail: Record<string, unknown>;
}

/** The chain's starting hash. */
export const GENESIS_HASH = '0'.repeat(64);

/** Deterministic JSON: keys sorted at every level, so the same entry always hashes the same. */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v ?? null);
  if (Array.isArray(v)) return '[' + v.map(canonicalJson).join(',') + ']';
  const o = v as Record<string, unknown>;
  return '{' + Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => JSON.stringify(k) + ':' + canonicalJson(o[k])).join(',') + '}';
}

/** The text the MAC covers: the previous hash and the entry. */
export function chainInput(prevHash: string, e: AuditEntry): string {
  return prevHash + '|' + canonicalJson({ ...e, detail: e.detail });
}

/** Result of walking the chain. */
export interface ChainReport {
  ok: boolean;
  checked: number;
  /** The first broken link: the seq where a changed, inserted or deleted entry shows. */
  firstBadSeq: number | null;
  problem: 'hash_mismatch' | 'link_broken' | 'seq_gap' | null;
}

/** Field names that must never appear in audit detail in plain text. */
export const NEVER_LOG = ['idNumber', 'phone', 'password', 'protectedTags', 'birthDate'];

/** Drops plain-text personal data from a detail object (keeps the field names changed). */
export function scrubDetail(detail: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(detail)) {
    if (NEVER_LOG.includes(k)) out[k] = '[redacted]';
    else if (v && typeof v === 'object' && !Array.isArray(v)) out[k] = scrubDetail(v as Record<string, unknown>);
    else out[k] = v;
  }
  return out;
}

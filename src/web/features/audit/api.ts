import { api, type Page } from '../../api/client.ts';
import type { AuditView, ChainReport } from '../../api/types.ts';

/** Filters of the audit list (exact matches except the time range; `actionPrefix` for a family like `user.`). */
export interface AuditFilter {
  actorName?: string;
  action?: string;
  actionPrefix?: string;
  objectType?: string;
  objectId?: string;
  result?: 'success' | 'failure';
  /** ISO time, inclusive. */
  from?: string;
  /** ISO time, exclusive. */
  to?: string;
}

/** A page of audit entries, newest first. */
export function searchAudit(filter: AuditFilter, page: number, pageSize: number): Promise<Page<AuditView>> {
  return api.get<Page<AuditView>>('/api/audit', { ...filter, page, pageSize });
}

/** Walks the hash chain on the server. */
export function verifyAudit(): Promise<ChainReport> {
  return api.get<ChainReport>('/api/audit/verify');
}

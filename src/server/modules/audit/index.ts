export { auditRoutes } from './audit.routes.ts';
export { recordAudit, searchAudit, verifyChain, type AuditInput } from './audit.service.ts';
export type { AuditFilter, StoredAudit } from './audit.repository.ts';

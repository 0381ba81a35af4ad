export { auditRoutes } from './audit.routes.ts';
export { recordAudit, verifyChain, type AuditInput } from './audit.service.ts';

import { searchAudit, type AuditFilter, type StoredAudit } from '../audit/index.ts';
import type { ExportSource } from './export.service.ts';
import { pickFilter } from './export.sources.ts';

/** The audit log for auditors, with the filters of GET /api/audit (the export itself is audited like any other). */
export const auditExport: ExportSource<StoredAudit, AuditFilter> = {
  entity: 'audit',
  sheetZh: '审计日志',
  permission: 'audit.read',
  parseFilter: (q) =>
    pickFilter(q, { text: ['actorName', 'action', 'actionPrefix', 'objectType', 'objectId', 'from', 'to'], oneOf: { result: ['success', 'failure'] } }) as AuditFilter,
  fetchPage: (db, ctx, f, page, pageSize) => searchAudit(db, ctx, f, pageSize, (page - 1) * pageSize),
  columns: [
    { header: '序号', value: (e) => e.seq },
    { header: '时间（UTC）', width: 24, value: (e) => e.at },
    { header: '操作人', width: 14, value: (e) => e.actorName },
    { header: '角色与范围', width: 30, value: (e) => e.actorRoles },
    { header: 'IP', width: 16, value: (e) => e.ip },
    { header: '操作', width: 20, value: (e) => e.action },
    { header: '对象类型', value: (e) => e.objectType },
    { header: '对象', width: 38, value: (e) => e.objectId },
    { header: '结果', value: (e) => (e.result === 'success' ? '成功' : '失败') },
    { header: '事由', width: 24, value: (e) => e.reason },
    { header: '详情', width: 40, value: (e) => JSON.stringify(e.detail) },
    { header: '哈希', width: 20, value: (e) => e.hash },
  ],
};

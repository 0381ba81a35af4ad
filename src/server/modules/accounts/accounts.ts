import type { AdminClass, Permission } from '../../../shared/permissions.ts';

/** Failed sign-ins before the account locks. */
export const MAX_FAILED_LOGINS = 5;
/** How long a lock lasts. */
export const LOCK_MINUTES = 15;
/** Passwords that may not be reused. */
export const PASSWORD_HISTORY = 5;
/** Days after which a password must be changed (等保 身份鉴别 a). */
export const PASSWORD_MAX_AGE_DAYS = 90;

/** Checks the password policy: at least 8 characters from 3 of the 4 classes. */
export function passwordStrongEnough(pw: string): boolean {
  if (pw.length < 8 || pw.length > 128) return false;
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(pw)).length;
  return classes >= 3;
}

/** Whether a session idle since lastSeen has expired at now. */
export function sessionExpired(lastSeenIso: string, now: Date, idleMinutes: number): boolean {
  return now.getTime() - new Date(lastSeenIso).getTime() > idleMinutes * 60_000;
}

/** The lock that a failed attempt leads to, if any. */
export function afterFailure(failedSoFar: number, now: Date): { failed: number; lockedUntil: string | null } {
  const failed = failedSoFar + 1;
  return failed >= MAX_FAILED_LOGINS
    ? { failed, lockedUntil: new Date(now.getTime() + LOCK_MINUTES * 60_000).toISOString() }
    : { failed, lockedUntil: null };
}

/** A role shipped with the system. */
export interface BuiltinRole {
  key: string;
  nameZh: string;
  nameEn: string;
  adminClass: AdminClass | null;
  permissions: Permission[];
}

const BUSINESS_READ: Permission[] = ['region.read', 'compound.read', 'resident.read', 'grid.read', 'org.read', 'method.read', 'deliberation.read'];
const BUSINESS_WRITE: Permission[] = ['compound.write', 'resident.write', 'grid.write', 'org.write', 'deliberation.write', 'opinion.write'];

const INCIDENT_ALL: Permission[] = ['incident.read', 'incident.report', 'incident.handle', 'incident.dispatch', 'incident.verify'];
const DISPUTE_CAMPAIGN_ALL: Permission[] = ['dispute.read', 'dispute.write', 'campaign.read', 'campaign.manage'];

/**
 * Built-in roles, including the three separated administrators of 等保 (系统/安全/审计管理员). Grid workers report and
 * verify incidents on patrol, register the disputes they find and record campaign inspections; compound secretaries run
 * deliberation in their compound and report incidents.
 */
export const BUILTIN_ROLES: BuiltinRole[] = [
  { key: 'system_admin', nameZh: '系统管理员', nameEn: 'System administrator', adminClass: 'system', permissions: ['user.manage', 'region.read', 'region.write', 'method.manage', 'calendar.manage', 'incident.configure'] },
  { key: 'security_admin', nameZh: '安全管理员', nameEn: 'Security administrator', adminClass: 'security', permissions: ['grant.manage', 'role.manage', 'region.read'] },
  { key: 'audit_admin', nameZh: '审计管理员', nameEn: 'Audit administrator', adminClass: 'audit', permissions: ['audit.read', 'export.run', 'region.read'] },
  {
    key: 'street_admin', nameZh: '街道（乡镇）管理员', nameEn: 'Street administrator', adminClass: null,
    permissions: [...BUSINESS_READ, ...BUSINESS_WRITE, 'region.write', 'resident.reveal', 'import.run', 'export.run', 'method.manage', 'calendar.manage', ...INCIDENT_ALL, 'incident.configure', ...DISPUTE_CAMPAIGN_ALL],
  },
  {
    key: 'community_worker', nameZh: '社区工作者', nameEn: 'Community worker', adminClass: null,
    permissions: [...BUSINESS_READ, ...BUSINESS_WRITE, 'resident.reveal', 'import.run', 'export.run', ...INCIDENT_ALL, ...DISPUTE_CAMPAIGN_ALL],
  },
  {
    key: 'grid_worker', nameZh: '网格员', nameEn: 'Grid worker', adminClass: null,
    permissions: [...BUSINESS_READ, 'resident.write', 'opinion.write', 'incident.read', 'incident.report', 'incident.verify', 'dispute.read', 'dispute.write', 'campaign.read'],
  },
  {
    key: 'compound_secretary', nameZh: '小区党组织书记', nameEn: 'Compound party secretary', adminClass: null,
    permissions: [...BUSINESS_READ, 'org.write', 'deliberation.write', 'opinion.write', 'incident.read', 'incident.report'],
  },
  { key: 'leader', nameZh: '领导（只读）', nameEn: 'Leader (read only)', adminClass: null, permissions: [...BUSINESS_READ, 'export.run', 'incident.read', 'dispute.read', 'campaign.read'] },
];

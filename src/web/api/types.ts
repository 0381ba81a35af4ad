// Shapes of the accounts and audit answers, as the server sends them.

/** One role grant over a place. */
export interface GrantView {
  id: string;
  roleKey: string;
  roleNameZh: string;
  roleNameEn: string;
  scopePath: string;
}

/** A user as the API shows it. */
export interface UserView {
  id: string;
  username: string;
  displayName: string;
  disabled: boolean;
  locked: boolean;
  mustChangePassword: boolean;
  lastLoginAt: string | null;
  version: number;
  grants: GrantView[];
  abilities: { update: boolean; grant: boolean };
}

/** GET /api/auth/me. */
export interface MeView {
  user: UserView;
  permissions: string[];
  csrfToken: string;
  idleMinutes: number;
}

/** POST /api/auth/login. */
export interface LoginAnswer {
  userId: string;
  csrfToken: string;
  mustChangePassword: boolean;
}

/** A role with its permissions. */
export interface RoleView {
  id: string;
  key: string;
  nameZh: string;
  nameEn: string;
  permissions: string[];
  adminClass: string | null;
  builtin: boolean;
  version: number;
}

/** One audit log entry. */
export interface AuditView {
  seq: number;
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
  prevHash?: string;
  hash?: string;
}

/** GET /api/audit/verify. */
export interface ChainReport {
  ok: boolean;
  checked: number;
  firstBadSeq: number | null;
  problem: 'hash_mismatch' | 'link_broken' | 'seq_gap' | null;
}

/** A place of the region tree from GET /api/regions. */
export interface RegionView {
  id: string;
  code: string;
  name: string;
  level: string | null;
  parentId: string | null;
  scopePath: string;
  /** Shown only so the granted places below it can be reached; not itself granted. */
  ancestorOnly?: boolean;
}

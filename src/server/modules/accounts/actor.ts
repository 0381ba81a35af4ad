import { DomainError } from '../../../shared/errors.ts';
import type { Permission } from '../../../shared/permissions.ts';

/** One role granted over one place: the role's permissions apply to rows under scopePath. */
export interface ActorGrant {
  roleKey: string;
  adminClass: string | null;
  scopePath: string;
  permissions: readonly string[];
}

/** Who is calling: a signed-in user, an API token, or the system itself (CLI, seeding). */
export interface Actor {
  kind: 'user' | 'token' | 'system';
  userId: string | null;
  username: string;
  displayName: string;
  grants: ActorGrant[];
  ip: string | null;
  sessionId: string | null;
}

/** The system actor: all permissions everywhere; used by the CLI and seeding, never by HTTP. */
export const SYSTEM_ACTOR: Actor = {
  kind: 'system',
  userId: null,
  username: 'system',
  displayName: '系统',
  grants: [{ roleKey: 'system', adminClass: null, scopePath: '/', permissions: ['*'] }],
  ip: null,
  sessionId: null,
};

/** Scope prefixes under which the actor holds a permission, with nested prefixes folded away. */
export function scopesFor(actor: Actor, permission: Permission): string[] {
  const paths = actor.grants
    .filter((g) => g.permissions.includes(permission) || g.permissions.includes('*'))
    .map((g) => g.scopePath)
    .sort((a, b) => a.length - b.length);
  const out: string[] = [];
  for (const p of paths) if (!out.some((q) => p.startsWith(q))) out.push(p);
  return out;
}

/** Whether the actor holds the permission over a row at scopePath (本级及下级). */
export function can(actor: Actor, permission: Permission, scopePath: string): boolean {
  return scopesFor(actor, permission).some((p) => scopePath.startsWith(p));
}

/** Whether the actor holds the permission anywhere. */
export function hasPermission(actor: Actor, permission: Permission): boolean {
  return scopesFor(actor, permission).length > 0;
}

/** Throws FORBIDDEN unless the actor holds the permission somewhere; returns the scope prefixes. */
export function requireScopes(actor: Actor, permission: Permission): string[] {
  const s = scopesFor(actor, permission);
  if (s.length === 0) throw new DomainError('FORBIDDEN', { permission });
  return s;
}

/** Throws FORBIDDEN or OUT_OF_SCOPE unless the actor holds the permission over scopePath. */
export function requireAt(actor: Actor, permission: Permission, scopePath: string): void {
  const s = requireScopes(actor, permission);
  if (!s.some((p) => scopePath.startsWith(p))) throw new DomainError('OUT_OF_SCOPE');
}

/** Role keys joined for the audit log. */
export function roleSummary(actor: Actor): string {
  return [...new Set(actor.grants.map((g) => `${g.roleKey}@${g.scopePath}`))].join(',');
}

import { api, newId, type Page } from '../../api/client.ts';
import type { RoleView, UserView } from '../../api/types.ts';

/** Users page by search text. */
export function listUsers(q: { q?: string; page: number; pageSize: number }): Promise<Page<UserView>> {
  return api.get<Page<UserView>>('/api/users', q);
}

/** Creates a user; the server generates the one-time initial password. Pass the same id to retry safely. */
export function createUser(input: { id?: string; username: string; displayName: string }): Promise<{ user: UserView; initialPassword: string | null; created: boolean }> {
  return api.post('/api/users', { id: input.id ?? newId(), username: input.username, displayName: input.displayName });
}

/** Renames, disables/enables or unlocks a user (compare-and-set on version). */
export function patchUser(id: string, body: { version: number; displayName?: string; disabled?: boolean; unlock?: boolean }): Promise<UserView> {
  return api.patch<UserView>(`/api/users/${encodeURIComponent(id)}`, body);
}

/** Resets a user's password; the new one is shown once. */
export function resetPassword(id: string): Promise<{ password: string }> {
  return api.post(`/api/users/${encodeURIComponent(id)}/reset-password`);
}

/** Grants a role over a place. */
export function addGrant(userId: string, body: { roleKey: string; scopePath: string }): Promise<UserView> {
  return api.post<UserView>(`/api/users/${encodeURIComponent(userId)}/grants`, body);
}

/** Revokes a grant. */
export function removeGrant(grantId: string): Promise<{ ok: true }> {
  return api.delete(`/api/grants/${encodeURIComponent(grantId)}`);
}

/** Every role with its permissions. */
export async function listRoles(): Promise<RoleView[]> {
  return (await api.get<{ items: RoleView[] }>('/api/roles')).items;
}

/** Changes the caller's own password. */
export function changePassword(body: { currentPassword: string; newPassword: string }): Promise<{ ok: true }> {
  return api.post('/api/auth/password', body);
}

/** The password policy of the server: at least 8 characters from 3 of upper case, lower case, digits, symbols. */
export function passwordStrongEnough(pw: string): boolean {
  if (pw.length < 8 || pw.length > 128) return false;
  return [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(pw)).length >= 3;
}

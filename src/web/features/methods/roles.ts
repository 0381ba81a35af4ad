import { RELATION_ROLES } from '../../../shared/method-template.ts';
import type { RoleView } from '../../api/types.ts';
import type { Lang, T } from '../../i18n/index.tsx';

/**
 * Keys of the built-in roles a template may name (the server checks `who` and `owner` against the same list, from
 * BUILTIN_ROLES in the accounts module). Used when the caller may not read GET /api/roles.
 */
export const BUILTIN_ROLE_KEYS = ['system_admin', 'security_admin', 'audit_admin', 'street_admin', 'community_worker', 'grid_worker', 'compound_secretary', 'leader'] as const;

/** A role a transition or stage may name, with its label. */
export interface RoleOption {
  value: string;
  label: string;
  relation: boolean;
}

/** Role keys the validation accepts besides relation roles: the built-in roles the server listed, or the known ones. */
export function roleKeysOf(roles: RoleView[] | null): string[] {
  const builtin = roles?.filter((r) => r.builtin).map((r) => r.key);
  return builtin && builtin.length ? builtin : [...BUILTIN_ROLE_KEYS];
}

/** Options for the role pickers: relation roles first (they are what most steps use), then system roles. */
export function roleOptions(roles: RoleView[] | null, t: T, lang: Lang): RoleOption[] {
  const byKey = new Map((roles ?? []).map((r) => [r.key, lang === 'en' ? r.nameEn : r.nameZh]));
  return [
    ...RELATION_ROLES.map((k) => ({ value: k, label: t.dyn(`methods.relation.${k}`, k), relation: true })),
    ...roleKeysOf(roles).map((k) => ({ value: k, label: byKey.get(k) ?? t.dyn(`methods.role.${k}`, k), relation: false })),
  ];
}

/** antd Select options grouped by relation and system roles, each label followed by its key. */
export function groupedRoleOptions(options: RoleOption[], t: T) {
  const item = (o: RoleOption) => ({ value: o.value, label: `${o.label} · ${o.value}` });
  return [
    { label: t('methods.roles.relations'), options: options.filter((o) => o.relation).map(item) },
    { label: t('methods.roles.roles'), options: options.filter((o) => !o.relation).map(item) },
  ];
}

import { api, newId, type Page } from '../../api/client.ts';
import type { RoleView } from '../../api/types.ts';
import type { MethodTemplateBody } from '../../../shared/method-template.ts';

/** Template lifecycle: a draft is published once; publishing the next version retires the previous one. */
export type TemplateStatus = 'draft' | 'published' | 'retired';

/** One stored template version as GET /api/method-templates answers it. */
export interface TemplateView {
  id: string;
  key: string;
  version: number;
  status: TemplateStatus;
  nameZh: string;
  nameEn: string;
  body: MethodTemplateBody;
  scopePath: string;
  createdAt: string;
  createdBy: string | null;
  publishedAt: string | null;
  publishedBy: string | null;
  abilities: { publish: boolean; newVersion: boolean };
}

/** Template versions the caller may see, newest first by the server's order. */
export function listTemplates(q: { key?: string; status?: TemplateStatus; page: number; pageSize: number }): Promise<Page<TemplateView>> {
  return api.get<Page<TemplateView>>('/api/method-templates', q);
}

/** A method by key: its published version and all versions the caller may see. */
export function getTemplateByKey(key: string): Promise<{ key: string; current: TemplateView | null; versions: TemplateView[] }> {
  return api.get(`/api/method-templates/${encodeURIComponent(key)}`);
}

/**
 * Saves a new draft version (the server validates it with the same checks the editor runs). Each save is a new version;
 * pass the same id to retry a save whose answer was lost.
 */
export function createDraft(body: unknown, scopePath: string, id: string = newId()): Promise<TemplateView> {
  return api.post<TemplateView>('/api/method-templates', { ...(body as object), id, scopePath });
}

/** Publishes a draft: new instances use it, the previous version is retired, running instances keep theirs. */
export function publishTemplate(id: string): Promise<TemplateView> {
  return api.post<TemplateView>(`/api/method-templates/${encodeURIComponent(id)}/publish`);
}

/** The roles with their names, for callers who may read them (grant, role or user managers); others get null. */
export async function listRolesIfAllowed(allowed: boolean): Promise<RoleView[] | null> {
  if (!allowed) return null;
  try {
    return (await api.get<{ items: RoleView[] }>('/api/roles')).items;
  } catch {
    return null;
  }
}

// API calls of the matters screens: matters, their events, participants, action items, evaluations, method templates and
// attachments (contract: notes/deliberation-api.md; view types from src/shared/deliberation.ts). Meetings, the member
// pool and opinions are in api.meetings.ts.
import { api, toApiError, ApiError, type Page } from '../../api/client.ts';
import { currentLang, translate } from '../../i18n/index.tsx';
import type {
  ActionItemView, EvaluationView, EvaluatorKind, MatterCategory, MatterDetail, MatterSource, MatterSummary, Named,
  OpinionView, ParticipantProposal, ParticipantView,
} from '../../../shared/deliberation.ts';
import type { I18nName, MethodTemplateBody } from '../../../shared/method-template.ts';

const enc = encodeURIComponent;

/** A list answer that may come bare or as `{ items }`. */
function itemsOf<T>(r: T[] | { items: T[] }): T[] {
  return Array.isArray(r) ? r : r.items;
}

/** Filters of the matter list. */
export interface MatterFilter {
  regionId?: string;
  compoundId?: string;
  methodKey?: string;
  stage?: string;
  category?: string;
  source?: string;
  overdue?: boolean;
  /** true: still running; false: closed (terminal stage). */
  open?: boolean;
  q?: string;
}

/** One page of matters. */
export function listMatters(f: MatterFilter, page: number, pageSize: number, signal?: AbortSignal): Promise<Page<MatterSummary>> {
  return api.get<Page<MatterSummary>>('/api/matters', { ...f, page, pageSize }, { signal });
}

/** One column of the board: a stage of the method with its matters (at most 50 shown; `total` counts all). */
export interface BoardColumn {
  stage: string;
  name: I18nName;
  terminal: boolean;
  total: number;
  items: MatterSummary[];
}

/** GET /api/matters/board: the matters of one method by stage. */
export interface MatterBoardView {
  method: { key: string; name: I18nName };
  columns: BoardColumn[];
}

/** The board of one method within the chosen place or compound. */
export function getBoard(q: { regionId?: string; compoundId?: string; methodKey: string }, signal?: AbortSignal): Promise<MatterBoardView> {
  return api.get<MatterBoardView>('/api/matters/board', { ...q }, { signal });
}

/** One matter with stages, timeline and abilities (404 when outside the caller's places). */
export function getMatter(id: string): Promise<MatterDetail> {
  return api.get<MatterDetail>(`/api/matters/${enc(id)}`);
}

/** The fields of a new matter. */
export interface NewMatter {
  compoundId: string;
  title: string;
  description?: string | null;
  category: MatterCategory;
  source: MatterSource;
  methodKey: string;
  executorOrgId?: string | null;
  deadline?: string | null;
  jointDecisionItem?: number | null;
  leaderUserId?: string | null;
  executorUserIds?: string[];
  supervisorUserIds?: string[];
  opinionIds?: string[];
  conflictOrgIds?: string[];
  conflictMemberIds?: string[];
}

/** Opens a matter and starts its method; the same id retried returns the first result. */
export function createMatter(id: string, body: NewMatter): Promise<MatterDetail> {
  return api.post<MatterDetail>('/api/matters', { id, ...body });
}

/** What an edit of a matter may change. */
export interface MatterPatch {
  title?: string;
  description?: string | null;
  category?: MatterCategory;
  executorOrgId?: string | null;
  deadline?: string | null;
  jointDecisionItem?: number | null;
  conflictOrgIds?: string[];
  conflictMemberIds?: string[];
}

/** Changes a matter (compare-and-set on the matter's version). */
export function updateMatter(id: string, version: number, patch: MatterPatch): Promise<MatterDetail> {
  return api.patch<MatterDetail>(`/api/matters/${enc(id)}`, { ...patch, version });
}

/** A stage action: the method event with its inputs, on the instance version the caller saw. */
export interface MatterEventInput {
  event: string;
  input?: Record<string, unknown>;
  comment?: string | null;
  attachments?: string[];
  version: number;
}

/** Fires a stage action of the matter's method. */
export function fireMatterEvent(id: string, body: MatterEventInput): Promise<MatterDetail> {
  return api.post<MatterDetail>(`/api/matters/${enc(id)}/events`, body);
}

/** One resident opinion (masked), to name the opinions handed over to a new matter. */
export function getOpinion(id: string): Promise<OpinionView> {
  return api.get<OpinionView>(`/api/opinions/${enc(id)}`);
}

/** The evaluations of a matter's result. */
export async function listEvaluations(matterId: string): Promise<EvaluationView[]> {
  return itemsOf(await api.get<EvaluationView[] | { items: EvaluationView[] }>(`/api/matters/${enc(matterId)}/evaluations`));
}

/** Records an evaluation by the supervisory board, residents or participants (staff entry). */
export function addEvaluation(matterId: string, id: string, body: { byKind: EvaluatorKind; satisfaction: number; comment?: string | null }): Promise<EvaluationView> {
  return api.post<EvaluationView>(`/api/matters/${enc(matterId)}/evaluations`, { id, ...body });
}

/** The chosen participants of a matter. */
export async function getParticipants(matterId: string): Promise<ParticipantView[]> {
  return itemsOf(await api.get<ParticipantView[] | { items: ParticipantView[] }>(`/api/matters/${enc(matterId)}/participants`));
}

/** A 1+5+N proposal from the compound's pool (computed, not saved). */
export function proposeParticipants(matterId: string): Promise<ParticipantProposal> {
  return api.post<ParticipantProposal>(`/api/matters/${enc(matterId)}/participants/proposal`, {});
}

/** Saves the participants (compare-and-set on the matter's version). */
export async function saveParticipants(matterId: string, version: number, participants: { memberId: string; reason?: string }[]): Promise<ParticipantView[]> {
  return itemsOf(await api.put<ParticipantView[] | { items: ParticipantView[] }>(`/api/matters/${enc(matterId)}/participants`, { participants, version }));
}

/** The action items of a matter's execution. */
export async function listActions(matterId: string): Promise<ActionItemView[]> {
  return itemsOf(await api.get<ActionItemView[] | { items: ActionItemView[] }>(`/api/matters/${enc(matterId)}/actions`));
}

/** The fields of an action item. */
export interface ActionInput {
  title: string;
  executorOrgId?: string | null;
  dueDate?: string | null;
}

/** Adds an action item; the same id retried returns the first result. */
export function addAction(matterId: string, id: string, body: ActionInput): Promise<ActionItemView> {
  return api.post<ActionItemView>(`/api/matters/${enc(matterId)}/actions`, { id, ...body });
}

/** Changes an action item (compare-and-set on version). */
export function updateAction(id: string, version: number, patch: Partial<ActionInput>): Promise<ActionItemView> {
  return api.patch<ActionItemView>(`/api/actions/${enc(id)}`, { ...patch, version });
}

/** Marks an action item done with what was done and at least one evidence attachment. */
export function completeAction(id: string, version: number, completion: string, evidence: string[]): Promise<ActionItemView> {
  return api.post<ActionItemView>(`/api/actions/${enc(id)}/complete`, { completion, evidence, version });
}

/** A method template version as GET /api/method-templates lists it. */
export interface MethodTemplateView {
  id: string;
  key: string;
  version: number;
  status: 'draft' | 'published' | 'retired';
  nameZh: string;
  nameEn: string;
  body: MethodTemplateBody;
}

/**
 * Methods that run other subjects than matters (the grid incident closed loop is driven by the incidents module and its
 * relation roles); templates carry no subject type, so they are named here.
 */
export const NOT_FOR_MATTERS: readonly string[] = ['closed_loop'];

/** The published methods the caller may start a matter with (one version per key). */
export async function listPublishedMethods(): Promise<MethodTemplateView[]> {
  const r = await api.get<Page<MethodTemplateView>>('/api/method-templates', { status: 'published', pageSize: 200 });
  const seen = new Set<string>();
  return r.items.filter((m) => !NOT_FOR_MATTERS.includes(m.key) && !seen.has(m.key) && !!seen.add(m.key));
}

/** Every version of one method (to name the events and inputs of a matter's timeline, whatever version it pinned). */
export function getMethodVersions(key: string): Promise<{ key: string; current: MethodTemplateView | null; versions: MethodTemplateView[] }> {
  return api.get(`/api/method-templates/${enc(key)}`);
}

/** Organisations by name, within a compound when one is given (executor and conflict pickers). */
export async function searchOrgs(q: string, f: { compoundId?: string; regionId?: string }): Promise<Named[]> {
  return (await api.get<Page<Named>>('/api/orgs', { q: q || undefined, ...f, pageSize: 20 })).items.map((o) => ({ id: o.id, name: o.name }));
}

/** A stored attachment as POST /api/attachments answers it. */
export interface AttachmentView {
  id: string;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  sha256: string;
}

/** Where an attachment is downloaded (or shown, for photos and PDFs). */
export function attachmentUrl(id: string): string {
  return `/api/attachments/${enc(id)}`;
}

/**
 * Uploads one file as raw bytes (the server decides the type from the bytes; the name travels URL-encoded in
 * x-file-name). The API client speaks JSON only, so this is a plain fetch with the session's CSRF token.
 */
export async function uploadAttachment(file: Blob & { name?: string }, csrfToken: string | null, signal?: AbortSignal): Promise<AttachmentView> {
  const headers: Record<string, string> = {
    accept: 'application/json',
    'accept-language': currentLang() === 'en' ? 'en' : 'zh-CN',
    'content-type': 'application/octet-stream',
    'x-file-name': enc(file.name ?? 'file'),
  };
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch('/api/attachments', { method: 'POST', headers, body: file, credentials: 'same-origin', signal });
  } catch (e) {
    if ((e as Error)?.name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK', translate('error.network'));
  }
  const text = await res.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!res.ok) throw toApiError(res.status, data);
  return data as AttachmentView;
}

import { api, newId, type Page } from '../../api/client.ts';
import type {
  AgendaView, EscalationEventView, IncidentSummary, JointBodyView, JointCaseView, JointStats, JointTaskView, RotaView, SessionDetail, SessionView, ThresholdsView,
} from '../../../shared/escalation.ts';

export type { AgendaEntry, AgendaView, IncidentSummary, JointBodyView, JointStats, JointTaskView, LadderLevel, OrgRef, RotaMonth, RotaView, SessionDetail, SessionView, ThresholdsView } from '../../../shared/escalation.ts';

/** Joint-meeting bodies under a place. */
export const listBodies = (placeId: string | null, page = 1, pageSize = 50) => api.get<Page<JointBodyView>>('/api/joint-bodies', { placeId, page, pageSize });
/** One body. */
export const getBody = (id: string) => api.get<JointBodyView>(`/api/joint-bodies/${id}`);
/** Sets up a body (client id: a retry never makes a second). */
export const createBody = (body: { id?: string; placeId: string; name?: string | null; members: string[]; rota: string[]; rotaStart?: string | null }) =>
  api.post<JointBodyView>('/api/joint-bodies', { id: body.id ?? newId(), ...body });
/** Changes a body's members and rota at the version read. */
export const updateBody = (id: string, body: { version: number; name?: string; members?: string[]; rota?: string[]; rotaStart?: string }) => api.patch<JointBodyView>(`/api/joint-bodies/${id}`, body);
/** Twelve months of the rota. */
export const getRota = (id: string, year: number) => api.get<RotaView>(`/api/joint-bodies/${id}/rota`, { year });
/** Swaps the chairs of two months. */
export const swapMonths = (id: string, body: { version: number; months: [string, string]; reason: string }) => api.post<RotaView>(`/api/joint-bodies/${id}/rota/changes`, body);
/** The next session's agenda. */
export const getAgenda = (id: string) => api.get<AgendaView>(`/api/joint-bodies/${id}/agenda`);
/** Adds a hard case. */
export const addCase = (id: string, body: { id: string; title: string; reason: string; incidentId?: string | null }) => api.post<JointCaseView>(`/api/joint-bodies/${id}/cases`, body);
/** A body's sessions. */
export const listSessions = (id: string, page: number, pageSize: number) => api.get<Page<SessionView>>(`/api/joint-bodies/${id}/sessions`, { page, pageSize });
/** One session with its items. */
export const getSession = (id: string) => api.get<SessionDetail>(`/api/joint-sessions/${id}`);

/** One item of a session record. */
export interface ItemBody {
  incidentId?: string | null;
  caseId?: string | null;
  note?: string | null;
  decision?: { text: string; responsibleOrgId: string; dueOn: string } | null;
}

/** Records a held session. */
export const recordSession = (id: string, body: { id: string; heldOn: string; place: string; chairOrgId?: string | null; attendees: string[]; minutes: string; items: ItemBody[] }) =>
  api.post<SessionDetail>(`/api/joint-bodies/${id}/sessions`, body);
/** What rose to a body's level. */
export const listEscalated = (id: string, open: boolean, page: number, pageSize: number) =>
  api.get<Page<{ escalation: EscalationEventView; incident: IncidentSummary | null }>>(`/api/joint-bodies/${id}/escalations`, { open: open || undefined, page, pageSize });
/** Tasks sent down. */
export const listTasks = (q: { bodyId?: string; overdue?: boolean; state?: string }, page: number, pageSize: number) =>
  api.get<Page<JointTaskView>>('/api/joint-tasks', { ...q, overdue: q.overdue || undefined, page, pageSize });
/** Marks a task done. */
export const completeTask = (id: string, body: { version: number; evidence: string }) => api.post<JointTaskView>(`/api/joint-tasks/${id}/done`, body);
/** Joint-meeting figures under a place. */
export const getStats = (placeId: string | null, from: string, to: string) => api.get<JointStats>('/api/joint-stats', { placeId, from, to });
/** The overdue thresholds in force at a place. */
export const getThresholds = (scopePath: string | null) => api.get<ThresholdsView>('/api/escalation-thresholds', { scopePath });
/** Sets a place's thresholds. */
export const putThresholds = (body: { scopePath: string; levels: { level: string; amount: number; unit: string }[] }) => api.put<ThresholdsView>('/api/escalation-thresholds', body);
/** Organisations matching a name, for member and responsible-unit pickers. */
export const searchOrgs = async (q: string) => (await api.get<Page<{ id: string; name: string }>>('/api/orgs', { q, pageSize: 20 })).items;

import { api, newId, urlOf, type Page, type Query } from '../../api/client.ts';
import type { FiveOnesItem, FiveOnesKey, Membership, OrgCategory, OrgType, OrgWarningCode, Post } from '../../../shared/org-types.ts';

/** Actions the caller may take on an organisation (from the server). */
export interface OrgAbilities {
  update: boolean;
  delete: boolean;
  addPosition: boolean;
}

/** An organisation as GET /api/orgs lists it. */
export interface OrgView {
  id: string;
  type: OrgType;
  category: OrgCategory;
  name: string;
  regionId: string | null;
  compoundId: string | null;
  parentOrgId: string | null;
  scopePath: string;
  uscc: string | null;
  termStart: string | null;
  termEnd: string | null;
  foundedOn: string | null;
  dissolvedOn: string | null;
  filedOn: string | null;
  note: string | null;
  anchorName: string | null;
  active: boolean;
  positionCount: number;
  version: number;
  abilities: OrgAbilities;
}

/** A label in both languages. */
export interface Bilingual {
  zh: string;
  en: string;
}

/** A post held in an organisation. */
export interface PositionView {
  id: string;
  orgId: string;
  personId: string;
  personName: string;
  politicalStatus: string | null;
  isOwner: boolean;
  residentId: string | null;
  post: Post;
  postLabel: Bilingual;
  membership: Membership | null;
  partTime: boolean;
  startOn: string | null;
  endOn: string | null;
  active: boolean;
  version: number;
  abilities: { update: boolean; delete: boolean };
}

/** A rule warning computed by the server (never stored). */
export interface OrgWarning {
  code: OrgWarningCode;
  severity: 'warning' | 'error';
  zh: string;
  en: string;
  params: Record<string, string | number>;
  orgId: string;
  orgName: string;
  orgType: OrgType;
  scopePath: string;
  compound: { id: string; name: string } | null;
  positionId?: string;
}

/** GET /api/orgs/:id: the organisation with its positions (current and past), parent name and warnings. */
export interface OrgDetail extends OrgView {
  parentName: string | null;
  positions: PositionView[];
  warnings: OrgWarning[];
}

/** An advisory note of a successful write (e.g. USCC_INNER_CHECK). */
export interface Notice {
  code: string;
  field: string;
  zh: string;
  en: string;
}

/** A person who may hold posts (masks only). */
export interface PersonView {
  id: string;
  name: string;
  politicalStatus: string | null;
  isOwner: boolean;
  scopePath: string;
  version: number;
}

/** Filters of the organisation list. */
export interface OrgFilter {
  regionId?: string;
  compoundId?: string;
  type?: string;
  category?: string;
  q?: string;
}

/** The editable fields of an organisation as the form sends them. */
export interface OrgFields {
  type: string;
  name: string;
  parentOrgId: string | null;
  uscc: string | null;
  termStart: string | null;
  termEnd: string | null;
  foundedOn: string | null;
  dissolvedOn: string | null;
  filedOn: string | null;
  note: string | null;
}

/** A page of organisations. */
export function listOrgs(f: OrgFilter, page: number, pageSize: number): Promise<Page<OrgView>> {
  return api.get<Page<OrgView>>('/api/orgs', { ...f, page, pageSize });
}

/** One organisation with positions and warnings. */
export function getOrg(id: string): Promise<OrgDetail> {
  return api.get<OrgDetail>(`/api/orgs/${encodeURIComponent(id)}`);
}

/** Creates an organisation anchored to a compound or a region; retry-safe with the same id. */
export function createOrg(body: OrgFields & { id: string; compoundId?: string; regionId?: string }): Promise<OrgView & { notices: Notice[] }> {
  return api.post('/api/orgs', body);
}

/** Changes an organisation (compare-and-set on version). */
export function updateOrg(id: string, body: Partial<OrgFields> & { version: number }): Promise<OrgView & { notices: Notice[] }> {
  return api.patch(`/api/orgs/${encodeURIComponent(id)}`, body);
}

/** Deletes an organisation without positions, children or pairings. */
export function deleteOrg(id: string): Promise<{ ok: true }> {
  return api.delete(`/api/orgs/${encodeURIComponent(id)}`);
}

/** People by name within the caller's scope. */
export function searchPeople(q: string, pageSize = 20): Promise<Page<PersonView>> {
  return api.get<Page<PersonView>>('/api/people', { q: q || undefined, pageSize });
}

/** Registers a person (anchored to a compound or a region) by name and political status. */
export function createPerson(body: { id?: string; name: string; politicalStatus: string | null; compoundId?: string; regionId?: string }): Promise<PersonView> {
  return api.post('/api/people', { ...body, id: body.id ?? newId() });
}

/** Fields of a new or changed position. */
export interface PositionFields {
  post: string;
  membership: Membership | null;
  partTime: boolean;
  startOn: string | null;
  endOn: string | null;
}

/** Appoints a person to a post. */
export function createPosition(orgId: string, body: PositionFields & { id: string; personId: string }): Promise<PositionView> {
  // An absent membership lets the server derive it from the person's political status.
  const { membership, ...rest } = body;
  return api.post(`/api/orgs/${encodeURIComponent(orgId)}/positions`, membership ? body : rest);
}

/** Changes or ends a position (compare-and-set on version). */
export function updatePosition(id: string, body: Partial<PositionFields> & { version: number }): Promise<PositionView> {
  return api.patch(`/api/positions/${encodeURIComponent(id)}`, body);
}

/** Deletes a position entered by mistake. */
export function deletePosition(id: string): Promise<{ ok: true }> {
  return api.delete(`/api/positions/${encodeURIComponent(id)}`);
}

/** A page of warnings with counts per code over the whole filtered set. */
export interface WarningPage extends Page<OrgWarning> {
  byCode: Partial<Record<OrgWarningCode, number>>;
}

/** Warnings of the organisations in a place. */
export function listWarnings(f: { regionId?: string; code?: string; severity?: string }, page: number, pageSize: number): Promise<WarningPage> {
  return api.get<WarningPage>('/api/org-warnings', { ...f, page, pageSize });
}

/** One checklist item. */
export interface FiveOnesCheck {
  ok: boolean;
  detail: string | null;
}

/** A compound's five-ones checklist. */
export interface FiveOnesRow {
  compoundId: string;
  name: string;
  communityName: string | null;
  items: Record<FiveOnesKey, FiveOnesCheck>;
  score: number;
  missing: FiveOnesItem[];
}

/** The region's five-ones counts. */
export interface FiveOnesSummary {
  total: number;
  complete: number;
  byItem: Record<FiveOnesKey, number>;
}

/** The region's five-ones counts. */
export function fiveOnesSummary(regionId: string | undefined): Promise<FiveOnesSummary> {
  return api.get<FiveOnesSummary>('/api/five-ones/summary', { regionId });
}

/** Compounds with their checklists; `missing` lists items all of which must be missing. */
export function listFiveOnes(f: { regionId?: string; q?: string; missing?: FiveOnesItem[]; complete?: boolean }, page: number, pageSize: number): Promise<Page<FiveOnesRow>> {
  const { missing, ...rest } = f;
  const base = (missing ?? []).length ? `/api/five-ones?${missing!.map((m) => `missing=${encodeURIComponent(m)}`).join('&')}` : '/api/five-ones';
  return api.get<Page<FiveOnesRow>>(urlOf(base, { ...rest, page, pageSize } as Query));
}

/** A compound as the anchor and filter pickers show it. */
export interface CompoundOption {
  id: string;
  name: string;
  communityName?: string | null;
}

/** Compounds by name (within the chosen place). */
export function searchCompounds(q: string, regionId: string | undefined): Promise<Page<CompoundOption>> {
  return api.get<Page<CompoundOption>>('/api/compounds', { q: q || undefined, regionId, pageSize: 20 });
}

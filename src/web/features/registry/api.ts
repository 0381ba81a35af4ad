// Typed calls of the registry screens: compounds, buildings, households, residents, documents, grids, and the orgs-module
// answers the compound detail shows (organisations, positions, people, pairings, cross-appointments, five ones).
import { api, newId, type Page } from '../../api/client.ts';
import type { FiveOnesItem, FiveOnesKey, Membership, OrgCategory, OrgType, PairingKind, PartnerKind, Post } from '../../../shared/org-types.ts';
import type { HouseholdStatus, HousingType, PropertyMode } from '../../../shared/registry-codes.ts';

/** Edit and delete rights the server computed for one record. */
export interface Abilities {
  update: boolean;
  delete: boolean;
}

/** One five-ones item: met or not, and what meets it. */
export interface FiveOnesCheck {
  ok: boolean;
  detail: string | null;
}

/** The five-ones checklist of one compound. */
export interface FiveOnes {
  compoundId: string;
  name: string;
  communityName: string | null;
  items: Record<FiveOnesKey, FiveOnesCheck>;
  score: number;
  missing: FiveOnesItem[];
}

/** A compound as the list shows it. */
export interface Compound {
  id: string;
  communityId: string;
  communityName: string;
  scopePath: string;
  name: string;
  address: string | null;
  housingType: HousingType;
  buildYear: number | null;
  buildingCount: number | null;
  householdCount: number | null;
  floorArea: number | null;
  enclosed: boolean;
  feeCollectionRate: number | null;
  renovationYear: number | null;
  propertyMode: PropertyMode;
  lat: number | null;
  lng: number | null;
  gridId: string | null;
  gridName: string | null;
  note: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  abilities: Abilities & { writeOrgs: boolean; writeResidents: boolean; export: boolean };
  fiveOnes?: { score: number; missing: FiveOnesItem[] };
}

/** A compound with the numbers of records under it and its full checklist. */
export interface CompoundDetail extends Compound {
  counts: { buildings: number; households: number; residents: number };
  fiveOnesDetail?: FiveOnes;
}

/** Sort keys of the compound list. */
export type CompoundSort = 'name' | 'build_year' | 'household_count' | 'updated_at';

/** Filters of GET /api/compounds (also the export's filters). */
export interface CompoundFilter {
  regionId?: string;
  communityId?: string;
  housingType?: string;
  propertyMode?: string;
  gridId?: string;
  q?: string;
  fiveOnes?: 'complete' | 'incomplete';
  missing?: FiveOnesItem[];
  hasOwnersCommittee?: boolean;
  sort?: CompoundSort;
  dir?: 'asc' | 'desc';
}

/** The fields of a compound create or edit. */
export interface CompoundInput {
  communityId?: string;
  name: string;
  address?: string | null;
  housingType: string;
  buildYear?: number | null;
  buildingCount?: number | null;
  householdCount?: number | null;
  floorArea?: number | null;
  enclosed?: boolean | null;
  feeCollectionRate?: number | null;
  renovationYear?: number | null;
  propertyMode: string;
  lat?: number | null;
  lng?: number | null;
  gridId?: string | null;
  note?: string | null;
}

const enc = encodeURIComponent;

/** Query string of a filter object; arrays repeat the key (missing=a&missing=b). */
export function queryString(filter: object): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(filter)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) v.forEach((x) => qs.append(k, String(x)));
    else qs.set(k, String(v));
  }
  return qs.toString();
}

/** One page of compounds. */
export function listCompounds(filter: CompoundFilter, page: number, pageSize: number, signal?: AbortSignal): Promise<Page<Compound>> {
  const qs = queryString({ ...filter, page, pageSize });
  return api.get<Page<Compound>>(`/api/compounds?${qs}`, undefined, { signal });
}

/** One compound with counts and checklist (404 when outside the caller's places). */
export function getCompound(id: string): Promise<CompoundDetail> {
  return api.get<CompoundDetail>(`/api/compounds/${enc(id)}`);
}

/** Creates a compound; the same id retried returns the first result. */
export function createCompound(id: string, input: CompoundInput): Promise<CompoundDetail> {
  return api.post<CompoundDetail>('/api/compounds', { id, ...input });
}

/** Changes a compound (compare-and-set on version). */
export function updateCompound(id: string, version: number, input: Partial<CompoundInput>): Promise<CompoundDetail> {
  const { communityId: _ignored, ...rest } = input;
  return api.patch<CompoundDetail>(`/api/compounds/${enc(id)}`, { version, ...rest });
}

/** The five-ones checklist of a compound. */
export function getFiveOnes(id: string): Promise<FiveOnes> {
  return api.get<FiveOnes>(`/api/compounds/${enc(id)}/five-ones`);
}

/** A grid of a community. */
export interface Grid {
  id: string;
  communityId: string;
  code: string;
  name: string;
}

/** The grids of a community. */
export async function listGrids(communityId: string): Promise<Grid[]> {
  return (await api.get<Page<Grid>>('/api/grids', { communityId, pageSize: 100 })).items;
}

/** A building. */
export interface Building {
  id: string;
  compoundId: string;
  name: string;
  floors: number | null;
  units: number | null;
  builtYear: number | null;
  householdCount?: number;
  version: number;
  abilities: Abilities;
}

/** The buildings of a compound. */
export async function listBuildings(compoundId: string): Promise<Building[]> {
  return (await api.get<Page<Building>>(`/api/compounds/${enc(compoundId)}/buildings`)).items;
}

/** Adds a building to a compound. */
export function createBuilding(compoundId: string, id: string, input: { name: string; floors?: number | null; units?: number | null; builtYear?: number | null }): Promise<Building> {
  return api.post<Building>(`/api/compounds/${enc(compoundId)}/buildings`, { id, ...input });
}

/** A household (户). */
export interface Household {
  id: string;
  compoundId: string;
  buildingId: string | null;
  buildingName: string | null;
  label: string;
  unit: string | null;
  room: string;
  status: HouseholdStatus;
  headResidentId: string | null;
  headName: string | null;
  gridId: string | null;
  area: number | null;
  residentCount: number;
  version: number;
  abilities: Abilities;
}

/** One page of a compound's households. */
export function listHouseholds(compoundId: string, f: { buildingId?: string; status?: string; q?: string; page: number; pageSize: number }): Promise<Page<Household>> {
  return api.get<Page<Household>>(`/api/compounds/${enc(compoundId)}/households`, f);
}

/** Adds a household to a compound. */
export function createHousehold(
  compoundId: string,
  id: string,
  input: { buildingId?: string | null; unit?: string | null; room: string; status?: string; gridId?: string | null; area?: number | null },
): Promise<Household> {
  return api.post<Household>(`/api/compounds/${enc(compoundId)}/households`, { id, ...input });
}

/** A resident as the API shows it: masks only. */
export interface Resident {
  id: string;
  compoundId: string;
  compoundName: string;
  householdId: string | null;
  householdLabel: string | null;
  buildingName: string | null;
  unit: string | null;
  room: string | null;
  scopePath: string;
  name: string;
  minor: boolean;
  sensitive: boolean;
  gender: string;
  age: number | null;
  ageBand: string | null;
  idNumberMasked: string | null;
  phoneMasked: string | null;
  hasProtectedTags: boolean;
  politicalStatus: string | null;
  relation: string | null;
  movedOutOn: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  abilities: Abilities & { reveal: boolean };
}

/** Filters of GET /api/residents. */
export interface ResidentFilter {
  compoundId?: string;
  /** Residents anywhere under this region (the place chosen in the header). */
  regionId?: string;
  householdId?: string;
  q?: string;
  politicalStatus?: string;
  hasProtectedTags?: boolean;
  minor?: boolean;
  idNumber?: string;
  phone?: string;
  includeMovedOut?: boolean;
}

/** One page of residents (masked). */
export function listResidents(filter: ResidentFilter, page: number, pageSize: number, signal?: AbortSignal): Promise<Page<Resident>> {
  return api.get<Page<Resident>>('/api/residents', { ...filter, page, pageSize }, { signal });
}

/** One resident (masked; 404 when outside the caller's places). */
export function getResident(id: string): Promise<Resident> {
  return api.get<Resident>(`/api/residents/${enc(id)}`);
}

/** The fields of a resident create or edit. */
export interface ResidentInput {
  compoundId?: string;
  householdId?: string | null;
  name?: string;
  gender?: string | null;
  birthDate?: string | null;
  idNumber?: string | null;
  phone?: string | null;
  politicalStatus?: string | null;
  relation?: string | null;
  protectedTags?: string[];
  movedOutOn?: string | null;
}

/** Registers a resident; the same id retried returns the first result. */
export function createResident(id: string, input: ResidentInput): Promise<Resident> {
  return api.post<Resident>('/api/residents', { id, ...input });
}

/** Changes a resident (compare-and-set on version). */
export function updateResident(id: string, version: number, input: ResidentInput): Promise<Resident> {
  const { compoundId: _ignored, ...rest } = input;
  return api.patch<Resident>(`/api/residents/${enc(id)}`, { version, ...rest });
}

/** Fields that can be revealed in plain text. */
export const REVEALABLE = ['phone', 'idNumber', 'birthDate', 'protectedTags', 'name'] as const;
/** A revealable field. */
export type RevealField = (typeof REVEALABLE)[number];

/** Reveals plain values (audited with the reason); the answer is to be shown, never kept. */
export function revealResident(id: string, fields: RevealField[], reason: string): Promise<Partial<Record<RevealField, string | string[] | null>>> {
  return api.post(`/api/residents/${enc(id)}/reveal`, { fields, reason });
}

/** A compound document (work plan, rules). */
export interface CompoundDocument {
  id: string;
  compoundId: string;
  kind: string;
  title: string;
  adoptedOn: string | null;
  validTo: string | null;
  version: number;
}

/** Adds a document to a compound (the five-ones work plan is kind 'work_plan'). */
export function createDocument(compoundId: string, id: string, input: { kind: string; title: string; adoptedOn?: string | null; validTo?: string | null }): Promise<CompoundDocument> {
  return api.post<CompoundDocument>(`/api/compounds/${enc(compoundId)}/documents`, { id, ...input });
}

/** An organisation as the API shows it. */
export interface Org {
  id: string;
  type: OrgType;
  category: OrgCategory;
  name: string;
  regionId: string | null;
  compoundId: string | null;
  anchorName: string | null;
  active: boolean;
  positionCount: number;
  termStart: string | null;
  termEnd: string | null;
  foundedOn: string | null;
  dissolvedOn: string | null;
  version: number;
  abilities: Abilities & { addPosition: boolean };
}

/** A position in an organisation's detail. */
export interface OrgPosition {
  id: string;
  orgId: string;
  personId: string;
  personName: string;
  residentId: string | null;
  politicalStatus: string | null;
  isOwner: boolean;
  post: Post;
  postLabel: { zh: string; en: string };
  membership: Membership | null;
  partTime: boolean;
  startOn: string | null;
  endOn: string | null;
  active: boolean;
  version: number;
}

/** An organisation with its positions. */
export interface OrgDetail extends Org {
  positions: OrgPosition[];
}

/** Organisations anchored to a compound. */
export async function listCompoundOrgs(compoundId: string): Promise<Org[]> {
  return (await api.get<Page<Org>>('/api/orgs', { compoundId, pageSize: 100 })).items;
}

/** Organisations by category and name (for partner pickers). */
export async function searchOrgs(f: { category?: OrgCategory; q?: string; regionId?: string }): Promise<Org[]> {
  return (await api.get<Page<Org>>('/api/orgs', { ...f, pageSize: 20 })).items;
}

/** One organisation with positions. */
export function getOrg(id: string): Promise<OrgDetail> {
  return api.get<OrgDetail>(`/api/orgs/${enc(id)}`);
}

/** Creates an organisation anchored to a compound or a region. */
export function createOrg(id: string, input: { type: string; name: string; compoundId?: string | null; regionId?: string | null; foundedOn?: string | null; termStart?: string | null; termEnd?: string | null }): Promise<Org> {
  return api.post<Org>('/api/orgs', { id, ...input });
}

/** A person who can hold posts. */
export interface Person {
  id: string;
  name: string;
  politicalStatus: string | null;
  residentId: string | null;
  isOwner: boolean;
  idNumberMask: string | null;
  phoneMask: string | null;
}

/** People by name under a compound. */
export async function searchPeople(f: { compoundId?: string; q?: string }): Promise<Person[]> {
  return (await api.get<Page<Person>>('/api/people', { ...f, pageSize: 20 })).items;
}

/** Registers a person: from a resident (residentId) or by name anchored to a compound. */
export function createPerson(id: string, input: { residentId?: string; compoundId?: string; regionId?: string; name?: string; politicalStatus?: string | null; isOwner?: boolean }): Promise<Person> {
  return api.post<Person>('/api/people', { id, ...input });
}

/** Appoints a person to a post. */
export function createPosition(orgId: string, id: string, input: { personId: string; post: string; membership?: string | null; partTime?: boolean; startOn?: string | null; endOn?: string | null }): Promise<OrgPosition> {
  return api.post<OrgPosition>(`/api/orgs/${enc(orgId)}/positions`, { id, ...input });
}

/** A pairing (结对 / 包联 / 联系单位). */
export interface Pairing {
  id: string;
  kind: PairingKind;
  partnerKind: PartnerKind;
  partnerOrgId: string | null;
  partnerPersonId: string | null;
  partnerName: string;
  targetCompoundId: string | null;
  targetRegionId: string | null;
  targetName: string | null;
  startOn: string | null;
  endOn: string | null;
  note: string | null;
  active: boolean;
  version: number;
  abilities: Abilities;
}

/** Pairings of a compound. */
export function listPairings(compoundId: string, page = 1, pageSize = 50): Promise<Page<Pairing>> {
  return api.get<Page<Pairing>>('/api/pairings', { compoundId, page, pageSize });
}

/** Creates a pairing. */
export function createPairing(
  id: string,
  input: { kind: string; partnerKind?: string; partnerName?: string | null; partnerOrgId?: string | null; targetCompoundId?: string | null; targetRegionId?: string | null; startOn?: string | null; endOn?: string | null; note?: string | null },
): Promise<Pairing> {
  return api.post<Pairing>('/api/pairings', { id, ...input });
}

/** A person in two or more of a compound's bodies. */
export interface CrossAppointedPerson {
  personId: string;
  personIds: string[];
  name: string;
  bodies: string[];
  posts: { orgId: string; orgType: OrgType; orgName: string; post: Post; postLabel: { zh: string; en: string } }[];
}

/** Cross-appointments of a compound with the three counts. */
export interface CrossAppointments {
  compoundId: string;
  compoundName: string;
  people: CrossAppointedPerson[];
  counts: { partyMemberOwnersOnCommittees: number; propertyHeadsOnPartyOrg: number; secretariesChairingCommittee: number };
}

/** Cross-appointments of a compound. */
export function getCrossAppointments(compoundId: string): Promise<CrossAppointments> {
  return api.get<CrossAppointments>(`/api/compounds/${enc(compoundId)}/cross-appointments`);
}

export { newId };

import type { Db } from '../../db/database.ts';
import type { DocumentKind } from '../../../shared/registry-codes.ts';
import * as documents from './document.repository.ts';

export { registryRoutes } from './registry.routes.ts';
export { findCompoundRef, findRegionRef, findRegionByCode, type CompoundRef, type RegionRef } from './refs.repository.ts';
export { findGridRef } from './refs.repository.ts';

// Use cases other modules (orgs, transfer, seeding, tests) may call.
export { listCompounds, getCompound, createCompound, updateCompound, type CompoundFilter, type CompoundView, type CompoundDetail } from './compound.service.ts';
export { createRegion, getRegion, listRegions, regionReadScopes, type RegionView } from './region.service.ts';
export { createGrid, addGridWorker, type GridView } from './grid.service.ts';
export { getGrid } from './grid.service.ts';
export { createBuilding } from './building.service.ts';
export { createHousehold, listHouseholds, type HouseholdView } from './household.service.ts';
export { createResident, getResident, listResidents, type ResidentView, type ResidentFilter } from './resident.service.ts';
export { createDocument } from './document.service.ts';
export { bulkCreateCompounds, bulkCreateHouseholds, bulkCreateResidents, bulkSetHouseholdHeads } from './bulk.service.ts';

// Pure validators for imports (problems name the plain field; prefix them with the row yourself).
export { validateCompoundInput, compoundPath, type Compound, type CompoundValue } from './compound.ts';
export { validateHouseholdInput, householdLabel, type HouseholdValue } from './household.ts';
export { validateResidentInput, isMinor, type ResidentValue } from './resident.ts';
export { isCurrentDocument } from './document.ts';

// Raw batch inserts: no checks, no audit. Prefer the bulkCreate… services.
export { insertCompoundsBatch, type CompoundRecord } from './compound.repository.ts';
export { insertHouseholdsBatch, type HouseholdRecord } from './household.repository.ts';
export { insertResidentsBatch, type ResidentRecord } from './resident.repository.ts';

/** Document header rows of some compounds, for the five-ones checklist and exports (no scope check: pass compounds the caller may see). */
export async function listCompoundDocuments(db: Db, compoundIds: string[], kind?: DocumentKind | string): Promise<{ id: string; compoundId: string; kind: DocumentKind; title: string; adoptedOn: string | null; validTo: string | null }[]> {
  return documents.documentsOfCompounds(db, compoundIds, kind);
}

// Fixtures for other modules' tests and demo seeding: a small region tree and a compound with defaults.
export { seedRegions, seedCompound, type RegionFixture } from './registry.fixtures.ts';

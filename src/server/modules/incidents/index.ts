export { incidentsRoutes } from './incidents.routes.ts';

// Use cases later modules call (escalation, disputes, campaigns, Open311, the phone page).
export { reportIncident, fireIncidentEvent, type NewIncident, type PublicReport, type IncidentEventInput } from './incident.service.ts';
export { getIncident, listIncidents, listTasks, type IncidentQuery } from './incident-query.service.ts';
export { resolveHandler } from './incident.events.ts';
export { anonymousActor } from './incident.context.ts';
export { getCategoryVersion, listCategoryVersions, publishCategoryVersion, currentCategorySet, categorySet, addHandler, listHandlers, removeHandler } from './category.service.ts';
export { incidentKpis, type KpiQuery } from './kpi.service.ts';

// Pure rules.
export { checkCategoryVersion, matchRoute, minorOf, type CategoryVersionInput, type MinorCategory } from './category.ts';
export { distanceMetres, pickDuplicates, guard, patchAfter, stagesOwnedBy, DUPLICATE_RADIUS_M, DUPLICATE_WINDOW_HOURS } from './incident.ts';
export { ratesOf, ratio, sumCounts, periodInstants } from './kpi.ts';
export { boundingBox, caseDay, caseNumber } from './incident.ts';
export { CATEGORIES_V1 } from './presets/categories-v1.ts';
export type { IncidentRecord } from './incident.repository.ts';

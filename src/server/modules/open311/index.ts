export { open311Routes } from './open311.routes.ts';

// Use cases and pure rules, for tests and other channels.
export { submitRequest, getRequest, listRequests, listUpdates, listServices, serviceDefinition, type Open311Submission, type Open311Receipt } from './open311.service.ts';
export { servicesOf, updateStatus, redact, NEAR_COMPOUND_M, COMMUNITY_RADIUS_M, OPEN311_REQUESTS_PER_HOUR, type Open311Request, type Open311Update, type Open311Service } from './open311.ts';

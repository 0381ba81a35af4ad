export { disputesRoutes } from './disputes.routes.ts';

// Use cases other modules (dashboard, assessment, seeding) may call.
export { registerDispute, getDispute, listDisputes, fireDisputeEvent, revealParties, type NewDispute, type DisputeQuery } from './dispute.service.ts';
export { disputeStats } from './dispute-stats.service.ts';
export { createMediator, listMediators, type NewMediator } from './mediator.service.ts';

// Pure rules.
export { DISPUTE_TRANSITIONS, ACTION_EVENTS, availableEvents, eventBlocker, checkParties } from './dispute.ts';

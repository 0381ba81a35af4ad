export { escalationRoutes } from './escalation.routes.ts';

// Use cases other modules (the serve scheduler, incident pages, dashboards, seeding) may call.
export { runEscalations, escalateIncident, getIncidentEscalation, getThresholds, putThresholds, ladderOf, type EscalationRun } from './escalation.service.ts';
export { createBody, getBody, listBodies, updateBody, getRota, changeChair, type NewBody } from './joint.service.ts';
export { getAgenda, addCase, recordSession, getSession, listSessions, updateSession, listEscalated, type NewSession } from './session.service.ts';
export { listTasks, completeTask, jointStats } from './task.service.ts';
export { referDispute, type ReferredTo } from './referral.service.ts';

// Pure rules.
export { chainFrom, overdueRises, thresholdPassedAt, thresholdsAt, checkThresholds, nextPlace, type LadderPlace } from './escalation.ts';
export { chairOf, scheduledChair, rotaYear, swapOf, checkBody, checkSession, taskOverdue, decisionEffect } from './joint.ts';

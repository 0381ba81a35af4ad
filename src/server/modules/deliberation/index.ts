export { deliberationRoutes } from './deliberation.routes.ts';

// Use cases other modules (dashboards, seeding, the points ledger's tests) may call.
export { createMatter, getMatter, listMatters, matterBoard, updateMatter, type NewMatter, type MatterQuery, type MatterChanges } from './matter.service.ts';
export { fireMatterEvent } from './matter-events.service.ts';
export { createOpinion, listOpinions, answerOpinion, revealOpinion, type NewOpinion, type OpinionQuery } from './opinion.service.ts';
export { createEvaluation, listEvaluations } from './evaluation.service.ts';
export { weeklyReport, monthlyReport, deliberationCounts } from './report.service.ts';
export { bulletin, publicCompound, submitPublicOpinion, ratePublic } from './public.service.ts';

// Pure rules: the art. 278 gate, event side effects, the bulletin scrubber.
export { scrubText, ownersGate, eventEffects, outcomeOf, rateable } from './matter.ts';
export type { DeliberationTables } from './deliberation.table.ts';
export { createMember, listPool, updateMember, type NewPoolMember } from './pool.service.ts';
export { listParticipants, proposeForMatter, setParticipants } from './participant.service.ts';
export { createMeeting, getMeeting, listMeetings, updateMeeting, signIn, markHeld, cancelMeeting, type NewMeeting } from './meeting.service.ts';
export { recordVote, ownerTotals } from './vote.service.ts';
export { createAction, completeAction, listActions } from './action.service.ts';

import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../lib/deps.ts';
import { crossAppointmentRoutes } from './cross-appointment.routes.ts';
import { fiveOnesRoutes } from './five-ones.routes.ts';
import { orgRoutes } from './org.routes.ts';
import { pairingRoutes } from './pairing.routes.ts';
import { personRoutes } from './person.routes.ts';
import { positionRoutes } from './position.routes.ts';
import { termRuleRoutes } from './term-rules.routes.ts';

export { fiveOnesFor, compoundFiveOnes, listFiveOnes, fiveOnesSummary } from './five-ones.service.ts';
export { createOrg, listOrgs, getOrg } from './org.service.ts';
export { createPerson } from './person.service.ts';
export { createPosition } from './position.service.ts';
export { createPairing, listPairings } from './pairing.service.ts';
export { fiveOnesCondition, hasActiveOrgCondition, ITEMS as FIVE_ONES_ITEMS } from './five-ones.repository.ts';
export type { FiveOnes, FiveOnesCheck } from './five-ones.ts';
export { orgWarningsFor } from './term-rules.service.ts';
export type { OrgWarning, TermRules } from './term-rules.ts';
export { DEFAULT_TERM_RULES } from './term-rules.ts';
export { crossAppointmentSummary } from './cross-appointment.service.ts';
export { pairingSummary } from './pairing.service.ts';
export type { CrossCounts } from './cross-appointment.ts';

/** The orgs module's routes: organisations, people, positions, pairings, term rules and warnings, cross-appointments, five ones. */
export function orgsRoutes(deps: AppDeps) {
  return async (app: FastifyInstance) => {
    await app.register(orgRoutes(deps));
    await app.register(positionRoutes(deps));
    await app.register(personRoutes(deps));
    await app.register(pairingRoutes(deps));
    await app.register(termRuleRoutes(deps));
    await app.register(crossAppointmentRoutes(deps));
    await app.register(fiveOnesRoutes(deps));
  };
}

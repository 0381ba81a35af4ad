import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../lib/deps.ts';
import { actionRoutes } from './action.routes.ts';
import { matterRoutes } from './matter.routes.ts';
import { meetingRoutes } from './meeting.routes.ts';
import { opinionRoutes } from './opinion.routes.ts';
import { participantRoutes } from './participant.routes.ts';
import { poolRoutes } from './pool.routes.ts';
import { publicRoutes } from './public.routes.ts';
import { reportRoutes } from './report.routes.ts';

/** The deliberation module's routes: matters, opinions, reports, the public pages, and the pool, participants, meetings and actions. */
export function deliberationRoutes(deps: AppDeps) {
  return async (app: FastifyInstance) => {
    await app.register(matterRoutes(deps));
    await app.register(opinionRoutes(deps));
    await app.register(reportRoutes(deps));
    await app.register(publicRoutes(deps));
    await app.register(poolRoutes(deps));
    await app.register(participantRoutes(deps));
    await app.register(meetingRoutes(deps));
    await app.register(actionRoutes(deps));
  };
}

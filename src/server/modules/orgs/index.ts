import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../lib/deps.ts';

/** Placeholder until the module lands. */
export function orgsRoutes(_deps: AppDeps) {
  return async (_app: FastifyInstance) => {};
}

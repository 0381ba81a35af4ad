import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../lib/deps.ts';

/** Placeholder until the module lands. */
export function registryRoutes(_deps: AppDeps) {
  return async (_app: FastifyInstance) => {};
}

import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../lib/deps.ts';
export { findCompoundRef, findRegionRef, findRegionByCode, type CompoundRef, type RegionRef } from './refs.repository.ts';

/** Placeholder until the module lands. */
export function registryRoutes(_deps: AppDeps) {
  return async (_app: FastifyInstance) => {};
}

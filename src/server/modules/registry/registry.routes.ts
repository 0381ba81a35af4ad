import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../lib/deps.ts';
import { buildingRoutes } from './building.routes.ts';
import { compoundRoutes } from './compound.routes.ts';
import { documentRoutes } from './document.routes.ts';
import { gridRoutes } from './grid.routes.ts';
import { householdRoutes } from './household.routes.ts';
import { regionRoutes } from './region.routes.ts';
import { residentRoutes } from './resident.routes.ts';

/** All registry routes: regions, grids, compounds, buildings, households, residents, compound documents. */
export function registryRoutes(deps: AppDeps) {
  return async (app: FastifyInstance) => {
    await app.register(regionRoutes(deps));
    await app.register(gridRoutes(deps));
    await app.register(compoundRoutes(deps));
    await app.register(buildingRoutes(deps));
    await app.register(householdRoutes(deps));
    await app.register(residentRoutes(deps));
    await app.register(documentRoutes(deps));
  };
}

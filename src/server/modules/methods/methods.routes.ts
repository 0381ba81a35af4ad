import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../lib/deps.ts';
import { attachmentRoutes } from './attachment.routes.ts';
import { calendarRoutes } from './calendar.routes.ts';
import { instanceRoutes } from './instance.routes.ts';
import { templateRoutes } from './template.routes.ts';

/** The methods module's routes: templates, instances, attachments, the working-day calendar. */
export function methodsRoutes(deps: AppDeps) {
  return async (app: FastifyInstance) => {
    await app.register(templateRoutes(deps));
    await app.register(instanceRoutes(deps));
    await app.register(attachmentRoutes(deps));
    await app.register(calendarRoutes(deps));
  };
}

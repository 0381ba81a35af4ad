import path from 'node:path';
import fs from 'node:fs';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import type { AppDeps } from './lib/deps.ts';
import { registerErrorHandling } from './plugins/errors.ts';
import { registerAuth } from './plugins/auth.ts';
import { accountsRoutes } from './modules/accounts/index.ts';
import { auditRoutes } from './modules/audit/index.ts';
import { registryRoutes } from './modules/registry/index.ts';
import { orgsRoutes } from './modules/orgs/index.ts';
import { transferRoutes } from './modules/transfer/index.ts';
import { methodsRoutes } from './modules/methods/index.ts';
import { incidentsRoutes } from './modules/incidents/index.ts';
import { deliberationRoutes } from './modules/deliberation/index.ts';
import { disputesRoutes } from './modules/disputes/index.ts';
import { campaignsRoutes } from './modules/campaigns/index.ts';
import { escalationRoutes } from './modules/escalation/index.ts';
import { open311Routes } from './modules/open311/index.ts';

/** Builds the Fastify app from its dependencies; never listens (main.ts and the CLI do). */
export async function buildApp(deps: AppDeps, opts: { logger?: boolean | object; webRoot?: string } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    trustProxy: deps.config.trustProxy,
    bodyLimit: deps.config.uploadLimitBytes,
    ajv: { customOptions: { allErrors: true, coerceTypes: 'array', removeAdditional: false, useDefaults: true } },
  });
  registerErrorHandling(app);
  await app.register(cookie, { secret: deps.config.cookieSecret ?? deps.keys.cookieSecret });
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Gongzhi 共治 API', version: '0.1.0', description: '党建引领基层治理平台 API。错误均为 { error: { code, message, zh, en, fields } }。' },
      components: { securitySchemes: { cookie: { type: 'apiKey', in: 'cookie', name: 'gz_session' }, bearer: { type: 'http', scheme: 'bearer' } } },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.addContentTypeParser(
    ['application/octet-stream', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv'],
    { parseAs: 'buffer', bodyLimit: deps.config.uploadLimitBytes },
    (_req, body, done) => done(null, body),
  );
  registerAuth(app, { db: deps.db, clock: deps.clock, idleMinutes: deps.config.sessionIdleMinutes });
  app.get('/api/health', { config: { public: true }, schema: { hide: true } }, async () => ({ ok: true }));
  await app.register(accountsRoutes(deps), { prefix: '/api' });
  await app.register(auditRoutes(deps), { prefix: '/api' });
  await app.register(registryRoutes(deps), { prefix: '/api' });
  await app.register(orgsRoutes(deps), { prefix: '/api' });
  await app.register(transferRoutes(deps), { prefix: '/api' });
  await app.register(methodsRoutes(deps), { prefix: '/api' });
  await app.register(incidentsRoutes(deps), { prefix: '/api' });
  await app.register(deliberationRoutes(deps), { prefix: '/api' });
  await app.register(disputesRoutes(deps), { prefix: '/api' });
  await app.register(campaignsRoutes(deps), { prefix: '/api' });
  await app.register(escalationRoutes(deps), { prefix: '/api' });
  await app.register(open311Routes(deps), { prefix: '/open311/v2' });
  // The web console's Vite build (web-dist/). Files are looked up per request, so a rebuild needs no restart; any other GET
  // that wants HTML gets index.html, so the SPA's own routes survive a reload — or, under /p/, public.html: the residents'
  // pages have their own light entry without the console's code.
  const webRoot = opts.webRoot ?? path.resolve(import.meta.dirname, '../../web-dist');
  if (fs.existsSync(path.join(webRoot, 'index.html'))) {
    await app.register(fastifyStatic, {
      root: path.join(webRoot, 'assets'), prefix: '/assets/', preCompressed: true,
      setHeaders: (reply, file) => reply.header('cache-control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache'),
    });
    app.get('/*', { schema: { hide: true } }, (req, reply) => {
      const p = req.url.split('?')[0];
      if (p === '/api' || p.startsWith('/api/') || p.startsWith('/docs')) return reply.callNotFound();
      const name = p.slice(1);
      if (/^[\w-][\w.-]*$/.test(name) && fs.statSync(path.join(webRoot, name), { throwIfNoEntry: false })?.isFile()) return reply.sendFile(name, webRoot);
      if (!String(req.headers.accept ?? '').includes('text/html')) return reply.callNotFound();
      const page = /^\/p\/[^/]/.test(p) && fs.existsSync(path.join(webRoot, 'public.html')) ? 'public.html' : 'index.html';
      return reply.sendFile(page, webRoot);
    });
  }
  return app;
}

import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import QRCode from 'qrcode';
import { MATTER_CATEGORIES } from '../../../shared/deliberation.ts';
import type { AppDeps } from '../../lib/deps.ts';
import { IdParams } from '../../lib/http.ts';
import * as svc from './public.service.ts';
import { Opt, Text } from './route-schemas.ts';

const tags = ['public'];
const Uuid = Type.String({ pattern: '^[0-9a-fA-F-]{36}$', description: '客户端生成的 UUID；重试同一 id 不会重复提交' });
const PublicOpinion = Type.Object({
  id: Uuid,
  content: Type.String({ minLength: 5, maxLength: 1000 }),
  category: Type.Optional(Text(40, `类别：${MATTER_CATEGORIES.join(' | ')}，缺省 other`)),
  name: Opt(Text(50, '称呼（可不填；加密保存，不公开）')),
  phone: Opt(Text(20, '手机号（可不填；加密保存，不公开）')),
});
const Rating = Type.Object({
  id: Uuid,
  satisfaction: Type.Integer({ minimum: 1, maximum: 5 }),
  comment: Opt(Text(500)),
});

// Per-process limits in front of the database-kept ones: reads generous, writes tight.
const READ = { public: true, rateLimit: { max: 120, timeWindow: '1 minute' } };
const WRITE = { public: true, rateLimit: { max: 20, timeWindow: '1 minute' } };

/** The public base URL: configured, else the scheme and host the request came in on. */
function baseUrl(deps: AppDeps, req: FastifyRequest): string {
  return deps.config.publicUrl ?? `${req.protocol}://${req.host}`;
}

/** Public deliberation routes (no account): compound identity, the opinion form, the bulletin, its QR code, ratings. */
export function publicRoutes(deps: AppDeps) {
  return async (app: FastifyInstance) => {
    app.get('/public/compounds/:id', { config: READ, schema: { tags, summary: '小区公开信息（名称、社区、街道）', params: IdParams } }, async (req) => {
      return svc.publicCompound(deps.db, (req.params as IdParams).id);
    });
    app.post('/public/compounds/:id/opinions', { config: WRITE, schema: { tags, summary: '居民提交意见（无需登录）', params: IdParams, body: PublicOpinion } }, async (req, reply) => {
      const r = await svc.submitPublicOpinion(deps.db, deps, (req.params as IdParams).id, req.body as Static<typeof PublicOpinion>, req.ip);
      return reply.status(r.created ? 201 : 200).send(r.result);
    });
    app.get('/public/compounds/:id/bulletin', { config: READ, schema: { tags, summary: '小区议事公示栏（不含个人信息）', params: IdParams } }, async (req) => {
      return svc.bulletin(deps.db, deps, (req.params as IdParams).id);
    });
    app.get('/public/compounds/:id/bulletin/qr.svg', { config: READ, schema: { tags, summary: '公示栏二维码（SVG）', params: IdParams } }, async (req, reply) => {
      const c = await svc.publicCompound(deps.db, (req.params as IdParams).id);
      const svg = await QRCode.toString(svc.bulletinUrl(baseUrl(deps, req), c.id), { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
      // A link built from the request's own Host must not be cached for others (a forged Host would poison the cache).
      const cache = deps.config.publicUrl ? 'public, max-age=3600' : 'private, max-age=3600';
      return reply.header('content-type', 'image/svg+xml; charset=utf-8').header('cache-control', cache).send(svg);
    });
    app.post('/public/matters/:id/rating', { config: WRITE, schema: { tags, summary: '居民评价已落实的议题（满意度 1–5）', params: IdParams, body: Rating } }, async (req, reply) => {
      const r = await svc.ratePublic(deps.db, deps, (req.params as IdParams).id, req.body as Static<typeof Rating>, req.ip);
      return reply.status(r.created ? 201 : 200).send(r.result);
    });
  };
}

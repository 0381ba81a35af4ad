import crypto from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { DomainError, ERRORS, messageFor, type ErrorCode } from '../../../shared/errors.ts';
import type { AppDeps } from '../../lib/deps.ts';
import { ajvToFields, langOf } from '../../plugins/errors.ts';
import { formBody, listParam, open311Errors, parseW3c, type Lang } from './open311.ts';
import * as svc from './open311.service.ts';

const tags = ['open311'];
const Str = (maxLength: number, description?: string) => Type.String({ maxLength, ...(description ? { description } : {}) });
const Submission = Type.Object({
  service_code: Type.String({ pattern: '^\\d{4}$', description: '服务代码（4 位事件小类代码）' }),
  api_key: Type.Optional(Str(200, '配置了密钥时必填')),
  jurisdiction_id: Type.Optional(Str(100, '可不填（本接口只服务一个辖区）')),
  lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90, description: '纬度（WGS84）' })),
  long: Type.Optional(Type.Number({ minimum: -180, maximum: 180, description: '经度（WGS84）' })),
  address_string: Type.Optional(Str(200, '地址；没有经纬度时须含小区名称')),
  address_id: Type.Optional(Str(64, '小区编号')),
  attribute: Type.Optional(Type.Record(Type.String(), Type.String({ maxLength: 200 }), { description: 'attribute[compound]：小区编号' })),
  description: Type.Optional(Str(4000, '问题描述')),
  media_url: Type.Optional(Type.String({ maxLength: 1000, pattern: '^https?://\\S+$', description: '客户端托管的照片地址' })),
  email: Type.Optional(Str(200, '不保存')),
  device_id: Type.Optional(Str(200, '不保存')),
  account_id: Type.Optional(Str(200, '不保存')),
  first_name: Type.Optional(Str(50, '名（加密保存，不公开）')),
  last_name: Type.Optional(Str(50, '姓（加密保存，不公开）')),
  phone: Type.Optional(Str(30, '手机号（加密保存，不公开）')),
  client_id: Type.Optional(Type.String({ pattern: '^[0-9a-fA-F-]{36}$', description: '扩展：客户端生成的 UUID；重发同一 id 不会重复受理' })),
});
const ListQuery = Type.Object({
  jurisdiction_id: Type.Optional(Str(100)),
  service_request_id: Type.Optional(Str(40_000, '逗号分隔的多个编号；给出时忽略其他条件')),
  service_code: Type.Optional(Str(1000, '逗号分隔')),
  start_date: Type.Optional(Str(40, 'W3C 时间，如 2026-10-01T00:00:00+08:00')),
  end_date: Type.Optional(Str(40)),
  status: Type.Optional(Str(20, 'open、closed 或 open,closed')),
});
const WindowQuery = Type.Object({ jurisdiction_id: Type.Optional(Str(100)), start_date: Type.Optional(Str(40)), end_date: Type.Optional(Str(40)) });
const FileParams = Type.Object({ file: Type.String({ maxLength: 80 }) });

// Reads generous, writes tight, as on the other public routes; a client with a configured api_key (a FixMyStreet-like
// server sending for many people from one address) gets a larger share. Writes count after the body is read.
const READ = { rateLimit: { max: 120, timeWindow: '1 minute' } };

function fail(code: ErrorCode, params: Record<string, string | number> = {}): never {
  throw new DomainError(code, params);
}

/** The part of `name.ext` before a .json extension; .xml is refused in Open311 form, anything else is not found. */
function jsonName(file: string): string {
  const m = /^(.+)\.(json|xml)$/.exec(file);
  if (!m) return fail('ROUTE_NOT_FOUND', { path: file });
  if (m[2] === 'xml') return fail('OPEN311_FORMAT_UNSUPPORTED', { format: 'xml' });
  return m[1];
}

function dateParam(name: string, v: string | undefined): string | null {
  if (!v) return null;
  return parseW3c(v) ?? fail('BAD_REQUEST', { detail: `${name} must be a W3C date-time such as 2026-10-01T00:00:00+08:00 / ${name} 应为 W3C 时间格式` });
}

function send(req: FastifyRequest, reply: FastifyReply, status: number, code: ErrorCode, params: Record<string, string | number>, fields: Parameters<typeof open311Errors>[2] = []) {
  const lang: Lang = langOf(req);
  return reply.status(status).send(open311Errors(status, messageFor(code, params)[lang], fields, lang));
}

/** Answers every failure as Open311 does: an array of {code, description} with the HTTP status. */
function open311ErrorHandler(err: FastifyError | DomainError | Error, req: FastifyRequest, reply: FastifyReply) {
  const lang = langOf(req);
  if (err instanceof DomainError) return send(req, reply, ERRORS[err.code].status, err.code, err.params, err.fields);
  const fe = err as FastifyError & { validation?: Parameters<typeof ajvToFields>[0]; validationContext?: string };
  if (fe.validation) return send(req, reply, 400, 'VALIDATION_FAILED', {}, ajvToFields(fe.validation, fe.validationContext ?? 'body').map((f) => ({ ...f, message: f[lang] })));
  if (fe.statusCode === 429) return send(req, reply, 429, 'RATE_LIMITED', {});
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) return send(req, reply, fe.statusCode, 'BAD_REQUEST', { detail: fe.message });
  const ref = crypto.randomBytes(4).toString('hex');
  req.log.error({ err, ref }, 'unhandled error');
  return send(req, reply, 500, 'INTERNAL', { ref });
}

/**
 * Open311 GeoReport v2 (JSON), mounted at /open311/v2, no account: the services (小类 of the current category version),
 * a service's definition, POST a request (form-encoded or JSON), GET requests and one request with its status history,
 * and FixMyStreet's servicerequestupdates. Errors in Open311 form; .xml answered with a clear 400.
 */
export function open311Routes(deps: AppDeps) {
  const write = { rateLimit: { max: (req: FastifyRequest) => (svc.keyed(deps.config, (req.body as { api_key?: string } | undefined)?.api_key) ? 600 : 20), timeWindow: '1 minute', hook: 'preHandler' as const } };
  return async (app: FastifyInstance) => {
    app.setErrorHandler(open311ErrorHandler);
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, body, done) => done(null, formBody(String(body))));
    // JSON clients send null or "" for fields they leave out; neither may become 0 through type coercion.
    app.addHook('preValidation', async (req) => {
      const b = req.body as Record<string, unknown> | null;
      if (b && typeof b === 'object' && !Array.isArray(b)) for (const [k, v] of Object.entries(b)) if (v === null || v === '') delete b[k];
    });

    app.get('/services.json', { config: READ, schema: { tags, summary: 'Open311：服务列表（当前分类版本的事件小类）' } }, async (req) => svc.listServices(deps.db, langOf(req)));
    app.get('/services/:file', { config: READ, schema: { tags, summary: 'Open311：服务定义（services/{service_code}.json）', params: FileParams } }, async (req) => {
      return svc.serviceDefinition(deps.db, jsonName((req.params as Static<typeof FileParams>).file), langOf(req));
    });
    app.post('/requests.json', { config: write, schema: { tags, summary: 'Open311：提交诉求（表单或 JSON；client_id 幂等）', body: Submission } }, async (req, reply) => {
      const r = await svc.submitRequest(deps, req.body as Static<typeof Submission>, { ip: req.ip, lang: langOf(req) });
      return reply.status(r.created ? 201 : 200).send([r.receipt]);
    });
    app.get('/requests.json', { config: READ, schema: { tags, summary: 'Open311：诉求列表（按编号、服务代码、时间、状态）', querystring: ListQuery } }, async (req) => {
      const q = req.query as Static<typeof ListQuery>;
      const status = listParam(q.status);
      if (status.some((s) => s !== 'open' && s !== 'closed')) fail('BAD_REQUEST', { detail: 'status is open, closed or open,closed / status 只能为 open 或 closed' });
      return svc.listRequests(deps.db, deps, {
        ids: listParam(q.service_request_id), codes: listParam(q.service_code), from: dateParam('start_date', q.start_date), to: dateParam('end_date', q.end_date),
        status: status as ('open' | 'closed')[],
      }, langOf(req));
    });
    app.get('/requests/:file', { config: READ, schema: { tags, summary: 'Open311：单件诉求与处理进展（requests/{id}.json）', params: FileParams } }, async (req) => {
      return [await svc.getRequest(deps.db, deps, jsonName((req.params as Static<typeof FileParams>).file), langOf(req))];
    });
    app.get('/servicerequestupdates.json', { config: READ, schema: { tags, summary: 'Open311（FixMyStreet 扩展）：诉求状态变化', querystring: WindowQuery } }, async (req) => {
      const q = req.query as Static<typeof WindowQuery>;
      return svc.listUpdates(deps.db, deps, { from: dateParam('start_date', q.start_date), to: dateParam('end_date', q.end_date) }, langOf(req));
    });
    app.all('/*', { config: READ, schema: { hide: true } }, async (req) => {
      const path = req.url.split('?')[0];
      if (path.endsWith('.xml')) fail('OPEN311_FORMAT_UNSUPPORTED', { format: 'xml' });
      fail('ROUTE_NOT_FOUND', { path });
    });
  };
}

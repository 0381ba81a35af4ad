import crypto from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, ERRORS, messageFor, type ErrorCode, type FieldProblem } from '../../shared/errors.ts';

/** The caller's language from Accept-Language: English when asked first, Chinese otherwise. */
export function langOf(req: FastifyRequest): 'zh' | 'en' {
  const h = String(req.headers['accept-language'] ?? '');
  return /^\s*en/i.test(h) ? 'en' : 'zh';
}

/** The JSON body of every error answer. */
export function errorBody(req: FastifyRequest, code: ErrorCode, params: Record<string, string | number>, fields: FieldProblem[], details?: Record<string, unknown>) {
  const m = messageFor(code, params);
  const lang = langOf(req);
  return {
    error: {
      code,
      message: lang === 'en' ? m.en : m.zh,
      zh: m.zh,
      en: m.en,
      fields: fields.map((f) => ({ ...f, message: lang === 'en' ? f.en : f.zh })),
      ...(details ? { details } : {}),
    },
  };
}

/** Sends a domain error with its catalogue status. */
export function sendDomainError(req: FastifyRequest, reply: FastifyReply, e: DomainError): FastifyReply {
  return reply.status(ERRORS[e.code].status).send(errorBody(req, e.code, e.params, e.fields, e.details));
}

const AJV_ZH: Record<string, (p: Record<string, unknown>) => string> = {
  required: (p) => `缺少必填项 ${String(p.missingProperty)}`,
  minLength: (p) => `至少 ${String(p.limit)} 个字符`,
  maxLength: (p) => `最多 ${String(p.limit)} 个字符`,
  pattern: () => '格式不正确',
  enum: (p) => `只能取以下值之一：${(p.allowedValues as unknown[]).join('、')}`,
  type: (p) => `类型应为 ${String(p.type)}`,
  format: (p) => `格式应为 ${String(p.format)}`,
  minimum: (p) => `不能小于 ${String(p.limit)}`,
  maximum: (p) => `不能大于 ${String(p.limit)}`,
  additionalProperties: (p) => `不认识的字段 ${String(p.additionalProperty)}`,
};

/** Turns Ajv's list into field problems, one per bad field. */
export function ajvToFields(errors: { instancePath?: string; keyword: string; params: Record<string, unknown>; message?: string }[], context: string): FieldProblem[] {
  return errors.map((e) => {
    let field = (e.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
    if (e.keyword === 'required') field = field ? `${field}.${String(e.params.missingProperty)}` : String(e.params.missingProperty);
    if (e.keyword === 'additionalProperties') field = field ? `${field}.${String(e.params.additionalProperty)}` : String(e.params.additionalProperty);
    const zh = AJV_ZH[e.keyword]?.(e.params) ?? `不符合要求（${e.keyword}）`;
    return { field: field || context, code: `SCHEMA_${e.keyword.toUpperCase()}`, zh, en: e.message ?? e.keyword };
  });
}

/** Maps every error to the stable JSON shape; unknown errors are logged and answered with a reference. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | DomainError | Error, req, reply) => {
    if (err instanceof DomainError) return sendDomainError(req, reply, err);
    const fe = err as FastifyError & { validation?: { instancePath?: string; keyword: string; params: Record<string, unknown>; message?: string }[]; validationContext?: string };
    if (fe.validation) {
      return reply.status(400).send(errorBody(req, 'VALIDATION_FAILED', {}, ajvToFields(fe.validation, fe.validationContext ?? 'body')));
    }
    if (fe.statusCode === 429) return reply.status(429).send(errorBody(req, 'RATE_LIMITED', {}, []));
    if (fe.code === 'FST_REQ_FILE_TOO_LARGE' || fe.statusCode === 413) return reply.status(413).send(errorBody(req, 'PAYLOAD_TOO_LARGE', { limit: 'upload limit' }, []));
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      return reply.status(fe.statusCode).send(errorBody(req, 'BAD_REQUEST', { detail: fe.message }, []));
    }
    const ref = crypto.randomBytes(4).toString('hex');
    req.log.error({ err, ref }, 'unhandled error');
    return reply.status(500).send(errorBody(req, 'INTERNAL', { ref }, []));
  });
  app.setNotFoundHandler((req, reply) => reply.status(404).send(errorBody(req, 'ROUTE_NOT_FOUND', { path: req.url.split('?')[0] }, [])));
}

import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { IdParams } from '../../lib/http.ts';
import type { AppDeps } from '../../lib/deps.ts';
import { ctxOf } from '../../plugins/auth.ts';
import { contentDisposition, isImage } from './attachment.ts';
import * as svc from './attachment.service.ts';

const tags = ['methods'];

/** Attachment routes: upload raw bytes (name in x-file-name, optional x-sha256), download to whoever may read the instance. */
export function attachmentRoutes(deps: AppDeps) {
  const store = (): svc.FileStore => ({ dataDir: deps.config.dataDir, limitBytes: deps.config.uploadLimitBytes });
  return async (app: FastifyInstance) => {
    // Any content type arrives as bytes here; the type is decided from the bytes themselves.
    app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: deps.config.uploadLimitBytes }, (_req, body, done) => done(null, body));
    app.post('/attachments', {
      schema: {
        tags, summary: '上传附件（请求体为文件原始字节；x-file-name 为 URL 编码的文件名；可带 x-sha256 校验）',
        headers: { type: 'object', properties: { 'x-file-name': { type: 'string', maxLength: 1000 }, 'x-sha256': { type: 'string', maxLength: 64 } } },
      },
    }, async (req, reply) => {
      // A body some other parser turned into an object (JSON) is not a file: its bytes fail the type check.
      const data = Buffer.isBuffer(req.body) ? req.body : req.body === undefined || req.body === null ? Buffer.alloc(0) : Buffer.from(JSON.stringify(req.body));
      const a = await svc.uploadAttachment(deps.db, ctxOf(req, deps), store(), {
        data,
        fileName: req.headers['x-file-name'] as string | undefined,
        sha256: req.headers['x-sha256'] as string | undefined,
      });
      return reply.status(201).send(a);
    });
    app.get('/attachments/:id', { schema: { tags, summary: '下载附件', params: IdParams } }, async (req, reply) => {
      const { attachment: a, file } = await svc.openAttachment(deps.db, ctxOf(req, deps), store(), (req.params as IdParams).id);
      return reply
        .type(a.mimeType)
        .header('content-length', a.sizeBytes)
        .header('content-disposition', contentDisposition(a.fileName, isImage(a.mimeType) || a.mimeType === 'application/pdf'))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .header('x-sha256', a.sha256)
        .send(fs.createReadStream(file));
    });
  };
}

import { PassThrough } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { DomainError } from '../../../shared/errors.ts';
import type { AppDeps } from '../../lib/deps.ts';
import { ctxOf } from '../../plugins/auth.ts';
import { requireScopes } from '../accounts/actor.ts';
import { commitImport, dryRunImport } from './import.service.ts';
import { exportEntities, prepareExport, writePreparedExport } from './export.service.ts';
import { ENTITY_SPECS, IMPORT_ENTITIES, type ImportEntity } from './transfer.columns.ts';
import { problemsWorkbook, templateWorkbook, XLSX_TYPE } from './transfer.xlsx.ts';

const tags = ['transfer'];
const EntityParams = Type.Object({ entity: Type.Union(IMPORT_ENTITIES.map((e) => Type.Literal(e)), { description: 'compounds | households | residents' }) });
// The body is the raw file (parsed as a Buffer by app.ts), so it has no JSON schema; OpenAPI learns the types from consumes.
const consumes = ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv', 'application/octet-stream'];

/** The uploaded bytes; a missing or non-binary body is refused. */
function fileOf(req: FastifyRequest): Buffer {
  if (!Buffer.isBuffer(req.body) || req.body.length === 0) {
    throw new DomainError('FILE_UNREADABLE', { detail: '请求体应为文件本身（Content-Type: .xlsx、text/csv 或 application/octet-stream） / send the file itself as the body' });
  }
  return req.body;
}

/** The file name from `x-file-name` (percent-encoded when not ASCII), for messages and the audit log. */
function fileNameOf(req: FastifyRequest, entity: string): string {
  const h = req.headers['x-file-name'];
  const raw = Array.isArray(h) ? h[0] : h;
  if (!raw) return `${entity}.xlsx`;
  try {
    return decodeURIComponent(raw).slice(0, 200);
  } catch {
    return raw.slice(0, 200);
  }
}

function attachment(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

const ENTITY_ZH: Record<ImportEntity, string> = { compounds: '小区', households: '房屋户', residents: '居民' };

/** Import wizard (template, dry run, commit) and masked exports. */
export function transferRoutes(deps: AppDeps) {
  return async (app: FastifyInstance) => {
    app.get('/imports/:entity/columns', { schema: { tags, summary: '导入列说明（供向导显示）', params: EntityParams } }, async (req) => {
      const { entity } = req.params as { entity: ImportEntity };
      return ENTITY_SPECS[entity];
    });

    app.get('/imports/:entity/template.xlsx', { schema: { tags, summary: '下载导入模板（含示例行与填写说明）', params: EntityParams } }, async (req, reply) => {
      const { entity } = req.params as { entity: ImportEntity };
      requireScopes(ctxOf(req, deps).actor, 'import.run');
      const buf = await templateWorkbook(ENTITY_SPECS[entity]);
      return reply.header('content-type', XLSX_TYPE).header('content-disposition', attachment(`${ENTITY_ZH[entity]}导入模板.xlsx`)).send(buf);
    });

    app.post(
      '/imports/:entity/dry-run',
      {
        schema: {
          tags,
          summary: '检查导入文件（不写入）；?format=xlsx 时返回问题清单 .xlsx',
          params: EntityParams,
          querystring: Type.Object({ format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('xlsx')])) }),
          consumes,
        },
      },
      async (req, reply) => {
        const { entity } = req.params as { entity: ImportEntity };
        const ctx = ctxOf(req, deps);
        const report = await dryRunImport(deps.db, ctx, entity, fileOf(req), fileNameOf(req, entity));
        const { allProblems, ...body } = report;
        if ((req.query as { format?: string }).format === 'xlsx') {
          const buf = await problemsWorkbook(allProblems, report.warnings);
          return reply.header('content-type', XLSX_TYPE).header('content-disposition', attachment(`${ENTITY_ZH[entity]}导入问题.xlsx`)).send(buf);
        }
        return body;
      },
    );

    app.post(
      '/imports/:entity/commit',
      { schema: { tags, summary: '导入：全部无误才写入（一个事务，全有或全无），否则 422 IMPORT_INVALID', params: EntityParams, consumes } },
      async (req) => {
        const { entity } = req.params as { entity: ImportEntity };
        return commitImport(deps.db, ctxOf(req, deps), entity, fileOf(req), fileNameOf(req, entity));
      },
    );

    app.get('/exports', { schema: { tags, summary: '可导出的列表' } }, async (req) => {
      ctxOf(req, deps);
      return { items: exportEntities() };
    });

    app.get(
      '/exports/:file',
      {
        schema: {
          tags,
          summary: '导出列表为 .xlsx（脱敏、带水印、留痕）：/api/exports/residents.xlsx?与列表相同的筛选条件',
          params: Type.Object({ file: Type.String({ pattern: '^[a-z_-]+\\.xlsx$', description: `${exportEntities().join(' | ')} + .xlsx` }) }),
          querystring: Type.Record(Type.String(), Type.Union([Type.String(), Type.Array(Type.String())])),
        },
      },
      async (req, reply) => {
        const entity = (req.params as { file: string }).file.replace(/\.xlsx$/, '');
        const ctx = ctxOf(req, deps);
        const prepared = await prepareExport(deps.db, ctx, entity, req.query as Record<string, unknown>);
        const out = new PassThrough();
        // The checks and the audit entry are done; streaming errors now can only cut the download short.
        writePreparedExport(deps.db, prepared, out).catch((e: unknown) => {
          req.log.error({ err: e }, 'export failed while streaming');
          out.destroy(e as Error);
        });
        return reply
          .header('content-type', XLSX_TYPE)
          .header('content-disposition', attachment(`${prepared.source.sheetZh}导出.xlsx`))
          .send(out);
      },
    );
  };
}

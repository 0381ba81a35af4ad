import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DomainError } from '../../../shared/errors.ts';
import { inTx, type Db } from '../../db/database.ts';
import { nowIso, type Ctx } from '../../lib/context.ts';
import { can, requireScopes } from '../accounts/index.ts';
import { recordAudit } from '../audit/index.ts';
import { cleanFileName, sniffType, storageKeyOf } from './attachment.ts';
import * as repo from './attachment.repository.ts';
import { newId } from '../../../shared/ids.ts';

/** Where files go and how large they may be (config.dataDir, config.uploadLimitBytes). */
export interface FileStore {
  dataDir: string;
  limitBytes: number;
}

/** An attachment as the API shows it. */
export type AttachmentView = Omit<repo.AttachmentRecord, 'storageKey'>;

function view(a: repo.AttachmentRecord): AttachmentView {
  const { storageKey: _k, ...rest } = a;
  return rest;
}

function megabytes(n: number): string {
  return n >= 1024 * 1024 ? `${Math.round((n / 1024 / 1024) * 10) / 10} MB` : `${n} B`;
}

/**
 * Stores an upload: refuses it when empty, too large, not on the type list by its magic bytes, or when the checksum the
 * client sent does not match; files are content-addressed, so the same file twice is stored once.
 */
export async function uploadAttachment(db: Db, ctx: Ctx, store: FileStore, input: { data: Buffer; fileName?: string; sha256?: string }): Promise<AttachmentView> {
  requireScopes(ctx.actor, 'method.read');
  const data = input.data;
  if (data.length === 0) throw new DomainError('FILE_UNREADABLE', { detail: 'empty / 空文件' });
  if (data.length > store.limitBytes) throw new DomainError('PAYLOAD_TOO_LARGE', { limit: megabytes(store.limitBytes) });
  const sha256 = crypto.createHash('sha256').update(data).digest('hex');
  if (input.sha256 && input.sha256.trim().toLowerCase() !== sha256) throw new DomainError('CHECKSUM_MISMATCH', {}, [], { expected: input.sha256, actual: sha256 });
  const mime = sniffType(data);
  if (!mime) throw new DomainError('FILE_TYPE_NOT_ALLOWED');
  const at = nowIso(ctx);
  const storageKey = storageKeyOf(sha256, at);
  const file = path.join(store.dataDir, storageKey);
  if (!fs.existsSync(file)) {
    await fs.promises.mkdir(path.dirname(file), { recursive: true });
    const tmp = `${file}.${crypto.randomBytes(4).toString('hex')}.tmp`;
    await fs.promises.writeFile(tmp, data);
    await fs.promises.rename(tmp, file);
  }
  const rec: repo.AttachmentRecord = {
    id: newId(), instanceId: null, eventId: null, scopePath: null, fileName: cleanFileName(input.fileName, mime), mimeType: mime,
    sizeBytes: data.length, sha256, storageKey, uploadedBy: ctx.actor.userId, at,
  };
  await inTx(db, async (tx) => {
    await repo.insertAttachment(tx, rec);
    await recordAudit(tx, ctx, { action: 'attachment.upload', objectType: 'attachment', objectId: rec.id, detail: { mimeType: mime, sizeBytes: rec.sizeBytes, sha256 } });
  });
  return view(rec);
}

/** Whether the caller may read an attachment: whoever may read its instance, or its uploader before it is used. */
function mayRead(ctx: Ctx, a: repo.AttachmentRecord): boolean {
  if (a.scopePath) return can(ctx.actor, 'method.read', a.scopePath);
  return a.uploadedBy !== null && a.uploadedBy === ctx.actor.userId;
}

/** An attachment's record and the path of its file; not found for callers who may not read it. */
export async function openAttachment(db: Db, ctx: Ctx, store: FileStore, id: string): Promise<{ attachment: AttachmentView; file: string }> {
  const [a] = await repo.findAttachments(db, [id]);
  if (!a || !mayRead(ctx, a)) throw new DomainError('NOT_FOUND');
  const file = path.join(store.dataDir, a.storageKey);
  if (!fs.existsSync(file)) throw new DomainError('NOT_FOUND');
  return { attachment: view(a), file };
}

import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestEnv, type Client, type TestEnv } from '../../testing/harness.ts';
import { sniffType } from './attachment.ts';
import { methodPlaces, problemCodes } from './testing/fixture.ts';

let env: TestEnv;
let places: Awaited<ReturnType<typeof methodPlaces>>;
let secretary: Client;
let worker: Client;
let neighbour: Client;
let outsider: Client;

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), crypto.randomBytes(64)]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), crypto.randomBytes(64)]);
const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x20, 0, 0, 0]), Buffer.from('WEBPVP8 '), crypto.randomBytes(32)]);
const PDF = Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n', 'latin1');

const upload = (c: Client, data: Buffer, name: string, type = 'application/octet-stream', extra: Record<string, string> = {}) =>
  c.post('/api/attachments', data, { 'content-type': type, 'x-file-name': encodeURIComponent(name), ...extra });

beforeAll(async () => {
  env = await makeTestEnv();
  env.deps.config.dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-attach-'));
  places = await methodPlaces(env);
  secretary = await env.user([{ roleKey: 'compound_secretary', scopePath: places.compound.path }]);
  worker = await env.user([{ roleKey: 'community_worker', scopePath: places.regions.communityA.path }]);
  neighbour = await env.user([{ roleKey: 'grid_worker', scopePath: places.compound.path }]);
  outsider = await env.user([{ roleKey: 'community_worker', scopePath: places.regions.communityC.path }]);
});
afterAll(async () => {
  if (env) fs.rmSync(env.deps.config.dataDir, { recursive: true, force: true });
  await env?.close();
});

describe('attachments', () => {
  it('recognises the allowed types by their bytes, whatever the name says', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('表决').addRow(['赞成', 28]);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    expect([PNG, JPEG, WEBP, PDF, xlsx].map(sniffType)).toEqual(['image/png', 'image/jpeg', 'image/webp', 'application/pdf', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']);
    const docx = Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.from('....[Content_Types].xml....word/document.xml....')]);
    expect(sniffType(docx)).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(sniffType(Buffer.from('MZ\x90\x00 this is an exe', 'latin1'))).toBeNull();
    expect(sniffType(Buffer.from('PK\x03\x04 plain zip', 'latin1'))).toBeNull();
    expect(sniffType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
  });

  it('stores an upload under data/attachments/yyyy/mm/sha256 with its checksum and serves it back to the uploader', async () => {
    const sha = crypto.createHash('sha256').update(PNG).digest('hex');
    const r = await upload(secretary, PNG, '东门 路灯.png', 'image/png', { 'x-sha256': sha });
    expect(r.statusCode).toBe(201);
    const a = r.json();
    expect([a.fileName, a.mimeType, a.sizeBytes, a.sha256, a.instanceId]).toEqual(['东门 路灯.png', 'image/png', PNG.length, sha, null]);
    expect(a.storageKey).toBeUndefined();
    expect(fs.readFileSync(path.join(env.deps.config.dataDir, 'attachments', '2026', '11', sha)).equals(PNG)).toBe(true);
    const got = await secretary.get(`/api/attachments/${a.id}`);
    expect([got.statusCode, got.headers['content-type'], got.headers['x-content-type-options']]).toEqual([200, 'image/png', 'nosniff']);
    expect(got.rawPayload.equals(PNG)).toBe(true);
    expect(String(got.headers['content-disposition'])).toContain(`filename*=UTF-8''${encodeURIComponent('东门 路灯.png')}`);
    // Nobody else sees a file before it is attached to an instance.
    expect((await worker.get(`/api/attachments/${a.id}`)).statusCode).toBe(404);
  });

  it('refuses a type not on the list, a file over the size limit, an empty file and a wrong checksum', async () => {
    const exe = await upload(secretary, Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), 'photo.jpg', 'image/jpeg');
    expect([exe.statusCode, exe.json().error.code]).toEqual([415, 'FILE_TYPE_NOT_ALLOWED']);
    const json = await secretary.post('/api/attachments', { not: 'a file' });
    expect(json.json().error.code).toBe('FILE_TYPE_NOT_ALLOWED');
    const limit = env.deps.config.uploadLimitBytes;
    env.deps.config.uploadLimitBytes = 1000;
    try {
      const big = await upload(secretary, Buffer.concat([PDF, Buffer.alloc(2000)]), 'big.pdf', 'application/pdf');
      expect([big.statusCode, big.json().error.code, big.json().error.zh]).toEqual([413, 'PAYLOAD_TOO_LARGE', '文件过大（上限 1000 B）']);
    } finally {
      env.deps.config.uploadLimitBytes = limit;
    }
    const empty = await upload(secretary, Buffer.alloc(0), 'x.png', 'image/png');
    expect(empty.json().error.code).toBe('FILE_UNREADABLE');
    const bad = await upload(secretary, JPEG, 'a.jpg', 'image/jpeg', { 'x-sha256': '0'.repeat(64) });
    expect([bad.statusCode, bad.json().error.code]).toEqual([422, 'CHECKSUM_MISMATCH']);
    const rows = await env.db.selectFrom('attachment').select('mime_type').execute();
    expect(rows.map((x) => x.mime_type)).toEqual(['image/png']);
  });

  it('ties attachments to the event that uses them; then readers of the instance may download them', async () => {
    const i = (await worker.post('/api/method-instances', {
      templateKey: 'wuyi', subjectType: 'matter', subjectId: 'att-1', scopePath: places.compound.path, relations: { proposer: secretary.userId },
    })).json();
    const minutes = (await upload(secretary, PDF, '协商纪要.pdf', 'application/pdf')).json();
    const photo = (await upload(secretary, WEBP, '现场.webp', 'image/webp')).json();
    const foreign = (await upload(neighbour, JPEG, '别人的.jpg', 'image/jpeg')).json();
    let cur = (await secretary.post(`/api/method-instances/${i.id}/events`, { event: 'propose', input: { proposal: '修缮健身器材' }, version: i.version })).json();
    const notMine = await secretary.post(`/api/method-instances/${i.id}/events`, { event: 'consult', input: { minutes: '纪要', photos: [foreign.id] }, version: cur.version });
    expect(problemCodes(notMine.json())).toEqual(['input.photos.0:INPUT_ATTACHMENT_UNKNOWN']);
    const pdfAsPhoto = await secretary.post(`/api/method-instances/${i.id}/events`, { event: 'consult', input: { minutes: '纪要', photos: [minutes.id] }, attachments: ['nope'], version: cur.version });
    expect(problemCodes(pdfAsPhoto.json())).toEqual(['input.photos.0:INPUT_NOT_IMAGE', 'attachments.0:INPUT_ATTACHMENT_UNKNOWN']);
    cur = (await secretary.post(`/api/method-instances/${i.id}/events`, { event: 'consult', input: { minutes: '纪要', photos: [photo.id] }, attachments: [minutes.id], comment: '附纪要扫描件', version: cur.version })).json();
    const ev = cur.timeline[cur.timeline.length - 1];
    expect([ev.event, ev.attachments, ev.input.photos]).toEqual(['consult', [minutes.id], [photo.id]]);
    const stored = await env.db.selectFrom('attachment').select(['id', 'instance_id', 'event_id']).where('id', 'in', [minutes.id, photo.id]).execute();
    expect(stored.every((s) => s.instance_id === i.id && s.event_id === ev.id)).toBe(true);
    const dl = await worker.get(`/api/attachments/${minutes.id}`);
    expect([dl.statusCode, dl.headers['content-type']]).toEqual([200, 'application/pdf']);
    expect((await outsider.get(`/api/attachments/${minutes.id}`)).statusCode).toBe(404);
  });
});

import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client.ts';
import { fitWithin } from './photo.ts';
import { defaultCompound, metresBetween } from './place.ts';
import { backoffMs, bodyOf, dueItems, nextRetryAt, sendQueued, type IncidentBody, type QueuedReport, type SendIo } from './queue.ts';
import { MemoryStore } from './store.ts';

const item = (over: Partial<QueuedReport> = {}): QueuedReport => ({
  id: '0b9d2f62-5f0e-4b7a-9d7e-3f7c1c2a9b10',
  userId: 'u1',
  createdAt: '2026-10-21T01:00:00.000Z',
  fields: {
    categoryCode: '0106', categoryName: { zh: '楼道堆物', en: 'Things piled in stairwells' }, description: '3 栋楼道堆放纸箱',
    compoundId: 'c1', compoundName: '锦华小区', gridId: 'g1', lat: 30.8, lng: 106.08, accuracy: 12, address: '3 栋 2 单元', selfHandledResult: null,
  },
  photos: [{ key: 'p1', blob: new Blob(['a']), name: 'a.jpg' }, { key: 'p2', blob: new Blob(['b']), name: 'b.jpg' }],
  afterPhotos: [],
  state: 'waiting',
  attempts: 0,
  nextAt: 0,
  lastError: null,
  ...over,
});

/** A fake server: counts uploads and posts, and fails the calls the test names. */
function fakeIo(plan: { post?: (n: number) => unknown; upload?: (n: number) => unknown } = {}) {
  const store = new MemoryStore();
  const calls = { uploads: [] as string[], posts: [] as IncidentBody[] };
  const io: SendIo = {
    async upload(p) {
      calls.uploads.push(p.name);
      const fail = plan.upload?.(calls.uploads.length);
      if (fail) throw fail;
      return `att-${calls.uploads.length}`;
    },
    async post(body) {
      calls.posts.push(body);
      const fail = plan.post?.(calls.posts.length);
      if (fail) throw fail;
      return { id: body.id, stageName: { zh: '已上报待受理', en: 'Reported' } };
    },
    save: (i) => store.put(i),
    now: () => 1_000_000,
  };
  return { io, calls, store };
}

const network = () => new ApiError(0, 'NETWORK', 'offline');

describe('grid outbox: sending a queued report', () => {
  it('uploads the photos first, then reports with the client id and the attachment ids', async () => {
    const { io, calls } = fakeIo();
    const r = await sendQueued(item(), io);
    expect(r).toEqual({ kind: 'sent', incidentId: item().id, stageName: { zh: '已上报待受理', en: 'Reported' } });
    expect(calls.uploads).toEqual(['a.jpg', 'b.jpg']);
    expect(calls.posts).toEqual([{
      id: item().id, categoryCode: '0106', description: '3 栋楼道堆放纸箱', compoundId: 'c1', lat: 30.8, lng: 106.08,
      address: '3 栋 2 单元', photos: ['att-1', 'att-2'], sourceChannel: 'patrol',
    }]);
  });

  it('keeps the uploaded photo ids when the answer is lost, so the resend uploads nothing and reuses the client id', async () => {
    const { io, calls, store } = fakeIo({ post: (n) => (n === 1 ? network() : null) });
    const first = await sendQueued(item(), io);
    expect(first.kind).toBe('retry');
    if (first.kind !== 'retry') return;
    expect([first.item.attempts, first.item.nextAt - 1_000_000, first.item.lastError?.code]).toEqual([1, 2000, 'NETWORK']);
    expect(first.item.photos.map((p) => p.attachmentId)).toEqual(['att-1', 'att-2']);
    // The ids were saved as soon as each upload finished (a closed tab keeps them).
    expect((await store.list('u1'))[0].photos.map((p) => p.attachmentId)).toEqual(['att-1', 'att-2']);
    const second = await sendQueued(first.item, io);
    expect(second.kind).toBe('sent');
    expect(calls.uploads).toHaveLength(2);
    expect(calls.posts.map((b) => [b.id, b.photos])).toEqual([[item().id, ['att-1', 'att-2']], [item().id, ['att-1', 'att-2']]]);
  });

  it('retries a network failure half way through the uploads from the photo that failed', async () => {
    const { io, calls } = fakeIo({ upload: (n) => (n === 2 ? network() : null) });
    const first = await sendQueued(item(), io);
    if (first.kind !== 'retry') throw new Error(first.kind);
    expect(first.item.photos.map((p) => p.attachmentId ?? null)).toEqual(['att-1', null]);
    expect((await sendQueued(first.item, io)).kind).toBe('sent');
    expect(calls.uploads).toEqual(['a.jpg', 'b.jpg', 'b.jpg']);
    expect(calls.posts[0].photos).toEqual(['att-1', 'att-3']);
  });

  it('retries 5xx and session trouble with growing delays, and hands 4xx refusals to the worker', async () => {
    const busy = await sendQueued(item({ attempts: 2 }), fakeIo({ post: () => new ApiError(503, 'HTTP_503', 'busy') }).io);
    expect(busy.kind === 'retry' && [busy.item.attempts, busy.item.nextAt - 1_000_000]).toEqual([3, 8000]);
    const refused = new ApiError(400, 'VALIDATION_FAILED', '请修改', [{ field: 'categoryCode', code: 'CATEGORY_UNKNOWN', message: '当前分类版本中没有小类 0106' }]);
    const bad = await sendQueued(item(), fakeIo({ post: () => refused }).io);
    expect(bad.kind).toBe('needs_fix');
    if (bad.kind !== 'needs_fix') return;
    expect([bad.item.state, bad.item.lastError]).toEqual(['needs_fix', { code: 'VALIDATION_FAILED', message: '请修改', fields: refused.fields }]);
    expect(bad.item.photos.every((p) => p.attachmentId)).toBe(true);
    const tooBig = await sendQueued(item(), fakeIo({ upload: () => new ApiError(413, 'PAYLOAD_TOO_LARGE', 'too big') }).io);
    expect([tooBig.kind, tooBig.kind !== 'sent' && tooBig.item.lastError?.code]).toEqual(['needs_fix', 'PAYLOAD_TOO_LARGE']);
    expect([1, 2, 3, 6, 7, 20].map(backoffMs)).toEqual([2000, 4000, 8000, 60_000, 60_000, 60_000]);
  });

  it('uploads the photos once more when the server no longer knows the recorded ids', async () => {
    const stale = new ApiError(400, 'VALIDATION_FAILED', 'x', [{ field: 'input.photos.0', code: 'INPUT_ATTACHMENT_UNKNOWN', message: 'x' }]);
    const { io, calls } = fakeIo({ post: (n) => (n === 1 ? stale : null) });
    const known = item({ photos: [{ key: 'p1', blob: new Blob(['a']), name: 'a.jpg', attachmentId: 'gone' }] });
    expect((await sendQueued(known, io)).kind).toBe('sent');
    expect([calls.uploads, calls.posts.map((b) => b.photos)]).toEqual([['a.jpg'], [['gone'], ['att-1']]]);
  });

  it('names the grid only without a compound, leaves empty fields out, and sends the after photos of a problem solved on the spot', () => {
    const f = item().fields;
    const b = bodyOf(item({
      fields: { ...f, compoundId: null, compoundName: null, lat: null, lng: null, address: null, selfHandledResult: '已清理' },
      photos: [{ key: 'p', blob: new Blob(['a']), name: 'a.jpg', attachmentId: 'before' }],
      afterPhotos: [{ key: 'q', blob: new Blob(['b']), name: 'b.jpg', attachmentId: 'after' }],
    }));
    expect(b).toEqual({ id: item().id, categoryCode: '0106', description: '3 栋楼道堆放纸箱', gridId: 'g1', photos: ['before'], sourceChannel: 'patrol', selfHandled: { result: '已清理', photos: ['after'] } });
  });

  it('picks the items due now, oldest first, and the next retry time', () => {
    const a = item({ id: 'a', createdAt: '2026-10-21T02:00:00Z', nextAt: 500 });
    const b = item({ id: 'b', createdAt: '2026-10-21T01:00:00Z', nextAt: 100 });
    const c = item({ id: 'c', createdAt: '2026-10-21T01:30:00Z', nextAt: 9000 });
    const fix = item({ id: 'd', state: 'needs_fix', nextAt: 0 });
    expect(dueItems([a, b, c, fix], 1000).map((i) => i.id)).toEqual(['b', 'a']);
    expect(dueItems([a, b, c, fix], 1000, true).map((i) => i.id)).toEqual(['b', 'c', 'a']);
    expect([nextRetryAt([a, c, fix]), nextRetryAt([fix])]).toEqual([500, null]);
  });

  it('scales a camera picture to at most 1600 px on the long side', () => {
    expect([fitWithin(4000, 3000), fitWithin(1200, 1600), fitWithin(900, 5000)]).toEqual([{ width: 1600, height: 1200 }, { width: 1200, height: 1600 }, { width: 288, height: 1600 }]);
  });
});

describe('grid page: the compound to preselect', () => {
  const a = { id: 'a', lat: 30.8, lng: 106.08 };
  const b = { id: 'b', lat: 30.81, lng: 106.09 };
  const far = { id: 'far', lat: 31.5, lng: 106.5 };
  it('takes the nearest compound within a kilometre, else the only one, else none', () => {
    expect(Math.round(metresBetween(a, b))).toBe(1466);
    expect(defaultCompound([a, b, far], { lat: 30.8095, lng: 106.0893 })?.id).toBe('b');
    expect(defaultCompound([a, b], { lat: 30.9, lng: 106.2 })).toBeNull();
    expect(defaultCompound([far], null)?.id).toBe('far');
    expect(defaultCompound([{ id: 'x', lat: null, lng: null }, a], null)).toBeNull();
  });
});

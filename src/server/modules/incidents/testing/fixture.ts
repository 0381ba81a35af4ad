import type { Client, TestEnv } from '../../../testing/harness.ts';
import { createOrg } from '../../orgs/index.ts';
import { addGridWorker, createGrid, seedCompound, seedRegions } from '../../registry/index.ts';

/** An instant given in China time. */
export const cst = (s: string) => new Date(s + '+08:00');

/** A tiny PNG header: enough for the attachment type check. */
export const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('incident-photo')]);

/**
 * Places and people for incident tests: the registry's region tree, a compound with a grid in community A, a compound in
 * community C, a property company in the compound; a community worker (受理/派遣, and the community's own handler), a
 * grid worker on duty in the grid (reports and verifies), a property-company handler (read-only in the compound, acts
 * through the organisation), a system administrator and a community worker elsewhere.
 */
export async function incidentPlaces(env: TestEnv) {
  const ctx = env.ctx();
  const regions = await seedRegions(env.db, ctx);
  const grid = (await createGrid(env.db, ctx, { communityId: regions.communityA.id, code: `${regions.communityA.code}01`, name: '北街一网格', businessLines: ['safety', 'environment'] })).grid;
  const compound = await seedCompound(env.db, ctx, regions.communityA.id, '锦华小区', { gridId: grid.id, lat: 30.8, lng: 106.08 });
  const compoundC = await seedCompound(env.db, ctx, regions.communityC.id, '舞凤小区');
  const property = (await createOrg(env.db, ctx, { type: 'property_company', name: '锦华物业', compoundId: compound.id })).org;
  const admin = await env.user([{ roleKey: 'system_admin', scopePath: '/' }]);
  const desk = await env.user([{ roleKey: 'community_worker', scopePath: regions.communityA.path }]);
  const gridWorker = await env.user([{ roleKey: 'grid_worker', scopePath: regions.communityA.path }]);
  // Property staff read their compound (to upload photos); they act on incidents only through the organisation.
  const handler = await env.user([{ roleKey: 'leader', scopePath: compound.path }]);
  const outsider = await env.user([{ roleKey: 'community_worker', scopePath: regions.communityC.path }]);
  await addGridWorker(env.db, ctx, grid.id, { name: '王网格', userId: gridWorker.userId, duty: 'worker' });
  expect201(await admin.post('/api/incident-handlers', { orgId: property.id, userId: handler.userId }));
  return { regions, grid, compound, compoundC, property, admin, desk, gridWorker, handler, outsider };
}

function expect201(r: { statusCode: number; body: string }) {
  if (r.statusCode !== 201) throw new Error(`expected 201, got ${r.statusCode} ${r.body}`);
}

/** Uploads a photo as the client and returns its attachment id. */
export async function photo(c: Client): Promise<string> {
  const r = await c.upload('/api/attachments', PNG, 'image/png');
  if (r.statusCode !== 201) throw new Error(`upload failed: ${r.statusCode} ${r.body}`);
  return r.json().id;
}

/** Fires an event on an incident with its current version. */
export async function act(c: Client, id: string, event: string, input: Record<string, unknown> = {}) {
  const cur = await c.get(`/api/incidents/${id}`);
  const version = cur.statusCode === 200 ? cur.json().version : 1;
  return c.post(`/api/incidents/${id}/events`, { event, input, version, comment: `${event} 备注` });
}

/** Field path and code of each problem in an error answer. */
export function problemCodes(body: { error: { fields: { field: string; code: string }[] } }): string[] {
  return body.error.fields.map((f) => `${f.field}:${f.code}`);
}

import type { TestEnv } from '../../../testing/harness.ts';
import { seedCompound, seedRegions } from '../../registry/index.ts';
import { ensurePresets } from '../template.service.ts';

/** An instant given in China time. */
export const cst = (s: string) => new Date(s + '+08:00');

/** Places for method tests: the registry's fixture tree, a compound in community A and one in community C, and the presets. */
export async function methodPlaces(env: TestEnv) {
  const ctx = env.ctx();
  const regions = await seedRegions(env.db, ctx);
  const compound = await seedCompound(env.db, ctx, regions.communityA.id, '锦华小区');
  const compoundC = await seedCompound(env.db, ctx, regions.communityC.id, '舞凤小区');
  await ensurePresets(env.db, env.clock);
  return { regions, compound, compoundC };
}

/** Field path and code of each problem in an error answer. */
export function problemCodes(body: { error: { fields: { field: string; code: string }[] } }): string[] {
  return body.error.fields.map((f) => `${f.field}:${f.code}`);
}

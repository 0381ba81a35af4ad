import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestEnv, type TestEnv } from '../../testing/harness.ts';
import { seedRegions } from '../registry/registry.fixtures.ts';
import { loadDemoIfEmpty } from './demo.service.ts';

let env: TestEnv;
beforeAll(async () => { env = await makeTestEnv(); });
afterAll(async () => { await env?.close(); });

describe('demo loading', () => {
  it('never loads into a database that already holds registry data', async () => {
    await seedRegions(env.db, env.ctx());
    const before = await env.db.selectFrom('region').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(await loadDemoIfEmpty(env.db, { keys: env.keys, clock: env.clock })).toBeNull();
    const after = await env.db.selectFrom('region').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});

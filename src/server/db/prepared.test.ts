import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestEnv, type TestEnv } from '../testing/harness.ts';
import { insertMany, inTx, prepared, type Db } from './database.ts';

describe('queries built once and run with new arguments', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await makeTestEnv();
  });
  afterAll(async () => env.close());

  const byKey = prepared((db: Db, key: string, limit: number) =>
    db.selectFrom('method_template').select(['key', 'version']).where('key', '=', key).where('status', '=', 'published').orderBy('version').limit(limit));

  it('gives each call the rows Kysely would for its own arguments, keeping the values the builder wrote itself', async () => {
    const keys = (await env.db.selectFrom('method_template').select('key').distinct().orderBy('key').execute()).map((r) => r.key);
    expect(keys.length).toBeGreaterThan(1);
    for (const key of keys) {
      const direct = await env.db.selectFrom('method_template').select(['key', 'version']).where('key', '=', key).where('status', '=', 'published').orderBy('version').limit(5).execute();
      expect((await byKey(env.db, key, 5)).map((r) => ({ ...r, version: Number(r.version) }))).toEqual(direct.map((r) => ({ ...r, version: Number(r.version) })));
    }
    expect(await byKey(env.db, keys[0], 0)).toEqual([]);
    expect(await byKey(env.db, 'no-such-key', 5)).toEqual([]);
  });

  it('runs inside the caller\'s transaction', async () => {
    const countOf = prepared((db: Db, key: string) => db.selectFrom('method_template').select((eb) => eb.fn.countAll().as('n')).where('key', '=', key));
    await expect(inTx(env.db, async (tx) => {
      await tx.updateTable('method_template').set({ key: 'renamed-in-tx' }).where('key', '=', 'wuyi').execute();
      expect(Number((await countOf(tx, 'renamed-in-tx'))[0].n)).toBeGreaterThan(0);
      throw new Error('roll back');
    })).rejects.toThrow('roll back');
    expect(Number((await countOf(env.db, 'renamed-in-tx'))[0].n)).toBe(0);
  });

  it('refuses a builder that leaves an argument out of the query', async () => {
    const careless = prepared((db: Db, key: string, _unused: string) => db.selectFrom('method_template').select('id').where('key', '=', key));
    await expect(careless(env.db, 'wuyi', 'x')).rejects.toThrow(/not every argument/);
  });

  it('keeps apart small inserts of the same table and width whose columns differ', async () => {
    await insertMany(env.db, 'incident_counter', [{ day: '20990101', n: 5 }]);
    await insertMany(env.db, 'incident_counter', [{ n: 7, day: '20990102' }]);
    await insertMany(env.db, 'incident_counter', [{ day: '20990103', n: 9 }, { day: '20990104', n: 11 }]);
    const rows = await env.db.selectFrom('incident_counter').select(['day', 'n']).where('day', '>=', '20990101').orderBy('day').execute();
    expect(rows.map((r) => [r.day, Number(r.n)])).toEqual([['20990101', 5], ['20990102', 7], ['20990103', 9], ['20990104', 11]]);
  });
});

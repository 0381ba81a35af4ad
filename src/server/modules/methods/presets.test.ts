import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../accounts/index.ts';
import { makeTestEnv, type TestEnv } from '../../testing/harness.ts';
import { LIANSHOU, WUYI } from './presets/index.ts';
import { createDraft, ensurePresets, publishTemplate } from './template.service.ts';

let env: TestEnv;
beforeAll(async () => { env = await makeTestEnv(); });
afterAll(async () => { await env?.close(); });

describe('ensurePresets', () => {
  it('loads 五议 and 联手说事 once as published version 1 at the root, and never touches later versions', async () => {
    // The harness may already have loaded them (the lead calls ensurePresets at start); either way a second call adds nothing.
    const first = await ensurePresets(env.db, env.clock);
    expect([[], ['wuyi', 'lianshou', 'closed_loop']]).toContainEqual(first);
    expect(await ensurePresets(env.db, env.clock)).toEqual([]);
    let rows = await env.db.selectFrom('method_template').select(['key', 'version', 'status', 'scope_path']).orderBy('key').execute();
    expect(rows).toEqual([
      { key: 'closed_loop', version: 1, status: 'published', scope_path: '/' },
      { key: 'lianshou', version: 1, status: 'published', scope_path: '/' },
      { key: 'wuyi', version: 1, status: 'published', scope_path: '/' },
    ]);
    const v2 = await createDraft(env.db, env.ctx(SYSTEM_ACTOR), { ...WUYI, name: { zh: '五议工作法（本市版）', en: 'Five discussions (city)' }, scopePath: '/' });
    await publishTemplate(env.db, env.ctx(SYSTEM_ACTOR), v2.template.id);
    expect(await ensurePresets(env.db, env.clock)).toEqual([]);
    rows = await env.db.selectFrom('method_template').select(['key', 'version', 'status', 'scope_path']).where('key', '=', 'wuyi').orderBy('version').execute();
    expect(rows.map((r) => `${r.version}:${r.status}`)).toEqual(['1:retired', '2:published']);
    expect(LIANSHOU.stages.filter((s) => !s.terminal).map((s) => s.name.zh[0])).toEqual(['集', '商', '解', '评', '晒']);
  });
});

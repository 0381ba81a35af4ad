import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestEnv, type Client, type TestEnv } from '../../testing/harness.ts';
import { recordAudit, verifyChain } from './audit.service.ts';

let env: TestEnv;
let auditor: Client;

/** Lets the test change the append-only table the way an attacker with database access would. */
async function withoutGuards(env: TestEnv, fn: () => Promise<void>) {
  if (env.dialect === 'postgres') {
    await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change`.execute(env.db);
    await fn();
    await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_change`.execute(env.db);
  } else {
    await sql`DROP TRIGGER audit_log_no_update`.execute(env.db);
    await sql`DROP TRIGGER audit_log_no_delete`.execute(env.db);
    await fn();
  }
}

beforeAll(async () => {
  env = await makeTestEnv();
  auditor = await env.user([{ roleKey: 'audit_admin', scopePath: '/' }]);
  for (let i = 0; i < 5; i++) await recordAudit(env.db, env.ctx(), { action: 'test.event', objectType: 'thing', objectId: `t${i}`, detail: { i } });
});
afterAll(async () => { await env?.close(); });

describe('audit log', () => {
  it('shows the auditor every sign-in, newest first, and reports the chain intact', async () => {
    const list = (await auditor.get('/api/audit?action=auth.login')).json();
    expect(list.total).toBeGreaterThanOrEqual(1);
    expect(list.items[0].actorName).toBe(auditor.username);
    const v = (await auditor.get('/api/audit/verify')).json();
    expect(v).toMatchObject({ ok: true, problem: null });
    expect(v.checked).toBeGreaterThanOrEqual(6);
  });

  it('refuses the log to a community worker', async () => {
    const worker = await env.user([{ roleKey: 'community_worker', scopePath: '/' }]);
    const r = await worker.get('/api/audit');
    expect(r.statusCode).toBe(403);
    expect(r.json().error.code).toBe('FORBIDDEN');
  });

  it('offers no way to change an entry through the API', async () => {
    const entry = (await auditor.get('/api/audit?action=test.event')).json().items[0];
    const r = await auditor.patch(`/api/audit/${entry.id}`, { detail: {} });
    expect(r.statusCode).toBe(403);
  });

  it('refuses UPDATE and DELETE on the table itself', async () => {
    await expect(sql`UPDATE audit_log SET reason = 'x'`.execute(env.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log`.execute(env.db)).rejects.toThrow(/append-only/);
  });

  it('detects a changed entry and names it', async () => {
    const victim = await env.db.selectFrom('audit_log').select(['seq']).where('action', '=', 'test.event').orderBy('seq').offset(2).limit(1).executeTakeFirstOrThrow();
    await withoutGuards(env, async () => {
      await sql`UPDATE audit_log SET detail = ${'{"i":99}'} WHERE seq = ${victim.seq}`.execute(env.db);
    });
    const r = await verifyChain(env.db, env.keys);
    expect(r).toMatchObject({ ok: false, firstBadSeq: Number(victim.seq), problem: 'hash_mismatch' });
    expect((await auditor.get('/api/audit/verify')).json().ok).toBe(false);
  });

  it('detects a deleted entry', async () => {
    const env2 = await makeTestEnv();
    try {
      for (let i = 0; i < 4; i++) await recordAudit(env2.db, env2.ctx(), { action: 'test.event', detail: { i } });
      const rows = await env2.db.selectFrom('audit_log').select('seq').orderBy('seq').execute();
      await withoutGuards(env2, async () => {
        await sql`DELETE FROM audit_log WHERE seq = ${rows[1].seq}`.execute(env2.db);
      });
      const r = await verifyChain(env2.db, env2.keys);
      expect(r.ok).toBe(false);
      expect(r.firstBadSeq).toBe(Number(rows[2].seq));
    } finally {
      await env2.close();
    }
  });

  it('never stores plain personal data in an entry', async () => {
    await recordAudit(env.db, env.ctx(), { action: 'test.pii', detail: { idNumber: '11010519491231002X', phone: '13800138000', name: '张三' } });
    const row = await env.db.selectFrom('audit_log').select('detail').where('action', '=', 'test.pii').executeTakeFirstOrThrow();
    expect(row.detail).not.toContain('11010519491231002X');
    expect(row.detail).not.toContain('13800138000');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestEnv, TEST_PASSWORD, type TestEnv } from '../../testing/harness.ts';

let env: TestEnv;
beforeAll(async () => { env = await makeTestEnv(); });
afterAll(async () => { await env?.close(); });

describe('sign-in', () => {
  it('locks the account for 15 minutes after 5 failed attempts, even with the right password', async () => {
    await env.user([{ roleKey: 'community_worker', scopePath: '/' }], 'lockme');
    const anon = env.anon();
    for (let i = 1; i <= 4; i++) {
      const r = await anon.post('/api/auth/login', { username: 'lockme', password: 'wrong-Pass-1' });
      expect(r.statusCode).toBe(401);
      expect(r.json().error.code).toBe('BAD_CREDENTIALS');
    }
    const fifth = await anon.post('/api/auth/login', { username: 'lockme', password: 'wrong-Pass-1' });
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().error.code).toBe('ACCOUNT_LOCKED');
    const right = await anon.post('/api/auth/login', { username: 'lockme', password: TEST_PASSWORD });
    expect(right.json().error.code).toBe('ACCOUNT_LOCKED');
    env.clock.advance(16 * 60_000);
    const later = await anon.post('/api/auth/login', { username: 'lockme', password: TEST_PASSWORD });
    expect(later.statusCode).toBe(200);
  });

  it('expires a session after 30 idle minutes', async () => {
    const c = await env.user([{ roleKey: 'community_worker', scopePath: '/' }]);
    expect((await c.get('/api/auth/me')).statusCode).toBe(200);
    env.clock.advance(31 * 60_000);
    const r = await c.get('/api/auth/me');
    expect(r.statusCode).toBe(401);
    expect(r.json().error.code).toBe('SESSION_EXPIRED');
  });

  it('refuses a cookie-authenticated write without the CSRF token', async () => {
    const c = await env.user([{ roleKey: 'community_worker', scopePath: '/' }]);
    const r = await c.post('/api/auth/logout', undefined, { 'x-csrf-token': 'forged' });
    expect(r.statusCode).toBe(403);
    expect(r.json().error.code).toBe('CSRF_INVALID');
  });

  it('answers an anonymous API call with 401 in the caller language', async () => {
    const r = await env.anon().get('/api/auth/me', { 'accept-language': 'en-US' });
    expect(r.statusCode).toBe(401);
    expect(r.json().error.message).toBe('Please sign in');
    expect(r.json().error.zh).toBe('请先登录');
  });

  it('refuses to give one account two of the three administrator roles', async () => {
    const sec = await env.user([{ roleKey: 'security_admin', scopePath: '/' }]);
    const sys = await env.user([{ roleKey: 'system_admin', scopePath: '/' }]);
    const r = await sec.post(`/api/users/${sys.userId}/grants`, { roleKey: 'audit_admin', scopePath: '/' });
    expect(r.statusCode).toBe(409);
    expect(r.json().error.code).toBe('SEPARATION_OF_DUTIES');
  });

  it('accepts an API token as a bearer credential and refuses it once revoked', async () => {
    const c = await env.user([{ roleKey: 'leader', scopePath: '/' }]);
    const t = (await c.post('/api/tokens', { name: 'integration' })).json();
    const viaToken = await env.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${t.token}` } });
    expect(viaToken.statusCode).toBe(200);
    expect((await c.delete(`/api/tokens/${t.id}`)).statusCode).toBe(200);
    const after = await env.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${t.token}` } });
    expect(after.statusCode).toBe(401);
  });

  it('applies a removed grant and a disabled account at once to a caller whose token and session were just used', async () => {
    const security = await env.user([{ roleKey: 'security_admin', scopePath: '/' }]);
    const system = await env.user([{ roleKey: 'system_admin', scopePath: '/' }]);
    const c = await env.user([{ roleKey: 'community_worker', scopePath: '/' }]);
    const t = (await c.post('/api/tokens', { name: 'cached' })).json();
    const viaToken = () => env.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${t.token}` } });
    const me = (await viaToken()).json();
    expect(me.permissions).toContain('incident.report');
    expect((await c.get('/api/auth/me')).json().permissions).toContain('incident.report');

    expect((await security.delete(`/api/grants/${me.user.grants[0].id}`)).statusCode).toBe(200);
    expect((await viaToken()).json().permissions).toEqual([]);
    expect((await c.get('/api/auth/me')).json().permissions).toEqual([]);

    expect((await system.patch(`/api/users/${c.userId}`, { version: me.user.version, disabled: true })).statusCode).toBe(200);
    expect((await viaToken()).json().error.code).toBe('ACCOUNT_DISABLED');
    expect((await c.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('rejects a weak new password with WEAK_PASSWORD', async () => {
    const c = await env.user([{ roleKey: 'leader', scopePath: '/' }]);
    const r = await c.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'abcdefgh' });
    expect(r.json().error.code).toBe('WEAK_PASSWORD');
  });
});

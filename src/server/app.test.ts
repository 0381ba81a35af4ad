import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestEnv, type TestEnv } from './testing/harness.ts';

let env: TestEnv;
beforeAll(async () => { env = await makeTestEnv(); });
afterAll(async () => { await env?.close(); });

describe('the app', () => {
  it('publishes OpenAPI built from the route schemas at /docs/json', async () => {
    const r = await env.app.inject({ method: 'GET', url: '/docs/json' });
    expect(r.statusCode).toBe(200);
    const doc = r.json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const p of ['/api/auth/login', '/api/compounds', '/api/residents/{id}/reveal', '/api/orgs', '/api/five-ones', '/api/imports/{entity}/dry-run', '/api/audit']) {
      expect(Object.keys(doc.paths)).toContain(p);
    }
  });

  it('answers an unknown endpoint with a stable code', async () => {
    const someone = await env.user([{ roleKey: 'leader', scopePath: '/' }]);
    const r = await someone.get('/api/nope');
    expect(r.statusCode).toBe(404);
    expect(r.json().error.code).toBe('ROUTE_NOT_FOUND');
  });

  it('lists every bad field of a request in one validation error, in English when asked', async () => {
    const admin = await env.user([{ roleKey: 'street_admin', scopePath: '/' }]);
    const r = await admin.post('/api/auth/login', { username: '' }, { 'accept-language': 'en' });
    expect(r.statusCode).toBe(400);
    const e = r.json().error;
    expect(e.code).toBe('VALIDATION_FAILED');
    expect(e.fields.map((f: { field: string }) => f.field).sort()).toEqual(['password', 'username']);
    expect(e.message).toMatch(/invalid/);
  });
});

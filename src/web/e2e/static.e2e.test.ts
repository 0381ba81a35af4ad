import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { openDb } from '../../server/db/database.ts';
import { migrateToLatest } from '../../server/db/migrations/index.ts';
import { FakeClock } from '../../server/lib/clock.ts';
import { makeKeyring } from '../../server/lib/crypto.ts';

let app: FastifyInstance;
let root: string;
const HTML = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-webroot-'));
  fs.mkdirSync(path.join(root, 'assets'));
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>共治</title><div id="root"></div>');
  fs.writeFileSync(path.join(root, 'assets', 'main-abc123.js'), 'console.log(1)');
  fs.writeFileSync(path.join(root, 'assets', 'main-abc123.js.br'), zlib.brotliCompressSync('console.log(1)'));
  fs.writeFileSync(path.join(root, '.build-stamp'), '{}');
  fs.writeFileSync(path.join(root, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  const db = openDb({ databaseUrl: null });
  await migrateToLatest(db);
  app = await buildApp({ db, config: loadConfig({}), clock: new FakeClock(), keys: makeKeyring(crypto.randomBytes(32)) }, { webRoot: root });
  await app.ready();
});

afterAll(async () => {
  await app?.close();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('serving the web console', () => {
  it('serves index.html at / and for the SPA routes a browser opens directly, never cached', async () => {
    for (const url of ['/', '/admin/users?region=x', '/registry/compounds/abc']) {
      const r = await app.inject({ method: 'GET', url, headers: HTML });
      expect(r.statusCode, url).toBe(200);
      expect(r.headers['content-type']).toMatch(/text\/html/);
      expect(r.body).toContain('<div id="root">');
      expect(r.headers['cache-control']).toBe('no-cache');
    }
  });

  it('serves hashed assets with a long cache, and hides dot files', async () => {
    const r = await app.inject({ method: 'GET', url: '/assets/main-abc123.js' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['cache-control']).toContain('immutable');
    expect((await app.inject({ method: 'GET', url: '/.build-stamp' })).statusCode).toBe(404);
    // The build writes .br/.gz beside each asset; a browser that accepts them gets the compressed file.
    const br = await app.inject({ method: 'GET', url: '/assets/main-abc123.js', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(zlib.brotliDecompressSync(br.rawPayload).toString()).toBe('console.log(1)');
  });

  it('serves files of a rebuild made while the server runs, and root files such as the icon', async () => {
    fs.writeFileSync(path.join(root, 'assets', 'later-def456.js'), 'console.log(2)');
    const later = await app.inject({ method: 'GET', url: '/assets/later-def456.js' });
    expect(later.statusCode).toBe(200);
    expect(later.body).toBe('console.log(2)');
    const icon = await app.inject({ method: 'GET', url: '/favicon.svg', headers: { accept: 'image/avif,image/*' } });
    expect(icon.statusCode).toBe(200);
    expect(icon.headers['content-type']).toMatch(/svg/);
    expect((await app.inject({ method: 'GET', url: '/assets/gone-000.js' })).statusCode).toBe(404);
  });

  it('answers unknown API paths and non-HTML requests with JSON errors, never the page', async () => {
    // Anonymous callers of /api get 401 before routing, as without the console.
    const api = await app.inject({ method: 'GET', url: '/api/no-such-thing', headers: HTML });
    expect(api.statusCode).toBe(401);
    expect(api.json().error.code).toBe('UNAUTHENTICATED');
    const img = await app.inject({ method: 'GET', url: '/missing.png', headers: { accept: 'image/avif,image/*' } });
    expect(img.statusCode).toBe(404);
    expect(img.json().error.code).toBe('ROUTE_NOT_FOUND');
    expect((await app.inject({ method: 'GET', url: '/api/health', headers: HTML })).json()).toEqual({ ok: true });
  });
});

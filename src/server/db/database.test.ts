import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inTx, openDb } from './database.ts';
import type { Database } from './schema.ts';

// How the embedded database is driven (locks, the one connection, checkpoints): SQLite's own behaviour, so these run
// on SQLite only; the PostgreSQL pass covers the same use cases through every module's tests.
const onSqlite = !process.env.TEST_DATABASE_URL;

describe.runIf(onSqlite)('embedded SQLite file', () => {
  let dir: string;
  let file: string;
  let db: Kysely<Database>;
  const raw = (q: string) => sql.raw(q).execute(db);
  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-db-'));
    file = path.join(dir, 'test.db');
    db = openDb({ databaseUrl: null, sqliteFile: file });
    await raw('CREATE TABLE counter (id INTEGER PRIMARY KEY, n INTEGER NOT NULL, pad TEXT)');
    await raw("INSERT INTO counter (id, n, pad) VALUES (1, 0, '')");
  });
  afterEach(async () => {
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('takes the write lock when a transaction begins, so a transaction that reads first never loses it to another writer', async () => {
    const other = new SQLite(file);
    other.pragma('busy_timeout = 0');
    await inTx(db, async (tx) => {
      await sql`SELECT n FROM counter WHERE id = 1`.execute(tx);
      expect(() => other.exec('BEGIN IMMEDIATE')).toThrow(/locked|busy/i);
      await sql`UPDATE counter SET n = n + 1 WHERE id = 1`.execute(tx);
    });
    other.exec('BEGIN IMMEDIATE');
    other.exec('ROLLBACK');
    other.close();
  });

  it('gives the one connection to concurrent transactions one at a time, in the order they asked', async () => {
    const order: number[] = [];
    await Promise.all(Array.from({ length: 30 }, (_, i) => inTx(db, async (tx) => {
      const { rows } = await sql<{ n: number }>`SELECT n FROM counter WHERE id = 1`.execute(tx);
      await new Promise((r) => setImmediate(r));
      await sql`UPDATE counter SET n = ${rows[0].n + 1} WHERE id = 1`.execute(tx);
      order.push(i);
    })));
    const { rows } = await sql<{ n: number }>`SELECT n FROM counter WHERE id = 1`.execute(db);
    expect(rows[0].n).toBe(30);
    expect(order).toEqual(Array.from({ length: 30 }, (_, i) => i));
  });

  it('tells each of many concurrent transactions of success only once another connection can read what it wrote', async () => {
    const other = new SQLite(file, { readonly: true });
    const seen: boolean[] = [];
    await Promise.all(Array.from({ length: 40 }, (_, i) => inTx(db, async (tx) => {
      await sql`INSERT INTO counter (id, n, pad) VALUES (${i + 2}, ${i}, '')`.execute(tx);
    }).then(() => seen.push(!!other.prepare('SELECT 1 FROM counter WHERE id = ?').get(i + 2)))));
    other.close();
    expect(seen).toHaveLength(40);
    expect(seen.every(Boolean)).toBe(true);
  });

  it('rolls back only the failing transaction of those that commit together, constraint errors included', async () => {
    const results = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => inTx(db, async (tx) => {
      await sql`INSERT INTO counter (id, n, pad) VALUES (${i + 2}, ${i}, '')`.execute(tx);
      if (i === 4) throw new Error('refused by the use case');
      if (i === 7) await sql`INSERT INTO counter (id, n, pad) VALUES (1, 0, 'taken')`.execute(tx);
      await new Promise((r) => setImmediate(r));
      await sql`UPDATE counter SET n = n + 1 WHERE id = 1`.execute(tx);
    })));
    expect(results.map((r) => r.status)).toEqual(results.map((_, i) => (i === 4 || i === 7 ? 'rejected' : 'fulfilled')));
    const { rows } = await sql<{ id: number }>`SELECT id FROM counter ORDER BY id`.execute(db);
    expect(rows.map((r) => r.id)).toEqual([1, 2, 3, 4, 5, 7, 8, 10, 11, 12, 13]);
    const { rows: head } = await sql<{ n: number }>`SELECT n FROM counter WHERE id = 1`.execute(db);
    expect(head[0].n).toBe(10);
  });

  it('fails every transaction of a group whose commit fails, and keeps none of their rows', async () => {
    await raw('CREATE TABLE parent (id INTEGER PRIMARY KEY)');
    await raw('CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED)');
    // A deferred foreign key is checked only at COMMIT: the one way to make a commit itself fail on demand.
    const results = await Promise.allSettled(Array.from({ length: 5 }, (_, i) => inTx(db, async (tx) => {
      await sql`INSERT INTO child (id, parent_id) VALUES (${i}, ${i === 2 ? 99 : null})`.execute(tx);
    })));
    // All five asked for the connection at once, so they share one commit.
    expect(results.map((r) => r.status)).toEqual(Array(5).fill('rejected'));
    const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM child`.execute(db);
    expect(rows[0].n).toBe(0);
    const after = await inTx(db, async (tx) => sql`INSERT INTO child (id, parent_id) VALUES (10, NULL)`.execute(tx));
    expect(Number(after.numAffectedRows)).toBe(1);
  });

  it('leaves the whole database in the file alone once closed, though the worker may close after it', async () => {
    await inTx(db, async (tx) => {
      for (let i = 2; i < 202; i++) await sql`INSERT INTO counter (id, n, pad) VALUES (${i}, 0, ${'y'.repeat(500)})`.execute(tx);
    });
    await db.destroy();
    const copy = path.join(dir, 'copy.db');
    fs.copyFileSync(file, copy);
    const alone = new SQLite(copy, { readonly: true });
    expect(alone.prepare('SELECT count(*) AS n FROM counter').get()).toEqual({ n: 201 });
    alone.close();
    db = openDb({ databaseUrl: null, sqliteFile: file });
  });

  it('copies committed pages into the database file from a worker thread, not in the committing request', async () => {
    const before = fs.statSync(file).size;
    await inTx(db, async (tx) => {
      for (let i = 2; i < 1002; i++) await sql`INSERT INTO counter (id, n, pad) VALUES (${i}, 0, ${'x'.repeat(1000)})`.execute(tx);
    });
    // About 300 pages: far below the connection's own checkpoint threshold, so only the worker can have copied them.
    const { rows } = await sql<{ wal_autocheckpoint: number }>`PRAGMA wal_autocheckpoint`.execute(db);
    expect(rows[0].wal_autocheckpoint).toBeGreaterThan(1000);
    const deadline = Date.now() + 5000;
    while (fs.statSync(file).size < before + 1_000_000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(fs.statSync(file).size).toBeGreaterThan(before + 1_000_000);
  });
});

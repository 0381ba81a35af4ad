// Runs Vitest and ends with the plain line CI reads: "tests: N passed, N failed".
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// --db is the PostgreSQL pass: the browser tests (always on SQLite) already ran in the first pass.
const db = process.argv.includes('--db');
const args = [...process.argv.slice(2).filter((a) => a !== '--db'), ...(db ? ['--exclude', 'src/web/e2e/**'] : [])];
const report = path.join(os.tmpdir(), `gongzhi-vitest-${process.pid}.json`);
const label = process.env.TEST_DATABASE_URL ? 'tests (postgresql)' : 'tests';
const r = spawnSync(
  process.execPath,
  ['node_modules/vitest/vitest.mjs', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...args],
  { stdio: 'inherit', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } },
);
let passed = 0;
let failed = 0;
try {
  const j = JSON.parse(fs.readFileSync(report, 'utf8'));
  passed = j.numPassedTests;
  failed = j.numFailedTests + (j.numRuntimeErrorTestSuites ?? 0);
  fs.rmSync(report, { force: true });
} catch {
  failed = Math.max(failed, 1);
}
if (r.status !== 0 && failed === 0) failed = 1;
console.log(`${label}: ${passed} passed, ${failed} failed`);
process.exit(r.status === 0 && failed === 0 ? 0 : 1);

// Builds the web console (src/web → web-dist/) with Vite when the build is missing or stale, then prints the gzip size of
// every chunk, of what the login route loads and of what a resident's public page (/p/..., its own entry) loads. `--force` always builds. Used by `npm run build`, `npm start` and the
// browser tests (src/web/e2e/browser.ts), which may run in parallel: a lock directory makes them build one at a time.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';

const ROOT = path.resolve(import.meta.dirname, '..');
const OUT = path.join(ROOT, 'web-dist');
const STAMP = path.join(OUT, '.build-stamp');
/** Inputs of the build; a newer file than the stamp means stale. Browser tests and unit tests are not inputs. */
const INPUTS = ['src/web', 'src/shared', 'vite.config.ts', 'scripts/build-web.mjs'];
const LOCK = path.join(os.tmpdir(), `gongzhi-web-build-${crypto.createHash('sha1').update(ROOT).digest('hex').slice(0, 10)}.lock`);
/** The login page module, as the Vite manifest names it (relative to src/web). */
const LOGIN_MODULE = 'features/accounts/LoginPage.tsx';
/** The login route's budget of gzipped JavaScript. */
const LOGIN_BUDGET = 400 * 1024;
/** The pages of the build, one per entry: the console and the residents' public pages (served for /p/...). */
const HTML_PAGES = ['index.html', 'public.html'];
/** The public pages' budget of gzipped JavaScript (a first visit on a weak phone signal); React 19 and react-dom are 66 kB of it. */
const PUBLIC_BUDGET = 80 * 1024;

function lockfileHash() {
  const f = path.join(ROOT, 'package-lock.json');
  return fs.existsSync(f) ? crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex') : 'none';
}

function isInput(rel) {
  return !/(^|\/)e2e(\/|$)/.test(rel) && !/\.test\.tsx?$/.test(rel) && !/(^|\/)node_modules(\/|$)/.test(rel);
}

function newestInput(abs, rel = '') {
  let st;
  try {
    st = fs.statSync(abs);
  } catch {
    return { mtime: 0, file: null };
  }
  if (!st.isDirectory()) return isInput(rel) ? { mtime: st.mtimeMs, file: rel } : { mtime: 0, file: null };
  let best = { mtime: 0, file: null };
  for (const name of fs.readdirSync(abs)) {
    const r = newestInput(path.join(abs, name), rel ? `${rel}/${name}` : name);
    if (r.mtime > best.mtime) best = r;
  }
  return best;
}

/** Why the build must run, or null when web-dist/ is up to date. */
export function staleReason() {
  if (!fs.existsSync(STAMP)) return 'no build yet';
  const missing = HTML_PAGES.find((p) => !fs.existsSync(path.join(OUT, p)));
  if (missing) return `no ${missing} yet`;
  let stamp;
  try {
    stamp = JSON.parse(fs.readFileSync(STAMP, 'utf8'));
  } catch {
    return 'unreadable build stamp';
  }
  if (stamp.lockHash !== lockfileHash()) return 'package-lock.json changed';
  const stampTime = fs.statSync(STAMP).mtimeMs;
  for (const input of INPUTS) {
    const n = newestInput(path.join(ROOT, input), input);
    if (n.mtime > stampTime) return `${n.file} changed`;
  }
  return null;
}

function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

async function withLock(fn) {
  for (let waited = 0; ; waited += 250) {
    try {
      fs.mkdirSync(LOCK);
      break;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      // A lock older than 5 minutes belongs to a build that died.
      const age = Date.now() - fs.statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs;
      if (age > 5 * 60_000) fs.rmSync(LOCK, { recursive: true, force: true });
      if (waited > 10 * 60_000) throw new Error(`web build lock ${LOCK} held for over 10 minutes`);
      await sleep(250);
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(LOCK, { recursive: true, force: true });
  }
}

/** Writes .br and .gz beside every asset, which the server sends as they are (@fastify/static preCompressed). */
function compressAssets(dir) {
  for (const name of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
    if (!/\.(js|css|svg|json)$/.test(name)) continue;
    const buf = fs.readFileSync(path.join(dir, name));
    fs.writeFileSync(path.join(dir, `${name}.gz`), zlib.gzipSync(buf, { level: 9 }));
    fs.writeFileSync(path.join(dir, `${name}.br`), zlib.brotliCompressSync(buf, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buf.length } }));
  }
}

/** Copies a finished build into web-dist/, each file through a temporary name and a rename, the HTML pages last. */
function publish(from) {
  const names = new Set();
  const copy = (rel) => {
    const dest = path.join(OUT, rel);
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    const part = `${dest}.part-${process.pid}`;
    fs.copyFileSync(path.join(from, rel), part);
    fs.renameSync(part, dest);
    names.add(rel);
  };
  const walk = (rel) => {
    for (const e of fs.readdirSync(path.join(from, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(r);
      else if (!HTML_PAGES.includes(r)) copy(r);
    }
  };
  fs.mkdirSync(OUT, { recursive: true });
  walk('');
  for (const p of HTML_PAGES) copy(p);
  return names;
}

/** Removes assets of earlier builds once they are an hour old (open pages of the previous build keep working meanwhile). */
function prune(keep) {
  const dir = path.join(OUT, 'assets');
  const cutoff = Date.now() - 60 * 60_000;
  for (const name of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
    const file = path.join(dir, name);
    if (!keep.has(`assets/${name}`) && fs.statSync(file).mtimeMs < cutoff) fs.rmSync(file, { force: true });
  }
}

function kb(n) {
  return `${(n / 1024).toFixed(1)} kB`;
}

/** Per-chunk sizes, the login route's total and the public pages' total, from the Vite manifest. */
function report(manifest) {
  const size = new Map();
  const sizeOf = (file) => {
    if (!size.has(file)) {
      const buf = fs.readFileSync(path.join(OUT, file));
      const br = fs.statSync(path.join(OUT, `${file}.br`), { throwIfNoEntry: false })?.size ?? null;
      size.set(file, { raw: buf.length, gzip: zlib.gzipSync(buf, { level: 9 }).length, br });
    }
    return size.get(file);
  };
  const lines = [];
  const chunks = Object.values(manifest).filter((c) => c.file.endsWith('.js'));
  const rows = [...new Set(chunks.map((c) => c.file))].map((file) => ({ file, ...sizeOf(file) })).sort((a, b) => b.gzip - a.gzip);
  lines.push('web chunks (raw / gzip):');
  for (const r of rows) lines.push(`  ${r.file.padEnd(48)} ${kb(r.raw).padStart(10)} ${kb(r.gzip).padStart(10)}`);
  lines.push(`  ${'all JavaScript'.padEnd(48)} ${kb(rows.reduce((s, r) => s + r.raw, 0)).padStart(10)} ${kb(rows.reduce((s, r) => s + r.gzip, 0)).padStart(10)}`);

  const closure = (key, acc) => {
    if (!key || !(key in manifest) || acc.has(key)) return acc;
    acc.add(key);
    for (const i of manifest[key].imports ?? []) closure(i, acc);
    return acc;
  };
  // The JavaScript files an HTML page loads at once: its entry's static imports and whatever the page references.
  const pageFiles = (page) => {
    const html = fs.readFileSync(path.join(OUT, page), 'utf8');
    const referenced = [...html.matchAll(/<(?:script|link)[^>]+(?:src|href)="\/([^"]+\.js)"/g)].map((m) => m[1]);
    return { keys: closure(page, new Set()), referenced };
  };
  const gzipOf = (files) => [...new Set(files)].reduce((s, f) => s + sizeOf(f).gzip, 0);

  // What the browser fetches for /login: the console entry, the chunks index.html preloads, and the lazily loaded
  // login page with its own static imports.
  const consolePage = pageFiles('index.html');
  const entryGzip = gzipOf([...consolePage.keys].map((k) => manifest[k].file).concat(consolePage.referenced));
  const loginKeys = closure(LOGIN_MODULE, new Set(consolePage.keys));
  const loginGzip = gzipOf([...loginKeys].map((k) => manifest[k].file).concat(consolePage.referenced));
  lines.push(`entry + preloaded by index.html: ${kb(entryGzip)} gzip (${consolePage.referenced.length} file(s) referenced by index.html)`);
  lines.push(`login route total (entry + preloads + login page chunk): ${kb(loginGzip)} gzip of JavaScript — budget ${kb(LOGIN_BUDGET)}: ${loginGzip <= LOGIN_BUDGET ? 'OK' : 'OVER BUDGET'}`);

  // What a resident's phone fetches for /p/<id>: public.html's entry and its static imports (no lazy chunks).
  const publicPage = pageFiles('public.html');
  const publicFiles = [...new Set([...publicPage.keys].map((k) => manifest[k].file).concat(publicPage.referenced))].filter((f) => f.endsWith('.js'));
  const publicGzip = gzipOf(publicFiles);
  lines.push(`public pages (/p/..., public.html): ${publicFiles.map((f) => `${f} ${kb(sizeOf(f).gzip)}`).join(', ')}`);
  const publicBr = publicFiles.reduce((s, f) => s + (sizeOf(f).br ?? sizeOf(f).gzip), 0);
  lines.push(`public pages total: ${kb(publicGzip)} gzip of JavaScript (${kb(publicBr)} as served with brotli) — budget ${kb(PUBLIC_BUDGET)} gzip: ${publicGzip <= PUBLIC_BUDGET ? 'OK' : 'OVER BUDGET'}`);
  return { text: lines.join('\n'), loginGzip, publicGzip };
}

/** Builds when stale (or always with force); resolves to what happened. */
export async function ensureWebBuilt({ force = false, log = console.log } = {}) {
  const before = force ? 'forced' : staleReason();
  if (!before) return { built: false, reason: null };
  return withLock(async () => {
    const reason = force ? 'forced' : staleReason();
    if (!reason) return { built: false, reason: null }; // another process built it while we waited
    let vite;
    try {
      vite = await import('vite');
    } catch {
      throw new Error('vite is not installed (it is a devDependency): run `npm install` to build the web console');
    }
    // Test runners set NODE_ENV=test, which would give React's and antd's development builds; the console ships production code.
    process.env.NODE_ENV = 'production';
    log(`building the web console (${reason}) …`);
    const t0 = Date.now();
    // Build aside, then publish into web-dist/ without emptying it: a server (or a test) running meanwhile keeps
    // serving, and pages already open can still load the chunks of the build they started with.
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-web-'));
    try {
      await vite.build({ configFile: path.join(ROOT, 'vite.config.ts'), logLevel: 'warn', mode: 'production', build: { outDir: tmp, emptyOutDir: true } });
      const manifest = JSON.parse(fs.readFileSync(path.join(tmp, '.vite', 'manifest.json'), 'utf8'));
      fs.rmSync(path.join(tmp, '.vite'), { recursive: true, force: true }); // not for serving
      compressAssets(path.join(tmp, 'assets'));
      const published = publish(tmp);
      prune(published);
      const r = report(manifest);
      fs.writeFileSync(STAMP, JSON.stringify({ builtAt: new Date().toISOString(), lockHash: lockfileHash(), loginGzip: r.loginGzip, publicGzip: r.publicGzip }) + '\n');
      log(`built web-dist/ in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      log(r.text);
      return { built: true, reason, loginGzip: r.loginGzip, publicGzip: r.publicGzip };
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const force = process.argv.includes('--force');
  ensureWebBuilt({ force }).then(
    (r) => {
      if (!r.built) console.log('web console is up to date (web-dist/)');
    },
    (e) => {
      console.error(`web build failed: ${e.message ?? e}`);
      // `npm start` without devDependencies still serves an earlier build and the API.
      const canServe = fs.existsSync(path.join(OUT, 'index.html')) && /not installed/.test(String(e.message));
      process.exit(canServe ? 0 : 1);
    },
  );
}

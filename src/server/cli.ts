import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { ConfigError } from './config.ts';
import { DomainError, messageFor } from '../shared/errors.ts';
import { buildApp } from './app.ts';
import { migrator } from './db/migrations/index.ts';
import { openRuntime, sqliteFileOf } from './runtime.ts';
import { bootstrapAdmins, SYSTEM_ACTOR } from './modules/accounts/index.ts';
import { verifyChain } from './modules/audit/index.ts';
import { ensurePresets } from './modules/methods/index.ts';
import * as demo from './modules/demo/index.ts';
import * as transfer from './modules/transfer/index.ts';
import { runEscalations } from './modules/escalation/index.ts';

const HELP = `gongzhi <command> [options]

  serve                       start the server (PORT, HOST, DATA_DIR, DATABASE_URL, GONGZHI_PII_KEY; see .env.example)
  migrate [--down]            apply pending migrations (or undo the last one)
  seed --demo                 load the demo city into an EMPTY database (refuses a non-empty one)
  import <entity> <file> [--commit]
                              dry-run (default) or commit an import; entity: compounds | households | residents
  export <entity> <file.xlsx> [key=value …]
                              export a list, masked; entity: compounds | residents | households (needs compoundId=…)
  backup <file>               online backup of the SQLite database to a file
  audit-verify                check the audit log's hash chain; exit code 1 when an entry was changed or deleted
`;

function printAccounts(accounts: { username: string; role: string; password: string }[]): void {
  console.log('\n=== 初始账号（密码仅显示这一次，请立即登录修改）/ initial accounts, passwords shown ONCE ===');
  for (const a of accounts) console.log(`  ${a.username.padEnd(16)} ${a.role.padEnd(20)} ${a.password}`);
  console.log('===\n');
}

async function serve(): Promise<void> {
  const rt = await openRuntime();
  const admins = await bootstrapAdmins(rt.db, rt);
  if (admins) printAccounts(admins);
  await ensurePresets(rt.db, rt.clock);
  if ((process.env.GONGZHI_DEMO ?? 'auto') !== 'off' && (await demo.registryEmpty(rt.db))) {
    console.log('first start on an empty database: loading the demo city (about half a minute) / 首次启动：正在载入演示数据（约半分钟）…');
    const loaded = await demo.loadDemoIfEmpty(rt.db, rt);
    if (loaded) {
      console.log(`demo data loaded / 已载入演示数据: ${loaded.summary}`);
      printAccounts(loaded.accounts);
    }
  }
  const app = await buildApp(rt, { logger: { level: rt.config.logLevel } });
  // The escalation ladder's automatic rule: overdue incidents rise every few minutes (safe with several instances).
  const escalationMs = Number(process.env.GONGZHI_ESCALATION_MINUTES ?? 5) * 60_000;
  let escalating = false;
  const escalationTimer = escalationMs > 0 ? setInterval(() => {
    if (escalating) return;
    escalating = true;
    runEscalations(rt.db, { actor: SYSTEM_ACTOR, keys: rt.keys, clock: rt.clock }, rt.clock.now())
      .then((r) => { if (r.risen.length) app.log.info({ risen: r.risen.length, checked: r.checked }, 'incidents escalated'); })
      .catch((e: unknown) => app.log.error(e, 'escalation run failed'))
      .finally(() => { escalating = false; });
  }, escalationMs) : null;
  escalationTimer?.unref();
  const close = async () => {
    if (escalationTimer) clearInterval(escalationTimer);
    await app.close();
    await rt.close();
    process.exit(0);
  };
  process.on('SIGINT', close);
  process.on('SIGTERM', close);
  await app.listen({ port: rt.config.port, host: rt.config.host });
  const shown = rt.config.host === '0.0.0.0' ? 'localhost' : rt.config.host;
  console.log(`Gongzhi 共治 is serving on http://${shown}:${rt.config.port}  (API docs: /docs; database: ${rt.config.databaseUrl ? 'PostgreSQL' : sqliteFileOf(rt.config)})`);
}

async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  const flag = (f: string) => rest.includes(f);
  const args = rest.filter((a) => !a.startsWith('--'));
  switch (cmd) {
    case 'serve':
      await serve();
      return -1;
    case 'migrate': {
      const rt = await openRuntime(process.env, { migrate: !flag('--down') });
      if (flag('--down')) {
        const r = await migrator(rt.db).migrateDown();
        if (r.error) throw r.error;
        console.log(`undone / 已回退: ${r.results?.map((x) => x.migrationName).join(', ') || '(nothing)'}`);
      } else console.log('database is up to date / 数据库已是最新');
      await rt.close();
      return 0;
    }
    case 'seed': {
      if (!flag('--demo')) { console.error('usage: gongzhi seed --demo'); return 2; }
      const rt = await openRuntime();
      await bootstrapAdmins(rt.db, rt);
      const r = await demo.loadDemoIfEmpty(rt.db, rt);
      await rt.close();
      if (!r) { console.error('the database already holds registry data; demo data is only loaded into an empty database / 数据库非空，未载入演示数据'); return 1; }
      console.log(`demo data loaded / 已载入演示数据: ${r.summary}`);
      printAccounts(r.accounts);
      return 0;
    }
    case 'import': {
      const [entity, file] = args;
      if (!entity || !file) { console.error('usage: gongzhi import <compounds|households|residents> <file> [--commit]'); return 2; }
      const rt = await openRuntime();
      const buf = fs.readFileSync(file);
      const ctx = { actor: SYSTEM_ACTOR, keys: rt.keys, clock: rt.clock };
      try {
        if (flag('--commit')) {
          const r = await transfer.commitImport(rt.db, ctx, entity as never, buf, path.basename(file));
          console.log(`written / 已写入: ${JSON.stringify(r)}`);
        } else {
          const r = await transfer.dryRunImport(rt.db, ctx, entity as never, buf, path.basename(file));
          console.log(`rows ${r.rows}, valid ${r.valid}, problems ${r.problems.length}`);
          for (const p of r.problems.slice(0, 200)) console.log(`  ${p.sheet} 第${p.row}行 [${p.column}] ${p.value ?? ''}: ${p.zh} / ${p.en}`);
          if (r.problems.length) { await rt.close(); return 1; }
        }
      } finally {
        await rt.close().catch(() => undefined);
      }
      return 0;
    }
    case 'export': {
      const [entity, file] = args;
      if (!entity || !file) { console.error('usage: gongzhi export <compounds|households|residents> <file.xlsx>'); return 2; }
      const rt = await openRuntime();
      const out = fs.createWriteStream(file);
      const filter = Object.fromEntries(args.slice(2).map((a) => a.split('=', 2)).filter((kv) => kv.length === 2));
      const r = await transfer.exportToXlsx(rt.db, { actor: SYSTEM_ACTOR, keys: rt.keys, clock: rt.clock }, entity as never, filter, out);
      await rt.close();
      console.log(`exported / 已导出 ${JSON.stringify(r)} → ${file}`);
      return 0;
    }
    case 'backup': {
      const [file] = args;
      if (!file) { console.error('usage: gongzhi backup <file>'); return 2; }
      const rt = await openRuntime(process.env, { migrate: false });
      if (rt.config.databaseUrl) { console.error('backup copies the embedded SQLite database; on PostgreSQL use pg_dump'); await rt.close(); return 2; }
      await rt.close();
      const src = new SQLite(sqliteFileOf(rt.config), { readonly: true });
      await src.backup(file);
      src.close();
      console.log(`backup written / 备份完成: ${file} (${fs.statSync(file).size} bytes)`);
      return 0;
    }
    case 'audit-verify': {
      const rt = await openRuntime(process.env, { migrate: false });
      const r = await verifyChain(rt.db, rt.keys);
      await rt.close();
      if (r.ok) { console.log(`audit chain intact / 审计链完整: ${r.checked} entries`); return 0; }
      console.log(`AUDIT CHAIN BROKEN / 审计链被篡改: entry seq ${r.firstBadSeq} (${r.problem}); ${r.checked} entries verified before it`);
      return 1;
    }
    default:
      console.log(HELP);
      return cmd ? 2 : 0;
  }
}

main(process.argv.slice(2)).then(
  (code) => { if (code >= 0) process.exit(code); },
  (err) => {
    if (err instanceof ConfigError) { console.error(err.message); process.exit(78); }
    if (err instanceof DomainError) {
      const m = messageFor(err.code, err.params);
      console.error(`${err.code}: ${m.zh} / ${m.en}`);
      for (const f of err.fields) console.error(`  ${f.field}: ${f.zh} / ${f.en}`);
      process.exit(1);
    }
    console.error(err);
    process.exit(1);
  },
);

import SQLite from 'better-sqlite3';
import { caseDay, caseNumber, CATEGORIES_V1 } from '../../src/server/modules/incidents/index.ts';
import { Dice, rng } from '../../src/server/modules/demo/demo-city.ts';

/** What the bulk writer needs to know about the demo city and the people the benchmark acts as. */
export interface CityRefs {
  /** The grid worker the benchmark signs in as, and their grid: they report and verify its incidents. */
  gridWorker: { userId: string; name: string; gridId: string };
}

/** What the fixture holds, for picking targets. */
export interface IncidentFixture {
  incidents: number;
  events: number;
  /** The instant the year of reports ends at. */
  now: string;
}

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const MINORS = CATEGORIES_V1.filter((c) => c.code.length === 4);
// How often each 小类 is reported: stairwell clutter, rubbish and street trading lead, emergencies are rare.
const WEIGHT: Record<string, number> = { '0102': 14, '0106': 12, '0502': 9, '0104': 8, '0105': 6, '0201': 8, '0107': 4, '0505': 5, '0101': 4, '0108': 2, '0301': 3, '0303': 2, '0401': 1, '0403': 1, '0404': 1, '0601': 3 };
const WORKING = 1.4;

function deadlineMs(code: string): number {
  const d = MINORS.find((c) => c.code === code)!.deadline!;
  switch (d.unit) {
    case 'natural_hours': return d.amount * HOUR;
    case 'natural_days': return d.amount * DAY;
    case 'working_hours': return (d.amount / 8) * DAY * WORKING;
    default: return d.amount * DAY * WORKING;
  }
}

// Step time limits of the closed-loop preset, roughly (working hours counted as natural ones here).
const STAGE_DUE: Record<string, number> = {
  reported: HOUR, accepted: HOUR, registered: HOUR, returned: HOUR, dispatched: HOUR, extension_requested: DAY, suspension_requested: DAY,
  feedback: HOUR, verifying: 2 * HOUR, confirming: 3 * DAY, confirmed: DAY,
};
const TERMINAL = new Set(['closed', 'closed_unfixed', 'invalid', 'cancelled']);

/** Time-ordered UUID-shaped ids, so the bulk insert appends to the primary-key B-trees instead of scattering. */
function seqId(ms: number, n: number): string {
  const h = Math.floor(ms).toString(16).padStart(12, '0') + n.toString(16).padStart(20, '0');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-7${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

interface Step { event: string; from: string | null; to: string; at: number; input: string }

/**
 * Writes `count` incidents over the year before `now` straight into a migrated SQLite file holding the demo city: each
 * with its closed-loop instance, full timeline and parties, spread over the compounds (one in ten on a street outside
 * any compound), with a realistic mix: a quarter of patrol finds solved on the spot, a few invalid, merged or cancelled,
 * returns, reworks, suspensions, reporters confirming, and the cases of the last weeks still on their way. Raw SQL in
 * transactions of 20,000 incidents on purpose: it is a benchmark fixture, not app code.
 */
export function buildIncidents(file: string, refs: CityRefs, count: number, now: number): IncidentFixture {
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -1000000');
  // Rows are written parents first and consistent by construction; checking each reference would only slow the load.
  db.pragma('foreign_keys = OFF');
  const d = new Dice(rng(20261127));
  const template = db.prepare(`SELECT id, version FROM method_template WHERE key = 'closed_loop' AND status = 'published' ORDER BY version DESC LIMIT 1`).get() as { id: string; version: number };
  const set = db.prepare(`SELECT id, version FROM incident_category_set WHERE status = 'published' ORDER BY version DESC LIMIT 1`).get() as { id: string; version: number };
  const compounds = db.prepare('SELECT c.id, c.community_id AS communityId, c.grid_id AS gridId, c.scope_path AS path, c.lat, c.lng FROM compound c ORDER BY c.id').all() as
    { id: string; communityId: string; gridId: string | null; path: string; lat: number | null; lng: number | null }[];
  const communities = new Map((db.prepare(`SELECT id, name, scope_path AS path FROM region WHERE level = 'community'`).all() as { id: string; name: string; path: string }[]).map((r) => [r.id, r]));
  const property = new Map((db.prepare(`SELECT compound_id AS compoundId, id, name FROM org WHERE type = 'property_company'`).all() as { compoundId: string; id: string; name: string }[]).map((r) => [r.compoundId, r]));
  const communityList = [...communities.values()];
  const gridsOf = new Map<string, string[]>();
  for (const g of db.prepare('SELECT id, community_id AS communityId FROM grid ORDER BY id').all() as { id: string; communityId: string }[]) gridsOf.set(g.communityId, [...(gridsOf.get(g.communityId) ?? []), g.id]);
  const weights: [string, number][] = MINORS.map((c) => [c.code, WEIGHT[c.code] ?? 1]);
  const totalWeight = weights.reduce((s, [, w]) => s + w, 0);
  const pickCategory = () => {
    let r = d.next() * totalWeight;
    for (const [c, w] of weights) if ((r -= w) <= 0) return c;
    return weights[0][0];
  };
  const cols = ['id', 'category_set_id', 'category_version', 'category_code', 'major_code', 'urgency', 'description', 'address', 'lat', 'lng', 'community_id',
    'compound_id', 'grid_id', 'scope_path', 'source_channel', 'external_order_no', 'reporter_kind', 'reporter_user_id', 'reporter_display', 'reporter_name_enc',
    'reporter_name_mask', 'reporter_phone_enc', 'reporter_phone_mask', 'reporter_token_hash', 'needs_confirmation', 'instance_id', 'template_id', 'instance_version',
    'stage', 'stage_due_at', 'outcome', 'handler_kind', 'handler_id', 'handler_name', 'possible_duplicate', 'duplicate_candidates', 'duplicate_of', 'deadline_at',
    'original_deadline_at', 'pending_until', 'rework_count', 'return_count', 'extension_count', 'feedback_count', 'suspended_at', 'satisfaction', 'reported_at',
    'accepted_at', 'registered_at', 'first_dispatched_at', 'dispatched_at', 'signed_at', 'feedback_at', 'verified_at', 'confirmed_at', 'closed_at', 'ended_at',
    'version', 'created_at', 'updated_at', 'created_by', 'case_no'];
  const insIncident = db.prepare(`INSERT INTO incident (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
  const insInstance = db.prepare(`INSERT INTO method_instance (id, template_id, template_key, template_version, subject_type, subject_id, stage, stage_entered_at, due_at,
    terminal, closed_at, relations, counters, scope_path, version, created_at, updated_at, created_by) VALUES (?, ?, 'closed_loop', ?, 'incident', ?, ?, ?, ?, ?, ?, '{}', ?, ?, ?, ?, ?, ?)`);
  const insEvent = db.prepare(`INSERT INTO method_event (id, instance_id, seq, event, from_stage, to_stage, actor_id, actor_name, at, input, comment, attachments, old_due_at, new_due_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, '[]', NULL, NULL)`);
  const insParty = db.prepare('INSERT INTO incident_party (incident_id, role, party_id, stage) VALUES (?, ?, ?, ?)');
  // Case numbers go on from each day's counter (the demo's own reports already took some), in report order as the app gives them.
  const perDay = new Map((db.prepare('SELECT day, n FROM incident_counter').all() as { day: string; n: number }[]).map((r) => [r.day, r.n]));
  const nextCaseNo = (ms: number) => {
    const day = caseDay(new Date(ms));
    const k = (perDay.get(day) ?? 0) + 1;
    perDay.set(day, k);
    return caseNumber(day, k);
  };
  const iso = (ms: number) => new Date(ms).toISOString();
  const start = now - 365 * DAY;
  let n = 0;
  let events = 0;
  let lastId: string | null = null;

  const one = (i: number) => {
    const reported = start + ((i + d.next()) / count) * 365 * DAY;
    const c = d.chance(0.9) ? compounds[Math.floor(d.next() * compounds.length)] : null;
    const community = c ? communities.get(c.communityId)! : communityList[Math.floor(d.next() * communityList.length)];
    const grids = gridsOf.get(community.id) ?? [];
    const gridId = c?.gridId ?? (grids.length ? grids[Math.floor(d.next() * grids.length)] : null);
    const path = c?.path ?? community.path;
    const code = pickCategory();
    const minor = MINORS.find((m) => m.code === code)!;
    const channel = d.weighted({ patrol: 55, resident: 20, hotline: 15, staff: 10 });
    const mine = gridId === refs.gridWorker.gridId;
    const worker = mine ? `user:${refs.gridWorker.userId}` : `user:grid-${gridId ?? community.id}`;
    const reporterParty = channel === 'resident' ? 'token' : channel === 'patrol' ? worker : `user:desk-${community.id}`;
    const confirming = channel === 'resident' || channel === 'hotline';
    const id = seqId(reported, ++n);
    const steps: Step[] = [{ event: 'start', from: null, to: 'drafted', at: reported, input: '{}' }];
    let t = reported;
    let stage = 'drafted';
    const go = (event: string, to: string, gapHours: number, input = '{}') => {
      t += gapHours * HOUR;
      steps.push({ event, from: stage, to, at: t, input });
      stage = to;
    };
    const u = (a: number, b: number) => a + d.next() * (b - a);
    let handler: { kind: 'org' | 'community'; id: string; name: string } | null = null;
    let deadline: number | null = null;
    let duplicateOf: string | null = null;
    if (channel === 'patrol' && d.chance(0.25)) go('self_handle', 'closed', 0, '{"result":"已现场处置","photos":[]}');
    else {
      go('report', 'reported', 0);
      const r = d.next();
      if (r < 0.03) go('invalidate', 'invalid', u(0.3, 3), '{"reason":"不属于受理范围"}');
      else if (r < 0.04 && lastId) { duplicateOf = lastId; go('merge', 'invalid', u(0.3, 3), JSON.stringify({ duplicate_of: lastId })); }
      else {
        go('accept', 'accepted', u(0.1, 2));
        if (d.chance(0.01)) go('cancel', 'cancelled', u(1, 24), '{"reason":"重复登记"}');
        else {
          go('register', 'registered', u(0.1, 1));
          deadline = t + deadlineMs(code);
          const prop = c ? property.get(c.id) : undefined;
          handler = prop && d.chance(0.5) ? { kind: 'org', id: prop.id, name: prop.name } : { kind: 'community', id: community.id, name: community.name };
          go('dispatch', 'dispatched', u(0.1, 2));
          if (d.chance(0.03)) {
            go('return', 'returned', u(1, 8), '{"reason":"非本单位职责"}');
            handler = { kind: 'community', id: community.id, name: community.name };
            go('dispatch', 'dispatched', u(0.5, 4));
          }
          go('sign', 'signed', u(0.3, 4));
          if (d.chance(0.005)) {
            go('request_suspension', 'suspension_requested', u(2, 24), '{"reason":"需专项资金"}');
            go('approve_suspension', 'suspended', u(2, 24));
            go('close_unfixed', 'closed_unfixed', u(60, 150) * 24, '{"reason":"资金未落实"}');
          } else {
            const rounds = d.chance(0.06) ? 2 : 1;
            for (let k = 0; k < rounds; k++) {
              if (k > 0) { go('sign', 'signed', u(0.5, 6)); }
              go('handle', 'handling', u(0.1, 2));
              const due = (deadline - t) / HOUR;
              go('feedback', 'feedback', Math.max(0.2, due * u(0.2, 1.3)), '{"result":"已处置","photos":[]}');
              go('forward', 'verifying', u(0.2, 3));
              if (k + 1 < rounds) go('fail', 'dispatched', u(2, 24), '{"reason":"核查未整改到位"}');
            }
            if (d.chance(0.02)) go('close_unfixed', 'closed_unfixed', u(2, 48), '{"reason":"客观条件不具备"}');
            else if (confirming) {
              go('pass', 'confirming', u(1, 24));
              if (d.chance(0.45)) { go('confirm', 'confirmed', u(2, 60), `{"satisfaction":${d.int(3, 5)}}`); go('close', 'closed', u(1, 24)); }
              else go('close', 'closed', 72 + u(1, 24));
            } else go('close', 'closed', u(1, 24));
          }
        }
      }
    }
    lastId = id;
    // The year ends now: keep what has happened by then.
    const done = steps.filter((s) => s.at <= now);
    const last = done[done.length - 1];
    const cur = last.to;
    const at = (ev: string, which: 'first' | 'last' = 'last') => {
      const xs = done.filter((s) => s.event === ev);
      const s = which === 'first' ? xs[0] : xs[xs.length - 1];
      return s ? iso(s.at) : null;
    };
    const counts = { rework: done.filter((s) => s.event === 'fail').length, return: done.filter((s) => s.event === 'return').length, feedback: done.filter((s) => s.event === 'feedback').length, suspension: done.filter((s) => s.event === 'approve_suspension').length };
    const terminal = TERMINAL.has(cur);
    const outcome = terminal ? (cur === 'closed' && last.event === 'self_handle' ? 'self_handled' : cur) : null;
    const stageDue = !terminal && STAGE_DUE[cur] ? iso(last.at + STAGE_DUE[cur]) : null;
    const registered = at('register');
    const dispatched = at('dispatch');
    const ended = terminal ? iso(last.at) : null;
    const closed = outcome === 'closed' || outcome === 'closed_unfixed' || outcome === 'self_handled' ? ended : null;
    const verified = [...done].reverse().find((s) => s.event === 'pass' || s.event === 'close' || s.event === 'fail');
    const confirm = done.find((s) => s.event === 'confirm');
    const h = dispatched ? handler : null;
    const display = channel === 'patrol' ? (mine ? refs.gridWorker.name : '网格员') : channel === 'resident' ? null : '社区工作人员';
    const lat = c?.lat != null ? c.lat + (d.next() - 0.5) * 0.002 : null;
    const lng = c?.lng != null ? c.lng + (d.next() - 0.5) * 0.002 : null;
    insInstance.run(id, template.id, template.version, id, cur, iso(last.at), stageDue, terminal ? 1 : 0, terminal ? iso(last.at) : null,
      JSON.stringify(counts), path, done.length, iso(reported), iso(last.at), null);
    insIncident.run(
      id, set.id, set.version, code, code.slice(0, 2), minor.urgency!, `${minor.name.zh}：${c ? '小区内' : '街面'}发现，请处理`, c ? `${d.int(1, 12)}栋附近` : '路口', lat, lng, community.id,
      c?.id ?? null, gridId, path, channel, channel === 'hotline' ? `12345-${n}` : null, channel === 'resident' ? 'anonymous' : 'user',
      channel === 'patrol' && mine ? refs.gridWorker.userId : null, display, null, channel === 'hotline' ? '张*' : null, null, channel === 'hotline' ? '138****0000' : null,
      channel === 'resident' ? 'bench-token-hash' : null, confirming && last.event !== 'self_handle' ? 1 : 0, id, template.id, done.length,
      cur, stageDue, outcome, h?.kind ?? null, h?.id ?? null, h?.name ?? null, 0, '[]', duplicateOf, registered ? iso(deadline!) : null,
      registered ? iso(deadline!) : null, null, counts.rework, counts.return, 0, counts.feedback, cur === 'suspended' ? at('approve_suspension') : null,
      confirm ? Number(JSON.parse(confirm.input).satisfaction) : null, iso(reported), at('accept'), registered, at('dispatch', 'first'), dispatched, at('sign'),
      at('feedback'), verified ? iso(verified.at) : null, confirm ? iso(confirm.at) : null, closed, ended, done.length - 1, iso(reported), iso(last.at), null,
      nextCaseNo(reported),
    );
    done.forEach((s, k) => insEvent.run(seqId(reported, n * 32 + k), id, k + 1, s.event, s.from, s.to, null, s.event === 'start' || s.event === 'report' ? (display ?? '反映人') : '工作人员', iso(s.at), s.input));
    events += done.length;
    const openStage = terminal ? null : cur;
    insParty.run(id, 'reporter', reporterParty, openStage);
    if (registered) insParty.run(id, 'verifier', worker, openStage);
    if (h) insParty.run(id, 'assignee', h.kind === 'org' ? `org:${h.id}` : `path:${community.path}`, openStage);
  };
  // Secondary indexes are dropped for the load and built again after it: sorting once beats a million scattered inserts.
  const indexes = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('incident', 'incident_party', 'method_instance', 'method_event')`).all() as { name: string; sql: string }[];
  for (const ix of indexes) db.exec(`DROP INDEX ${ix.name}`);
  const batch = db.transaction((from: number, to: number) => { for (let i = from; i < to; i++) one(i); });
  for (let i = 0; i < count; i += 20_000) batch(i, Math.min(count, i + 20_000));
  for (const ix of indexes) db.exec(ix.sql);
  const setCounter = db.prepare('INSERT INTO incident_counter (day, n) VALUES (?, ?) ON CONFLICT (day) DO UPDATE SET n = excluded.n');
  db.transaction(() => { for (const [day, k] of perDay) setCounter.run(day, k); })();
  db.pragma('analysis_limit = 1000');
  db.exec('ANALYZE');
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.pragma('journal_mode = DELETE');
  db.close();
  return { incidents: count, events, now: iso(now) };
}

import { DomainError, invalid } from '../../../shared/errors.ts';
import type { OrgWarningCode } from '../../../shared/org-types.ts';
import { inTx, type Db } from '../../db/database.ts';
import { todayCst } from '../../lib/clock.ts';
import { nowIso, type Ctx } from '../../lib/context.ts';
import { can, hasPermission, requireAt, requireScopes } from '../accounts/actor.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { findRegionRef } from '../registry/index.ts';
import { problem } from './org.ts';
import { positionsOfOrgs } from './position.repository.ts';
import * as repo from './term-rules.repository.ts';
import { checkOverride, DEFAULT_TERM_RULES, effectiveRules, orgWarnings, type OrgWarning, type TermRules } from './term-rules.ts';
import { newId } from '../../../shared/ids.ts';

const SCOPE_PATH = /^\/(?:[^/]+\/)*$/;

/** The rules at a place: the defaults, what it inherits, its own override, and what is in force. */
export interface TermRulesView {
  scopePath: string;
  defaults: TermRules;
  inherited: TermRules;
  override: { config: Partial<TermRules>; version: number; updatedAt: string } | null;
  effective: TermRules;
  abilities: { update: boolean };
}

function parentPath(p: string): string {
  if (p === '/') return '';
  return p.slice(0, p.slice(0, -1).lastIndexOf('/') + 1);
}

function viewAt(ctx: Ctx, all: repo.StoredOverride[], scopePath: string): TermRulesView {
  const own = all.find((o) => o.scopePath === scopePath) ?? null;
  const parent = parentPath(scopePath);
  return {
    scopePath,
    defaults: DEFAULT_TERM_RULES,
    inherited: parent ? effectiveRules(all, parent) : { ...DEFAULT_TERM_RULES },
    override: own ? { config: own.config, version: own.version, updatedAt: own.updatedAt } : null,
    effective: effectiveRules(all, scopePath),
    abilities: { update: can(ctx.actor, 'region.write', scopePath) },
  };
}

function checkScopePath(scopePath: string): void {
  if (!SCOPE_PATH.test(scopePath) || scopePath.length > 512) {
    throw invalid([problem('scopePath', 'SCOPE_FORMAT', '范围路径格式应为 /511300/511302/', 'A scope path looks like /511300/511302/')]);
  }
}

/** The term rules in force at a place (anyone who reads organisations may read them). */
export async function getRules(db: Db, ctx: Ctx, scopePath: string): Promise<TermRulesView> {
  requireScopes(ctx.actor, 'org.read');
  checkScopePath(scopePath);
  return viewAt(ctx, await repo.listOverrides(db), scopePath);
}

/** Replaces the override at a place (region.write there); an empty config keeps a row that overrides nothing. */
export async function putRules(db: Db, ctx: Ctx, input: { scopePath: string; config: Record<string, unknown>; version?: number }): Promise<TermRulesView> {
  checkScopePath(input.scopePath);
  requireAt(ctx.actor, 'region.write', input.scopePath);
  return inTx(db, async (tx) => {
    const all = await repo.listOverrides(tx);
    const parent = parentPath(input.scopePath);
    const inherited = parent ? effectiveRules(all, parent) : { ...DEFAULT_TERM_RULES };
    const checked = checkOverride(input.config, inherited);
    if (checked.problems.length) throw invalid(checked.problems);
    const own = all.find((o) => o.scopePath === input.scopePath);
    const now = nowIso(ctx);
    if (own) {
      if (input.version === undefined || (await repo.updateOverride(tx, own.id, checked.value, now, input.version)) === 0) {
        throw new DomainError('STALE', { currentVersion: own.version }, [], { currentVersion: own.version });
      }
    } else {
      await repo.insertOverride(tx, { id: newId(), scopePath: input.scopePath, config: checked.value, now, by: ctx.actor.userId });
    }
    await recordAudit(tx, ctx, { action: 'term_rule.update', objectType: 'term_rule', objectId: input.scopePath, scopePath: input.scopePath, detail: { config: checked.value } });
    return viewAt(ctx, await repo.listOverrides(tx), input.scopePath);
  });
}

/** Filters of the warnings page as the API takes them. */
export interface WarningQuery {
  regionId?: string;
  compoundId?: string;
  orgId?: string;
  code?: OrgWarningCode;
  severity?: 'warning' | 'error';
}

/** Every warning for organisations under the caller's org.read scope that match the filter, in a stable order. */
export async function orgWarningsFor(db: Db, ctx: Ctx, f: WarningQuery): Promise<OrgWarning[]> {
  const scopes = requireScopes(ctx.actor, 'org.read');
  const today = todayCst(ctx.clock);
  let underPath: string | undefined;
  if (f.regionId) {
    const region = await findRegionRef(db, f.regionId);
    if (!region) return [];
    underPath = region.scopePath;
  }
  const subjects = await repo.orgsForWarnings(db, scopes, { underPath, compoundId: f.compoundId, orgId: f.orgId }, today);
  const held = await positionsOfOrgs(db, subjects.map((s) => s.org.id), today);
  const byOrg = new Map<string, typeof held>();
  for (const p of held) byOrg.set(p.orgId, [...(byOrg.get(p.orgId) ?? []), p]);
  const overrides = await repo.listOverrides(db);
  const rulesAt = new Map<string, TermRules>();
  const out: OrgWarning[] = [];
  for (const s of subjects) {
    let rules = rulesAt.get(s.org.scopePath);
    if (!rules) rulesAt.set(s.org.scopePath, (rules = effectiveRules(overrides, s.org.scopePath)));
    for (const w of orgWarnings({ org: s.org, compound: s.compound, positions: byOrg.get(s.org.id) ?? [], rules, today })) {
      if (f.code && w.code !== f.code) continue;
      if (f.severity && w.severity !== f.severity) continue;
      out.push(w);
    }
  }
  return out;
}

/** One page of warnings with counts by code for the whole filtered set. */
export async function listWarnings(db: Db, ctx: Ctx, f: WarningQuery, limit: number, offset: number) {
  const all = await orgWarningsFor(db, ctx, f);
  const byCode: Record<string, number> = {};
  for (const w of all) byCode[w.code] = (byCode[w.code] ?? 0) + 1;
  return { items: all.slice(offset, offset + limit), total: all.length, byCode, canEditRules: hasPermission(ctx.actor, 'region.write') };
}

import { DomainError, invalid, type FieldProblem } from '../../../shared/errors.ts';
import { fieldProblem } from '../../../shared/field-problems.ts';
import { validateTemplate, type MethodTemplateBody } from '../../../shared/method-template.ts';
import { inTx, type Db } from '../../db/database.ts';
import type { Clock } from '../../lib/clock.ts';
import { nowIso, type Ctx } from '../../lib/context.ts';
import { BUILTIN_ROLES, can, requireAt, scopesFor, type Actor } from '../accounts/index.ts';
import { recordAudit } from '../audit/index.ts';
import { placeExists } from './place.ts';
import { PRESETS } from './presets/index.ts';
import { concernsScopes } from './scope.ts';
import * as repo from './template.repository.ts';
import { newId } from '../../../shared/ids.ts';

/** A template version as the API shows it. */
export interface TemplateView extends repo.TemplateRecord {
  abilities: { publish: boolean; newVersion: boolean };
}

/** Role keys a template may name besides the relation roles. */
export function knownRoleKeys(): string[] {
  return BUILTIN_ROLES.map((r) => r.key);
}

/** Checks a template body against the roles this installation knows. */
export function checkTemplate(body: unknown): FieldProblem[] {
  return validateTemplate(body, knownRoleKeys());
}

/** Where the caller may read templates: wherever they read or manage methods. */
export function templateReadScopes(actor: Actor): string[] {
  const s = [...new Set([...scopesFor(actor, 'method.read'), ...scopesFor(actor, 'method.manage')])];
  if (s.length === 0) throw new DomainError('FORBIDDEN', { permission: 'method.read' });
  return s;
}

function view(ctx: Ctx, t: repo.TemplateRecord): TemplateView {
  const manage = can(ctx.actor, 'method.manage', t.scopePath);
  return { ...t, abilities: { publish: manage && t.status === 'draft', newVersion: manage } };
}

/** Template versions the caller can see. */
export async function listTemplates(db: Db, ctx: Ctx, f: repo.TemplateFilter, limit: number, offset: number): Promise<{ items: TemplateView[]; total: number }> {
  const page = await repo.listTemplates(db, templateReadScopes(ctx.actor), f, limit, offset);
  return { total: page.total, items: page.rows.map((t) => view(ctx, t)) };
}

/** A method by key: its current published version and every version the caller can see. */
export async function getTemplateByKey(db: Db, ctx: Ctx, key: string): Promise<{ key: string; current: TemplateView | null; versions: TemplateView[] }> {
  const versions = await repo.versionsOfKey(db, key, templateReadScopes(ctx.actor));
  if (versions.length === 0) throw new DomainError('NOT_FOUND');
  const current = versions.find((v) => v.status === 'published') ?? null;
  return { key, current: current && view(ctx, current), versions: versions.map((v) => view(ctx, v)) };
}

/** One template version. */
export async function getTemplate(db: Db, ctx: Ctx, id: string): Promise<TemplateView> {
  const t = await repo.findTemplate(db, id, templateReadScopes(ctx.actor));
  if (!t) throw new DomainError('NOT_FOUND');
  return view(ctx, t);
}

/** Re-validates a stored version (e.g. a draft saved before a role was removed). */
export async function validateStoredTemplate(db: Db, ctx: Ctx, id: string): Promise<{ ok: boolean; problems: FieldProblem[] }> {
  const t = await getTemplate(db, ctx, id);
  const problems = checkTemplate(t.body);
  return { ok: problems.length === 0, problems };
}

/** Input of a new draft: the template body plus where it applies and an optional client id. */
export type NewDraft = Partial<MethodTemplateBody> & { id?: string; scopePath?: string };

function bodyOf(input: NewDraft): MethodTemplateBody {
  const { key, name, description, stages, initial, transitions } = input;
  return { key, name, ...(description !== undefined ? { description } : {}), stages, initial, transitions } as MethodTemplateBody;
}

/** Saves a new draft version of a method after validating it; retry-safe by id. */
export async function createDraft(db: Db, ctx: Ctx, input: NewDraft): Promise<{ template: TemplateView; created: boolean }> {
  const id = input.id ?? newId();
  const existing = await repo.findTemplate(db, id, null);
  if (existing) {
    if (!concernsScopes(existing.scopePath, templateReadScopes(ctx.actor))) throw new DomainError('ID_CONFLICT');
    return { template: view(ctx, existing), created: false };
  }
  const scopePath = input.scopePath ?? '/';
  requireAt(ctx.actor, 'method.manage', scopePath);
  const body = bodyOf(input);
  const problems = checkTemplate(body);
  if (!(await placeExists(db, scopePath))) problems.push(fieldProblem('scopePath', 'NOT_FOUND_REF', { value: scopePath }));
  const earlier = typeof body.key === 'string' ? await repo.versionsOfKey(db, body.key, null) : [];
  // A key belongs to whoever manages its first version: a street cannot publish over a national preset.
  if (earlier.length) requireAt(ctx.actor, 'method.manage', earlier[earlier.length - 1].scopePath);
  if (problems.length) throw invalid(problems);
  const now = nowIso(ctx);
  return inTx(db, async (tx) => {
    const rec: repo.TemplateRecord = {
      id, key: body.key, version: (await repo.maxVersion(tx, body.key)) + 1, status: 'draft', nameZh: body.name.zh, nameEn: body.name.en, body,
      scopePath, createdAt: now, createdBy: ctx.actor.userId, publishedAt: null, publishedBy: null,
    };
    await repo.insertTemplate(tx, rec, now);
    await recordAudit(tx, ctx, {
      action: 'method_template.create', objectType: 'method_template', objectId: id, scopePath,
      detail: { key: rec.key, version: rec.version, stages: body.stages.length, transitions: body.transitions.length },
    });
    return { template: view(ctx, rec), created: true };
  });
}

/** Publishes a draft: new instances use it from now on, the previous version is retired, running instances keep theirs. */
export async function publishTemplate(db: Db, ctx: Ctx, id: string): Promise<TemplateView> {
  const t = await repo.findTemplate(db, id, templateReadScopes(ctx.actor));
  if (!t) throw new DomainError('NOT_FOUND');
  requireAt(ctx.actor, 'method.manage', t.scopePath);
  if (t.status !== 'draft') throw new DomainError('TEMPLATE_NOT_DRAFT', { status: t.status });
  const problems = checkTemplate(t.body);
  if (problems.length) throw invalid(problems);
  const now = nowIso(ctx);
  return inTx(db, async (tx) => {
    if ((await repo.markPublished(tx, id, now, ctx.actor.userId)) === 0) throw new DomainError('TEMPLATE_NOT_DRAFT', { status: 'published' });
    const retired = await repo.retireOthers(tx, t.key, id, now);
    await recordAudit(tx, ctx, { action: 'method_template.publish', objectType: 'method_template', objectId: id, scopePath: t.scopePath, detail: { key: t.key, version: t.version, retired } });
    return view(ctx, (await repo.findTemplate(tx, id, null))!);
  });
}

/** The published version of a key that new instances at this place start on, if any. */
export async function startableTemplate(db: Db, key: string, scopePath: string): Promise<repo.PinnedTemplate | null> {
  const found = (await repo.publishedVersions(db, key)).find((v) => scopePath.startsWith(v.scopePath));
  return found ? repo.pinnedTemplate(db, found.id) : null;
}

/**
 * Loads the shipped presets (五议工作法, 联手说事) as published version 1 at the national scope, once: a key that already has
 * any version is left alone, so an administrator's later versions are never overwritten. Returns the keys it added.
 */
export async function ensurePresets(db: Db, clock: Clock): Promise<string[]> {
  const added: string[] = [];
  for (const preset of PRESETS) {
    const problems = checkTemplate(preset);
    if (problems.length) throw new Error(`preset ${preset.key} is invalid: ${problems.map((p) => `${p.field} ${p.code}`).join('; ')}`);
    if ((await repo.versionsOfKey(db, preset.key, null)).length) continue;
    const now = clock.now().toISOString();
    try {
      await repo.insertTemplate(db, {
        id: newId(), key: preset.key, version: 1, status: 'published', nameZh: preset.name.zh, nameEn: preset.name.en, body: preset,
        scopePath: '/', createdAt: now, createdBy: null, publishedAt: now, publishedBy: null,
      }, now);
      added.push(preset.key);
    } catch (e) {
      // Another app instance loaded it at the same moment (unique key+version); anything else is a real failure.
      if ((await repo.versionsOfKey(db, preset.key, null)).length === 0) throw e;
    }
  }
  return added;
}

import { checkDivisionCode, levelOfCode, type RegionLevel } from '../../../shared/validators/division.ts';
import { REGION_LEVEL_LABELS } from '../../../shared/registry-codes.ts';
import { makeReader, type RawInput } from './input.ts';
import type { FieldProblem } from '../../../shared/errors.ts';

/** A region as stored. */
export interface Region {
  id: string;
  code: string;
  name: string;
  level: RegionLevel;
  parentId: string | null;
  scopePath: string;
  validFrom: string | null;
  validTo: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** Levels allowed directly under each level (municipalities put counties straight under the province). */
export const CHILD_LEVELS: Record<RegionLevel, readonly RegionLevel[]> = {
  province: ['city', 'county'],
  city: ['county'],
  county: ['street'],
  street: ['community'],
  community: [],
};

/** The scope path of a region under its parent (root: `/code/`). */
export function regionPath(parentPath: string | null, code: string): string {
  return (parentPath ?? '/') + code + '/';
}

/** A checked new region. */
export interface RegionValue {
  id: string | null;
  code: string;
  name: string;
  level: RegionLevel;
  validFrom: string | null;
  validTo: string | null;
}

/** Validates a new region against its parent (null for a root); collects every problem. */
export function validateRegionInput(input: RawInput, parent: { code: string; level: RegionLevel } | null): { value: RegionValue; problems: FieldProblem[] } {
  const r = makeReader(input);
  const id = r.id('id');
  const name = r.text('name', { required: true, max: 50 });
  const code = r.text('code', { required: true, max: 12 });
  const given = r.code('level', REGION_LEVEL_LABELS);
  const validFrom = r.date('validFrom');
  const validTo = r.date('validTo');
  if (validFrom && validTo && validTo < validFrom) r.add('validTo', 'DATE_ORDER');
  let level: RegionLevel = given ?? (code ? levelOfCode(code) : null) ?? 'community';
  if (code) {
    const p = checkDivisionCode(code, level, parent?.code ?? null);
    if (p) r.add('code', p);
    else if (parent && !CHILD_LEVELS[parent.level].includes(level)) {
      r.add('level', 'LEVEL_UNDER_PARENT', { level: REGION_LEVEL_LABELS[level].zh, parentLevel: REGION_LEVEL_LABELS[parent.level].zh });
    }
  }
  if (!code) level = given ?? 'community';
  return { value: { id: id ?? null, code: code ?? '', name: name ?? '', level, validFrom: validFrom ?? null, validTo: validTo ?? null }, problems: r.problems };
}

/** Validates a region PATCH (name, validTo). */
export function validateRegionPatch(input: RawInput, current: { validFrom: string | null }): { value: { name?: string; validTo?: string | null }; problems: FieldProblem[] } {
  const r = makeReader(input, { partial: true });
  const name = r.text('name', { required: true, max: 50 });
  const validTo = r.date('validTo');
  if (validTo && current.validFrom && validTo < current.validFrom) r.add('validTo', 'DATE_ORDER');
  const value: { name?: string; validTo?: string | null } = {};
  if (name) value.name = name;
  if (validTo !== undefined) value.validTo = validTo;
  return { value, problems: r.problems };
}

/** Nests regions under their parents; regions whose parent is absent become roots. Children keep the input order. */
export function buildTree<T extends { id: string; parentId: string | null }>(items: readonly T[]): (T & { children: unknown[] })[] {
  const byId = new Map<string, T & { children: unknown[] }>();
  for (const it of items) byId.set(it.id, { ...it, children: [] });
  const roots: (T & { children: unknown[] })[] = [];
  for (const it of byId.values()) {
    const parent = it.parentId ? byId.get(it.parentId) : undefined;
    if (parent) parent.children.push(it);
    else roots.push(it);
  }
  return roots;
}

import type { FieldProblem } from '../../../shared/errors.ts';
import { allowedList, codeFromInput, type CodeLabel } from '../../../shared/registry-codes.ts';
import { registryProblem, type RegistryProblemCode } from '../../../shared/registry-problems.ts';
import type { FieldProblemCode } from '../../../shared/field-problems.ts';

/** Raw input as it comes from JSON or a spreadsheet row: any value per key. */
export type RawInput = Record<string, unknown>;

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** Whether s looks like a UUID (client ids, references). */
export function isUuid(s: string): boolean {
  return UUID.test(s);
}

function blank(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

function realDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const [y, m, d] = s.split('-').map(Number);
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/**
 * Reads typed fields out of raw input and collects a problem for every bad one.
 * In partial mode (PATCH) an absent key reads as undefined (unchanged); otherwise absent means null.
 * Strings from spreadsheets are accepted for numbers, booleans and dates.
 */
export function makeReader(input: RawInput, opts: { partial?: boolean; prefix?: string } = {}) {
  const problems: FieldProblem[] = [];
  const prefix = opts.prefix ?? '';
  const partial = !!opts.partial;
  const add = (field: string, code: RegistryProblemCode | FieldProblemCode, params: Record<string, string | number> = {}) => {
    problems.push(registryProblem(prefix + field, code, params));
  };
  /** undefined: absent in partial mode; null: blank; otherwise the raw value. */
  const raw = (k: string, required: boolean): unknown => {
    const v = input[k];
    if (v === undefined && partial) return undefined;
    if (blank(v)) {
      if (required) add(k, 'REQUIRED');
      return null;
    }
    return v;
  };
  const r = {
    problems,
    add,
    /** True when the key is present (partial mode) or always (full mode). */
    has: (k: string) => !partial || input[k] !== undefined,
    text(k: string, o: { required?: boolean; max?: number } = {}): string | null | undefined {
      const v = raw(k, !!o.required);
      if (v === undefined || v === null) return v as undefined | null;
      if (typeof v !== 'string' && typeof v !== 'number') {
        add(k, 'REQUIRED');
        return null;
      }
      const s = String(v).trim();
      const max = o.max ?? 200;
      if ([...s].length > max) {
        add(k, 'TOO_LONG', { max });
        return null;
      }
      return s;
    },
    num(k: string, o: { required?: boolean; min: number; max: number; integer?: boolean }): number | null | undefined {
      const v = raw(k, !!o.required);
      if (v === undefined || v === null) return v as undefined | null;
      const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(v) ? Number(v) : NaN;
      if (!Number.isFinite(n) || (o.integer && !Number.isInteger(n))) {
        add(k, 'NOT_A_NUMBER');
        return null;
      }
      if (n < o.min || n > o.max) {
        add(k, 'OUT_OF_RANGE', { min: o.min, max: o.max });
        return null;
      }
      return n;
    },
    bool(k: string, o: { required?: boolean } = {}): boolean | null | undefined {
      const v = raw(k, !!o.required);
      if (v === undefined || v === null) return v as undefined | null;
      if (typeof v === 'boolean') return v;
      const s = String(v).trim().toLowerCase();
      if (['1', 'true', 'yes', 'y', '是'].includes(s)) return true;
      if (['0', 'false', 'no', 'n', '否'].includes(s)) return false;
      add(k, 'NOT_IN_LIST', { allowed: 'true/false（是/否）' });
      return null;
    },
    date(k: string, o: { required?: boolean; notAfter?: string } = {}): string | null | undefined {
      const v = raw(k, !!o.required);
      if (v === undefined || v === null) return v as undefined | null;
      const s = v instanceof Date && !Number.isNaN(v.getTime()) ? v.toISOString().slice(0, 10) : typeof v === 'string' ? v.trim() : '';
      if (!realDate(s)) {
        add(k, 'NOT_A_DATE');
        return null;
      }
      if (o.notAfter && s > o.notAfter) {
        add(k, 'DATE_IN_FUTURE');
        return null;
      }
      return s;
    },
    code<K extends string>(k: string, labels: Record<K, CodeLabel>, o: { required?: boolean } = {}): K | null | undefined {
      const v = raw(k, !!o.required);
      if (v === undefined || v === null) return v as undefined | null;
      const c = typeof v === 'string' || typeof v === 'number' ? codeFromInput(labels, String(v)) : null;
      if (!c) {
        add(k, 'NOT_IN_LIST', { allowed: allowedList(labels) });
        return null;
      }
      return c;
    },
    id(k: string, o: { required?: boolean } = {}): string | null | undefined {
      const v = raw(k, !!o.required);
      if (v === undefined || v === null) return v as undefined | null;
      if (typeof v !== 'string' || !isUuid(v.trim())) {
        add(k, 'BAD_UUID');
        return null;
      }
      return v.trim().toLowerCase();
    },
  };
  return r;
}

/** The reader type. */
export type Reader = ReturnType<typeof makeReader>;

/** Drops undefined values (keys absent from a PATCH). */
export function defined<T extends Record<string, unknown>>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

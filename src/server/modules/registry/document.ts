import type { FieldProblem } from '../../../shared/errors.ts';
import { DOCUMENT_KIND_LABELS, type DocumentKind } from '../../../shared/registry-codes.ts';
import { makeReader, type RawInput } from './input.ts';

/** A compound document: work plan, owners' rules (管理规约), meeting rules (议事规则) or other. */
export interface CompoundDocument {
  id: string;
  compoundId: string;
  scopePath: string;
  kind: DocumentKind;
  title: string;
  adoptedOn: string | null;
  validTo: string | null;
  body: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** The fields a caller sets on a document, checked. */
export interface DocumentValue {
  id: string | null;
  kind: DocumentKind;
  title: string;
  adoptedOn: string | null;
  validTo: string | null;
  body: string | null;
}

/** Checks a document (full for create, partial for PATCH). */
export function validateDocumentInput(input: RawInput, partial = false): { value: Partial<DocumentValue>; problems: FieldProblem[] } {
  const r = makeReader(input, { partial });
  const value: Partial<DocumentValue> = {
    id: partial ? undefined : r.id('id'),
    kind: r.code('kind', DOCUMENT_KIND_LABELS, { required: true }) ?? undefined,
    title: r.text('title', { required: true, max: 200 }) ?? undefined,
    adoptedOn: r.date('adoptedOn'),
    validTo: r.date('validTo'),
    body: r.text('body', { max: 100_000 }),
  };
  if (value.adoptedOn && value.validTo && value.validTo < value.adoptedOn) r.add('validTo', 'DATE_ORDER');
  for (const k of Object.keys(value) as (keyof DocumentValue)[]) if (value[k] === undefined) delete value[k];
  return { value, problems: r.problems };
}

/** Whether a document is in force on `today`: adopted on or before it (an undated one is a draft) and not expired. */
export function isCurrentDocument(d: { adoptedOn: string | null; validTo: string | null }, today: string): boolean {
  return !!d.adoptedOn && d.adoptedOn <= today && (!d.validTo || d.validTo >= today);
}

import { api, ApiError, toApiError, urlOf } from '../../api/client.ts';
import { currentLang, translate } from '../../i18n/core.ts';

/** The entities the import wizard takes. */
export const IMPORT_ENTITIES = ['compounds', 'households', 'residents'] as const;
/** One importable entity. */
export type ImportEntity = (typeof IMPORT_ENTITIES)[number];

/** The lists the server exports as .xlsx (GET /api/exports/<entity>.xlsx). */
export const EXPORT_ENTITIES = ['compounds', 'residents', 'households', 'orgs', 'five-ones', 'org-warnings', 'audit'] as const;
/** One exportable list. */
export type ExportEntity = (typeof EXPORT_ENTITIES)[number];

/** One column of an import file (GET /api/imports/<entity>/columns). */
export interface ImportColumn {
  key: string;
  zh: string;
  aliases: string[];
  required: boolean;
  kind: string;
  options?: { code: string; zh: string; aliases?: string[] }[];
  example: string | number;
  help: string;
}

/** The column set of one entity. */
export interface ImportSpec {
  entity: ImportEntity;
  sheetZh: string;
  columns: ImportColumn[];
}

/** One problem of an import file, located as Excel shows it; the value is already masked by the server. */
export interface ImportProblem {
  sheet: string;
  row: number;
  column: string;
  value: string;
  code: string;
  zh: string;
  en: string;
}

/** The answer of a dry run. */
export interface ImportReport {
  entity: ImportEntity;
  fileName: string;
  sheet: string;
  rows: number;
  valid: number;
  problemCount: number;
  problems: ImportProblem[];
  warnings: ImportProblem[];
  preview: { row: number; values: Record<string, string> }[];
}

/** The answer of a successful commit. */
export interface CommitResult {
  written: number;
  rows: number;
}

/** The details of a 422 IMPORT_INVALID answer. */
export interface ImportInvalidDetails {
  problemCount: number;
  problems: ImportProblem[];
  warnings: ImportProblem[];
  rows: number;
  valid: number;
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The content type the server parses for a file: by extension, since browsers report CSV differently (or not at all). */
export function contentTypeOf(file: { name: string; type: string }): string {
  const name = file.name.toLowerCase();
  if (name.endsWith('.xlsx')) return XLSX_TYPE;
  if (name.endsWith('.csv')) return 'text/csv';
  return 'application/octet-stream';
}

/** Whether the wizard accepts a file (by extension). */
export function isImportFile(name: string): boolean {
  return /\.(xlsx|csv)$/i.test(name);
}

/** A query string from list filters: arrays become repeated keys; empty values are left out. */
export function filterQuery(filters: Record<string, unknown>): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) {
    const values = Array.isArray(v) ? v : [v];
    for (const x of values) {
      if (x === undefined || x === null || x === '') continue;
      qs.append(k, String(x));
    }
  }
  return qs.toString();
}

/** The file name of a Content-Disposition header (RFC 5987 `filename*` first), or the fallback. */
export function fileNameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1] : fallback;
}

/** Hands a downloaded file to the browser's download manager. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

async function errorOf(res: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    body = null;
  }
  const err = toApiError(res.status, body);
  // Let the shared client send the user to the login page (or the password page) the usual way.
  if (res.status === 401 || err.code === 'PASSWORD_CHANGE_REQUIRED') void api.get('/api/auth/me').catch(() => undefined);
  return err;
}

/** A request whose body or answer is a file rather than JSON; errors throw ApiError like the shared client. */
async function send(method: string, url: string, init: { body?: Blob; contentType?: string; fileName?: string; csrfToken?: string | null } = {}): Promise<Response> {
  const headers: Record<string, string> = { 'accept-language': currentLang() === 'en' ? 'en' : 'zh-CN' };
  if (init.contentType) headers['content-type'] = init.contentType;
  if (init.fileName) headers['x-file-name'] = encodeURIComponent(init.fileName);
  if (method !== 'GET' && init.csrfToken) headers['x-csrf-token'] = init.csrfToken;
  let res: Response;
  try {
    res = await fetch(url, { method, headers, body: init.body, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'NETWORK', translate('error.network'));
  }
  if (!res.ok) throw await errorOf(res);
  return res;
}

/** Downloads a file answer and saves it; returns the saved name. */
async function download(res: Response, fallback: string): Promise<string> {
  const name = fileNameOf(res.headers.get('content-disposition'), fallback);
  let blob: Blob;
  try {
    blob = await res.blob();
  } catch {
    // The stream was cut short (the server failed while writing): no half file is saved.
    throw new ApiError(0, 'NETWORK', translate('error.network'));
  }
  saveBlob(blob, name);
  return name;
}

/** Downloads /api/exports/<entity>.xlsx with the list's filters (masked and audited by the server). */
export async function downloadExport(entity: string, filters: Record<string, unknown>): Promise<string> {
  const qs = filterQuery(filters);
  const res = await send('GET', `/api/exports/${encodeURIComponent(entity)}.xlsx${qs ? `?${qs}` : ''}`);
  return download(res, `${entity}.xlsx`);
}

/** The URL of an entity's import template. */
export function templateUrl(entity: ImportEntity): string {
  return `/api/imports/${entity}/template.xlsx`;
}

/** The column list of an entity's import file. */
export function importColumns(entity: ImportEntity): Promise<ImportSpec> {
  return api.get<ImportSpec>(`/api/imports/${entity}/columns`);
}

/** Checks a file without writing anything. */
export async function dryRun(entity: ImportEntity, file: File, csrfToken: string | null): Promise<ImportReport> {
  const res = await send('POST', `/api/imports/${entity}/dry-run`, { body: file, contentType: contentTypeOf(file), fileName: file.name, csrfToken });
  return (await res.json()) as ImportReport;
}

/** Checks a file and downloads the full problem list as .xlsx. */
export async function downloadProblems(entity: ImportEntity, file: File, csrfToken: string | null): Promise<string> {
  const res = await send('POST', urlOf(`/api/imports/${entity}/dry-run`, { format: 'xlsx' }), { body: file, contentType: contentTypeOf(file), fileName: file.name, csrfToken });
  return download(res, 'problems.xlsx');
}

/** Imports a file: everything or nothing; a file with problems answers 422 IMPORT_INVALID with the problems in details. */
export async function commitImport(entity: ImportEntity, file: File, csrfToken: string | null): Promise<CommitResult> {
  const res = await send('POST', `/api/imports/${entity}/commit`, { body: file, contentType: contentTypeOf(file), fileName: file.name, csrfToken });
  return (await res.json()) as CommitResult;
}

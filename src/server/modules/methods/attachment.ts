import path from 'node:path';

/** File types accepted as attachments, recognised by their first bytes (the name and the client's content type are not trusted). */
export const ALLOWED_TYPES = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
} as const;
/** An accepted MIME type. */
export type AllowedMime = keyof typeof ALLOWED_TYPES;

const startsWith = (b: Buffer, sig: number[], at = 0) => b.length >= at + sig.length && sig.every((x, i) => b[at + i] === x);

/**
 * The type a file really is, from its magic bytes; null when not on the list. docx and xlsx are both ZIP files: they
 * are told apart by the folder their parts live in (word/ or xl/), which Office writes near the start of the archive.
 */
export function sniffType(b: Buffer): AllowedMime | null {
  if (startsWith(b, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(b, [0x52, 0x49, 0x46, 0x46]) && startsWith(b, [0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  if (startsWith(b, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf';
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04])) {
    const names = b.toString('latin1');
    if (!names.includes('[Content_Types].xml')) return null;
    if (names.includes('word/')) return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    if (names.includes('xl/')) return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  }
  return null;
}

/** Whether a MIME type is a photo. */
export function isImage(mime: string): boolean {
  return mime.startsWith('image/');
}

/** A safe display name from the client's header: percent-decoded, no folders or control characters, at most 200 characters. */
export function cleanFileName(raw: string | undefined, mime: AllowedMime): string {
  let name = raw ?? '';
  try { name = decodeURIComponent(name); } catch { /* keep as sent */ }
  name = path.basename(name.replace(/\\/g, '/')).replace(/[\u0000-\u001f\u007f"]/g, '').trim().slice(0, 200);
  return name || `file.${ALLOWED_TYPES[mime]}`;
}

/** Where a file lives under the data directory: content-addressed by checksum, grouped by upload month. */
export function storageKeyOf(sha256: string, nowIso: string): string {
  return `attachments/${nowIso.slice(0, 4)}/${nowIso.slice(5, 7)}/${sha256}`;
}

/** A Content-Disposition value carrying a Chinese file name (RFC 6266 filename* with an ASCII fallback). */
export function contentDisposition(fileName: string, inline: boolean): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

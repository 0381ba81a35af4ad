/** Mainland mobile numbers: strip separators and the +86 prefix, then 1[3-9] and 9 digits. */
export function normalizeMobile(raw: string): string | null {
  let s = raw.replace(/[\s\-()（）]/g, '');
  if (s.startsWith('+86')) s = s.slice(3);
  else if (s.startsWith('0086')) s = s.slice(4);
  else if (s.startsWith('86') && s.length === 13) s = s.slice(2);
  return /^1[3-9]\d{9}$/.test(s) ? s : null;
}

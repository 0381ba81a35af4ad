/** Display masks for personal data (STANDARDS §3.4). */

/** `110***********1234`: first 3 and last 4 characters. */
export function maskIdNumber(id: string): string {
  if (id.length <= 7) return '*'.repeat(id.length);
  return id.slice(0, 3) + '*'.repeat(id.length - 7) + id.slice(-4);
}

/** `138****5678`. */
export function maskPhone(phone: string): string {
  if (phone.length < 7) return '*'.repeat(phone.length);
  return phone.slice(0, 3) + '*'.repeat(phone.length - 7) + phone.slice(-4);
}

/** `张*`, `张*明`, `欧阳**`: keeps the surname (two characters for the common compound surnames). */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return name;
  const compound = ['欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '慕容', '令狐', '尉迟', '公孙', '长孙', '宇文', '司徒', '夏侯'];
  const keep = chars.length >= 3 && compound.includes(chars.slice(0, 2).join('')) ? 2 : 1;
  if (keep === 1 && chars.length === 3) return chars[0] + '*' + chars[2];
  return chars.slice(0, keep).join('') + '*'.repeat(chars.length - keep);
}

/** Age band shown instead of a birth date. */
export function ageBand(age: number): string {
  if (age < 14) return '0-13';
  if (age < 18) return '14-17';
  if (age < 60) return `${Math.floor(age / 10) * 10}-${Math.floor(age / 10) * 10 + 9}`;
  if (age < 80) return '60-79';
  return '80+';
}

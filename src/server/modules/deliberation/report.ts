// Report periods: ISO weeks and calendar months in China Standard Time, turned into UTC instants for the stored
// timestamps. Pure.

/** The UTC instant at which a China-time day (YYYY-MM-DD) begins. */
export function cstDayStart(date: string): string {
  return new Date(`${date}T00:00:00+08:00`).toISOString();
}

/** The China-time day after a date. */
export function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** The China-time date of an instant. */
export function cstDateOf(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** The ISO week (2026-W48) a date falls in. */
export function isoWeekOf(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const dow = (d.getUTCDay() + 6) % 7;
  const thursday = new Date(d.getTime() + (3 - dow) * 86_400_000);
  const year = thursday.getUTCFullYear();
  const jan1 = Date.UTC(year, 0, 1);
  const week = Math.floor((thursday.getTime() - jan1) / 86_400_000 / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Monday and Sunday of an ISO week, or null when the week is not written 2026-W48 or does not exist. */
export function isoWeekRange(week: string): { from: string; to: string } | null {
  const m = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!m) return null;
  const year = Number(m[1]);
  const n = Number(m[2]);
  const jan4 = Date.UTC(year, 0, 4);
  const monday1 = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * 86_400_000;
  const monday = new Date(monday1 + (n - 1) * 7 * 86_400_000);
  const from = monday.toISOString().slice(0, 10);
  if (n < 1 || isoWeekOf(from) !== week) return null;
  return { from, to: new Date(monday.getTime() + 6 * 86_400_000).toISOString().slice(0, 10) };
}

/** First and last day of a month written 2026-11, or null. */
export function monthRange(month: string): { from: string; to: string } | null {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  if (mo < 1 || mo > 12) return null;
  const last = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

/** UTC instants bounding China-time days from..to inclusive: [start of from, start of the day after to). */
export function instantRange(from: string, to: string): { fromAt: string; toAt: string } {
  return { fromAt: cstDayStart(from), toAt: cstDayStart(nextDay(to)) };
}

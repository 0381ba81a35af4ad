import { performance } from 'node:perf_hooks';

/** Percentile of a sorted sample (nearest rank). */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

/** Times `n` sequential calls after `warm` unmeasured ones; returns p50/p95/max in milliseconds. */
export async function timeIt(n: number, warm: number, fn: (i: number) => Promise<unknown> | unknown): Promise<{ p50: number; p95: number; max: number; n: number }> {
  for (let i = 0; i < warm; i++) await fn(i);
  const xs: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i + warm);
    xs.push(performance.now() - t);
  }
  xs.sort((a, b) => a - b);
  return { p50: percentile(xs, 50), p95: percentile(xs, 95), max: xs[xs.length - 1], n };
}

/** Formats milliseconds for the report. */
export function ms(x: number): string {
  return x < 10 ? x.toFixed(2) : x.toFixed(1);
}

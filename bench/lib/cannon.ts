// One autocannon load, run in its own process so the load generator does not share the server's event loop.
// Usage: node --import tsx bench/lib/cannon.ts <spec.json>; prints one line of JSON with the figures.
import fs from 'node:fs';
import autocannon, { type Request, type Result } from 'autocannon';
import { newId } from '../../src/shared/ids.ts';
import { percentile } from './stats.ts';

/** What to load: a URL, the request, and what varies per request. */
export interface LoadSpec {
  url: string;
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  connections: number;
  duration: number;
  warmup: number;
  /** A JSON body; `id` is set to a new client id in every request when uniqueId is true (a UUIDv7, as the phone page makes). */
  body?: Record<string, unknown>;
  uniqueId?: boolean;
  /** Per request, one of these is put into the body field named. */
  pick?: { field: string; values: string[] };
  /** Per request, one of these is appended to the path. */
  pathIds?: string[];
}

/** The figures of one load. */
export interface LoadResult {
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  non2xx: number;
  errors: number;
  codes: Record<string, number>;
}

const any = <T>(xs: readonly T[]) => xs[Math.floor(Math.random() * xs.length)];

function run(spec: LoadSpec, duration: number, record: boolean): Promise<{ result: Result; times: number[] }> {
  const times: number[] = [];
  return new Promise((resolve, reject) => {
    const request: Request = {
      method: spec.method, path: spec.path, headers: spec.headers,
      setupRequest: (req) => {
        const out = { ...req };
        if (spec.pathIds) out.path = spec.path + any(spec.pathIds);
        if (spec.body) {
          const b: Record<string, unknown> = { ...spec.body };
          if (spec.uniqueId) b.id = newId();
          if (spec.pick) b[spec.pick.field] = any(spec.pick.values);
          out.body = JSON.stringify(b);
        }
        return out;
      },
    };
    const inst = autocannon({ url: spec.url, connections: spec.connections, duration, requests: [request], timeout: 30 }, (err, result) => (err ? reject(err) : resolve({ result, times })));
    if (record) inst.on('response', (_c, _s, _b, t) => { times.push(t); });
  });
}

const spec = JSON.parse(fs.readFileSync(process.argv[2], 'utf8')) as LoadSpec;
if (spec.warmup > 0) await run(spec, spec.warmup, false);
const { result, times } = await run(spec, spec.duration, true);
times.sort((a, b) => a - b);
const codes = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([k, v]) => [k, Number(v.count)]));
const out: LoadResult = {
  requests: times.length, rps: times.length / result.duration, p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99),
  non2xx: result.non2xx, errors: result.errors, codes,
};
console.log(JSON.stringify(out));

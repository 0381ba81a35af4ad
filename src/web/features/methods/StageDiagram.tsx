import type { MethodTemplateBody } from '../../../shared/method-template.ts';
import { useI18n } from '../../i18n/index.tsx';
import { fromList } from './draft.ts';

const W = 124;
const H = 46;
const COL = 196;
const ROW = 84;
const PAD = 20;
/** Room above or below the boxes for one band of arcs. */
const BAND = 26;

interface Box { key: string; label: string; terminal: boolean; col: number; row: number; x: number; y: number }

/**
 * Lays stages out by distance from the initial stage (columns) and in template order within a column (rows); stages that
 * cannot be reached go in a last column. y is relative to the top of the first row.
 */
export function layoutStages(body: MethodTemplateBody, label: (s: MethodTemplateBody['stages'][number]) => string): Box[] {
  const keys = body.stages.map((s) => s.key).filter(Boolean);
  const depth = new Map<string, number>();
  if (keys.includes(body.initial)) {
    depth.set(body.initial, 0);
    for (const queue = [body.initial]; queue.length;) {
      const a = queue.shift()!;
      for (const tr of body.transitions) {
        if (!fromList(tr).includes(a) || !keys.includes(tr.to) || depth.has(tr.to)) continue;
        depth.set(tr.to, depth.get(a)! + 1);
        queue.push(tr.to);
      }
    }
  }
  const last = Math.max(-1, ...depth.values()) + 1;
  const rows = new Map<number, number>();
  const seen = new Set<string>();
  return body.stages.flatMap((s) => {
    if (!s.key || seen.has(s.key)) return [];
    seen.add(s.key);
    const col = depth.get(s.key) ?? last;
    const row = rows.get(col) ?? 0;
    rows.set(col, row + 1);
    return [{ key: s.key, label: label(s), terminal: s.terminal === true, col, row, x: PAD + 16 + col * COL, y: row * ROW }];
  });
}

type Edge = { id: string; a: Box; b: Box; name: string; kind: 'next' | 'loop' | 'above' | 'below'; band: number };

const short = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** The path and label position of an edge, with the first row's top at `top`. */
function geometry(e: Edge, top: number): { d: string; lx: number; ly: number } {
  const { a, b } = e;
  const ay = a.y + top;
  const by = b.y + top;
  if (e.kind === 'next') {
    const [x1, y1, x2, y2] = [a.x + W, ay + H / 2, b.x, by + H / 2];
    return { d: `M${x1},${y1} C${x1 + 40},${y1} ${x2 - 40},${y2} ${x2},${y2}`, lx: (x1 + x2) / 2, ly: (y1 + y2) / 2 - 6 };
  }
  if (e.kind === 'loop') {
    const x = a.x + W / 2;
    return { d: `M${x - 14},${ay} C${x - 30},${ay - 40} ${x + 30},${ay - 40} ${x + 14},${ay}`, lx: x, ly: ay - 34 };
  }
  const up = e.kind === 'above';
  const lift = 2 * BAND * (e.band + 1);
  const [x1, y1, x2, y2] = up ? [a.x + W / 2 + 10, ay, b.x + W / 2 - 10, by] : [a.x + W / 2 + 12, ay + H, b.x + W / 2 - 12, by + H];
  const cy = up ? Math.min(y1, y2) - lift : Math.max(y1, y2) + lift;
  return { d: `M${x1},${y1} Q${(x1 + x2) / 2},${cy} ${x2},${y2}`, lx: (x1 + x2) / 2, ly: (y1 + y2 + 2 * cy) / 4 + (up ? -4 : 12) };
}

/** A read-only picture of the method: stages as boxes, transitions as labelled arrows (forward above, backward below). */
export function StageDiagram({ body }: { body: MethodTemplateBody }) {
  const { t, lang } = useI18n();
  const boxes = layoutStages(body, (s) => (lang === 'en' ? s.name?.en : s.name?.zh) || s.key);
  if (!boxes.length) return <p>{t('methods.diagram.empty')}</p>;
  const at = new Map(boxes.map((b) => [b.key, b]));
  const bands = { above: 0, below: 0 };
  const edges: Edge[] = body.transitions.flatMap((tr, j) =>
    fromList(tr).flatMap((f, k) => {
      const a = at.get(f);
      const b = at.get(tr.to);
      if (!a || !b) return [];
      const name = (lang === 'en' ? tr.name?.en : tr.name?.zh) || tr.event;
      const kind: Edge['kind'] = a === b ? 'loop' : b.col === a.col + 1 ? 'next' : b.col > a.col + 1 ? 'above' : 'below';
      const band = kind === 'above' || kind === 'below' ? bands[kind]++ % 3 : 0;
      return [{ id: `${j}-${k}`, a, b, name, kind, band }];
    }),
  );
  const has = (k: Edge['kind']) => edges.filter((e) => e.kind === k).length;
  const top = PAD + 14 + Math.max(has('loop') ? 40 : 0, has('above') ? BAND * (Math.min(has('above'), 3) + 1) : 0);
  const maxRow = Math.max(...boxes.map((b) => b.row));
  const width = Math.max(...boxes.map((b) => b.x)) + W + PAD;
  const height = top + maxRow * ROW + H + PAD + (has('below') ? BAND * (Math.min(has('below'), 3) + 1) + 10 : 0);
  const init = at.get(body.initial);
  return (
    <div style={{ overflowX: 'auto', border: '1px solid #f0f0f0', borderRadius: 8, background: '#fafafa' }}>
      <svg width={width} height={height} role="img" aria-label={t('methods.diagram.label', { name: (lang === 'en' ? body.name?.en : body.name?.zh) || body.key || '' })} data-testid="stage-diagram">
        <defs>
          <marker id="gz-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M0,0 L10,5 L0,10 z" fill="#8c8c8c" />
          </marker>
        </defs>
        {edges.map((e) => {
          const g = geometry(e, top);
          return (
            <g key={e.id}>
              <title>{e.name}</title>
              <path d={g.d} fill="none" stroke="#8c8c8c" strokeWidth={1.4} markerEnd="url(#gz-arrow)" />
              <text x={g.lx} y={g.ly} fontSize={11} textAnchor="middle" fill="#434343" stroke="#fafafa" strokeWidth={3} paintOrder="stroke">
                {short(e.name, (e.kind === 'next' ? 7 : 12) * (lang === 'en' ? 2 : 1))}
              </text>
            </g>
          );
        })}
        {init && (
          <g>
            <circle cx={init.x - 12} cy={init.y + top + H / 2} r={6} fill="#c8102e" />
            <text x={init.x - 12} y={init.y + top + H / 2 + 20} fontSize={10} textAnchor="middle" fill="#c8102e">{t('methods.diagram.start')}</text>
          </g>
        )}
        {boxes.map((b) => (
          <g key={b.key} data-stage={b.key}>
            <title>{`${b.label} · ${b.key}`}</title>
            <rect x={b.x} y={b.y + top} width={W} height={H} rx={8} fill={b.terminal ? '#f0f0f0' : '#fff'} stroke={b.terminal ? '#595959' : '#c8102e'} strokeWidth={b.terminal ? 2.5 : 1.5} />
            <text x={b.x + W / 2} y={b.y + top + 20} fontSize={13} textAnchor="middle" fill="#1f1f1f">{short(b.label, lang === 'en' ? 17 : 9)}</text>
            <text x={b.x + W / 2} y={b.y + top + 37} fontSize={10} textAnchor="middle" fill="#8c8c8c">{short(b.key, 20)}</text>
          </g>
        ))}
      </svg>
    </div>
  );
}

import { Typography } from 'antd';
import { useT } from '../../../i18n/index.tsx';

/** A place with coordinates. */
export interface PlotPoint {
  id: string;
  name: string;
  lat: number;
  lng: number;
}

const W = 320;
const H = 200;
const PAD = 28;

/**
 * A small schematic, not a map: the compound as a pin on a neutral grid, with the other compounds of its community that have
 * coordinates as grey dots at their relative positions (east to the right, north up, distances to scale). No map tiles.
 */
export function MiniPlot({ focus, others }: { focus: PlotPoint; others: PlotPoint[] }) {
  const t = useT();
  const all = [focus, ...others.filter((o) => o.id !== focus.id)];
  const k = Math.cos((focus.lat * Math.PI) / 180);
  const xs = all.map((p) => p.lng * k);
  const ys = all.map((p) => p.lat);
  const minX = Math.min(...xs);
  const maxX = Math.max(...xs);
  const minY = Math.min(...ys);
  const maxY = Math.max(...ys);
  // One scale for both axes so the picture keeps true proportions; a lone point sits in the middle.
  const span = Math.max(maxX - minX, maxY - minY, 1e-6);
  const scale = Math.min((W - 2 * PAD) / span, (H - 2 * PAD) / span);
  const cx = (minX + maxX) / 2;
  const cy = (minY + maxY) / 2;
  const at = (p: PlotPoint) => ({ x: W / 2 + (p.lng * k - cx) * scale, y: H / 2 - (p.lat - cy) * scale });
  const f = at(focus);
  const lat = `${Math.abs(focus.lat).toFixed(5)}°${focus.lat >= 0 ? 'N' : 'S'}`;
  const lng = `${Math.abs(focus.lng).toFixed(5)}°${focus.lng >= 0 ? 'E' : 'W'}`;
  const label = t('registry.map.aria', { name: focus.name, lat, lng, n: all.length - 1 });
  const lines = [];
  for (let i = 1; i < 8; i++) lines.push(<line key={`v${i}`} x1={(W / 8) * i} y1={0} x2={(W / 8) * i} y2={H} stroke="#eee" />);
  for (let i = 1; i < 5; i++) lines.push(<line key={`h${i}`} x1={0} y1={(H / 5) * i} x2={W} y2={(H / 5) * i} stroke="#eee" />);

  return (
    <figure style={{ margin: 0, maxWidth: W, width: '100%' }}>
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label={label} style={{ display: 'block', background: '#fafafa', border: '1px solid #f0f0f0', borderRadius: 6 }}>
        {lines}
        <text x={W - 8} y={14} fontSize={10} textAnchor="end" fill="#999">
          {t('registry.map.north')}
        </text>
        <path d={`M${W - 14} 30 L${W - 10} 20 L${W - 6} 30 Z`} fill="#bbb" />
        {all.slice(1).map((p) => {
          const q = at(p);
          return (
            <g key={p.id}>
              <title>{p.name}</title>
              <circle cx={q.x} cy={q.y} r={4} fill="#bfbfbf" stroke="#fff" />
            </g>
          );
        })}
        <g>
          <title>{focus.name}</title>
          <path d={`M${f.x} ${f.y} C${f.x - 9} ${f.y - 12} ${f.x - 9} ${f.y - 24} ${f.x} ${f.y - 24} C${f.x + 9} ${f.y - 24} ${f.x + 9} ${f.y - 12} ${f.x} ${f.y} Z`} fill="#c8102e" />
          <circle cx={f.x} cy={f.y - 16} r={3.5} fill="#fff" />
          <text x={f.x} y={Math.max(f.y - 30, 12)} fontSize={12} textAnchor="middle" fill="#333" stroke="#fafafa" strokeWidth={3} paintOrder="stroke">
            {focus.name}
          </text>
        </g>
      </svg>
      <figcaption>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('registry.map.caption', { lat, lng, n: all.length - 1 })}
        </Typography.Text>
      </figcaption>
    </figure>
  );
}

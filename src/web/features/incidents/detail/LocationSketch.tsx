import { Typography } from 'antd';
import { useI18n } from '../../../i18n/index.tsx';

/** A point near the incident to mark on the sketch (a possible duplicate). */
export interface NearbyPoint {
  id: string;
  lat: number;
  lng: number;
  label: string;
}

const SIZE = 220;
const C = SIZE / 2;
/** Metres per degree of latitude, and of longitude at the equator (a flat projection is exact enough for 100 m). */
const M_PER_DEG = 111_320;
/** Reports of the same 小类 closer than this are flagged as duplicates (the server's DUPLICATE_RADIUS_M). */
const DUPLICATE_RADIUS_M = 50;

/** Metres east and north of the centre. */
function offset(c: { lat: number; lng: number }, p: { lat: number; lng: number }): { x: number; y: number } {
  return { x: (p.lng - c.lng) * M_PER_DEG * Math.cos((c.lat * Math.PI) / 180), y: (p.lat - c.lat) * M_PER_DEG };
}

/**
 * A small drawn sketch of where the incident lies, without map tiles: the point in the middle, the 50 m circle the
 * duplicate check uses, nearby possible duplicates as numbered dots, a north arrow and a scale; the coordinates below.
 */
export function LocationSketch({ lat, lng, nearby = [] }: { lat: number; lng: number; nearby?: NearbyPoint[] }) {
  const { t } = useI18n();
  const centre = { lat, lng };
  const points = nearby.map((p) => ({ ...p, ...offset(centre, p) }));
  const far = Math.max(DUPLICATE_RADIUS_M * 1.6, ...points.map((p) => Math.hypot(p.x, p.y) * 1.25));
  const scale = (C - 14) / far;
  const ring = DUPLICATE_RADIUS_M * scale;
  const bar = far > 400 ? 200 : far > 160 ? 100 : 50;
  return (
    <figure style={{ margin: 0 }}>
      <svg viewBox={`0 0 ${SIZE} ${SIZE}`} width="100%" style={{ maxWidth: SIZE, display: 'block', background: '#f6f8fa', borderRadius: 8 }} role="img" aria-label={t('incidents.location.aria', { lat: lat.toFixed(5), lng: lng.toFixed(5) })}>
        {[0.25, 0.5, 0.75].map((f) => (
          <g key={f} stroke="#e3e8ee">
            <line x1={SIZE * f} y1={0} x2={SIZE * f} y2={SIZE} />
            <line x1={0} y1={SIZE * f} x2={SIZE} y2={SIZE * f} />
          </g>
        ))}
        <circle cx={C} cy={C} r={ring} fill="rgba(22,119,255,0.08)" stroke="#1677ff" strokeDasharray="4 3" />
        {points.map((p, n) => (
          <g key={p.id}>
            <circle cx={C + p.x * scale} cy={C - p.y * scale} r={5} fill="#fa8c16" stroke="#fff" />
            <text x={C + p.x * scale + 7} y={C - p.y * scale + 4} fontSize={11} fill="#ad4e00">{n + 1}</text>
          </g>
        ))}
        <circle cx={C} cy={C} r={7} fill="#f5222d" stroke="#fff" strokeWidth={2} />
        <g transform={`translate(${SIZE - 22}, 26)`} fill="#595959">
          <path d="M0 -14 L6 4 L0 0 L-6 4 Z" />
          <text y={17} fontSize={11} textAnchor="middle">{t('incidents.location.north')}</text>
        </g>
        <g transform={`translate(12, ${SIZE - 14})`} stroke="#595959" fill="#595959">
          <line x1={0} y1={0} x2={bar * scale} y2={0} strokeWidth={2} />
          <text x={0} y={-5} fontSize={10} stroke="none">{t('incidents.location.metres', { m: bar })}</text>
        </g>
      </svg>
      <figcaption>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('incidents.location.caption', { lat: lat.toFixed(5), lng: lng.toFixed(5), r: DUPLICATE_RADIUS_M })}
        </Typography.Text>
        {points.map((p, n) => (
          <div key={p.id}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{`${n + 1}. ${p.label}`}</Typography.Text>
          </div>
        ))}
      </figcaption>
    </figure>
  );
}

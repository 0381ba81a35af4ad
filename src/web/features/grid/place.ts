// Which compound the worker is standing in, from the device position and the compounds of their grid.

/** Great-circle distance in metres between two points (haversine). */
export function metresBetween(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = (x: number) => (x * Math.PI) / 180;
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.sqrt(h));
}

/**
 * The compound to preselect: the nearest one with coordinates within `maxMetres` of the position, else the only compound
 * when there is exactly one, else none (the worker picks).
 */
export function defaultCompound<C extends { id: string; lat: number | null; lng: number | null }>(compounds: C[], pos: { lat: number; lng: number } | null, maxMetres = 1000): C | null {
  if (pos) {
    let best: { c: C; d: number } | null = null;
    for (const c of compounds) {
      if (c.lat === null || c.lng === null) continue;
      const d = metresBetween(pos, { lat: c.lat, lng: c.lng });
      if (d <= maxMetres && (!best || d < best.d)) best = { c, d };
    }
    if (best) return best.c;
  }
  return compounds.length === 1 ? compounds[0] : null;
}

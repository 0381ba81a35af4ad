import { useEffect, useMemo, useState } from 'react';
import type { CategoryVersionView, IncidentView } from '../../../shared/incidents.ts';
import type { I18nName, InputDef, MethodTemplateBody, TransitionDef } from '../../../shared/method-template.ts';
import { fromStages } from '../../../shared/method-template.ts';
import { useRegion } from '../../app/region.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { getCalendarMarks, getCategories, getCompoundBrief, getGrid, getLoopVersions } from './api.ts';
import { nameIn } from './labels.ts';
import type { CalendarMarks } from './time.ts';

// Lookups the incident screens share, each loaded once per page load and kept in memory: published versions and
// registry names do not change under a user's feet in a way that matters for a label.

let loopPromise: Promise<MethodTemplateBody[]> | null = null;
let categoriesPromise: Promise<CategoryVersionView> | null = null;
const calendars = new Map<number, Promise<CalendarMarks>>();
const compoundNames = new Map<string, Promise<string | null>>();
const gridNames = new Map<string, Promise<string | null>>();

/** Names of the closed loop's stages, events and inputs, over all its versions. */
export interface LoopDefs {
  /** The stages of the newest version, for filters. */
  stages: { key: string; name: string; terminal: boolean }[];
  stageName(key: string | null): string;
  transition(event: string, from: string | null): TransitionDef | undefined;
  eventName(event: string, from: string | null): string;
  inputDef(event: string, from: string | null, key: string): InputDef | undefined;
}

/**
 * The closed-loop template's names. Callers without method.read get the built-in names of the preset's stages from the
 * locale files, and bare event keys.
 */
export function useLoopDefs(): LoopDefs {
  const { t, lang } = useI18n();
  const [bodies, setBodies] = useState<MethodTemplateBody[]>([]);
  useEffect(() => {
    let live = true;
    loopPromise ??= getLoopVersions().catch(() => {
      loopPromise = null;
      return [];
    });
    void loopPromise.then((b) => live && setBodies(b));
    return () => {
      live = false;
    };
  }, []);
  return useMemo(() => {
    const transition = (event: string, from: string | null) => {
      for (const b of bodies) {
        const hit = b.transitions.find((x) => x.event === event && (from === null || fromStages(x).includes(from)));
        if (hit) return hit;
      }
      return bodies.flatMap((b) => b.transitions).find((x) => x.event === event);
    };
    const stageName = (key: string | null) => {
      if (!key) return '';
      const s = bodies.flatMap((b) => b.stages).find((x) => x.key === key);
      return nameIn(s?.name as I18nName | undefined, lang) || t.dyn(`incidents.stage.${key}`, key);
    };
    return {
      stages: (bodies[0]?.stages ?? []).map((x) => ({ key: x.key, name: nameIn(x.name, lang) || x.key, terminal: !!x.terminal })),
      stageName,
      transition,
      eventName: (event, from) => nameIn(transition(event, from)?.name, lang) || t.dyn(`incidents.event.${event}`, event),
      inputDef: (event, from, key) => transition(event, from)?.inputs?.find((i) => i.key === key),
    };
  }, [bodies, lang, t]);
}

/** The current category version (tree and routing rules with organisation names). */
export function useCurrentCategories(): CategoryVersionView | null {
  const [v, setV] = useState<CategoryVersionView | null>(null);
  useEffect(() => {
    let live = true;
    categoriesPromise ??= getCategories().catch((e: unknown) => {
      categoriesPromise = null;
      throw e;
    });
    categoriesPromise.then((x) => live && setV(x), () => undefined);
    return () => {
      live = false;
    };
  }, []);
  return v;
}

/** Forgets the cached current category version (after publishing a new one). */
export function forgetCategories(): void {
  categoriesPromise = null;
}

/** The working calendar's marked days for the years of the given instants (national calendar). */
export function useCalendarMarks(...instants: (string | null | undefined)[]): CalendarMarks {
  const years = [...new Set(instants.filter(Boolean).map((s) => new Date(s!).getFullYear()).concat(new Date().getFullYear()))].sort().join(',');
  const [marks, setMarks] = useState<CalendarMarks>(new Map());
  useEffect(() => {
    let live = true;
    const ys = years.split(',').map(Number);
    Promise.all(ys.map((y) => {
      let p = calendars.get(y);
      if (!p) {
        p = getCalendarMarks(y).then((days) => new Map(days.map((d) => [d.date, d.kind])), () => new Map());
        calendars.set(y, p);
      }
      return p;
    })).then((all) => live && setMarks(new Map(all.flatMap((m) => [...m]))));
    return () => {
      live = false;
    };
  }, [years]);
  return marks;
}

/** Names of where incidents lie: "community · compound" and the grid, looked up once per id. */
export function usePlaceNames(items: Pick<IncidentView, 'communityId' | 'compoundId' | 'gridId'>[]): {
  community(id: string): string;
  compound(id: string | null): string | null;
  grid(id: string | null): string | null;
} {
  const { regions } = useRegion();
  const [, setTick] = useState(0);
  const [known] = useState(() => new Map<string, string | null>());
  const ids = items.map((i) => `${i.compoundId ?? ''}|${i.gridId ?? ''}`).join(',');
  useEffect(() => {
    let live = true;
    const wait: Promise<unknown>[] = [];
    const look = (cache: Map<string, Promise<string | null>>, id: string | null, load: (id: string) => Promise<{ name: string }>) => {
      if (!id || known.has(id)) return;
      let p = cache.get(id);
      if (!p) {
        p = load(id).then((x) => x.name, () => null);
        cache.set(id, p);
      }
      wait.push(p.then((name) => known.set(id, name)));
    };
    for (const i of items) {
      look(compoundNames, i.compoundId, getCompoundBrief);
      look(gridNames, i.gridId, getGrid);
    }
    if (wait.length) void Promise.all(wait).then(() => live && setTick((n) => n + 1));
    return () => {
      live = false;
    };
    // The id list decides when to look up; items is a new array on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ids, known]);
  return {
    community: (id) => regions.find((r) => r.id === id)?.name ?? '',
    compound: (id) => (id ? known.get(id) ?? null : null),
    grid: (id) => (id ? known.get(id) ?? null : null),
  };
}

/**
 * A readable name for a scope path: the region's name, or for a compound's path (its last segment is the compound id)
 * "region · compound name", looked up once.
 */
export function usePathLabel(paths: string[]): (path: string) => string {
  const region = useRegion();
  const [, setTick] = useState(0);
  const [known] = useState(() => new Map<string, string | null>());
  const key = [...new Set(paths)].sort().join(',');
  useEffect(() => {
    let live = true;
    const wait: Promise<unknown>[] = [];
    for (const p of key.split(',').filter(Boolean)) {
      if (region.regions.some((r) => r.scopePath === p)) continue;
      const id = p.split('/').filter(Boolean).pop() ?? '';
      if (!/^[0-9a-f-]{36}$/i.test(id) || known.has(id)) continue;
      let q = compoundNames.get(id);
      if (!q) {
        q = getCompoundBrief(id).then((c) => c.name, () => null);
        compoundNames.set(id, q);
      }
      wait.push(q.then((name) => known.set(id, name)));
    }
    if (wait.length) void Promise.all(wait).then(() => live && setTick((n) => n + 1));
    return () => {
      live = false;
    };
  }, [key, known, region.regions]);
  return (path) => {
    const id = path.split('/').filter(Boolean).pop() ?? '';
    const name = known.get(id);
    if (!name) return region.labelOfPath(path);
    const parent = path.slice(0, path.length - id.length - 1);
    return `${region.labelOfPath(parent)} · ${name}`;
  };
}

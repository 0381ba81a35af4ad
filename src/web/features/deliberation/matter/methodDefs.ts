import { useEffect, useState } from 'react';
import { fromStages, type I18nName, type InputDef, type TransitionDef } from '../../../../shared/method-template.ts';
import { getMethodVersions } from '../api.ts';

/** Names and inputs of a method's transitions, over all its versions, to make a timeline readable. */
export interface MethodDefs {
  /** The transition an event fired from a stage used (newest version first); undefined when not known. */
  transition(event: string, from: string | null): TransitionDef | undefined;
}

/** Looks transitions up in versions listed newest first. */
export function methodDefsOf(bodies: { transitions: TransitionDef[] }[]): MethodDefs {
  return {
    transition(event, from) {
      for (const b of bodies) {
        const hit = b.transitions.find((t) => t.event === event && (from === null || fromStages(t).includes(from)));
        if (hit) return hit;
      }
      for (const b of bodies) {
        const hit = b.transitions.find((t) => t.event === event);
        if (hit) return hit;
      }
      return undefined;
    },
  };
}

/** The event's name, its input definitions, or nothing when the method cannot be read. */
export function eventName(defs: MethodDefs, event: string, from: string | null): I18nName | null {
  return defs.transition(event, from)?.name ?? null;
}

/** An input's definition in a fired event. */
export function inputDef(defs: MethodDefs, event: string, from: string | null, key: string): InputDef | undefined {
  return defs.transition(event, from)?.inputs?.find((i) => i.key === key);
}

/**
 * The transitions of a method by key. A caller without method.read (or a method removed since) gets an empty lookup,
 * and the timeline falls back to the bare event and input keys.
 */
export function useMethodDefs(methodKey: string): MethodDefs {
  const [defs, setDefs] = useState<MethodDefs>(() => methodDefsOf([]));
  useEffect(() => {
    let live = true;
    getMethodVersions(methodKey)
      .then((r) => {
        const versions = [...r.versions].sort((a, b) => b.version - a.version);
        if (live) setDefs(methodDefsOf(versions.map((v) => v.body)));
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [methodKey]);
  return defs;
}

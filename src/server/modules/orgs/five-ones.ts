import { FIVE_ONES_ITEMS, type FiveOnesItem, type FiveOnesKey } from '../../../shared/org-types.ts';

/** One checklist item: whether it is met and what meets it (names), computed from records. */
export interface FiveOnesCheck {
  ok: boolean;
  /** What meets the item (names joined by 、), or null when missing. */
  detail: string | null;
}

/** The five-ones checklist (五个一) of one compound; never stored. */
export interface FiveOnes {
  compoundId: string;
  name: string;
  communityName: string | null;
  items: Record<FiveOnesKey, FiveOnesCheck>;
  score: number;
  missing: FiveOnesItem[];
}

/** The records that can meet each item, for one compound (already filtered to those in force today). */
export interface FiveOnesFacts {
  partyOrgs: string[];
  workPlans: string[];
  responsibleLeaders: string[];
  contactUnits: string[];
  volunteerTeams: string[];
}

/** An empty fact set. */
export function noFacts(): FiveOnesFacts {
  return { partyOrgs: [], workPlans: [], responsibleLeaders: [], contactUnits: [], volunteerTeams: [] };
}

const FACT_OF: Record<FiveOnesKey, keyof FiveOnesFacts> = {
  partyOrg: 'partyOrgs', workPlan: 'workPlans', responsibleLeader: 'responsibleLeaders', contactUnit: 'contactUnits', volunteerTeam: 'volunteerTeams',
};

/** Scores a compound's checklist from its facts. */
export function assessFiveOnes(compound: { id: string; name: string; communityName: string | null }, facts: FiveOnesFacts): FiveOnes {
  const items = {} as Record<FiveOnesKey, FiveOnesCheck>;
  const missing: FiveOnesItem[] = [];
  for (const it of FIVE_ONES_ITEMS) {
    const names = [...new Set(facts[FACT_OF[it.key]])];
    items[it.key] = { ok: names.length > 0, detail: names.length ? names.join('、') : null };
    if (!names.length) missing.push(it.code);
  }
  return { compoundId: compound.id, name: compound.name, communityName: compound.communityName, items, score: 5 - missing.length, missing };
}

// Labels and small rules of the campaign screens: statuses in the UI language, category names and the category tree.
import type { CampaignStatus, TaskStatus } from '../../../shared/campaigns.ts';
import type { CategoryVersionView } from '../../../shared/incidents.ts';
import type { I18nName } from '../../../shared/method-template.ts';
import type { Lang, T } from '../../i18n/index.tsx';

/** A `{ zh, en }` name in the UI language. */
export function nameIn(n: I18nName | null | undefined, lang: Lang): string {
  return n ? (lang === 'en' ? n.en : n.zh) : '';
}

/** A campaign status's label. */
export const campaignStatusLabel = (t: T, s: string) => t.dyn(`campaigns.status.${s}`, s);
/** A task status's label. */
export const taskStatusLabel = (t: T, s: string) => t.dyn(`campaigns.taskStatus.${s}`, s);
/** An inspection result's label. */
export const resultLabel = (t: T, r: string) => t.dyn(`campaigns.result.${r}`, r);

/** Tag colours of the campaign statuses. */
export const CAMPAIGN_STATUS_COLOR: Record<CampaignStatus, string> = { planned: 'blue', running: 'orange', finished: 'green' };
/** Tag colours of the task statuses. */
export const TASK_STATUS_COLOR: Record<TaskStatus, string> = { open: 'red', inspected: 'green', waived: 'default' };

type Category = CategoryVersionView['categories'][number];

/** 大类 with their 小类 as an antd tree (checkable: a whole 大类 or single 小类). */
export function categoryTree(categories: readonly Category[], lang: Lang) {
  const label = (c: Category) => `${c.code} ${nameIn(c.name, lang)}`;
  return categories
    .filter((c) => !c.parentCode)
    .map((major) => ({
      value: major.code,
      title: label(major),
      children: categories.filter((c) => c.parentCode === major.code).map((minor) => ({ value: minor.code, title: label(minor) })),
    }));
}

/** The 小类 a campaign's problem types cover: each listed 小类, and every 小类 under a listed 大类. */
export function coveredMinors(categories: readonly Category[], problemTypes: readonly string[]): Category[] {
  return categories.filter((c) => c.parentCode && problemTypes.some((p) => p === c.code || (p.length === 2 && c.code.startsWith(p))));
}

/** Coverage as a whole percentage. */
export function percent(rate: number): number {
  return Math.round(rate * 1000) / 10;
}

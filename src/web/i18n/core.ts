// The translation core without React or antd, so the API client and unit tests can use it.
import { en } from './en.ts';
import { zhCN, type MessageKey } from './zh-CN.ts';

export type { MessageKey } from './zh-CN.ts';

/** A UI language. */
export type Lang = 'zh-CN' | 'en';
/** Placeholder values for a message, e.g. { n: 3 } for `{n}`. */
export type Params = Record<string, string | number>;
/** The translate function handed to components. */
export type T = ((key: MessageKey, params?: Params) => string) & {
  /** A message chosen at run time (e.g. a permission or action code), or the fallback when no such key exists. */
  dyn: (key: string, fallback: string, params?: Params) => string;
};

/** localStorage key of the chosen language. */
export const LANG_STORAGE_KEY = 'gongzhi.lang';
const CATALOGUES: Record<Lang, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

function storedLang(): Lang {
  try {
    return globalThis.localStorage?.getItem(LANG_STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

let current: Lang = storedLang();

/** The language in use now; read by code outside React (the API client). */
export function currentLang(): Lang {
  return current;
}

/** Sets the language in use (the provider calls it; tests may too). */
export function setCurrentLang(lang: Lang): void {
  current = lang;
}

function fill(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

/** Translates outside React (the API client, module code). */
export function translate(key: MessageKey, params?: Params, lang: Lang = current): string {
  return fill(CATALOGUES[lang][key] ?? zhCN[key] ?? key, params);
}

/** The translate function of a language. */
export function makeT(lang: Lang): T {
  const cat = CATALOGUES[lang] as Record<string, string>;
  const t = ((key: MessageKey, params?: Params) => translate(key, params, lang)) as T;
  t.dyn = (key, fallback, params) => fill(cat[key] ?? fallback, params);
  return t;
}

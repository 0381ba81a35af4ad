// The public pages' own small i18n: only their strings (messages.*.ts), no antd or dayjs locale, so the resident's
// first visit stays light. The console's locale files spread the same strings for the staff button.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { publicEn } from './messages.en.ts';
import { publicZh } from './messages.zh-CN.ts';

/** A language of the public pages. */
export type PublicLang = 'zh-CN' | 'en';
/** A key of the public pages' strings. */
export type PublicKey = keyof typeof publicZh;
/** Placeholder values, e.g. { n: 3 } for `{n}`. */
export type PublicParams = Record<string, string | number>;
/** The translate function of the public pages. */
export type PublicT = ((key: PublicKey, params?: PublicParams) => string) & {
  /** A string chosen at run time (a category code), or the fallback when there is no such key. */
  dyn: (key: string, fallback: string, params?: PublicParams) => string;
};

/** The console's localStorage key of the language (i18n/core.ts), so one choice serves the console and these pages. */
const LANG_KEY = 'gongzhi.lang';
const CATALOGUES: Record<PublicLang, Record<string, string>> = { 'zh-CN': publicZh, en: publicEn };

function storedLang(): PublicLang {
  try {
    return globalThis.localStorage?.getItem(LANG_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

let current: PublicLang = storedLang();

/** The language in use now; read outside React by the API calls (which error text to show). */
export function publicLang(): PublicLang {
  return current;
}

function fill(template: string, params?: PublicParams): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

/** The translate function of a language; a missing English string falls back to Chinese. */
export function makePublicT(lang: PublicLang): PublicT {
  const cat = CATALOGUES[lang];
  const t = ((key: PublicKey, params?: PublicParams) => fill(cat[key] ?? publicZh[key] ?? key, params)) as PublicT;
  t.dyn = (key, fallback, params) => fill(cat[key] ?? fallback, params);
  return t;
}

interface PublicI18n {
  lang: PublicLang;
  setLang(lang: PublicLang): void;
  t: PublicT;
}

const Ctx = createContext<PublicI18n>({ lang: current, setLang: () => undefined, t: makePublicT(current) });

/** Holds the public pages' language (zh-CN unless English was chosen on this phone) and remembers a switch. */
export function PublicI18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<PublicLang>(current);
  // Set during render so API errors of the next request already come in the new language.
  current = lang;
  useEffect(() => {
    document.documentElement.lang = lang;
    try {
      localStorage.setItem(LANG_KEY, lang);
    } catch {
      // private mode: the choice just is not remembered
    }
  }, [lang]);
  const setLang = useCallback((l: PublicLang) => setLangState(l), []);
  const value = useMemo(() => ({ lang, setLang, t: makePublicT(lang) }), [lang, setLang]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

/** The language, its setter and the translate function of the public pages. */
export function usePublicI18n(): PublicI18n {
  return useContext(Ctx);
}

import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { App as AntApp, ConfigProvider } from 'antd';
import antdZhCN from 'antd/locale/zh_CN';
import antdEnUS from 'antd/locale/en_US';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { currentLang, LANG_STORAGE_KEY, makeT, setCurrentLang, translate, type Lang, type T } from './core.ts';

export { currentLang, translate, type Lang, type MessageKey, type Params, type T } from './core.ts';

interface I18nValue {
  lang: Lang;
  setLang(lang: Lang): void;
  t: T;
}

const I18nContext = createContext<I18nValue>({ lang: currentLang(), setLang: () => undefined, t: makeT(currentLang()) });

function applyLang(lang: Lang): void {
  setCurrentLang(lang);
  dayjs.locale(lang === 'en' ? 'en' : 'zh-cn');
  document.documentElement.lang = lang;
  document.title = translate('app.documentTitle', undefined, lang);
}

/** Holds the UI language (remembered in localStorage) and gives antd and dayjs the matching locale. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(currentLang);
  // Applied during render so the API client and dayjs switch before any child renders in the new language.
  applyLang(lang);
  useEffect(() => {
    try {
      localStorage.setItem(LANG_STORAGE_KEY, lang);
    } catch {
      // private mode: the choice just is not remembered
    }
  }, [lang]);
  const setLang = useCallback((l: Lang) => setLangState(l), []);
  const value = useMemo(() => ({ lang, setLang, t: makeT(lang) }), [lang, setLang]);
  return (
    <I18nContext.Provider value={value}>
      <ConfigProvider locale={lang === 'en' ? antdEnUS : antdZhCN} theme={{ token: { colorPrimary: '#c8102e' } }}>
        <AntApp>{children}</AntApp>
      </ConfigProvider>
    </I18nContext.Provider>
  );
}

/** The translate function for the current language. */
export function useT(): T {
  return useContext(I18nContext).t;
}

/** The language, its setter and the translate function. */
export function useI18n(): I18nValue {
  return useContext(I18nContext);
}

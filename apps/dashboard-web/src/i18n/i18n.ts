import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { ko } from './ko';
import { Language, detectLanguage, storeLanguage, storedLanguage } from './language';

export function createI18n(language: Language = detectLanguage(storedLanguage())) {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources: { en: { translation: en }, ko: { translation: ko } },
    lng: language,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    initImmediate: false,
    returnNull: false,
    // No console output from the library (the dashboard keeps the console clean).
    showSupportNotice: false,
  });
  const setDocumentLanguage = (lng: string) => {
    if (typeof document !== 'undefined') document.documentElement.lang = lng;
  };
  setDocumentLanguage(language);
  instance.on('languageChanged', (lng) => {
    setDocumentLanguage(lng);
    storeLanguage(lng as Language);
  });
  return instance;
}

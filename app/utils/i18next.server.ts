import { RemixI18Next } from "remix-i18next/server";
import en from "~/locales/en.json";
import id from "~/locales/id.json";
import { i18nConfig, localeFromPathname } from "./i18n";

export const resources = { id: { common: id }, en: { common: en } } as const;

/** The language comes from the URL, never from a header, so one URL is one language (cacheable). */
export const i18next = new RemixI18Next({
  detection: {
    supportedLanguages: [...i18nConfig.supportedLngs],
    fallbackLanguage: i18nConfig.fallbackLng,
    findLocale: async (request) => localeFromPathname(new URL(request.url).pathname),
  },
  i18next: { ...i18nConfig, resources },
});

import { RemixBrowser } from "@remix-run/react";
import i18next from "i18next";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { i18nConfig, isLocale } from "~/utils/i18n";

async function hydrate() {
  const lang = document.documentElement.lang;
  const lng = isLocale(lang) ? lang : i18nConfig.fallbackLng;
  // Only the page's own language is downloaded.
  const strings = lng === "en" ? await import("~/locales/en.json") : await import("~/locales/id.json");
  await i18next.use(initReactI18next).init({ ...i18nConfig, lng, resources: { [lng]: { common: strings.default } } });

  startTransition(() => {
    hydrateRoot(
      document,
      <I18nextProvider i18n={i18next}>
        <StrictMode>
          <RemixBrowser />
        </StrictMode>
      </I18nextProvider>,
    );
  });
}

hydrate();

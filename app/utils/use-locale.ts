import { useLocation, useRouteLoaderData } from "@remix-run/react";
import { useCallback } from "react";
import { localeFromPathname, localePath, type Locale } from "./i18n";

/** The page's language: from the root loader when it ran, else from the URL (error pages). */
export function useLocale(): Locale {
  const data = useRouteLoaderData<{ locale?: Locale }>("root");
  const location = useLocation();
  return data?.locale ?? localeFromPathname(location.pathname);
}

/** Builds links that stay in the page's language: to("/motifs") -> "/en/motifs" on English pages. */
export function useLocalePath() {
  const locale = useLocale();
  return useCallback((path: string) => localePath(locale, path), [locale]);
}

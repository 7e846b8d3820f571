/** Languages: Indonesian at the root, English under /en (same paths after the prefix). */
export const LOCALES = ["id", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "id";

export const i18nConfig = {
  supportedLngs: [...LOCALES],
  fallbackLng: DEFAULT_LOCALE,
  defaultNS: "common",
  interpolation: { escapeValue: false },
  react: { useSuspense: false },
} as const;

export function isLocale(value: unknown): value is Locale {
  return value === "id" || value === "en";
}

/** The locale a URL path is in: "/en" or "/en/..." is English, anything else Indonesian. */
export function localeFromPathname(pathname: string): Locale {
  return pathname === "/en" || pathname.startsWith("/en/") ? "en" : "id";
}

/** The path without its language prefix ("/en/motifs" -> "/motifs"). */
export function stripLocale(pathname: string): string {
  if (pathname === "/en") return "/";
  if (pathname.startsWith("/en/")) return pathname.slice(3);
  return pathname;
}

/** A path in the given language ("/motifs" -> "/en/motifs" in English). */
export function localePath(locale: Locale, path: string): string {
  const clean = path.startsWith("/") ? path : `/${path}`;
  if (locale === DEFAULT_LOCALE) return clean;
  return clean === "/" ? "/en" : `/en${clean}`;
}

/**
 * Text written by people in one language falls back to the other, so a page
 * never shows an empty title because an artisan wrote only Indonesian.
 */
export function localized(locale: Locale, idText: string | null | undefined, enText: string | null | undefined) {
  const primary = locale === "en" ? enText : idText;
  const secondary = locale === "en" ? idText : enText;
  return primary?.trim() ? primary : (secondary ?? "");
}

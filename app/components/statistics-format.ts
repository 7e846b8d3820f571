import type { TFunction } from "i18next";
import type { Locale } from "~/utils/i18n";

const intlLocale = (locale: Locale) => (locale === "en" ? "en-GB" : "id-ID");

/** A month "YYYY-MM" as "Mar 2026" (or "March 2026" with `long`), in the page's language. */
export function formatMonth(month: string, locale: Locale, long = false): string {
  const [y, m] = month.split("-").map(Number);
  return new Intl.DateTimeFormat(intlLocale(locale), {
    timeZone: "UTC",
    month: long ? "long" : "short",
    year: "numeric",
  }).format(new Date(Date.UTC(y, m - 1, 15)));
}

/** A count with the language's grouping ("1.234" / "1,234"). */
export function formatCount(n: number, locale: Locale): string {
  return new Intl.NumberFormat(intlLocale(locale)).format(n);
}

/** A share 0..1 as a percentage with at most one decimal; "—" when there is none. */
export function formatShare(share: number | null, locale: Locale): string {
  if (share == null) return "—";
  return new Intl.NumberFormat(intlLocale(locale), {
    style: "percent",
    maximumFractionDigits: 1,
  }).format(share);
}

/** A response time: whole minutes under an hour, else hours with one decimal; "—" when none. */
export function formatResponse(minutes: number | null, locale: Locale, t: TFunction): string {
  if (minutes == null) return "—";
  if (minutes < 60)
    return t("statistics.format.minutes", {
      value: formatCount(Math.round(minutes), locale),
    });
  const hours = new Intl.NumberFormat(intlLocale(locale), {
    maximumFractionDigits: 1,
  }).format(minutes / 60);
  return t("statistics.format.hours", { value: hours });
}

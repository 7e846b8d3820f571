import type { Locale } from "./i18n";

export const TIME_ZONE = "Asia/Jakarta";

const rupiah = new Intl.NumberFormat("id-ID", {
  style: "currency",
  currency: "IDR",
  minimumFractionDigits: 0,
  maximumFractionDigits: 0,
});

/** Whole rupiah as "Rp 1.250.000" (Indonesian grouping in both languages). */
export function formatRupiah(amount: number): string {
  return rupiah.format(amount).replace(/\u00a0/g, " ");
}

const intlLocale = (locale: Locale) => (locale === "en" ? "en-GB" : "id-ID");

/** A date in WIB, e.g. "2 Oktober 2026" / "2 October 2026". */
export function formatDate(iso: string | Date, locale: Locale, options: Intl.DateTimeFormatOptions = {}): string {
  const date = typeof iso === "string" ? new Date(iso) : iso;
  return new Intl.DateTimeFormat(intlLocale(locale), {
    timeZone: TIME_ZONE,
    day: "numeric",
    month: "long",
    year: "numeric",
    ...options,
  }).format(date);
}

/** A date and time in WIB, e.g. "2 Okt 2026 19.00 WIB". */
export function formatDateTime(iso: string | Date, locale: Locale): string {
  const date = typeof iso === "string" ? new Date(iso) : iso;
  const text = new Intl.DateTimeFormat(intlLocale(locale), {
    timeZone: TIME_ZONE,
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(date);
  return `${text} WIB`;
}

/** The WIB calendar day ("YYYY-MM-DD") an instant falls on: periods are cut in WIB. */
export function wibDay(iso: string | Date): string {
  const date = typeof iso === "string" ? new Date(iso) : iso;
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" }).format(date);
}

/** The UTC instant at which a WIB day starts (WIB is UTC+7 all year, no DST). */
export function wibDayStart(day: string): Date {
  return new Date(`${day}T00:00:00+07:00`);
}

/** A country's name from its ISO 3166 alpha-2 code in the page's language ("ID" → "Indonesia"); the code itself if unknown. */
export function countryName(code: string, locale: Locale): string {
  try {
    return new Intl.DisplayNames([locale === "en" ? "en" : "id"], { type: "region", fallback: "code" }).of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

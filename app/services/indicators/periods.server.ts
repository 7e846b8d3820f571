/**
 * Periods of the indicators (PRODUCT.md §6): cut in Asia/Jakarta (WIB) days
 * and months. WIB is UTC+7 all year (no daylight saving), so a WIB month is
 * the half-open UTC interval [first day 00:00 WIB, next month's first day
 * 00:00 WIB) = [(first day − 1) 17:00Z, (next first day − 1) 17:00Z).
 *
 * Instants are stored as ISO-8601 UTC strings ("2026-03-31T17:30:00.000Z"),
 * which compare as text in time order, so a month's rows are selected with
 * `column >= startUtc and column < endUtc` (index friendly) and grouped with
 * `strftime('%Y-%m', column, '+7 hours')`. WIB dates ("YYYY-MM-DD": visits.day,
 * inquiries.offline_sale_on) are grouped by their first 7 characters.
 */
import { wibDayOf } from "~/models/common.server";

/** "YYYY-MM", a WIB calendar month. */
export type Month = string;

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** SQL modifier turning a stored UTC instant into WIB wall-clock time. */
export const WIB_MODIFIER = "+7 hours";

/** Whether `value` is a month "YYYY-MM" between 2000-01 and 2199-12. */
export function isMonth(value: unknown): value is Month {
  if (typeof value !== "string") return false;
  const m = MONTH_RE.exec(value);
  return m != null && Number(m[1]) >= 2000 && Number(m[1]) <= 2199;
}

/** The WIB month an instant falls in. */
export function wibMonthOf(instant: Date | string): Month {
  return wibDayOf(instant).slice(0, 7);
}

/** The month `n` months after `month` (n may be negative). */
export function addMonths(month: Month, n: number): Month {
  const [y, m] = month.split("-").map(Number);
  const index = y * 12 + (m - 1) + n;
  return `${String(Math.floor(index / 12)).padStart(4, "0")}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/** How many months from `from` to `to`, both included (0 or less when reversed). */
export function monthSpan(from: Month, to: Month): number {
  const [fy, fm] = from.split("-").map(Number);
  const [ty, tm] = to.split("-").map(Number);
  return ty * 12 + tm - (fy * 12 + fm) + 1;
}

/** Every month from `from` to `to`, both included, oldest first. */
export function monthsBetween(from: Month, to: Month): Month[] {
  const out: Month[] = [];
  for (let i = 0; i < monthSpan(from, to); i++) out.push(addMonths(from, i));
  return out;
}

/** The UTC instant (ISO string) at which a WIB month starts: 00:00 WIB on its first day. */
export function monthStartUtc(month: Month): string {
  return new Date(`${month}-01T00:00:00+07:00`).toISOString();
}

/** The first WIB day of a month, "YYYY-MM-01" (for WIB date columns). */
export function firstDayOf(month: Month): string {
  return `${month}-01`;
}

/**
 * The bounds of the months `from`..`to` (both included) as a half-open
 * interval: UTC instants for instant columns, WIB days for date columns.
 */
export function monthRangeBounds(from: Month, to: Month) {
  const after = addMonths(to, 1);
  return {
    startUtc: monthStartUtc(from),
    endUtc: monthStartUtc(after),
    startDay: firstDayOf(from),
    endDay: firstDayOf(after),
  };
}

/**
 * Time helpers for the seed. Everything is laid out in WIB (UTC+7, no
 * daylight saving) and stored as UTC instants.
 */
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
const WIB_OFFSET = 7 * HOUR;

/** The UTC instant of a WIB wall-clock time (month 1–12). */
export function wib(year: number, month: number, day: number, hour = 0, minute = 0): Date {
  return new Date(Date.UTC(year, month - 1, day, hour, minute) - WIB_OFFSET);
}

/** WIB calendar fields of an instant. */
export function wibParts(date: Date): { year: number; month: number; day: number; hour: number; weekday: number } {
  const shifted = new Date(date.getTime() + WIB_OFFSET);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    weekday: shifted.getUTCDay(),
  };
}

/** "YYYY-MM-DD" of the WIB day an instant falls on. */
export function wibDayString(date: Date): string {
  return new Date(date.getTime() + WIB_OFFSET).toISOString().slice(0, 10);
}

/** "YYYY-MM" of the WIB month an instant falls on. */
export function wibMonthString(date: Date): string {
  return wibDayString(date).slice(0, 7);
}

/** The start (00:00 WIB) of the WIB day of an instant. */
export function wibStartOfDay(date: Date): Date {
  const p = wibParts(date);
  return wib(p.year, p.month, p.day);
}

/** Same WIB wall-clock time `months` later (day clamped to the target month's length). */
export function addWibMonths(date: Date, months: number): Date {
  const s = new Date(date.getTime() + WIB_OFFSET);
  const year = s.getUTCFullYear();
  const month = s.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const utc = Date.UTC(year, month, Math.min(s.getUTCDate(), lastDay), s.getUTCHours(), s.getUTCMinutes(), s.getUTCSeconds(), s.getUTCMilliseconds());
  return new Date(utc - WIB_OFFSET);
}

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY);
}

export function minDate(a: Date, b: Date): Date {
  return a.getTime() <= b.getTime() ? a : b;
}

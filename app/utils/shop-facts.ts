/**
 * Form rules shared by the dashboard's facts, documents and needs pages (used
 * in the browser and on the server, so no server imports here).
 */
import { z } from "zod";
import { wibDay } from "~/utils/format";

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar day written YYYY-MM-DD (2026-02-30 is not one). */
export function isCalendarDay(value: string): boolean {
  if (!DAY_RE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** Today in Blitar (WIB), YYYY-MM-DD. */
export function todayWib(now: Date = new Date()): string {
  return wibDay(now);
}

/**
 * A whole number 0..10000 typed into a form (workers, pieces per month).
 * Conform's parseWithZod turns the text into a number (empty → absent, so
 * `required`; not a number → NaN, so `invalid`).
 */
export const smallCount = (messages: { required: string; invalid: string }) =>
  z
    .number({ required_error: messages.required, invalid_type_error: messages.invalid })
    .int(messages.invalid)
    .min(0, messages.invalid)
    .max(10_000, messages.invalid);

/** A day typed into a form: a real date, from 1950 on, and not after today WIB. One message per problem. */
export const pastDay = (messages: { invalid: string; future: string }) =>
  z
    .string()
    .trim()
    .superRefine((d, ctx) => {
      if (!isCalendarDay(d) || d < "1950-01-01") ctx.addIssue({ code: z.ZodIssueCode.custom, message: messages.invalid });
      else if (d > todayWib()) ctx.addIssue({ code: z.ZodIssueCode.custom, message: messages.future });
    });

/** A day typed into a form (an expiry may lie in the future): a real date between 1950 and 2199. */
export const anyDay = (message: string) =>
  z
    .string()
    .trim()
    .refine((d) => isCalendarDay(d) && d >= "1950-01-01" && d <= "2199-12-31", message);

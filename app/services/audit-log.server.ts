import { stringify } from "csv-stringify/sync";
import { z } from "zod";
import { listAuditEntries, type AuditEntry, type AuditFilter } from "~/models/audit.server";
import { AUDIT_FILTER_KEYS, type AuditQuery } from "~/utils/audit-filter";

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar day: 2026-13-45 and 2026-02-30 are not. */
function isCalendarDay(day: string): boolean {
  if (!DAY_RE.test(day)) return false;
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day;
}

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "audit.errors.tooLong")
    .optional()
    .transform((v) => v || undefined);
const day = z
  .string()
  .trim()
  .optional()
  .transform((v) => v || undefined)
  .refine((v) => v === undefined || isCalendarDay(v), "audit.errors.date");

/**
 * The audit page's GET parameters. Text filters longer than any real value
 * and impossible dates are errors the page shows (400); a bad page number is
 * simply page 1.
 */
export const AuditQuerySchema = z
  .object({
    action: text(100),
    actor: text(200),
    subjectType: text(40),
    subjectId: text(50),
    from: day,
    to: day,
    page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
  })
  .superRefine((v, ctx) => {
    if (v.from && v.to && v.from > v.to) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["to"], message: "audit.errors.range" });
  });


export type ParsedAuditQuery =
  | { ok: true; filter: AuditQuery; page: number; raw: AuditQuery }
  | { ok: false; errors: Partial<Record<(typeof AUDIT_FILTER_KEYS)[number], string>>; raw: AuditQuery };

/** Reads the filters from a URL; `raw` is what the form shows back (cut to a sane length). */
export function parseAuditQuery(url: URL): ParsedAuditQuery {
  const raw: AuditQuery = {};
  for (const key of AUDIT_FILTER_KEYS) {
    const value = url.searchParams.get(key);
    if (value) raw[key] = value.slice(0, 300);
  }
  const parsed = AuditQuerySchema.safeParse({
    ...Object.fromEntries(AUDIT_FILTER_KEYS.map((key) => [key, url.searchParams.get(key) ?? undefined])),
    page: url.searchParams.get("page") ?? undefined,
  });
  if (!parsed.success) {
    const errors: Partial<Record<(typeof AUDIT_FILTER_KEYS)[number], string>> = {};
    for (const issue of parsed.error.issues) {
      const key = issue.path[0] as (typeof AUDIT_FILTER_KEYS)[number];
      errors[key] ??= issue.message;
    }
    return { ok: false, errors, raw };
  }
  const { page, ...filter } = parsed.data;
  return { ok: true, filter, page, raw };
}

export function toModelFilter(query: AuditQuery): AuditFilter {
  return {
    action: query.action,
    actor: query.actor,
    subjectType: query.subjectType,
    subjectId: query.subjectId,
    from: query.from,
    to: query.to,
  };
}

/** "2026-03-01 23:59:59": the WIB wall-clock time, in a form spreadsheets read as a date (WIB is UTC+7, no DST). */
function wibTimestamp(iso: string): string {
  return new Date(Date.parse(iso) + 7 * 3600_000).toISOString().slice(0, 19).replace("T", " ");
}

/** More rows than an admin could read; the export says so in its last line instead of growing without bound. */
export const CSV_MAX_ROWS = 50_000;

/**
 * The filtered entries as CSV (RFC 4180 via csv-stringify), with a BOM so that
 * spreadsheet programs read the Indonesian names as UTF-8, and formula-like
 * cells (=, +, -, @ …) escaped because reasons and names are typed by people.
 */
export async function auditCsv(filter: AuditFilter): Promise<{ csv: string; rows: number }> {
  const entries: AuditEntry[] = await listAuditEntries({ ...filter, limit: CSV_MAX_ROWS });
  const csv = stringify(
    entries.map((e) => [
      e.id,
      e.created_at,
      wibTimestamp(e.created_at),
      e.actor_user_id ?? "",
      e.actor_name ?? (e.actor_user_id === null ? "system" : ""),
      e.action,
      e.subject_type,
      e.subject_id,
      e.details,
    ]),
    {
      bom: true,
      header: true,
      columns: ["id", "created_at_utc", "created_at_wib", "actor_user_id", "actor_name", "action", "subject_type", "subject_id", "details_json"],
      escape_formulas: true,
      record_delimiter: "windows",
    },
  );
  return { csv, rows: entries.length };
}

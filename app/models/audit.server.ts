import { sql } from "kysely";
import { getDb } from "~/utils/db.server";
import { isoAt, likePattern, ModelError, type DB } from "./common.server";

/**
 * Appends one entry to the audit log: who verified, approved, changed a role,
 * confirmed a payment, refunded or settled a payout, and when. Entries are
 * never updated or deleted. Call it inside the same transaction as the change
 * it records, so there is never a change without its entry.
 */
export async function recordAudit(
  args: {
    actorUserId: number | null;
    action: string;
    subjectType: string;
    subjectId: number | string;
    details?: Record<string, unknown>;
    now?: Date;
  },
  db: DB = getDb(),
): Promise<{ id: number }> {
  return db
    .insertInto("audit_log")
    .values({
      actor_user_id: args.actorUserId,
      action: args.action,
      subject_type: args.subjectType,
      subject_id: String(args.subjectId),
      details: JSON.stringify(args.details ?? {}),
      created_at: isoAt(args.now),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
}

export type AuditEntry = {
  id: number;
  actor_user_id: number | null;
  actor_name: string | null;
  action: string;
  subject_type: string;
  subject_id: string;
  details: string;
  created_at: string;
};

/**
 * What the admin's audit page filters by. `actor` is a user id (digits), the
 * word "system" (entries without an actor, made by jobs and webhooks), or a
 * text matched case-insensitively against the actor's name or e-mail.
 * `from` / `to` are WIB calendar days ("YYYY-MM-DD", both included): WIB is
 * UTC+7 all year, so WIB day D runs from (D-1)T17:00:00Z to DT17:00:00Z and
 * the stored UTC instants are compared with those bounds.
 */
export type AuditFilter = {
  action?: string | null;
  actor?: number | string | null;
  subjectType?: string | null;
  subjectId?: number | string | null;
  from?: string | null;
  to?: string | null;
};

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

/** The UTC ISO instant at which a WIB day starts; a malformed or impossible date is a ModelError. */
export function wibDayStartIso(day: string): string {
  const date = new Date(`${day}T00:00:00+07:00`);
  // 2026-02-30 rolls over to March in Date; the round trip catches it.
  if (!DAY_RE.test(day) || Number.isNaN(date.getTime()) || new Date(date.getTime() + 7 * 3600_000).toISOString().slice(0, 10) !== day) {
    throw new ModelError("invalid_date", `Invalid day: ${day}`);
  }
  return date.toISOString();
}

function filtered(db: DB, f: AuditFilter) {
  let query = db.selectFrom("audit_log as l").leftJoin("users as u", "u.id", "l.actor_user_id");
  if (f.action) query = query.where("l.action", "=", f.action);
  if (f.subjectType) query = query.where("l.subject_type", "=", f.subjectType);
  if (f.subjectId != null && f.subjectId !== "") query = query.where("l.subject_id", "=", String(f.subjectId));
  const actor = typeof f.actor === "string" ? f.actor.trim() : f.actor;
  if (typeof actor === "number" || (typeof actor === "string" && /^\d{1,15}$/.test(actor))) {
    query = query.where("l.actor_user_id", "=", Number(actor));
  } else if (typeof actor === "string" && ["system", "sistem"].includes(actor.toLowerCase())) {
    query = query.where("l.actor_user_id", "is", null);
  } else if (typeof actor === "string" && actor) {
    const pattern = likePattern(actor);
    query = query.where((eb) => eb.or([sql<boolean>`u.name like ${pattern} escape '\\'`, sql<boolean>`u.email like ${pattern} escape '\\'`]));
  }
  const from = f.from ? wibDayStartIso(f.from) : null;
  const to = f.to ? new Date(Date.parse(wibDayStartIso(f.to)) + 24 * 3600_000).toISOString() : null;
  if (from && to && from >= to) throw new ModelError("invalid_range", "The start day is after the end day");
  if (from) query = query.where("l.created_at", ">=", from);
  if (to) query = query.where("l.created_at", "<", to);
  return query;
}

const COLUMNS = [
  "l.id",
  "l.actor_user_id",
  "u.name as actor_name",
  "l.action",
  "l.subject_type",
  "l.subject_id",
  "l.details",
  "l.created_at",
] as const;

/** The latest entries matching the filter, newest first (admin views, tests). */
export async function listAuditEntries(
  args: AuditFilter & { limit?: number; offset?: number } = {},
  db: DB = getDb(),
): Promise<AuditEntry[]> {
  const limit = Math.min(Math.max(Math.trunc(args.limit ?? 100), 1), 50_000);
  const offset = Math.max(Math.trunc(args.offset ?? 0), 0);
  return filtered(db, args)
    .select([...COLUMNS])
    .orderBy("l.created_at", "desc")
    .orderBy("l.id", "desc")
    .limit(limit)
    .offset(offset)
    .execute();
}

/** One page of matching entries with the total, for the audit page's pagination. */
export async function pageAuditEntries(
  args: AuditFilter & { page?: number; perPage?: number } = {},
  db: DB = getDb(),
): Promise<{ items: AuditEntry[]; total: number; page: number; perPage: number }> {
  const perPage = Math.min(Math.max(Math.trunc(Number(args.perPage) || 50), 1), 500);
  const page = Math.min(Math.max(Math.trunc(Number(args.page) || 1), 1), 100_000);
  const counted = await filtered(db, args)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  const total = Number(counted.n);
  const items = total > (page - 1) * perPage ? await listAuditEntries({ ...args, limit: perPage, offset: (page - 1) * perPage }, db) : [];
  return { items, total, page, perPage };
}

/** The distinct actions in the log, for the filter's select. */
export async function listAuditActions(db: DB = getDb()): Promise<string[]> {
  const rows = await db.selectFrom("audit_log").select("action").distinct().orderBy("action").execute();
  return rows.map((r) => r.action);
}

/** The distinct subject types in the log, for the filter's select. */
export async function listAuditSubjectTypes(db: DB = getDb()): Promise<string[]> {
  const rows = await db.selectFrom("audit_log").select("subject_type").distinct().orderBy("subject_type").execute();
  return rows.map((r) => r.subject_type);
}

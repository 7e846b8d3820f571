import { getDb } from "~/utils/db.server";
import { isoAt, type DB } from "./common.server";

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

/** The latest entries, optionally for one subject (admin views). */
export async function listAuditEntries(
  args: { subjectType?: string; subjectId?: number | string; limit?: number } = {},
  db: DB = getDb(),
): Promise<AuditEntry[]> {
  const limit = Math.min(Math.max(Math.trunc(args.limit ?? 100), 1), 500);
  let query = db
    .selectFrom("audit_log as l")
    .leftJoin("users as u", "u.id", "l.actor_user_id")
    .select(["l.id", "l.actor_user_id", "u.name as actor_name", "l.action", "l.subject_type", "l.subject_id", "l.details", "l.created_at"])
    .orderBy("l.created_at", "desc")
    .orderBy("l.id", "desc")
    .limit(limit);
  if (args.subjectType) query = query.where("l.subject_type", "=", args.subjectType);
  if (args.subjectId !== undefined) query = query.where("l.subject_id", "=", String(args.subjectId));
  return query.execute();
}

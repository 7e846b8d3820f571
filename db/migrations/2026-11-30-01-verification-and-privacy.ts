import type { Kysely } from "kysely";

/**
 * Association verification and privacy.
 * - artisans.membership_reason / membership_decided_at: the association's
 *   reason for a rejection (or lapse) and when it decided, shown to the artisan.
 * - legal_documents.decision_reason: the reason a document was rejected.
 * - users.anonymized_at: an account deleted by its owner is kept as a husk
 *   (orders and inquiries point at it for bookkeeping) with every personal
 *   field wiped; this marks when that happened.
 * - audit_log indexes for the admin's filters (newest first, by action, by actor).
 * Frozen in time: imports nothing from app/.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("artisans").addColumn("membership_reason", "text").execute();
  await db.schema.alterTable("artisans").addColumn("membership_decided_at", "text").execute();
  await db.schema.alterTable("legal_documents").addColumn("decision_reason", "text").execute();
  await db.schema.alterTable("users").addColumn("anonymized_at", "text").execute();
  await db.schema.createIndex("artisans_membership_idx").on("artisans").columns(["membership_status", "created_at"]).execute();
  await db.schema.createIndex("legal_documents_status_idx").on("legal_documents").columns(["status", "created_at"]).execute();
  await db.schema.createIndex("audit_log_created_idx").on("audit_log").columns(["created_at", "id"]).execute();
  await db.schema.createIndex("audit_log_action_idx").on("audit_log").columns(["action", "created_at"]).execute();
  await db.schema.createIndex("audit_log_actor_idx").on("audit_log").columns(["actor_user_id", "created_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const index of ["audit_log_actor_idx", "audit_log_action_idx", "audit_log_created_idx", "legal_documents_status_idx", "artisans_membership_idx"]) {
    await db.schema.dropIndex(index).ifExists().execute();
  }
  await db.schema.alterTable("users").dropColumn("anonymized_at").execute();
  await db.schema.alterTable("legal_documents").dropColumn("decision_reason").execute();
  await db.schema.alterTable("artisans").dropColumn("membership_decided_at").execute();
  await db.schema.alterTable("artisans").dropColumn("membership_reason").execute();
}

import { getDb } from "~/utils/db.server";
import { hashPassword } from "~/utils/password.server";
import { recordAudit } from "./audit.server";
import { inTransaction, isoAt, ModelError, type DB } from "./common.server";

export const ROLES = ["buyer", "artisan", "organizer", "agency", "association", "admin"] as const;
export type Role = (typeof ROLES)[number];

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** E-mail addresses are compared case-insensitively: stored trimmed and lowercased. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Creates an account. Give `password` (hashed here) or a ready `passwordHash`
 * (the seed reuses one hash for its demo accounts); neither makes an account
 * that cannot log in with a password yet. A taken e-mail is a ModelError.
 */
export async function createUser(
  args: {
    email: string;
    name: string;
    password?: string;
    passwordHash?: string | null;
    locale?: "id" | "en";
    emailVerifiedAt?: string | null;
    now?: Date;
  },
  db: DB = getDb(),
): Promise<{ id: number; email: string }> {
  const email = normalizeEmail(args.email);
  if (!EMAIL_RE.test(email) || email.length > 254) throw new ModelError("invalid_email");
  const name = args.name.trim();
  if (!name || name.length > 120) throw new ModelError("invalid_name");
  const passwordHash = args.password !== undefined ? await hashPassword(args.password) : (args.passwordHash ?? null);
  const at = isoAt(args.now);
  const existing = await db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirst();
  if (existing) throw new ModelError("email_taken", "This e-mail address already has an account", 409);
  const row = await db
    .insertInto("users")
    .values({
      email,
      name,
      password_hash: passwordHash,
      locale: args.locale ?? "id",
      email_verified_at: args.emailVerifiedAt ?? null,
      created_at: at,
      updated_at: at,
    })
    .returning(["id", "email"])
    .executeTakeFirstOrThrow();
  return row;
}

/** Grants a role (idempotent); a grant by someone is audited. */
export async function grantRole(
  args: { userId: number; role: Role; grantedBy?: number | null; now?: Date },
  db: DB = getDb(),
): Promise<void> {
  if (!ROLES.includes(args.role)) throw new ModelError("invalid_role");
  await inTransaction(db, async (trx) => {
    const result = await trx
      .insertInto("user_roles")
      .values({ user_id: args.userId, role: args.role, granted_by: args.grantedBy ?? null, granted_at: isoAt(args.now) })
      .onConflict((oc) => oc.columns(["user_id", "role"]).doNothing())
      .executeTakeFirst();
    if (args.grantedBy && Number(result.numInsertedOrUpdatedRows ?? 0) > 0) {
      await recordAudit(
        { actorUserId: args.grantedBy, action: "role.granted", subjectType: "user", subjectId: args.userId, details: { role: args.role }, now: args.now },
        trx,
      );
    }
  });
}

/** Revokes a role; audited when someone did it. Sessions re-read roles, so it applies at once. */
export async function revokeRole(
  args: { userId: number; role: Role; revokedBy?: number | null; now?: Date },
  db: DB = getDb(),
): Promise<void> {
  await inTransaction(db, async (trx) => {
    const result = await trx.deleteFrom("user_roles").where("user_id", "=", args.userId).where("role", "=", args.role).executeTakeFirst();
    if (args.revokedBy && Number(result.numDeletedRows) > 0) {
      await recordAudit(
        { actorUserId: args.revokedBy, action: "role.revoked", subjectType: "user", subjectId: args.userId, details: { role: args.role }, now: args.now },
        trx,
      );
    }
  });
}

export async function listUserRoles(args: { userId: number }, db: DB = getDb()): Promise<Role[]> {
  const rows = await db.selectFrom("user_roles").select("role").where("user_id", "=", args.userId).orderBy("role").execute();
  return rows.map((r) => r.role);
}

/** For login: includes the password hash, so never hand the result to a page. */
export async function getUserForLogin(args: { email: string }, db: DB = getDb()) {
  return (await db
    .selectFrom("users")
    .select(["id", "email", "name", "password_hash", "locale", "deleted_at"])
    .where("email", "=", normalizeEmail(args.email))
    .where("deleted_at", "is", null)
    .executeTakeFirst()) ?? null;
}

export async function getUserById(args: { id: number }, db: DB = getDb()) {
  return (await db
    .selectFrom("users")
    .select(["id", "email", "name", "locale", "email_verified_at", "created_at"])
    .where("id", "=", args.id)
    .where("deleted_at", "is", null)
    .executeTakeFirst()) ?? null;
}

export async function addAgencyStaff(args: { userId: number; agencyId: number }, db: DB = getDb()): Promise<void> {
  await db
    .insertInto("agency_staff")
    .values({ user_id: args.userId, agency_id: args.agencyId })
    .onConflict((oc) => oc.columns(["user_id", "agency_id"]).doNothing())
    .execute();
}

export async function addAssociationOfficer(args: { userId: number; associationId: number }, db: DB = getDb()): Promise<void> {
  await db
    .insertInto("association_officers")
    .values({ user_id: args.userId, association_id: args.associationId })
    .onConflict((oc) => oc.columns(["user_id", "association_id"]).doNothing())
    .execute();
}

/**
 * Replaces the password hash; the caller ends the other sessions (logoutEverywhere with keep).
 * A workflow that writes in a transaction passes a ready `passwordHash` made
 * before it, so scrypt does not hold SQLite's only writer.
 */
export async function setUserPassword(
  args: { userId: number; now?: Date } & ({ password: string } | { passwordHash: string }),
  db: DB = getDb(),
): Promise<void> {
  const hash = "passwordHash" in args ? args.passwordHash : await hashPassword(args.password);
  await db.updateTable("users").set({ password_hash: hash, updated_at: isoAt(args.now) }).where("id", "=", args.userId).execute();
}

/**
 * Swaps a stored hash for a stronger one of the same password (rehash on
 * log-in). Only when the row still holds `from`: a password changed between
 * the check and this write is never overwritten with the old one.
 */
export async function replacePasswordHash(args: { userId: number; from: string; to: string }, db: DB = getDb()): Promise<boolean> {
  const result = await db
    .updateTable("users")
    .set({ password_hash: args.to })
    .where("id", "=", args.userId)
    .where("password_hash", "=", args.from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Records that the person read mail at their address; the first confirmation counts. False when it already was confirmed. */
export async function markEmailVerified(args: { userId: number; now?: Date }, db: DB = getDb()): Promise<boolean> {
  const at = isoAt(args.now);
  const result = await db
    .updateTable("users")
    .set({ email_verified_at: at, updated_at: at })
    .where("id", "=", args.userId)
    .where("email_verified_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

import { sql } from "kysely";
import { getDb } from "~/utils/db.server";
import { hashPassword } from "~/utils/password.server";
import { recordAudit } from "./audit.server";
import { clampInt, inTransaction, isoAt, likePattern, ModelError, type DB } from "./common.server";

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

/** A user's roles inside a transaction, in the stable order audit entries use. */
async function rolesOf(userId: number, db: DB): Promise<Role[]> {
  const rows = await db.selectFrom("user_roles").select("role").where("user_id", "=", userId).orderBy("role").execute();
  return rows.map((r) => r.role);
}

async function assertLiveUser(userId: number, db: DB): Promise<void> {
  const row = await db.selectFrom("users").select("id").where("id", "=", userId).where("deleted_at", "is", null).executeTakeFirst();
  if (!row) throw new ModelError("user_not_found", "No such user", 404);
}

/**
 * Grants a role (idempotent); a grant by someone is audited as `role.granted`
 * with `{ role, before, after }` (the user's roles around the change). An
 * `agencyId` / `associationId` also links the user to that agency
 * (agency_staff) or association (association_officers) in the same
 * transaction: the admin page always names one for those two roles, because
 * the role means nothing without it. (The seed links its demo staff itself.)
 */
export async function grantRole(
  args: { userId: number; role: Role; grantedBy?: number | null; agencyId?: number | null; associationId?: number | null; now?: Date },
  db: DB = getDb(),
): Promise<boolean> {
  if (!ROLES.includes(args.role)) throw new ModelError("invalid_role");
  return inTransaction(db, async (trx) => {
    await assertLiveUser(args.userId, trx);
    const before = await rolesOf(args.userId, trx);
    const result = await trx
      .insertInto("user_roles")
      .values({ user_id: args.userId, role: args.role, granted_by: args.grantedBy ?? null, granted_at: isoAt(args.now) })
      .onConflict((oc) => oc.columns(["user_id", "role"]).doNothing())
      .executeTakeFirst();
    let changed = Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
    const details: Record<string, unknown> = {};
    if (args.role === "agency" && args.agencyId != null) {
      const agency = await trx.selectFrom("agencies").select(["id", "name"]).where("id", "=", args.agencyId).executeTakeFirst();
      if (!agency) throw new ModelError("unknown_agency", "No such agency", 400);
      const linked = await trx
        .insertInto("agency_staff")
        .values({ user_id: args.userId, agency_id: agency.id })
        .onConflict((oc) => oc.columns(["user_id", "agency_id"]).doNothing())
        .executeTakeFirst();
      changed ||= Number(linked.numInsertedOrUpdatedRows ?? 0) > 0;
      details.agency = { id: agency.id, name: agency.name };
    }
    if (args.role === "association" && args.associationId != null) {
      const association = await trx
        .selectFrom("associations")
        .select(["id", "name"])
        .where("id", "=", args.associationId)
        .executeTakeFirst();
      if (!association) throw new ModelError("unknown_association", "No such association", 400);
      const linked = await trx
        .insertInto("association_officers")
        .values({ user_id: args.userId, association_id: association.id })
        .onConflict((oc) => oc.columns(["user_id", "association_id"]).doNothing())
        .executeTakeFirst();
      changed ||= Number(linked.numInsertedOrUpdatedRows ?? 0) > 0;
      details.association = { id: association.id, name: association.name };
    }
    if (args.grantedBy && changed) {
      const after = await rolesOf(args.userId, trx);
      await recordAudit(
        {
          actorUserId: args.grantedBy,
          action: "role.granted",
          subjectType: "user",
          subjectId: args.userId,
          details: { role: args.role, before, after, ...details },
          now: args.now,
        },
        trx,
      );
    }
    return changed;
  });
}

/**
 * Revokes a role and ends all of that user's sessions (the spec: a revoked
 * role ends the session), audited as `role.revoked` with `{ role, before,
 * after }` when someone did it. Revoking `agency` / `association` also removes
 * the user's agency_staff / association_officers rows. Two guards, both 409:
 * an admin cannot revoke their own admin role (`own_admin`), and the last
 * admin cannot lose it (`last_admin`) — otherwise nobody could grant it back.
 * Revoking a role the user does not hold changes nothing. Both return whether
 * anything changed.
 */
export async function revokeRole(
  args: { userId: number; role: Role; revokedBy?: number | null; now?: Date },
  db: DB = getDb(),
): Promise<boolean> {
  if (!ROLES.includes(args.role)) throw new ModelError("invalid_role");
  return inTransaction(db, async (trx) => {
    const before = await rolesOf(args.userId, trx);
    if (!before.includes(args.role)) return false;
    if (args.role === "admin") {
      if (args.revokedBy === args.userId) throw new ModelError("own_admin", "You cannot revoke your own admin role", 409);
      const admins = await trx
        .selectFrom("user_roles as r")
        .innerJoin("users as u", "u.id", "r.user_id")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("r.role", "=", "admin")
        .where("u.deleted_at", "is", null)
        .executeTakeFirstOrThrow();
      if (Number(admins.n) <= 1) throw new ModelError("last_admin", "The last administrator cannot lose the role", 409);
    }
    const details: Record<string, unknown> = {};
    if (args.role === "agency") {
      details.agencies = await trx
        .selectFrom("agency_staff as s")
        .innerJoin("agencies as a", "a.id", "s.agency_id")
        .select(["a.id", "a.name"])
        .where("s.user_id", "=", args.userId)
        .orderBy("a.id")
        .execute();
      await trx.deleteFrom("agency_staff").where("user_id", "=", args.userId).execute();
    }
    if (args.role === "association") {
      details.associations = await trx
        .selectFrom("association_officers as o")
        .innerJoin("associations as a", "a.id", "o.association_id")
        .select(["a.id", "a.name"])
        .where("o.user_id", "=", args.userId)
        .orderBy("a.id")
        .execute();
      await trx.deleteFrom("association_officers").where("user_id", "=", args.userId).execute();
    }
    await trx.deleteFrom("user_roles").where("user_id", "=", args.userId).where("role", "=", args.role).execute();
    // A revoked role ends every session of the user (the same as logoutEverywhere,
    // written here so that this model and the session module do not import each other).
    await trx.deleteFrom("sessions").where("user_id", "=", args.userId).execute();
    if (args.revokedBy) {
      await recordAudit(
        {
          actorUserId: args.revokedBy,
          action: "role.revoked",
          subjectType: "user",
          subjectId: args.userId,
          details: { role: args.role, before, after: before.filter((r) => r !== args.role), ...details },
          now: args.now,
        },
        trx,
      );
    }
    return true;
  });
}

export async function listUserRoles(args: { userId: number }, db: DB = getDb()): Promise<Role[]> {
  const rows = await db.selectFrom("user_roles").select("role").where("user_id", "=", args.userId).orderBy("role").execute();
  return rows.map((r) => r.role);
}

export type UserListItem = {
  id: number;
  email: string;
  name: string;
  created_at: string;
  email_verified_at: string | null;
  roles: Role[];
};

/** Longest search text used; a longer one is cut (the admin's search box allows 100 characters). */
const MAX_QUERY_LENGTH = 100;

/**
 * The admin's list of accounts: `q` matches a case-insensitive substring of
 * the name or the e-mail (literally: `%` and `_` are escaped), `role` keeps
 * holders of that role. Deleted accounts are left out. Ordered by name, then
 * id, so pages are stable; out-of-range pages are clamped, never an error.
 */
export async function listUsers(
  args: { q?: string | null; role?: Role | null; page?: number; perPage?: number } = {},
  db: DB = getDb(),
): Promise<{ items: UserListItem[]; total: number; page: number; perPage: number }> {
  const perPage = clampInt(args.perPage, 25, 1, 200);
  const page = clampInt(args.page, 1, 1, 100_000);
  const q = (args.q ?? "").trim().slice(0, MAX_QUERY_LENGTH);
  if (args.role != null && !ROLES.includes(args.role)) throw new ModelError("invalid_role");
  let base = db.selectFrom("users as u").where("u.deleted_at", "is", null);
  if (q) {
    // SQLite's LIKE is case-insensitive for ASCII; e-mails are stored lowercased.
    const pattern = likePattern(q);
    base = base.where((eb) => eb.or([sql<boolean>`u.name like ${pattern} escape '\\'`, sql<boolean>`u.email like ${pattern} escape '\\'`]));
  }
  if (args.role) {
    const role = args.role;
    base = base.where((eb) =>
      eb.exists(eb.selectFrom("user_roles as r").select("r.user_id").whereRef("r.user_id", "=", "u.id").where("r.role", "=", role)),
    );
  }
  const counted = await base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  const total = Number(counted.n);
  if (total <= (page - 1) * perPage) return { items: [], total, page, perPage };
  const rows = await base
    .select(["u.id", "u.email", "u.name", "u.created_at", "u.email_verified_at"])
    .orderBy(sql`u.name collate nocase`)
    .orderBy("u.id")
    .limit(perPage)
    .offset((page - 1) * perPage)
    .execute();
  const roles = rows.length
    ? await db
        .selectFrom("user_roles")
        .select(["user_id", "role"])
        .where(
          "user_id",
          "in",
          rows.map((r) => r.id),
        )
        .orderBy("role")
        .execute()
    : [];
  const items = rows.map((r) => ({ ...r, roles: roles.filter((x) => x.user_id === r.id).map((x) => x.role) }));
  return { items, total, page, perPage };
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

import crypto from "node:crypto";
import { getDb } from "~/utils/db.server";
import { hashToken } from "~/utils/session.server";
import { inTransaction, isoAt, type DB } from "./common.server";

/**
 * One-time links sent by e-mail: password reset and e-mail confirmation.
 * The link carries 32 random bytes as 64 hex characters; the table keeps only
 * their SHA-256, so a copy of the database holds no working link.
 */
export type AuthTokenPurpose = "reset" | "confirm";

/** A reset link is a key to the account: short-lived. A confirmation link only proves the address: a week. */
export const AUTH_TOKEN_TTL_SECONDS: Record<AuthTokenPurpose, number> = {
  reset: 60 * 60,
  confirm: 7 * 24 * 60 * 60,
};

const TOKEN_RE = /^[0-9a-f]{64}$/;

/** Only the shape we hand out can be a token: anything else is unknown without touching the database. */
export function isWellFormedToken(token: string): boolean {
  return TOKEN_RE.test(token);
}

/**
 * Issues a token and returns the raw value (the only time it exists outside
 * the mail). A new reset token ends the user's earlier unused reset tokens
 * (marked used), so only the latest link works; confirmation tokens stay valid
 * until they expire, because confirming twice is harmless.
 */
export async function issueAuthToken(
  args: { userId: number; purpose: AuthTokenPurpose; now?: Date },
  db: DB = getDb(),
): Promise<{ token: string; id: number; expiresAt: string }> {
  const now = args.now ?? new Date();
  const token = crypto.randomBytes(32).toString("hex");
  const expiresAt = new Date(now.getTime() + AUTH_TOKEN_TTL_SECONDS[args.purpose] * 1000).toISOString();
  return inTransaction(db, async (trx) => {
    if (args.purpose === "reset") {
      await trx
        .updateTable("auth_tokens")
        .set({ used_at: now.toISOString() })
        .where("user_id", "=", args.userId)
        .where("purpose", "=", "reset")
        .where("used_at", "is", null)
        .execute();
    }
    const row = await trx
      .insertInto("auth_tokens")
      .values({ purpose: args.purpose, token_hash: hashToken(token), user_id: args.userId, created_at: now.toISOString(), expires_at: expiresAt })
      .returning("id")
      .executeTakeFirstOrThrow();
    return { token, id: row.id, expiresAt };
  });
}

export type AuthTokenLookup =
  | { state: "unknown" }
  | { state: "expired" | "used" | "valid"; id: number; userId: number; expiresAt: string; emailVerifiedAt: string | null };

/**
 * What a link is worth, without using it: unknown (never issued, malformed,
 * other purpose, or its account is deleted), expired, used (or superseded by
 * a newer reset link), or valid. Pages use it to say which; only
 * consumeAuthToken decides whether it works.
 */
export async function lookupAuthToken(
  args: { token: string; purpose: AuthTokenPurpose; now?: Date },
  db: DB = getDb(),
): Promise<AuthTokenLookup> {
  if (!isWellFormedToken(args.token)) return { state: "unknown" };
  const row = await db
    .selectFrom("auth_tokens as t")
    .innerJoin("users as u", "u.id", "t.user_id")
    .select(["t.id", "t.user_id", "t.expires_at", "t.used_at", "u.email_verified_at"])
    .where("t.token_hash", "=", hashToken(args.token))
    .where("t.purpose", "=", args.purpose)
    .where("u.deleted_at", "is", null)
    .executeTakeFirst();
  if (!row) return { state: "unknown" };
  const state = row.used_at !== null ? "used" : row.expires_at <= isoAt(args.now) ? "expired" : "valid";
  return { state, id: row.id, userId: row.user_id, expiresAt: row.expires_at, emailVerifiedAt: row.email_verified_at };
}

/**
 * Uses a token: one UPDATE … WHERE used_at IS NULL AND expires_at > now
 * RETURNING. SQLite runs it under the write lock, so of two concurrent uses
 * (two tabs, two processes) exactly one gets the row; the other gets null.
 */
export async function consumeAuthToken(
  args: { token: string; purpose: AuthTokenPurpose; now?: Date },
  db: DB = getDb(),
): Promise<{ id: number; userId: number } | null> {
  if (!isWellFormedToken(args.token)) return null;
  const now = isoAt(args.now);
  const row = await db
    .updateTable("auth_tokens")
    .set({ used_at: now })
    .where("token_hash", "=", hashToken(args.token))
    .where("purpose", "=", args.purpose)
    .where("used_at", "is", null)
    .where("expires_at", ">", now)
    .where("user_id", "in", (eb) => eb.selectFrom("users").select("id").where("deleted_at", "is", null))
    .returning(["id", "user_id"])
    .executeTakeFirst();
  return row ? { id: row.id, userId: row.user_id } : null;
}

/**
 * Housekeeping: tokens that expired or were used more than `keepSeconds` ago
 * (default 7 days). They are kept that long so that an old link still gets
 * "expired" or "already used" instead of "unknown".
 */
export async function deleteStaleAuthTokens(
  args: { now?: Date; keepSeconds?: number } = {},
  db: DB = getDb(),
): Promise<number> {
  const now = args.now ?? new Date();
  const cutoff = new Date(now.getTime() - (args.keepSeconds ?? 7 * 24 * 60 * 60) * 1000).toISOString();
  const result = await db
    .deleteFrom("auth_tokens")
    .where((eb) => eb.or([eb("expires_at", "<=", cutoff), eb("used_at", "<=", cutoff)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

import crypto from "node:crypto";
import { createCookie, redirect } from "@remix-run/node";
import { listUserRoles, type Role } from "~/models/user.server";
import { getDb, type DB } from "./db.server";
import { getEnv } from "./env.server";

/**
 * Sessions live in the database; the `__session` cookie carries only a random
 * 32-byte id (signed with SESSION_SECRET). The table stores its SHA-256, so a
 * copy of the database cannot be turned back into a working cookie, and a
 * session can be ended server-side (log out everywhere, password change).
 */
export const SESSION_TTL_SECONDS = 30 * 24 * 60 * 60;
/** last_seen_at is refreshed at most this often, so reading pages does not write on every request. */
const TOUCH_INTERVAL_MS = 5 * 60 * 1000;

function sessionCookie() {
  const env = getEnv();
  return createCookie("__session", {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: env.PUBLIC_ORIGIN.startsWith("https:"),
    secrets: [env.SESSION_SECRET],
    maxAge: SESSION_TTL_SECONDS,
  });
}

export function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

/** The raw session id from the cookie, or null when absent or the signature is wrong. */
async function readSessionId(request: Request): Promise<string | null> {
  const header = request.headers.get("Cookie");
  if (!header?.includes("__session=")) return null;
  const value: unknown = await sessionCookie().parse(header);
  // A signed value that is not 64 hex chars was not made by us; treat it as absent.
  return typeof value === "string" && /^[0-9a-f]{64}$/.test(value) ? value : null;
}

/**
 * Starts a session for userId and returns its Set-Cookie header. Rotation: the
 * session the request came with (if any) is deleted, so an id planted before
 * log-in (session fixation) is worthless after it.
 */
export async function startSession(
  args: { request: Request; userId: number; now?: Date },
  db: DB = getDb(),
): Promise<string> {
  const previous = await readSessionId(args.request);
  if (previous) await db.deleteFrom("sessions").where("id_hash", "=", hashToken(previous)).execute();
  const id = crypto.randomBytes(32).toString("hex");
  const now = args.now ?? new Date();
  await db
    .insertInto("sessions")
    .values({
      id_hash: hashToken(id),
      user_id: args.userId,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: new Date(now.getTime() + SESSION_TTL_SECONDS * 1000).toISOString(),
      user_agent: args.request.headers.get("User-Agent")?.slice(0, 300) ?? null,
    })
    .execute();
  return sessionCookie().serialize(id);
}

/** Logs the user in and redirects (303) to redirectTo with the new session cookie. */
export async function createUserSession(args: { request: Request; userId: number; redirectTo: string }): Promise<Response> {
  const cookie = await startSession({ request: args.request, userId: args.userId });
  return redirect(args.redirectTo, { status: 303, headers: { "Set-Cookie": cookie } });
}

type SessionRow = { id_hash: string; user_id: number; expires_at: string; last_seen_at: string };

async function findSession(request: Request, db: DB, now: Date): Promise<SessionRow | null> {
  const id = await readSessionId(request);
  if (!id) return null;
  const row = await db
    .selectFrom("sessions")
    .select(["id_hash", "user_id", "expires_at", "last_seen_at"])
    .where("id_hash", "=", hashToken(id))
    .executeTakeFirst();
  if (!row) return null;
  if (row.expires_at <= now.toISOString()) {
    await db.deleteFrom("sessions").where("id_hash", "=", row.id_hash).execute();
    return null;
  }
  if (now.getTime() - Date.parse(row.last_seen_at) > TOUCH_INTERVAL_MS) {
    await db.updateTable("sessions").set({ last_seen_at: now.toISOString() }).where("id_hash", "=", row.id_hash).execute();
  }
  return row;
}

/** The logged-in user's id; an expired, unknown or forged cookie means logged out (null). */
export async function getUserId(request: Request, options: { now?: Date } = {}, db: DB = getDb()): Promise<number | null> {
  const row = await findSession(request, db, options.now ?? new Date());
  return row?.user_id ?? null;
}

export type SessionUser = { id: number; email: string; name: string; locale: "id" | "en"; roles: Role[] };

/** The logged-in user with roles re-read on every request, so a revoked role applies at once. */
export async function getUser(request: Request, options: { now?: Date } = {}, db: DB = getDb()): Promise<SessionUser | null> {
  const userId = await getUserId(request, options, db);
  if (userId === null) return null;
  const user = await db
    .selectFrom("users")
    .select(["id", "email", "name", "locale"])
    .where("id", "=", userId)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
  if (!user) return null;
  return { ...user, roles: await listUserRoles({ userId }, db) };
}

/** Ends this request's session and clears the cookie. */
export async function destroySession(request: Request, db: DB = getDb()): Promise<string> {
  const id = await readSessionId(request);
  if (id) await db.deleteFrom("sessions").where("id_hash", "=", hashToken(id)).execute();
  return sessionCookie().serialize("", { maxAge: 0 });
}

export async function logout(request: Request, redirectTo: string): Promise<Response> {
  const cookie = await destroySession(request);
  return redirect(redirectTo, { status: 303, headers: { "Set-Cookie": cookie } });
}

/**
 * Deletes every session of the user (e.g. a lost phone). With `keep`, the
 * session of that request survives: used after a password change, which must
 * end every OTHER session but not log the person out of the page they are on.
 */
export async function logoutEverywhere(args: { userId: number; keep?: Request }, db: DB = getDb()): Promise<number> {
  let query = db.deleteFrom("sessions").where("user_id", "=", args.userId);
  const keepId = args.keep ? await readSessionId(args.keep) : null;
  if (keepId) query = query.where("id_hash", "!=", hashToken(keepId));
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Housekeeping for the job worker or tests: expired rows are dead weight. */
export async function deleteExpiredSessions(args: { now?: Date } = {}, db: DB = getDb()): Promise<number> {
  const result = await db
    .deleteFrom("sessions")
    .where("expires_at", "<=", (args.now ?? new Date()).toISOString())
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

import { sql } from "kysely";
import { getDb, type DB } from "~/utils/db.server";

/**
 * Fixed-window counters in SQLite, so every process on the database file
 * shares them. One atomic upsert both counts and reads, so two concurrent
 * requests can never both be "the 5th".
 */
export type RateLimitResult = { allowed: boolean; retryAfterSeconds: number; count: number };

export async function hitRateLimit(
  args: { key: string; limit: number; windowSeconds: number; now?: Date },
  db: DB = getDb(),
): Promise<RateLimitResult> {
  const nowSeconds = Math.floor((args.now ?? new Date()).getTime() / 1000);
  const windowStart = nowSeconds - (nowSeconds % args.windowSeconds);
  const row = await db
    .insertInto("rate_limits")
    .values({ key: args.key, window_start: windowStart, count: 1 })
    .onConflict((oc) => oc.columns(["key", "window_start"]).doUpdateSet({ count: sql<number>`rate_limits.count + 1` }))
    .returning("count")
    .executeTakeFirstOrThrow();
  const allowed = row.count <= args.limit;
  return { allowed, count: row.count, retryAfterSeconds: allowed ? 0 : windowStart + args.windowSeconds - nowSeconds };
}

/** Forgets a key's counters (e.g. after a successful log-in for that e-mail). */
export async function resetRateLimit(args: { key: string }, db: DB = getDb()): Promise<void> {
  await db.deleteFrom("rate_limits").where("key", "=", args.key).execute();
}

/** Housekeeping: windows that ended long ago. */
export async function deleteOldRateLimits(args: { olderThanSeconds: number; now?: Date }, db: DB = getDb()): Promise<void> {
  const cutoff = Math.floor((args.now ?? new Date()).getTime() / 1000) - args.olderThanSeconds;
  await db.deleteFrom("rate_limits").where("window_start", "<", cutoff).execute();
}

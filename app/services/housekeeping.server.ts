/**
 * The hourly sweep of dead weight: expired sessions, rate-limit windows older
 * than a day, and auth tokens that expired or were used more than 7 days ago.
 *
 * It is a recurring job: each run schedules the next one an hour later with
 * the dedupe key `housekeeping.sweep`, so there is only ever one waiting, and
 * startBackground enqueues a first run (deduplicated against a waiting one).
 */
import { deleteStaleAuthTokens } from "~/models/auth-token.server";
import { getDb, type DB } from "~/utils/db.server";
import { deleteExpiredSessions } from "~/utils/session.server";
import { enqueueJob, registerJobHandler, type EnqueueJobResult } from "./jobs.server";
import { deleteOldRateLimits } from "./rate-limit.server";

declare module "~/services/jobs.server" {
  interface JobPayloads {
    "housekeeping.sweep": Record<string, never>;
  }
}

export const HOUSEKEEPING_JOB = "housekeeping.sweep";
const DEDUPE_KEY = "housekeeping.sweep";
export const HOUSEKEEPING_INTERVAL_MS = 60 * 60 * 1000;
const RATE_LIMIT_KEEP_SECONDS = 24 * 60 * 60;
const AUTH_TOKEN_KEEP_SECONDS = 7 * 24 * 60 * 60;

export type SweepResult = { sessions: number; authTokens: number };

/** Deletes what is no longer needed; rows still in use are left alone. */
export async function sweepHousekeeping(args: { now?: Date } = {}, db: DB = getDb()): Promise<SweepResult> {
  const now = args.now ?? new Date();
  const sessions = await deleteExpiredSessions({ now }, db);
  await deleteOldRateLimits({ olderThanSeconds: RATE_LIMIT_KEEP_SECONDS, now }, db);
  const authTokens = await deleteStaleAuthTokens({ now, keepSeconds: AUTH_TOKEN_KEEP_SECONDS }, db);
  return { sessions, authTokens };
}

/** Schedules a sweep (default: now); while one is queued or running, returns that one instead. */
export async function scheduleHousekeeping(args: { runAt?: Date } = {}, db: DB = getDb()): Promise<EnqueueJobResult> {
  return enqueueJob({ name: HOUSEKEEPING_JOB, payload: {}, runAt: args.runAt, dedupeKey: DEDUPE_KEY, maxAttempts: 3 }, db);
}

export function registerHousekeepingHandlers(): void {
  registerJobHandler(HOUSEKEEPING_JOB, async (_payload, context) => {
    const db = getDb();
    // The running job holds the dedupe key, so the next run could not be
    // queued beside it: hand the key over first, in one transaction, so a
    // crash leaves either this job or the next one holding it. Scheduling
    // before sweeping keeps the chain alive even when this sweep fails.
    await db.transaction().execute(async (trx) => {
      await trx.updateTable("jobs").set({ dedupe_key: null }).where("id", "=", context.job.id).execute();
      await scheduleHousekeeping({ runAt: new Date(Date.now() + HOUSEKEEPING_INTERVAL_MS) }, trx);
    });
    const result = await sweepHousekeeping({}, db);
    context.log.info(`[housekeeping] deleted ${result.sessions} expired session(s) and ${result.authTokens} stale auth token(s)`);
  });
}

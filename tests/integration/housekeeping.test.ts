/**
 * The hourly housekeeping job: exactly the dead rows go (expired sessions,
 * rate-limit windows older than a day, auth tokens expired or used more than
 * 7 days ago), and each run schedules the next one an hour later, with only
 * ever one waiting.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "~/models/user.server";
import { HOUSEKEEPING_JOB, registerHousekeepingHandlers, scheduleHousekeeping, sweepHousekeeping } from "~/services/housekeeping.server";
import { JobWorker, unregisterJobHandler } from "~/services/jobs.server";
import { getDb } from "~/utils/db.server";

const DAY = 24 * 60 * 60 * 1000;
let userId: number;

/** Hand-made rows around `now`; returns nothing, the test reads the tables back. */
async function seedRows(now: Date) {
  const db = getDb();
  const at = (ms: number) => new Date(now.getTime() + ms).toISOString();
  await db.deleteFrom("sessions").execute();
  await db.deleteFrom("rate_limits").execute();
  await db.deleteFrom("auth_tokens").execute();
  await db
    .insertInto("sessions")
    .values([
      { id_hash: "s-expired-yesterday", user_id: userId, expires_at: at(-DAY) },
      { id_hash: "s-expired-just-now", user_id: userId, expires_at: at(0) },
      { id_hash: "s-valid", user_id: userId, expires_at: at(1000) },
    ])
    .execute();
  const seconds = Math.floor(now.getTime() / 1000);
  await db
    .insertInto("rate_limits")
    .values([
      { key: "r-two-days", window_start: seconds - 2 * 86400, count: 3 },
      { key: "r-a-day-and-a-bit", window_start: seconds - 86400 - 1, count: 1 },
      { key: "r-23-hours", window_start: seconds - 23 * 3600, count: 1 },
      { key: "r-current", window_start: seconds - 60, count: 2 },
    ])
    .execute();
  const token = (purpose: "reset" | "confirm", hash: string, expiresAt: string, usedAt: string | null = null) => ({
    purpose,
    token_hash: hash,
    user_id: userId,
    expires_at: expiresAt,
    used_at: usedAt,
  });
  await db
    .insertInto("auth_tokens")
    .values([
      token("reset", "t-expired-8-days", at(-8 * DAY)),
      token("confirm", "t-expired-6-days", at(-6 * DAY)),
      token("reset", "t-used-8-days", at(-8 * DAY + 3600_000), at(-8 * DAY)),
      token("confirm", "t-used-2-days", at(5 * DAY), at(-2 * DAY)),
      token("reset", "t-valid", at(3600_000)),
      token("confirm", "t-valid-confirm", at(7 * DAY)),
    ])
    .execute();
}

async function remaining() {
  const db = getDb();
  return {
    sessions: (await db.selectFrom("sessions").select("id_hash").orderBy("id_hash").execute()).map((r) => r.id_hash),
    rateLimits: (await db.selectFrom("rate_limits").select("key").orderBy("key").execute()).map((r) => r.key),
    authTokens: (await db.selectFrom("auth_tokens").select("token_hash").orderBy("token_hash").execute()).map((r) => r.token_hash),
  };
}

const KEPT = {
  sessions: ["s-valid"],
  rateLimits: ["r-23-hours", "r-current"],
  authTokens: ["t-expired-6-days", "t-used-2-days", "t-valid", "t-valid-confirm"],
};

beforeAll(async () => {
  userId = (await createUser({ email: "sweep@example.test", name: "Sweep", passwordHash: null })).id;
});

afterAll(() => {
  unregisterJobHandler(HOUSEKEEPING_JOB);
});

describe("housekeeping sweep", () => {
  it("deletes exactly the dead rows", async () => {
    const now = new Date("2026-12-03T12:00:00Z");
    await seedRows(now);
    expect(await sweepHousekeeping({ now })).toEqual({ sessions: 2, authTokens: 2 });
    expect(await remaining()).toEqual(KEPT);
    // A second run has nothing left to do.
    expect(await sweepHousekeeping({ now })).toEqual({ sessions: 0, authTokens: 0 });
  });

  it("runs as a job that re-schedules itself an hour later, with only one ever waiting", async () => {
    await seedRows(new Date());
    registerHousekeepingHandlers();
    const first = await scheduleHousekeeping();
    expect(first.deduplicated).toBe(false);
    // Starting the server again while one waits adds none.
    expect(await scheduleHousekeeping()).toEqual({ id: first.id, deduplicated: true });

    const worker = new JobWorker({ workerId: "housekeeping-test", logger: { info: () => {}, warn: () => {}, error: () => {} } });
    const startedAt = Date.now();
    expect(await worker.drain()).toBe(1);
    expect(await remaining()).toEqual(KEPT);

    const jobs = await getDb().selectFrom("jobs").select(["id", "status", "run_at", "dedupe_key"]).where("name", "=", HOUSEKEEPING_JOB).orderBy("id").execute();
    expect(jobs.map((j) => [j.id, j.status, j.dedupe_key])).toEqual([
      [first.id, "succeeded", null],
      [jobs[1].id, "queued", "housekeeping.sweep"],
    ]);
    const delay = Date.parse(jobs[1].run_at) - startedAt;
    expect(delay).toBeGreaterThanOrEqual(60 * 60 * 1000);
    expect(delay).toBeLessThan(60 * 60 * 1000 + 10_000);
    // The next run is not due yet, and scheduling again finds it.
    expect(await worker.drain()).toBe(0);
    expect(await scheduleHousekeeping()).toEqual({ id: jobs[1].id, deduplicated: true });
  });
});

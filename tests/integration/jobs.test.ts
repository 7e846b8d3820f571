/**
 * The job queue against a real migrated SQLite file: retries with back-off,
 * dead jobs and their retry, atomic claims by two workers on one file, lease
 * expiry and renewal, graceful stop, wake-up on enqueue.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  backoffDelayMs,
  claimNextJob,
  countJobsByStatus,
  enqueueJob,
  getJob,
  JobWorker,
  listJobs,
  markJobSucceeded,
  PermanentJobError,
  registerJobHandler,
  retryDeadJob,
  startJobWorker,
  stopJobWorker,
  unregisterJobHandler,
  type JobLogger,
} from "~/services/jobs.server";
import { createDb, getDb } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { main as jobsCli } from "../../scripts/jobs";

declare module "~/services/jobs.server" {
  interface JobPayloads {
    "test.flaky": { failTimes: number };
    "test.record": { n: number };
    "test.slow": { ms: number };
    "test.unhandled": Record<string, never>;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until check() is truthy; fails the test after timeoutMs instead of hanging. */
async function until<T>(check: () => Promise<T> | T, timeoutMs = 5000, what = "condition"): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(10);
  }
}

function collectingLogger() {
  const lines: string[] = [];
  const logger: JobLogger = { info: (m) => lines.push(`info ${m}`), warn: (m) => lines.push(`warn ${m}`), error: (m) => lines.push(`error ${m}`) };
  return { lines, logger };
}

const workers: JobWorker[] = [];
function worker(options: ConstructorParameters<typeof JobWorker>[0] = {}) {
  const w = new JobWorker({ pollMs: 10, leaseSeconds: 5, logger: collectingLogger().logger, ...options });
  workers.push(w);
  return w;
}

beforeEach(async () => {
  await getDb().deleteFrom("jobs").execute();
});

afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.stop()));
  await stopJobWorker();
  for (const name of ["test.flaky", "test.record", "test.slow", "test.unhandled"]) unregisterJobHandler(name);
});

describe("back-off", () => {
  it("doubles from the base, is capped, and is jittered between half and all of it", () => {
    const opts = { baseMs: 1000, maxMs: 10_000 };
    expect(backoffDelayMs(1, opts, () => 1)).toBe(1000);
    expect(backoffDelayMs(2, opts, () => 1)).toBe(2000);
    expect(backoffDelayMs(4, opts, () => 1)).toBe(8000);
    expect(backoffDelayMs(5, opts, () => 1)).toBe(10_000);
    expect(backoffDelayMs(30, opts, () => 1)).toBe(10_000);
    expect(backoffDelayMs(3, opts, () => 0)).toBe(2000);
  });
});

describe("enqueueJob", () => {
  it("is part of the caller's transaction: a rollback leaves no job", async () => {
    await expect(
      getDb()
        .transaction()
        .execute(async (trx) => {
          await enqueueJob({ name: "test.record", payload: { n: 1 } }, trx);
          throw new Error("workflow failed after enqueueing");
        }),
    ).rejects.toThrow("workflow failed");
    expect(await listJobs()).toHaveLength(0);

    const { id } = await getDb()
      .transaction()
      .execute((trx) => enqueueJob({ name: "test.record", payload: { n: 2 } }, trx));
    const job = await getJob({ id });
    expect(job).toMatchObject({ name: "test.record", status: "queued", attempts: 0, max_attempts: 5 });
    expect(JSON.parse(job!.payload)).toEqual({ n: 2 });
  });

  it("keeps one waiting job per dedupe key, and allows a new one once it finished", async () => {
    const first = await enqueueJob({ name: "test.record", payload: { n: 1 }, dedupeKey: "k1" });
    const second = await enqueueJob({ name: "test.record", payload: { n: 2 }, dedupeKey: "k1" });
    expect(second).toEqual({ id: first.id, deduplicated: true });
    expect(await listJobs()).toHaveLength(1);

    registerJobHandler("test.record", async () => {});
    expect(await worker().drain()).toBe(1);
    const third = await enqueueJob({ name: "test.record", payload: { n: 3 }, dedupeKey: "k1" });
    expect(third.deduplicated).toBe(false);
    expect(third.id).not.toBe(first.id);
  });

  it("does not run a job before its runAt", async () => {
    const calls: number[] = [];
    registerJobHandler("test.record", async ({ n }) => void calls.push(n));
    await enqueueJob({ name: "test.record", payload: { n: 1 }, runAt: new Date(Date.now() + 300) });
    const w = worker();
    expect(await w.drain()).toBe(0);
    await sleep(350);
    expect(await w.drain()).toBe(1);
    expect(calls).toEqual([1]);
  });

  it("rejects a nonsensical maxAttempts", async () => {
    await expect(enqueueJob({ name: "test.record", payload: { n: 1 }, maxAttempts: 0 })).rejects.toThrow(/maxAttempts/);
  });
});

describe("retries and dead jobs", () => {
  it("retries a throwing handler with growing back-off, then marks it dead with the last error; retryDeadJob brings it back", async () => {
    const runs: number[] = [];
    let failTimes = Infinity;
    registerJobHandler("test.flaky", async () => {
      runs.push(Date.now());
      if (runs.length <= failTimes) throw new Error(`boom ${runs.length}`);
    });
    const { id } = await enqueueJob({ name: "test.flaky", payload: { failTimes: 99 }, maxAttempts: 4 });
    const { lines, logger } = collectingLogger();
    const w = worker({ backoff: { baseMs: 40, maxMs: 10_000 }, logger });

    // First run: back in the queue, not before base × 0.5 from now.
    const before = Date.now();
    expect(await w.drain()).toBe(1);
    const afterFirst = await getJob({ id });
    expect(afterFirst).toMatchObject({ status: "queued", attempts: 1, last_error: "Error: boom 1", locked_by: null });
    expect(Date.parse(afterFirst!.run_at)).toBeGreaterThanOrEqual(before + 20);
    expect(await w.drain()).toBe(0); // not due yet

    w.start();
    const dead = await until(async () => {
      const job = await getJob({ id });
      return job?.status === "dead" ? job : undefined;
    }, 5000, "the job to die");
    expect(dead).toMatchObject({ attempts: 4, last_error: "Error: boom 4", locked_by: null, locked_until: null });
    expect(dead.finished_at).not.toBeNull();
    expect(runs).toHaveLength(4);
    // Gaps are at least half of 40, 80, 160 ms.
    const gaps = runs.slice(1).map((t, i) => t - runs[i]);
    expect(gaps[0]).toBeGreaterThanOrEqual(20 - 5);
    expect(gaps[1]).toBeGreaterThanOrEqual(40 - 5);
    expect(gaps[2]).toBeGreaterThanOrEqual(80 - 5);
    expect(lines.filter((l) => l.includes("will retry"))).toHaveLength(3);
    expect(lines.some((l) => l.startsWith("error") && l.includes("dead"))).toBe(true);

    expect(await listJobs({ status: "dead" })).toEqual([expect.objectContaining({ id, name: "test.flaky" })]);
    expect(await countJobsByStatus()).toEqual({ queued: 0, running: 0, succeeded: 0, dead: 1 });

    // The admin retries it after the cause is fixed.
    failTimes = runs.length;
    expect(await retryDeadJob({ id })).toBe("retried");
    const requeued = await getJob({ id });
    expect(requeued).toMatchObject({ status: "queued", attempts: 0, last_error: "Error: boom 4", finished_at: null });
    await until(async () => (await getJob({ id }))?.status === "succeeded", 5000, "the retried job to succeed");
    expect(runs).toHaveLength(5);
    expect(await getJob({ id })).toMatchObject({ attempts: 1 });

    expect(await retryDeadJob({ id })).toBe("not-dead");
    expect(await retryDeadJob({ id: 999_999 })).toBe("not-found");
  });

  it("a permanent error kills the job at once", async () => {
    registerJobHandler("test.flaky", async () => {
      throw new PermanentJobError("the row is gone");
    });
    const { id } = await enqueueJob({ name: "test.flaky", payload: { failTimes: 1 } });
    await worker().drain();
    expect(await getJob({ id })).toMatchObject({ status: "dead", attempts: 1, last_error: "PermanentJobError: the row is gone" });
  });

  it("will not retry a dead job while an equal one is waiting", async () => {
    registerJobHandler("test.flaky", async () => {
      throw new PermanentJobError("no");
    });
    const { id } = await enqueueJob({ name: "test.flaky", payload: { failTimes: 1 }, dedupeKey: "same" });
    await worker().drain();
    await enqueueJob({ name: "test.flaky", payload: { failTimes: 1 }, dedupeKey: "same" });
    expect(await retryDeadJob({ id })).toBe("duplicate");
    expect(await getJob({ id })).toMatchObject({ status: "dead" });
  });

  it("a worker never claims a job it has no handler for", async () => {
    const { id } = await enqueueJob({ name: "test.unhandled", payload: {} });
    registerJobHandler("test.record", async () => {});
    expect(await worker().drain()).toBe(0);
    expect(await getJob({ id })).toMatchObject({ status: "queued", attempts: 0 });
  });
});

describe("claims and leases", () => {
  it("two workers on one database file, each with its own connection, never run the same job twice", async () => {
    const file = getEnv().DATABASE_PATH;
    const dbA = createDb(file);
    const dbB = createDb(file);
    try {
      const runs = new Map<number, string[]>();
      registerJobHandler("test.record", async ({ n }, { workerId }) => {
        runs.set(n, [...(runs.get(n) ?? []), workerId]);
        // Yield so the other worker gets to claim while this one "works".
        await sleep(Math.random() * 4);
      });
      const total = 120;
      for (let n = 0; n < total; n++) await enqueueJob({ name: "test.record", payload: { n } });

      const a = worker({ workerId: "A", db: dbA, pollMs: 5, concurrency: 2 });
      const b = worker({ workerId: "B", db: dbB, pollMs: 5, concurrency: 2 });
      a.start();
      b.start();
      await until(async () => (await countJobsByStatus()).succeeded === total, 15_000, "all jobs to succeed");

      expect(runs.size).toBe(total);
      for (const [n, by] of runs) expect(by, `job ${n}`).toHaveLength(1);
      const perWorker = [...runs.values()].flat().reduce<Record<string, number>>((acc, w) => ({ ...acc, [w]: (acc[w] ?? 0) + 1 }), {});
      expect(perWorker.A).toBeGreaterThan(0);
      expect(perWorker.B).toBeGreaterThan(0);
      const attempts = await getDb().selectFrom("jobs").select("attempts").distinct().execute();
      expect(attempts).toEqual([{ attempts: 1 }]);
    } finally {
      await Promise.all(workers.splice(0).map((w) => w.stop()));
      await dbA.destroy();
      await dbB.destroy();
    }
  });

  it("reclaims a job whose worker crashed once the lease expires, and the crashed worker can no longer finish it", async () => {
    const { id } = await enqueueJob({ name: "test.record", payload: { n: 1 } });
    // A worker claims it and dies without a word.
    const crashed = await claimNextJob({ workerId: "crashed", leaseMs: 150, names: ["test.record"] });
    expect(crashed).toMatchObject({ id, status: "running", attempts: 1, locked_by: "crashed" });

    const calls: string[] = [];
    registerJobHandler("test.record", async (_p, { workerId, attempt }) => void calls.push(`${workerId}#${attempt}`));
    const w = worker({ workerId: "survivor" });
    expect(await w.drain()).toBe(0); // the lease still holds
    await sleep(200);
    expect(await w.drain()).toBe(1);
    expect(calls).toEqual(["survivor#2"]);
    expect(await getJob({ id })).toMatchObject({ status: "succeeded", attempts: 2 });
    expect(await markJobSucceeded({ job: crashed!, workerId: "crashed" })).toBe(false);
  });

  it("never runs a finished job again, even with a stale lease time left on it", async () => {
    const calls: number[] = [];
    registerJobHandler("test.record", async ({ n }) => void calls.push(n));
    const { id } = await enqueueJob({ name: "test.record", payload: { n: 7 } });
    const w = worker();
    expect(await w.drain()).toBe(1);
    await getDb().updateTable("jobs").set({ locked_until: "2000-01-01T00:00:00.000Z", run_at: "2000-01-01T00:00:00.000Z" }).where("id", "=", id).execute();
    expect(await w.drain()).toBe(0);
    expect(calls).toEqual([7]);
  });

  it("a job whose lease expired on its last attempt goes dead instead of running again", async () => {
    registerJobHandler("test.record", async () => {
      throw new Error("must not run");
    });
    const { id } = await enqueueJob({ name: "test.record", payload: { n: 1 }, maxAttempts: 1 });
    await claimNextJob({ workerId: "crashed", leaseMs: 10, names: ["test.record"] });
    await sleep(30);
    expect(await worker().drain()).toBe(0);
    const job = await getJob({ id });
    expect(job).toMatchObject({ status: "dead", attempts: 1 });
    expect(job!.last_error).toMatch(/lease expired/);
  });

  it("renews the lease of a long job so no other worker takes it", async () => {
    const file = getEnv().DATABASE_PATH;
    const other = createDb(file);
    try {
      const starts: string[] = [];
      registerJobHandler("test.slow", async ({ ms }, { workerId }) => {
        starts.push(workerId);
        await sleep(ms);
      });
      const { id } = await enqueueJob({ name: "test.slow", payload: { ms: 900 } });
      const a = worker({ workerId: "A", leaseSeconds: 0.2 });
      a.start();
      await until(async () => (await getJob({ id }))?.status === "running", 2000, "the job to start");
      const b = worker({ workerId: "B", leaseSeconds: 0.2, db: other, pollMs: 20 });
      b.start();
      await until(async () => (await getJob({ id }))?.status === "succeeded", 5000, "the slow job to finish");
      expect(starts).toEqual(["A"]);
      await b.stop();
    } finally {
      await Promise.all(workers.splice(0).map((w) => w.stop()));
      await other.destroy();
    }
  });
});

describe("the process worker", () => {
  it("starts jobs on enqueue without waiting for the poll interval", async () => {
    const done: number[] = [];
    registerJobHandler("test.record", async ({ n }) => void done.push(n));
    startJobWorker({ pollMs: 60_000, logger: collectingLogger().logger });
    await sleep(50); // the first (empty) poll is over; the worker sleeps for a minute now
    const started = Date.now();
    await enqueueJob({ name: "test.record", payload: { n: 1 } });
    await until(() => done.length === 1, 2000, "the job to run");
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("stopJobWorker waits for the running job, then claims nothing more", async () => {
    let finished = false;
    registerJobHandler("test.slow", async ({ ms }) => {
      await sleep(ms);
      finished = true;
    });
    const { id } = await enqueueJob({ name: "test.slow", payload: { ms: 300 } });
    startJobWorker({ pollMs: 10, logger: collectingLogger().logger });
    await until(async () => (await getJob({ id }))?.status === "running", 2000, "the job to start");
    await stopJobWorker();
    expect(finished).toBe(true);
    expect(await getJob({ id })).toMatchObject({ status: "succeeded" });

    const later = await enqueueJob({ name: "test.slow", payload: { ms: 1 } });
    await sleep(100);
    expect(await getJob({ id: later.id })).toMatchObject({ status: "queued", attempts: 0 });
  });
});

describe("scripts/jobs.ts", () => {
  afterAll(() => {
    // The CLI closes the process database when it is done; the next getDb() reopens it.
    getDb();
  });

  it("lists dead jobs with their last error and retries one", async () => {
    registerJobHandler("test.flaky", async () => {
      throw new PermanentJobError("smtp exploded");
    });
    const { id } = await enqueueJob({ name: "test.flaky", payload: { failTimes: 1 } });
    await worker().drain();

    const out: string[] = [];
    expect(await jobsCli(["list", "--status", "dead"], (l) => out.push(l))).toBe(0);
    expect(out.join("\n")).toMatch(new RegExp(`#${id} test\\.flaky dead attempts 1/5[\\s\\S]*last error: PermanentJobError: smtp exploded`));

    out.length = 0;
    expect(await jobsCli(["retry", String(id)], (l) => out.push(l))).toBe(0);
    expect(out.join("\n")).toMatch(/queued again/);
    expect(await getJob({ id })).toMatchObject({ status: "queued" });

    out.length = 0;
    expect(await jobsCli(["counts"], (l) => out.push(l))).toBe(0);
    expect(out).toContain("queued     1");
  });

  it("answers bad input with a usage error, not a crash", async () => {
    await expect(jobsCli(["retry", "abc"], () => {})).rejects.toThrow(/positive whole number/);
    await expect(jobsCli(["list", "--status", "zombie"], () => {})).rejects.toThrow(/--status must be one of/);
    await expect(jobsCli(["frobnicate"], () => {})).rejects.toThrow(/unknown command/);
    expect(await jobsCli(["retry", "424242"], () => {})).toBe(1);
  });
});

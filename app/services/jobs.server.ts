/**
 * The durable job queue: every piece of background work (mail, image
 * variants, order expiry, rollups) is a row in `jobs`, so a restart loses
 * nothing. docs/decisions/003-job-queue-and-outbox.md explains the design.
 *
 * - `enqueueJob` is an INSERT, so it commits or rolls back with the caller's
 *   transaction: a workflow writes its rows and its job atomically.
 * - A worker claims one due job with a single UPDATE … WHERE id = (SELECT …
 *   LIMIT 1) RETURNING. SQLite runs a write statement under the write lock,
 *   so two workers (threads or processes on one file) never claim the same row.
 * - A claim is a lease (`locked_until`). The worker renews it while the
 *   handler runs; if the worker dies, the lease runs out and any worker
 *   reclaims the job. Finished jobs (`succeeded`, `dead`) are never claimed.
 * - A handler that throws is retried with exponential back-off and jitter;
 *   after `max_attempts` the job is `dead`, with `last_error` kept for the
 *   admin, who can `retryDeadJob`.
 *
 * Handlers are therefore run at least once; a handler whose effect leaves
 * the database (SMTP, Stripe) must make a repeat harmless (see mail.server.ts).
 */
import crypto from "node:crypto";
import os from "node:os";
import { sql } from "kysely";
import type { Job } from "#db/schema";
import { getDb, type DB } from "~/utils/db.server";

/**
 * Payload type per job name. Each module that owns a job type adds its entry
 * by declaration merging, next to its handler:
 *
 *   declare module "~/services/jobs.server" {
 *     interface JobPayloads { "mail.send": { outboxId: number } }
 *   }
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface JobPayloads {}

export type JobName = keyof JobPayloads & string;
export type JobStatus = Job["status"];
export const JOB_STATUSES: readonly JobStatus[] = ["queued", "running", "succeeded", "dead"];

export type JobLogger = {
  info: (message: string) => void;
  warn: (message: string) => void;
  error: (message: string) => void;
};

export type JobContext = {
  job: Job;
  /** 1 on the first run, counting runs cut short by a crash. */
  attempt: number;
  /** True when a failure now makes the job dead instead of retrying it. */
  isLastAttempt: boolean;
  /** Aborted when the worker lost the lease (another worker now owns the job). */
  signal: AbortSignal;
  workerId: string;
  log: JobLogger;
};

export type JobHandler<N extends JobName> = (payload: JobPayloads[N], context: JobContext) => Promise<void>;

/** Thrown by a handler when retrying cannot help (e.g. the row it works on is gone): the job goes dead at once. */
export class PermanentJobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PermanentJobError";
  }
}

// ---------------------------------------------------------------------------
// Handler registry and worker state live on globalThis: in development the
// Remix build is re-imported on every change, and a request served by a new
// copy of this module must still reach the worker started by the first copy.

type AnyHandler = (payload: unknown, context: JobContext) => Promise<void>;
type QueueGlobals = {
  handlers: Map<string, AnyHandler>;
  worker?: JobWorker;
  wakeListeners: Set<() => void>;
};
const globalForJobs = globalThis as unknown as { __batikJobs?: QueueGlobals };
const queue: QueueGlobals = (globalForJobs.__batikJobs ??= { handlers: new Map(), wakeListeners: new Set() });

export function registerJobHandler<N extends JobName>(name: N, handler: JobHandler<N>): void {
  queue.handlers.set(name, handler as AnyHandler);
}

/** Only for tests: forget a handler registered by a previous case. */
export function unregisterJobHandler(name: string): void {
  queue.handlers.delete(name);
}

export function registeredJobNames(): string[] {
  return [...queue.handlers.keys()];
}

/** Tells the workers of this process that a job may be due now (other processes find it on their next poll). */
function wakeWorkers() {
  for (const listener of queue.wakeListeners) listener();
}

// ---------------------------------------------------------------------------
// Enqueue

export type EnqueueJobInput<N extends JobName> = {
  name: N;
  payload: JobPayloads[N];
  /** Not before this instant (default: now). This is also how a periodic job re-schedules itself. */
  runAt?: Date | string;
  maxAttempts?: number;
  /**
   * At most one queued or running job per key: enqueueing again while one is
   * waiting or running returns that job instead of adding a second one.
   */
  dedupeKey?: string;
};

export type EnqueueJobResult = { id: number; deduplicated: boolean };

/**
 * Adds a job. Pass the caller's transaction as `db` to make the job part of
 * it: the job exists exactly when the caller's rows do.
 */
export async function enqueueJob<N extends JobName>(input: EnqueueJobInput<N>, db: DB = getDb()): Promise<EnqueueJobResult> {
  const maxAttempts = input.maxAttempts ?? 5;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new Error(`maxAttempts must be a positive integer, got ${maxAttempts}`);
  const now = new Date().toISOString();
  const runAt = input.runAt === undefined ? now : new Date(input.runAt).toISOString();
  const inserted = await db
    .insertInto("jobs")
    .values({
      name: input.name,
      payload: JSON.stringify(input.payload ?? {}),
      run_at: runAt,
      max_attempts: maxAttempts,
      dedupe_key: input.dedupeKey ?? null,
      created_at: now,
      updated_at: now,
    })
    // The only uniqueness rule a new row can break is the partial index on
    // dedupe_key (queued/running); the id is fresh.
    .onConflict((oc) => oc.doNothing())
    .returning("id")
    .executeTakeFirst();

  if (inserted) {
    // A worker of this process sharing this connection waits for the caller's
    // transaction to end before its claim runs, so it sees the committed row.
    wakeWorkers();
    return { id: inserted.id, deduplicated: false };
  }
  const existing = await db
    .selectFrom("jobs")
    .select("id")
    .where("dedupe_key", "=", input.dedupeKey ?? "")
    .where("status", "in", ["queued", "running"])
    .executeTakeFirst();
  if (!existing) throw new Error(`Could not enqueue job ${input.name}: conflict without a matching dedupe key`);
  return { id: existing.id, deduplicated: true };
}

// ---------------------------------------------------------------------------
// Admin reads and actions

export type JobSummary = Pick<
  Job,
  "id" | "name" | "status" | "attempts" | "max_attempts" | "run_at" | "locked_by" | "locked_until" | "last_error" | "created_at" | "updated_at" | "finished_at" | "payload"
>;

/** Newest first; `status` narrows to one state (e.g. the dead jobs an admin must look at). */
export async function listJobs(
  { status, name, limit = 50, offset = 0 }: { status?: JobStatus; name?: string; limit?: number; offset?: number } = {},
  db: DB = getDb(),
): Promise<JobSummary[]> {
  let query = db
    .selectFrom("jobs")
    .select([
      "id", "name", "status", "attempts", "max_attempts", "run_at", "locked_by", "locked_until",
      "last_error", "created_at", "updated_at", "finished_at", "payload",
    ])
    .orderBy("id", "desc")
    .limit(Math.min(Math.max(1, Math.trunc(limit)), 500))
    .offset(Math.max(0, Math.trunc(offset)));
  if (status) query = query.where("status", "=", status);
  if (name) query = query.where("name", "=", name);
  return query.execute();
}

export async function getJob({ id }: { id: number }, db: DB = getDb()): Promise<Job | undefined> {
  return db.selectFrom("jobs").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Every status with its count, zeros included. */
export async function countJobsByStatus(db: DB = getDb()): Promise<Record<JobStatus, number>> {
  const rows = await db
    .selectFrom("jobs")
    .select(["status", (eb) => eb.fn.countAll<number>().as("count")])
    .groupBy("status")
    .execute();
  const counts = Object.fromEntries(JOB_STATUSES.map((s) => [s, 0])) as Record<JobStatus, number>;
  for (const row of rows) counts[row.status] = Number(row.count);
  return counts;
}

export type RetryDeadJobResult = "retried" | "not-found" | "not-dead" | "duplicate";

/**
 * Puts a dead job back in the queue with a fresh set of attempts. The last
 * error stays until the next run replaces it, so the admin still sees why it
 * died. "duplicate": an equal job (same dedupe key) is already waiting.
 */
export async function retryDeadJob({ id }: { id: number }, db: DB = getDb()): Promise<RetryDeadJobResult> {
  const now = new Date().toISOString();
  try {
    const updated = await db
      .updateTable("jobs")
      .set({ status: "queued", attempts: 0, run_at: now, updated_at: now, finished_at: null, locked_by: null, locked_until: null })
      .where("id", "=", id)
      .where("status", "=", "dead")
      .returning("id")
      .executeTakeFirst();
    if (updated) {
      wakeWorkers();
      return "retried";
    }
  } catch (error) {
    if (isUniqueViolation(error)) return "duplicate";
    throw error;
  }
  const job = await db.selectFrom("jobs").select("status").where("id", "=", id).executeTakeFirst();
  return job ? "not-dead" : "not-found";
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "SQLITE_CONSTRAINT_UNIQUE";
}

// ---------------------------------------------------------------------------
// Claiming and finishing (exported for tests and for scripts/jobs.ts)

/**
 * Claims the next due job for `workerId`: a queued job whose run_at has come,
 * or a running job whose lease ran out (its worker crashed or hung). One
 * statement, so it is atomic against every other worker on the database.
 * Only names in `names` are claimed, so a process never takes a job it has
 * no handler for.
 */
export async function claimNextJob(
  { workerId, leaseMs, names, now = new Date() }: { workerId: string; leaseMs: number; names: string[]; now?: Date },
  db: DB = getDb(),
): Promise<Job | undefined> {
  if (names.length === 0) return undefined;
  const nowIso = now.toISOString();
  const lockedUntil = new Date(now.getTime() + leaseMs).toISOString();

  // A job that crashed its worker on its last allowed attempt would crash
  // the next one too, for all we know: it goes dead instead of running again.
  await db
    .updateTable("jobs")
    .set({
      status: "dead",
      last_error: sql<string>`coalesce(last_error || char(10), '') || 'lease expired during the last attempt (worker stopped or crashed)'`,
      locked_by: null,
      locked_until: null,
      finished_at: nowIso,
      updated_at: nowIso,
    })
    .where("status", "=", "running")
    .where("locked_until", "<", nowIso)
    .where((eb) => eb("attempts", ">=", eb.ref("max_attempts")))
    .where("name", "in", names)
    .execute();

  return db
    .updateTable("jobs")
    .set((eb) => ({
      status: "running",
      attempts: eb("attempts", "+", 1),
      locked_by: workerId,
      locked_until: lockedUntil,
      updated_at: nowIso,
    }))
    .where("id", "=", (eb) =>
      eb
        .selectFrom("jobs")
        .select("id")
        .where("name", "in", names)
        .where((w) =>
          w.or([
            w.and([w("status", "=", "queued"), w("run_at", "<=", nowIso)]),
            w.and([w("status", "=", "running"), w("locked_until", "<", nowIso)]),
          ]),
        )
        .orderBy("run_at")
        .orderBy("id")
        .limit(1),
    )
    .returningAll()
    .executeTakeFirst();
}

/** Extends the lease; false when the job is no longer ours (lease lost and reclaimed). */
export async function renewJobLease(
  { job, workerId, leaseMs }: { job: Pick<Job, "id" | "attempts">; workerId: string; leaseMs: number },
  db: DB = getDb(),
): Promise<boolean> {
  const now = new Date();
  const result = await db
    .updateTable("jobs")
    .set({ locked_until: new Date(now.getTime() + leaseMs).toISOString(), updated_at: now.toISOString() })
    .where("id", "=", job.id)
    .where("status", "=", "running")
    .where("locked_by", "=", workerId)
    .where("attempts", "=", job.attempts)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The finishing updates only touch a job still leased by this run, so a worker that lost its lease cannot overwrite the new owner's state. */
function ownedBy(job: Pick<Job, "id" | "attempts">, workerId: string) {
  return (db: DB) =>
    db
      .updateTable("jobs")
      .where("id", "=", job.id)
      .where("status", "=", "running")
      .where("locked_by", "=", workerId)
      .where("attempts", "=", job.attempts);
}

export async function markJobSucceeded(
  { job, workerId }: { job: Pick<Job, "id" | "attempts">; workerId: string },
  db: DB = getDb(),
): Promise<boolean> {
  const now = new Date().toISOString();
  const result = await ownedBy(job, workerId)(db)
    .set({ status: "succeeded", finished_at: now, updated_at: now, locked_by: null, locked_until: null })
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export type BackoffOptions = { baseMs: number; maxMs: number };
export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 5_000, maxMs: 60 * 60_000 };

/**
 * Delay before the next attempt after `attempts` failed runs:
 * base × 2^(attempts−1), capped at max, then scaled by a random factor in
 * [0.5, 1] so that jobs that failed together (SMTP down) do not all retry in
 * the same instant.
 */
export function backoffDelayMs(attempts: number, { baseMs, maxMs }: BackoffOptions = DEFAULT_BACKOFF, random = Math.random): number {
  const exponential = baseMs * 2 ** Math.max(0, attempts - 1);
  const capped = Math.min(maxMs, exponential);
  return Math.round(capped * (0.5 + random() * 0.5));
}

/** Records a failed run: back to the queue after a back-off, or dead when attempts are used up (or the error is permanent). */
export async function markJobFailed(
  { job, workerId, error, backoff = DEFAULT_BACKOFF }: { job: Pick<Job, "id" | "attempts" | "max_attempts">; workerId: string; error: unknown; backoff?: BackoffOptions },
  db: DB = getDb(),
): Promise<"retry" | "dead" | "lost"> {
  const now = new Date();
  const nowIso = now.toISOString();
  const message = errorText(error);
  const dead = error instanceof PermanentJobError || job.attempts >= job.max_attempts;
  const result = await ownedBy(job, workerId)(db)
    .set(
      dead
        ? { status: "dead", last_error: message, finished_at: nowIso, updated_at: nowIso, locked_by: null, locked_until: null }
        : {
            status: "queued",
            last_error: message,
            run_at: new Date(now.getTime() + backoffDelayMs(job.attempts, backoff)).toISOString(),
            updated_at: nowIso,
            locked_by: null,
            locked_until: null,
          },
    )
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return "lost";
  return dead ? "dead" : "retry";
}

function errorText(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  // Kept short: it is shown in a table, and a stack trace belongs in the log.
  return text.length > 2000 ? `${text.slice(0, 2000)}…` : text;
}

// ---------------------------------------------------------------------------
// The worker

export type JobWorkerOptions = {
  workerId?: string;
  /** How often to look for due jobs when nothing woke the worker. */
  pollMs?: number;
  /** Lease length; renewed every third of it while a handler runs. */
  leaseSeconds?: number;
  /** Jobs run at the same time by this worker. */
  concurrency?: number;
  backoff?: Partial<BackoffOptions>;
  logger?: JobLogger;
  /** Defaults to the process's database. Tests pass a second connection to act as a second worker. */
  db?: DB;
};

export function defaultWorkerId(): string {
  return `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString("hex")}`;
}

const consoleLogger: JobLogger = {
  info: (m) => console.log(m),
  warn: (m) => console.warn(m),
  error: (m) => console.error(m),
};

export class JobWorker {
  readonly workerId: string;
  private readonly pollMs: number;
  private readonly leaseMs: number;
  private readonly concurrency: number;
  private readonly backoff: BackoffOptions;
  private readonly log: JobLogger;
  private readonly db: () => DB;
  private stopping = false;
  private loops: Promise<void>[] = [];
  /** Set when a wake-up arrives while the loop is busy, so the next idle wait ends at once. */
  private wakePending = false;
  private wakeSleeper: (() => void) | undefined;
  private readonly onWake = () => this.wake();

  constructor(options: JobWorkerOptions = {}) {
    this.workerId = options.workerId ?? defaultWorkerId();
    this.pollMs = options.pollMs ?? 1000;
    this.leaseMs = (options.leaseSeconds ?? 60) * 1000;
    this.concurrency = Math.max(1, Math.trunc(options.concurrency ?? 1));
    this.backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
    this.log = options.logger ?? consoleLogger;
    const db = options.db;
    this.db = db ? () => db : getDb;
  }

  get running(): boolean {
    return this.loops.length > 0 && !this.stopping;
  }

  start(): void {
    if (this.loops.length > 0) return;
    this.stopping = false;
    queue.wakeListeners.add(this.onWake);
    for (let i = 0; i < this.concurrency; i++) this.loops.push(this.loop());
  }

  /** Stops claiming and resolves when the jobs in progress have finished (graceful shutdown). */
  async stop(): Promise<void> {
    this.stopping = true;
    queue.wakeListeners.delete(this.onWake);
    this.wake();
    await Promise.all(this.loops);
    this.loops = [];
  }

  wake(): void {
    this.wakePending = true;
    this.wakeSleeper?.();
  }

  /** Claims and runs due jobs until none is due; returns how many ran. Used by the loop and by tests that want no timers. */
  async drain(): Promise<number> {
    let ran = 0;
    while (!this.stopping) {
      const job = await claimNextJob({ workerId: this.workerId, leaseMs: this.leaseMs, names: registeredJobNames() }, this.db());
      if (!job) break;
      await this.run(job);
      ran++;
    }
    return ran;
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      this.wakePending = false;
      try {
        await this.drain();
      } catch (error) {
        // A locked or unavailable database must not end the worker: wait and try again.
        this.log.error(`[jobs] ${this.workerId} could not claim a job: ${errorText(error)}`);
      }
      if (this.stopping) break;
      if (!this.wakePending) await this.sleep(this.pollMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        if (this.wakeSleeper === done) this.wakeSleeper = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeSleeper = done;
    });
  }

  private async run(job: Job): Promise<void> {
    const db = this.db();
    const handler = queue.handlers.get(job.name);
    const controller = new AbortController();
    const renewEvery = Math.max(50, Math.floor(this.leaseMs / 3));
    let renewing: Promise<void> = Promise.resolve();
    const renewTimer = setInterval(() => {
      renewing = renewJobLease({ job, workerId: this.workerId, leaseMs: this.leaseMs }, db).then(
        (ours) => {
          if (!ours && !controller.signal.aborted) {
            this.log.warn(`[jobs] lost the lease of job ${job.id} (${job.name}); another worker owns it now`);
            controller.abort(new Error("lease lost"));
          }
        },
        (error) => this.log.warn(`[jobs] could not renew the lease of job ${job.id}: ${errorText(error)}`),
      );
    }, renewEvery);

    const context: JobContext = {
      job,
      attempt: job.attempts,
      isLastAttempt: job.attempts >= job.max_attempts,
      signal: controller.signal,
      workerId: this.workerId,
      log: this.log,
    };
    let failure: unknown;
    let failed = false;
    try {
      if (!handler) throw new PermanentJobError(`no handler registered for job name "${job.name}"`);
      let payload: unknown;
      try {
        payload = JSON.parse(job.payload);
      } catch {
        throw new PermanentJobError("payload is not valid JSON");
      }
      await handler(payload, context);
    } catch (error) {
      failed = true;
      failure = error;
    } finally {
      clearInterval(renewTimer);
      await renewing;
    }

    if (!failed) {
      const ok = await markJobSucceeded({ job, workerId: this.workerId }, db);
      if (!ok) this.log.warn(`[jobs] job ${job.id} (${job.name}) finished after its lease was lost`);
      return;
    }
    const outcome = await markJobFailed({ job, workerId: this.workerId, error: failure, backoff: this.backoff }, db);
    const text = `[jobs] job ${job.id} (${job.name}) attempt ${job.attempts}/${job.max_attempts} failed: ${errorText(failure)}`;
    if (outcome === "dead") this.log.error(`${text}; it is dead now`);
    else if (outcome === "retry") this.log.warn(`${text}; will retry`);
    else this.log.warn(`${text}; the lease was lost meanwhile`);
  }
}

/** Starts this process's worker (one per process); registers nothing: handlers are registered by their modules. */
export function startJobWorker(options: JobWorkerOptions = {}): JobWorker {
  if (queue.worker) return queue.worker;
  const worker = new JobWorker(options);
  queue.worker = worker;
  worker.start();
  return worker;
}

/** Stops claiming and waits for the running job to finish. */
export async function stopJobWorker(): Promise<void> {
  const worker = queue.worker;
  queue.worker = undefined;
  await worker?.stop();
}

export function getJobWorker(): JobWorker | undefined {
  return queue.worker;
}

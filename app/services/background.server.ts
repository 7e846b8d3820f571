/**
 * Work the server process runs beside requests (the job worker).
 * scripts/server.ts calls these through the Remix build's entry module so that
 * routes and the worker share one module graph and one database connection,
 * and only when JOB_WORKER is true (a deployment may run the worker in its
 * own process instead: `npx tsx scripts/jobs.ts work`).
 */
import { getEnv } from "~/utils/env.server";
import { registerHousekeepingHandlers, scheduleHousekeeping } from "./housekeeping.server";
import { registerImageHandlers } from "./images.server";
import { defaultWorkerId, startJobWorker, stopJobWorker, type JobLogger } from "./jobs.server";
import { closeMailTransport, registerMailHandlers, releaseHeldMail } from "./mail.server";
import { flushVisits } from "./visits.server";

/** Every job handler of the app. A module that adds a job type registers it here. */
export function registerJobHandlers(): void {
  registerMailHandlers();
  registerHousekeepingHandlers();
  registerImageHandlers();
}

export async function startBackground(options: { logger?: JobLogger } = {}): Promise<void> {
  const env = getEnv();
  registerJobHandlers();
  if (env.SMTP_URL) {
    // Mail written while SMTP was not configured waits as `held`; now it can go.
    const released = await releaseHeldMail();
    if (released > 0) (options.logger ?? console).info(`[mail] ${released} held message(s) queued for sending`);
  }
  // The sweep re-schedules itself hourly; this starts the chain (or finds it waiting).
  await scheduleHousekeeping();
  const worker = startJobWorker({
    workerId: defaultWorkerId(),
    pollMs: env.JOB_POLL_MS,
    leaseSeconds: env.JOB_LEASE_SECONDS,
    concurrency: 1,
    logger: options.logger,
  });
  (options.logger ?? console).info(`[jobs] worker ${worker.workerId} started (poll ${env.JOB_POLL_MS} ms, lease ${env.JOB_LEASE_SECONDS} s)`);
}

/**
 * Stops claiming jobs and waits for the one in progress to finish, and writes
 * the page views still buffered (scripts/server.ts calls this on SIGTERM and
 * SIGINT whether or not the worker runs here).
 */
export async function stopBackground(): Promise<void> {
  await flushVisits();
  await stopJobWorker();
  closeMailTransport();
}

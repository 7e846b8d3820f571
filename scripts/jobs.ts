/**
 * The admin's view of the job queue and the mail outbox, until the admin pages
 * exist (they need accounts). Works on the database of DATABASE_PATH, also
 * while the server runs (SQLite WAL lets both work on one file).
 *
 *   npx tsx scripts/jobs.ts list [--status queued|running|succeeded|dead] [--name mail.send] [--limit 50]
 *   npx tsx scripts/jobs.ts counts
 *   npx tsx scripts/jobs.ts show <id>
 *   npx tsx scripts/jobs.ts retry <id>
 *   npx tsx scripts/jobs.ts outbox [--status queued|sent|held|failed] [--limit 50]
 *   npx tsx scripts/jobs.ts send-test-mail <to> [--locale id|en] [--note "text"]
 *   npx tsx scripts/jobs.ts release-held [--include-failed]
 *   npx tsx scripts/jobs.ts work        run a worker in this process until Ctrl-C
 *                                       (for a deployment that sets JOB_WORKER=false on web servers)
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import * as jobs from "../app/services/jobs.server";
import * as mail from "../app/services/mail.server";
import { closeDb, getDb } from "../app/utils/db.server";
import { getEnv } from "../app/utils/env.server";

const USAGE = `usage: npx tsx scripts/jobs.ts <command>
  list [--status queued|running|succeeded|dead] [--name NAME] [--limit N]
  counts
  show <id>
  retry <id>
  outbox [--status queued|sent|held|failed] [--limit N]
  send-test-mail <to> [--locale id|en] [--note TEXT]
  release-held [--include-failed]
  work`;

class UsageError extends Error {}

export async function main(argv: string[], out: (line: string) => void = console.log): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      status: { type: "string" },
      name: { type: "string" },
      limit: { type: "string" },
      locale: { type: "string" },
      note: { type: "string" },
      "include-failed": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  const [command, ...rest] = positionals;
  if (!command || values.help) {
    out(USAGE);
    return command || values.help ? 0 : 1;
  }

  const limit = values.limit === undefined ? 50 : parsePositiveInt(values.limit, "--limit");

  try {
    switch (command) {
      case "list": {
        const status = values.status;
        if (status !== undefined && !(jobs.JOB_STATUSES as readonly string[]).includes(status)) {
          throw new UsageError(`--status must be one of ${jobs.JOB_STATUSES.join(", ")}`);
        }
        const rows = await jobs.listJobs({ status: status as jobs.JobStatus | undefined, name: values.name, limit });
        if (rows.length === 0) out("no jobs");
        for (const job of rows) {
          out(
            `#${job.id} ${job.name} ${job.status} attempts ${job.attempts}/${job.max_attempts} ` +
              (job.status === "queued" ? `run at ${job.run_at}` : job.status === "running" ? `leased by ${job.locked_by} until ${job.locked_until}` : `finished ${job.finished_at ?? "-"}`) +
              (job.last_error ? `\n    last error: ${job.last_error.split("\n").join("\n    ")}` : ""),
          );
        }
        return 0;
      }
      case "counts": {
        const counts = await jobs.countJobsByStatus();
        for (const [status, count] of Object.entries(counts)) out(`${status.padEnd(10)} ${count}`);
        return 0;
      }
      case "show": {
        const id = parsePositiveInt(rest[0], "job id");
        const job = await jobs.getJob({ id });
        if (!job) throw new UsageError(`no job #${id}`);
        out(JSON.stringify(job, null, 2));
        return 0;
      }
      case "retry": {
        const id = parsePositiveInt(rest[0], "job id");
        const result = await jobs.retryDeadJob({ id });
        const messages = {
          retried: `job #${id} is queued again; a running server picks it up within its poll interval`,
          "not-found": `no job #${id}`,
          "not-dead": `job #${id} is not dead; only dead jobs are retried`,
          duplicate: `job #${id} was not retried: an equal job (same dedupe key) is already waiting`,
        } as const;
        out(messages[result]);
        return result === "retried" ? 0 : 1;
      }
      case "outbox": {
        const statuses = ["queued", "sent", "held", "failed"] as const;
        const status = values.status;
        if (status !== undefined && !(statuses as readonly string[]).includes(status)) {
          throw new UsageError(`--status must be one of ${statuses.join(", ")}`);
        }
        const rows = await mail.listOutbox({ status: status as (typeof statuses)[number] | undefined, limit });
        if (rows.length === 0) out("outbox is empty");
        for (const row of rows) {
          out(
            `#${row.id} ${row.status} ${row.template}/${row.locale} to ${row.to_address} "${row.subject}" attempts ${row.attempts}` +
              (row.sent_at ? ` sent ${row.sent_at}` : "") +
              (row.last_error ? `\n    last error: ${row.last_error}` : ""),
          );
        }
        return 0;
      }
      case "send-test-mail": {
        const to = rest[0];
        if (!to) throw new UsageError("send-test-mail needs a recipient address");
        const locale = values.locale ?? "id";
        if (locale !== "id" && locale !== "en") throw new UsageError("--locale must be id or en");
        let queued;
        try {
          queued = await mail.queueMail({ to, template: "test", locale, data: { note: values.note, requestedAt: new Date().toISOString() } });
        } catch (error) {
          throw new UsageError((error as Error).message);
        }
        out(`queued outbox #${queued.outboxId} (${queued.messageId}) as job #${queued.jobId}`);
        out(
          getEnv().SMTP_URL
            ? "a running server (or `scripts/jobs.ts work`) sends it within its poll interval"
            : "SMTP_URL is not set: the worker will keep it in the outbox as held",
        );
        return 0;
      }
      case "release-held": {
        const count = await mail.releaseHeldMail({ includeFailed: values["include-failed"] ?? false });
        out(`${count} message(s) queued for sending`);
        return 0;
      }
      case "work": {
        const { startBackground, stopBackground } = await import("../app/services/background.server");
        getDb();
        await startBackground();
        await new Promise<void>((resolve) => {
          const stop = () => resolve();
          process.once("SIGINT", stop);
          process.once("SIGTERM", stop);
        });
        out("stopping: waiting for the running job to finish");
        await stopBackground();
        return 0;
      }
      default:
        throw new UsageError(`unknown command "${command}"\n${USAGE}`);
    }
  } finally {
    await closeDb();
  }
}

function parsePositiveInt(value: string | undefined, what: string): number {
  if (!value || !/^\d+$/.test(value) || Number(value) < 1) throw new UsageError(`${what} must be a positive whole number`);
  return Number(value);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      if (error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
        console.error((error as Error).message);
        process.exit(2);
      }
      console.error(error);
      process.exit(1);
    },
  );
}

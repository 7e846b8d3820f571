/**
 * The queue and the outbox against real server processes (scripts/server.ts
 * with the Remix build) on one SQLite file:
 * - kill -9 while a mail job is leased and the SMTP server is still receiving
 *   DATA, start again: the mail arrives exactly once (issue 2, "done when");
 * - two servers on one database deliver every mail exactly once between them;
 * - SIGTERM lets the job in progress finish before the process exits.
 */
import type { Kysely } from "kysely";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "#db/schema";
import { queueMail } from "~/services/mail.server";
import { createTestDatabase, uniqueTestPath, type TestDatabase } from "../setup/db";
import { ensureBuild, killServer, sleep, startServerProcess, until, type ServerProcess } from "../setup/server-process";
import { startSmtpCatcher, type SmtpCatcher } from "../fakes/smtp-server";

type Server = ServerProcess;
const servers: Server[] = [];
const catchers: SmtpCatcher[] = [];
const databases: TestDatabase[] = [];

const startServer = (env: Record<string, string>) => startServerProcess(env, servers);

const kill = killServer;

async function catcher(options: Parameters<typeof startSmtpCatcher>[0]) {
  const c = await startSmtpCatcher(options);
  catchers.push(c);
  return c;
}

async function freshDatabase() {
  const database = await createTestDatabase();
  databases.push(database);
  return database;
}

function serverEnv(database: TestDatabase, smtp: SmtpCatcher) {
  return { DATABASE_PATH: database.file, UPLOADS_DIR: uniqueTestPath("uploads"), SMTP_URL: smtp.url };
}

async function jobOf(db: Kysely<Database>, id: number) {
  return db.selectFrom("jobs").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}
async function outboxOf(db: Kysely<Database>, id: number) {
  return db.selectFrom("mail_outbox").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}

beforeAll(() => {
  ensureBuild();
}, 200_000);

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => kill(s)));
  await Promise.all(catchers.splice(0).map((c) => c.close()));
});

afterAll(async () => {
  await Promise.all(servers.splice(0).map((s) => kill(s)));
  await Promise.all(databases.splice(0).map((d) => d.cleanup()));
});

describe("mail across server crashes and restarts", () => {
  it("kill -9 while the mail job is leased mid-DATA, restart: the mail is delivered exactly once", async () => {
    const database = await freshDatabase();
    const { db } = database;
    const slow = await catcher({ delayDataMs: 8000 });
    const port = slow.port;

    const first = await startServer(serverEnv(database, slow));
    // Written by this process straight into the server's database file.
    const queued = await queueMail({ to: "buyer@example.com", toName: "Buyer", template: "test", locale: "en", data: { requestedAt: new Date().toISOString() } }, db);

    await until(async () => {
      const job = await jobOf(db, queued.jobId);
      return job.status === "running" && job.locked_by !== null && slow.dataStarted >= 1;
    }, 15_000, "the job to be leased and the SMTP server to receive DATA");
    const leased = await jobOf(db, queued.jobId);
    expect(leased.attempts).toBe(1);

    await kill(first, "SIGKILL");
    // The sender died before the 250 reply: the SMTP server drops the transaction.
    await until(() => slow.discarded === 1, 5000, "the SMTP server to discard the unfinished message");
    expect(slow.messages).toHaveLength(0);
    expect(await jobOf(db, queued.jobId)).toMatchObject({ status: "running" }); // nobody finished it
    expect((await outboxOf(db, queued.outboxId)).status).toBe("queued");

    // Same address, but now a server that answers at once.
    await slow.close();
    const fast = await catcher({ port });
    await startServer(serverEnv(database, fast));

    const [message] = await fast.waitFor(1, 20_000);
    expect(message.messageId).toBe(queued.messageId);
    expect(message.to).toEqual(["buyer@example.com"]);
    await until(async () => (await jobOf(db, queued.jobId)).status === "succeeded", 5000, "the job to succeed");
    const row = await outboxOf(db, queued.outboxId);
    expect(row.status).toBe("sent");
    expect(row.sent_at).not.toBeNull();
    expect(await jobOf(db, queued.jobId)).toMatchObject({ attempts: 2, locked_by: null });

    // Longer than a lease plus several polls: no second delivery appears.
    await sleep(2500);
    expect(fast.messages).toHaveLength(1);
    expect(slow.messages).toHaveLength(0);
  }, 90_000);

  it("a restart after delivery never runs the finished job again", async () => {
    const database = await freshDatabase();
    const { db } = database;
    const smtp = await catcher({});
    const first = await startServer(serverEnv(database, smtp));
    const queued = await queueMail({ to: "buyer@example.com", template: "welcome", locale: "id", data: { name: "Budi" } }, db);
    await smtp.waitFor(1, 10_000);
    await until(async () => (await jobOf(db, queued.jobId)).status === "succeeded", 5000, "the job to succeed");

    await kill(first, "SIGKILL");
    await startServer(serverEnv(database, smtp));
    await sleep(2500);
    expect(smtp.messages).toHaveLength(1);
    expect(await jobOf(db, queued.jobId)).toMatchObject({ status: "succeeded", attempts: 1 });
  }, 60_000);

  it("two servers on one database deliver every mail exactly once between them", async () => {
    const database = await freshDatabase();
    const { db } = database;
    // Each delivery takes a moment, so both workers get a share.
    const smtp = await catcher({ delayDataMs: 100 });
    await Promise.all([startServer(serverEnv(database, smtp)), startServer(serverEnv(database, smtp))]);

    const total = 20;
    const queued = await db.transaction().execute(async (trx) => {
      const out = [];
      for (let i = 0; i < total; i++) {
        out.push(await queueMail({ to: `buyer${i}@example.com`, template: "test", locale: i % 2 ? "en" : "id", data: { requestedAt: new Date().toISOString() } }, trx));
      }
      return out;
    });

    const leaseHolders = new Set<string>();
    await until(async () => {
      const running = await db.selectFrom("jobs").select("locked_by").where("status", "=", "running").execute();
      for (const r of running) if (r.locked_by) leaseHolders.add(r.locked_by);
      return smtp.messages.length >= total;
    }, 30_000, `${total} deliveries`);
    await sleep(1000);

    expect(smtp.messages).toHaveLength(total);
    expect(smtp.messages.map((m) => m.messageId).sort()).toEqual(queued.map((q) => q.messageId).sort());
    expect(leaseHolders.size).toBe(2);
    const statuses = await db.selectFrom("mail_outbox").select(["status", "attempts"]).distinct().execute();
    expect(statuses).toEqual([{ status: "sent", attempts: 1 }]);
  }, 90_000);

  it("SIGTERM lets the mail in progress finish before the server exits", async () => {
    const database = await freshDatabase();
    const { db } = database;
    const smtp = await catcher({ delayDataMs: 1500 });
    const server = await startServer(serverEnv(database, smtp));
    const queued = await queueMail({ to: "buyer@example.com", template: "test", locale: "id", data: { requestedAt: new Date().toISOString() } }, db);
    await smtp.waitForDataStart(1, 10_000);

    process.kill(-server.child.pid!, "SIGTERM");
    const code = await Promise.race([server.exited, sleep(15_000).then(() => "timeout" as const)]);
    expect(code).toBe(0);
    expect(smtp.messages).toHaveLength(1);
    expect(await jobOf(db, queued.jobId)).toMatchObject({ status: "succeeded" });
    expect((await outboxOf(db, queued.outboxId)).status).toBe("sent");
  }, 60_000);
});

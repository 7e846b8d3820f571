/**
 * Outgoing mail: written to the outbox first, sent later by a `mail.send` job.
 *
 * queueMail renders the message, stores it in `mail_outbox` with a stable
 * Message-ID and enqueues the job, in one transaction: either both exist or
 * neither. No network call happens there, so a workflow can call it inside
 * its own transaction (checkout, sign-up) without holding the database while
 * SMTP answers.
 *
 * Delivery guarantee (docs/decisions/003-job-queue-and-outbox.md):
 * - The job holds a lease while it talks to SMTP. If this process dies before
 *   the SMTP server replied 250 to DATA, the server has not accepted the
 *   message and discards the partial one; the lease runs out, another run
 *   sends it, and it arrives once.
 * - If the process dies in the tiny window AFTER the 250 reply and BEFORE the
 *   outbox row is marked `sent`, the next run sends it again: at-least-once,
 *   not exactly-once, in that window. Both copies carry the same Message-ID
 *   (stored in the row, set on every attempt), so receiving systems and
 *   people can recognise the duplicate. No protocol can close that window:
 *   the acknowledgement and our own record cannot be written atomically.
 * - A row already `sent` is never sent again: the handler checks first.
 */
import crypto from "node:crypto";
import nodemailer, { type Transporter } from "nodemailer";
import { z } from "zod";
import type { MailOutbox } from "#db/schema";
import { getDb, type DB } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import type { Locale } from "~/utils/i18n";
import { enqueueJob, PermanentJobError, registerJobHandler, type JobContext } from "./jobs.server";
import { renderMail, type MailTemplateData, type MailTemplateName } from "./mail-templates.server";

declare module "~/services/jobs.server" {
  interface JobPayloads {
    "mail.send": { outboxId: number };
  }
}

export const MAIL_SEND_JOB = "mail.send";
/** SMTP is down for minutes, sometimes hours: 8 attempts back off over roughly 10 minutes (5 s base) before giving up. */
const MAIL_MAX_ATTEMPTS = 8;

const AddressSchema = z.string().trim().email().max(254);

export type QueueMailInput<T extends MailTemplateName> = {
  to: string;
  toName?: string;
  template: T;
  /** The recipient's language; the message is rendered in it. */
  locale: Locale;
  data: MailTemplateData[T];
};

export type QueuedMail = { outboxId: number; messageId: string; jobId: number };

/**
 * Renders the message in the recipient's language and stores it with its
 * send job. Pass a transaction as `db` to make the mail part of a workflow.
 * Throws on an invalid address: callers validate user input before this.
 */
export async function queueMail<T extends MailTemplateName>(input: QueueMailInput<T>, db: DB = getDb()): Promise<QueuedMail> {
  const address = AddressSchema.safeParse(input.to);
  if (!address.success) throw new Error(`queueMail: invalid recipient address ${JSON.stringify(input.to)}`);
  // Display names must stay on one header line.
  const toName = (input.toName ?? "").replace(/[\r\n]+/g, " ").trim().slice(0, 200);
  const origin = getEnv().PUBLIC_ORIGIN;
  const rendered = renderMail(input.template, input.data, { locale: input.locale, origin });
  const messageId = `<${crypto.randomUUID()}@${new URL(origin).hostname}>`;

  const write = async (trx: DB): Promise<QueuedMail> => {
    const row = await trx
      .insertInto("mail_outbox")
      .values({
        message_id: messageId,
        to_address: address.data,
        to_name: toName,
        template: input.template,
        locale: input.locale,
        subject: rendered.subject,
        text_body: rendered.text,
        html_body: rendered.html,
        status: "queued",
        created_at: new Date().toISOString(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const job = await enqueueJob(
      { name: "mail.send", payload: { outboxId: row.id }, maxAttempts: MAIL_MAX_ATTEMPTS, dedupeKey: `mail.send:${row.id}` },
      trx,
    );
    return { outboxId: row.id, messageId, jobId: job.id };
  };
  return db.isTransaction ? write(db) : db.transaction().execute(write);
}

// ---------------------------------------------------------------------------
// Sending

type TransportCache = { url: string; transport: Transporter };
let transportCache: TransportCache | undefined;
let heldNoticeLogged = false;

/** One transport per SMTP_URL, made on first use; a new URL (tests) gets a new one. */
function getTransport(url: string): Transporter {
  if (transportCache?.url !== url) {
    transportCache?.transport.close();
    transportCache = {
      url,
      transport: nodemailer.createTransport(url, {
        // A hung server must fail the attempt (and be retried) well before an
        // admin wonders where the mail went; the lease is renewed meanwhile.
        connectionTimeout: 15_000,
        greetingTimeout: 15_000,
        socketTimeout: 60_000,
      }),
    };
  }
  return transportCache.transport;
}

/** Closes the SMTP transport (graceful shutdown, tests). */
export function closeMailTransport(): void {
  transportCache?.transport.close();
  transportCache = undefined;
}

export type SendOutboxResult = "sent" | "already-sent" | "held";

/**
 * Sends one outbox row. Without SMTP_URL the row is `held` (kept, not an
 * error): `releaseHeldMail` queues it again once SMTP is configured.
 * On SMTP failure the attempt is recorded on the row and the error is
 * rethrown, so the job is retried; on the last attempt the row is `failed`.
 */
export async function sendOutboxMail(
  { outboxId, isLastAttempt = false, log = console }: { outboxId: number; isLastAttempt?: boolean; log?: Pick<JobContext["log"], "warn"> },
  db: DB = getDb(),
): Promise<SendOutboxResult> {
  const row = await db.selectFrom("mail_outbox").selectAll().where("id", "=", outboxId).executeTakeFirst();
  if (!row) throw new PermanentJobError(`mail_outbox row ${outboxId} does not exist`);
  if (row.status === "sent") return "already-sent";

  const env = getEnv();
  if (!env.SMTP_URL) {
    if (!heldNoticeLogged) {
      heldNoticeLogged = true;
      log.warn("[mail] SMTP_URL is not set: outgoing mail is kept in the outbox (status held) and not sent");
    }
    await db.updateTable("mail_outbox").set({ status: "held" }).where("id", "=", outboxId).where("status", "!=", "sent").execute();
    return "held";
  }

  await db.updateTable("mail_outbox").set((eb) => ({ attempts: eb("attempts", "+", 1) })).where("id", "=", outboxId).execute();
  try {
    await getTransport(env.SMTP_URL).sendMail(messageFromRow(row, env.MAIL_FROM));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await db
      .updateTable("mail_outbox")
      .set({ last_error: message.slice(0, 2000), ...(isLastAttempt ? { status: "failed" as const } : {}) })
      .where("id", "=", outboxId)
      .where("status", "!=", "sent")
      .execute();
    throw error;
  }
  // <- The window: the server has accepted the message, the row does not say so yet.
  await db
    .updateTable("mail_outbox")
    .set({ status: "sent", sent_at: new Date().toISOString(), last_error: null })
    .where("id", "=", outboxId)
    .execute();
  return "sent";
}

function messageFromRow(row: MailOutbox, from: string): nodemailer.SendMailOptions {
  return {
    from,
    to: row.to_name ? { name: row.to_name, address: row.to_address } : row.to_address,
    subject: row.subject,
    text: row.text_body,
    html: row.html_body,
    // The stored id, the same on every attempt: receivers de-duplicate by it.
    messageId: row.message_id,
    headers: { "Content-Language": row.locale },
  };
}

/** Registers the `mail.send` job handler with the queue. */
export function registerMailHandlers(): void {
  registerJobHandler("mail.send", async ({ outboxId }, context) => {
    if (!Number.isInteger(outboxId)) throw new PermanentJobError(`mail.send payload has no valid outboxId`);
    await sendOutboxMail({ outboxId, isLastAttempt: context.isLastAttempt, log: context.log });
  });
}

/**
 * Queues every `held` (and optionally `failed`) message again, e.g. after
 * SMTP_URL was configured. Returns how many were queued.
 */
export async function releaseHeldMail({ includeFailed = false }: { includeFailed?: boolean } = {}, db: DB = getDb()): Promise<number> {
  const statuses: MailOutbox["status"][] = includeFailed ? ["held", "failed"] : ["held"];
  return db.transaction().execute(async (trx) => {
    const rows = await trx.selectFrom("mail_outbox").select("id").where("status", "in", statuses).orderBy("id").execute();
    for (const { id } of rows) {
      await trx.updateTable("mail_outbox").set({ status: "queued" }).where("id", "=", id).execute();
      await enqueueJob({ name: "mail.send", payload: { outboxId: id }, maxAttempts: MAIL_MAX_ATTEMPTS, dedupeKey: `mail.send:${id}` }, trx);
    }
    return rows.length;
  });
}

export type OutboxSummary = Pick<MailOutbox, "id" | "message_id" | "to_address" | "template" | "locale" | "subject" | "status" | "attempts" | "last_error" | "created_at" | "sent_at">;

/** Newest first, for the admin's view of outgoing mail. */
export async function listOutbox(
  { status, limit = 50 }: { status?: MailOutbox["status"]; limit?: number } = {},
  db: DB = getDb(),
): Promise<OutboxSummary[]> {
  let query = db
    .selectFrom("mail_outbox")
    .select(["id", "message_id", "to_address", "template", "locale", "subject", "status", "attempts", "last_error", "created_at", "sent_at"])
    .orderBy("id", "desc")
    .limit(Math.min(Math.max(1, Math.trunc(limit)), 500));
  if (status) query = query.where("status", "=", status);
  return query.execute();
}

/**
 * Mail: templates in both languages with escaped HTML, outbox row and job
 * written together, delivery to a local SMTP catcher with the stored
 * Message-ID, `held` without SMTP_URL, retries while SMTP refuses, and no
 * second delivery of a sent row.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { enqueueJob, getJob, JobWorker, unregisterJobHandler, type JobLogger } from "~/services/jobs.server";
import { closeMailTransport, queueMail, registerMailHandlers, releaseHeldMail, sendOutboxMail } from "~/services/mail.server";
import { escapeHtml, html, renderMail } from "~/services/mail-templates.server";
import { getDb } from "~/utils/db.server";
import { resetEnvForTests } from "~/utils/env.server";
import { startSmtpCatcher, type SmtpCatcher } from "../fakes/smtp-server";

const ORIGIN = "http://localhost:3000";
const HOSTILE = `<script>alert("x")</script> & 'Sri' "Rahayu"`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(check: () => Promise<T> | T, timeoutMs = 5000, what = "condition"): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(10);
  }
}

const logLines: string[] = [];
const logger: JobLogger = { info: (m) => logLines.push(m), warn: (m) => logLines.push(m), error: (m) => logLines.push(m) };

let catcher: SmtpCatcher;
let worker: JobWorker | undefined;

function useSmtp(url: string | undefined) {
  if (url === undefined) vi.stubEnv("SMTP_URL", undefined);
  else vi.stubEnv("SMTP_URL", url);
  resetEnvForTests();
}

/** A worker with a short back-off so retry tests take milliseconds. */
function startWorker() {
  worker = new JobWorker({ pollMs: 10, leaseSeconds: 5, backoff: { baseMs: 10, maxMs: 40 }, logger });
  worker.start();
  return worker;
}

async function outboxRow(id: number) {
  return getDb().selectFrom("mail_outbox").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}

beforeAll(async () => {
  catcher = await startSmtpCatcher();
  registerMailHandlers();
});

afterAll(async () => {
  closeMailTransport();
  await catcher.close();
  unregisterJobHandler("mail.send");
});

beforeEach(async () => {
  catcher.messages.length = 0;
  catcher.setFailNext(0);
  logLines.length = 0;
  await getDb().deleteFrom("jobs").execute();
  await getDb().deleteFrom("mail_outbox").execute();
  useSmtp(catcher.url);
});

afterEach(async () => {
  await worker?.stop();
  worker = undefined;
  resetEnvForTests();
});

describe("templates", () => {
  it("renders welcome in Indonesian and in English inside the shared layout", () => {
    const id = renderMail("welcome", { name: "Sri Rahayu" }, { locale: "id", origin: ORIGIN });
    expect(id.subject).toBe("Selamat datang di Batik Blitar");
    expect(id.text).toContain("Yth. Sri Rahayu,");
    expect(id.text).toContain(`${ORIGIN}/account`);
    expect(id.html).toContain('<html lang="id">');
    expect(id.html).toContain(`<a href="${ORIGIN}/" style="color:#7a3b12">Kunjungi ${ORIGIN}</a>`);

    const en = renderMail("welcome", { name: "Sri Rahayu" }, { locale: "en", origin: ORIGIN });
    expect(en.subject).toBe("Welcome to Batik Blitar");
    expect(en.text).toContain("Dear Sri Rahayu,");
    expect(en.text).toContain(`${ORIGIN}/en/account`);
    expect(en.html).toContain('<html lang="en">');
    expect(en.html).toContain(`${ORIGIN}/en/products`);
    expect(en.text).toContain("Visit: http://localhost:3000/en");
  });

  it("renders the test message in both languages with the time in WIB", () => {
    const requestedAt = "2026-10-02T12:00:00.000Z"; // 19.00 WIB
    const id = renderMail("test", { requestedAt }, { locale: "id", origin: ORIGIN });
    const en = renderMail("test", { requestedAt, note: "hello" }, { locale: "en", origin: ORIGIN });
    expect(id.subject).toBe("Pesan uji Batik Blitar");
    expect(id.text).toMatch(/2 Okt 2026,? 19\.00 WIB/);
    expect(en.subject).toBe("Batik Blitar test message");
    expect(en.text).toContain("Note: hello");
  });

  it("escapes every interpolated value in HTML and keeps the text version literal", () => {
    const mail = renderMail("welcome", { name: HOSTILE }, { locale: "en", origin: ORIGIN });
    expect(mail.html).not.toContain("<script>");
    expect(mail.html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Sri&#39; &quot;Rahayu&quot;");
    expect(mail.text).toContain(`Dear ${HOSTILE},`);

    const note = renderMail("test", { requestedAt: new Date().toISOString(), note: `<img src=x onerror=alert(1)>` }, { locale: "id", origin: ORIGIN });
    expect(note.html).not.toContain("<img");
    expect(note.html).toContain("&lt;img src=x onerror=alert(1)&gt;");
  });

  it("the html tag escapes values but not nested fragments", () => {
    expect(escapeHtml(`a<b>&"'`)).toBe("a&lt;b&gt;&amp;&quot;&#39;");
    expect(html`<p>${"<i>"}${html`<b>ok</b>`}${["<", html`<br>`]}</p>`.value).toBe("<p>&lt;i&gt;<b>ok</b>&lt;<br></p>");
  });
});

describe("queueMail", () => {
  it("writes the outbox row and its send job in one transaction", async () => {
    const queued = await queueMail({ to: "sri@example.com", toName: "Sri", template: "welcome", locale: "id", data: { name: "Sri" } });
    expect(queued.messageId).toMatch(/^<[0-9a-f-]{36}@localhost>$/);
    const row = await outboxRow(queued.outboxId);
    expect(row).toMatchObject({
      message_id: queued.messageId,
      to_address: "sri@example.com",
      to_name: "Sri",
      template: "welcome",
      locale: "id",
      subject: "Selamat datang di Batik Blitar",
      status: "queued",
      attempts: 0,
    });
    const job = await getJob({ id: queued.jobId });
    expect(job).toMatchObject({ name: "mail.send", status: "queued" });
    expect(JSON.parse(job!.payload)).toEqual({ outboxId: queued.outboxId });

    // Inside a caller's transaction that fails, neither survives.
    await expect(
      getDb()
        .transaction()
        .execute(async (trx) => {
          await queueMail({ to: "budi@example.com", template: "welcome", locale: "en", data: { name: "Budi" } }, trx);
          throw new Error("sign-up failed later");
        }),
    ).rejects.toThrow("sign-up failed later");
    expect(await getDb().selectFrom("mail_outbox").select("id").execute()).toHaveLength(1);
    expect(await getDb().selectFrom("jobs").select("id").execute()).toHaveLength(1);
  });

  it("refuses an invalid address and flattens a multi-line display name", async () => {
    await expect(queueMail({ to: "not an address", template: "welcome", locale: "id", data: { name: "x" } })).rejects.toThrow(/invalid recipient/);
    const queued = await queueMail({ to: "a@example.com", toName: "Evil\r\nBcc: victim@example.com", template: "welcome", locale: "id", data: { name: "x" } });
    expect((await outboxRow(queued.outboxId)).to_name).toBe("Evil Bcc: victim@example.com");
  });
});

describe("sending", () => {
  it("delivers to SMTP with the stored Message-ID and marks the row sent", async () => {
    const queued = await queueMail({ to: "sri@example.com", toName: "Sri Rahayu", template: "welcome", locale: "en", data: { name: HOSTILE } });
    startWorker();
    const [message] = await catcher.waitFor(1, 5000);
    expect(message.messageId).toBe(queued.messageId);
    expect(message.subject).toBe("Welcome to Batik Blitar");
    expect(message.to).toEqual(["sri@example.com"]);
    expect(message.from).toBe("no-reply@batikblitar.local");
    expect(message.headers["content-language"]).toBe("en");
    // The HTML part went out escaped (the text part carries the name literally, as text).
    expect(message.raw).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");

    const row = await until(async () => {
      const r = await outboxRow(queued.outboxId);
      return r.status === "sent" ? r : undefined;
    }, 3000, "the row to be sent");
    expect(row.attempts).toBe(1);
    expect(row.sent_at).not.toBeNull();
    expect(row.last_error).toBeNull();
    await until(async () => (await getJob({ id: queued.jobId }))?.status === "succeeded", 3000, "the job to succeed");
  });

  it("keeps the message as held when SMTP_URL is unset, logs it once, and sends it once SMTP is configured", async () => {
    useSmtp(undefined);
    const first = await queueMail({ to: "a@example.com", template: "test", locale: "id", data: { requestedAt: new Date().toISOString() } });
    const second = await queueMail({ to: "b@example.com", template: "test", locale: "en", data: { requestedAt: new Date().toISOString() } });
    startWorker();
    await until(async () => (await getJob({ id: second.jobId }))?.status === "succeeded", 3000, "both jobs to finish");
    expect(await getJob({ id: first.jobId })).toMatchObject({ status: "succeeded" });
    expect((await outboxRow(first.outboxId)).status).toBe("held");
    expect((await outboxRow(second.outboxId)).status).toBe("held");
    expect(catcher.messages).toHaveLength(0);
    // "logged once" is per process; an earlier test file case may already have logged it.
    expect(logLines.filter((l) => l.includes("SMTP_URL is not set")).length).toBeLessThanOrEqual(1);

    useSmtp(catcher.url);
    expect(await releaseHeldMail()).toBe(2);
    await catcher.waitFor(2, 5000);
    expect(catcher.messages.map((m) => m.messageId).sort()).toEqual([first.messageId, second.messageId].sort());
    await until(async () => (await outboxRow(second.outboxId)).status === "sent", 3000, "the released row to be sent");
  });

  it("retries while the SMTP server refuses, recording each attempt, and delivers once", async () => {
    catcher.setFailNext(2);
    const refusedBefore = catcher.refused;
    const queued = await queueMail({ to: "sri@example.com", template: "welcome", locale: "id", data: { name: "Sri" } });
    startWorker();
    await catcher.waitFor(1, 5000);
    expect(catcher.refused - refusedBefore).toBe(2);
    const row = await until(async () => {
      const r = await outboxRow(queued.outboxId);
      return r.status === "sent" ? r : undefined;
    }, 3000, "the row to be sent");
    expect(row.attempts).toBe(3);
    expect(row.last_error).toBeNull();
    const job = await until(async () => {
      const j = await getJob({ id: queued.jobId });
      return j?.status === "succeeded" ? j : undefined;
    }, 3000, "the job to succeed");
    expect(job.attempts).toBe(3);
    expect(job.last_error).toMatch(/451/);
    await sleep(100);
    expect(catcher.messages).toHaveLength(1);
  });

  it("marks the row failed and the job dead when SMTP refuses every attempt", async () => {
    catcher.setFailNext(1000);
    const queued = await queueMail({ to: "sri@example.com", template: "welcome", locale: "id", data: { name: "Sri" } });
    startWorker();
    const job = await until(async () => {
      const j = await getJob({ id: queued.jobId });
      return j?.status === "dead" ? j : undefined;
    }, 10_000, "the job to die");
    expect(job.attempts).toBe(job.max_attempts);
    const row = await outboxRow(queued.outboxId);
    expect(row).toMatchObject({ status: "failed", attempts: job.max_attempts });
    expect(row.last_error).toMatch(/451/);
    expect(catcher.messages).toHaveLength(0);
  });

  it("never sends a row again once it is sent", async () => {
    const queued = await queueMail({ to: "sri@example.com", template: "welcome", locale: "id", data: { name: "Sri" } });
    startWorker();
    await catcher.waitFor(1, 5000);
    await until(async () => (await getJob({ id: queued.jobId }))?.status === "succeeded", 3000, "the job to succeed");

    // Another job for the same row (e.g. enqueued by hand) finds it sent.
    const again = await enqueueJob({ name: "mail.send", payload: { outboxId: queued.outboxId } });
    await until(async () => (await getJob({ id: again.id }))?.status === "succeeded", 3000, "the second job to finish");
    expect(await sendOutboxMail({ outboxId: queued.outboxId })).toBe("already-sent");
    await sleep(100);
    expect(catcher.messages).toHaveLength(1);
    expect((await outboxRow(queued.outboxId)).attempts).toBe(1);
  });

  it("a job for a missing outbox row dies at once instead of retrying", async () => {
    const job = await enqueueJob({ name: "mail.send", payload: { outboxId: 987_654 } });
    startWorker();
    const dead = await until(async () => {
      const j = await getJob({ id: job.id });
      return j?.status === "dead" ? j : undefined;
    }, 3000, "the job to die");
    expect(dead.attempts).toBe(1);
    expect(dead.last_error).toMatch(/does not exist/);
  });
});

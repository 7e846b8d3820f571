/**
 * Password reset through the routes as Remix calls them: the forgot form
 * answers the same for every address and is rate-limited, the link works once
 * within an hour, a newer link ends older ones, and a reset ends every old
 * session, confirms the address, audits, and logs the person in.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { consumeAuthToken, issueAuthToken, lookupAuthToken } from "~/models/auth-token.server";
import { createUser } from "~/models/user.server";
import { action as forgotAction } from "~/routes/($lang).forgot-password";
import { action as resetAction, loader as resetLoader } from "~/routes/($lang).reset-password.$token";
import { attemptLogin } from "~/services/login.server";
import { requestPasswordReset } from "~/services/password-reset.server";
import { createDb, getDb } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { getUserId } from "~/utils/session.server";
import { ORIGIN, request, sessionCookie, type DataResult } from "../setup/routes";

type ForgotData = { result: { status?: string; error?: Record<string, string[] | null> }; sent: boolean };
type ResetData = { state: string; result?: { error?: Record<string, string[] | null> } };

const HOUR = 60 * 60 * 1000;

async function forgot(email: string, { ip = "203.0.113.1", lang }: { ip?: string; lang?: "en" } = {}) {
  const path = lang ? `/${lang}/forgot-password` : "/forgot-password";
  return (await forgotAction({ request: request(path, { form: { email } }), params: lang ? { lang } : {}, context: { clientIp: ip } })) as
    | ForgotData
    | DataResult<ForgotData>;
}

async function resetGet(token: string, lang?: "en") {
  const path = `${lang ? "/en" : ""}/reset-password/${encodeURIComponent(token)}`;
  return (await resetLoader({ request: request(path), params: { token, ...(lang ? { lang } : {}) }, context: {} })) as unknown as DataResult<ResetData>;
}

async function resetPost(token: string, form: Record<string, string>, lang?: "en") {
  const path = `${lang ? "/en" : ""}/reset-password/${token}`;
  return (await resetAction({ request: request(path, { form }), params: { token, ...(lang ? { lang } : {}) }, context: {} })) as Response | DataResult<ResetData>;
}

async function outboxFor(address: string) {
  return getDb().selectFrom("mail_outbox").select(["id", "template", "locale", "subject", "text_body", "html_body"]).where("to_address", "=", address).orderBy("id").execute();
}

/** The raw token from the link in a mail's text. */
function tokenFromMail(text: string, pathPrefix: string): string {
  const match = new RegExp(`${ORIGIN.replace(/[.]/g, "\\.")}${pathPrefix}/reset-password/([0-9a-f]{64})\\b`).exec(text);
  expect(match, `no reset link under ${pathPrefix} in:\n${text}`).not.toBeNull();
  return match![1];
}

let sari: { id: number; email: string };

beforeAll(async () => {
  sari = await createUser({ email: "sari@example.test", name: "Sari Wulandari", password: "old-password-2026", locale: "en" });
});

afterEach(() => {
  vi.useRealTimers();
});

describe("forgot-password form", () => {
  it("sends a reset link in the account's language and ends with a valid page, a new password, and every old session out", async () => {
    const cookieA = await sessionCookie(sari.id);
    const cookieB = await sessionCookie(sari.id);
    expect(await getUserId(request("/account", { cookie: cookieA }))).toBe(sari.id);

    // Asked from the Indonesian page with different case: the mail is still in English (the account's language).
    const answer = (await forgot("  SARI@example.test ", { ip: "203.0.113.10" })) as ForgotData;
    expect(answer.sent).toBe(true);
    const mails = await outboxFor("sari@example.test");
    expect(mails.map((m) => [m.template, m.locale, m.subject])).toEqual([["passwordReset", "en", "Reset your Batik Blitar password"]]);
    expect(mails[0].text_body).toContain("valid for 1 hour");
    const token = tokenFromMail(mails[0].text_body, "/en");
    // The link appears in the HTML body as a link and as text.
    expect(mails[0].html_body.split(`${ORIGIN}/en/reset-password/${token}`)).toHaveLength(4);

    const page = await resetGet(token, "en");
    expect(page.init.status).toBe(200);
    expect(page.data.state).toBe("valid");

    const mismatch = (await resetPost(token, { password: "new-password-2026", confirmPassword: "new-password-2027" }, "en")) as DataResult<ResetData>;
    expect(mismatch.init.status).toBe(400);
    expect(mismatch.data.result?.error).toEqual({ confirmPassword: ["passwordReset.mismatch"] });
    const short = (await resetPost(token, { password: "short", confirmPassword: "short" }, "en")) as DataResult<ResetData>;
    expect(short.init.status).toBe(400);
    expect(short.data.result?.error).toEqual({ password: ["passwordReset.passwordTooShort"] });
    // Failed attempts do not use the link up.
    expect((await lookupAuthToken({ token, purpose: "reset" })).state).toBe("valid");

    const done = (await resetPost(token, { password: "new-password-2026", confirmPassword: "new-password-2026" }, "en")) as Response;
    expect(done.status).toBe(303);
    expect(done.headers.get("Location")).toBe("/en/account");
    const cookies = done.headers.getSetCookie();
    expect(cookies.map((c) => c.split("=")[0]).sort()).toEqual(["__flash", "__session"]);
    const fresh = cookies.find((c) => c.startsWith("__session="))!;
    expect(await getUserId(request("/en/account", { cookie: fresh }))).toBe(sari.id);
    // Every session from before the reset is gone.
    expect(await getUserId(request("/account", { cookie: cookieA }))).toBeNull();
    expect(await getUserId(request("/account", { cookie: cookieB }))).toBeNull();
    const sessions = await getDb().selectFrom("sessions").select("user_id").where("user_id", "=", sari.id).execute();
    expect(sessions).toHaveLength(1);

    expect((await attemptLogin({ email: "sari@example.test", password: "new-password-2026", clientIp: "203.0.113.11" })).ok).toBe(true);
    expect(await attemptLogin({ email: "sari@example.test", password: "old-password-2026", clientIp: "203.0.113.12" })).toEqual({ ok: false, reason: "invalid" });

    const user = await getDb().selectFrom("users").select("email_verified_at").where("id", "=", sari.id).executeTakeFirstOrThrow();
    expect(user.email_verified_at).not.toBeNull();
    const audit = await getDb().selectFrom("audit_log").select(["actor_user_id", "action", "subject_type", "subject_id", "details"]).where("action", "=", "user.password_reset").execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_user_id: sari.id, subject_type: "user", subject_id: String(sari.id) });
    const details = JSON.parse(audit[0].details) as Record<string, unknown>;
    expect(details).toEqual({ tokenId: expect.any(Number), sessionsEnded: 2, emailConfirmed: true });
    expect(audit[0].details).not.toContain(token);
    expect(audit[0].details).not.toContain("new-password");

    // The link worked once: now it is gone (410) on GET and POST.
    const again = await resetGet(token, "en");
    expect(again.init.status).toBe(410);
    expect(again.data.state).toBe("expired");
    const againPost = (await resetPost(token, { password: "third-password-2026", confirmPassword: "third-password-2026" }, "en")) as DataResult<ResetData>;
    expect(againPost.init.status).toBe(410);
    expect((await attemptLogin({ email: "sari@example.test", password: "new-password-2026", clientIp: "203.0.113.13" })).ok).toBe(true);
  });

  it("gives an unknown or deleted address exactly the same answer and queues no mail", async () => {
    await createUser({ email: "known@example.test", name: "Known", password: "known-password-2026" });
    const gone = await createUser({ email: "gone@example.test", name: "Gone", password: "gone-password-2026" });
    await getDb().updateTable("users").set({ deleted_at: new Date().toISOString() }).where("id", "=", gone.id).execute();
    const before = (await getDb().selectFrom("mail_outbox").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n;

    const known = await forgot("known@example.test", { ip: "203.0.113.20" });
    const unknown = await forgot("nobody@example.test", { ip: "203.0.113.21" });
    const deleted = await forgot("gone@example.test", { ip: "203.0.113.22" });
    expect(unknown).toEqual(known);
    expect(deleted).toEqual(known);
    expect((known as ForgotData).sent).toBe(true);

    const after = (await getDb().selectFrom("mail_outbox").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n;
    expect(after - before).toBe(1);
    expect(await outboxFor("nobody@example.test")).toEqual([]);
    expect(await outboxFor("gone@example.test")).toEqual([]);
    expect(await getDb().selectFrom("auth_tokens").select("id").where("user_id", "=", gone.id).execute()).toEqual([]);
  });

  it("answers an invalid address with 400 and a field error, never a 500", async () => {
    for (const email of ["not an e-mail", "", `${"a".repeat(250)}@example.test`]) {
      const res = (await forgot(email, { ip: "203.0.113.30" })) as DataResult<ForgotData>;
      expect(res.init.status).toBe(400);
      expect(res.data.sent).toBe(false);
      expect(res.data.result.error?.email).toEqual([email === "" ? "auth.required" : "auth.invalidEmail"]);
    }
  });

  it("refuses the 6th request for one address within the hour with 429, Retry-After and a clear message", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-12-01T03:15:00Z"));
    expect(getEnv().RATE_LIMIT_RESET).toEqual({ limit: 5, windowSeconds: 3600 });
    for (let i = 1; i <= 5; i++) {
      const ok = (await forgot("sari@example.test", { ip: `203.0.113.${40 + i}` })) as ForgotData;
      expect(ok.sent, `request ${i}`).toBe(true);
    }
    const refused = (await forgot("sari@example.test", { ip: "203.0.113.46", lang: "en" })) as DataResult<ForgotData>;
    expect(refused.init.status).toBe(429);
    // 03:15 in a window that ends at 04:00: 45 minutes.
    expect(refused.init.headers).toEqual({ "Retry-After": "2700" });
    expect(refused.data.result.error?.[""]).toEqual(["Too many requests for a new password. Try again in 45 minutes."]);
  });

  it("also limits one client IP asking for many addresses", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-12-01T05:59:30Z"));
    for (let i = 1; i <= 5; i++) expect(((await forgot(`probe${i}@example.test`, { ip: "198.51.100.99" })) as ForgotData).sent).toBe(true);
    const refused = (await forgot("probe6@example.test", { ip: "198.51.100.99" })) as DataResult<ForgotData>;
    expect(refused.init.status).toBe(429);
    expect(refused.init.headers).toEqual({ "Retry-After": "30" });
    expect(refused.data.result.error?.[""]).toEqual(["Terlalu banyak permintaan kata sandi baru. Coba lagi dalam 1 menit."]);
  });
});

describe("reset links", () => {
  let budi: { id: number; email: string };
  beforeAll(async () => {
    budi = await createUser({ email: "budi@example.test", name: "Budi", password: "budi-password-2026" });
  });

  it("expire after one hour", async () => {
    const issuedAt = new Date("2026-12-01T08:00:00Z");
    const { token, expiresAt } = await issueAuthToken({ userId: budi.id, purpose: "reset", now: issuedAt });
    expect(expiresAt).toBe("2026-12-01T09:00:00.000Z");
    const at = (minutes: number) => new Date(issuedAt.getTime() + minutes * 60_000);
    expect((await lookupAuthToken({ token, purpose: "reset", now: at(59) })).state).toBe("valid");
    expect((await lookupAuthToken({ token, purpose: "reset", now: at(60) })).state).toBe("expired");
    expect(await consumeAuthToken({ token, purpose: "reset", now: at(61) })).toBeNull();
    // A confirmation link is not a reset link.
    expect((await lookupAuthToken({ token, purpose: "confirm", now: at(1) })).state).toBe("unknown");
    expect(await consumeAuthToken({ token, purpose: "reset", now: at(59) })).toEqual({ id: expect.any(Number), userId: budi.id });

    // Through the page, with the real clock: a link issued two hours ago is gone.
    const old = await issueAuthToken({ userId: budi.id, purpose: "reset", now: new Date(Date.now() - 2 * HOUR) });
    const page = await resetGet(old.token);
    expect(page.init.status).toBe(410);
    expect(page.data.state).toBe("expired");
    const post = (await resetPost(old.token, { password: "budi-new-password", confirmPassword: "budi-new-password" })) as DataResult<ResetData>;
    expect(post.init.status).toBe(410);
    expect((await attemptLogin({ email: "budi@example.test", password: "budi-password-2026", clientIp: "192.0.2.1" })).ok).toBe(true);
  });

  it("a newer link ends the older unused one", async () => {
    await requestPasswordReset({ email: "budi@example.test", clientIp: "192.0.2.2" });
    await requestPasswordReset({ email: "budi@example.test", clientIp: "192.0.2.2" });
    const mails = (await outboxFor("budi@example.test")).filter((m) => m.template === "passwordReset");
    expect(mails).toHaveLength(2);
    const [first, second] = mails.map((m) => tokenFromMail(m.text_body, ""));
    expect((await lookupAuthToken({ token: first, purpose: "reset" })).state).toBe("used");
    expect((await lookupAuthToken({ token: second, purpose: "reset" })).state).toBe("valid");
    expect((await resetGet(first)).init.status).toBe(410);
    expect((await resetGet(second)).init.status).toBe(200);
    const res = (await resetPost(second, { password: "budi-new-password", confirmPassword: "budi-new-password" })) as Response;
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe("/account");
  });

  it("answers absurd tokens with 400, never a 500", async () => {
    const real = (await issueAuthToken({ userId: budi.id, purpose: "reset" })).token;
    for (const token of ["a".repeat(5000), "not-hex-at-all", "🙂".repeat(40), "", real.toUpperCase(), `${real}0`, "../../etc/passwd", "0".repeat(64)]) {
      const page = await resetGet(token);
      expect(page.init.status, token.slice(0, 20)).toBe(400);
      expect(page.data.state).toBe("unknown");
      const post = (await resetPost(encodeURIComponent(token), { password: "whatever-password", confirmPassword: "whatever-password" })) as DataResult<ResetData>;
      expect(post.init.status).toBe(400);
    }
    expect((await lookupAuthToken({ token: real, purpose: "reset" })).state).toBe("valid");
  });

  it("two uses of one link at the same time: exactly one succeeds", async () => {
    const { token } = await issueAuthToken({ userId: budi.id, purpose: "reset" });
    // Two submissions through the action: both pass the check, both hash (scrypt runs off the main thread), one wins.
    const results = await Promise.all([
      resetPost(token, { password: "race-password-one", confirmPassword: "race-password-one" }),
      resetPost(token, { password: "race-password-two", confirmPassword: "race-password-two" }),
    ]);
    const statuses = results.map((r) => (r instanceof Response ? r.status : r.init.status)).sort();
    expect(statuses).toEqual([303, 410]);
    const winner = results[0] instanceof Response ? "race-password-one" : "race-password-two";
    expect((await attemptLogin({ email: "budi@example.test", password: winner, clientIp: "192.0.2.3" })).ok).toBe(true);
    expect(await getDb().selectFrom("audit_log").select("id").where("action", "=", "user.password_reset").where("subject_id", "=", String(budi.id)).execute()).toHaveLength(2);

    // Two connections on the same file (as two server processes would be).
    const second = await issueAuthToken({ userId: budi.id, purpose: "reset" });
    const dbA = createDb(getEnv().DATABASE_PATH);
    const dbB = createDb(getEnv().DATABASE_PATH);
    try {
      const uses = await Promise.all([consumeAuthToken({ token: second.token, purpose: "reset" }, dbA), consumeAuthToken({ token: second.token, purpose: "reset" }, dbB)]);
      expect(uses.filter((u) => u !== null)).toEqual([{ id: second.id, userId: budi.id }]);
    } finally {
      await dbA.destroy();
      await dbB.destroy();
    }
  });
});

describe("passwordReset mail", () => {
  it("is bilingual, escapes the name, shows the link as text and states the expiry", async () => {
    const { renderMail } = await import("~/services/mail-templates.server");
    const data = { name: `Ayu <img src=x onerror=alert(1)>`, resetUrl: `${ORIGIN}/reset-password/${"ab".repeat(32)}`, expiresAt: "2026-12-01T03:00:00.000Z" };
    const id = renderMail("passwordReset", data, { locale: "id", origin: ORIGIN });
    expect(id.subject).toBe("Atur ulang kata sandi Batik Blitar Anda");
    expect(id.text).toContain(`Buat kata sandi baru di sini:\n${data.resetUrl}\n`);
    expect(id.text).toContain("Tautan ini berlaku 1 jam (sampai 1 Des 2026, 10.00 WIB) dan hanya dapat dipakai sekali.");
    expect(id.html).not.toContain("<img src=x");
    expect(id.html).toContain("Yth. Ayu &lt;img src=x onerror=alert(1)&gt;,");
    expect(id.html).toContain(`>${data.resetUrl}</a>`);
    const en = renderMail("passwordReset", { ...data, resetUrl: `${ORIGIN}/en/reset-password/${"ab".repeat(32)}` }, { locale: "en", origin: ORIGIN });
    expect(en.subject).toBe("Reset your Batik Blitar password");
    expect(en.text).toContain("The link is valid for 1 hour (until 1 Dec 2026, 10:00 WIB) and works once.");
    expect(en.html).toContain(`href="${ORIGIN}/en/reset-password/${"ab".repeat(32)}"`);
  });
});

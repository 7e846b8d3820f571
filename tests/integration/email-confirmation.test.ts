/**
 * E-mail confirmation: the welcome mail carries a 7-day link, opening it
 * confirms the address once, old or strange links get a clear 4xx, and the
 * account page sends a new link (rate-limited per account).
 */
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { issueAuthToken } from "~/models/auth-token.server";
import { createUser } from "~/models/user.server";
import { action as resendAction, loader as accountConfirmLoader } from "~/routes/($lang).account.confirm-email";
import { loader as confirmLoader } from "~/routes/($lang).confirm-email.$token";
import { action as signupAction } from "~/routes/($lang).signup";
import { getDb } from "~/utils/db.server";
import { request, sessionCookie, type DataResult } from "../setup/routes";

type ConfirmData = { result: string; meta: { title: string } };

async function open(token: string, lang?: "en") {
  const path = `${lang ? "/en" : ""}/confirm-email/${encodeURIComponent(token)}`;
  return (await confirmLoader({ request: request(path), params: { token, ...(lang ? { lang } : {}) }, context: {} })) as unknown as DataResult<ConfirmData>;
}

async function verifiedAt(userId: number) {
  return (await getDb().selectFrom("users").select("email_verified_at").where("id", "=", userId).executeTakeFirstOrThrow()).email_verified_at;
}

afterEach(() => {
  vi.useRealTimers();
});

describe("confirmation link from sign-up", () => {
  it("is in the welcome mail, in the page language, and confirms the address once", async () => {
    const res = (await signupAction({
      request: request("/en/signup", { form: { name: "Wulan", email: "wulan@example.test", password: "wulan-password-2026" } }),
      params: { lang: "en" },
      context: {},
    })) as Response;
    expect(res.status).toBe(303);
    const mails = await getDb().selectFrom("mail_outbox").select(["template", "locale", "text_body", "html_body"]).where("to_address", "=", "wulan@example.test").execute();
    expect(mails.map((m) => [m.template, m.locale])).toEqual([["welcome", "en"]]);
    expect(mails[0].text_body).toContain("(valid for 7 days)");
    const token = /http:\/\/localhost:3000\/en\/confirm-email\/([0-9a-f]{64})\n/.exec(mails[0].text_body)?.[1];
    expect(token).toBeDefined();
    const user = await getDb().selectFrom("users").select("id").where("email", "=", "wulan@example.test").executeTakeFirstOrThrow();
    expect(await verifiedAt(user.id)).toBeNull();

    const first = await open(token!, "en");
    expect(first.init.status).toBe(200);
    expect(first.data.result).toBe("confirmed");
    expect(first.data.meta.title).toBe("E-mail address confirmed · Batik Blitar");
    expect(await verifiedAt(user.id)).not.toBeNull();

    // Opening it again (a mail scanner, a second click) just says so.
    const second = await open(token!, "en");
    expect(second.init.status).toBe(200);
    expect(second.data.result).toBe("already_confirmed");
  });
});

describe("bad links", () => {
  let rudi: { id: number };
  beforeAll(async () => {
    rudi = await createUser({ email: "rudi@example.test", name: "Rudi", password: "rudi-password-2026" });
  });

  it("unknown or malformed: 400; expired: 410; used (address still unconfirmed): 410", async () => {
    for (const token of ["", "x".repeat(5000), "é".repeat(64), "f".repeat(64)]) {
      const res = await open(token);
      expect(res.init.status).toBe(400);
      expect(res.data.result).toBe("unknown");
    }
    const old = await issueAuthToken({ userId: rudi.id, purpose: "confirm", now: new Date(Date.now() - 8 * 24 * 60 * 60 * 1000) });
    const expired = await open(old.token);
    expect([expired.init.status, expired.data.result]).toEqual([410, "expired"]);

    const used = await issueAuthToken({ userId: rudi.id, purpose: "confirm" });
    await getDb().updateTable("auth_tokens").set({ used_at: new Date().toISOString() }).where("id", "=", used.id).execute();
    const usedRes = await open(used.token);
    expect([usedRes.init.status, usedRes.data.result]).toEqual([410, "used"]);
    expect(await verifiedAt(rudi.id)).toBeNull();

    // A reset link is not a confirmation link.
    const reset = await issueAuthToken({ userId: rudi.id, purpose: "reset" });
    expect((await open(reset.token)).data.result).toBe("unknown");
    expect(await verifiedAt(rudi.id)).toBeNull();
  });
});

describe("/account/confirm-email", () => {
  let maya: { id: number };
  let cookie: string;
  beforeAll(async () => {
    maya = await createUser({ email: "maya@example.test", name: "Maya", password: "maya-password-2026", locale: "en" });
    cookie = await sessionCookie(maya.id);
  });

  it("sends visitors who are not logged in to the log-in page", async () => {
    const thrown = await accountConfirmLoader({ request: request("/account/confirm-email"), params: {}, context: {} }).catch((e: unknown) => e);
    expect((thrown as Response).status).toBe(303);
    expect((thrown as Response).headers.get("Location")).toBe("/login?redirectTo=%2Faccount%2Fconfirm-email");
    try {
      await resendAction({ request: request("/en/account/confirm-email", { form: { intent: "resend" } }), params: { lang: "en" }, context: {} });
      expect.unreachable("must redirect");
    } catch (thrown) {
      expect((thrown as Response).status).toBe(303);
      expect((thrown as Response).headers.get("Location")).toBe("/en/login?redirectTo=%2Fen%2Faccount%2Fconfirm-email");
    }
  });

  it("shows the state, sends a new link in the account's language, and refuses the 6th with 429", async () => {
    const page = await accountConfirmLoader({ request: request("/account/confirm-email", { cookie }), params: {}, context: {} });
    expect(page.confirmed).toBe(false);
    expect(page.email).toBe("maya@example.test");

    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-12-02T10:50:00Z"));
    for (let i = 1; i <= 5; i++) {
      const res = (await resendAction({ request: request("/account/confirm-email", { cookie, form: { intent: "resend" } }), params: {}, context: {} })) as Response;
      expect(res.status, `resend ${i}`).toBe(303);
      expect(res.headers.get("Location")).toBe("/account/confirm-email");
    }
    const refused = (await resendAction({
      request: request("/en/account/confirm-email", { cookie, form: { intent: "resend" } }),
      params: { lang: "en" },
      context: {},
    })) as unknown as DataResult<{ error: string }>;
    expect(refused.init.status).toBe(429);
    expect(refused.init.headers).toEqual({ "Retry-After": "600" });
    expect(refused.data.error).toBe("Too many requests for a new link. Try again in 10 minutes.");

    const mails = await getDb().selectFrom("mail_outbox").select(["template", "locale", "subject", "text_body"]).where("to_address", "=", "maya@example.test").execute();
    expect(mails).toHaveLength(5);
    expect(new Set(mails.map((m) => `${m.template}/${m.locale}/${m.subject}`))).toEqual(new Set(["confirmEmail/en/Confirm your e-mail address for Batik Blitar"]));
    expect(mails[0].text_body).toContain("The link is valid for 7 days (until 9 Dec 2026, 17:50 WIB).");
    // Every link sent works (confirming twice is harmless); the last one confirms.
    const token = /\/en\/confirm-email\/([0-9a-f]{64})/.exec(mails[4].text_body)![1];
    vi.useRealTimers();
    expect((await open(token, "en")).data.result).toBe("confirmed");

    const after = await accountConfirmLoader({ request: request("/account/confirm-email", { cookie }), params: {}, context: {} });
    expect(after.confirmed).toBe(true);
  });

  it("sends nothing once the address is confirmed, and rejects an unknown intent with 400", async () => {
    const before = (await getDb().selectFrom("mail_outbox").select("id").where("to_address", "=", "maya@example.test").execute()).length;
    const res = (await resendAction({ request: request("/account/confirm-email", { cookie, form: { intent: "resend" } }), params: {}, context: {} })) as Response;
    expect(res.status).toBe(303);
    expect((await getDb().selectFrom("mail_outbox").select("id").where("to_address", "=", "maya@example.test").execute()).length).toBe(before);
    await expect(resendAction({ request: request("/account/confirm-email", { cookie, form: { intent: "nope" } }), params: {}, context: {} })).rejects.toMatchObject({ status: 400 });
  });
});

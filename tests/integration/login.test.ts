/**
 * The log-in and account actions as Remix calls them: same answer for a wrong
 * password and an unknown e-mail, 429 with Retry-After on the 6th attempt,
 * a session cookie on success, and a password change that ends other sessions.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createUser } from "~/models/user.server";
import { action as accountAction } from "~/routes/($lang).account._index";
import { action as loginAction } from "~/routes/($lang).login";
import { getDb } from "~/utils/db.server";
import { getUserId } from "~/utils/session.server";
import { createUserWithRoles, request, sessionCookie, type DataResult } from "../setup/routes";

type FormErrors = { error?: Record<string, string[] | null> };

let userId: number;

beforeAll(async () => {
  userId = (await createUserWithRoles({ email: "Rina@Example.test", name: "Rina", password: "kawung-sekar-2026", roles: ["buyer"] })).id;
});

const post = (path: string, form: Record<string, string>, cookie?: string) => request(path, { form, cookie });

async function login(fields: Record<string, string>, clientIp = "198.51.100.1", lang?: string) {
  return (await loginAction({ request: post(lang ? `/${lang}/login` : "/login", fields), params: lang ? { lang } : {}, context: { clientIp } })) as
    | Response
    | DataResult<FormErrors>;
}

describe("log-in action", () => {
  it("gives a wrong password and an unknown e-mail the same 400 and message", async () => {
    const wrong = (await login({ email: "rina@example.test", password: "not-the-password" }, "198.51.100.2")) as DataResult<FormErrors>;
    const unknown = (await login({ email: "nobody@example.test", password: "not-the-password" }, "198.51.100.3")) as DataResult<FormErrors>;
    expect(wrong.init.status).toBe(400);
    expect(unknown.init.status).toBe(400);
    expect(wrong.data.error).toEqual({ "": ["login.invalid"] });
    expect(unknown.data.error).toEqual(wrong.data.error);
  });

  it("answers invalid input with 400 and field errors, never a 500", async () => {
    const res = (await login({ email: "not an e-mail" }, "198.51.100.4")) as DataResult<FormErrors>;
    expect(res.init.status).toBe(400);
    expect(res.data.error?.email).toEqual(["auth.invalidEmail"]);
    expect(res.data.error?.password).toEqual(["auth.required"]);
  });

  it("logs in (e-mail case-insensitive) with a session cookie and a safe redirect", async () => {
    const res = (await login({ email: " RINA@example.test ", password: "kawung-sekar-2026", redirectTo: "//evil.example" }, "198.51.100.5", "en")) as Response;
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe("/en/account");
    const cookie = res.headers.get("Set-Cookie")!;
    expect(cookie).toMatch(/^__session=/);
    expect(await getUserId(post("/account", {}, cookie))).toBe(userId);
  });

  it("refuses the 6th attempt for one e-mail with 429 and Retry-After, even with the right password", async () => {
    await createUser({ email: "guess@example.test", name: "Guess", password: "right-password-123" });
    for (let i = 0; i < 5; i++) {
      const res = (await login({ email: "guess@example.test", password: `wrong-${i}` }, `192.0.2.${i}`)) as DataResult<FormErrors>;
      expect(res.init.status).toBe(400);
    }
    const sixth = (await login({ email: "guess@example.test", password: "right-password-123" }, "192.0.2.99")) as DataResult<FormErrors>;
    expect(sixth.init.status).toBe(429);
    expect(Number(sixth.init.headers?.["Retry-After"])).toBeGreaterThan(0);
    expect(sixth.data.error?.[""]?.[0]).toMatch(/Terlalu banyak percobaan masuk/);
  });

  it("refuses the 6th attempt from one IP across different e-mails", async () => {
    for (let i = 0; i < 5; i++) await login({ email: `user${i}@example.test`, password: "whatever-123" }, "203.0.113.50");
    const sixth = (await login({ email: "rina@example.test", password: "kawung-sekar-2026" }, "203.0.113.50", "en")) as DataResult<FormErrors>;
    expect(sixth.init.status).toBe(429);
    expect(sixth.data.error?.[""]?.[0]).toMatch(/Too many log-in attempts/);
  });
});

describe("account actions", () => {
  it("a password change keeps this session and ends every other one", async () => {
    const here = await sessionCookie(userId);
    const phone = await sessionCookie(userId);
    const wrong = (await accountAction({
      request: post("/account", { intent: "change-password", currentPassword: "nope-nope-nope", newPassword: "parang-baru-2026" }, here),
      params: {},
      context: {},
    })) as DataResult<FormErrors>;
    expect(wrong.init.status).toBe(400);
    expect(wrong.data.error?.currentPassword).toEqual(["account.wrongCurrentPassword"]);
    const short = (await accountAction({
      request: post("/account", { intent: "change-password", currentPassword: "kawung-sekar-2026", newPassword: "short" }, here),
      params: {},
      context: {},
    })) as DataResult<FormErrors>;
    expect(short.init.status).toBe(400);
    expect(short.data.error?.newPassword).toEqual(["account.passwordTooShort"]);

    const res = (await accountAction({
      request: post("/account", { intent: "change-password", currentPassword: "kawung-sekar-2026", newPassword: "parang-baru-2026" }, here),
      params: {},
      context: {},
    })) as Response;
    expect(res.status).toBe(303);
    expect(await getUserId(post("/account", {}, here))).toBe(userId);
    expect(await getUserId(post("/account", {}, phone))).toBeNull();
    const user = await getDb().selectFrom("users").select("password_hash").where("id", "=", userId).executeTakeFirstOrThrow();
    expect(user.password_hash).toMatch(/^scrypt\$/);
  });

  it("log out everywhere ends every session including this one", async () => {
    const a = await sessionCookie(userId);
    const b = await sessionCookie(userId);
    const res = (await accountAction({ request: post("/en/account", { intent: "logout-everywhere" }, a), params: { lang: "en" }, context: {} })) as Response;
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe("/en/login");
    expect(await getUserId(post("/account", {}, a))).toBeNull();
    expect(await getUserId(post("/account", {}, b))).toBeNull();
  });
});

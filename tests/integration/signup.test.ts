/**
 * Sign-up: a buyer by default; "I am a batik artisan" opens a pending shop
 * owned by the new account with the artisan role; a welcome mail is queued;
 * bad input and a taken e-mail are 400s with field errors.
 */
import { describe, expect, it, vi } from "vitest";
import { listUserRoles } from "~/models/user.server";
import { action } from "~/routes/($lang).signup";
import { getDb } from "~/utils/db.server";
import { resetEnvForTests } from "~/utils/env.server";
import { getUserId } from "~/utils/session.server";
import { request } from "../setup/routes";

type DataResult = { data: { error?: Record<string, string[] | null> }; init: { status?: number } };

function post(fields: Record<string, string>, lang?: string, clientIp?: string) {
  const path = `${lang ? `/${lang}` : ""}/signup`;
  return { result: action({ request: request(path, { form: fields }), params: lang ? { lang } : {}, context: clientIp ? { clientIp } : {} }) };
}

describe("sign-up action", () => {
  it("creates a buyer, logs them in and queues a welcome mail in the page language", async () => {
    const { result } = post({ name: "Dewi Lestari", email: "Dewi@Example.test", password: "sekar-jagad-2026" }, "en");
    const res = (await result) as Response;
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe("/en/account");
    const cookies = res.headers.getSetCookie();
    const session = cookies.find((c) => c.startsWith("__session="))!;
    const userId = await getUserId(request("/", { cookie: session }));
    expect(userId).not.toBeNull();
    expect(await listUserRoles({ userId: userId! })).toEqual(["buyer"]);
    const mail = await getDb().selectFrom("mail_outbox").select(["to_address", "subject"]).where("to_address", "=", "dewi@example.test").execute();
    expect(mail).toHaveLength(1);
    const user = await getDb().selectFrom("users").select(["locale", "password_hash"]).where("id", "=", userId!).executeTakeFirstOrThrow();
    expect(user.locale).toBe("en");
    expect(user.password_hash).toMatch(/^scrypt\$/);
  });

  it("an artisan gets the artisan role and a pending shop they own", async () => {
    const fields = { name: "Pak Slamet", email: "slamet@example.test", password: "parang-rusak-2026", isArtisan: "on", shopName: "Batik Slamet Sanankulon", village: "Sanankulon", district: "Sanankulon", regency: "kabupaten" };
    const res = (await post(fields).result) as Response;
    expect(res.status).toBe(303);
    const user = await getDb().selectFrom("users").select("id").where("email", "=", "slamet@example.test").executeTakeFirstOrThrow();
    expect(await listUserRoles({ userId: user.id })).toEqual(["artisan"]);
    const shop = await getDb().selectFrom("artisans").select(["slug", "membership_status", "village", "regency"]).where("owner_user_id", "=", user.id).executeTakeFirstOrThrow();
    expect(shop).toEqual({ slug: "batik-slamet-sanankulon", membership_status: "pending", village: "Sanankulon", regency: "kabupaten" });
    // A second shop with the same name gets a free slug instead of a 500.
    const again = (await post({ ...fields, email: "slamet2@example.test" }).result) as Response;
    expect(again.status).toBe(303);
    const second = await getDb().selectFrom("artisans").select("slug").where("slug", "like", "batik-slamet-sanankulon%").orderBy("id").execute();
    expect(second.map((s) => s.slug)).toEqual(["batik-slamet-sanankulon", "batik-slamet-sanankulon-2"]);
  });

  it("asks an artisan for the shop fields, and everyone for a 10-character password", async () => {
    const res = (await post({ name: "X", email: "x@example.test", password: "short", isArtisan: "on" }).result) as DataResult;
    expect(res.init.status).toBe(400);
    expect(res.data.error?.password).toEqual(["account.passwordTooShort"]);
    for (const f of ["shopName", "village", "district", "regency"]) expect(res.data.error?.[f]).toEqual(["signup.shopFieldRequired"]);
    expect(await getDb().selectFrom("users").select("id").where("email", "=", "x@example.test").executeTakeFirst()).toBeUndefined();
  });

  it("answers a taken e-mail with a field error and creates nothing", async () => {
    const before = await getDb().selectFrom("users").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    const res = (await post({ name: "Dewi", email: "dewi@example.test", password: "another-password-1" }).result) as DataResult;
    expect(res.init.status).toBe(400);
    expect(res.data.error?.email).toEqual(["signup.emailTaken"]);
    const after = await getDb().selectFrom("users").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it("refuses sign-ups beyond RATE_LIMIT_SIGNUP from one IP with 429 and Retry-After, creating nothing", async () => {
    vi.stubEnv("RATE_LIMIT_SIGNUP", "2/3600");
    resetEnvForTests();
    try {
      const ip = "203.0.113.9";
      for (const n of [1, 2]) {
        const ok = (await post({ name: `Tamu ${n}`, email: `tamu${n}@example.test`, password: "kawung-2026-ok" }, undefined, ip).result) as Response;
        expect(ok.status).toBe(303);
      }
      const third = (await post({ name: "Tamu 3", email: "tamu3@example.test", password: "kawung-2026-ok" }, "en", ip).result) as DataResult & {
        data: { error?: Record<string, string[] | null> };
        init: { headers?: Record<string, string> };
      };
      expect(third.init.status).toBe(429);
      const retryAfter = Number(new Headers(third.init.headers).get("Retry-After"));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(3600);
      expect(third.data.error?.[""]?.[0]).toMatch(/^Too many sign-ups from your network\. Please try again in \d+ minutes\.$/);
      expect(await getDb().selectFrom("users").select("id").where("email", "=", "tamu3@example.test").executeTakeFirst()).toBeUndefined();
      // Another network is not affected.
      const other = (await post({ name: "Tamu 4", email: "tamu4@example.test", password: "kawung-2026-ok" }, undefined, "198.51.100.7").result) as Response;
      expect(other.status).toBe(303);
    } finally {
      vi.unstubAllEnvs();
      resetEnvForTests();
    }
  });
});

/**
 * Database sessions: rotation at log-in, expiry, forged cookies, logging out
 * everywhere, and the rate limiter shared by every process on one file.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser, grantRole } from "~/models/user.server";
import { hitRateLimit } from "~/services/rate-limit.server";
import { requireRole, requireUser, safeRedirect } from "~/utils/auth.server";
import { createDb } from "~/utils/db.server";
import { getUser, getUserId, hashToken, logoutEverywhere, SESSION_TTL_SECONDS, startSession } from "~/utils/session.server";
import { createTestDatabase, type TestDatabase } from "../setup/db";

let t: TestDatabase;
let userId: number;
const HASH = "scrypt$2$1$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

beforeAll(async () => {
  t = await createTestDatabase();
  userId = (await createUser({ email: "siti@example.test", name: "Siti", passwordHash: HASH }, t.db)).id;
  await grantRole({ userId, role: "buyer" }, t.db);
});
afterAll(() => t.cleanup());

/** A browser request carrying the cookie a Set-Cookie header gave it. */
function withCookie(setCookie: string | null, path = "/account") {
  const headers = new Headers();
  if (setCookie) headers.set("Cookie", setCookie.split(";")[0]);
  return new Request(`http://localhost:3000${path}`, { headers });
}

describe("sessions", () => {
  it("sets an httpOnly, SameSite=Lax cookie holding only a random id, stored hashed", async () => {
    const setCookie = await startSession({ request: withCookie(null), userId }, t.db);
    expect(setCookie).toMatch(/^__session=/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).toMatch(/Path=\//);
    expect(setCookie).not.toMatch(/Secure/); // PUBLIC_ORIGIN is http in tests
    expect(await getUserId(withCookie(setCookie), {}, t.db)).toBe(userId);
    const rows = await t.db.selectFrom("sessions").select("id_hash").where("user_id", "=", userId).execute();
    const raw = decodeURIComponent(setCookie.split(";")[0].slice("__session=".length));
    for (const row of rows) expect(raw).not.toContain(row.id_hash);
  });

  it("rotates: logging in again deletes the session the request came with", async () => {
    const first = await startSession({ request: withCookie(null), userId }, t.db);
    const second = await startSession({ request: withCookie(first), userId }, t.db);
    expect(second).not.toBe(first);
    expect(await getUserId(withCookie(first), {}, t.db)).toBeNull();
    expect(await getUserId(withCookie(second), {}, t.db)).toBe(userId);
  });

  it("treats an expired session as logged out and deletes it", async () => {
    const then = new Date("2026-01-01T00:00:00.000Z");
    const cookie = await startSession({ request: withCookie(null), userId, now: then }, t.db);
    const justBefore = new Date(then.getTime() + SESSION_TTL_SECONDS * 1000 - 1000);
    expect(await getUserId(withCookie(cookie), { now: justBefore }, t.db)).toBe(userId);
    const after = new Date(then.getTime() + SESSION_TTL_SECONDS * 1000 + 1000);
    expect(await getUserId(withCookie(cookie), { now: after }, t.db)).toBeNull();
    expect(await getUserId(withCookie(cookie), { now: justBefore }, t.db)).toBeNull();
  });

  it("treats a forged, unsigned or unknown cookie as logged out", async () => {
    const cookie = await startSession({ request: withCookie(null), userId }, t.db);
    const value = cookie.split(";")[0];
    const tampered = value.slice(0, -3) + (value.endsWith("abc") ? "xyz" : "abc");
    expect(await getUserId(withCookie(tampered), {}, t.db)).toBeNull();
    // A well-formed but unsigned id, and garbage.
    const unsigned = `__session=${Buffer.from(JSON.stringify("a".repeat(64))).toString("base64")}`;
    expect(await getUserId(withCookie(unsigned), {}, t.db)).toBeNull();
    expect(await getUserId(withCookie("__session=%%%not-base64"), {}, t.db)).toBeNull();
    // Signed by us but deleted from the database.
    await t.db.deleteFrom("sessions").where("user_id", "=", userId).execute();
    expect(await getUserId(withCookie(cookie), {}, t.db)).toBeNull();
  });

  it("logs out everywhere, or everywhere but the current session after a password change", async () => {
    const a = await startSession({ request: withCookie(null), userId }, t.db);
    const b = await startSession({ request: withCookie(null), userId }, t.db);
    const c = await startSession({ request: withCookie(null), userId }, t.db);
    expect(await logoutEverywhere({ userId, keep: withCookie(a) }, t.db)).toBe(2);
    expect(await getUserId(withCookie(a), {}, t.db)).toBe(userId);
    expect(await getUserId(withCookie(b), {}, t.db)).toBeNull();
    expect(await getUserId(withCookie(c), {}, t.db)).toBeNull();
    expect(await logoutEverywhere({ userId }, t.db)).toBe(1);
    expect(await getUserId(withCookie(a), {}, t.db)).toBeNull();
  });

  it("re-reads roles on every request", async () => {
    const cookie = await startSession({ request: withCookie(null), userId }, t.db);
    expect((await getUser(withCookie(cookie), {}, t.db))?.roles).toEqual(["buyer"]);
    await grantRole({ userId, role: "organizer" }, t.db);
    expect((await getUser(withCookie(cookie), {}, t.db))?.roles).toEqual(["buyer", "organizer"]);
  });
});

describe("requireUser / requireRole", () => {
  it("sends anonymous visitors to the log-in page in the page language, coming back here", async () => {
    const attempt = await requireUser(new Request("http://localhost:3000/en/account?tab=1")).catch((e: unknown) => e);
    expect(attempt).toBeInstanceOf(Response);
    const res = attempt as Response;
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe(`/en/login?redirectTo=${encodeURIComponent("/en/account?tab=1")}`);
    const id = (await requireUser(new Request("http://localhost:3000/account")).catch((e: unknown) => e)) as Response;
    expect(id.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent("/account")}`);
  });

  it("answers 403 to a logged-in user without the role (admin is not every role)", async () => {
    const admin = await createUser({ email: "admin@example.test", name: "Admin", passwordHash: HASH });
    await grantRole({ userId: admin.id, role: "admin" });
    const cookie = await startSession({ request: withCookie(null), userId: admin.id });
    const res = (await requireRole(withCookie(cookie), "artisan").catch((e: unknown) => e)) as Response;
    expect(res.status).toBe(403);
    expect((await requireRole(withCookie(cookie), "admin")).id).toBe(admin.id);
  });

  it.each([
    ["/account", "/account"],
    ["/en/products?q=kawung", "/en/products?q=kawung"],
    ["//evil.example", "/account"],
    ["/\\evil.example", "/account"],
    ["https://evil.example/", "/account"],
    ["/ok\nLocation: x", "/account"],
    [null, "/account"],
  ])("safeRedirect(%j) is %s", (input, expected) => {
    expect(safeRedirect(input)).toBe(expected);
  });
});

describe("rate limits", () => {
  it("refuses the 6th hit in a 5-per-window limit with the seconds left, then resets next window", async () => {
    const now = new Date("2026-11-29T10:00:10.000Z");
    const key = "login:email:siti@example.test";
    for (let i = 1; i <= 5; i++) {
      expect(await hitRateLimit({ key, limit: 5, windowSeconds: 900, now }, t.db)).toMatchObject({ allowed: true, count: i });
    }
    const refused = await hitRateLimit({ key, limit: 5, windowSeconds: 900, now }, t.db);
    expect(refused.allowed).toBe(false);
    // Windows start at multiples of 900 s: 10:00:00, so 890 s remain at 10:00:10.
    expect(refused.retryAfterSeconds).toBe(890);
    const next = await hitRateLimit({ key, limit: 5, windowSeconds: 900, now: new Date("2026-11-29T10:15:00.000Z") }, t.db);
    expect(next).toMatchObject({ allowed: true, count: 1 });
  });

  it("counts across two database handles on one file (two processes share the limit)", async () => {
    const other = createDb(t.file);
    try {
      const now = new Date("2026-11-29T11:00:00.000Z");
      const key = "login:ip:203.0.113.9";
      const hits = await Promise.all(
        Array.from({ length: 6 }, (_, i) => hitRateLimit({ key, limit: 5, windowSeconds: 900, now }, i % 2 ? other : t.db)),
      );
      expect(hits.filter((h) => h.allowed)).toHaveLength(5);
      expect(hits.map((h) => h.count).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6]);
    } finally {
      await other.destroy();
    }
  });

  it("keeps limits per key", async () => {
    const now = new Date("2026-11-29T12:00:00.000Z");
    for (let i = 0; i < 6; i++) await hitRateLimit({ key: "k:a", limit: 5, windowSeconds: 60, now }, t.db);
    expect((await hitRateLimit({ key: "k:b", limit: 5, windowSeconds: 60, now }, t.db)).allowed).toBe(true);
  });
});

it("hashToken is SHA-256 hex", () => {
  expect(hashToken("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
});

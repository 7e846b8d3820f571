/**
 * Admin users & roles: the search (listUsers), role changes with their audit
 * entries, the guards (own admin role, last admin), agency / association
 * links, sessions ended by a revoke, and the two pages' loaders and action
 * called as Remix calls them.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createAgency } from "~/models/agency.server";
import { createAssociation } from "~/models/association.server";
import { listAuditEntries } from "~/models/audit.server";
import { isModelError } from "~/models/common.server";
import { grantRole, listUserRoles, listUsers, revokeRole } from "~/models/user.server";
import { action as userAction, loader as userLoader } from "~/routes/($lang).admin.users.$id";
import { loader as usersLoader } from "~/routes/($lang).admin.users._index";
import { getDb } from "~/utils/db.server";
import { getUser } from "~/utils/session.server";
import { createUserWithRoles, request, sessionCookie, statusOf } from "../setup/routes";

const HASH = "scrypt$2$1$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

/** What `data(value, { status })` carries (Remix's DataWithResponseInit). */
function unwrap<T>(result: unknown): { status: number; value: T } {
  const r = result as { data: T; init?: { status?: number } };
  return { status: r.init?.status ?? 200, value: r.data };
}

async function expectModelError(promise: Promise<unknown>, code: string, status: number) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(isModelError(error), `expected ModelError ${code}`).toBe(true);
  expect((error as { code: string }).code).toBe(code);
  expect((error as { status: number }).status).toBe(status);
}

const ids: Record<string, number> = {};
let adminCookie: string;
let buyerCookie: string;
let agencyId: number;
let associationId: number;

async function user(key: string, email: string, name: string, roles: ("buyer" | "admin" | "artisan" | "organizer")[] = ["buyer"]) {
  const { id } = await createUserWithRoles({ email, name, passwordHash: HASH, now: new Date("2026-01-05T03:00:00Z"), roles });
  ids[key] = id;
  return id;
}

beforeAll(async () => {
  await user("admin", "ops@example.test", "Operator Utama", ["admin"]);
  await user("ani", "ani.lestari@example.test", "Ani Lestari");
  await user("budi", "budi@example.test", "Budi Santoso", ["buyer", "artisan"]);
  await user("diskon", "promo@example.test", "Diskon 50% Batik");
  await user("under", "under_score@example.test", "Underscore Satu");
  await user("underx", "underxscore@example.test", "Underscore Dua");
  await user("gone", "gone@example.test", "Ani Terhapus");
  await getDb().updateTable("users").set({ deleted_at: "2026-02-01T00:00:00.000Z" }).where("id", "=", ids.gone).execute();
  adminCookie = await sessionCookie(ids.admin);
  buyerCookie = await sessionCookie(ids.ani);
  agencyId = (await createAgency({ slug: "diskominfo-kota", name: "Dinas Kominfo Kota Blitar", kind: "other", region: "kota" })).id;
  associationId = (await createAssociation({ slug: "apbb", name: "Asosiasi Perajin Batik Blitar", shortName: "APBB", region: "both" })).id;
});

describe("listUsers", () => {
  it("finds by a case-insensitive part of the name or e-mail, ordered by name, without deleted accounts", async () => {
    const byName = await listUsers({ q: "ANI" });
    expect(byName.items.map((u) => u.name)).toEqual(["Ani Lestari"]);
    expect(byName.total).toBe(1);
    const byEmail = await listUsers({ q: "Example.TEST" });
    expect(byEmail.items.map((u) => u.name)).toEqual([
      "Ani Lestari",
      "Budi Santoso",
      "Diskon 50% Batik",
      "Operator Utama",
      "Underscore Dua",
      "Underscore Satu",
    ]);
    expect(byEmail.items[1]).toMatchObject({ email: "budi@example.test", roles: ["artisan", "buyer"], email_verified_at: null });
  });

  it("matches % and _ literally", async () => {
    expect((await listUsers({ q: "50%" })).items.map((u) => u.name)).toEqual(["Diskon 50% Batik"]);
    expect((await listUsers({ q: "%" })).items.map((u) => u.name)).toEqual(["Diskon 50% Batik"]);
    expect((await listUsers({ q: "under_" })).items.map((u) => u.email)).toEqual(["under_score@example.test"]);
  });

  it("filters by role and pages with a total", async () => {
    expect((await listUsers({ role: "artisan" })).items.map((u) => u.name)).toEqual(["Budi Santoso"]);
    expect((await listUsers({ role: "admin" })).items.map((u) => u.name)).toEqual(["Operator Utama"]);
    const page2 = await listUsers({ page: 2, perPage: 2 });
    expect(page2).toMatchObject({ total: 6, page: 2, perPage: 2 });
    expect(page2.items.map((u) => u.name)).toEqual(["Diskon 50% Batik", "Operator Utama"]);
    expect((await listUsers({ page: 4, perPage: 2 })).items).toEqual([]);
  });
});

describe("grantRole / revokeRole by an admin", () => {
  it("writes exactly one audit entry per change with the roles before and after", async () => {
    const target = await user("rina", "rina@example.test", "Rina");
    expect(await grantRole({ userId: target, role: "organizer", grantedBy: ids.admin })).toBe(true);
    expect(await grantRole({ userId: target, role: "organizer", grantedBy: ids.admin })).toBe(false);
    let entries = await listAuditEntries({ subjectType: "user", subjectId: target });
    expect(entries.map((e) => [e.action, e.actor_user_id, JSON.parse(e.details)])).toEqual([
      ["role.granted", ids.admin, { role: "organizer", before: ["buyer"], after: ["buyer", "organizer"] }],
    ]);
    expect(await revokeRole({ userId: target, role: "organizer", revokedBy: ids.admin })).toBe(true);
    expect(await revokeRole({ userId: target, role: "organizer", revokedBy: ids.admin })).toBe(false);
    entries = await listAuditEntries({ subjectType: "user", subjectId: target });
    expect(entries.length).toBe(2);
    expect([entries[0].action, JSON.parse(entries[0].details)]).toEqual([
      "role.revoked",
      { role: "organizer", before: ["buyer", "organizer"], after: ["buyer"] },
    ]);
  });

  it("ends every session of the user whose role is revoked", async () => {
    const target = await user("sari", "sari@example.test", "Sari", ["buyer", "organizer"]);
    const phone = await sessionCookie(target);
    const laptop = await sessionCookie(target);
    expect((await getUser(request("/account", { cookie: phone })))?.roles).toEqual(["buyer", "organizer"]);
    await revokeRole({ userId: target, role: "organizer", revokedBy: ids.admin });
    expect(await getUser(request("/account", { cookie: phone }))).toBeNull();
    expect(await getUser(request("/account", { cookie: laptop }))).toBeNull();
    // The admin's own session is untouched.
    expect((await getUser(request("/account", { cookie: adminCookie })))?.id).toBe(ids.admin);
  });

  it("refuses an admin revoking their own admin role and the last admin losing it (409)", async () => {
    await expectModelError(revokeRole({ userId: ids.admin, role: "admin", revokedBy: ids.admin }), "own_admin", 409);
    await expectModelError(revokeRole({ userId: ids.admin, role: "admin", revokedBy: null }), "last_admin", 409);
    const second = await user("second", "second-admin@example.test", "Admin Kedua", ["admin"]);
    // With two admins one may lose the role; then the other is the last again.
    await revokeRole({ userId: second, role: "admin", revokedBy: ids.admin });
    await expectModelError(revokeRole({ userId: ids.admin, role: "admin", revokedBy: second }), "last_admin", 409);
    expect(await listUserRoles({ userId: ids.admin })).toEqual(["admin"]);
  });

  it("links and unlinks agency staff and association officers in the same change", async () => {
    const target = await user("dinas", "staf@example.test", "Staf Dinas");
    await grantRole({ userId: target, role: "agency", grantedBy: ids.admin, agencyId });
    await grantRole({ userId: target, role: "association", grantedBy: ids.admin, associationId });
    const db = getDb();
    expect(await db.selectFrom("agency_staff").select("agency_id").where("user_id", "=", target).execute()).toEqual([{ agency_id: agencyId }]);
    expect(await db.selectFrom("association_officers").select("association_id").where("user_id", "=", target).execute()).toEqual([
      { association_id: associationId },
    ]);
    await revokeRole({ userId: target, role: "agency", revokedBy: ids.admin });
    await revokeRole({ userId: target, role: "association", revokedBy: ids.admin });
    expect(await db.selectFrom("agency_staff").select("agency_id").where("user_id", "=", target).execute()).toEqual([]);
    expect(await db.selectFrom("association_officers").select("association_id").where("user_id", "=", target).execute()).toEqual([]);
    const details = (await listAuditEntries({ subjectType: "user", subjectId: target })).map((e) => [e.action, JSON.parse(e.details)]).reverse();
    expect(details).toEqual([
      ["role.granted", { role: "agency", before: ["buyer"], after: ["agency", "buyer"], agency: { id: agencyId, name: "Dinas Kominfo Kota Blitar" } }],
      [
        "role.granted",
        {
          role: "association",
          before: ["agency", "buyer"],
          after: ["agency", "association", "buyer"],
          association: { id: associationId, name: "Asosiasi Perajin Batik Blitar" },
        },
      ],
      [
        "role.revoked",
        {
          role: "agency",
          before: ["agency", "association", "buyer"],
          after: ["association", "buyer"],
          agencies: [{ id: agencyId, name: "Dinas Kominfo Kota Blitar" }],
        },
      ],
      [
        "role.revoked",
        {
          role: "association",
          before: ["association", "buyer"],
          after: ["buyer"],
          associations: [{ id: associationId, name: "Asosiasi Perajin Batik Blitar" }],
        },
      ],
    ]);
  });

  it("rolls the whole change back when the agency does not exist", async () => {
    const target = await user("nope", "nope@example.test", "Tanpa Dinas");
    await expectModelError(grantRole({ userId: target, role: "agency", grantedBy: ids.admin, agencyId: 98765 }), "unknown_agency", 400);
    expect(await listUserRoles({ userId: target })).toEqual(["buyer"]);
    expect(await listAuditEntries({ subjectType: "user", subjectId: target })).toEqual([]);
    await expectModelError(grantRole({ userId: ids.gone, role: "organizer", grantedBy: ids.admin }), "user_not_found", 404);
  });
});

describe("/admin/users pages", () => {
  it("send anonymous visitors to the log-in page and refuse a buyer with 403", async () => {
    const anonymous = await usersLoader({ request: request("/admin/users"), params: {}, context: {} }).catch((e: unknown) => e);
    expect((anonymous as Response).status).toBe(303);
    expect((anonymous as Response).headers.get("Location")).toBe("/login?redirectTo=%2Fadmin%2Fusers");
    const path = `/admin/users/${ids.ani}`;
    const anonymousDetail = (await userLoader({ request: request(path), params: { id: String(ids.ani) }, context: {} }).catch(
      (e: unknown) => e,
    )) as Response;
    expect(anonymousDetail.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent(path)}`);
    expect(await statusOf(usersLoader({ request: request("/admin/users", { cookie: buyerCookie }), params: {}, context: {} }))).toBe(403);
    expect(await statusOf(userLoader({ request: request(path, { cookie: buyerCookie }), params: { id: String(ids.ani) }, context: {} }))).toBe(403);
    const post = userAction({
      request: request(path, { cookie: buyerCookie, form: { intent: "grant", role: "admin" } }),
      params: { id: String(ids.ani) },
      context: {},
    });
    expect(await statusOf(post)).toBe(403);
    expect(await listUserRoles({ userId: ids.ani })).toEqual(["buyer"]);
  });

  it("lists and searches for admins; garbage parameters are ignored, never an error", async () => {
    const found = await usersLoader({ request: request("/admin/users?q=budi%40example", { cookie: adminCookie }), params: {}, context: {} });
    expect(found.users.map((u) => u.email)).toEqual(["budi@example.test"]);
    const garbage = await usersLoader({
      request: request(`/admin/users?page=-1&role=root&q=${"x".repeat(5000)}`, { cookie: adminCookie }),
      params: {},
      context: {},
    });
    expect(garbage).toMatchObject({ q: "x".repeat(100), role: null, page: 1, total: 0 });
    const abc = await usersLoader({ request: request("/admin/users?page=abc&role=artisan", { cookie: adminCookie }), params: {}, context: {} });
    expect(abc).toMatchObject({ role: "artisan", page: 1, total: 1 });
    const past = await usersLoader({ request: request("/admin/users?page=999", { cookie: adminCookie }), params: {}, context: {} });
    expect(past.page).toBe(1);
    expect(past.users.length).toBeGreaterThan(0);
  });

  it("answers 404 for a non-numeric, unknown or deleted user id", async () => {
    for (const id of ["abc", "0", "-3", "1e3", "99999", String(ids.gone), "9".repeat(40)]) {
      expect(await statusOf(userLoader({ request: request(`/admin/users/${id}`, { cookie: adminCookie }), params: { id }, context: {} })), id).toBe(404);
      const post = userAction({
        request: request(`/admin/users/${id}`, { cookie: adminCookie, form: { intent: "grant", role: "buyer" } }),
        params: { id },
        context: {},
      });
      expect(await statusOf(post), id).toBe(404);
    }
  });

  it("shows a user's roles, the agencies to choose from and the latest audit entries", async () => {
    const page = await userLoader({
      request: request(`/en/admin/users/${ids.budi}`, { cookie: adminCookie }),
      params: { lang: "en", id: String(ids.budi) },
      context: {},
    });
    expect(page.user).toMatchObject({ id: ids.budi, name: "Budi Santoso", email: "budi@example.test" });
    expect(page.roles).toEqual(["artisan", "buyer"]);
    expect(page.agencies).toEqual([{ id: agencyId, name: "Dinas Kominfo Kota Blitar" }]);
    expect(page.history).toEqual([]);
    expect(page.meta.noindex).toBe(true);
  });

  it("grants and revokes through the form: 303 back with a flash, the target logged out", async () => {
    const target = ids.ani;
    const targetCookie = await sessionCookie(target);
    const post = (form: Record<string, string>, lang?: "en") =>
      userAction({
        request: request(`${lang ? "/en" : ""}/admin/users/${target}`, { cookie: adminCookie, form }),
        params: { id: String(target), ...(lang ? { lang } : {}) },
        context: {},
      });
    const granted = (await post({ intent: "grant", role: "organizer" }, "en")) as Response;
    expect(granted.status).toBe(303);
    expect(granted.headers.get("Location")).toBe(`/en/admin/users/${target}`);
    expect(granted.headers.get("Set-Cookie")).toMatch(/^__flash=/);
    expect(await listUserRoles({ userId: target })).toEqual(["buyer", "organizer"]);
    expect((await getUser(request("/account", { cookie: targetCookie })))?.roles).toEqual(["buyer", "organizer"]);
    const revoked = (await post({ intent: "revoke", role: "organizer" })) as Response;
    expect(revoked.status).toBe(303);
    expect(revoked.headers.get("Location")).toBe(`/admin/users/${target}`);
    expect(await listUserRoles({ userId: target })).toEqual(["buyer"]);
    expect(await getUser(request("/account", { cookie: targetCookie }))).toBeNull();
    const actions = (await listAuditEntries({ subjectType: "user", subjectId: target })).map((e) => e.action);
    expect(actions).toEqual(["role.revoked", "role.granted"]);
    buyerCookie = await sessionCookie(target);
  });

  it("answers bad input with 400 and a message, guard violations with 409", async () => {
    const post = (form: Record<string, string>, id = ids.budi) =>
      userAction({ request: request(`/admin/users/${id}`, { cookie: adminCookie, form }), params: { id: String(id) }, context: {} });
    const missingAgency = unwrap<{ role: string; result: { error: Record<string, string[]> } }>(await post({ intent: "grant", role: "agency" }));
    expect(missingAgency.status).toBe(400);
    expect(missingAgency.value.role).toBe("agency");
    expect(missingAgency.value.result.error.agencyId).toEqual(["adminUsers.errors.agencyRequired"]);
    const missingAssociation = unwrap<{ result: { error: Record<string, string[]> } }>(await post({ intent: "grant", role: "association" }));
    expect(missingAssociation.value.result.error.associationId).toEqual(["adminUsers.errors.associationRequired"]);
    const unknownAgency = unwrap<{ result: { error: Record<string, string[]> } }>(await post({ intent: "grant", role: "agency", agencyId: "98765" }));
    expect(unknownAgency.status).toBe(400);
    expect(unknownAgency.value.result.error.agencyId).toEqual(["adminUsers.errors.unknownAgency"]);
    expect(await statusOf(post({ intent: "grant", role: "agency", agencyId: "abc" }))).toBe(400);
    expect(await statusOf(post({ intent: "grant", role: "root" }))).toBe(400);
    expect(await statusOf(post({ intent: "delete", role: "buyer" }))).toBe(400);
    expect(await statusOf(post({}))).toBe(400);
    expect(await statusOf(post({ intent: "grant", role: "x".repeat(5000) }))).toBe(400);
    expect(await listUserRoles({ userId: ids.budi })).toEqual(["artisan", "buyer"]);

    const own = unwrap<{ role: string; result: { error: Record<string, string[]> } }>(await post({ intent: "revoke", role: "admin" }, ids.admin));
    expect(own.status).toBe(409);
    expect(own.value.result.error[""]).toEqual(["adminUsers.errors.ownAdmin"]);
    expect(await listUserRoles({ userId: ids.admin })).toEqual(["admin"]);

    const withAgency = (await post({ intent: "grant", role: "agency", agencyId: String(agencyId) })) as Response;
    expect(withAgency.status).toBe(303);
    expect(await getDb().selectFrom("agency_staff").select("agency_id").where("user_id", "=", ids.budi).execute()).toEqual([{ agency_id: agencyId }]);
  });

  it("sends an admin who revoked one of their own other roles to the log-in page, since their sessions ended", async () => {
    await grantRole({ userId: ids.admin, role: "organizer", grantedBy: ids.admin });
    const res = (await userAction({
      request: request(`/en/admin/users/${ids.admin}`, { cookie: adminCookie, form: { intent: "revoke", role: "organizer" } }),
      params: { lang: "en", id: String(ids.admin) },
      context: {},
    })) as Response;
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe("/en/login");
    const cookies = res.headers.getSetCookie();
    expect(cookies.some((c) => /^__session=;/.test(c))).toBe(true);
    expect(cookies.some((c) => /^__flash=/.test(c))).toBe(true);
    expect(await getUser(request("/account", { cookie: adminCookie }))).toBeNull();
    expect(await listUserRoles({ userId: ids.admin })).toEqual(["admin"]);
  });
});

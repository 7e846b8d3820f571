/**
 * The audit log page: filters (action, actor, subject, WIB days), paging,
 * the distinct actions for the select, garbage parameters, and the CSV export.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { listAuditActions, listAuditEntries, pageAuditEntries, recordAudit } from "~/models/audit.server";
import { createUser } from "~/models/user.server";
import { loader } from "~/routes/($lang).admin.audit";
import { loader as csvLoader } from "~/routes/($lang).admin.audit[.]csv";
import { createUserWithSession, request, statusOf } from "../setup/routes";

const HASH = "scrypt$2$1$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

let adminId: number;
let officerId: number;
let adminCookie: string;
let buyerCookie: string;
const entry: Record<string, number> = {};

beforeAll(async () => {
  const admin = await createUserWithSession({ email: "ops@example.test", name: "Operator Utama", passwordHash: HASH, roles: ["admin"] });
  adminId = admin.id;
  adminCookie = admin.cookie;
  officerId = (await createUser({ email: "petugas@apbb.example", name: "=Petugas APBB", passwordHash: HASH })).id;
  buyerCookie = (await createUserWithSession({ email: "buyer@example.test", name: "Pembeli", passwordHash: HASH, roles: ["buyer"] })).cookie;

  const add = async (key: string, at: string, action: string, actor: number | null, subjectType: string, subjectId: number, details = {}) => {
    entry[key] = (await recordAudit({ actorUserId: actor, action, subjectType, subjectId, details, now: new Date(at) })).id;
  };
  // WIB = UTC+7: 16:59:59Z is still the same WIB day, 17:00:00Z is the next one.
  await add("feb28Late", "2026-02-28T16:59:59.999Z", "role.revoked", adminId, "user", 6, { role: "organizer", before: ["buyer", "organizer"], after: ["buyer"] });
  await add("mar1Start", "2026-02-28T17:00:00.000Z", "artisan.membership_verified", officerId, "artisan", 3, { reason: "Dokumen lengkap, bukan =SUM(A1)" });
  await add("mar1End", "2026-03-01T16:59:59.000Z", "role.granted", adminId, "user", 5, { role: "organizer", before: ["buyer"], after: ["buyer", "organizer"] });
  await add("mar2Start", "2026-03-01T17:00:00.000Z", "order.refunded", null, "order", 7, { amount: 150000, reason: "Stok habis" });
  await add("mar2End", "2026-03-02T16:59:59.999Z", "role.granted", adminId, "user", 6);
});

const ids = (entries: { id: number }[]) => entries.map((e) => e.id);

describe("listAuditEntries filters", () => {
  it("cuts WIB days exactly at 17:00 UTC, both ends included, newest first", async () => {
    expect(ids(await listAuditEntries({ from: "2026-03-01", to: "2026-03-01" }))).toEqual([entry.mar1End, entry.mar1Start]);
    expect(ids(await listAuditEntries({ from: "2026-03-02" }))).toEqual([entry.mar2End, entry.mar2Start]);
    expect(ids(await listAuditEntries({ to: "2026-02-28" }))).toEqual([entry.feb28Late]);
    expect(ids(await listAuditEntries({ from: "2026-03-03" }))).toEqual([]);
    expect(ids(await listAuditEntries({}))).toEqual([entry.mar2End, entry.mar2Start, entry.mar1End, entry.mar1Start, entry.feb28Late]);
  });

  it("matches the action exactly", async () => {
    expect(ids(await listAuditEntries({ action: "role.granted" }))).toEqual([entry.mar2End, entry.mar1End]);
    expect(ids(await listAuditEntries({ action: "role" }))).toEqual([]);
  });

  it("matches the actor by id, by a part of the name or e-mail, or 'system' for none", async () => {
    expect(ids(await listAuditEntries({ actor: String(officerId) }))).toEqual([entry.mar1Start]);
    expect(ids(await listAuditEntries({ actor: officerId }))).toEqual([entry.mar1Start]);
    expect(ids(await listAuditEntries({ actor: "operator" }))).toEqual([entry.mar2End, entry.mar1End, entry.feb28Late]);
    expect(ids(await listAuditEntries({ actor: "APBB.EXAMPLE" }))).toEqual([entry.mar1Start]);
    expect(ids(await listAuditEntries({ actor: "system" }))).toEqual([entry.mar2Start]);
    expect(ids(await listAuditEntries({ actor: "%" }))).toEqual([]);
  });

  it("matches the subject type and id, and combines filters", async () => {
    expect(ids(await listAuditEntries({ subjectType: "user", subjectId: 6 }))).toEqual([entry.mar2End, entry.feb28Late]);
    expect(ids(await listAuditEntries({ subjectType: "user", subjectId: "6", action: "role.granted", from: "2026-03-02" }))).toEqual([entry.mar2End]);
  });

  it("pages with a total and lists the distinct actions", async () => {
    const page = await pageAuditEntries({ page: 2, perPage: 2 });
    expect(page).toMatchObject({ total: 5, page: 2, perPage: 2 });
    expect(ids(page.items)).toEqual([entry.mar1End, entry.mar1Start]);
    expect(await listAuditActions()).toEqual(["artisan.membership_verified", "order.refunded", "role.granted", "role.revoked"]);
  });
});

describe("/admin/audit", () => {
  it("sends anonymous visitors to the log-in page and refuses a buyer with 403", async () => {
    const thrown = (await loader({ request: request("/admin/audit"), params: {}, context: {} }).catch((e: unknown) => e)) as Response;
    expect(thrown.status).toBe(303);
    expect(thrown.headers.get("Location")).toBe("/login?redirectTo=%2Fadmin%2Faudit");
    expect(await statusOf(loader({ request: request("/admin/audit", { cookie: buyerCookie }), params: {}, context: {} }))).toBe(403);
    expect(await statusOf(csvLoader({ request: request("/admin/audit.csv", { cookie: buyerCookie }), params: {}, context: {} }))).toBe(403);
  });

  it("filters by GET parameters", async () => {
    const result = (await loader({
      request: request("/en/admin/audit?action=role.granted&from=2026-03-01&to=2026-03-01", { cookie: adminCookie }),
      params: { lang: "en" },
      context: {},
    })) as { entries: { id: number; actor_name: string | null }[]; total: number; actions: string[]; subjectTypes: string[] };
    expect(ids(result.entries)).toEqual([entry.mar1End]);
    expect(result.entries[0].actor_name).toBe("Operator Utama");
    expect(result.total).toBe(1);
    expect(result.actions).toEqual(["artisan.membership_verified", "order.refunded", "role.granted", "role.revoked"]);
    expect(result.subjectTypes).toEqual(["artisan", "order", "user"]);
  });

  it("answers impossible dates, a reversed range and over-long text with 400 and a message; a bad page is page 1", async () => {
    const bad = async (query: string) => {
      const result = (await loader({ request: request(`/admin/audit?${query}`, { cookie: adminCookie }), params: {}, context: {} })) as unknown as {
        init: { status: number };
        data: { errors: Record<string, string>; entries: unknown[] };
      };
      return { status: result.init.status, errors: result.data.errors, entries: result.data.entries };
    };
    expect(await bad("from=2026-13-45")).toEqual({ status: 400, errors: { from: "audit.errors.date" }, entries: [] });
    expect(await bad("to=2026-02-30")).toEqual({ status: 400, errors: { to: "audit.errors.date" }, entries: [] });
    expect(await bad("from=yesterday")).toEqual({ status: 400, errors: { from: "audit.errors.date" }, entries: [] });
    expect(await bad("from=2026-03-02&to=2026-03-01")).toEqual({ status: 400, errors: { to: "audit.errors.range" }, entries: [] });
    expect(await bad(`actor=${"a".repeat(5000)}`)).toEqual({ status: 400, errors: { actor: "audit.errors.tooLong" }, entries: [] });
    expect(await statusOf(csvLoader({ request: request("/admin/audit.csv?from=2026-13-45", { cookie: adminCookie }), params: {}, context: {} }))).toBe(400);
    for (const page of ["-1", "abc", "0", "1e9", "99999"]) {
      const result = (await loader({ request: request(`/admin/audit?page=${page}`, { cookie: adminCookie }), params: {}, context: {} })) as {
        page: number;
        total: number;
      };
      expect([page, result.page, result.total]).toEqual([page, 1, 5]);
    }
    const unknownAction = (await loader({ request: request("/admin/audit?action=nope&subjectType=x", { cookie: adminCookie }), params: {}, context: {} })) as {
      total: number;
    };
    expect(unknownAction.total).toBe(0);
  });

  it("exports the filtered entries as CSV, formula-like cells escaped", async () => {
    const res = (await csvLoader({
      request: request("/admin/audit.csv?from=2026-03-01&to=2026-03-01", { cookie: adminCookie }),
      params: {},
      context: {},
    })) as Response;
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("Content-Disposition")).toMatch(/^attachment; filename="audit-log-\d{4}-\d{2}-\d{2}\.csv"$/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    // A UTF-8 byte order mark, so that spreadsheet programs read the names right.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    const lines = text.replace(/^\uFEFF/, "").split("\r\n");
    expect(lines[0]).toBe("id,created_at_utc,created_at_wib,actor_user_id,actor_name,action,subject_type,subject_id,details_json");
    expect(lines[1]).toBe(
      `${entry.mar1End},2026-03-01T16:59:59.000Z,2026-03-01 23:59:59,${adminId},Operator Utama,role.granted,user,5,` +
        `"{""role"":""organizer"",""before"":[""buyer""],""after"":[""buyer"",""organizer""]}"`,
    );
    // The actor's name starts with "=": a spreadsheet must not run it as a formula.
    expect(lines[2]).toBe(
      `${entry.mar1Start},2026-02-28T17:00:00.000Z,2026-03-01 00:00:00,${officerId},'=Petugas APBB,artisan.membership_verified,artisan,3,` +
        `"{""reason"":""Dokumen lengkap, bukan =SUM(A1)""}"`,
    );
    expect(lines.slice(3)).toEqual([""]);
  });
});

/**
 * /dashboard/needs: opening facility needs and moving them on. Each status
 * change adds a row that supersedes the previous one (kept unchanged, with
 * its date); the association's needs list shows current open needs only.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createArtisan } from "~/models/artisan.server";
import { createAssociation } from "~/models/association.server";
import { listAuditEntries } from "~/models/audit.server";
import { addAssociationOfficer } from "~/models/user.server";
import { loader as associationNeeds } from "~/routes/($lang).association.needs";
import { action, loader } from "~/routes/($lang).dashboard.needs";
import { getDb } from "~/utils/db.server";
import { todayWib } from "~/utils/shop-facts";
import { createUserWithSession, outcome, payloadOf, request } from "../setup/routes";

let owner: { id: number; cookie: string };
let otherOwner: { id: number; cookie: string };
let officer: { id: number; cookie: string };
let foreignOfficer: { id: number; cookie: string };
let shopId: number;

const post = (cookie: string, form: Record<string, string>) => outcome(action({ request: request("/dashboard/needs", { cookie, form }), params: {}, context: {} }));
const page = async (cookie: string) => payloadOf(await loader({ request: request("/dashboard/needs", { cookie }), params: {}, context: {} }));
const needRows = (artisanId: number) =>
  getDb().selectFrom("facility_needs").select(["id", "kind", "description", "status", "opened_on", "closed_on", "supersedes_id"]).where("artisan_id", "=", artisanId).orderBy("id").execute();
const queue = async (cookie: string) => outcome(associationNeeds({ request: request("/association/needs", { cookie }), params: {}, context: {} }));

beforeAll(async () => {
  const apbb = (await createAssociation({ slug: "apbb", name: "Asosiasi Pengrajin Batik Kabupaten Blitar", shortName: "APBB", region: "kabupaten" })).id;
  const kota = (await createAssociation({ slug: "kota", name: "Paguyuban Batik Kota Blitar", shortName: "PBKB", region: "kota" })).id;
  owner = await createUserWithSession({ email: "need-owner@example.test", name: "Sri", password: "owner-pass-2026", roles: ["artisan"] });
  otherOwner = await createUserWithSession({ email: "need-other@example.test", name: "Rini", password: "owner-pass-2026", roles: ["artisan"] });
  officer = await createUserWithSession({ email: "need-officer@example.test", name: "Officer", password: "officer-pass-2026", roles: ["association"] });
  foreignOfficer = await createUserWithSession({ email: "need-kota@example.test", name: "Officer Kota", password: "officer-pass-2026", roles: ["association"] });
  await addAssociationOfficer({ userId: officer.id, associationId: apbb });
  await addAssociationOfficer({ userId: foreignOfficer.id, associationId: kota });
  const base = { ownerName: "Bu Sri", village: "Sawentar", district: "Kanigoro", regency: "kabupaten" as const, techniques: ["tulis" as const], associationId: apbb };
  shopId = (await createArtisan({ ...base, slug: "need-a", ownerUserId: owner.id, name: "Batik Need A" })).id;
  await createArtisan({ ...base, slug: "need-b", ownerUserId: otherOwner.id, name: "Batik Need B" });
});

describe("/dashboard/needs", () => {
  let needId: number;

  it("opens a need dated today (audited) and lists it as open", async () => {
    const answer = await post(owner.cookie, { intent: "open", kind: "ipal", description: "  IPAL untuk limbah pewarnaan  " });
    expect(answer.status).toBe(303);
    const rows = await needRows(shopId);
    expect(rows).toEqual([{ id: rows[0].id, kind: "ipal", description: "IPAL untuk limbah pewarnaan", status: "open", opened_on: todayWib(), closed_on: null, supersedes_id: null }]);
    needId = rows[0].id;
    expect((await listAuditEntries({ action: "need.open" })).find((e) => e.subject_id === String(needId))?.actor_user_id).toBe(owner.id);
    const shown = await page(owner.cookie);
    expect(shown.open.map((n) => [n.id, n.kind, n.status, n.history.length])).toEqual([[needId, "ipal", "open", 0]]);
    expect(shown.closed).toEqual([]);
  });

  it("refuses an empty or too long description and an unknown kind, keeping the input", async () => {
    const before = (await needRows(shopId)).length;
    const empty = await post(owner.cookie, { intent: "open", kind: "equipment", description: "   " });
    expect(empty.status).toBe(400);
    expect((empty.body as { result: { error: Record<string, string[]> } }).result.error.description).toEqual(["shopFacts.needs.errors.descriptionRequired"]);
    const long = await post(owner.cookie, { intent: "open", kind: "equipment", description: "x".repeat(1001) });
    expect((long.body as { result: { error: Record<string, string[]> } }).result.error.description).toEqual(["shopFacts.needs.errors.descriptionTooLong"]);
    const kind = await post(owner.cookie, { intent: "open", kind: "money", description: "Modal usaha" });
    const body = kind.body as { result: { error: Record<string, string[]>; initialValue: Record<string, string> } };
    expect(body.result.error.kind).toEqual(["shopFacts.needs.errors.kind"]);
    expect(body.result.initialValue.description).toBe("Modal usaha");
    expect((await needRows(shopId)).length).toBe(before);
  });

  it("is listed for the shop's association, not for another association", async () => {
    const mine = await queue(officer.cookie);
    expect(mine.status).toBe(200);
    const shops = (mine.body as { shops: { name: string; needs: { id: number; kind: string; opened_on: string }[] }[] }).shops;
    expect(shops.map((s) => [s.name, s.needs.map((n) => [n.id, n.kind, n.opened_on])])).toEqual([["Batik Need A", [[needId, "ipal", todayWib()]]]]);
    const theirs = await queue(foreignOfficer.cookie);
    expect((theirs.body as { shops: unknown[] }).shops).toEqual([]);
    expect((await queue(owner.cookie)).status).toBe(403);
  });

  it("a status change adds a superseding row and keeps the old one unchanged (audited)", async () => {
    const answer = await post(owner.cookie, { intent: "status", id: String(needId), status: "in_progress" });
    expect(answer.status).toBe(303);
    const rows = await needRows(shopId);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ id: needId, status: "open", closed_on: null, supersedes_id: null });
    expect(rows[1]).toMatchObject({ kind: "ipal", description: "IPAL untuk limbah pewarnaan", status: "in_progress", opened_on: todayWib(), closed_on: null, supersedes_id: needId });
    const entry = (await listAuditEntries({ action: "need.update" })).find((e) => e.subject_id === String(rows[1].id));
    expect(entry?.actor_user_id).toBe(owner.id);

    const shown = await page(owner.cookie);
    expect(shown.open.map((n) => [n.id, n.status, n.history.map((h) => [h.id, h.status])])).toEqual([[rows[1].id, "in_progress", [[needId, "open"]]]]);

    // The superseded row can no longer be changed; the current one can.
    expect((await post(owner.cookie, { intent: "status", id: String(needId), status: "met" })).status).toBe(404);
    expect((await post(owner.cookie, { intent: "status", id: String(rows[1].id), status: "in_progress" })).status).toBe(409);
    const met = await post(owner.cookie, { intent: "status", id: String(rows[1].id), status: "met" });
    expect(met.status).toBe(303);
    const after = await needRows(shopId);
    expect(after[2]).toMatchObject({ status: "met", closed_on: todayWib(), supersedes_id: rows[1].id });
    const closed = await page(owner.cookie);
    expect(closed.open).toEqual([]);
    expect(closed.closed.map((n) => [n.status, n.closed_on, n.history.map((h) => h.status)])).toEqual([["met", todayWib(), ["in_progress", "open"]]]);
    // A met need is closed: no more changes, and it leaves the association's list.
    expect((await post(owner.cookie, { intent: "status", id: String(after[2].id), status: "withdrawn" })).status).toBe(404);
    expect((((await queue(officer.cookie)).body as { shops: unknown[] }).shops)).toEqual([]);
  });

  it("another shop's need does not exist for an artisan; bad input is a 400", async () => {
    await post(owner.cookie, { intent: "open", kind: "training", description: "Pelatihan pewarna alam" });
    const open = (await needRows(shopId)).at(-1)!;
    expect((await post(otherOwner.cookie, { intent: "status", id: String(open.id), status: "withdrawn" })).status).toBe(404);
    expect((await needRows(shopId)).at(-1)).toEqual(open);
    expect((await post(owner.cookie, { intent: "status", id: "abc", status: "met" })).status).toBe(400);
    expect((await post(owner.cookie, { intent: "status", id: String(open.id), status: "open" })).status).toBe(400);
    expect((await post(owner.cookie, {})).status).toBe(400);
  });
});

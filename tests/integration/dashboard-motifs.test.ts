/**
 * /dashboard/motifs: an artisan proposes a motif; it waits in the
 * association's curation queue; approval publishes it with an approval date
 * (the innovation indicator counts by it); a rejection's reason reaches the
 * proposer's dashboard.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createArtisan } from "~/models/artisan.server";
import { listAuditEntries } from "~/models/audit.server";
import { loader as curationQueue } from "~/routes/($lang).association.motifs._index";
import { action as curationAction } from "~/routes/($lang).association.motifs.$id";
import { action, loader } from "~/routes/($lang).dashboard.motifs";
import { getDb } from "~/utils/db.server";
import { createUserWithSession, outcome, payloadOf, request } from "../setup/routes";

let owner: { id: number; cookie: string };
let otherOwner: { id: number; cookie: string };
let officer: { id: number; cookie: string };
let shopId: number;

const propose = (cookie: string, form: Record<string, string>) => outcome(action({ request: request("/dashboard/motifs", { cookie, form }), params: {}, context: {} }));
const page = async (cookie: string) => payloadOf(await loader({ request: request("/dashboard/motifs", { cookie }), params: {}, context: {} }));
const decide = (id: number, form: Record<string, string>) =>
  outcome(curationAction({ request: request(`/association/motifs/${id}`, { cookie: officer.cookie, form }), params: { id: String(id) }, context: {} }));
const motifByName = (name: string) => getDb().selectFrom("motifs").selectAll().where("name", "=", name).executeTakeFirstOrThrow();

beforeAll(async () => {
  owner = await createUserWithSession({ email: "motif-owner@example.test", name: "Sri", password: "owner-pass-2026", roles: ["artisan"] });
  otherOwner = await createUserWithSession({ email: "motif-other@example.test", name: "Rini", password: "owner-pass-2026", roles: ["artisan"] });
  officer = await createUserWithSession({ email: "motif-officer@example.test", name: "Officer", password: "officer-pass-2026", roles: ["association"] });
  const base = { ownerName: "Bu Sri", village: "Sawentar", district: "Kanigoro", regency: "kabupaten" as const, techniques: ["tulis" as const] };
  shopId = (await createArtisan({ ...base, slug: "motif-a", ownerUserId: owner.id, name: "Batik Motif A" })).id;
  await createArtisan({ ...base, slug: "motif-b", ownerUserId: otherOwner.id, name: "Batik Motif B" });
});

describe("/dashboard/motifs", () => {
  it("proposes a motif (audited) that waits in the association's queue, then approval records the date", async () => {
    const answer = await propose(owner.cookie, {
      name: "Kembang Sawentar",
      storyId: "Terinspirasi dari relief Candi Sawentar.",
      storyEn: "Inspired by the reliefs of Sawentar temple.",
      meaningId: "Kesuburan",
      meaningEn: "Fertility",
      origin: "Sawentar, Kanigoro",
      region: "kabupaten",
      year: "2024",
    });
    expect(answer.status).toBe(303);
    expect(answer.headers?.get("Location")).toBe("/dashboard/motifs");
    const motif = await motifByName("Kembang Sawentar");
    expect(motif).toMatchObject({
      status: "proposed",
      proposed_by_artisan_id: shopId,
      creator_artisan_id: shopId,
      approved_at: null,
      story_en: "Inspired by the reliefs of Sawentar temple.",
      meaning_id: "Kesuburan",
      origin: "Sawentar, Kanigoro",
      region: "kabupaten",
      year: 2024,
    });
    expect((await listAuditEntries({ action: "motif.propose" })).find((e) => e.subject_id === String(motif.id))?.actor_user_id).toBe(owner.id);

    const mine = await page(owner.cookie);
    expect(mine.proposals.map((p) => [p.name, p.status, p.approved_at, p.reason])).toEqual([["Kembang Sawentar", "proposed", null, null]]);
    expect((await page(otherOwner.cookie)).proposals).toEqual([]);

    const queue = payloadOf(await curationQueue({ request: request("/association/motifs?status=proposed", { cookie: officer.cookie }), params: {}, context: {} }));
    expect((queue.motifs as { id: number; proposed_by: { id: number } | null }[]).map((m) => [m.id, m.proposed_by?.id])).toEqual([[motif.id, shopId]]);

    expect((await decide(motif.id, { intent: "approve" })).status).toBe(303);
    const approved = await motifByName("Kembang Sawentar");
    expect(approved.status).toBe("published");
    expect(approved.approved_at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(approved.approved_by).toBe(officer.id);
    const after = await page(owner.cookie);
    expect(after.proposals.map((p) => [p.status, p.approved_at])).toEqual([["published", approved.approved_at]]);
  });

  it("shows the association's reason for a rejection", async () => {
    expect((await propose(owner.cookie, { name: "Garuda Modern", region: "kota" })).status).toBe(303);
    const motif = await motifByName("Garuda Modern");
    expect((await decide(motif.id, { intent: "reject", reason: "Terlalu mirip dengan motif Garuda yang sudah terdaftar." })).status).toBe(303);
    const shown = (await page(owner.cookie)).proposals.find((p) => p.id === motif.id)!;
    expect([shown.status, shown.reason, shown.approved_at]).toEqual(["rejected", "Terlalu mirip dengan motif Garuda yang sudah terdaftar.", null]);
  });

  it.each([
    [{ name: "", region: "kabupaten" }, "name", "shopFacts.motifs.errors.nameRequired"],
    [{ name: "x".repeat(121), region: "kabupaten" }, "name", "shopFacts.motifs.errors.nameTooLong"],
    [{ name: "Motif", region: "jakarta" }, "region", "shopFacts.motifs.errors.region"],
    [{ name: "Motif", region: "kota", year: "1800" }, "year", "shopFacts.motifs.errors.year"],
    [{ name: "Motif", region: "kota", year: "3000" }, "year", "shopFacts.motifs.errors.year"],
    [{ name: "Motif", region: "kota", storyId: "x".repeat(5001) }, "storyId", "shopFacts.errors.tooLong"],
  ])("refuses %o with a field error, recording nothing", async (form, field, key) => {
    const before = await getDb().selectFrom("motifs").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    const answer = await propose(owner.cookie, form);
    expect(answer.status).toBe(400);
    expect((answer.body as { error: Record<string, string[]> }).error[field]).toEqual([key]);
    const after = await getDb().selectFrom("motifs").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it("allows five proposals waiting at once, then answers 409", async () => {
    for (let i = 1; i <= 5; i++) expect((await propose(otherOwner.cookie, { name: `Usulan ${i}`, region: "kota" })).status).toBe(303);
    const sixth = await propose(otherOwner.cookie, { name: "Usulan 6", region: "kota" });
    expect(sixth.status).toBe(409);
    expect((sixth.body as { error: Record<string, string[]> }).error[""]).toEqual(["shopFacts.motifs.errors.tooManyWaiting"]);
  });
});

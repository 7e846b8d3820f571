/**
 * The association's motif curation: creating (slug made from the name,
 * taken slugs, registration number), editing, archiving and restoring (the
 * motif leaves and comes back to /motifs, product pages and the catalogue's
 * motif facet), approving and rejecting proposals (approval time and officer,
 * the proposer's mail), audit entries, and who may use the pages.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createArtisan, decideArtisanMembership } from "~/models/artisan.server";
import { listAuditEntries } from "~/models/audit.server";
import { searchCatalogue } from "~/models/catalogue.server";
import { getMotifBySlug, getMotifForCuration, listMotifs, listMotifsForCuration, proposeMotif } from "~/models/motif.server";
import { createProduct, getProductBySlug } from "~/models/product.server";
import { action as editAction, loader as editLoader } from "~/routes/($lang).association.motifs.$id";
import { loader as listLoader } from "~/routes/($lang).association.motifs._index";
import { action as newAction, loader as newLoader } from "~/routes/($lang).association.motifs.new";
import { getDb } from "~/utils/db.server";
import { createUserWithRoles, createUserWithSession, outcome, request } from "../setup/routes";

let officer: { id: number; cookie: string };
let others: Record<"buyer" | "artisan" | "agency" | "admin", string>;
let shop: { id: number; name: string; ownerEmail: string };
let productSlug: string;

/** The base form of a new motif; override fields per test. */
function motifForm(fields: Record<string, string> = {}): Record<string, string> {
  return {
    intent: "save",
    name: "Kembang Penataran",
    slug: "",
    storyId: "Kisah motif dari relief Candi Penataran.",
    storyEn: "A motif from the reliefs of Candi Penataran.",
    meaningId: "Keteguhan",
    meaningEn: "Steadfastness",
    origin: "Candi Penataran",
    region: "kabupaten",
    creatorArtisanId: "",
    creatorName: "",
    year: "2024",
    registrationStatus: "none",
    registrationNumber: "",
    ...fields,
  };
}

async function create(form: Record<string, string>, cookie = officer.cookie) {
  return outcome(newAction({ request: request("/association/motifs/new", { cookie, form }), params: {}, context: {} }));
}

async function edit(id: number | string, form: Record<string, string>, cookie = officer.cookie, lang?: "en") {
  const path = `${lang ? "/en" : ""}/association/motifs/${id}`;
  return outcome(editAction({ request: request(path, { cookie, form }), params: { id: String(id), ...(lang ? { lang } : {}) }, context: {} }));
}

async function load(id: number | string, cookie = officer.cookie) {
  return outcome(editLoader({ request: request(`/association/motifs/${id}`, { cookie }), params: { id: String(id) }, context: {} }));
}

/** The id a successful create redirected to. */
function createdId(location: string | null | undefined): number {
  const match = /^\/association\/motifs\/(\d+)$/.exec(location ?? "");
  expect(match, `redirect to ${location}`).not.toBeNull();
  return Number(match![1]);
}

async function motifRow(id: number) {
  return getDb().selectFrom("motifs").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}

beforeAll(async () => {
  officer = await createUserWithSession({ email: "kurator@apbb.test", name: "Sri Kurator", password: "officer-pass-2026", roles: ["association"] });
  others = {
    buyer: (await createUserWithSession({ email: "pembeli@example.test", name: "Pembeli", password: "buyer-pass-2026", roles: ["buyer"] })).cookie,
    artisan: (await createUserWithSession({ email: "perajin@example.test", name: "Perajin", password: "artisan-pass-2026", roles: ["artisan"] })).cookie,
    agency: (await createUserWithSession({ email: "dinas@example.test", name: "Dinas", password: "agency-pass-2026", roles: ["agency"] })).cookie,
    admin: (await createUserWithSession({ email: "admin@example.test", name: "Admin", password: "admin-pass-2026", roles: ["admin"] })).cookie,
  };
  const owner = await createUserWithRoles({ email: "pemilik@toko.test", name: "Bu Wahyuni", locale: "id", password: "owner-pass-2026", roles: ["artisan"] });
  const { id } = await createArtisan({
    slug: "batik-sinar-uji",
    ownerUserId: owner.id,
    name: "Batik Sinar Uji",
    ownerName: "Bu Wahyuni",
    village: "Wonodadi",
    district: "Wonodadi",
    regency: "kabupaten",
    techniques: ["tulis"],
    whatsappNumber: "+6281234567890",
  });
  await decideArtisanMembership({ artisanId: id, status: "verified", actorUserId: officer.id });
  shop = { id, name: "Batik Sinar Uji", ownerEmail: owner.email };
});

describe("creating a motif", () => {
  it("makes the slug from the name, publishes the motif and audits it", async () => {
    const answer = await create(motifForm({ creatorArtisanId: "", creatorName: "Tim Disperindag", registrationStatus: "registered", registrationNumber: "EC00202412345" }));
    expect(answer.status).toBe(303);
    const id = createdId(answer.headers?.get("Location"));
    const row = await motifRow(id);
    expect(row).toMatchObject({
      slug: "kembang-penataran",
      name: "Kembang Penataran",
      origin: "Candi Penataran",
      region: "kabupaten",
      year: 2024,
      creator_name: "Tim Disperindag",
      creator_artisan_id: null,
      registration_status: "registered",
      registration_number: "EC00202412345",
      status: "published",
      approved_by: officer.id,
    });
    expect(row.approved_at).not.toBeNull();
    const [entry] = await listAuditEntries({ subjectType: "motif", subjectId: id });
    expect(entry.action).toBe("motif.create");
    expect(entry.actor_user_id).toBe(officer.id);
    expect(JSON.parse(entry.details).after).toMatchObject({ slug: "kembang-penataran", status: "published" });
    expect((await getMotifBySlug({ slug: "kembang-penataran" }))?.name).toBe("Kembang Penataran");
  });

  it("numbers a generated slug that is taken, but refuses a typed slug that is taken (400, field error, input kept)", async () => {
    const second = await create(motifForm({ name: "Kembang  Penataran!" }));
    expect(second.status).toBe(303);
    expect((await motifRow(createdId(second.headers?.get("Location")))).slug).toBe("kembang-penataran-2");

    const taken = await create(motifForm({ name: "Motif Lain", slug: "kembang-penataran" }));
    expect(taken.status).toBe(400);
    const reply = taken.body as { error: Record<string, string[]>; initialValue: Record<string, string> };
    expect(reply.error).toEqual({ slug: ["curation.errors.slugTaken"] });
    expect(reply.initialValue.name).toBe("Motif Lain");
    expect(reply.initialValue.storyEn).toBe("A motif from the reliefs of Candi Penataran.");
    expect(await getDb().selectFrom("motifs").select("id").where("name", "=", "Motif Lain").execute()).toEqual([]);
  });

  it("refuses bad input with field-level errors (400)", async () => {
    const cases: [Record<string, string>, Record<string, string[]>][] = [
      [{ registrationStatus: "registered", registrationNumber: "" }, { registrationNumber: ["curation.errors.registrationNumberRequired"] }],
      [{ name: "" }, { name: ["curation.errors.nameRequired"] }],
      [{ slug: "Bukan Slug" }, { slug: ["curation.errors.slugInvalid"] }],
      [{ year: "1899" }, { year: ["curation.errors.yearInvalid"] }],
      [{ year: String(new Date().getUTCFullYear() + 2) }, { year: ["curation.errors.yearInvalid"] }],
      [{ year: "tahun" }, { year: ["curation.errors.yearInvalid"] }],
      [{ region: "jawa" }, { region: ["curation.errors.regionRequired"] }],
      [{ creatorArtisanId: "999999" }, { creatorArtisanId: ["curation.errors.creatorUnknown"] }],
      [{ storyId: "x".repeat(5001) }, { storyId: ["curation.errors.tooLong"] }],
    ];
    for (const [fields, errors] of cases) {
      const answer = await create(motifForm({ name: "Motif Salah", ...fields }));
      expect(answer.status, JSON.stringify(fields).slice(0, 80)).toBe(400);
      expect((answer.body as { error: unknown }).error).toEqual(errors);
    }
    expect(await getDb().selectFrom("motifs").select("id").where("name", "in", ["Motif Salah", ""]).execute()).toEqual([]);
  });
});

describe("editing, archiving and restoring", () => {
  let motifId: number;
  beforeAll(async () => {
    const answer = await create(motifForm({ name: "Sulur Kendali", creatorArtisanId: String(shop.id) }));
    motifId = createdId(answer.headers?.get("Location"));
    productSlug = (
      await createProduct({
        artisanId: shop.id,
        slug: "kain-biru-tlogo",
        titleId: "Kain Biru Tlogo",
        titleEn: "Blue Tlogo cloth",
        technique: "tulis",
        fabric: "katun_primisima",
        dye: "natural",
        price: 450000,
        stock: 2,
        status: "published",
        motifIds: [motifId],
      })
    ).slug;
  });

  it("saves changes with an audit entry of what changed; an empty slug keeps the current one", async () => {
    const answer = await edit(motifId, motifForm({ name: "Sulur Kendali", slug: "", origin: "Desa Tlogo", year: "2023", creatorArtisanId: String(shop.id) }));
    expect(answer.status).toBe(303);
    expect(answer.headers?.get("Location")).toBe(`/association/motifs/${motifId}`);
    const row = await motifRow(motifId);
    expect(row).toMatchObject({ slug: "sulur-kendali", origin: "Desa Tlogo", year: 2023, creator_artisan_id: shop.id });
    const [entry] = await listAuditEntries({ subjectType: "motif", subjectId: motifId, action: "motif.update" });
    expect(JSON.parse(entry.details)).toEqual({ before: { origin: "Candi Penataran", year: 2024 }, after: { origin: "Desa Tlogo", year: 2023 } });

    const renamed = await edit(motifId, motifForm({ name: "Sulur Kendali", slug: "kembang-penataran", origin: "Desa Tlogo", year: "2023", creatorArtisanId: String(shop.id) }));
    expect(renamed.status).toBe(400);
    expect((renamed.body as { result: { error: unknown } }).result.error).toEqual({ slug: ["curation.errors.slugTaken"] });
    expect((await motifRow(motifId)).slug).toBe("sulur-kendali");
  });

  it("archives: the motif leaves the registry, its page, product pages and the catalogue facet; restore brings it back", async () => {
    const isPublic = async () => ({
      list: (await listMotifs()).some((m) => m.id === motifId),
      page: (await getMotifBySlug({ slug: "sulur-kendali" })) !== null,
      product: (await getProductBySlug({ slug: productSlug }))!.motifs.map((m) => m.slug).includes("sulur-kendali"),
      facet: (await searchCatalogue({})).facets.motif.some((v) => v.value === "sulur-kendali"),
      search: (await searchCatalogue({ q: "sulur" })).total,
    });
    expect(await isPublic()).toEqual({ list: true, page: true, product: true, facet: true, search: 1 });

    const archived = await edit(motifId, { intent: "archive" });
    expect(archived.status).toBe(303);
    expect((await motifRow(motifId)).status).toBe("archived");
    // The product itself stays in the catalogue: only the motif's name is no longer indexed for it.
    expect(await isPublic()).toEqual({ list: false, page: false, product: false, facet: false, search: 0 });
    expect((await edit(motifId, { intent: "archive" })).status).toBe(409);

    const restored = await edit(motifId, { intent: "restore" });
    expect(restored.status).toBe(303);
    expect(await isPublic()).toEqual({ list: true, page: true, product: true, facet: true, search: 1 });

    const actions = (await listAuditEntries({ subjectType: "motif", subjectId: motifId })).map((e) => e.action);
    expect(actions.filter((a) => a === "motif.archive" || a === "motif.restore").sort()).toEqual(["motif.archive", "motif.restore"]);
    const [archive] = await listAuditEntries({ subjectType: "motif", subjectId: motifId, action: "motif.archive" });
    expect(JSON.parse(archive.details)).toEqual({ before: { status: "published", featured: 0 }, after: { status: "archived", featured: 0 } });
  });

  it("lists every status with counts, proposals first", async () => {
    const proposed = await proposeMotif({ artisanId: shop.id, name: "Usulan Antre", region: "kabupaten", storyId: "Usulan.", actorUserId: null });
    const { motifs, counts } = await listMotifsForCuration();
    expect(motifs[0]).toMatchObject({ id: proposed.id, status: "proposed", proposed_by: { id: shop.id, name: "Batik Sinar Uji" } });
    const published = await getDb().selectFrom("motifs").select("id").where("status", "=", "published").execute();
    expect(counts.published).toBe(published.length);
    expect(counts.proposed).toBeGreaterThanOrEqual(1);
    const onlyProposed = await outcome(listLoader({ request: request("/association/motifs?status=proposed", { cookie: officer.cookie }), params: {}, context: {} }));
    const page = onlyProposed.body as { motifs: { status: string }[]; status: string };
    expect(page.status).toBe("proposed");
    expect(page.motifs.length).toBe(counts.proposed);
    expect(page.motifs.every((m) => m.status === "proposed")).toBe(true);
  });
});

describe("deciding proposals", () => {
  it("approves: published, approved_at and approved_by set, audited, proposer mailed", async () => {
    const { id } = await proposeMotif({ artisanId: shop.id, name: "Daun Kakao Uji", region: "kabupaten", storyId: "Usulan dari toko.", actorUserId: null });
    const before = await motifRow(id);
    expect(before).toMatchObject({ status: "proposed", approved_at: null, approved_by: null, proposed_by_artisan_id: shop.id, creator_artisan_id: shop.id });
    expect(await getMotifBySlug({ slug: "daun-kakao-uji" })).toBeNull();

    const answer = await edit(id, { intent: "approve" });
    expect(answer.status).toBe(303);
    const after = await motifRow(id);
    expect(after.status).toBe("published");
    expect(after.approved_by).toBe(officer.id);
    expect(Date.now() - Date.parse(after.approved_at!)).toBeLessThan(60_000);
    expect((await getMotifBySlug({ slug: "daun-kakao-uji" }))?.name).toBe("Daun Kakao Uji");
    const [entry] = await listAuditEntries({ subjectType: "motif", subjectId: id, action: "motif.approve" });
    expect(JSON.parse(entry.details)).toMatchObject({ before: { status: "proposed" }, after: { status: "published", approved_by: officer.id } });
    const mails = await getDb().selectFrom("mail_outbox").select(["subject"]).where("to_address", "=", shop.ownerEmail).where("subject", "like", "%Daun Kakao Uji%").execute();
    expect(mails).toEqual([{ subject: "Usulan motif Anda disetujui: Daun Kakao Uji" }]);

    // Decided already: approving or rejecting again is a 409, and nothing changes.
    expect((await edit(id, { intent: "approve" })).status).toBe(409);
    expect((await edit(id, { intent: "reject", reason: "Terlambat" })).status).toBe(409);
    expect((await motifRow(id)).status).toBe("published");
  });

  it("rejects only with a reason, and mails exactly the proposer's owner, with nothing of other people", async () => {
    const { id } = await proposeMotif({ artisanId: shop.id, name: "Usulan Ditolak", region: "kota", actorUserId: null });
    const noReason = await edit(id, { intent: "reject", reason: "   " });
    expect(noReason.status).toBe(400);
    expect((noReason.body as { result: { error: unknown } }).result.error).toEqual({ reason: ["curation.errors.reasonRequired"] });
    const tooLong = await edit(id, { intent: "reject", reason: "x".repeat(501) });
    expect((tooLong.body as { result: { error: unknown } }).result.error).toEqual({ reason: ["curation.errors.reasonTooLong"] });
    expect((await motifRow(id)).status).toBe("proposed");

    const outboxBefore = await getDb().selectFrom("mail_outbox").select("id").execute();
    const answer = await edit(id, { intent: "reject", reason: "Motif ini sama dengan Kawung yang sudah terdaftar." });
    expect(answer.status).toBe(303);
    const row = await motifRow(id);
    expect(row).toMatchObject({ status: "rejected", approved_at: null, approved_by: null });
    expect(await getMotifBySlug({ slug: "usulan-ditolak" })).toBeNull();

    const mails = await getDb()
      .selectFrom("mail_outbox")
      .selectAll()
      .where("id", "not in", outboxBefore.length ? outboxBefore.map((m) => m.id) : [-1])
      .execute();
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail.to_address).toBe("pemilik@toko.test");
    expect(mail.template).toBe("motifDecision");
    expect(mail.locale).toBe("id");
    expect(mail.subject).toBe("Usulan motif Anda belum dapat diterima: Usulan Ditolak");
    expect(mail.text_body).toContain("Alasan: Motif ini sama dengan Kawung yang sudah terdaftar.");
    expect(mail.text_body).toContain("Yth. Bu Wahyuni,");
    expect(mail.text_body).toContain("Batik Sinar Uji");
    for (const body of [mail.text_body, mail.html_body]) {
      expect(body).not.toContain("6281234567890");
      expect(body).not.toContain("kurator@apbb.test");
      // The only e-mail address in the mail, if any, is the recipient's own.
      for (const address of body.match(/[\w.+-]+@[\w-]+\.[\w.-]+/g) ?? []) expect(address).toBe("pemilik@toko.test");
    }
    const [entry] = await listAuditEntries({ subjectType: "motif", subjectId: id, action: "motif.reject" });
    expect(JSON.parse(entry.details)).toEqual({
      before: { status: "proposed" },
      after: { status: "rejected", approved_at: null, approved_by: null },
      reason: "Motif ini sama dengan Kawung yang sudah terdaftar.",
    });
  });

  it("records a proposal in the audit log", async () => {
    const { id } = await proposeMotif({ artisanId: shop.id, name: "Usulan Tercatat", region: "both", actorUserId: officer.id });
    const [entry] = await listAuditEntries({ subjectType: "motif", subjectId: id });
    expect(entry.action).toBe("motif.propose");
    expect(JSON.parse(entry.details).after).toMatchObject({ status: "proposed", slug: "usulan-tercatat" });
  });
});

describe("who may curate", () => {
  it("answers 403 to buyers, artisans, agencies and admins on every loader and action", async () => {
    const motif = await getDb().selectFrom("motifs").select("id").orderBy("id").executeTakeFirstOrThrow();
    for (const [role, cookie] of Object.entries(others)) {
      const answers = [
        await outcome(listLoader({ request: request("/association/motifs", { cookie }), params: {}, context: {} })),
        await outcome(newLoader({ request: request("/association/motifs/new", { cookie }), params: {}, context: {} })),
        await create(motifForm({ name: `Motif ${role}` }), cookie),
        await load(motif.id, cookie),
        await edit(motif.id, { intent: "archive" }, cookie),
      ];
      expect(answers.map((a) => a.status), role).toEqual([403, 403, 403, 403, 403]);
    }
    expect((await motifRow(motif.id)).status).not.toBe("archived");
  });

  it("sends anonymous visitors to log in", async () => {
    const answer = await outcome(listLoader({ request: request("/association/motifs"), params: {}, context: {} }));
    expect(answer.status).toBe(303);
    expect(answer.headers?.get("Location")).toBe("/login?redirectTo=%2Fassociation%2Fmotifs");
  });

  it("answers 404 for an unknown or non-numeric id, on the loader and the action", async () => {
    for (const id of ["999999", "abc", "1e3", "-1", "0", "12345678901234567890"]) {
      expect((await load(id)).status, id).toBe(404);
      expect((await edit(id, { intent: "archive" })).status, id).toBe(404);
    }
  });

  it("answers 400 to an unknown intent", async () => {
    const motif = await getDb().selectFrom("motifs").select("id").orderBy("id").executeTakeFirstOrThrow();
    const answer = await edit(motif.id, { intent: "delete" });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ form: null, result: null, error: "curation.errors.badRequest" });
    expect((await getMotifForCuration({ id: motif.id }))?.id).toBe(motif.id);
  });
});

/**
 * The association's verification queue: who sees which shops and documents,
 * decisions (reason, time, assignment, audit, owner mail), "already decided"
 * races, the guards that keep unverified shops from publishing or applying,
 * and /association/verification's loader and action as Remix calls them.
 */
import { beforeAll, describe, expect, it } from "vitest";
import {
  addLegalDocument,
  createArtisan,
  decideArtisanMembership,
  decideLegalDocument,
  listDocumentQueue,
  listMembershipQueue,
  recordArtisanFacts,
} from "~/models/artisan.server";
import { createAssociation } from "~/models/association.server";
import { listAuditEntries } from "~/models/audit.server";
import { isModelError, type ModelError } from "~/models/common.server";
import { applyAsExhibitor, createEvent } from "~/models/event.server";
import { createProduct, setProductStatus } from "~/models/product.server";
import { addAssociationOfficer } from "~/models/user.server";
import { action, loader } from "~/routes/($lang).association.verification";
import { decideShopMembership } from "~/services/verification.server";
import { getDb } from "~/utils/db.server";
import { createUserWithRoles, createUserWithSession, outcome, request } from "../setup/routes";

let apbb: number;
let ababil: number;
let officerApbb: { id: number; cookie: string };
let officerAbabil: { id: number; cookie: string };
let officerBoth: { id: number; cookie: string };
let officerNone: { id: number; cookie: string };
let buyerCookie: string;
let artisanCookie: string;
let counter = 0;

async function expectModelError(promise: Promise<unknown>, code: string, status: number) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(isModelError(error), `expected ModelError ${code}, got ${String(error)}`).toBe(true);
  expect((error as ModelError).code).toBe(code);
  expect((error as ModelError).status).toBe(status);
}

async function officer(email: string, associations: number[]) {
  const user = await createUserWithSession({ email, name: `Officer ${email}`, password: "officer-pass-2026", roles: ["association"] });
  for (const associationId of associations) await addAssociationOfficer({ userId: user.id, associationId });
  return { id: user.id, cookie: user.cookie };
}

/** A pending shop with an owner account (locale as given). */
async function pendingShop(name: string, associationId: number | null, locale: "id" | "en" = "id") {
  counter += 1;
  const owner = await createUserWithRoles({ email: `owner${counter}@example.test`, name: `Pemilik ${name}`, locale, password: "owner-pass-2026", roles: ["artisan"] });
  const { id } = await createArtisan({
    slug: `toko-${counter}`,
    ownerUserId: owner.id,
    name,
    ownerName: `Pemilik ${name}`,
    village: "Sawentar",
    district: "Kanigoro",
    regency: "kabupaten",
    techniques: ["tulis", "cap"],
    whatsappNumber: "+6281299990000",
    associationId,
    now: new Date("2026-11-20T03:00:00Z"),
  });
  return { id, ownerId: owner.id, ownerEmail: owner.email };
}

async function formAction(cookie: string, form: Record<string, string>, lang?: "en") {
  const path = lang ? "/en/association/verification" : "/association/verification";
  return outcome(action({ request: request(path, { cookie, form }), params: lang ? { lang } : {}, context: {} }));
}

beforeAll(async () => {
  apbb = (await createAssociation({ slug: "apbb", name: "Asosiasi Pengrajin Batik Kabupaten Blitar", shortName: "APBB", region: "kabupaten" })).id;
  ababil = (await createAssociation({ slug: "ababil", name: "Asosiasi Batik Blitar Asli", shortName: "Ababil", region: "both" })).id;
  officerApbb = await officer("sri@apbb.test", [apbb]);
  officerAbabil = await officer("joko@ababil.test", [ababil]);
  officerBoth = await officer("dua@asosiasi.test", [apbb, ababil]);
  officerNone = await officer("belum@asosiasi.test", []);
  buyerCookie = (await createUserWithSession({ email: "pembeli@example.test", name: "Budi Pembeli", password: "buyer-pass-2026", roles: ["buyer"] })).cookie;
  artisanCookie = (await createUserWithSession({ email: "pengrajin@example.test", name: "Pengrajin", password: "artisan-pass-2026", roles: ["artisan"] })).cookie;
});

describe("the queue", () => {
  it("shows an officer the unassigned shops and their own association's, never another's", async () => {
    const signup = await pendingShop("Batik Daftar Baru", null);
    const mine = await pendingShop("Batik Milik APBB", apbb);
    const theirs = await pendingShop("Batik Milik Ababil", ababil);
    // Two reports: the queue shows the latest (an older one recorded afterwards must not win).
    await recordArtisanFacts({ artisanId: mine.id, workersMen: 1, workersWomen: 4, monthlyCapacity: 40, reportedOn: "2026-11-01" });
    await recordArtisanFacts({ artisanId: mine.id, workersMen: 1, workersWomen: 2, monthlyCapacity: 25, reportedOn: "2026-06-01" });
    await recordArtisanFacts({ artisanId: signup.id, workersMen: 3, workersWomen: 0, monthlyCapacity: 10, reportedOn: "2026-10-15" });
    const verifiedTheirs = await pendingShop("Batik Ababil Terverifikasi", ababil);
    await decideArtisanMembership({ artisanId: verifiedTheirs.id, status: "verified", actorUserId: officerAbabil.id, associationId: ababil });

    const apbbQueue = await listMembershipQueue({ associationIds: [apbb] });
    const ids = [signup.id, mine.id, theirs.id];
    expect(apbbQueue.filter((s) => ids.includes(s.id)).map((s) => s.name)).toEqual(["Batik Daftar Baru", "Batik Milik APBB"]);
    const ababilQueue = await listMembershipQueue({ associationIds: [ababil] });
    expect(ababilQueue.filter((s) => ids.includes(s.id)).map((s) => s.name)).toEqual(["Batik Daftar Baru", "Batik Milik Ababil"]);
    const item = apbbQueue.find((s) => s.id === mine.id)!;
    expect(item).toEqual({
      id: mine.id,
      name: "Batik Milik APBB",
      owner_name: "Pemilik Batik Milik APBB",
      village: "Sawentar",
      district: "Kanigoro",
      regency: "kabupaten",
      techniques: ["tulis", "cap"],
      created_at: "2026-11-20T03:00:00.000Z",
      association: { id: apbb, short_name: "APBB" },
      facts: { workers_men: 1, workers_women: 4, monthly_capacity: 40, reported_on: "2026-11-01" },
    });
    expect(apbbQueue.find((s) => s.id === signup.id)!.facts).toEqual({ workers_men: 3, workers_women: 0, monthly_capacity: 10, reported_on: "2026-10-15" });
    expect(ababilQueue.find((s) => s.id === theirs.id)!.facts).toBeNull();
    // The private WhatsApp number and the owner's e-mail never reach the queue.
    expect(JSON.stringify(apbbQueue)).not.toContain("6281299990000");
    expect(JSON.stringify(apbbQueue)).not.toContain("@example.test");

    // Documents follow the same scope; expired ones are flagged; superseded and decided ones are gone.
    const now = new Date("2026-11-29T05:00:00Z");
    const nib = await addLegalDocument({ artisanId: mine.id, kind: "nib", number: "9120001112223", issuer: "OSS RBA", issuedOn: "2026-10-01" });
    const old = await addLegalDocument({ artisanId: mine.id, kind: "sni", number: "SNI-8303-00001", issuedOn: "2021-01-05", expiresOn: "2025-01-05" });
    const bm = await addLegalDocument({ artisanId: signup.id, kind: "batikmark", number: "BM/0001/2026", grade: "gold", issuedOn: "2026-09-01", expiresOn: "2029-09-01" });
    const renewed = await addLegalDocument({ artisanId: signup.id, kind: "batikmark", number: "BM/0002/2026", grade: "gold", issuedOn: "2026-10-01", expiresOn: "2029-10-01", supersedesId: bm.id });
    const other = await addLegalDocument({ artisanId: verifiedTheirs.id, kind: "trademark", number: "IDM000111222" });
    const docs = await listDocumentQueue({ associationIds: [apbb], now });
    const docIds = [nib.id, old.id, bm.id, renewed.id, other.id];
    expect(docs.filter((d) => docIds.includes(d.id)).map((d) => [d.number, d.expired, d.renewal, d.artisan.name])).toEqual([
      ["9120001112223", false, false, "Batik Milik APBB"],
      ["SNI-8303-00001", true, false, "Batik Milik APBB"],
      ["BM/0002/2026", false, true, "Batik Daftar Baru"],
    ]);
    expect((await listDocumentQueue({ associationIds: [ababil], now })).filter((d) => docIds.includes(d.id)).map((d) => d.number)).toEqual([
      "BM/0002/2026",
      "IDM000111222",
    ]);

    // The page shows the same, to an APBB officer.
    const page = await outcome(loader({ request: request("/association/verification", { cookie: officerApbb.cookie }), params: {}, context: {} }));
    expect(page.status).toBe(200);
    const body = page.body as { linked: boolean; shops: { name: string }[]; documents: { number: string }[]; associations: { short_name: string }[] };
    expect(body.linked).toBe(true);
    expect(body.associations.map((a) => a.short_name)).toEqual(["APBB"]);
    expect(body.shops.map((s) => s.name)).toContain("Batik Milik APBB");
    expect(body.shops.map((s) => s.name)).not.toContain("Batik Milik Ababil");
    expect(body.documents.map((d) => d.number)).not.toContain("IDM000111222");
  });
});

describe("membership decisions", () => {
  it("approving an unassigned shop assigns the officer's association and records reason, time and audit", async () => {
    const shop = await pendingShop("Batik Tulis Kanigoro", null);
    const res = await formAction(officerApbb.cookie, { intent: "shop", id: String(shop.id), decision: "verified", reason: "  Kunjungan lapangan selesai.  " });
    expect(res.status).toBe(303);
    expect(res.headers?.get("Location")).toBe("/association/verification");
    expect(res.headers?.get("Set-Cookie")).toMatch(/^__flash=/);
    const row = await getDb()
      .selectFrom("artisans")
      .select(["membership_status", "association_id", "membership_reason", "membership_decided_at", "verified_by"])
      .where("id", "=", shop.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ membership_status: "verified", association_id: apbb, membership_reason: "Kunjungan lapangan selesai.", verified_by: officerApbb.id });
    expect(Math.abs(Date.parse(row.membership_decided_at!) - Date.now())).toBeLessThan(60_000);
    const audit = await listAuditEntries({ subjectType: "artisan", subjectId: shop.id });
    expect(audit.map((a) => [a.action, a.actor_user_id])).toEqual([["artisan.membership_verified", officerApbb.id]]);
    expect(JSON.parse(audit[0].details)).toEqual({
      before: { membership_status: "pending", association_id: null },
      after: { membership_status: "verified", association_id: apbb },
      reason: "Kunjungan lapangan selesai.",
    });
  });

  it("rejecting needs a reason of at most 500 characters", async () => {
    const shop = await pendingShop("Batik Tanpa Alasan", apbb);
    await expectModelError(decideArtisanMembership({ artisanId: shop.id, status: "rejected", actorUserId: officerApbb.id, associationId: apbb, reason: "   " }), "reason_required", 400);
    await expectModelError(
      decideArtisanMembership({ artisanId: shop.id, status: "rejected", actorUserId: officerApbb.id, associationId: apbb, reason: "x".repeat(501) }),
      "reason_too_long",
      400,
    );
    const missing = await formAction(officerApbb.cookie, { intent: "shop", id: String(shop.id), decision: "rejected", reason: "" });
    expect(missing.status).toBe(400);
    const body = missing.body as { target: string; result: { error: Record<string, string[]> } };
    expect(body.target).toBe(`shop-${shop.id}`);
    expect(body.result.error.reason).toEqual(["verification.reasonRequired"]);
    const long = await formAction(officerApbb.cookie, { intent: "shop", id: String(shop.id), decision: "rejected", reason: "y".repeat(100_000) });
    expect(long.status).toBe(400);
    expect((long.body as { result: { error: Record<string, string[]> } }).result.error.reason).toEqual(["verification.reasonTooLong"]);
    const row = await getDb().selectFrom("artisans").select(["membership_status", "membership_reason"]).where("id", "=", shop.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ membership_status: "pending", membership_reason: null });
    expect(await listAuditEntries({ subjectType: "artisan", subjectId: shop.id })).toEqual([]);
  });

  it("a second decision on the same shop is a 409, and only one decision is recorded", async () => {
    const shop = await pendingShop("Batik Rebutan", apbb);
    const first = await formAction(officerApbb.cookie, { intent: "shop", id: String(shop.id), decision: "rejected", reason: "Belum memiliki NIB." });
    expect(first.status).toBe(303);
    const second = await formAction(officerBoth.cookie, { intent: "shop", id: String(shop.id), decision: "verified", reason: "" });
    expect(second.status).toBe(409);
    expect((second.body as { error: string }).error).toBe("verification.alreadyDecided");
    await expectModelError(
      decideArtisanMembership({ artisanId: shop.id, status: "verified", actorUserId: officerBoth.id, associationId: apbb }),
      "not_pending",
      409,
    );
    // Approval moved this sign-up into APBB: for the Ababil officer who saw it a moment ago it is "already decided", not "unknown".
    const moved = await pendingShop("Batik Pindah Asosiasi", null);
    expect((await formAction(officerApbb.cookie, { intent: "shop", id: String(moved.id), decision: "verified" })).status).toBe(303);
    expect((await formAction(officerAbabil.cookie, { intent: "shop", id: String(moved.id), decision: "rejected", reason: "Terlambat" })).status).toBe(409);
    // Two decisions racing: the state check in the UPDATE lets exactly one win.
    const raced = await pendingShop("Batik Balapan", null);
    const results = await Promise.allSettled([
      decideShopMembership({ artisanId: raced.id, decision: "verified", actorUserId: officerApbb.id, associationId: apbb }),
      decideShopMembership({ artisanId: raced.id, decision: "rejected", actorUserId: officerAbabil.id, associationId: ababil, reason: "Bukan wilayah kami." }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    const loser = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect((loser.reason as ModelError).code).toBe("not_pending");
    for (const id of [shop.id, raced.id]) expect(await listAuditEntries({ subjectType: "artisan", subjectId: id })).toHaveLength(1);
    const mails = await getDb().selectFrom("mail_outbox").select("to_address").where("to_address", "=", raced.ownerEmail).execute();
    expect(mails).toHaveLength(1);
  });

  it("an officer of several associations chooses which one an unassigned shop joins", async () => {
    const shop = await pendingShop("Batik Dua Asosiasi", null);
    const none = await formAction(officerBoth.cookie, { intent: "shop", id: String(shop.id), decision: "verified" });
    expect(none.status).toBe(400);
    expect((none.body as { result: { error: Record<string, string[]> } }).result.error.associationId).toEqual(["verification.chooseAssociation"]);
    const foreign = await formAction(officerApbb.cookie, { intent: "shop", id: String(shop.id), decision: "verified", associationId: String(ababil) });
    expect(foreign.status).toBe(400);
    const ok = await formAction(officerBoth.cookie, { intent: "shop", id: String(shop.id), decision: "verified", associationId: String(ababil) }, "en");
    expect(ok.status).toBe(303);
    expect(ok.headers?.get("Location")).toBe("/en/association/verification");
    const row = await getDb().selectFrom("artisans").select(["association_id", "membership_status"]).where("id", "=", shop.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ association_id: ababil, membership_status: "verified" });
  });

  it("mails the owner in their language, with the reason and no buyer data", async () => {
    const shop = await pendingShop("Batik Surat Inggris", apbb, "en");
    const res = await formAction(officerApbb.cookie, { intent: "shop", id: String(shop.id), decision: "rejected", reason: "Please add photos of <your> workshop." });
    expect(res.status).toBe(303);
    const mails = await getDb().selectFrom("mail_outbox").selectAll().where("to_address", "=", shop.ownerEmail).execute();
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail.locale).toBe("en");
    expect(mail.template).toBe("verificationDecision");
    expect(mail.to_name).toBe("Pemilik Batik Surat Inggris");
    expect(mail.subject).toBe("Your shop was not verified: Batik Surat Inggris");
    expect(mail.text_body).toContain("The batik artisans' association has rejected the membership of your shop Batik Surat Inggris.");
    expect(mail.text_body).toContain("Reason: Please add photos of <your> workshop.");
    expect(mail.html_body).toContain("Please add photos of &lt;your&gt; workshop.");
    for (const body of [mail.text_body, mail.html_body]) {
      expect(body).not.toContain("Budi Pembeli");
      expect(body).not.toContain("pembeli@example.test");
      expect(body).not.toContain("6281299990000");
    }
    const job = await getDb().selectFrom("jobs").select(["name", "payload"]).where("name", "=", "mail.send").where("payload", "=", JSON.stringify({ outboxId: mail.id })).executeTakeFirst();
    expect(job?.name).toBe("mail.send");

    const id = await pendingShop("Batik Surat Indonesia", apbb, "id");
    await formAction(officerApbb.cookie, { intent: "shop", id: String(id.id), decision: "verified" });
    const idMail = await getDb().selectFrom("mail_outbox").selectAll().where("to_address", "=", id.ownerEmail).executeTakeFirstOrThrow();
    expect(idMail.locale).toBe("id");
    expect(idMail.subject).toBe("Toko Anda telah diverifikasi: Batik Surat Indonesia");
  });
});

describe("document decisions", () => {
  it("verifies and rejects within scope, with reason, audit and mail; 404 outside, 409 twice", async () => {
    const shop = await pendingShop("Batik Dokumen", apbb);
    await decideArtisanMembership({ artisanId: shop.id, status: "verified", actorUserId: officerApbb.id, associationId: apbb });
    const nib = await addLegalDocument({ artisanId: shop.id, kind: "nib", number: "9120009998887" });
    const mark = await addLegalDocument({ artisanId: shop.id, kind: "trademark", number: "IDM000999888" });
    expect((await formAction(officerAbabil.cookie, { intent: "document", id: String(nib.id), decision: "verified" })).status).toBe(404);
    expect((await formAction(officerApbb.cookie, { intent: "document", id: String(nib.id), decision: "verified" })).status).toBe(303);
    expect((await formAction(officerApbb.cookie, { intent: "document", id: String(nib.id), decision: "rejected", reason: "Salah" })).status).toBe(409);
    expect((await formAction(officerApbb.cookie, { intent: "document", id: String(mark.id), decision: "rejected" })).status).toBe(400);
    expect((await formAction(officerApbb.cookie, { intent: "document", id: String(mark.id), decision: "rejected", reason: "Nama merek berbeda." })).status).toBe(303);
    const docs = await getDb().selectFrom("legal_documents").select(["id", "status", "decision_reason", "verified_by"]).where("artisan_id", "=", shop.id).orderBy("id").execute();
    expect(docs).toEqual([
      { id: nib.id, status: "verified", decision_reason: null, verified_by: officerApbb.id },
      { id: mark.id, status: "rejected", decision_reason: "Nama merek berbeda.", verified_by: officerApbb.id },
    ]);
    const audit = await listAuditEntries({ subjectType: "legal_document", subjectId: mark.id });
    expect(audit.map((a) => [a.action, JSON.parse(a.details)])).toEqual([
      ["legal_document.rejected", { before: { status: "pending" }, after: { status: "rejected" }, reason: "Nama merek berbeda." }],
    ]);
    expect(await listAuditEntries({ subjectType: "legal_document", subjectId: nib.id })).toHaveLength(1);
    const mails = await getDb().selectFrom("mail_outbox").select(["subject", "text_body"]).where("to_address", "=", shop.ownerEmail).orderBy("id").execute();
    expect(mails.map((m) => m.subject)).toEqual([
      "Dokumen Anda telah diverifikasi: Batik Dokumen",
      "Dokumen Anda belum dapat diterima: Batik Dokumen",
    ]);
    expect(mails[1].text_body).toContain("dokumen merek nomor IDM000999888 milik toko Anda, Batik Dokumen");
    expect(mails[1].text_body).toContain("Alasan: Nama merek berbeda.");
    await expectModelError(decideLegalDocument({ documentId: mark.id, status: "verified", actorUserId: officerApbb.id }), "not_pending", 409);
  });
});

describe("unverified shops", () => {
  it("cannot publish products or apply to events; once verified they can", async () => {
    const shop = await pendingShop("Batik Belum Terverifikasi", apbb);
    const product = { artisanId: shop.id, titleId: "Kain Sekar Jagad", technique: "tulis", fabric: "katun_prima", dye: "natural", price: 450_000, stock: 2 } as const;
    await expectModelError(createProduct({ ...product, slug: "kain-terbit", status: "published" }), "artisan_not_verified", 403);
    const draft = await createProduct({ ...product, slug: "kain-draf", status: "draft" });
    await expectModelError(setProductStatus({ artisanId: shop.id, productId: draft.id, status: "published" }), "artisan_not_verified", 403);
    const { id: eventId } = await createEvent({
      slug: "pameran-uji",
      kind: "exhibition",
      titleId: "Pameran Uji",
      startsAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      endsAt: new Date(Date.now() + 32 * 86_400_000).toISOString(),
      venue: "Alun-alun Blitar",
      status: "published",
    });
    await expectModelError(applyAsExhibitor({ eventId, artisanId: shop.id }), "artisan_not_verified", 403);
    const products = await getDb().selectFrom("products").select(["slug", "status"]).where("artisan_id", "=", shop.id).execute();
    expect(products).toEqual([{ slug: "kain-draf", status: "draft" }]);

    await decideArtisanMembership({ artisanId: shop.id, status: "verified", actorUserId: officerApbb.id, associationId: apbb });
    await setProductStatus({ artisanId: shop.id, productId: draft.id, status: "published" });
    await createProduct({ ...product, slug: "kain-terbit", status: "published" });
    const application = await applyAsExhibitor({ eventId, artisanId: shop.id });
    expect(application.id).toBeGreaterThan(0);
    const after = await getDb().selectFrom("products").select(["slug", "status"]).where("artisan_id", "=", shop.id).orderBy("slug").execute();
    expect(after).toEqual([
      { slug: "kain-draf", status: "published" },
      { slug: "kain-terbit", status: "published" },
    ]);
  });
});

describe("/association/verification access and bad input", () => {
  it("sends anonymous visitors to log in and refuses buyers and artisans with 403", async () => {
    const anonymous = await outcome(loader({ request: request("/en/association/verification"), params: { lang: "en" }, context: {} }));
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers?.get("Location")).toBe("/en/login?redirectTo=%2Fen%2Fassociation%2Fverification");
    for (const cookie of [buyerCookie, artisanCookie]) {
      expect((await outcome(loader({ request: request("/association/verification", { cookie }), params: {}, context: {} }))).status).toBe(403);
      expect((await formAction(cookie, { intent: "shop", id: "1", decision: "verified" })).status).toBe(403);
    }
    const anonymousPost = await outcome(action({ request: request("/association/verification", { form: { intent: "shop", id: "1", decision: "verified" } }), params: {}, context: {} }));
    expect(anonymousPost.status).toBe(303);
  });

  it("tells an officer without an association that they are not linked (403)", async () => {
    const page = await outcome(loader({ request: request("/association/verification", { cookie: officerNone.cookie }), params: {}, context: {} }));
    expect(page.status).toBe(403);
    expect((page.body as { linked: boolean; shops: unknown[] }).linked).toBe(false);
    expect((page.body as { shops: unknown[] }).shops).toEqual([]);
    const shop = await pendingShop("Batik Tanpa Pengurus", null);
    expect((await formAction(officerNone.cookie, { intent: "shop", id: String(shop.id), decision: "verified" })).status).toBe(403);
    const row = await getDb().selectFrom("artisans").select("membership_status").where("id", "=", shop.id).executeTakeFirstOrThrow();
    expect(row.membership_status).toBe("pending");
  });

  it("answers garbage with 4xx, never 500", async () => {
    const theirs = await pendingShop("Batik Wilayah Lain", ababil);
    const cases: [Record<string, string>, number][] = [
      [{ intent: "shop", id: "abc", decision: "verified" }, 400],
      [{ intent: "shop", id: "-4", decision: "verified" }, 400],
      [{ intent: "shop", id: "1.5", decision: "verified" }, 400],
      [{ intent: "shop", id: "99999999999999999999", decision: "verified" }, 400],
      [{ intent: "shop", id: "", decision: "verified" }, 400],
      [{ intent: "hack", id: "1", decision: "verified" }, 400],
      [{ intent: "shop", id: "1", decision: "maybe" }, 400],
      [{ intent: "shop", id: "1" }, 400],
      [{}, 400],
      [{ intent: "shop", id: "987654321", decision: "verified" }, 404],
      [{ intent: "document", id: "987654321", decision: "verified" }, 404],
      [{ intent: "shop", id: String(theirs.id), decision: "verified" }, 404],
      [{ intent: "shop", id: String(theirs.id), decision: "rejected", reason: "Bukan milik kami" }, 404],
    ];
    for (const [form, status] of cases) {
      const res = await formAction(officerApbb.cookie, form);
      expect(res.status, JSON.stringify(form)).toBe(status);
    }
    const row = await getDb().selectFrom("artisans").select("membership_status").where("id", "=", theirs.id).executeTakeFirstOrThrow();
    expect(row.membership_status).toBe("pending");
  });
});

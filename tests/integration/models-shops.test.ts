/**
 * Shops, legality, events and exhibitors, inquiries, links, accounts and
 * visits through the model functions on a fresh database: the rules each
 * function enforces and the audit entries it leaves.
 */
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import {
  addLegalDocument,
  createArtisan,
  decideArtisanMembership,
  decideLegalDocument,
  getArtisanBySlug,
  getArtisanWhatsappNumber,
  getLatestArtisanFacts,
  hasSharingConsent,
  listArtisans,
  openFacilityNeed,
  recordArtisanFacts,
  recordConsent,
  updateFacilityNeed,
  batikmarkGradeFor,
} from "~/models/artisan.server";
import { createAssociation } from "~/models/association.server";
import { listAuditEntries } from "~/models/audit.server";
import { isModelError, likePattern, slugify, wibDayOf, type ModelError } from "~/models/common.server";
import { applyAsExhibitor, cancelEvent, createEvent, decideExhibitor, getEventBySlug, listExhibitorApplications } from "~/models/event.server";
import { addInquiryMessage, closeInquiry, convertInquiryToOrder, createInquiry, getBuyerThread, recordOfflineSale } from "~/models/inquiry.server";
import { listThreadMessages } from "~/services/inquiry-thread.server";
import { createLink, getLinkByCode } from "~/models/link.server";
import { createMotif, getMotifBySlug } from "~/models/motif.server";
import { createOrder } from "~/models/order.server";
import { createProduct } from "~/models/product.server";
import { addProgrammeParticipant, createProgramme, linkProgrammeEvent, listProgrammes } from "~/models/programme.server";
import { createAgency } from "~/models/agency.server";
import { createUser, getUserForLogin, grantRole, listUserRoles, revokeRole } from "~/models/user.server";
import { hashVisitor, recordVisits } from "~/models/visit.server";
import { createTestDatabase, type TestDatabase } from "../setup/db";

let t: TestDatabase;
let adminId: number;
let associationId: number;

async function expectModelError(promise: Promise<unknown>, code: string) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(isModelError(error), `expected ModelError ${code}, got ${String(error)}`).toBe(true);
  expect((error as ModelError).code).toBe(code);
}

async function shop(slug: string, verified = true) {
  const { id } = await createArtisan(
    {
      slug,
      name: `Batik ${slug}`,
      ownerName: "Owner",
      village: "Sawentar",
      district: "Kanigoro",
      regency: "kabupaten",
      techniques: ["tulis", "cap"],
      whatsappNumber: "+62 812-0000-0999",
      associationId,
    },
    t.db,
  );
  if (verified) await decideArtisanMembership({ artisanId: id, status: "verified", actorUserId: adminId }, t.db);
  return id;
}

beforeEach(async () => {
  await t?.cleanup();
  t = await createTestDatabase();
  adminId = (await createUser({ email: "admin@test.local", name: "Admin" }, t.db)).id;
  associationId = (await createAssociation({ slug: "apbb", name: "Asosiasi Pengrajin Batik Kabupaten Blitar", shortName: "APBB", region: "kabupaten" }, t.db)).id;
});

afterAll(async () => {
  await t?.cleanup();
});

describe("artisans", () => {
  it("become public only once the association verifies them (audited)", async () => {
    const id = await shop("baru", false);
    expect(await listArtisans({}, t.db)).toEqual([]);
    expect(await getArtisanWhatsappNumber({ artisanId: id }, t.db)).toBeNull();
    await decideArtisanMembership({ artisanId: id, status: "verified", actorUserId: adminId, associationId }, t.db);
    expect((await listArtisans({}, t.db)).map((a) => a.slug)).toEqual(["baru"]);
    expect(await getArtisanWhatsappNumber({ artisanId: id }, t.db)).toBe("+6281200000999");
    const audit = await listAuditEntries({ subjectType: "artisan", subjectId: id }, t.db);
    expect(audit.map((a) => [a.action, a.actor_name])).toEqual([["artisan.membership_verified", "Admin"]]);
    // An officer of another association cannot decide on this shop.
    await expectModelError(decideArtisanMembership({ artisanId: id, status: "lapsed", actorUserId: adminId, associationId: associationId + 1 }, t.db), "not_found");
    await expectModelError(shop("Bad Slug"), "invalid_slug");
    await expectModelError(
      createArtisan({ slug: "x", name: "X", ownerName: "O", village: "V", district: "D", regency: "kota", techniques: ["tulis"], whatsappNumber: "call me" }, t.db),
      "invalid_whatsapp_number",
    );
  });

  it("keeps facts and consent as history", async () => {
    const id = await shop("fakta");
    await recordArtisanFacts({ artisanId: id, workersMen: 2, workersWomen: 5, monthlyCapacity: 60, reportedOn: "2025-01-10" }, t.db);
    await recordArtisanFacts({ artisanId: id, workersMen: 3, workersWomen: 6, monthlyCapacity: 80, reportedOn: "2025-07-10" }, t.db);
    expect(await getLatestArtisanFacts({ artisanId: id }, t.db)).toEqual({ workers_men: 3, workers_women: 6, monthly_capacity: 80, reported_on: "2025-07-10" });
    await expectModelError(recordArtisanFacts({ artisanId: id, workersMen: -1, workersWomen: 0, monthlyCapacity: 0, reportedOn: "2025-07-10" }, t.db), "invalid_workers");
    await expectModelError(recordArtisanFacts({ artisanId: id, workersMen: 1, workersWomen: 0, monthlyCapacity: 0, reportedOn: "10/07/2025" }, t.db), "invalid_date");

    expect(await hasSharingConsent({ artisanId: id }, t.db)).toBe(false);
    await recordConsent({ artisanId: id, granted: true, now: new Date("2025-01-01T00:00:00Z") }, t.db);
    await recordConsent({ artisanId: id, granted: false, now: new Date("2025-06-01T00:00:00Z") }, t.db);
    expect(await hasSharingConsent({ artisanId: id, at: new Date("2025-03-01T00:00:00Z") }, t.db)).toBe(true);
    expect(await hasSharingConsent({ artisanId: id, at: new Date("2025-07-01T00:00:00Z") }, t.db)).toBe(false);
  });

  it("shows only verified, unexpired, current legality documents as badges", async () => {
    const id = await shop("legal");
    const now = new Date("2026-11-29T05:00:00Z");
    const nib = await addLegalDocument({ artisanId: id, kind: "nib", number: "1234567890123" }, t.db);
    const batikmark = await addLegalDocument({ artisanId: id, kind: "batikmark", number: "BM/1/2021", grade: "white", issuedOn: "2021-01-01", expiresOn: "2024-01-01" }, t.db);
    const trademark = await addLegalDocument({ artisanId: id, kind: "trademark", number: "IDM000123456" }, t.db);
    expect((await getArtisanBySlug({ slug: "legal", now }, t.db))!.badges).toEqual([]);
    await decideLegalDocument({ documentId: nib.id, status: "verified", actorUserId: adminId }, t.db);
    await decideLegalDocument({ documentId: batikmark.id, status: "verified", actorUserId: adminId }, t.db);
    await decideLegalDocument({ documentId: trademark.id, status: "rejected", actorUserId: adminId, reason: "Nomor merek tidak terbaca" }, t.db);
    await expectModelError(decideLegalDocument({ documentId: trademark.id, status: "verified", actorUserId: adminId }, t.db), "not_pending");
    // The Batikmark expired in 2024: only the NIB shows.
    expect((await getArtisanBySlug({ slug: "legal", now }, t.db))!.badges).toEqual([{ kind: "nib", grade: null }]);
    expect((await getArtisanBySlug({ slug: "legal", now: new Date("2023-06-01T00:00:00Z") }, t.db))!.badges).toContainEqual({ kind: "batikmark", grade: "white" });
    // The renewal supersedes the old certificate; it shows once verified.
    const renewal = await addLegalDocument(
      { artisanId: id, kind: "batikmark", number: "BM/2/2025", grade: "silver", issuedOn: "2025-01-01", expiresOn: "2028-01-01", supersedesId: batikmark.id },
      t.db,
    );
    expect((await getArtisanBySlug({ slug: "legal", now }, t.db))!.badges).toEqual([{ kind: "nib", grade: null }]);
    await decideLegalDocument({ documentId: renewal.id, status: "verified", actorUserId: adminId }, t.db);
    expect((await getArtisanBySlug({ slug: "legal", now }, t.db))!.badges).toEqual([
      { kind: "batikmark", grade: "silver" },
      { kind: "nib", grade: null },
    ]);
    const other = await shop("other");
    await expectModelError(addLegalDocument({ artisanId: other, kind: "batikmark", number: "BM/3", grade: "gold", supersedesId: renewal.id }, t.db), "not_found");
    await expectModelError(addLegalDocument({ artisanId: id, kind: "nib", number: "1", grade: "gold" }, t.db), "grade_only_for_batikmark");
    await expectModelError(addLegalDocument({ artisanId: id, kind: "batikmark", number: "BM/4" }, t.db), "batikmark_needs_grade");
    expect([batikmarkGradeFor("tulis"), batikmarkGradeFor("cap"), batikmarkGradeFor("kombinasi"), batikmarkGradeFor("printing")]).toEqual(["gold", "white", "silver", null]);
    expect((await listAuditEntries({ subjectType: "legal_document" }, t.db)).length).toBe(4);
  });

  it("opens and closes facility needs of the owner's shop only", async () => {
    const id = await shop("ipal");
    const other = await shop("lain");
    const need = await openFacilityNeed({ artisanId: id, kind: "ipal", description: "IPAL untuk limbah pelorodan", openedOn: "2025-02-01" }, t.db);
    await expectModelError(updateFacilityNeed({ artisanId: other, needId: need.id, status: "met", on: "2025-09-01" }, t.db), "not_found");
    await updateFacilityNeed({ artisanId: id, needId: need.id, status: "met", on: "2025-09-01" }, t.db);
    await expectModelError(updateFacilityNeed({ artisanId: id, needId: need.id, status: "withdrawn", on: "2025-10-01" }, t.db), "not_found");
    const row = await t.db.selectFrom("facility_needs").select(["status", "closed_on"]).where("id", "=", need.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "met", closed_on: "2025-09-01" });
    await expectModelError(openFacilityNeed({ artisanId: id, kind: "equipment", description: "   ", openedOn: "2025-02-01" }, t.db), "invalid_description");
  });
});

describe("motifs", () => {
  it("publishes curated motifs and keeps proposals private", async () => {
    const creator = await shop("pencipta");
    await createMotif({ slug: "usulan", name: "Usulan", region: "kota", status: "proposed", creatorArtisanId: creator }, t.db);
    await createMotif({ slug: "resmi", name: "Resmi", region: "kota", creatorArtisanId: creator, year: 2024, now: new Date("2025-01-01T00:00:00Z") }, t.db);
    expect(await getMotifBySlug({ slug: "usulan" }, t.db)).toBeNull();
    const motif = await getMotifBySlug({ slug: "resmi" }, t.db);
    expect(motif!.creator).toEqual({ id: creator, slug: "pencipta", name: "Batik pencipta" });
    expect(motif!.image).toBeNull();
    const approved = await t.db.selectFrom("motifs").select(["slug", "approved_at"]).orderBy("slug").execute();
    expect(approved).toEqual([
      { slug: "resmi", approved_at: "2025-01-01T00:00:00.000Z" },
      { slug: "usulan", approved_at: null },
    ]);
    await expectModelError(createMotif({ slug: "x", name: "X", region: "kota", year: 20 }, t.db), "invalid_year");
  });
});

describe("events and exhibitors", () => {
  async function event(slug: string, deadline: string | null, status: "draft" | "published" = "published") {
    return (
      await createEvent(
        {
          slug,
          kind: "exhibition",
          titleId: `Pameran ${slug}`,
          startsAt: "2026-10-02T01:00:00.000Z",
          endsAt: "2026-10-02T14:00:00.000Z",
          venue: "Alun-alun Kota Blitar",
          applicationDeadline: deadline,
          status,
        },
        t.db,
      )
    ).id;
  }

  it("takes applications until the deadline, approves with a booth link, and lists approved exhibitors", async () => {
    const a = await shop("peserta");
    const b = await shop("ditolak");
    const eventId = await event("hbn", "2026-09-15T16:59:00.000Z");
    const before = new Date("2026-09-01T00:00:00Z");
    const app = await applyAsExhibitor({ eventId, artisanId: a, message: "Kami ikut", now: before }, t.db);
    await expectModelError(applyAsExhibitor({ eventId, artisanId: a, now: before }, t.db), "already_applied");
    const late = await applyAsExhibitor({ eventId, artisanId: b, now: new Date("2026-09-10T00:00:00Z") }, t.db);
    await expectModelError(applyAsExhibitor({ eventId, artisanId: await shop("terlambat"), now: new Date("2026-09-20T00:00:00Z") }, t.db), "deadline_passed");
    await expectModelError(applyAsExhibitor({ eventId, artisanId: a, now: new Date("2026-10-03T00:00:00Z") }, t.db), "event_ended");
    await expectModelError(applyAsExhibitor({ eventId: await event("draf", null, "draft"), artisanId: a, now: before }, t.db), "event_not_open");

    const decision = await decideExhibitor({ exhibitorId: app.id, decision: "approved", decidedBy: adminId, boothLabel: "A1" }, t.db);
    expect(decision.linkCode).toMatch(/^[A-Z2-9]{8}$/);
    await expectModelError(decideExhibitor({ exhibitorId: app.id, decision: "declined", decidedBy: adminId }, t.db), "already_decided");
    expect((await decideExhibitor({ exhibitorId: late.id, decision: "declined", decidedBy: adminId }, t.db)).linkId).toBeNull();
    const link = await getLinkByCode({ code: decision.linkCode! }, t.db);
    expect(link).toMatchObject({ kind: "booth", artisan_id: a, event_id: eventId, target_path: "/artisans/peserta" });

    await createProduct({ artisanId: a, slug: "kain-1", titleId: "Kain 1", technique: "cap", fabric: "katun_prima", dye: "synthetic", price: 150_000, stock: 2, status: "published" }, t.db);
    const detail = await getEventBySlug({ slug: "hbn" }, t.db);
    expect(detail!.exhibitors.map((x) => x.slug)).toEqual(["peserta"]);
    expect(detail!.exhibitors[0].products.map((p) => p.slug)).toEqual(["kain-1"]);
    expect((await listExhibitorApplications({ eventId }, t.db)).map((x) => x.status)).toEqual(["approved", "declined"]);
    expect((await listAuditEntries({ subjectType: "event_exhibitor" }, t.db)).map((e) => e.action).sort()).toEqual(["exhibitor.approved", "exhibitor.declined"]);

    await cancelEvent({ eventId, actorUserId: adminId }, t.db);
    expect((await getEventBySlug({ slug: "hbn" }, t.db))!.status).toBe("cancelled");
    await expectModelError(cancelEvent({ eventId, actorUserId: adminId }, t.db), "not_published");
    expect(await getEventBySlug({ slug: "draf" }, t.db)).toBeNull();
    await expectModelError(
      createEvent({ slug: "mundur", kind: "bazaar", titleId: "Mundur", startsAt: "2026-10-02T10:00:00Z", endsAt: "2026-10-02T09:00:00Z", venue: "X" }, t.db),
      "ends_before_start",
    );
  });

  it("links programmes to participants and events", async () => {
    const a = await shop("ikut");
    const agencyId = (await createAgency({ slug: "dinkop", name: "Dinas Koperasi", kind: "cooperatives_msme", region: "kabupaten" }, t.db)).id;
    const eventId = await event("pelatihan", null);
    const { id } = await createProgramme(
      { agencyId, titleId: "Pelatihan Pewarna Alam", kind: "training", budget: 75_000_000, fundingSource: "apbd", startsOn: "2025-08-12", endsOn: "2025-11-12" },
      t.db,
    );
    await addProgrammeParticipant({ programmeId: id, artisanId: a, joinedOn: "2025-08-01" }, t.db);
    await addProgrammeParticipant({ programmeId: id, artisanId: a, joinedOn: "2025-09-01" }, t.db);
    await linkProgrammeEvent({ programmeId: id, eventId }, t.db);
    const [programme] = await listProgrammes({ agencyId }, t.db);
    expect(programme).toMatchObject({ title_id: "Pelatihan Pewarna Alam", participant_count: 1, agency_name: "Dinas Koperasi" });
    await expectModelError(
      createProgramme({ agencyId, titleId: "X", kind: "training", budget: -1, fundingSource: "apbd", startsOn: "2025-01-01", endsOn: "2025-02-01" }, t.db),
      "invalid_budget",
    );
    await expectModelError(
      createProgramme({ agencyId, titleId: "X", kind: "training", budget: 1, fundingSource: "apbd", startsOn: "2025-03-01", endsOn: "2025-02-01" }, t.db),
      "ends_before_start",
    );
  });
});

describe("inquiries", () => {
  it("threads messages, lets only the shop answer, and records conversions and offline sales", async () => {
    const a = await shop("tanya");
    const b = await shop("lainnya");
    const pending = await shop("belum", false);
    const product = await createProduct(
      { artisanId: a, slug: "kain-tanya", titleId: "Kain", technique: "tulis", fabric: "katun_primisima", dye: "natural", price: 400_000, stock: 1, status: "published" },
      t.db,
    );
    const buyer = { buyerName: "Budi", buyerEmail: "budi@example.com", kind: "product" as const, message: "Masih ada?" };
    await expectModelError(createInquiry({ ...buyer, artisanId: pending }, t.db), "artisan_unavailable");
    await expectModelError(createInquiry({ ...buyer, artisanId: b, productId: product.id }, t.db), "product_mismatch");
    await expectModelError(createInquiry({ ...buyer, artisanId: a, message: "   " }, t.db), "empty_message");
    const inquiry = await createInquiry({ ...buyer, artisanId: a, productId: product.id, source: "product_page", now: new Date("2026-01-01T01:00:00Z") }, t.db);
    expect(inquiry.token).toMatch(/^[A-Z2-9]{16}$/);
    await expectModelError(addInquiryMessage({ inquiryId: inquiry.id, author: "artisan", artisanId: b, body: "Halo" }, t.db), "not_found");
    await addInquiryMessage({ inquiryId: inquiry.id, author: "artisan", artisanId: a, body: "Masih, Pak.", now: new Date("2026-01-01T03:00:00Z") }, t.db);
    await addInquiryMessage({ inquiryId: inquiry.id, author: "artisan", artisanId: a, body: "Bisa dikirim besok.", now: new Date("2026-01-01T04:00:00Z") }, t.db);
    const row = await t.db.selectFrom("inquiries").select(["status", "first_response_at"]).where("id", "=", inquiry.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "answered", first_response_at: "2026-01-01T03:00:00.000Z" });
    const thread = await getBuyerThread({ token: inquiry.token }, t.db);
    const messages = await listThreadMessages({ inquiryId: thread!.id }, t.db);
    expect(messages.map((m) => m.author)).toEqual(["buyer", "artisan", "artisan"]);
    expect(JSON.stringify({ thread, messages })).not.toMatch(/budi@example\.com|whatsapp/);

    const order = await createOrder({ buyer: { name: "Budi", email: "budi@example.com", country: "ID" }, paymentMethod: "bank_transfer", lines: [{ productId: product.id, quantity: 1 }] }, t.db);
    await expectModelError(convertInquiryToOrder({ inquiryId: inquiry.id, artisanId: b, orderId: order.id }, t.db), "not_found");
    await convertInquiryToOrder({ inquiryId: inquiry.id, artisanId: a, orderId: order.id }, t.db);
    await expectModelError(recordOfflineSale({ inquiryId: inquiry.id, artisanId: a, amount: 1, soldOn: "2026-01-02" }, t.db), "wrong_state");

    const second = await createInquiry({ ...buyer, artisanId: a, kind: "custom", now: new Date("2026-01-03T01:00:00Z") }, t.db);
    await expectModelError(recordOfflineSale({ inquiryId: second.id, artisanId: a, amount: 0, soldOn: "2026-01-05" }, t.db), "invalid_amount");
    await recordOfflineSale({ inquiryId: second.id, artisanId: a, amount: 750_000, soldOn: "2026-01-05" }, t.db);
    const sale = await t.db.selectFrom("inquiries").select(["status", "offline_sale_amount", "offline_sale_on"]).where("id", "=", second.id).executeTakeFirstOrThrow();
    expect(sale).toEqual({ status: "converted", offline_sale_amount: 750_000, offline_sale_on: "2026-01-05" });

    const third = await createInquiry({ ...buyer, artisanId: a }, t.db);
    await closeInquiry({ inquiryId: third.id, artisanId: a, status: "spam" }, t.db);
    await expectModelError(addInquiryMessage({ inquiryId: third.id, author: "buyer", body: "Halo?" }, t.db), "thread_closed");
    expect(await getBuyerThread({ token: "nope" }, t.db)).toBeNull();
  });
});

describe("links", () => {
  it("only point inside the site and respect their validity window", async () => {
    await expectModelError(createLink({ kind: "campaign", targetPath: "https://evil.example/" }, t.db), "invalid_target_path");
    await expectModelError(createLink({ kind: "campaign", targetPath: "//evil.example/" }, t.db), "invalid_target_path");
    await expectModelError(createLink({ kind: "booth", targetPath: "/" }, t.db), "booth_link_needs_artisan");
    const link = await createLink({ kind: "campaign", targetPath: "/events", validFrom: "2026-01-01T00:00:00.000Z", validUntil: "2026-02-01T00:00:00.000Z" }, t.db);
    expect(await getLinkByCode({ code: link.code, now: new Date("2026-01-15T00:00:00Z") }, t.db)).toMatchObject({ target_path: "/events" });
    expect(await getLinkByCode({ code: link.code, now: new Date("2026-03-01T00:00:00Z") }, t.db)).toBeNull();
    expect(await getLinkByCode({ code: "../../etc" }, t.db)).toBeNull();
  });
});

describe("users and roles", () => {
  it("treats e-mails case-insensitively, hashes passwords and audits role changes", async () => {
    const user = await createUser({ email: "  Rina@Example.COM ", name: "Rina", password: "rahasia-sekali" }, t.db);
    expect(user.email).toBe("rina@example.com");
    await expectModelError(createUser({ email: "RINA@example.com", name: "Rina 2" }, t.db), "email_taken");
    await expectModelError(createUser({ email: "no-at-sign", name: "X" }, t.db), "invalid_email");
    const login = await getUserForLogin({ email: "RINA@EXAMPLE.COM" }, t.db);
    expect(login!.password_hash).toMatch(/^scrypt\$/);
    expect(login!.password_hash).not.toContain("rahasia");
    await grantRole({ userId: user.id, role: "buyer", grantedBy: adminId }, t.db);
    await grantRole({ userId: user.id, role: "buyer", grantedBy: adminId }, t.db);
    await grantRole({ userId: user.id, role: "artisan", grantedBy: adminId }, t.db);
    expect(await listUserRoles({ userId: user.id }, t.db)).toEqual(["artisan", "buyer"]);
    await revokeRole({ userId: user.id, role: "artisan", revokedBy: adminId }, t.db);
    expect(await listUserRoles({ userId: user.id }, t.db)).toEqual(["buyer"]);
    const actions = (await listAuditEntries({ subjectType: "user", subjectId: user.id }, t.db)).map((a) => a.action).sort();
    expect(actions).toEqual(["role.granted", "role.granted", "role.revoked"]);
  });
});

describe("visits and helpers", () => {
  it("stores visits with their WIB day and a visitor hash, never an IP", async () => {
    const a = await shop("dikunjungi");
    const hash = hashVisitor({ ip: "203.0.113.7", userAgent: "Mozilla/5.0", secret: "salt-of-the-day" });
    expect(hash).toMatch(/^[0-9a-f]{32}$/);
    expect(hash).not.toContain("203");
    expect(hashVisitor({ ip: "203.0.113.7", userAgent: "Mozilla/5.0", secret: "another-day" })).not.toBe(hash);
    const count = await recordVisits(
      {
        visits: Array.from({ length: 1203 }, (_, i) => ({
          kind: "artisan_view" as const,
          occurredAt: new Date(Date.UTC(2026, 0, 1, 16, 59) + i * 60_000),
          visitorHash: hash,
          artisanId: a,
        })),
      },
      t.db,
    );
    expect(count).toBe(1203);
    const days = await t.db.selectFrom("visits").select(["day", (eb) => eb.fn.countAll<number>().as("n")]).groupBy("day").orderBy("day").execute();
    // 23:59 WIB on 1 January is the first visit; the next minute is 2 January in Blitar.
    expect(days[0]).toEqual({ day: "2026-01-01", n: 1 });
    expect(days[1].day).toBe("2026-01-02");
  });

  it("escapes LIKE wildcards, makes URL slugs and cuts WIB days", () => {
    expect(likePattern("50%_off\\")).toBe("%50\\%\\_off\\\\%");
    expect(slugify("Koi & Kendang Jimbe — Kota Blitar")).toBe("koi-dan-kendang-jimbe-kota-blitar");
    expect(wibDayOf("2026-10-01T17:00:00.000Z")).toBe("2026-10-02");
    expect(wibDayOf("2026-10-01T16:59:59.999Z")).toBe("2026-10-01");
  });
});

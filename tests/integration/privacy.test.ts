/**
 * Privacy: the data download (exact key set, no secrets, nobody else's
 * e-mail), account deletion (every wiped column checked by value, totals
 * kept, sessions gone, 409 with open orders, 400 with a wrong password,
 * re-sign-up with the same address), and artisans' consent to share figures
 * (history, hasSharingConsent over time, ownership).
 * Loaders and actions are called as Remix calls them.
 */
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { createArtisan, decideArtisanMembership, hasSharingConsent, openFacilityNeed, recordArtisanFacts, recordConsent, addLegalDocument } from "~/models/artisan.server";
import { recordAudit } from "~/models/audit.server";
import { cancelOrder, completeOrderPart, createOrder, markOrderPaid, shipOrderPart } from "~/models/order.server";
import { addFavourite } from "~/models/favourite.server";
import { addInquiryMessage, createInquiry } from "~/models/inquiry.server";
import { storeAttachments } from "~/services/inquiry-thread.server";
import { createProduct } from "~/models/product.server";
import { getUserForLogin } from "~/models/user.server";
import { loader as dataLoader } from "~/routes/($lang).account.data";
import { action as deleteAction, loader as deleteLoader } from "~/routes/($lang).account.delete";
import { action as privacyAction, loader as privacyLoader } from "~/routes/($lang).account.privacy";
import { queueMail } from "~/services/mail.server";
import { renderMail } from "~/services/mail-templates.server";
import { deleteAccount, deletedEmail, DELETED_TEXT, setSharingConsent } from "~/services/privacy.server";
import { signUp } from "~/services/signup.server";
import { getDb } from "~/utils/db.server";
import { getUser, hashToken } from "~/utils/session.server";
import { createUserWithRoles, request, sessionCookie, thrownResponse, type DataResult } from "../setup/routes";

type FormErrors = { error?: Record<string, string[] | null> };

const SITI = { email: "siti@example.test", name: "Siti Aminah", password: "siti-kawung-2026" };
const AYU = { email: "ayu@example.test", name: "Ayu Lestari", password: "ayu-lintang-2026" };
const BIMA = { email: "bima@example.test", name: "Bima Prasetyo", password: "bima-gringsing-2026" };
const CITRA = { email: "citra@example.test", name: "Citra Dewi", password: "citra-sekar-2026" };
const AYU_WHATSAPP = "+6281234500011";

let adminId: number;
let sitiId: number;
let ayuId: number;
let bimaId: number;
let citraId: number;
let shopA: number;
let shopB: number;
let shopC: number;
let productA1: number;
let productA2: number;
let productC: number;
let sitiCookie: string;
let ayuCookie: string;
let bimaCookie: string;
let citraCookie: string;
let sitiInquiryId: number;
let budiInquiryId: number;
let sitiPhotoId: number;
let ayuPhotoId: number;

const buyer = (userId: number | null, name: string, email: string) => ({
  userId,
  name,
  email,
  phone: "+6281100000001",
  country: "ID",
  province: "Jawa Timur",
  city: "Surabaya",
  district: "Gubeng",
  postalCode: "60281",
  addressLine: "Jl. Kertajaya 10",
});

async function verifiedShop(ownerUserId: number, slug: string, name: string, whatsapp: string) {
  const shop = await createArtisan({
    slug,
    ownerUserId,
    name,
    ownerName: name,
    village: "Tlogo",
    district: "Kanigoro",
    regency: "kabupaten",
    techniques: ["tulis"],
    whatsappNumber: whatsapp,
    shippingFlatRate: 20000,
  });
  await decideArtisanMembership({ artisanId: shop.id, status: "verified", actorUserId: adminId });
  return shop.id;
}

beforeAll(async () => {
  const db = getDb();
  adminId = (await createUserWithRoles({ email: "ops@example.test", name: "Operator", password: "operator-pass-2026", roles: ["admin"] })).id;
  sitiId = (await createUserWithRoles({ ...SITI, emailVerifiedAt: "2026-11-01T02:00:00.000Z", roles: ["buyer"] })).id;
  ayuId = (await createUserWithRoles({ ...AYU, roles: ["artisan"] })).id;
  bimaId = (await createUserWithRoles({ ...BIMA, roles: ["artisan"] })).id;
  citraId = (await createUserWithRoles({ ...CITRA, roles: ["artisan"] })).id;

  shopA = await verifiedShop(ayuId, "batik-ayu", "Batik Ayu", AYU_WHATSAPP);
  shopB = await verifiedShop(bimaId, "batik-bima", "Batik Bima", "+6281234500022");
  shopC = await verifiedShop(citraId, "batik-citra", "Batik Citra", "+6281234500033");
  const product = (artisanId: number, slug: string, price: number) =>
    createProduct({ artisanId, slug, titleId: `Kain ${slug}`, technique: "tulis", fabric: "katun_primisima", dye: "natural", price, stock: 10, status: "published" });
  productA1 = (await product(shopA, "kawung-ayu", 250000)).id;
  productA2 = (await product(shopA, "sekar-jagad-ayu", 400000)).id;
  productC = (await product(shopC, "gringsing-citra", 300000)).id;

  // Siti: one completed order (2 × 250.000 + 20.000 shipping), one cancelled.
  const completed = await createOrder({ buyer: buyer(sitiId, SITI.name, SITI.email), lines: [{ productId: productA1, quantity: 2 }], paymentMethod: "bank_transfer" });
  await markOrderPaid({ orderId: completed.id, provider: "bank_transfer", amount: 520000 });
  await shipOrderPart({ artisanId: shopA, orderPartId: completed.parts[0].id, trackingNumber: "JNE123" });
  await completeOrderPart({ artisanId: shopA, orderPartId: completed.parts[0].id });
  const cancelled = await createOrder({ buyer: buyer(sitiId, SITI.name, SITI.email), lines: [{ productId: productA2, quantity: 1 }], paymentMethod: "bank_transfer" });
  await cancelOrder({ orderId: cancelled.id, status: "cancelled" });

  sitiInquiryId = (
    await createInquiry({
      artisanId: shopA,
      productId: productA1,
      buyerUserId: sitiId,
      buyerName: SITI.name,
      buyerEmail: SITI.email,
      buyerCountry: "ID",
      kind: "product",
      message: "Apakah ada ukuran 2 meter?",
      ipHash: "a".repeat(64),
    })
  ).id;
  const ayuReply = await addInquiryMessage({ inquiryId: sitiInquiryId, author: "artisan", artisanId: shopA, authorUserId: ayuId, body: "Ada, Bu Siti." });
  // A photo from each side: Siti's goes with her account, Ayu's stays with the thread.
  const sitiMessage = await getDb().selectFrom("inquiry_messages").select("id").where("inquiry_id", "=", sitiInquiryId).where("author", "=", "buyer").executeTakeFirstOrThrow();
  const photo = (r: number) => sharp({ create: { width: 20 + r, height: 20, channels: 3, background: { r, g: 40, b: 40 } } }).png().toBuffer();
  [sitiPhotoId] = await storeAttachments({ messageId: sitiMessage.id, files: [{ filename: "contoh.png", bytes: await photo(1) }], uploadedBy: sitiId });
  [ayuPhotoId] = await storeAttachments({ messageId: ayuReply.id, files: [{ filename: "kain.png", bytes: await photo(2) }], uploadedBy: ayuId });
  // A guest who wrote to Ayu: his e-mail is his data, never in Ayu's export.
  budiInquiryId = (
    await createInquiry({ artisanId: shopA, buyerName: "Budi Santoso", buyerEmail: "budi@example.test", buyerCountry: "SG", kind: "wholesale", message: "Harga grosir?" })
  ).id;

  await recordArtisanFacts({ artisanId: shopA, workersMen: 2, workersWomen: 5, monthlyCapacity: 40, reportedOn: "2026-10-01", reportedBy: ayuId });
  await addLegalDocument({ artisanId: shopA, kind: "nib", number: "9120001234567" });
  await openFacilityNeed({ artisanId: shopA, kind: "ipal", description: "Instalasi pengolahan limbah pewarna", openedOn: "2026-09-01" });
  await recordConsent({ artisanId: shopA, granted: true, recordedBy: ayuId, now: new Date("2026-06-01T03:00:00.000Z") });
  await recordConsent({ artisanId: shopC, granted: true, recordedBy: citraId, now: new Date("2026-06-01T03:00:00.000Z") });

  // Siti saved a product and a shop; Ayu saved Citra's shop (Ayu's favourites are hers, never in Siti's export).
  await addFavourite({ userId: sitiId, kind: "product", id: productC, now: new Date("2026-10-02T01:00:00.000Z") });
  await addFavourite({ userId: sitiId, kind: "artisan", id: shopA, now: new Date("2026-10-03T01:00:00.000Z") });
  await addFavourite({ userId: ayuId, kind: "artisan", id: shopC, now: new Date("2026-10-04T01:00:00.000Z") });

  await queueMail({ to: SITI.email, toName: SITI.name, template: "welcome", locale: "id", data: { name: SITI.name } });
  await recordAudit({ actorUserId: adminId, action: "role.granted", subjectType: "user", subjectId: sitiId, details: { role: "organizer" } });
  await db
    .insertInto("auth_tokens")
    .values({ purpose: "reset", token_hash: hashToken("siti-reset-token"), user_id: sitiId, expires_at: "2099-01-01T00:00:00.000Z" })
    .execute();
  await db.insertInto("rate_limits").values([
    { key: `login:email:${SITI.email}`, window_start: 1, count: 2 },
    { key: "login:email:other@example.test", window_start: 1, count: 1 },
  ]).execute();

  sitiCookie = await sessionCookie(sitiId, { headers: { "User-Agent": "Firefox/140" } });
  ayuCookie = await sessionCookie(ayuId);
  bimaCookie = await sessionCookie(bimaId);
  citraCookie = await sessionCookie(citraId);
});

describe("anonymous visitors", () => {
  it("are sent to log in (303) from every privacy page and action", async () => {
    for (const [path, call] of [
      ["/account/data", () => dataLoader({ request: request("/account/data"), params: {}, context: {} })],
      ["/account/privacy", () => privacyLoader({ request: request("/account/privacy"), params: {}, context: {} })],
      ["/account/delete", () => deleteLoader({ request: request("/account/delete"), params: {}, context: {} })],
      ["/account/delete", () => deleteAction({ request: request("/account/delete", { form: { password: "x", confirm: "on" } }), params: {}, context: {} })],
    ] as const) {
      const res = await thrownResponse(call());
      expect(res.status).toBe(303);
      expect(res.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent(path)}`);
    }
    const res = await thrownResponse(privacyAction({ request: request("/en/account/privacy", { form: { intent: "consent", artisanId: String(shopA), granted: "no" } }), params: { lang: "en" }, context: {} }));
    expect(res.headers.get("Location")).toBe("/en/login?redirectTo=%2Fen%2Faccount%2Fprivacy");
  });
});

describe("data download", () => {
  it("is a no-store JSON attachment with exactly the documented keys", async () => {
    const res = await dataLoader({ request: request("/account/data", { cookie: sitiCookie }), params: {}, context: {} });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("application/json; charset=utf-8");
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    expect(res.headers.get("Content-Disposition")).toMatch(/^attachment; filename="batik-blitar-data-\d{4}-\d{2}-\d{2}\.json"$/);
    const json = (await res.json()) as Record<string, any>;
    expect(Object.keys(json)).toEqual(["format", "version", "exported_at", "account", "roles", "sessions", "orders", "inquiries", "mail", "audit", "shops", "favourites"]);
    expect(json.format).toBe("batik-blitar-personal-data");
    expect(json.account).toEqual({ name: SITI.name, email: SITI.email, language: "id", created_at: expect.any(String), email_confirmed_at: "2026-11-01T02:00:00.000Z" });
    expect(json.roles).toEqual([{ role: "buyer", granted_at: expect.any(String) }]);
    expect(json.sessions).toEqual([{ created_at: expect.any(String), last_seen_at: expect.any(String), expires_at: expect.any(String), user_agent: "Firefox/140" }]);

    expect(json.orders).toHaveLength(2);
    const [done, cancelled] = json.orders;
    expect(Object.keys(done)).toEqual([
      "code", "status", "buyer_name", "buyer_email", "buyer_phone", "country", "province", "city", "district", "postal_code", "address_line",
      "payment_method", "subtotal", "shipping_total", "total", "locale", "created_at", "paid_at", "cancelled_at", "parts",
    ]);
    expect(done).toMatchObject({ status: "completed", buyer_name: SITI.name, address_line: "Jl. Kertajaya 10", subtotal: 500000, shipping_total: 20000, total: 520000 });
    expect(done.parts).toEqual([
      {
        shop: "Batik Ayu",
        status: "completed",
        fulfilment: "ship",
        shipping_fee: 20000,
        subtotal: 500000,
        tracking_number: "JNE123",
        shipped_at: expect.any(String),
        completed_at: expect.any(String),
        lines: [{ title: "Kain kawung-ayu", unit_price: 250000, quantity: 2, line_total: 500000 }],
      },
    ]);
    expect(cancelled).toMatchObject({ status: "cancelled", total: 420000 });

    expect(json.inquiries).toEqual([
      {
        shop: "Batik Ayu",
        product: "Kain kawung-ayu",
        kind: "product",
        status: "answered",
        buyer_name: SITI.name,
        buyer_email: SITI.email,
        buyer_country: "ID",
        quantity: null,
        budget: null,
        created_at: expect.any(String),
        messages: [
          { author: "buyer", body: "Apakah ada ukuran 2 meter?", created_at: expect.any(String) },
          { author: "artisan", body: "Ada, Bu Siti.", created_at: expect.any(String) },
        ],
      },
    ]);
    expect(json.mail).toEqual([{ subject: "Selamat datang di Batik Blitar", template: "welcome", status: "queued", created_at: expect.any(String), sent_at: null }]);
    expect(json.audit).toEqual([
      { action: "role.granted", subject_type: "user", subject_id: String(sitiId), by_you: false, about_you: true, details: { role: "organizer" }, created_at: expect.any(String) },
    ]);
    expect(json.shops).toEqual([]);
    expect(json.favourites).toEqual({
      products: [{ slug: "gringsing-citra", title: "Kain gringsing-citra", shop: "Batik Citra", saved_at: "2026-10-02T01:00:00.000Z" }],
      artisans: [{ slug: "batik-ayu", name: "Batik Ayu", saved_at: "2026-10-03T01:00:00.000Z" }],
    });
  });

  it("holds no hash, secret or anybody else's e-mail", async () => {
    for (const [cookie, own] of [
      [sitiCookie, SITI.email],
      [ayuCookie, AYU.email],
    ] as const) {
      const text = await (await dataLoader({ request: request("/account/data", { cookie }), params: {}, context: {} })).text();
      expect(text).not.toMatch(/hash/i);
      expect(text).not.toMatch(/scrypt/i);
      expect(text).not.toMatch(/[0-9a-f]{64}/);
      expect(text).not.toContain("token");
      const emails = [...text.matchAll(/[\w.+-]+@[\w-]+\.[\w.-]+/g)].map((m) => m[0]);
      expect(new Set(emails)).toEqual(new Set([own]));
    }
  });

  it("gives an artisan their shop: profile, products, facts, documents, needs, consents and received threads (names only)", async () => {
    const res = await dataLoader({ request: request("/en/account/data", { cookie: ayuCookie }), params: { lang: "en" }, context: {} });
    const json = (await res.json()) as Record<string, any>;
    expect(json.orders).toEqual([]);
    expect(json.favourites).toEqual({ products: [], artisans: [{ slug: "batik-citra", name: "Batik Citra", saved_at: "2026-10-04T01:00:00.000Z" }] });
    expect(json.shops).toHaveLength(1);
    const shop = json.shops[0];
    expect(Object.keys(shop)).toEqual([
      "slug", "name", "owner_name", "story_id", "story_en", "village", "district", "regency", "founded_year", "whatsapp_number",
      "shipping_flat_rate", "association", "membership_status", "membership_reason", "membership_decided_at", "verified_at", "status",
      "created_at", "updated_at", "techniques", "products", "facts", "legal_documents", "facility_needs", "consents", "inquiries_received",
    ]);
    // Their own number: the export is theirs, not a page.
    expect(shop).toMatchObject({ slug: "batik-ayu", whatsapp_number: AYU_WHATSAPP, techniques: ["tulis"], membership_status: "verified" });
    expect(shop.products.map((p: { slug: string }) => p.slug)).toEqual(["kawung-ayu", "sekar-jagad-ayu"]);
    expect(shop.facts).toEqual([{ workers_men: 2, workers_women: 5, monthly_capacity: 40, reported_on: "2026-10-01", created_at: expect.any(String) }]);
    expect(shop.legal_documents).toMatchObject([{ kind: "nib", number: "9120001234567", status: "pending" }]);
    expect(shop.facility_needs).toMatchObject([{ kind: "ipal", status: "open", opened_on: "2026-09-01" }]);
    expect(shop.consents).toEqual([{ granted: true, recorded_at: "2026-06-01T03:00:00.000Z", recorded_by_you: true }]);
    expect(shop.inquiries_received).toEqual([
      {
        product: "Kain kawung-ayu",
        kind: "product",
        status: "answered",
        buyer_name: SITI.name,
        created_at: expect.any(String),
        messages: [
          { author: "buyer", body: "Apakah ada ukuran 2 meter?", created_at: expect.any(String) },
          { author: "artisan", body: "Ada, Bu Siti.", created_at: expect.any(String) },
        ],
      },
      { product: null, kind: "wholesale", status: "new", buyer_name: "Budi Santoso", created_at: expect.any(String), messages: [{ author: "buyer", body: "Harga grosir?", created_at: expect.any(String) }] },
    ]);
  });
});

describe("consent to share figures", () => {
  it("keeps an append-only history; hasSharingConsent answers for any instant; the same state twice adds nothing", async () => {
    const t1 = new Date("2026-07-01T00:00:00.000Z");
    const t2 = new Date("2026-08-01T00:00:00.000Z");
    const t3 = new Date("2026-09-01T00:00:00.000Z");
    expect(await setSharingConsent({ userId: bimaId, artisanId: shopB, granted: false, now: t1 })).toEqual({ changed: false, shopName: "Batik Bima" });
    expect(await setSharingConsent({ userId: bimaId, artisanId: shopB, granted: true, now: t1 })).toEqual({ changed: true, shopName: "Batik Bima" });
    expect(await setSharingConsent({ userId: bimaId, artisanId: shopB, granted: true, now: new Date("2026-07-15T00:00:00.000Z") })).toEqual({ changed: false, shopName: "Batik Bima" });
    expect(await setSharingConsent({ userId: bimaId, artisanId: shopB, granted: false, now: t2 })).toEqual({ changed: true, shopName: "Batik Bima" });
    expect(await setSharingConsent({ userId: bimaId, artisanId: shopB, granted: true, now: t3 })).toEqual({ changed: true, shopName: "Batik Bima" });

    const rows = await getDb().selectFrom("artisan_consents").select(["granted", "recorded_at", "recorded_by"]).where("artisan_id", "=", shopB).orderBy("id").execute();
    expect(rows).toEqual([
      { granted: 1, recorded_at: t1.toISOString(), recorded_by: bimaId },
      { granted: 0, recorded_at: t2.toISOString(), recorded_by: bimaId },
      { granted: 1, recorded_at: t3.toISOString(), recorded_by: bimaId },
    ]);
    const at = (iso: string) => hasSharingConsent({ artisanId: shopB, at: new Date(iso) });
    expect(await at("2026-06-30T23:59:59.999Z")).toBe(false);
    expect(await at("2026-07-01T00:00:00.000Z")).toBe(true);
    expect(await at("2026-07-31T23:59:59.999Z")).toBe(true);
    expect(await at("2026-08-01T00:00:00.000Z")).toBe(false);
    expect(await at("2026-08-31T23:59:59.999Z")).toBe(false);
    expect(await at("2026-09-01T00:00:00.000Z")).toBe(true);

    const audit = await getDb()
      .selectFrom("audit_log")
      .select(["actor_user_id", "action", "details"])
      .where("subject_type", "=", "artisan")
      .where("subject_id", "=", String(shopB))
      .where("action", "like", "artisan.consent_%")
      .orderBy("id")
      .execute();
    expect(audit).toEqual([
      { actor_user_id: bimaId, action: "artisan.consent_granted", details: '{"before":false,"after":true}' },
      { actor_user_id: bimaId, action: "artisan.consent_withdrawn", details: '{"before":true,"after":false}' },
      { actor_user_id: bimaId, action: "artisan.consent_granted", details: '{"before":false,"after":true}' },
    ]);
  });

  it("lets the owner withdraw and grant from /account/privacy, with a flash and the history on the page", async () => {
    const res = (await privacyAction({
      request: request("/en/account/privacy", { cookie: ayuCookie, form: { intent: "consent", artisanId: String(shopA), granted: "no" } }),
      params: { lang: "en" },
      context: {},
    })) as Response;
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe("/en/account/privacy");
    expect(res.headers.get("Set-Cookie")).toMatch(/^__flash=/);
    expect(await hasSharingConsent({ artisanId: shopA })).toBe(false);
    const page = await privacyLoader({ request: request("/en/account/privacy", { cookie: ayuCookie }), params: { lang: "en" }, context: {} });
    expect(page.isArtisan).toBe(true);
    expect(page.shops).toEqual([
      {
        id: shopA,
        slug: "batik-ayu",
        name: "Batik Ayu",
        granted: false,
        history: [
          { id: expect.any(Number), granted: false, recorded_at: expect.any(String), by: "you" },
          { id: expect.any(Number), granted: true, recorded_at: "2026-06-01T03:00:00.000Z", by: "you" },
        ],
      },
    ]);
    // Withdrawing again changes nothing.
    await privacyAction({ request: request("/account/privacy", { cookie: ayuCookie, form: { intent: "consent", artisanId: String(shopA), granted: "no" } }), params: {}, context: {} });
    await privacyAction({ request: request("/account/privacy", { cookie: ayuCookie, form: { intent: "consent", artisanId: String(shopA), granted: "yes" } }), params: {}, context: {} });
    const count = await getDb().selectFrom("artisan_consents").select((eb) => eb.fn.countAll<number>().as("n")).where("artisan_id", "=", shopA).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(3);
    expect(await hasSharingConsent({ artisanId: shopA })).toBe(true);
  });

  it("refuses another artisan's shop (404, nothing recorded), bad input (400) and non-artisans (403)", async () => {
    const before = await getDb().selectFrom("artisan_consents").select("id").execute();
    const other = await thrownResponse(
      privacyAction({ request: request("/account/privacy", { cookie: bimaCookie, form: { intent: "consent", artisanId: String(shopA), granted: "no" } }), params: {}, context: {} }),
    );
    expect(other.status).toBe(404);
    const unknown = await thrownResponse(
      privacyAction({ request: request("/account/privacy", { cookie: bimaCookie, form: { intent: "consent", artisanId: "999999", granted: "no" } }), params: {}, context: {} }),
    );
    expect(unknown.status).toBe(404);
    for (const form of [
      { intent: "consent", artisanId: "abc", granted: "no" },
      { intent: "consent", artisanId: String(shopB), granted: "maybe" },
      { intent: "consent", artisanId: "1e400", granted: "yes" },
      { intent: "other", artisanId: String(shopB), granted: "yes" },
    ]) {
      expect((await thrownResponse(privacyAction({ request: request("/account/privacy", { cookie: bimaCookie, form }), params: {}, context: {} }))).status).toBe(400);
    }
    const buyerRes = await thrownResponse(
      privacyAction({ request: request("/account/privacy", { cookie: sitiCookie, form: { intent: "consent", artisanId: String(shopA), granted: "no" } }), params: {}, context: {} }),
    );
    expect(buyerRes.status).toBe(403);
    expect(await getDb().selectFrom("artisan_consents").select("id").execute()).toEqual(before);
    expect(await hasSharingConsent({ artisanId: shopA })).toBe(true);
  });

  it("shows a buyer the page without the consent section", async () => {
    const page = await privacyLoader({ request: request("/account/privacy", { cookie: sitiCookie }), params: {}, context: {} });
    expect(page.isArtisan).toBe(false);
    expect(page.shops).toEqual([]);
  });
});

describe("account deletion", () => {
  const post = (form: Record<string, string>, cookie = sitiCookie) =>
    deleteAction({ request: request("/account/delete", { cookie, form }), params: {}, context: {} }) as Promise<Response | DataResult<FormErrors>>;

  it("refuses a wrong password and a missing confirmation with 400, changing nothing", async () => {
    const wrong = (await post({ password: "not-my-password", confirm: "on" })) as DataResult<FormErrors>;
    expect(wrong.init.status).toBe(400);
    expect(wrong.data.error).toEqual({ password: ["privacy.wrongPassword"] });
    const unticked = (await post({ password: SITI.password })) as DataResult<FormErrors>;
    expect(unticked.init.status).toBe(400);
    expect(unticked.data.error).toEqual({ confirm: ["privacy.confirmRequired"] });
    expect(await getUserForLogin({ email: SITI.email })).not.toBeNull();
  });

  it("refuses with 409 while an order is open, and says so on the page", async () => {
    const open = await createOrder({ buyer: buyer(sitiId, SITI.name, SITI.email), lines: [{ productId: productA2, quantity: 1 }], paymentMethod: "bank_transfer" });
    const page = await deleteLoader({ request: request("/account/delete", { cookie: sitiCookie }), params: {}, context: {} });
    expect(page.blocked).toBe("privacy.blockedOpenOrders");
    const res = (await post({ password: SITI.password, confirm: "on" })) as DataResult<FormErrors>;
    expect(res.init.status).toBe(409);
    expect(res.data.error).toEqual({ "": ["privacy.blockedOpenOrders"] });
    expect((await getUser(request("/account", { cookie: sitiCookie })))?.id).toBe(sitiId);
    await cancelOrder({ orderId: open.id, status: "cancelled" });
    const after = await deleteLoader({ request: request("/account/delete", { cookie: sitiCookie }), params: {}, context: {} });
    expect(after.blocked).toBeNull();
  });

  it("de-identifies orders and inquiries, wipes the account to a husk and logs the person out", async () => {
    const db = getDb();
    const ordersBefore = await db.selectFrom("orders").selectAll().where("buyer_user_id", "=", sitiId).orderBy("id").execute();
    const partsBefore = await db.selectFrom("order_parts").selectAll().orderBy("id").execute();
    const linesBefore = await db.selectFrom("order_lines").selectAll().orderBy("id").execute();
    const userBefore = await db.selectFrom("users").selectAll().where("id", "=", sitiId).executeTakeFirstOrThrow();
    const inquiryBefore = await db.selectFrom("inquiries").selectAll().where("id", "=", sitiInquiryId).executeTakeFirstOrThrow();
    const budiBefore = await db.selectFrom("inquiries").selectAll().where("id", "=", budiInquiryId).executeTakeFirstOrThrow();
    expect(ordersBefore).toHaveLength(3);

    const res = (await post({ password: SITI.password, confirm: "on" })) as Response;
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe("/");
    const cookies = res.headers.get("Set-Cookie") ?? "";
    expect(cookies).toMatch(/__session=; Max-Age=0/);
    expect(cookies).toMatch(/__flash=/);

    const wiped = deletedEmail(sitiId);
    expect(wiped).toBe(`deleted-${sitiId}@invalid.batikblitar`);
    const user = await db.selectFrom("users").selectAll().where("id", "=", sitiId).executeTakeFirstOrThrow();
    expect(user).toEqual({
      ...userBefore,
      name: DELETED_TEXT,
      email: wiped,
      password_hash: null,
      email_verified_at: null,
      updated_at: user.deleted_at,
      deleted_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      anonymized_at: user.deleted_at,
    });

    const ordersAfter = await db.selectFrom("orders").selectAll().where("buyer_user_id", "=", sitiId).orderBy("id").execute();
    expect(ordersAfter).toEqual(
      ordersBefore.map((o) => ({
        ...o,
        buyer_name: DELETED_TEXT,
        buyer_email: wiped,
        buyer_phone: "",
        district: "",
        postal_code: "",
        address_line: "",
        updated_at: user.deleted_at,
      })),
    );
    // Kept for the indicators and bookkeeping: place, totals, statuses, parts and lines.
    expect(ordersAfter.map((o) => [o.country, o.province, o.city, o.status, o.total])).toEqual([
      ["ID", "Jawa Timur", "Surabaya", "completed", 520000],
      ["ID", "Jawa Timur", "Surabaya", "cancelled", 420000],
      ["ID", "Jawa Timur", "Surabaya", "cancelled", 420000],
    ]);
    expect(await db.selectFrom("order_parts").selectAll().orderBy("id").execute()).toEqual(partsBefore);
    expect(await db.selectFrom("order_lines").selectAll().orderBy("id").execute()).toEqual(linesBefore);

    const inquiry = await db.selectFrom("inquiries").selectAll().where("id", "=", sitiInquiryId).executeTakeFirstOrThrow();
    expect(inquiry).toEqual({ ...inquiryBefore, buyer_name: DELETED_TEXT, buyer_email: wiped, ip_hash: null, updated_at: user.deleted_at });
    expect(inquiry.buyer_country).toBe("ID");
    const messages = await db.selectFrom("inquiry_messages").select(["author", "body"]).where("inquiry_id", "=", sitiInquiryId).orderBy("id").execute();
    expect(messages).toEqual([
      { author: "buyer", body: DELETED_TEXT },
      { author: "artisan", body: "Ada, Bu Siti." },
    ]);
    expect(await db.selectFrom("inquiries").selectAll().where("id", "=", budiInquiryId).executeTakeFirstOrThrow()).toEqual(budiBefore);
    // Her photo is gone (row and link); the artisan's photo in the same thread stays.
    expect(await db.selectFrom("images").select("id").where("id", "in", [sitiPhotoId, ayuPhotoId]).execute()).toEqual([{ id: ayuPhotoId }]);
    expect(await db.selectFrom("inquiry_message_images").select("image_id").where("image_id", "in", [sitiPhotoId, ayuPhotoId]).execute()).toEqual([{ image_id: ayuPhotoId }]);

    const count = async (table: "sessions" | "auth_tokens" | "user_roles" | "favourite_products" | "favourite_artisans", userId = sitiId) =>
      Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).where("user_id", "=", userId).executeTakeFirstOrThrow()).n);
    expect([await count("sessions"), await count("auth_tokens"), await count("user_roles")]).toEqual([0, 0, 0]);
    // Her favourites are gone; Ayu's stay.
    expect([await count("favourite_products"), await count("favourite_artisans"), await count("favourite_artisans", ayuId)]).toEqual([0, 0, 1]);
    expect((await db.selectFrom("rate_limits").select("key").orderBy("key").execute()).map((r) => r.key)).toEqual(["login:email:other@example.test"]);

    // The farewell is the only mail kept for the old address; the welcome mail and its send job are gone.
    const mail = await db.selectFrom("mail_outbox").select(["id", "template", "subject", "to_address"]).where("to_address", "in", [SITI.email, wiped]).execute();
    expect(mail).toEqual([{ id: expect.any(Number), template: "accountDeleted", subject: "Akun Batik Blitar Anda telah dihapus", to_address: SITI.email }]);
    const jobs = await db.selectFrom("jobs").select("dedupe_key").where("name", "=", "mail.send").where("status", "=", "queued").execute();
    expect(jobs.map((j) => j.dedupe_key)).toContain(`mail.send:${mail[0].id}`);
    expect(jobs.map((j) => j.dedupe_key)).toHaveLength(1);

    const audit = await db.selectFrom("audit_log").select(["actor_user_id", "subject_type", "subject_id", "details"]).where("action", "=", "user.deleted").execute();
    expect(audit).toEqual([{ actor_user_id: sitiId, subject_type: "user", subject_id: String(sitiId), details: '{"orders":3,"inquiries":1,"shops":0}' }]);

    // The old cookie is worthless; the address cannot log in.
    expect(await getUser(request("/account", { cookie: sitiCookie }))).toBeNull();
    expect((await thrownResponse(deleteLoader({ request: request("/account/delete", { cookie: sitiCookie }), params: {}, context: {} }))).status).toBe(303);
    expect(await getUserForLogin({ email: SITI.email })).toBeNull();
  });

  it("lets the person sign up again with the same address", async () => {
    const again = await signUp({ name: "Siti Aminah", email: SITI.email, password: "siti-baru-2026", locale: "en" });
    expect(again.userId).not.toBe(sitiId);
    expect((await getUserForLogin({ email: SITI.email }))?.id).toBe(again.userId);
  });

  it("waits for an artisan's open shop orders, then archives and unlinks the shop and stops sharing its figures", async () => {
    const db = getDb();
    const guestOrder = await createOrder({ buyer: buyer(null, "Budi Santoso", "budi@example.test"), lines: [{ productId: productC, quantity: 1 }], paymentMethod: "bank_transfer" });
    const blocked = (await post({ password: CITRA.password, confirm: "on" }, citraCookie)) as DataResult<FormErrors>;
    expect(blocked.init.status).toBe(409);
    expect(blocked.data.error).toEqual({ "": ["privacy.blockedOpenShopOrders"] });
    await cancelOrder({ orderId: guestOrder.id, status: "expired" });

    const shopBefore = await db.selectFrom("artisans").selectAll().where("id", "=", shopC).executeTakeFirstOrThrow();
    const res = (await post({ password: CITRA.password, confirm: "on" }, citraCookie)) as Response;
    expect(res.status).toBe(303);
    const shop = await db.selectFrom("artisans").selectAll().where("id", "=", shopC).executeTakeFirstOrThrow();
    expect(shop).toEqual({ ...shopBefore, status: "archived", owner_user_id: null, owner_name: DELETED_TEXT, whatsapp_number: null, updated_at: expect.any(String) });
    expect((await db.selectFrom("products").select("status").where("artisan_id", "=", shopC).execute()).map((p) => p.status)).toEqual(["archived"]);
    expect(await hasSharingConsent({ artisanId: shopC })).toBe(false);
    // The buyer's order part of the shop stays for bookkeeping.
    expect((await db.selectFrom("order_parts").select("status").where("artisan_id", "=", shopC).execute()).map((p) => p.status)).toEqual(["expired"]);
    expect(await getUserForLogin({ email: CITRA.email })).toBeNull();
  });

  it("keeps the only admin", async () => {
    await expect(deleteAccount({ userId: adminId, locale: "id" })).rejects.toMatchObject({ code: "last_admin", status: 409 });
    expect((await getUserForLogin({ email: "ops@example.test" }))?.id).toBe(adminId);
  });
});

describe("the farewell mail", () => {
  it("is rendered in both languages with the name escaped and no link into the deleted account", () => {
    const context = { origin: "http://localhost:3000" };
    const en = renderMail("accountDeleted", { name: "<b>Siti</b>", deletedAt: "2026-11-30T05:00:00.000Z" }, { ...context, locale: "en" });
    expect(en.subject).toBe("Your Batik Blitar account was deleted");
    expect(en.html).toContain("Dear &lt;b&gt;Siti&lt;/b&gt;,");
    expect(en.html).not.toContain("<b>Siti</b>");
    expect(en.text).toContain("deleted on 30 Nov 2026, 12:00 WIB at your request");
    expect(en.text).toContain("http://localhost:3000/en/signup");
    expect(en.text).not.toContain("/account");
    const id = renderMail("accountDeleted", { name: "Siti", deletedAt: "2026-11-30T05:00:00.000Z" }, { ...context, locale: "id" });
    expect(id.subject).toBe("Akun Batik Blitar Anda telah dihapus");
    expect(id.text).toContain("dihapus pada 30 Nov 2026, 12.00 WIB atas permintaan Anda");
    expect(id.text).toContain("http://localhost:3000/signup");
  });
});

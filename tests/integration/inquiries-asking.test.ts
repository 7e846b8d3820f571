/**
 * Asking an artisan (issue 6, the buyer's side): /inquiries/new (sources,
 * rate limits, honeypot, blocked senders, field errors), the guest's thread
 * /inquiries/:token and /account/inquiries — loaders and actions called as
 * Remix calls them, on the seeded demo database.
 */
import sharp from "sharp";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { seedIfEmpty } from "#db/seed/index";
import { addInquiryMessage, closeInquiry, createInquiry } from "~/models/inquiry.server";
import { createLink } from "~/models/link.server";
import { loader as accountLoader } from "~/routes/($lang).account.inquiries";
import { action as threadAction, headers as threadHeaders, loader as threadLoader } from "~/routes/($lang).inquiries.$token";
import { action as newAction, limitText, loader as newLoader, type LimitNotice } from "~/routes/($lang).inquiries.new";
import { loader as productLoader } from "~/routes/($lang).products.$slug";
import { ATTRIBUTION_COOKIE, attributionSetCookie, readAttribution } from "~/services/attribution.server";
import { slidingRetryAt, submitInquiry } from "~/services/inquiries.server";
import { ipHash } from "~/services/visits.server";
import { getDb } from "~/utils/db.server";
import { i18next } from "~/utils/i18next.server";
import { REPO_ROOT } from "../setup/paths";
import { createUserWithSession, ORIGIN, outcome, payloadOf, request } from "../setup/routes";

const db = getDb();

type Shop = { id: number; slug: string; name: string; whatsapp: string | null; ownerEmail: string };
let shopA: Shop;
let shopB: Shop;
let productA: { id: number; slug: string };
let draftSlug: string;
let event: { id: number; slug: string; exhibitor: { id: number; slug: string } };
let emptyEventSlug: string;
let buyer: { id: number; email: string; cookie: string };

let ipCounter = 0;
/** A fresh client IP per test, so the per-IP limit only counts what the test sends. */
const freshIp = () => `198.51.100.${++ipCounter}`;
let emailCounter = 0;
const freshEmail = () => `penanya${++emailCounter}@example.org`;

async function shopOf(where: { ownerEmail?: string; notOwner?: number }): Promise<Shop> {
  let query = db
    .selectFrom("artisans as a")
    .innerJoin("users as u", "u.id", "a.owner_user_id")
    .select(["a.id", "a.slug", "a.name", "a.whatsapp_number", "u.email", "u.id as owner_id"])
    .where("a.status", "=", "active")
    .where("a.membership_status", "=", "verified");
  if (where.ownerEmail) query = query.where("u.email", "=", where.ownerEmail);
  if (where.notOwner) query = query.where("a.owner_user_id", "!=", where.notOwner);
  const row = await query.orderBy("a.id").executeTakeFirstOrThrow();
  return { id: row.id, slug: row.slug, name: row.name, whatsapp: row.whatsapp_number, ownerEmail: row.email };
}

beforeAll(async () => {
  await seedIfEmpty(db, () => {}, { imagesDir: path.join(inject("testRunDir"), "seed-images") });
  shopA = await shopOf({ ownerEmail: "artisan@demo.test" });
  const ownerA = await db.selectFrom("users").select("id").where("email", "=", "artisan@demo.test").executeTakeFirstOrThrow();
  shopB = await shopOf({ notOwner: ownerA.id });
  productA = await db
    .selectFrom("products")
    .select(["id", "slug"])
    .where("artisan_id", "=", shopA.id)
    .where("status", "=", "published")
    .orderBy("id")
    .executeTakeFirstOrThrow();
  const draft = await db.selectFrom("products").select("slug").where("status", "!=", "published").executeTakeFirst();
  if (draft) {
    draftSlug = draft.slug;
  } else {
    await db.updateTable("products").set({ status: "draft" }).where("id", "=", (await db.selectFrom("products").select("id").where("id", "!=", productA.id).where("artisan_id", "!=", shopA.id).executeTakeFirstOrThrow()).id).execute();
    draftSlug = (await db.selectFrom("products").select("slug").where("status", "=", "draft").executeTakeFirstOrThrow()).slug;
  }
  // An event with shop A among its approved exhibitors (added when the demo data has none).
  const ev = await db.selectFrom("events").select(["id", "slug"]).where("status", "=", "published").orderBy("id").executeTakeFirstOrThrow();
  const approved = await db.selectFrom("event_exhibitors").select("id").where("event_id", "=", ev.id).where("artisan_id", "=", shopA.id).executeTakeFirst();
  if (approved) await db.updateTable("event_exhibitors").set({ status: "approved" }).where("id", "=", approved.id).execute();
  else await db.insertInto("event_exhibitors").values({ event_id: ev.id, artisan_id: shopA.id, status: "approved", booth_label: "A1" }).execute();
  event = { ...ev, exhibitor: { id: shopA.id, slug: shopA.slug } };
  emptyEventSlug = "pameran-tanpa-peserta-uji";
  await db
    .insertInto("events")
    .values({ slug: emptyEventSlug, kind: "exhibition", title_id: "Pameran Tanpa Peserta", title_en: "Exhibition Without Exhibitors", starts_at: "2027-01-10T02:00:00.000Z", ends_at: "2027-01-12T10:00:00.000Z", venue: "Balai Kota", status: "published" })
    .execute();
  buyer = await createUserWithSession({ email: "pembeli.uji@example.org", name: "Pembeli Uji", password: "pembeli-uji-2026", roles: ["buyer"] });
}, 180_000);

function form(fields: Record<string, string> = {}): Record<string, string> {
  return { kind: "product", message: "Apakah kain ini masih tersedia dalam warna biru?", name: "Sari", email: freshEmail(), locale: "id", ...fields };
}

async function ask(query: string, fields: Record<string, string>, init: { cookie?: string | null; ip?: string; headers?: HeadersInit } = {}) {
  const req = request(`/inquiries/new?${query}`, { cookie: init.cookie, form: fields, headers: init.headers });
  return outcome(newAction({ request: req, params: {}, context: { clientIp: init.ip ?? freshIp() } }));
}

/** The same, with a body built by hand (duplicated fields, odd encodings). */
async function askRaw(query: string, body: BodyInit, contentType: string, ip = freshIp()) {
  const req = new Request(`${ORIGIN}/inquiries/new?${query}`, { method: "POST", headers: { "Content-Type": contentType }, body });
  return outcome(newAction({ request: req, params: {}, context: { clientIp: ip } }));
}

const countInquiries = async () => Number((await db.selectFrom("inquiries").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
const countMail = async () => Number((await db.selectFrom("mail_outbox").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
const latestInquiry = () => db.selectFrom("inquiries").selectAll().orderBy("id", "desc").executeTakeFirstOrThrow();

/** A phone number in any usual spelling (+62 / 62 / 0, with separators between the digits). */
function phonePattern(stored: string): RegExp {
  const national = stored.replace(/\D/g, "").replace(/^62/, "").replace(/^0/, "");
  return new RegExp(`(?:\\+?\\s*62|\\b0)?[\\s.\\-()]*${national.split("").join("[\\s.\\-()]*")}(?!\\d)`);
}

function expectNoContactOf(shop: Shop, text: string) {
  expect(text.toLowerCase()).not.toContain(shop.ownerEmail.toLowerCase());
  if (shop.whatsapp) expect(text).not.toMatch(phonePattern(shop.whatsapp));
}

describe("the inquiry form's page", () => {
  it("shows what is asked about for ?product=, ?artisan= and ?event=, with the kind preselected", async () => {
    const product = payloadOf(await newLoader({ request: request(`/inquiries/new?product=${productA.slug}`), params: {}, context: {} }));
    expect(product.state).toBe("form");
    if (product.state !== "form") return;
    expect(product.target.type).toBe("product");
    expect(product.defaults.kind).toBe("product");
    expect(product.defaults.locale).toBe("id");
    expect(product.meta.noindex).toBe(true);

    const artisan = payloadOf(await newLoader({ request: request(`/en/inquiries/new?artisan=${shopA.slug}`), params: { lang: "en" }, context: {} }));
    expect(artisan.state === "form" && artisan.target.type === "artisan" && artisan.target.artisan.name).toBe(shopA.name);
    expect(artisan.state === "form" && artisan.defaults).toMatchObject({ kind: "custom", locale: "en" });

    const ev = payloadOf(await newLoader({ request: request(`/inquiries/new?event=${event.slug}&artisan=${shopA.slug}`), params: {}, context: {} }));
    if (ev.state !== "form" || ev.target.type !== "event") throw new Error("expected the event form");
    expect(ev.defaults.kind).toBe("exhibition");
    expect(ev.defaults.exhibitor).toBe(shopA.slug);
    expect(ev.target.event.exhibitors.map((x) => x.slug)).toContain(shopA.slug);

    const empty = payloadOf(await newLoader({ request: request(`/inquiries/new?event=${emptyEventSlug}`), params: {}, context: {} }));
    expect(empty.state === "form" && empty.target.type === "event" && empty.target.event.exhibitors).toEqual([]);

    for (const page of [product, artisan, ev]) expectNoContactOf(shopA, JSON.stringify(page));
  });

  it("is a 404 without a parameter, for an unknown or unpublished slug and for an absurd one", async () => {
    for (const query of ["", "product=no-such-product", `product=${draftSlug}`, "artisan=no-such-shop", "event=no-such-event", `product=${"x".repeat(5000)}`]) {
      expect((await outcome(newLoader({ request: request(`/inquiries/new?${query}`), params: {}, context: {} }))).status, query).toBe(404);
      expect((await ask(query, form())).status, `POST ${query}`).toBe(404);
    }
  });

  it("prefills a signed-in buyer's name and shows their account's e-mail", async () => {
    const page = payloadOf(await newLoader({ request: request(`/inquiries/new?product=${productA.slug}`, { cookie: buyer.cookie }), params: {}, context: {} }));
    expect(page.state === "form" && page.user).toEqual({ name: "Pembeli Uji", email: "pembeli.uji@example.org" });
    expect(page.state === "form" && page.defaults.name).toBe("Pembeli Uji");
  });
});

describe("sending an inquiry", () => {
  it("a guest's is stored with its first message and mail, and they are sent to the confirmation without the link", async () => {
    const email = freshEmail();
    const before = await countInquiries();
    const res = await ask(`product=${productA.slug}`, form({ email, kind: "custom", quantity: "20", budget: "1.500.000", locale: "en", name: "Sari Wulandari" }));
    expect(res.status).toBe(303);
    expect(res.headers?.get("Location")).toBe("/inquiries/new?sent=1");
    expect(await countInquiries()).toBe(before + 1);
    const row = await latestInquiry();
    expect(row).toMatchObject({
      artisan_id: shopA.id,
      product_id: productA.id,
      event_id: null,
      buyer_user_id: null,
      buyer_name: "Sari Wulandari",
      buyer_email: email,
      kind: "custom",
      quantity: 20,
      budget: 1_500_000,
      locale: "en",
      status: "new",
      source: "product_page",
      source_link_id: null,
    });
    expect(row.token).toMatch(/^[A-Z0-9]{16}$/);
    expect(res.headers?.get("Location")).not.toContain(row.token);
    const messages = await db.selectFrom("inquiry_messages").select(["author", "body"]).where("inquiry_id", "=", row.id).execute();
    expect(messages).toEqual([{ author: "buyer", body: "Apakah kain ini masih tersedia dalam warna biru?" }]);
    const mail = await db.selectFrom("mail_outbox").select(["to_address", "template", "text_body", "html_body", "subject"]).where("created_at", ">=", row.created_at).execute();
    const receipt = mail.find((m) => m.to_address === email);
    expect(receipt?.template).toBe("inquiryReceipt");
    expect(receipt?.text_body).toContain(`/en/inquiries/${row.token}`);
    expect(mail.find((m) => m.to_address === shopA.ownerEmail)?.template).toBe("inquiryNotice");
    expectNoContactOf(shopA, `${receipt?.subject}\n${receipt?.text_body}\n${receipt?.html_body}`);

    const sent = payloadOf(await newLoader({ request: request("/inquiries/new?sent=1"), params: {}, context: {} }));
    expect(sent.state).toBe("sent");
    expect(JSON.stringify(sent)).not.toContain(row.token);
  });

  it("a signed-in buyer's uses the account's e-mail, records them and goes straight to the thread", async () => {
    const res = await ask(`artisan=${shopA.slug}`, form({ kind: "custom", email: "someone.else@example.org" }), { cookie: buyer.cookie });
    const row = await latestInquiry();
    expect(res.status).toBe(303);
    expect(res.headers?.get("Location")).toBe(`/inquiries/${row.token}`);
    expect(row).toMatchObject({ buyer_user_id: buyer.id, buyer_email: "pembeli.uji@example.org", source: "artisan_page", product_id: null });
    expect(await db.selectFrom("mail_outbox").select("id").where("to_address", "=", "someone.else@example.org").execute()).toEqual([]);
  });

  it("records each source: product page, search, artisan page, event page", async () => {
    await ask(`product=${productA.slug}`, form());
    expect((await latestInquiry()).source).toBe("product_page");
    // Carried from a catalogue search through the product page's link and the form's hidden field.
    await ask(`product=${productA.slug}&src=search`, form({ src: "search" }));
    expect((await latestInquiry()).source).toBe("search");
    await ask(`artisan=${shopB.slug}`, form({ kind: "wholesale" }));
    expect(await latestInquiry()).toMatchObject({ source: "artisan_page", artisan_id: shopB.id, kind: "wholesale" });
    await ask(`event=${event.slug}`, form({ kind: "exhibition", exhibitor: event.exhibitor.slug }));
    expect(await latestInquiry()).toMatchObject({ source: "event_page", artisan_id: shopA.id, event_id: event.id, product_id: null, kind: "exhibition" });
  });

  it("credits a booth link of the same shop and a campaign link, not another shop's booth link", async () => {
    const now = new Date();
    const booth = await createLink({ kind: "booth", artisanId: shopA.id, eventId: event.id, targetPath: `/artisans/${shopA.slug}`, code: "BOOTHA01" });
    const campaign = await createLink({ kind: "campaign", targetPath: "/products", code: "KAMPANYE1" });
    const cookieOf = async (code: string) => (await attributionSetCookie({ code }, new Date(now.getTime() - 3 * 24 * 3600 * 1000))).split(";")[0];

    await ask(`product=${productA.slug}&src=search`, form({ src: "search" }), { headers: { Cookie: await cookieOf(booth.code) } });
    expect(await latestInquiry()).toMatchObject({ source: "link", source_link_id: booth.id });
    await ask(`artisan=${shopB.slug}`, form({ kind: "custom" }), { headers: { Cookie: await cookieOf(booth.code) } });
    expect(await latestInquiry()).toMatchObject({ source: "artisan_page", source_link_id: null });
    await ask(`artisan=${shopB.slug}`, form({ kind: "custom" }), { headers: { Cookie: await cookieOf(campaign.code) } });
    expect(await latestInquiry()).toMatchObject({ source: "link", source_link_id: campaign.id });
  });
});

describe("attribution cookie rules (readAttribution)", () => {
  const at = new Date("2026-11-20T05:00:00.000Z");
  const req = (cookie: string) => new Request(`${ORIGIN}/inquiries/new`, { headers: { Cookie: cookie } });
  let booth: { id: number; code: string };
  let campaign: { id: number; code: string };
  let expired: { id: number; code: string };

  beforeAll(async () => {
    booth = await createLink({ kind: "booth", artisanId: shopA.id, targetPath: "/", code: "RULEBOOTH" });
    campaign = await createLink({ kind: "campaign", targetPath: "/", code: "RULECAMP" });
    expired = await createLink({ kind: "campaign", targetPath: "/", code: "RULEOLD", validUntil: "2026-11-01T00:00:00.000Z" });
  });

  it("credits within 30 days of the touch, booth links only to their own shop", async () => {
    const cookie = (await attributionSetCookie(booth, at)).split(";")[0];
    expect(cookie.startsWith(`${ATTRIBUTION_COOKIE}=`)).toBe(true);
    expect(await readAttribution(req(cookie), { artisanId: shopA.id, now: new Date("2026-12-20T04:59:59.000Z") })).toEqual({ linkId: booth.id });
    expect(await readAttribution(req(cookie), { artisanId: shopA.id, now: new Date("2026-12-20T05:00:01.000Z") })).toBeNull();
    expect(await readAttribution(req(cookie), { artisanId: shopB.id, now: at })).toBeNull();
    // A touch "in the future" (clock skew, a forged time) does not count.
    expect(await readAttribution(req(cookie), { artisanId: shopA.id, now: new Date("2026-11-19T00:00:00.000Z") })).toBeNull();
    const camp = (await attributionSetCookie(campaign, at)).split(";")[0];
    expect(await readAttribution(req(camp), { artisanId: shopB.id, now: at })).toEqual({ linkId: campaign.id });
  });

  it("ignores links not valid at the touch, deleted links, forged, unsigned and malformed cookies", async () => {
    expect(await readAttribution(req((await attributionSetCookie(expired, at)).split(";")[0]), { artisanId: shopA.id, now: at })).toBeNull();
    expect(await readAttribution(req((await attributionSetCookie({ code: "GONE1234" }, at)).split(";")[0]), { artisanId: shopA.id, now: at })).toBeNull();
    const unsigned = `${ATTRIBUTION_COOKIE}=${Buffer.from(JSON.stringify({ code: campaign.code, at: at.toISOString() })).toString("base64")}`;
    expect(await readAttribution(req(unsigned), { artisanId: shopA.id, now: at })).toBeNull();
    const signed = (await attributionSetCookie(campaign, at)).split(";")[0];
    const tampered = signed.replace(/.(?=\.)/, (c) => (c === "A" ? "B" : "A"));
    expect(await readAttribution(req(tampered), { artisanId: shopA.id, now: at })).toBeNull();
    for (const junk of [`${ATTRIBUTION_COOKIE}=`, `${ATTRIBUTION_COOKIE}=%E0%A4%A`, `${ATTRIBUTION_COOKIE}=${"x".repeat(5000)}`, "other=1"]) {
      expect(await readAttribution(req(junk), { artisanId: shopA.id, now: at })).toBeNull();
    }
  });
});

describe("rate limits (sliding windows counted from the inquiries table)", () => {
  const T0 = new Date("2026-12-02T03:00:00.000Z"); // 10:00 WIB
  const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);
  const base = (email: string, ip: string, now: Date) => ({
    artisanId: shopA.id,
    buyerName: "Uji Batas",
    buyerEmail: email,
    kind: "product" as const,
    locale: "id" as const,
    source: "product_page" as const,
    message: "Pertanyaan uji batas",
    clientIp: ip,
    now,
  });

  it("computes when a full window admits one more", () => {
    const times = ["2026-12-02T03:00:00.000Z", "2026-12-02T03:10:00.000Z", "2026-12-02T03:20:00.000Z"];
    expect(slidingRetryAt(times, 4, 3600)).toBeNull();
    expect(slidingRetryAt(times, 3, 3600)?.toISOString()).toBe("2026-12-02T04:00:00.000Z");
    expect(slidingRetryAt(times, 2, 3600)?.toISOString()).toBe("2026-12-02T04:10:00.000Z");
  });

  it("refuses the 6th from one e-mail within the hour, stores nothing, and lets one more in when the 1st leaves", async () => {
    const email = "batas.email@example.org";
    for (const n of [0, 10, 20, 30, 40]) expect((await submitInquiry(base(email, freshIp(), minutes(n)))).kind).toBe("sent");
    const before = await countInquiries();
    const mailBefore = await countMail();
    const sixth = await submitInquiry(base(email, freshIp(), minutes(50)));
    expect(sixth).toEqual({ kind: "rate_limited", by: "email", limit: 5, windowSeconds: 3600, retryAt: minutes(60), retryAfterSeconds: 600 });
    // The address in another spelling is the same sender.
    expect((await submitInquiry(base("Batas.Email@Example.org", freshIp(), minutes(59)))).kind).toBe("rate_limited");
    expect(await countInquiries()).toBe(before);
    expect(await countMail()).toBe(mailBefore);
    // At 11:00 WIB the 10:00 inquiry leaves the window: one more fits, then the next waits for the 10:10 one.
    expect((await submitInquiry(base(email, freshIp(), minutes(60)))).kind).toBe("sent");
    const next = await submitInquiry(base(email, freshIp(), minutes(61)));
    expect(next.kind === "rate_limited" && next.retryAt.toISOString()).toBe(minutes(70).toISOString());
  });

  it("counts one IP across WIB midnight although its daily hash changes", async () => {
    const ip = "203.0.113.77";
    const evening = new Date("2026-12-03T16:30:00.000Z"); // 23:30 WIB
    const at = (n: number) => new Date(evening.getTime() + n * 60_000);
    for (const n of [0, 5, 10, 15, 20]) expect((await submitInquiry(base(freshEmail(), ip, at(n))))).toMatchObject({ kind: "sent" });
    // 00:10 WIB the next day: today's hash is new, but yesterday's inquiries are still in the window.
    const refused = await submitInquiry(base(freshEmail(), ip, at(40)));
    expect(refused).toEqual({ kind: "rate_limited", by: "ip", limit: 5, windowSeconds: 3600, retryAt: at(60), retryAfterSeconds: 1200 });
    // Another IP is not affected.
    expect((await submitInquiry(base(freshEmail(), "203.0.113.78", at(40)))).kind).toBe("sent");
    const allowed = await submitInquiry(base(freshEmail(), ip, at(60)));
    expect(allowed.kind).toBe("sent");
    const row = await db.selectFrom("inquiries").select("ip_hash").where("id", "=", allowed.kind === "sent" ? allowed.inquiryId : 0).executeTakeFirstOrThrow();
    expect(row.ip_hash).toBe(ipHash(ip, at(60)));
    expect(row.ip_hash).not.toBe(ipHash(ip, at(0)));
  });

  it("the form answers the (limit+1)-th with 429, Retry-After, a WIB retry time and every value kept", async () => {
    const email = "batas.form@example.org";
    const now = Date.now();
    const first = new Date(now - 45 * 60_000);
    for (const n of [0, 5, 10, 15, 20]) await submitInquiry(base(email, freshIp(), new Date(first.getTime() + n * 60_000)));
    const before = await countInquiries();
    const fields = form({ email, kind: "wholesale", quantity: "300", budget: "45000000", name: "Toko Ekspor", message: "Minta harga grosir 300 lembar." });
    const res = await ask(`product=${productA.slug}`, fields);
    expect(res.status).toBe(429);
    expect(await countInquiries()).toBe(before);
    const body = res.body as { result: { initialValue: Record<string, string> }; limited: LimitNotice };
    expect(body.result.initialValue).toMatchObject({ email, kind: "wholesale", quantity: "300", budget: "45000000", name: "Toko Ekspor", message: "Minta harga grosir 300 lembar." });
    const retryAt = new Date(first.getTime() + 60 * 60_000);
    const wib = new Date(retryAt.getTime() + 7 * 3600_000).toISOString().slice(11, 16);
    const waitSeconds = Math.ceil((retryAt.getTime() - now) / 1000);
    expect(body.limited.key).toBe("inquiries.errors.tooManyEmail");
    expect(body.limited.values.time).toBe(wib);
    expect(Math.abs(Number(body.limited.values.minutes) - Math.ceil(waitSeconds / 60))).toBeLessThanOrEqual(1);
    const en = await i18next.getFixedT("en");
    expect(body.limited.window).toEqual({ key: "inquiries.errors.windowOneHour", count: 1 });
    expect(limitText(en as never, body.limited)).toBe(
      `You have sent 5 inquiries in the last hour. You can send again at ${wib} WIB (in ${body.limited.values.minutes} minutes).`,
    );
    const id = await i18next.getFixedT("id");
    expect(limitText(id as never, body.limited)).toBe(
      `Anda telah mengirim 5 pertanyaan dalam satu jam terakhir. Anda dapat mengirim lagi pukul ${wib} WIB (${body.limited.values.minutes} menit lagi).`,
    );
  });

  it("the 429 carries Retry-After", async () => {
    const email = "batas.header@example.org";
    for (let n = 0; n < 5; n++) await submitInquiry(base(email, freshIp(), new Date(Date.now() - (30 - n) * 60_000)));
    const req = request(`/inquiries/new?product=${productA.slug}`, { form: form({ email }) });
    const result = await newAction({ request: req, params: {}, context: { clientIp: freshIp() } });
    const init = (result as unknown as { init: { status: number; headers: Record<string, string> } }).init;
    expect(init.status).toBe(429);
    const retryAfter = Number(init.headers["Retry-After"]);
    expect(retryAfter).toBeGreaterThan(29 * 60);
    expect(retryAfter).toBeLessThanOrEqual(30 * 60);
  });
});

describe("abuse and bad input", () => {
  it("a filled honeypot answers like a success and creates and sends nothing", async () => {
    const before = await countInquiries();
    const mailBefore = await countMail();
    const trap = await ask(`product=${productA.slug}`, form({ website: "http://spam.example" }));
    const real = await ask(`product=${productA.slug}`, form());
    expect(trap.status).toBe(303);
    expect(trap.headers?.get("Location")).toBe(real.headers?.get("Location"));
    expect(trap.headers?.get("Set-Cookie")).toBe(real.headers?.get("Set-Cookie"));
    expect(await countInquiries()).toBe(before + 1);
    expect(await countMail()).toBe(mailBefore + 2); // the real one's receipt and notice only
    // Even with every other field missing or wrong.
    expect((await ask(`product=${productA.slug}`, { website: "x" })).status).toBe(303);
    expect(await countInquiries()).toBe(before + 1);
  });

  it("a sender the shop blocked is filed as spam: normal success for them, no mail to the artisan", async () => {
    const email = "diblokir@example.org";
    await db.insertInto("inquiry_blocks").values({ artisan_id: shopA.id, email }).execute();
    const mailBefore = await db.selectFrom("mail_outbox").select("id").orderBy("id", "desc").executeTakeFirst();
    const res = await ask(`product=${productA.slug}`, form({ email: "Diblokir@Example.org" }));
    expect(res.status).toBe(303);
    expect(res.headers?.get("Location")).toBe("/inquiries/new?sent=1");
    expect(await latestInquiry()).toMatchObject({ buyer_email: email, status: "spam", artisan_id: shopA.id });
    const mail = await db.selectFrom("mail_outbox").select(["to_address", "template"]).where("id", ">", mailBefore?.id ?? 0).execute();
    expect(mail).toEqual([{ to_address: email, template: "inquiryReceipt" }]);
    // Another shop still hears from them.
    await ask(`artisan=${shopB.slug}`, form({ email, kind: "custom" }));
    expect((await latestInquiry()).status).toBe("new");
  });

  it("field errors answer 400 with translated keys, keep every value and store nothing", async () => {
    const before = await countInquiries();
    const fields = { message: "x".repeat(5001), quantity: "dua puluh", budget: "-5", name: "Budi", email: "bukan-email", locale: "id" };
    const res = await ask(`product=${productA.slug}`, fields);
    expect(res.status).toBe(400);
    const body = res.body as { result: { error: Record<string, string[]>; initialValue: Record<string, string> } };
    expect(body.result.error).toEqual({
      kind: ["inquiries.errors.kindRequired"],
      message: ["inquiries.errors.messageTooLong"],
      quantity: ["inquiries.errors.quantityInvalid"],
      budget: ["inquiries.errors.budgetInvalid"],
      email: ["inquiries.errors.emailInvalid"],
    });
    expect(body.result.initialValue).toEqual(fields);
    expect(await countInquiries()).toBe(before);
    // The event form needs an exhibitor, and one of this event's.
    const noExhibitor = await ask(`event=${event.slug}`, form({ kind: "exhibition" }));
    expect(noExhibitor.status).toBe(400);
    expect((noExhibitor.body as { result: { error: Record<string, string[]> } }).result.error).toEqual({ exhibitor: ["inquiries.errors.exhibitorRequired"] });
    const stranger = await ask(`event=${event.slug}`, form({ kind: "exhibition", exhibitor: shopB.slug === event.exhibitor.slug ? "nope" : "no-such-shop" }));
    expect(stranger.status).toBe(400);
    expect(await countInquiries()).toBe(before);
  });

  it("accepts rupiah as people type it and refuses what is not a sensible whole number", async () => {
    for (const [budget, stored] of [["1.500.000", 1_500_000], ["Rp 250.000", 250_000], ["2,000,000", 2_000_000], ["750000", 750_000]] as const) {
      await ask(`product=${productA.slug}`, form({ budget }));
      expect((await latestInquiry()).budget, budget).toBe(stored);
    }
    for (const quantity of ["0", "-1", "1.5", "1e3", "100001", "99999999999999999999", "١٢"]) {
      const res = await ask(`product=${productA.slug}`, form({ quantity }));
      expect(res.status, quantity).toBe(400);
    }
  });

  it("huge, duplicated, missing or malformed input is never a 500", async () => {
    const q = `product=${productA.slug}`;
    const cases: [string, BodyInit, string][] = [
      ["empty", "", "application/x-www-form-urlencoded"],
      ["duplicated fields", "kind=product&kind=custom&message=a&message=b&name=A&name=B&email=a%40b.co&email=c%40d.co&locale=id&locale=en", "application/x-www-form-urlencoded"],
      ["huge message", `kind=product&name=A&email=a%40b.co&locale=id&message=${"y".repeat(300_000)}`, "application/x-www-form-urlencoded"],
      ["huge name", `kind=product&message=hi&email=a%40b.co&locale=id&name=${"n".repeat(50_000)}`, "application/x-www-form-urlencoded"],
      ["unknown kind and locale", "kind=gift&message=hi&name=A&email=a%40b.co&locale=fr", "application/x-www-form-urlencoded"],
      ["multipart without boundary", "garbage", "multipart/form-data"],
      ["broken multipart", "--XX\r\nContent-Disposition: form-data; name=\"message\"\r\n\r\nhalo", "multipart/form-data; boundary=XX"],
      ["json", JSON.stringify({ message: "hi" }), "application/json"],
    ];
    const before = await countInquiries();
    for (const [label, body, type] of cases) {
      const res = await askRaw(q, body, type);
      expect(res.status, label).toBeGreaterThanOrEqual(400);
      expect(res.status, label).toBeLessThan(500);
    }
    expect(await countInquiries()).toBe(before);
  });

  it("a multipart form with photos refused keeps the text and stores nothing", async () => {
    const body = new FormData();
    for (const [k, v] of Object.entries(form())) body.append(k, v);
    body.append("photos", new File([Buffer.from("this is not an image")], "desain.jpg", { type: "image/jpeg" }));
    const before = await countInquiries();
    const req = new Request(`${ORIGIN}/inquiries/new?product=${productA.slug}`, { method: "POST", body });
    const res = await outcome(newAction({ request: req, params: {}, context: { clientIp: freshIp() } }));
    expect(res.status).toBe(400);
    const data = res.body as { result: { initialValue: Record<string, string> }; refusals: { filename: string; code: string }[] };
    expect(data.refusals).toEqual([{ filename: "desain.jpg", code: "not_image" }]);
    expect(data.result.initialValue.message).toBe("Apakah kain ini masih tersedia dalam warna biru?");
    expect(await countInquiries()).toBe(before);
  });

  it("a multipart form with two photos stores the inquiry with both photos on its first message, in order", async () => {
    const png = (r: number) => sharp({ create: { width: 30 + r, height: 20, channels: 3, background: { r, g: 80, b: 120 } } }).png().toBuffer();
    const body = new FormData();
    for (const [k, v] of Object.entries(form())) body.append(k, v);
    body.append("photos", new File([new Uint8Array(await png(1))], "desain-1.png", { type: "image/png" }));
    body.append("photos", new File([new Uint8Array(await png(2))], "desain-2.png", { type: "image/png" }));
    const req = new Request(`${ORIGIN}/inquiries/new?product=${productA.slug}`, { method: "POST", body });
    const res = await outcome(newAction({ request: req, params: {}, context: { clientIp: freshIp() } }));
    expect(res.status).toBe(303);
    const inquiry = await db.selectFrom("inquiries").select("id").orderBy("id", "desc").executeTakeFirstOrThrow();
    const photos = await db
      .selectFrom("inquiry_message_images as mi")
      .innerJoin("inquiry_messages as m", "m.id", "mi.message_id")
      .innerJoin("images as im", "im.id", "mi.image_id")
      .select(["m.author", "mi.position", "im.width"])
      .where("m.inquiry_id", "=", inquiry.id)
      .orderBy("mi.position")
      .execute();
    expect(photos).toEqual([
      { author: "buyer", position: 0, width: 31 },
      { author: "buyer", position: 1, width: 32 },
    ]);
  });
});

describe("the guest's thread /inquiries/:token", () => {
  async function guestThread(email = freshEmail()) {
    const created = await createInquiry({ artisanId: shopA.id, productId: productA.id, buyerName: "Tamu", buyerEmail: email, kind: "product", message: "Masih ada?" });
    return created;
  }

  it("is a 404 for a wrong or malformed token, with the private headers", async () => {
    for (const token of ["ABCDEFGHJKLMNPQR", "abc", "x".repeat(5000), "../../etc", ""]) {
      const res = await outcome(threadLoader({ request: request(`/inquiries/${encodeURIComponent(token)}`), params: { token }, context: {} }));
      expect(res.status, token).toBe(404);
      expect(res.headers?.get("Referrer-Policy")).toBe("same-origin");
      expect((await outcome(threadAction({ request: request(`/inquiries/x`, { form: { message: "hi" } }), params: { token }, context: { clientIp: freshIp() } }))).status).toBe(404);
    }
  });

  it("shows the thread without the artisan's contact, marks the artisan's messages read, and is private", async () => {
    const { id, token } = await guestThread();
    await addInquiryMessage({ inquiryId: id, author: "artisan", artisanId: shopA.id, body: "Masih, Kak. Mau warna apa?" });
    const result = await threadLoader({ request: request(`/inquiries/${token}`), params: { token }, context: {} });
    const page = payloadOf(result);
    expect(page.thread).toMatchObject({ token, kind: "product", status: "answered", open: true, artisan: { slug: shopA.slug, name: shopA.name }, product: { slug: productA.slug } });
    expect(page.messages.map((m) => [m.author, m.body])).toEqual([["buyer", "Masih ada?"], ["artisan", "Masih, Kak. Mau warna apa?"]]);
    expect(JSON.stringify(page)).not.toContain(`"id":${id},`);
    expectNoContactOf(shopA, JSON.stringify(page));
    const unread = await db.selectFrom("inquiry_messages").select("read_at").where("inquiry_id", "=", id).where("author", "=", "artisan").execute();
    expect(unread.every((m) => m.read_at !== null)).toBe(true);
    const init = (result as unknown as { init: { headers: Record<string, string> } }).init;
    expect(init.headers).toMatchObject({ "Referrer-Policy": "same-origin", "Cache-Control": "private, no-store" });
    const documentHeaders = new Headers(threadHeaders({} as never) as HeadersInit);
    expect(documentHeaders.get("Referrer-Policy")).toBe("same-origin");
    expect(documentHeaders.get("Cache-Control")).toBe("private, no-store");
    expect(page.meta.noindex).toBe(true);
  });

  it("the buyer's reply reaches the thread and the artisan's mail, with no contact of the artisan in the buyer's mail", async () => {
    const email = freshEmail();
    const { id, token } = await guestThread(email);
    await addInquiryMessage({ inquiryId: id, author: "artisan", artisanId: shopA.id, body: "Bisa, warna apa?" });
    const lastMail = (await db.selectFrom("mail_outbox").select("id").orderBy("id", "desc").executeTakeFirst())?.id ?? 0;
    const res = await outcome(threadAction({ request: request(`/inquiries/${token}`, { form: { message: "Biru tua, 2 lembar. Lihat https://contoh.example/desain" } }), params: { token }, context: { clientIp: freshIp() } }));
    expect(res.status).toBe(303);
    expect(res.headers?.get("Location")).toBe(`/inquiries/${token}`);
    const messages = await db.selectFrom("inquiry_messages").select(["author", "body"]).where("inquiry_id", "=", id).orderBy("id").execute();
    expect(messages.at(-1)).toEqual({ author: "buyer", body: "Biru tua, 2 lembar. Lihat https://contoh.example/desain" });
    const mail = await db.selectFrom("mail_outbox").select(["to_address", "template"]).where("id", ">", lastMail).execute();
    expect(mail).toEqual([{ to_address: shopA.ownerEmail, template: "inquiryNotice" }]);
    // Everything the buyer ever received about this thread.
    const toBuyer = await db.selectFrom("mail_outbox").select(["subject", "text_body", "html_body"]).where("to_address", "=", email).execute();
    for (const m of toBuyer) expectNoContactOf(shopA, `${m.subject}\n${m.text_body}\n${m.html_body}`);
  });

  it("an empty reply is a 400; a closed or spam thread shows as closed and takes no reply (409)", async () => {
    const { id, token } = await guestThread();
    expect((await outcome(threadAction({ request: request(`/inquiries/${token}`, { form: { message: "   " } }), params: { token }, context: { clientIp: freshIp() } }))).status).toBe(400);
    await closeInquiry({ inquiryId: id, artisanId: shopA.id, status: "spam" });
    const page = payloadOf(await threadLoader({ request: request(`/inquiries/${token}`), params: { token }, context: {} }));
    expect(page.thread).toMatchObject({ status: "closed", open: false });
    const before = await db.selectFrom("inquiry_messages").select("id").where("inquiry_id", "=", id).execute();
    expect((await outcome(threadAction({ request: request(`/inquiries/${token}`, { form: { message: "Halo?" } }), params: { token }, context: { clientIp: freshIp() } }))).status).toBe(409);
    expect(await db.selectFrom("inquiry_messages").select("id").where("inquiry_id", "=", id).execute()).toEqual(before);
  });

  it("limits a thread's replies: the 21st within the hour is a 429", async () => {
    const { token } = await guestThread();
    for (let n = 1; n <= 20; n++) {
      const res = await outcome(threadAction({ request: request(`/inquiries/${token}`, { form: { message: `Balasan ${n}` } }), params: { token }, context: { clientIp: freshIp() } }));
      expect(res.status, `reply ${n}`).toBe(303);
    }
    const refused = await threadAction({ request: request(`/inquiries/${token}`, { form: { message: "Balasan 21" } }), params: { token }, context: { clientIp: freshIp() } });
    const init = (refused as unknown as { init: { status: number; headers: Record<string, string> } }).init;
    expect(init.status).toBe(429);
    expect(Number(init.headers["Retry-After"])).toBeGreaterThan(0);
  });
});

describe("/account/inquiries", () => {
  it("sends anonymous visitors to log in", async () => {
    const res = await outcome(accountLoader({ request: request("/account/inquiries"), params: {}, context: {} }));
    expect(res.status).toBe(303);
    expect(res.headers?.get("Location")).toBe("/login?redirectTo=%2Faccount%2Finquiries");
  });

  it("lists the buyer's own threads, newest activity first, with unread replies counted", async () => {
    const someone = await createUserWithSession({ email: "daftar.uji@example.org", name: "Daftar Uji", password: "daftar-uji-2026", roles: ["buyer"] });
    const older = await createInquiry({ artisanId: shopA.id, productId: productA.id, buyerUserId: someone.id, buyerName: "Daftar Uji", buyerEmail: someone.email, kind: "product", message: "Satu", now: new Date("2026-11-01T01:00:00.000Z") });
    const newer = await createInquiry({ artisanId: shopB.id, buyerUserId: someone.id, buyerName: "Daftar Uji", buyerEmail: someone.email, kind: "custom", message: "Dua", now: new Date("2026-11-02T01:00:00.000Z") });
    await createInquiry({ artisanId: shopA.id, buyerName: "Orang Lain", buyerEmail: "lain@example.org", kind: "custom", message: "Bukan milik Anda" });
    await addInquiryMessage({ inquiryId: older.id, author: "artisan", artisanId: shopA.id, body: "Balasan 1", now: new Date("2026-11-03T01:00:00.000Z") });
    await addInquiryMessage({ inquiryId: older.id, author: "artisan", artisanId: shopA.id, body: "Balasan 2", now: new Date("2026-11-03T02:00:00.000Z") });
    await closeInquiry({ inquiryId: newer.id, artisanId: shopB.id, status: "spam", now: new Date("2026-11-02T02:00:00.000Z") });

    const page = payloadOf(await accountLoader({ request: request("/account/inquiries", { cookie: someone.cookie }), params: {}, context: {} }));
    expect(page.threads.map((x) => [x.token, x.artisan_name, x.status, x.unread])).toEqual([
      [older.token, shopA.name, "answered", 2],
      [newer.token, shopB.name, "closed", 0],
    ]);
    expect(page.meta.noindex).toBe(true);
    expectNoContactOf(shopA, JSON.stringify(page));
    expectNoContactOf(shopB, JSON.stringify(page));
    // Reading the thread clears the count.
    await threadLoader({ request: request(`/inquiries/${older.token}`), params: { token: older.token }, context: {} });
    const after = payloadOf(await accountLoader({ request: request("/account/inquiries", { cookie: someone.cookie }), params: {}, context: {} }));
    expect(after.threads[0].unread).toBe(0);
  });
});

describe("the product page carries the search source", () => {
  it("marks a visit from a search without changing the canonical URL", async () => {
    const plain = payloadOf(await productLoader({ request: request(`/products/${productA.slug}`), params: { slug: productA.slug }, context: {} }));
    const fromSearch = payloadOf(await productLoader({ request: request(`/products/${productA.slug}?src=search`), params: { slug: productA.slug }, context: {} }));
    expect(plain.fromSearch).toBe(false);
    expect(fromSearch.fromSearch).toBe(true);
    expect(fromSearch.meta.canonical).toBe(plain.meta.canonical);
    expect(fromSearch.meta.canonical).toBe(`${ORIGIN}/products/${productA.slug}`);
  });
});

describe("the pages as served (HTML from the production build)", () => {
  let handle: (request: Request) => Promise<Response>;

  /** The build the server would run; rebuilt when any app/ file is newer (as public-pages-privacy.test.ts does). */
  function ensureFreshBuild(): string {
    const buildFile = path.join(REPO_ROOT, "build/index.js");
    const walk = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
    const built = fs.existsSync(buildFile) ? fs.statSync(buildFile).mtimeMs : 0;
    const newest = Math.max(...[path.join(REPO_ROOT, "remix.config.js"), ...walk(path.join(REPO_ROOT, "app"))].map((f) => fs.statSync(f).mtimeMs));
    if (newest > built) {
      execFileSync(path.join(REPO_ROOT, "node_modules/.bin/remix"), ["build"], { cwd: REPO_ROOT, stdio: "pipe", env: { ...process.env, NODE_ENV: "production" } });
    }
    return buildFile;
  }

  beforeAll(async () => {
    const build = (await import(pathToFileURL(ensureFreshBuild()).href)) as ServerBuild;
    const handler = createRequestHandler(build, "production");
    handle = (req) => handler(req, { clientIp: freshIp() });
  }, 120_000);

  const get = async (pathname: string, cookie?: string) => {
    const headers = new Headers({ Accept: "text/html", "User-Agent": "asking-scan" });
    if (cookie) headers.set("Cookie", cookie.split(";")[0]);
    const response = await handle(new Request(`${ORIGIN}${pathname}`, { headers }));
    return { status: response.status, html: await response.text(), headers: response.headers };
  };

  it("no page shows the artisan's phone number or e-mail address", async () => {
    const { id, token } = await createInquiry({ artisanId: shopA.id, productId: productA.id, buyerUserId: buyer.id, buyerName: "Pembeli Uji", buyerEmail: buyer.email, kind: "product", message: "Halo" });
    await addInquiryMessage({ inquiryId: id, author: "artisan", artisanId: shopA.id, body: "Halo juga, silakan tanya." });
    const pages = [
      `/inquiries/new?product=${productA.slug}`,
      `/en/inquiries/new?artisan=${shopA.slug}`,
      `/inquiries/new?event=${event.slug}&artisan=${shopA.slug}`,
      "/inquiries/new?sent=1",
      `/inquiries/${token}`,
      `/en/inquiries/${token}`,
    ];
    for (const pathname of pages) {
      const page = await get(pathname, buyer.cookie);
      expect(page.status, pathname).toBe(200);
      if (!pathname.endsWith("sent=1")) expect(page.html, pathname).toContain(shopA.name.replace(/&/g, "&amp;"));
      expectNoContactOf(shopA, page.html);
    }
    const list = await get("/account/inquiries", buyer.cookie);
    expect(list.html).toContain(`/inquiries/${token}`);
    expectNoContactOf(shopA, list.html);
    // A form sent back with an error (document POST, no JavaScript) is a page too.
    const body = new URLSearchParams(form({ quantity: "banyak" }));
    const posted = await handle(
      new Request(`${ORIGIN}/inquiries/new?product=${productA.slug}`, { method: "POST", body, headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "text/html" } }),
    );
    expect(posted.status).toBe(400);
    const html = await posted.text();
    expect(html).toContain("Apakah kain ini masih tersedia dalam warna biru?");
    expectNoContactOf(shopA, html);
  });

  it("the thread page is private and the honeypot is hidden without inline styles", async () => {
    const { token } = await createInquiry({ artisanId: shopA.id, buyerName: "Tamu", buyerEmail: freshEmail(), kind: "custom", message: "Halo" });
    const thread = await get(`/inquiries/${token}`);
    expect(thread.headers.get("Referrer-Policy")).toBe("same-origin");
    expect(thread.headers.get("Cache-Control")).toBe("private, no-store");
    expect(thread.html).toContain('<meta name="robots" content="noindex, follow"/>');
    const missing = await get("/inquiries/ABCDEFGHJKLMNPQR");
    expect(missing.status).toBe(404);

    const page = await get(`/inquiries/new?product=${productA.slug}`);
    const honeypot = /<div class="honeypot" aria-hidden="true">(.*?)<\/div>/s.exec(page.html)?.[1] ?? "";
    expect(honeypot).toMatch(/<input[^>]*name="website"/);
    expect(honeypot).toMatch(/tabindex="-1"/i);
    expect(honeypot).toMatch(/autocomplete="off"/i);
    expect(page.html).not.toMatch(/ style="/);
    expect(page.html).toContain('<meta name="robots" content="noindex, follow"/>');
  });
});

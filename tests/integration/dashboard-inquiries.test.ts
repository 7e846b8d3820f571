/**
 * The artisan's side of inquiries: the inbox (filters, unread counts, spam
 * hidden, pages), one thread (reply, offline sale, order link, close/reopen,
 * spam, block) and the WhatsApp log. Another shop's thread is a 404
 * everywhere. Counts and lists are worked out by hand from the threads made
 * in beforeAll.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createArtisan, decideArtisanMembership } from "~/models/artisan.server";
import { addInquiryMessage, closeInquiry, countUnreadOfArtisan, createInquiry, listInbox } from "~/models/inquiry.server";
import { createProduct } from "~/models/product.server";
import { createWhatsappReferral } from "~/models/whatsapp-referral.server";
import { loader as overview } from "~/routes/($lang).dashboard._index";
import { loader as inbox } from "~/routes/($lang).dashboard.inquiries._index";
import { action as whatsappAction, loader as whatsappLoader } from "~/routes/($lang).dashboard.inquiries.whatsapp";
import { getDb } from "~/utils/db.server";
import { createUserWithRoles, createUserWithSession, outcome, payloadOf, request } from "../setup/routes";

type Owner = { id: number; email: string; cookie: string };
let owner: Owner;
let otherOwner: Owner;
let shopA: number;
let shopB: number;
let productA: number;
const q: Record<"ani" | "budi" | "citra" | "dewi" | "other", number> = { ani: 0, budi: 0, citra: 0, dewi: 0, other: 0 };

const T0 = new Date("2026-11-02T02:00:00Z"); // 09:00 WIB
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

async function shop(slug: string, ownerUserId: number, adminId: number) {
  const { id } = await createArtisan({
    slug,
    name: `Batik ${slug}`,
    ownerName: "Owner",
    ownerUserId,
    village: "Sawentar",
    district: "Kanigoro",
    regency: "kabupaten",
    techniques: ["tulis"],
    whatsappNumber: "081234567890",
  });
  await decideArtisanMembership({ artisanId: id, status: "verified", actorUserId: adminId });
  return id;
}

const ask = (args: { artisanId: number; name: string; email: string; kind: "product" | "custom" | "wholesale" | "exhibition"; source: "product_page" | "artisan_page" | "event_page" | "search"; productId?: number; now: Date }) =>
  createInquiry({
    artisanId: args.artisanId,
    productId: args.productId ?? null,
    buyerName: args.name,
    buyerEmail: args.email,
    kind: args.kind,
    source: args.source,
    message: `Halo, saya ${args.name}.`,
    now: args.now,
  });

const inboxOf = async (cookie: string, query = "") => {
  const answer = await outcome(inbox({ request: request(`/dashboard/inquiries${query}`, { cookie }), params: {}, context: {} }));
  return answer;
};
type InboxData = Awaited<ReturnType<typeof inbox>>;
const rows = (data: InboxData) => data.threads.map((t) => [t.buyerName, t.status, t.unread]);

beforeAll(async () => {
  const admin = await createUserWithRoles({ email: "inbox-admin@example.test", name: "Admin", password: "admin-pass-2026", roles: ["admin"] });
  owner = await createUserWithSession({ email: "inbox-owner@example.test", name: "Sri", password: "owner-pass-2026", roles: ["artisan"] });
  otherOwner = await createUserWithSession({ email: "inbox-other@example.test", name: "Rini", password: "owner-pass-2026", roles: ["artisan"] });
  shopA = await shop("inbox-a", owner.id, admin.id);
  shopB = await shop("inbox-b", otherOwner.id, admin.id);
  productA = (
    await createProduct({ artisanId: shopA, slug: "kain-inbox", titleId: "Kain Inbox", titleEn: "Inbox cloth", technique: "tulis", fabric: "katun_primisima", dye: "natural", price: 450_000, stock: 3, status: "published" })
  ).id;

  // Ani (product page, about the product): her question and a follow-up, both unread → 2.
  q.ani = (await ask({ artisanId: shopA, name: "Ani", email: "ani@example.test", kind: "product", source: "product_page", productId: productA, now: at(0) })).id;
  await addInquiryMessage({ inquiryId: q.ani, author: "buyer", body: "Apakah masih ada?", now: at(30) });
  // Budi (artisan page, custom): answered by the shop at +4 h; his question stays unread → 1.
  q.budi = (await ask({ artisanId: shopA, name: "Budi", email: "budi@example.test", kind: "custom", source: "artisan_page", now: at(60) })).id;
  await addInquiryMessage({ inquiryId: q.budi, author: "artisan", artisanId: shopA, authorUserId: owner.id, body: "Bisa, Pak.", now: at(240) });
  // Citra (search, wholesale): spam → hidden, its unread message not counted.
  q.citra = (await ask({ artisanId: shopA, name: "Citra", email: "citra@example.test", kind: "wholesale", source: "search", now: at(120) })).id;
  await closeInquiry({ inquiryId: q.citra, artisanId: shopA, status: "spam", now: at(125) });
  // Dewi (event page, product): read already → 0.
  q.dewi = (await ask({ artisanId: shopA, name: "Dewi", email: "dewi@example.test", kind: "product", source: "event_page", now: at(180) })).id;
  await getDb().updateTable("inquiry_messages").set({ read_at: at(200).toISOString() }).where("inquiry_id", "=", q.dewi).execute();
  // Another shop's thread, unread: never in shop A's counts.
  q.other = (await ask({ artisanId: shopB, name: "Eko", email: "eko@example.test", kind: "product", source: "search", now: at(10) })).id;
});

describe("/dashboard/inquiries (inbox)", () => {
  it("lists the shop's threads, newest activity first, spam hidden, with unread counts and the total", async () => {
    const answer = await inboxOf(owner.cookie);
    expect(answer.status).toBe(200);
    const data = answer.body as InboxData;
    // Budi's thread moved at +4 h (the reply), Dewi's at +3 h, Ani's at +30 min.
    expect(rows(data)).toEqual([
      ["Budi", "answered", 1],
      ["Dewi", "new", 0],
      ["Ani", "new", 2],
    ]);
    expect(data.unreadTotal).toBe(3);
    expect(data.total).toBe(3);
    expect(data.threads.find((t) => t.id === q.ani)).toMatchObject({ kind: "product", source: "product_page", product: "Kain Inbox" });
    expect(await countUnreadOfArtisan({ artisanId: shopB })).toBe(1);
  });

  it("filters by state, kind and source; spam only when asked for; unknown values are ignored", async () => {
    const list = async (query: string) => rows((await inboxOf(owner.cookie, query)).body as InboxData);
    expect(await list("?status=spam")).toEqual([["Citra", "spam", 1]]);
    expect(await list("?status=answered")).toEqual([["Budi", "answered", 1]]);
    expect(await list("?kind=product")).toEqual([
      ["Dewi", "new", 0],
      ["Ani", "new", 2],
    ]);
    expect(await list("?source=product_page")).toEqual([["Ani", "new", 2]]);
    expect(await list("?kind=product&source=event_page")).toEqual([["Dewi", "new", 0]]);
    expect(await list("?kind=wholesale")).toEqual([]);
    expect(await list("?status=bogus&kind=%27%3B--&source=x&page=abc")).toEqual([
      ["Budi", "answered", 1],
      ["Dewi", "new", 0],
      ["Ani", "new", 2],
    ]);
    const filtered = (await inboxOf(owner.cookie, "?status=nope&kind=custom")).body as InboxData;
    expect(filtered.filter).toEqual({ status: null, kind: "custom", source: null });
    // The unread total does not follow the filter.
    expect(filtered.unreadTotal).toBe(3);
  });

  it("pages the list (a page past the end shows the last one)", async () => {
    const page1 = await listInbox({ artisanId: shopA, perPage: 2, page: 1 });
    const page2 = await listInbox({ artisanId: shopA, perPage: 2, page: 2 });
    const past = await listInbox({ artisanId: shopA, perPage: 2, page: 99 });
    expect([page1.items.map((i) => i.buyer_name), page1.pageCount, page1.total]).toEqual([["Budi", "Dewi"], 2, 3]);
    expect([page2.items.map((i) => [i.buyer_name, i.unread]), page2.page]).toEqual([[["Ani", 2]], 2]);
    expect([past.items.map((i) => i.buyer_name), past.page]).toEqual([["Ani"], 2]);
  });

  it("shows another artisan only their own shop's threads", async () => {
    const data = (await inboxOf(otherOwner.cookie)).body as InboxData;
    expect(rows(data)).toEqual([["Eko", "new", 1]]);
    expect(data.unreadTotal).toBe(1);
  });

  it("shows the unread total on the dashboard overview", async () => {
    const data = payloadOf(await overview({ request: request("/dashboard", { cookie: owner.cookie }), params: {}, context: {} }));
    expect(data.unread).toBe(3);
  });
});

describe("/dashboard/inquiries/whatsapp", () => {
  const CLICKED = new Date("2026-11-20T03:15:00Z");
  const postLog = (cookie: string, form: Record<string, string>) =>
    outcome(whatsappAction({ request: request("/dashboard/inquiries/whatsapp", { cookie, form }), params: {}, context: {} }));
  type LogBody = { result: { error?: Record<string, string[]>; initialValue?: Record<string, string> }; loggedId: number | null };
  const outboxCount = async () => Number((await getDb().selectFrom("mail_outbox").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    await createWhatsappReferral({ artisanId: shopA, productId: productA, visitorHash: "v1", now: CLICKED, generateCode: () => "BB-7K3QX9" });
    await createWhatsappReferral({ artisanId: shopA, productId: null, visitorHash: "v2", now: new Date(), generateCode: () => "BB-MMMM22" });
    await createWhatsappReferral({ artisanId: shopA, productId: null, visitorHash: "v3", now: new Date(Date.now() - 31 * 24 * 3600_000), generateCode: () => "BB-OLD234" });
    await createWhatsappReferral({ artisanId: shopB, productId: null, visitorHash: "v4", now: CLICKED, generateCode: () => "BB-ABCDEF" });
  });

  it("lists the shop's unlogged codes of the last 30 days with time and product", async () => {
    const data = payloadOf(await whatsappLoader({ request: request("/dashboard/inquiries/whatsapp", { cookie: owner.cookie }), params: {}, context: {} }));
    // BB-7K3QX9 is older than 30 days only if today is after 20 December 2026; it was clicked on 20 November.
    const expected = Date.now() - CLICKED.getTime() <= 30 * 24 * 3600_000 ? [["BB-MMMM22", null], ["BB-7K3QX9", "Kain Inbox"]] : [["BB-MMMM22", null]];
    expect(data.referrals.map((r) => [r.code, r.product])).toEqual(expected);
  });

  it("refuses another shop's code and an unknown code as not found, keeping the input", async () => {
    const foreign = await postLog(owner.cookie, { code: "bb-abcdef", kind: "custom", note: "Tanya kain" });
    expect(foreign.status).toBe(404);
    expect((foreign.body as LogBody).result.error?.code).toEqual(["inbox.whatsapp.errors.notFound"]);
    expect((foreign.body as LogBody).result.initialValue?.note).toBe("Tanya kain");
    const unknown = await postLog(owner.cookie, { code: "BB-2222ZZ", kind: "custom", note: "Tanya kain" });
    expect(unknown.status).toBe(404);
    const malformed = await postLog(owner.cookie, { code: "BB-0O1IL", kind: "custom", note: "Tanya kain" });
    expect(malformed.status).toBe(400);
    expect((malformed.body as LogBody).result.error?.code).toEqual(["inbox.whatsapp.errors.codeFormat"]);
    const empty = await postLog(owner.cookie, { code: "7K3QX9", kind: "custom", note: "  ", quantity: "0" });
    expect(empty.status).toBe(400);
    expect((empty.body as LogBody).result.error).toEqual({ note: ["inbox.whatsapp.errors.noteRequired"], quantity: ["inbox.whatsapp.errors.quantity"] });
    const rows = await getDb().selectFrom("inquiries").select("id").where("source", "=", "whatsapp").execute();
    expect(rows).toEqual([]);
  });

  let loggedId: number;

  it("logs a lowercase code without its prefix as an answered WhatsApp inquiry dated at the click, with no mail", async () => {
    const before = await outboxCount();
    const answer = await postLog(owner.cookie, { code: " 7k3qx9 ", kind: "wholesale", note: "Minta harga 20 lembar untuk seragam.", buyerName: "Pak Hadi", quantity: "20", budget: "6000000" });
    expect(answer.status).toBe(303);
    const location = answer.headers?.get("Location") ?? "";
    expect(location).toMatch(/^\/dashboard\/inquiries\/\d+$/);
    loggedId = Number(location.split("/").pop());
    const row = await getDb().selectFrom("inquiries").selectAll().where("id", "=", loggedId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      artisan_id: shopA,
      product_id: productA,
      source: "whatsapp",
      buyer_email: "",
      buyer_name: "Pak Hadi",
      kind: "wholesale",
      quantity: 20,
      budget: 6_000_000,
      status: "answered",
      created_at: CLICKED.toISOString(),
      first_response_at: null,
      converted_order_id: null,
    });
    const messages = await getDb().selectFrom("inquiry_messages").select(["author", "author_user_id", "body"]).where("inquiry_id", "=", loggedId).execute();
    expect(messages).toEqual([{ author: "artisan", author_user_id: owner.id, body: "Minta harga 20 lembar untuk seragam." }]);
    const referral = await getDb().selectFrom("whatsapp_referrals").select("inquiry_id").where("code", "=", "BB-7K3QX9").executeTakeFirstOrThrow();
    expect(referral.inquiry_id).toBe(loggedId);
    expect(await outboxCount()).toBe(before);
    // No longer offered as unlogged.
    const data = payloadOf(await whatsappLoader({ request: request("/dashboard/inquiries/whatsapp", { cookie: owner.cookie }), params: {}, context: {} }));
    expect(data.referrals.map((r) => r.code)).toEqual(["BB-MMMM22"]);
  });

  it("refuses a code logged already with a 409 and the thread it was logged as", async () => {
    const again = await postLog(owner.cookie, { code: "BB-7K3QX9", kind: "product", note: "Lagi" });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ loggedId, result: { error: { code: ["inbox.whatsapp.errors.logged"] } } });
    expect(await getDb().selectFrom("inquiries").select("id").where("source", "=", "whatsapp").execute()).toEqual([{ id: loggedId }]);
  });

  it("lets only artisans in", async () => {
    const buyer = await createUserWithSession({ email: "inbox-buyer@example.test", name: "Buyer", password: "buyer-pass-2026", roles: [] });
    expect((await postLog(buyer.cookie, { code: "BB-MMMM22", kind: "product", note: "x" })).status).toBe(403);
    const anonymous = await postLog("", { code: "BB-MMMM22", kind: "product", note: "x" });
    expect(anonymous.status).toBe(303);
  });
});

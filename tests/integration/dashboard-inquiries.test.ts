/**
 * The artisan's side of inquiries: the inbox (filters, unread counts, spam
 * hidden, pages), one thread (reply, offline sale, order link, close/reopen,
 * spam, block) and the WhatsApp log. Another shop's thread is a 404
 * everywhere. Counts and lists are worked out by hand from the threads made
 * in beforeAll.
 */
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { createArtisan, decideArtisanMembership } from "~/models/artisan.server";
import { listAuditEntries } from "~/models/audit.server";
import { addInquiryMessage, closeInquiry, countUnreadOfArtisan, createInquiry, isSenderBlocked, listInbox } from "~/models/inquiry.server";
import { createOrder, markOrderPaid } from "~/models/order.server";
import { createProduct } from "~/models/product.server";
import { createWhatsappReferral } from "~/models/whatsapp-referral.server";
import { loader as overview } from "~/routes/($lang).dashboard._index";
import { action as threadAction, loader as threadLoader } from "~/routes/($lang).dashboard.inquiries.$id";
import { loader as inbox } from "~/routes/($lang).dashboard.inquiries._index";
import { action as whatsappAction, loader as whatsappLoader } from "~/routes/($lang).dashboard.inquiries.whatsapp";
import { getDb } from "~/utils/db.server";
import { todayWib } from "~/utils/shop-facts";
import { createUserWithRoles, createUserWithSession, outcome, payloadOf, request } from "../setup/routes";

type Owner = { id: number; email: string; cookie: string };
let owner: Owner;
let otherOwner: Owner;
let shopA: number;
let shopB: number;
let productA: number;
let productB: number;
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

  productB = (
    await createProduct({ artisanId: shopB, slug: "kain-lain", titleId: "Kain Lain", technique: "cap", fabric: "katun_primisima", dye: "natural", price: 200_000, stock: 5, status: "published" })
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

describe("/dashboard/inquiries/:id (one thread)", () => {
  const DAY = 24 * 3600_000;
  const threadUrl = (id: number | string) => `/dashboard/inquiries/${id}`;
  const open = (cookie: string, id: number | string) => outcome(threadLoader({ request: request(threadUrl(id), { cookie }), params: { id: String(id) }, context: {} }));
  const post = (cookie: string, id: number, form: Record<string, string>) => outcome(threadAction({ request: request(threadUrl(id), { cookie, form }), params: { id: String(id) }, context: {} }));
  type ThreadBody = { target: string; error: string | null; result: { error?: Record<string, string[]>; initialValue?: Record<string, string> } | null };
  const stateOf = async (id: number) =>
    getDb().selectFrom("inquiries").select(["status", "offline_sale_amount", "offline_sale_on", "converted_order_id", "first_response_at"]).where("id", "=", id).executeTakeFirstOrThrow();
  let seq = 0;
  /** A fresh thread of shop A, asked two days ago. */
  const fresh = async (email?: string) =>
    (await ask({ artisanId: shopA, name: `Buyer ${++seq}`, email: email ?? `buyer${seq}@example.test`, kind: "custom", source: "search", now: new Date(Date.now() - 2 * DAY) })).id;
  const wibDaysAgo = (days: number) => todayWib(new Date(Date.now() - days * DAY));
  const mailsTo = (address: string) => getDb().selectFrom("mail_outbox").select(["template", "text_body", "html_body", "subject"]).where("to_address", "=", address).orderBy("id").execute();

  it("shows the owner the thread and marks the buyer's messages read; 404 for another shop, an unknown or a non-numeric id", async () => {
    const answer = await open(owner.cookie, q.ani);
    expect(answer.status).toBe(200);
    const data = answer.body as Awaited<ReturnType<typeof threadLoader>>;
    expect(data.inquiry).toMatchObject({ id: q.ani, kind: "product", status: "new", source: "product_page", buyerName: "Ani", hasEmail: true, blocked: false, firstResponse: null });
    expect(data.inquiry.product).toEqual({ title: "Kain Inbox", slug: "kain-inbox", published: true });
    expect(data.messages.map((m) => [m.author, m.body])).toEqual([
      ["buyer", "Halo, saya Ani."],
      ["buyer", "Apakah masih ada?"],
    ]);
    // The loader never hands the buyer's address to the page.
    expect(JSON.stringify(data)).not.toContain("ani@example.test");
    expect((await listInbox({ artisanId: shopA })).items.find((i) => i.id === q.ani)?.unread).toBe(0);
    expect(await countUnreadOfArtisan({ artisanId: shopA })).toBe(1);
    expect((await open(otherOwner.cookie, q.ani)).status).toBe(404);
    expect((await open(owner.cookie, q.other)).status).toBe(404);
    expect((await open(owner.cookie, 99999999)).status).toBe(404);
    expect((await open(owner.cookie, "12abc")).status).toBe(404);
  });

  it("refuses every intent on another shop's thread with a 404 and changes nothing", async () => {
    const id = await fresh();
    const before = await stateOf(id);
    const forms: Record<string, string>[] = [
      { intent: "reply", body: "Halo" },
      { intent: "offline_sale", amount: "100000", soldOn: todayWib() },
      { intent: "link_order", orderCode: "ABCDEFGHJKLMNPQR" },
      { intent: "close" },
      { intent: "reopen" },
      { intent: "spam" },
      { intent: "not_spam" },
      { intent: "block" },
      { intent: "unblock" },
      {},
    ];
    for (const form of forms) expect([form.intent, (await post(otherOwner.cookie, id, form)).status]).toEqual([form.intent, 404]);
    expect(await stateOf(id)).toEqual(before);
    expect(await getDb().selectFrom("inquiry_messages").select("id").where("inquiry_id", "=", id).execute()).toHaveLength(1);
    expect(await isSenderBlocked({ artisanId: shopA, email: `buyer${seq}@example.test` })).toBe(false);
  });

  it("a reply answers the thread, records the first response and mails the buyer without the shop's phone or e-mail", async () => {
    const id = await fresh("reply-buyer@example.test");
    expect(await mailsTo("reply-buyer@example.test")).toEqual([]);
    const answer = await post(owner.cookie, id, { intent: "reply", body: "Bisa, Bu. Kain siap dalam 3 minggu." });
    expect(answer.status).toBe(303);
    expect(answer.headers?.get("Location")).toBe(`/dashboard/inquiries/${id}`);
    const state = await stateOf(id);
    expect(state.status).toBe("answered");
    expect(state.first_response_at).not.toBeNull();
    const mails = await mailsTo("reply-buyer@example.test");
    expect(mails.map((m) => m.template)).toEqual(["inquiryReply"]);
    expect(mails[0].text_body).toContain("Bisa, Bu. Kain siap dalam 3 minggu.");
    for (const secret of ["inbox-owner@example.test", "081234567890", "6281234567890"]) {
      expect(mails[0].text_body).not.toContain(secret);
      expect(mails[0].html_body).not.toContain(secret);
    }
    const page = (await open(owner.cookie, id)).body as Awaited<ReturnType<typeof threadLoader>>;
    expect(page.inquiry.firstResponse).not.toBeNull();
    // An empty reply keeps nothing; a too long one keeps the text.
    const empty = await post(owner.cookie, id, { intent: "reply", body: "   " });
    expect([empty.status, (empty.body as ThreadBody).result?.error?.body]).toEqual([400, ["inbox.thread.errors.bodyRequired"]]);
    const long = await post(owner.cookie, id, { intent: "reply", body: "x".repeat(5001) });
    expect([long.status, (long.body as ThreadBody).result?.error?.body]).toEqual([400, ["inbox.thread.errors.bodyTooLong"]]);
  });

  it("a reply with a photo (multipart) stores it on the artisan's message and tells the buyer how many photos came", async () => {
    const id = await fresh("photo-buyer@example.test");
    const body = new FormData();
    body.append("intent", "reply");
    body.append("body", "Ini contoh warnanya.");
    const png = await sharp({ create: { width: 44, height: 33, channels: 3, background: { r: 20, g: 50, b: 90 } } }).png().toBuffer();
    body.append("photos", new File([new Uint8Array(png)], "warna.png", { type: "image/png" }));
    const req = new Request(`http://localhost:3000${threadUrl(id)}`, { method: "POST", body, headers: { Cookie: owner.cookie } });
    const answer = await outcome(threadAction({ request: req, params: { id: String(id) }, context: {} }));
    expect(answer.status).toBe(303);
    const photos = await getDb()
      .selectFrom("inquiry_message_images as mi")
      .innerJoin("inquiry_messages as m", "m.id", "mi.message_id")
      .innerJoin("images as im", "im.id", "mi.image_id")
      .select(["m.author", "m.body", "im.width", "im.height"])
      .where("m.inquiry_id", "=", id)
      .execute();
    expect(photos).toEqual([{ author: "artisan", body: "Ini contoh warnanya.", width: 44, height: 33 }]);
    const mails = await mailsTo("photo-buyer@example.test");
    expect(mails.map((m) => m.template)).toEqual(["inquiryReply"]);
    expect(mails[0].text_body).toContain("Balasan ini menyertakan 1 foto");
  });

  it("a reply on a closed thread is a 409 that keeps the text", async () => {
    const id = await fresh();
    expect((await post(owner.cookie, id, { intent: "close" })).status).toBe(303);
    const answer = await post(owner.cookie, id, { intent: "reply", body: "Masih ada?" });
    expect(answer.status).toBe(409);
    expect(answer.body).toMatchObject({ target: "reply", error: "inbox.thread.errors.wrongState", result: { initialValue: { body: "Masih ada?" } } });
  });

  it("records an offline sale (audited); refuses bad amounts and dates keeping the values, and a second sale with a 409", async () => {
    const id = await fresh();
    const cases: [Record<string, string>, string, string][] = [
      [{ amount: "0", soldOn: todayWib() }, "amount", "inbox.thread.errors.amount"],
      [{ amount: "-5000", soldOn: todayWib() }, "amount", "inbox.thread.errors.amount"],
      [{ amount: "12.5", soldOn: todayWib() }, "amount", "inbox.thread.errors.amount"],
      [{ amount: "lots", soldOn: todayWib() }, "amount", "inbox.thread.errors.amount"],
      [{ amount: "1000000001", soldOn: todayWib() }, "amount", "inbox.thread.errors.amountTooLarge"],
      [{ amount: "350000", soldOn: wibDaysAgo(-1) }, "soldOn", "inbox.thread.errors.dateFuture"],
      [{ amount: "350000", soldOn: wibDaysAgo(3) }, "soldOn", "inbox.thread.errors.dateBeforeInquiry"],
      [{ amount: "350000", soldOn: "2026-02-30" }, "soldOn", "inbox.thread.errors.date"],
      [{ amount: "350000", soldOn: "" }, "soldOn", "inbox.thread.errors.dateRequired"],
    ];
    for (const [form, field, message] of cases) {
      const answer = await post(owner.cookie, id, { intent: "offline_sale", ...form });
      const body = answer.body as ThreadBody;
      expect([form, answer.status, body.result?.error?.[field]]).toEqual([form, 400, [message]]);
      expect(body.result?.initialValue).toMatchObject({ amount: form.amount });
    }
    expect((await stateOf(id)).status).toBe("new");
    const soldOn = wibDaysAgo(1);
    const answer = await post(owner.cookie, id, { intent: "offline_sale", amount: "350000", soldOn });
    expect(answer.status).toBe(303);
    expect(await stateOf(id)).toMatchObject({ status: "converted", offline_sale_amount: 350_000, offline_sale_on: soldOn, converted_order_id: null });
    const entry = (await listAuditEntries({ action: "inquiry.offline_sale" })).find((e) => e.subject_id === String(id));
    expect(entry?.actor_user_id).toBe(owner.id);
    expect(JSON.parse(entry!.details)).toEqual({ before: { status: "new" }, after: { status: "converted", amount: 350_000, soldOn } });
    const again = await post(owner.cookie, id, { intent: "offline_sale", amount: "100000", soldOn });
    expect([again.status, (again.body as ThreadBody).error]).toEqual([409, "inbox.thread.errors.wrongState"]);
    expect((await stateOf(id)).offline_sale_amount).toBe(350_000);
    // A converted thread still takes replies.
    expect((await post(owner.cookie, id, { intent: "reply", body: "Terima kasih, Bu." })).status).toBe(303);
  });

  it("links a paid order of this shop (audited); refuses another shop's, an unpaid, an unknown and a reused order", async () => {
    const buyer = { name: "Pembeli", email: "order-buyer@example.test", country: "ID", addressLine: "Jl. Merdeka 1", city: "Blitar" };
    const paid = async (productId: number) => {
      const order = await createOrder({ buyer, lines: [{ productId, quantity: 1 }], paymentMethod: "bank_transfer" });
      await markOrderPaid({ orderId: order.id, provider: "bank_transfer", amount: order.total });
      return order;
    };
    const mine = await paid(productA);
    const theirs = await paid(productB);
    const unpaid = await createOrder({ buyer, lines: [{ productId: productA, quantity: 1 }], paymentMethod: "bank_transfer" });
    const id = await fresh();
    const link = (orderCode: string) => post(owner.cookie, id, { intent: "link_order", orderCode });
    const refusal = async (orderCode: string) => {
      const answer = await link(orderCode);
      return [answer.status, (answer.body as ThreadBody).result?.error?.orderCode];
    };
    expect(await refusal(theirs.code)).toEqual([404, ["inbox.thread.errors.orderNotFound"]]);
    expect(await refusal("ZZZZZZZZZZZZZZZZ")).toEqual([404, ["inbox.thread.errors.orderNotFound"]]);
    expect(await refusal("not a code!")).toEqual([404, ["inbox.thread.errors.orderNotFound"]]);
    expect(await refusal(unpaid.code)).toEqual([400, ["inbox.thread.errors.orderUnpaid"]]);
    expect((await stateOf(id)).status).toBe("new");
    const answer = await link(` ${mine.code.toLowerCase()} `);
    expect(answer.status).toBe(303);
    expect(await stateOf(id)).toMatchObject({ status: "converted", converted_order_id: mine.id, offline_sale_amount: null });
    const entry = (await listAuditEntries({ action: "inquiry.link_order" })).find((e) => e.subject_id === String(id));
    expect(entry?.actor_user_id).toBe(owner.id);
    expect(JSON.parse(entry!.details)).toEqual({ before: { status: "new" }, after: { status: "converted", orderId: mine.id, orderCode: mine.code } });
    const page = (await open(owner.cookie, id)).body as Awaited<ReturnType<typeof threadLoader>>;
    expect(page.inquiry.orderCode).toBe(mine.code);
    // Linking again: the thread is converted (409); another thread cannot take the same order (409).
    expect((await link(mine.code)).status).toBe(409);
    const second = await fresh();
    const reuse = await post(owner.cookie, second, { intent: "link_order", orderCode: mine.code });
    expect([reuse.status, (reuse.body as ThreadBody).result?.error?.orderCode]).toEqual([409, ["inbox.thread.errors.orderLinked"]]);
  });

  it("closes and reopens: back to new when never answered, to answered after a reply, to converted when it holds a sale", async () => {
    const unanswered = await fresh();
    expect((await post(owner.cookie, unanswered, { intent: "reopen" })).status).toBe(409);
    expect((await post(owner.cookie, unanswered, { intent: "close" })).status).toBe(303);
    expect((await stateOf(unanswered)).status).toBe("closed");
    expect((await post(owner.cookie, unanswered, { intent: "close" })).status).toBe(409);
    expect((await post(owner.cookie, unanswered, { intent: "offline_sale", amount: "1000", soldOn: todayWib() })).status).toBe(409);
    expect((await post(owner.cookie, unanswered, { intent: "reopen" })).status).toBe(303);
    expect((await stateOf(unanswered)).status).toBe("new");

    const answered = await fresh();
    await post(owner.cookie, answered, { intent: "reply", body: "Siap." });
    await post(owner.cookie, answered, { intent: "close" });
    expect((await post(owner.cookie, answered, { intent: "reopen" })).status).toBe(303);
    expect((await stateOf(answered)).status).toBe("answered");

    const sold = await fresh();
    await post(owner.cookie, sold, { intent: "offline_sale", amount: "75000", soldOn: todayWib() });
    expect((await post(owner.cookie, sold, { intent: "close" })).status).toBe(303);
    expect((await stateOf(sold)).status).toBe("closed");
    expect((await post(owner.cookie, sold, { intent: "reopen" })).status).toBe(303);
    expect(await stateOf(sold)).toMatchObject({ status: "converted", offline_sale_amount: 75_000 });
  });

  it("marks spam and not spam; a converted thread cannot be spam", async () => {
    const id = await fresh();
    expect((await post(owner.cookie, id, { intent: "not_spam" })).status).toBe(409);
    expect((await post(owner.cookie, id, { intent: "spam" })).status).toBe(303);
    expect((await stateOf(id)).status).toBe("spam");
    expect((await post(owner.cookie, id, { intent: "spam" })).status).toBe(409);
    expect((await post(owner.cookie, id, { intent: "reply", body: "Halo" })).status).toBe(409);
    expect((await post(owner.cookie, id, { intent: "not_spam" })).status).toBe(303);
    expect((await stateOf(id)).status).toBe("new");
    await post(owner.cookie, id, { intent: "offline_sale", amount: "5000", soldOn: todayWib() });
    const spam = await post(owner.cookie, id, { intent: "spam" });
    expect([spam.status, (spam.body as ThreadBody).error]).toEqual([409, "inbox.thread.errors.wrongState"]);
  });

  it("blocks a sender (their address on the shop's list, the thread spam) and unblocks them", async () => {
    const id = await fresh("Spammer@Example.test");
    expect((await post(owner.cookie, id, { intent: "unblock" })).status).toBe(409);
    expect((await post(owner.cookie, id, { intent: "block" })).status).toBe(303);
    expect((await stateOf(id)).status).toBe("spam");
    const blocks = await getDb().selectFrom("inquiry_blocks").select(["artisan_id", "email", "created_by"]).execute();
    expect(blocks).toEqual([{ artisan_id: shopA, email: "spammer@example.test", created_by: owner.id }]);
    expect(await isSenderBlocked({ artisanId: shopA, email: "SPAMMER@example.test" })).toBe(true);
    expect(await isSenderBlocked({ artisanId: shopB, email: "spammer@example.test" })).toBe(false);
    const again = await post(owner.cookie, id, { intent: "block" });
    expect([again.status, (again.body as ThreadBody).error]).toEqual([409, "inbox.thread.errors.alreadyBlocked"]);
    const page = (await open(owner.cookie, id)).body as Awaited<ReturnType<typeof threadLoader>>;
    expect([page.inquiry.status, page.inquiry.blocked]).toEqual(["spam", true]);
    // A later thread from the same address shows as blocked too.
    const later = await fresh("spammer@example.test");
    expect(((await open(owner.cookie, later)).body as Awaited<ReturnType<typeof threadLoader>>).inquiry.blocked).toBe(true);
    expect((await post(owner.cookie, id, { intent: "unblock" })).status).toBe(303);
    expect(await getDb().selectFrom("inquiry_blocks").select("id").execute()).toEqual([]);
    expect((await stateOf(id)).status).toBe("spam");
    const twice = await post(owner.cookie, id, { intent: "unblock" });
    expect([twice.status, (twice.body as ThreadBody).error]).toEqual([409, "inbox.thread.errors.notBlocked"]);
  });

  it("answers an unknown intent with a 400", async () => {
    const id = await fresh();
    expect((await post(owner.cookie, id, { intent: "delete" })).status).toBe(400);
    expect((await post(owner.cookie, id, {})).status).toBe(400);
  });

  it("a WhatsApp-logged thread: no mail for a reply, no sender to block, the offline sale as usual", async () => {
    await createWhatsappReferral({ artisanId: shopA, productId: null, visitorHash: "v9", now: new Date(Date.now() - 3 * DAY), generateCode: () => "BB-WAWA99" });
    const logged = await outcome(
      whatsappAction({ request: request("/dashboard/inquiries/whatsapp", { cookie: owner.cookie, form: { code: "bb-wawa99", kind: "custom", note: "Tanya seragam." } }), params: {}, context: {} }),
    );
    const id = Number(logged.headers?.get("Location")?.split("/").pop());
    const outbox = async () => Number((await getDb().selectFrom("mail_outbox").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
    const before = await outbox();
    expect((await post(owner.cookie, id, { intent: "reply", body: "Catatan: sudah kirim contoh kain." })).status).toBe(303);
    expect(await outbox()).toBe(before);
    const page = (await open(owner.cookie, id)).body as Awaited<ReturnType<typeof threadLoader>>;
    expect(page.inquiry).toMatchObject({ source: "whatsapp", hasEmail: false, whatsappCode: "BB-WAWA99", status: "answered", firstResponse: null, buyerName: "Pembeli (tanpa nama)" });
    const block = await post(owner.cookie, id, { intent: "block" });
    expect([block.status, (block.body as ThreadBody).error]).toEqual([409, "inbox.thread.errors.noEmail"]);
    // The sale may be dated from the day of the click (WIB) on.
    expect((await post(owner.cookie, id, { intent: "offline_sale", amount: "1200000", soldOn: wibDaysAgo(3) })).status).toBe(303);
    expect(await stateOf(id)).toMatchObject({ status: "converted", offline_sale_amount: 1_200_000 });
    expect(await outbox()).toBe(before);
  });
});

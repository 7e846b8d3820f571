import crypto from "node:crypto";
import { getDb } from "~/utils/db.server";
import { normaliseReferenceCode } from "~/utils/reference-code";
import { recordAudit } from "./audit.server";
import { PAID_STATUSES } from "./order.server";
import { assertPositiveInt, inTransaction, isoAt, ModelError, randomCode, wibDayOf, type DB } from "./common.server";
import { getImageRefs, type ImageRef } from "./image.server";

export type InquiryKind = "product" | "custom" | "wholesale" | "exhibition";
export type InquirySource = "product_page" | "artisan_page" | "event_page" | "search" | "link" | "whatsapp" | "direct";
export type InquiryStatus = "new" | "answered" | "converted" | "closed" | "spam";

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MAX_BODY = 5000;

function cleanBody(body: string): string {
  const text = body.trim();
  if (!text) throw new ModelError("empty_message");
  if (text.length > MAX_BODY) throw new ModelError("message_too_long");
  return text;
}

/**
 * Opens an inquiry thread with the buyer's first message. The token (80
 * bits) is the guest's key to the thread. Where it came from (`source`, and
 * the booth/campaign link) is kept for attribution.
 */
export async function createInquiry(
  args: {
    artisanId: number;
    productId?: number | null;
    eventId?: number | null;
    buyerUserId?: number | null;
    buyerName: string;
    buyerEmail: string;
    buyerCountry?: string | null;
    kind: InquiryKind;
    quantity?: number | null;
    budget?: number | null;
    locale?: "id" | "en";
    source?: InquirySource;
    sourceLinkId?: number | null;
    message: string;
    ipHash?: string | null;
    token?: string;
    /** 'spam' files it straight away (a sender the shop blocked); default 'new'. */
    status?: "new" | "spam";
    now?: Date;
  },
  db: DB = getDb(),
): Promise<{ id: number; token: string; messageId: number }> {
  const name = args.buyerName.trim();
  if (!name || name.length > 120) throw new ModelError("invalid_name");
  const email = args.buyerEmail.trim().toLowerCase();
  if (!EMAIL_RE.test(email) || email.length > 254) throw new ModelError("invalid_email");
  if (args.quantity != null) assertPositiveInt(args.quantity, "invalid_quantity");
  if (args.budget != null) assertPositiveInt(args.budget, "invalid_budget");
  const body = cleanBody(args.message);
  const at = isoAt(args.now);
  const token = args.token ?? randomCode(16, (n) => crypto.randomBytes(n));
  return inTransaction(db, async (trx) => {
    const artisan = await trx
      .selectFrom("artisans")
      .select("id")
      .where("id", "=", args.artisanId)
      .where("status", "=", "active")
      .where("membership_status", "=", "verified")
      .executeTakeFirst();
    if (!artisan) throw new ModelError("artisan_unavailable", "This shop does not take inquiries", 404);
    if (args.productId != null) {
      const product = await trx
        .selectFrom("products")
        .select("id")
        .where("id", "=", args.productId)
        .where("artisan_id", "=", args.artisanId)
        .executeTakeFirst();
      if (!product) throw new ModelError("product_mismatch", "The product is not from this shop");
    }
    const inquiry = await trx
      .insertInto("inquiries")
      .values({
        token,
        artisan_id: args.artisanId,
        product_id: args.productId ?? null,
        event_id: args.eventId ?? null,
        buyer_user_id: args.buyerUserId ?? null,
        buyer_name: name,
        buyer_email: email,
        buyer_country: args.buyerCountry ?? null,
        kind: args.kind,
        quantity: args.quantity ?? null,
        budget: args.budget ?? null,
        locale: args.locale ?? "id",
        status: args.status ?? "new",
        source: args.source ?? "direct",
        source_link_id: args.sourceLinkId ?? null,
        ip_hash: args.ipHash ?? null,
        created_at: at,
        updated_at: at,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const message = await trx
      .insertInto("inquiry_messages")
      .values({ inquiry_id: inquiry.id, author: "buyer", author_user_id: args.buyerUserId ?? null, body, created_at: at })
      .returning("id")
      .executeTakeFirstOrThrow();
    return { id: inquiry.id, token, messageId: message.id };
  });
}

/**
 * Adds a message to a thread. An artisan may only write in their own shop's
 * threads (`artisanId`); the first reply sets first_response_at (response
 * time; never for a thread logged from WhatsApp) and moves a new inquiry to
 * 'answered'. Closed or spam threads take no
 * more messages.
 */
export async function addInquiryMessage(
  args: { inquiryId: number; author: "buyer" | "artisan"; artisanId?: number; authorUserId?: number | null; body: string; now?: Date },
  db: DB = getDb(),
): Promise<{ id: number }> {
  const body = cleanBody(args.body);
  const at = isoAt(args.now);
  return inTransaction(db, async (trx) => {
    let query = trx.selectFrom("inquiries").select(["id", "status", "source", "first_response_at"]).where("id", "=", args.inquiryId);
    if (args.author === "artisan") {
      if (args.artisanId == null) throw new ModelError("artisan_required");
      query = query.where("artisan_id", "=", args.artisanId);
    }
    const inquiry = await query.executeTakeFirst();
    if (!inquiry) throw new ModelError("not_found", "No such inquiry", 404);
    if (inquiry.status === "closed" || inquiry.status === "spam") throw new ModelError("thread_closed", "This conversation is closed", 409);
    const message = await trx
      .insertInto("inquiry_messages")
      .values({ inquiry_id: inquiry.id, author: args.author, author_user_id: args.authorUserId ?? null, body, created_at: at })
      .returning("id")
      .executeTakeFirstOrThrow();
    const update: { updated_at: string; first_response_at?: string; status?: InquiryStatus } = { updated_at: at };
    if (args.author === "artisan") {
      // A thread logged from WhatsApp was answered off the platform: it has no response time to measure.
      if (!inquiry.first_response_at && inquiry.source !== "whatsapp") update.first_response_at = at;
      if (inquiry.status === "new") update.status = "answered";
    }
    await trx.updateTable("inquiries").set(update).where("id", "=", inquiry.id).execute();
    return message;
  });
}

/**
 * One of the artisan's threads for a state change: another shop's (or an
 * unknown) inquiry is a 404, a thread in a state the change does not start
 * from is a 409 (`wrong_state`).
 */
async function ownedInquiryIn(
  trx: DB,
  args: { inquiryId: number; artisanId: number },
  allowed: readonly InquiryStatus[],
) {
  const inquiry = await trx
    .selectFrom("inquiries")
    .select(["id", "status", "buyer_email", "created_at", "first_response_at", "converted_order_id", "offline_sale_amount"])
    .where("id", "=", args.inquiryId)
    .where("artisan_id", "=", args.artisanId)
    .executeTakeFirst();
  if (!inquiry) throw new ModelError("not_found", "No such inquiry", 404);
  if (!allowed.includes(inquiry.status)) throw new ModelError("wrong_state", `Not possible while the inquiry is ${inquiry.status}`, 409);
  return inquiry;
}

/** States a thread can be converted from (an offline sale or an order link). */
export const CONVERTIBLE: readonly InquiryStatus[] = ["new", "answered"];

/** Links an inquiry of the artisan's shop to the order it became (inquiry conversion). */
export async function convertInquiryToOrder(
  args: { inquiryId: number; artisanId: number; orderId: number; now?: Date },
  db: DB = getDb(),
): Promise<void> {
  await inTransaction(db, async (trx) => {
    await ownedInquiryIn(trx, args, CONVERTIBLE);
    await trx
      .updateTable("inquiries")
      .set({ status: "converted", converted_order_id: args.orderId, updated_at: isoAt(args.now) })
      .where("id", "=", args.inquiryId)
      .execute();
  });
}

/** The largest offline sale one inquiry can record (Rp 1 billion): a typo guard, not a business rule. */
export const MAX_OFFLINE_SALE = 1_000_000_000;

/**
 * Records a sale made outside the platform (cash at the workshop, transfer to
 * the artisan) against an inquiry: the revenue indicator counts it on `soldOn`
 * (a WIB day, not before the inquiry's WIB day and not after `now`'s).
 */
export async function recordOfflineSale(
  args: { inquiryId: number; artisanId: number; amount: number; soldOn: string; now?: Date },
  db: DB = getDb(),
): Promise<void> {
  assertPositiveInt(args.amount, "invalid_amount");
  if (args.amount > MAX_OFFLINE_SALE) throw new ModelError("invalid_amount");
  if (!/^\d{4}-\d{2}-\d{2}$/.test(args.soldOn)) throw new ModelError("invalid_date");
  const at = isoAt(args.now);
  if (args.soldOn > wibDayOf(at)) throw new ModelError("date_in_future");
  await inTransaction(db, async (trx) => {
    const inquiry = await ownedInquiryIn(trx, args, CONVERTIBLE);
    if (args.soldOn < wibDayOf(inquiry.created_at)) throw new ModelError("date_before_inquiry");
    await trx
      .updateTable("inquiries")
      .set({ status: "converted", offline_sale_amount: args.amount, offline_sale_on: args.soldOn, updated_at: at })
      .where("id", "=", args.inquiryId)
      .execute();
  });
}

/**
 * Closes (or marks as spam) one of the artisan's threads. Closing is possible
 * from new, answered and converted (a sale stays counted); spam from new,
 * answered and closed (a converted thread was a real buyer).
 */
export async function closeInquiry(
  args: { inquiryId: number; artisanId: number; status?: "closed" | "spam"; now?: Date },
  db: DB = getDb(),
): Promise<void> {
  const status = args.status ?? "closed";
  await inTransaction(db, async (trx) => {
    await ownedInquiryIn(trx, args, status === "closed" ? ["new", "answered", "converted"] : ["new", "answered", "closed"]);
    await trx.updateTable("inquiries").set({ status, updated_at: isoAt(args.now) }).where("id", "=", args.inquiryId).execute();
  });
}

/**
 * The state a closed or spam thread returns to: converted when it holds a
 * sale (an order or an offline sale), answered when the shop ever wrote in
 * it, else new.
 */
async function openStateOf(trx: DB, inquiry: { id: number; converted_order_id: number | null; offline_sale_amount: number | null }): Promise<InquiryStatus> {
  if (inquiry.converted_order_id != null || inquiry.offline_sale_amount != null) return "converted";
  const reply = await trx
    .selectFrom("inquiry_messages")
    .select("id")
    .where("inquiry_id", "=", inquiry.id)
    .where("author", "=", "artisan")
    .limit(1)
    .executeTakeFirst();
  return reply ? "answered" : "new";
}

/** Reopens a closed thread (`from: "closed"`) or takes a thread out of spam (`from: "spam"`). */
export async function reopenInquiry(
  args: { inquiryId: number; artisanId: number; from: "closed" | "spam"; now?: Date },
  db: DB = getDb(),
): Promise<{ status: InquiryStatus }> {
  return inTransaction(db, async (trx) => {
    const inquiry = await ownedInquiryIn(trx, args, [args.from]);
    const status = await openStateOf(trx, inquiry);
    await trx.updateTable("inquiries").set({ status, updated_at: isoAt(args.now) }).where("id", "=", inquiry.id).execute();
    return { status };
  });
}

/** Whether this shop blocked `email` (lower case); an empty address (a WhatsApp log) is never blocked. */
export async function isSenderBlocked(args: { artisanId: number; email: string }, db: DB = getDb()): Promise<boolean> {
  const email = args.email.trim().toLowerCase();
  if (!email) return false;
  const row = await db.selectFrom("inquiry_blocks").select("id").where("artisan_id", "=", args.artisanId).where("email", "=", email).executeTakeFirst();
  return Boolean(row);
}

/**
 * Blocks the sender of one of the shop's threads: their address goes on the
 * shop's block list (later inquiries from it are filed as spam) and this
 * thread becomes spam. Not for a converted thread (a real sale) or a thread
 * without an e-mail address (a logged WhatsApp conversation); a sender
 * already blocked is a 409.
 */
export async function blockInquirySender(
  args: { inquiryId: number; artisanId: number; actorUserId: number | null; now?: Date },
  db: DB = getDb(),
): Promise<void> {
  const at = isoAt(args.now);
  await inTransaction(db, async (trx) => {
    const inquiry = await ownedInquiryIn(trx, args, ["new", "answered", "closed", "spam"]);
    const email = inquiry.buyer_email.trim().toLowerCase();
    if (!email) throw new ModelError("no_email", "This conversation has no e-mail address to block", 409);
    if (await isSenderBlocked({ artisanId: args.artisanId, email }, trx)) throw new ModelError("already_blocked", "This sender is blocked already", 409);
    await trx.insertInto("inquiry_blocks").values({ artisan_id: args.artisanId, email, created_by: args.actorUserId, created_at: at }).execute();
    await trx.updateTable("inquiries").set({ status: "spam", updated_at: at }).where("id", "=", inquiry.id).execute();
  });
}

/** Takes the sender of one of the shop's threads off the block list (the thread stays as it is); not blocked is a 409. */
export async function unblockInquirySender(args: { inquiryId: number; artisanId: number }, db: DB = getDb()): Promise<void> {
  await inTransaction(db, async (trx) => {
    const inquiry = await ownedInquiryIn(trx, args, ["new", "answered", "converted", "closed", "spam"]);
    const email = inquiry.buyer_email.trim().toLowerCase();
    const result = await trx.deleteFrom("inquiry_blocks").where("artisan_id", "=", args.artisanId).where("email", "=", email).executeTakeFirst();
    if (!email || Number(result.numDeletedRows) === 0) throw new ModelError("not_blocked", "This sender is not blocked", 409);
  });
}

export const INBOX_PAGE_SIZE = 20;

export type InboxFilter = { status?: InquiryStatus | null; kind?: InquiryKind | null; source?: InquirySource | null };

/**
 * One page of the artisan's inbox, newest activity first, each thread with
 * its unread count (the buyer's messages not yet read by the shop) worked out
 * in the same query. Spam is left out unless the filter asks for it. A page
 * past the end shows the last page.
 */
export async function listInbox(
  args: { artisanId: number; filter?: InboxFilter; page?: number; perPage?: number },
  db: DB = getDb(),
) {
  const filter = args.filter ?? {};
  const perPage = Math.min(Math.max(args.perPage ?? INBOX_PAGE_SIZE, 1), 100);
  let base = db.selectFrom("inquiries as i").where("i.artisan_id", "=", args.artisanId);
  base = filter.status ? base.where("i.status", "=", filter.status) : base.where("i.status", "!=", "spam");
  if (filter.kind) base = base.where("i.kind", "=", filter.kind);
  if (filter.source) base = base.where("i.source", "=", filter.source);
  const { total } = await base.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow();
  const pageCount = Math.max(1, Math.ceil(Number(total) / perPage));
  const page = Math.min(Math.max(Math.trunc(args.page ?? 1), 1), pageCount);
  const items = await base
    .leftJoin("products as p", "p.id", "i.product_id")
    .select((eb) => [
      "i.id",
      "i.kind",
      "i.status",
      "i.source",
      "i.buyer_name",
      "i.created_at",
      "i.updated_at",
      "p.title_id as product_title_id",
      "p.title_en as product_title_en",
      eb
        .selectFrom("inquiry_messages as m")
        .select(eb.fn.countAll<number>().as("n"))
        .whereRef("m.inquiry_id", "=", "i.id")
        .where("m.author", "=", "buyer")
        .where("m.read_at", "is", null)
        .as("unread"),
    ])
    .orderBy("i.updated_at", "desc")
    .orderBy("i.id", "desc")
    .limit(perPage)
    .offset((page - 1) * perPage)
    .execute();
  return { items: items.map((row) => ({ ...row, unread: Number(row.unread ?? 0) })), total: Number(total), page, pageCount };
}

/** The buyers' messages the shop has not read yet, over all its threads except spam. */
export async function countUnreadOfArtisan(args: { artisanId: number }, db: DB = getDb()): Promise<number> {
  const row = await db
    .selectFrom("inquiry_messages as m")
    .innerJoin("inquiries as i", "i.id", "m.inquiry_id")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("i.artisan_id", "=", args.artisanId)
    .where("i.status", "!=", "spam")
    .where("m.author", "=", "buyer")
    .where("m.read_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * One of the artisan's threads with what it is about (product, event, the
 * order it became, the WhatsApp code it was logged from) and whether its
 * sender is blocked; null for another shop's or an unknown inquiry.
 */
export async function getArtisanInquiry(args: { artisanId: number; inquiryId: number }, db: DB = getDb()) {
  const row = await db
    .selectFrom("inquiries as i")
    .leftJoin("products as p", "p.id", "i.product_id")
    .leftJoin("events as e", "e.id", "i.event_id")
    .leftJoin("orders as o", "o.id", "i.converted_order_id")
    .select([
      "i.id",
      "i.kind",
      "i.status",
      "i.source",
      "i.buyer_name",
      "i.buyer_email",
      "i.buyer_country",
      "i.quantity",
      "i.budget",
      "i.locale",
      "i.created_at",
      "i.updated_at",
      "i.first_response_at",
      "i.offline_sale_amount",
      "i.offline_sale_on",
      "p.slug as product_slug",
      "p.title_id as product_title_id",
      "p.title_en as product_title_en",
      "p.status as product_status",
      "e.slug as event_slug",
      "e.title_id as event_title_id",
      "e.title_en as event_title_en",
      "o.code as order_code",
    ])
    .where("i.id", "=", args.inquiryId)
    .where("i.artisan_id", "=", args.artisanId)
    .executeTakeFirst();
  if (!row) return null;
  const referral = await db.selectFrom("whatsapp_referrals").select("code").where("inquiry_id", "=", row.id).executeTakeFirst();
  const blocked = await isSenderBlocked({ artisanId: args.artisanId, email: row.buyer_email }, db);
  return { ...row, whatsapp_code: referral?.code ?? null, blocked };
}

/**
 * Links one of the shop's threads to a paid order that contains a part of
 * this shop, found by the order's code (what the artisan sees on the order).
 * An unknown code and another shop's order look the same (`order_not_found`,
 * 404); an unpaid one is `order_unpaid` (400); an order already linked to
 * another of the shop's threads is `order_linked` (409, it would count twice).
 * Audited: it changes the revenue figures the agencies read.
 */
export async function linkInquiryToOrder(
  args: { inquiryId: number; artisanId: number; orderCode: string; actorUserId: number | null; now?: Date },
  db: DB = getDb(),
): Promise<{ orderId: number }> {
  const code = args.orderCode.trim().toUpperCase();
  return inTransaction(db, async (trx) => {
    const inquiry = await ownedInquiryIn(trx, args, CONVERTIBLE);
    const order = /^[A-Z0-9]{8,32}$/.test(code)
      ? await trx
          .selectFrom("orders as o")
          .innerJoin("order_parts as op", "op.order_id", "o.id")
          .select(["o.id", "o.status"])
          .where("o.code", "=", code)
          .where("op.artisan_id", "=", args.artisanId)
          .executeTakeFirst()
      : undefined;
    if (!order) throw new ModelError("order_not_found", "No order of this shop has that code", 404);
    if (!PAID_STATUSES.includes(order.status)) throw new ModelError("order_unpaid", "That order is not paid", 400);
    const other = await trx
      .selectFrom("inquiries")
      .select("id")
      .where("artisan_id", "=", args.artisanId)
      .where("converted_order_id", "=", order.id)
      .where("id", "!=", inquiry.id)
      .executeTakeFirst();
    if (other) throw new ModelError("order_linked", "That order is linked to another inquiry", 409);
    await convertInquiryToOrder({ inquiryId: inquiry.id, artisanId: args.artisanId, orderId: order.id, now: args.now }, trx);
    await recordAudit(
      {
        actorUserId: args.actorUserId,
        action: "inquiry.link_order",
        subjectType: "inquiry",
        subjectId: inquiry.id,
        details: { before: { status: inquiry.status }, after: { status: "converted", orderId: order.id, orderCode: code } },
        now: args.now,
      },
      trx,
    );
    return { orderId: order.id };
  });
}

/** recordOfflineSale for the dashboard: the same change with its audit entry, in one transaction. */
export async function recordOfflineSaleAudited(
  args: { inquiryId: number; artisanId: number; amount: number; soldOn: string; actorUserId: number | null; now?: Date },
  db: DB = getDb(),
): Promise<void> {
  await inTransaction(db, async (trx) => {
    const before = await ownedInquiryIn(trx, args, CONVERTIBLE);
    await recordOfflineSale(args, trx);
    await recordAudit(
      {
        actorUserId: args.actorUserId,
        action: "inquiry.offline_sale",
        subjectType: "inquiry",
        subjectId: args.inquiryId,
        details: { before: { status: before.status }, after: { status: "converted", amount: args.amount, soldOn: args.soldOn } },
        now: args.now,
      },
      trx,
    );
  });
}

/**
 * Logs a WhatsApp conversation against the reference code the buyer's
 * message carried, in one transaction: an inquiry (source whatsapp, no
 * e-mail so no mail is ever sent, status answered — the artisan already
 * replied on WhatsApp — created when the buyer clicked, about the clicked
 * product, no first-response time since the reply happened off the
 * platform) with the artisan's note as its first message, and the referral
 * pointing at it. Another shop's or an unknown code is `code_not_found`
 * (404); a code logged already is `code_logged` (409, with the thread).
 */
export async function logWhatsappConversation(
  args: {
    artisanId: number;
    code: string;
    kind: InquiryKind;
    note: string;
    buyerName?: string | null;
    quantity?: number | null;
    budget?: number | null;
    locale?: "id" | "en";
    actorUserId: number | null;
    now?: Date;
  },
  db: DB = getDb(),
): Promise<{ id: number }> {
  const code = normaliseReferenceCode(args.code);
  if (!code) throw new ModelError("invalid_code");
  const note = cleanBody(args.note);
  const name = (args.buyerName ?? "").trim();
  if (name.length > 120) throw new ModelError("invalid_name");
  if (args.quantity != null) assertPositiveInt(args.quantity, "invalid_quantity");
  if (args.budget != null) assertPositiveInt(args.budget, "invalid_budget");
  const at = isoAt(args.now);
  return inTransaction(db, async (trx) => {
    const referral = await trx
      .selectFrom("whatsapp_referrals")
      .select(["id", "product_id", "inquiry_id", "created_at"])
      .where("code", "=", code)
      .where("artisan_id", "=", args.artisanId)
      .executeTakeFirst();
    if (!referral) throw new ModelError("code_not_found", "No WhatsApp click of this shop has that code", 404);
    if (referral.inquiry_id != null) throw new ModelError("code_logged", `Logged already as inquiry ${referral.inquiry_id}`, 409);
    const inquiry = await trx
      .insertInto("inquiries")
      .values({
        token: randomCode(16, (n) => crypto.randomBytes(n)),
        artisan_id: args.artisanId,
        product_id: referral.product_id,
        buyer_name: name,
        buyer_email: "",
        kind: args.kind,
        quantity: args.quantity ?? null,
        budget: args.budget ?? null,
        locale: args.locale ?? "id",
        status: "answered",
        source: "whatsapp",
        first_response_at: null,
        created_at: referral.created_at,
        updated_at: at,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("inquiry_messages")
      .values({ inquiry_id: inquiry.id, author: "artisan", author_user_id: args.actorUserId, body: note, created_at: at })
      .execute();
    const linked = await trx
      .updateTable("whatsapp_referrals")
      .set({ inquiry_id: inquiry.id })
      .where("id", "=", referral.id)
      .where("inquiry_id", "is", null)
      .executeTakeFirst();
    if (Number(linked.numUpdatedRows) !== 1) throw new ModelError("code_logged", "Logged already", 409);
    return { id: inquiry.id };
  });
}

/** The inquiry a shop's reference code was logged as (for the 409's link), or null. */
export async function inquiryOfReferenceCode(args: { artisanId: number; code: string }, db: DB = getDb()): Promise<number | null> {
  const code = normaliseReferenceCode(args.code);
  if (!code) return null;
  const row = await db.selectFrom("whatsapp_referrals").select("inquiry_id").where("code", "=", code).where("artisan_id", "=", args.artisanId).executeTakeFirst();
  return row?.inquiry_id ?? null;
}

/** The shop's WhatsApp clicks of the last `days` days not logged as a conversation yet, newest first (for matching codes). */
export async function listUnloggedReferrals(args: { artisanId: number; days?: number; limit?: number; now?: Date }, db: DB = getDb()) {
  const now = args.now ?? new Date();
  const since = new Date(now.getTime() - (args.days ?? 30) * 24 * 60 * 60 * 1000).toISOString();
  return db
    .selectFrom("whatsapp_referrals as w")
    .leftJoin("products as p", "p.id", "w.product_id")
    .select(["w.code", "w.created_at", "p.title_id as product_title_id", "p.title_en as product_title_en"])
    .where("w.artisan_id", "=", args.artisanId)
    .where("w.inquiry_id", "is", null)
    .where("w.created_at", ">=", since)
    .orderBy("w.created_at", "desc")
    .orderBy("w.id", "desc")
    .limit(Math.min(Math.max(args.limit ?? 50, 1), 200))
    .execute();
}

// ---------------------------------------------------------------- asking (the buyer's side)

/** Slugs are short; a longer parameter is not looked up at all. */
const MAX_SLUG = 200;

export type AskableProduct = {
  id: number;
  slug: string;
  title_id: string;
  title_en: string;
  image: ImageRef | null;
  artisan: { id: number; slug: string; name: string };
};

/** A product one may ask about: published, of an active verified shop. */
export async function getAskableProduct(args: { slug: string }, db: DB = getDb()): Promise<AskableProduct | null> {
  if (!args.slug || args.slug.length > MAX_SLUG) return null;
  const row = await db
    .selectFrom("products as p")
    .innerJoin("artisans as a", "a.id", "p.artisan_id")
    .select(["p.id", "p.slug", "p.title_id", "p.title_en", "a.id as artisan_id", "a.slug as artisan_slug", "a.name as artisan_name"])
    .where("p.slug", "=", args.slug)
    .where("p.status", "=", "published")
    .where("a.status", "=", "active")
    .where("a.membership_status", "=", "verified")
    .executeTakeFirst();
  if (!row) return null;
  const first = await db
    .selectFrom("product_images")
    .select("image_id")
    .where("product_id", "=", row.id)
    .orderBy("position")
    .orderBy("image_id")
    .executeTakeFirst();
  const refs = first ? await getImageRefs({ ids: [first.image_id] }, db) : new Map<number, ImageRef>();
  return {
    id: row.id,
    slug: row.slug,
    title_id: row.title_id,
    title_en: row.title_en,
    image: first ? (refs.get(first.image_id) ?? null) : null,
    artisan: { id: row.artisan_id, slug: row.artisan_slug, name: row.artisan_name },
  };
}

export type AskableArtisan = { id: number; slug: string; name: string; district: string; image: ImageRef | null };

/** A shop one may ask: active and verified (the public shops). Never its phone or e-mail. */
export async function getAskableArtisan(args: { slug: string }, db: DB = getDb()): Promise<AskableArtisan | null> {
  if (!args.slug || args.slug.length > MAX_SLUG) return null;
  const row = await db
    .selectFrom("artisans")
    .select(["id", "slug", "name", "district", "profile_image_id"])
    .where("slug", "=", args.slug)
    .where("status", "=", "active")
    .where("membership_status", "=", "verified")
    .executeTakeFirst();
  if (!row) return null;
  const refs = row.profile_image_id == null ? new Map<number, ImageRef>() : await getImageRefs({ ids: [row.profile_image_id] }, db);
  return { id: row.id, slug: row.slug, name: row.name, district: row.district, image: row.profile_image_id == null ? null : (refs.get(row.profile_image_id) ?? null) };
}

export type AskableEvent = {
  id: number;
  slug: string;
  title_id: string;
  title_en: string;
  image: ImageRef | null;
  /** Approved exhibitors that are public shops, by booth. */
  exhibitors: { id: number; slug: string; name: string; booth_label: string | null }[];
};

/** A public event (published or cancelled) and the approved exhibitors one may ask. */
export async function getAskableEvent(args: { slug: string }, db: DB = getDb()): Promise<AskableEvent | null> {
  if (!args.slug || args.slug.length > MAX_SLUG) return null;
  const event = await db
    .selectFrom("events")
    .select(["id", "slug", "title_id", "title_en", "image_id"])
    .where("slug", "=", args.slug)
    .where("status", "in", ["published", "cancelled"])
    .executeTakeFirst();
  if (!event) return null;
  const exhibitors = await db
    .selectFrom("event_exhibitors as x")
    .innerJoin("artisans as a", "a.id", "x.artisan_id")
    .select(["a.id", "a.slug", "a.name", "x.booth_label"])
    .where("x.event_id", "=", event.id)
    .where("x.status", "=", "approved")
    .where("a.status", "=", "active")
    .where("a.membership_status", "=", "verified")
    .orderBy("a.name")
    .orderBy("a.id")
    .execute();
  const refs = event.image_id == null ? new Map<number, ImageRef>() : await getImageRefs({ ids: [event.image_id] }, db);
  return {
    id: event.id,
    slug: event.slug,
    title_id: event.title_id,
    title_en: event.title_en,
    image: event.image_id == null ? null : (refs.get(event.image_id) ?? null),
    exhibitors,
  };
}

/**
 * When the inquiries counted by a sliding-window rate limit were created
 * (oldest first): those with `email`, or from any of `ipHashes`, created
 * strictly after `since`.
 */
export async function listInquiryTimesSince(
  args: { since: Date; email?: string; ipHashes?: string[] },
  db: DB = getDb(),
): Promise<string[]> {
  let query = db.selectFrom("inquiries").select("created_at").where("created_at", ">", isoAt(args.since));
  if (args.email !== undefined) query = query.where("buyer_email", "=", args.email.trim().toLowerCase());
  else if (args.ipHashes?.length) query = query.where("ip_hash", "in", args.ipHashes);
  else return [];
  const rows = await query.orderBy("created_at").execute();
  return rows.map((r) => r.created_at);
}

export type BuyerThread = {
  id: number;
  token: string;
  kind: InquiryKind;
  status: InquiryStatus;
  buyer_name: string;
  buyer_user_id: number | null;
  quantity: number | null;
  budget: number | null;
  created_at: string;
  artisan: { id: number; slug: string; name: string };
  product: { slug: string; title_id: string; title_en: string } | null;
  event: { slug: string; title_id: string; title_en: string } | null;
};

/** A thread as its buyer sees it, by its token (the guest's key); null for a malformed or unknown token. */
export async function getBuyerThread(args: { token: string }, db: DB = getDb()): Promise<BuyerThread | null> {
  if (!/^[A-Z0-9]{8,32}$/.test(args.token)) return null;
  const row = await db
    .selectFrom("inquiries as i")
    .innerJoin("artisans as a", "a.id", "i.artisan_id")
    .leftJoin("products as p", "p.id", "i.product_id")
    .leftJoin("events as e", "e.id", "i.event_id")
    .select([
      "i.id",
      "i.token",
      "i.kind",
      "i.status",
      "i.buyer_name",
      "i.buyer_user_id",
      "i.quantity",
      "i.budget",
      "i.created_at",
      "a.id as artisan_id",
      "a.slug as artisan_slug",
      "a.name as artisan_name",
      "p.slug as product_slug",
      "p.title_id as product_title_id",
      "p.title_en as product_title_en",
      "e.slug as event_slug",
      "e.title_id as event_title_id",
      "e.title_en as event_title_en",
    ])
    .where("i.token", "=", args.token)
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    token: row.token,
    kind: row.kind,
    status: row.status,
    buyer_name: row.buyer_name,
    buyer_user_id: row.buyer_user_id,
    quantity: row.quantity,
    budget: row.budget,
    created_at: row.created_at,
    artisan: { id: row.artisan_id, slug: row.artisan_slug, name: row.artisan_name },
    product: row.product_slug ? { slug: row.product_slug, title_id: row.product_title_id ?? "", title_en: row.product_title_en ?? "" } : null,
    event: row.event_slug ? { slug: row.event_slug, title_id: row.event_title_id ?? "", title_en: row.event_title_en ?? "" } : null,
  };
}

export type BuyerThreadListItem = {
  token: string;
  kind: InquiryKind;
  status: InquiryStatus;
  created_at: string;
  updated_at: string;
  artisan_name: string;
  product_title_id: string | null;
  product_title_en: string | null;
  event_title_id: string | null;
  event_title_en: string | null;
  /** The artisan's messages the buyer has not read yet. */
  unread: number;
};

/** A signed-in buyer's threads (buyer_user_id), newest activity first. */
export async function listInquiriesOfBuyer(args: { userId: number; limit?: number }, db: DB = getDb()): Promise<BuyerThreadListItem[]> {
  const rows = await db
    .selectFrom("inquiries as i")
    .innerJoin("artisans as a", "a.id", "i.artisan_id")
    .leftJoin("products as p", "p.id", "i.product_id")
    .leftJoin("events as e", "e.id", "i.event_id")
    .select((eb) => [
      "i.token",
      "i.kind",
      "i.status",
      "i.created_at",
      "i.updated_at",
      "a.name as artisan_name",
      "p.title_id as product_title_id",
      "p.title_en as product_title_en",
      "e.title_id as event_title_id",
      "e.title_en as event_title_en",
      eb
        .selectFrom("inquiry_messages as m")
        .select((m) => m.fn.countAll<number>().as("n"))
        .whereRef("m.inquiry_id", "=", "i.id")
        .where("m.author", "=", "artisan")
        .where("m.read_at", "is", null)
        .as("unread"),
    ])
    .where("i.buyer_user_id", "=", args.userId)
    .orderBy("i.updated_at", "desc")
    .orderBy("i.id", "desc")
    .limit(Math.min(Math.max(args.limit ?? 100, 1), 500))
    .execute();
  return rows.map((r) => ({ ...r, unread: Number(r.unread ?? 0) }));
}

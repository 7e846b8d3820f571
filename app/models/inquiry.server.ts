import crypto from "node:crypto";
import { getDb } from "~/utils/db.server";
import { assertPositiveInt, inTransaction, isoAt, ModelError, randomCode, type DB } from "./common.server";

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
    now?: Date;
  },
  db: DB = getDb(),
): Promise<{ id: number; token: string }> {
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
        status: "new",
        source: args.source ?? "direct",
        source_link_id: args.sourceLinkId ?? null,
        ip_hash: args.ipHash ?? null,
        created_at: at,
        updated_at: at,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("inquiry_messages")
      .values({ inquiry_id: inquiry.id, author: "buyer", author_user_id: args.buyerUserId ?? null, body, created_at: at })
      .execute();
    return { id: inquiry.id, token };
  });
}

/**
 * Adds a message to a thread. An artisan may only write in their own shop's
 * threads (`artisanId`); the first reply sets first_response_at (response
 * time) and moves a new inquiry to 'answered'. Closed or spam threads take no
 * more messages.
 */
export async function addInquiryMessage(
  args: { inquiryId: number; author: "buyer" | "artisan"; artisanId?: number; authorUserId?: number | null; body: string; now?: Date },
  db: DB = getDb(),
): Promise<{ id: number }> {
  const body = cleanBody(args.body);
  const at = isoAt(args.now);
  return inTransaction(db, async (trx) => {
    let query = trx.selectFrom("inquiries").select(["id", "status", "first_response_at"]).where("id", "=", args.inquiryId);
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
      if (!inquiry.first_response_at) update.first_response_at = at;
      if (inquiry.status === "new") update.status = "answered";
    }
    await trx.updateTable("inquiries").set(update).where("id", "=", inquiry.id).execute();
    return message;
  });
}

/** Links an inquiry of the artisan's shop to the order it became (inquiry conversion). */
export async function convertInquiryToOrder(
  args: { inquiryId: number; artisanId: number; orderId: number; now?: Date },
  db: DB = getDb(),
): Promise<void> {
  const result = await db
    .updateTable("inquiries")
    .set({ status: "converted", converted_order_id: args.orderId, updated_at: isoAt(args.now) })
    .where("id", "=", args.inquiryId)
    .where("artisan_id", "=", args.artisanId)
    .where("status", "in", ["new", "answered"])
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw new ModelError("not_open", "No open inquiry of this shop", 404);
}

/**
 * Records a sale made outside the platform (cash at the workshop, transfer to
 * the artisan) against an inquiry: the revenue indicator counts it on `soldOn`.
 */
export async function recordOfflineSale(
  args: { inquiryId: number; artisanId: number; amount: number; soldOn: string; now?: Date },
  db: DB = getDb(),
): Promise<void> {
  assertPositiveInt(args.amount, "invalid_amount");
  if (!/^\d{4}-\d{2}-\d{2}$/.test(args.soldOn)) throw new ModelError("invalid_date");
  const result = await db
    .updateTable("inquiries")
    .set({ status: "converted", offline_sale_amount: args.amount, offline_sale_on: args.soldOn, updated_at: isoAt(args.now) })
    .where("id", "=", args.inquiryId)
    .where("artisan_id", "=", args.artisanId)
    .where("status", "in", ["new", "answered"])
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw new ModelError("not_open", "No open inquiry of this shop", 404);
}

/** Closes (or marks as spam) one of the artisan's threads. */
export async function closeInquiry(
  args: { inquiryId: number; artisanId: number; status?: "closed" | "spam"; now?: Date },
  db: DB = getDb(),
): Promise<void> {
  const result = await db
    .updateTable("inquiries")
    .set({ status: args.status ?? "closed", updated_at: isoAt(args.now) })
    .where("id", "=", args.inquiryId)
    .where("artisan_id", "=", args.artisanId)
    .where("status", "in", ["new", "answered"])
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw new ModelError("not_open", "No open inquiry of this shop", 404);
}

/** The artisan's inbox (owner-scoped), newest activity first. */
export async function listInquiriesOfArtisan(
  args: { artisanId: number; statuses?: InquiryStatus[]; limit?: number },
  db: DB = getDb(),
) {
  let query = db
    .selectFrom("inquiries as i")
    .leftJoin("products as p", "p.id", "i.product_id")
    .select(["i.id", "i.kind", "i.status", "i.source", "i.buyer_name", "i.buyer_country", "i.created_at", "i.updated_at", "p.title_id as product_title"])
    .where("i.artisan_id", "=", args.artisanId)
    .orderBy("i.updated_at", "desc")
    .limit(Math.min(Math.max(args.limit ?? 50, 1), 200));
  if (args.statuses?.length) query = query.where("i.status", "in", args.statuses);
  return query.execute();
}

/** A thread by its token (the guest's key) with its messages, oldest first. */
export async function getInquiryByToken(args: { token: string }, db: DB = getDb()) {
  if (!/^[A-Z0-9]{8,32}$/.test(args.token)) return null;
  const inquiry = await db
    .selectFrom("inquiries as i")
    .innerJoin("artisans as a", "a.id", "i.artisan_id")
    .select(["i.id", "i.token", "i.kind", "i.status", "i.buyer_name", "i.created_at", "a.slug as artisan_slug", "a.name as artisan_name"])
    .where("i.token", "=", args.token)
    .executeTakeFirst();
  if (!inquiry) return null;
  const messages = await db
    .selectFrom("inquiry_messages")
    .select(["id", "author", "body", "created_at"])
    .where("inquiry_id", "=", inquiry.id)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return { ...inquiry, messages };
}

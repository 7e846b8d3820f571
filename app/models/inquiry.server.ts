import crypto from "node:crypto";
import { getDb } from "~/utils/db.server";
import { assertPositiveInt, inTransaction, isoAt, ModelError, randomCode, type DB } from "./common.server";
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

/** Whether the shop blocked this sender (their inquiries go straight to spam). */
export async function isSenderBlocked(args: { artisanId: number; email: string }, db: DB = getDb()): Promise<boolean> {
  const row = await db
    .selectFrom("inquiry_blocks")
    .select("id")
    .where("artisan_id", "=", args.artisanId)
    .where("email", "=", args.email.trim().toLowerCase())
    .executeTakeFirst();
  return Boolean(row);
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

/**
 * Privacy workflows (UU PDP 27/2022): a person downloads what the platform
 * keeps about them, deletes their account, and an artisan grants or withdraws
 * consent to share per-shop figures with the agencies.
 *
 * What deletion keeps, and why (docs/decisions, "account deletion"):
 * - Orders stay for bookkeeping, de-identified: name → DELETED_TEXT, e-mail →
 *   deletedEmail(id), phone, district, postal code and address line emptied.
 *   Country, province and city stay: the buyers'-reach indicator counts them
 *   and they do not point at one person.
 * - Inquiries the person sent: same, and their own message bodies become
 *   DELETED_TEXT. The artisan's replies stay (the shop's records).
 * - Favourites (saved products and artisans) are deleted.
 * - The users row stays as a husk (orders and inquiries point at it, so the
 *   distinct-buyers count does not change) with every personal field wiped.
 * - An artisan's shop is archived and unlinked; its business records (order
 *   parts, facts, documents, needs, consent history) stay for the indicators.
 */
import { sql } from "kysely";
import { hasSharingConsent, listConsentHistory, recordConsent } from "~/models/artisan.server";
import { recordAudit } from "~/models/audit.server";
import { inTransaction, isoAt, ModelError, parseStringArray, type DB } from "~/models/common.server";
import { deleteFavouritesOf, exportFavourites } from "~/models/favourite.server";
import { deleteImageIfUnused, type OrphanFiles } from "~/models/photo.server";
import { getDb } from "~/utils/db.server";
import type { Locale } from "~/utils/i18n";
import { removeImageFiles } from "./images.server";
import { queueMail } from "./mail.server";

/** The neutral text that replaces a deleted person's name and their own messages. */
export const DELETED_TEXT = "[deleted]";

/**
 * The address a deleted account's rows carry instead of the real one: unique
 * per user (users.email is unique), not deliverable (".batikblitar" is no
 * top-level domain, and the "invalid" label says why), and it frees the real
 * address, so the person can sign up again with it.
 */
export function deletedEmail(userId: number): string {
  return `deleted-${userId}@invalid.batikblitar`;
}

/** Orders in these states still need the buyer (payment, delivery): deletion waits for them. */
export const OPEN_ORDER_STATUSES = ["pending_payment", "paid", "shipped"] as const;

// ---------------------------------------------------------------- export

export type DataExport = Awaited<ReturnType<typeof buildDataExport>>;

/**
 * Everything the platform keeps about one account, as plain JSON. Never a
 * password, token or session hash, never another person's e-mail: inquiries
 * an artisan received show the buyer's name as written in the thread only.
 * Audit entries where the person only acted (not the subject) are listed
 * without their details, which may describe other people.
 */
export async function buildDataExport(args: { userId: number; now?: Date }, db: DB = getDb()) {
  const user = await db
    .selectFrom("users")
    .select(["id", "name", "email", "locale", "created_at", "email_verified_at"])
    .where("id", "=", args.userId)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
  if (!user) throw new ModelError("not_found", "No such account", 404);

  const roles = await db.selectFrom("user_roles").select(["role", "granted_at"]).where("user_id", "=", user.id).orderBy("role").execute();
  const sessions = await db
    .selectFrom("sessions")
    .select(["created_at", "last_seen_at", "expires_at", "user_agent"])
    .where("user_id", "=", user.id)
    .where("expires_at", ">", isoAt(args.now))
    .orderBy("created_at")
    .execute();

  const orderRows = await db
    .selectFrom("orders")
    .select([
      "id",
      "code",
      "status",
      "buyer_name",
      "buyer_email",
      "buyer_phone",
      "country",
      "province",
      "city",
      "district",
      "postal_code",
      "address_line",
      "payment_method",
      "subtotal",
      "shipping_total",
      "total",
      "locale",
      "created_at",
      "paid_at",
      "cancelled_at",
    ])
    .where("buyer_user_id", "=", user.id)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  const partRows = orderRows.length
    ? await db
        .selectFrom("order_parts as op")
        .innerJoin("artisans as a", "a.id", "op.artisan_id")
        .select([
          "op.id",
          "op.order_id",
          "a.name as shop",
          "op.status",
          "op.fulfilment",
          "op.shipping_fee",
          "op.subtotal",
          "op.tracking_number",
          "op.shipped_at",
          "op.completed_at",
        ])
        .where(
          "op.order_id",
          "in",
          orderRows.map((o) => o.id),
        )
        .orderBy("op.id")
        .execute()
    : [];
  const lineRows = partRows.length
    ? await db
        .selectFrom("order_lines")
        .select(["order_part_id", "title", "unit_price", "quantity", "line_total"])
        .where(
          "order_part_id",
          "in",
          partRows.map((p) => p.id),
        )
        .orderBy("id")
        .execute()
    : [];
  const orders = orderRows.map(({ id, ...order }) => ({
    ...order,
    parts: partRows
      .filter((p) => p.order_id === id)
      .map(({ id: partId, order_id: _orderId, ...part }) => ({
        ...part,
        lines: lineRows.filter((l) => l.order_part_id === partId).map(({ order_part_id: _partId, ...line }) => line),
      })),
  }));

  const inquiryRows = await db
    .selectFrom("inquiries as i")
    .innerJoin("artisans as a", "a.id", "i.artisan_id")
    .leftJoin("products as p", "p.id", "i.product_id")
    .select([
      "i.id",
      "a.name as shop",
      "p.title_id as product",
      "i.kind",
      "i.status",
      "i.buyer_name",
      "i.buyer_email",
      "i.buyer_country",
      "i.quantity",
      "i.budget",
      "i.created_at",
    ])
    .where("i.buyer_user_id", "=", user.id)
    .orderBy("i.created_at")
    .orderBy("i.id")
    .execute();
  const inquiries = await withMessages(inquiryRows, db);

  const mail = await db
    .selectFrom("mail_outbox")
    .select(["subject", "template", "status", "created_at", "sent_at"])
    .where("to_address", "=", user.email)
    .orderBy("created_at")
    .orderBy("id")
    .execute();

  const auditRows = await db
    .selectFrom("audit_log")
    .select(["actor_user_id", "action", "subject_type", "subject_id", "details", "created_at"])
    .where((eb) => eb.or([eb("actor_user_id", "=", user.id), eb.and([eb("subject_type", "=", "user"), eb("subject_id", "=", String(user.id))])]))
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  const audit = auditRows.map((r) => {
    const aboutYou = r.subject_type === "user" && r.subject_id === String(user.id);
    return {
      action: r.action,
      subject_type: r.subject_type,
      subject_id: r.subject_id,
      by_you: r.actor_user_id === user.id,
      about_you: aboutYou,
      details: aboutYou ? parseDetails(r.details) : null,
      created_at: r.created_at,
    };
  });

  const shops = await exportShops(user.id, db);
  const favourites = await exportFavourites({ userId: user.id }, db);

  return {
    format: "batik-blitar-personal-data" as const,
    version: 1 as const,
    exported_at: isoAt(args.now),
    account: {
      name: user.name,
      email: user.email,
      language: user.locale,
      created_at: user.created_at,
      email_confirmed_at: user.email_verified_at,
    },
    roles,
    sessions,
    orders,
    inquiries,
    mail,
    audit,
    shops,
    favourites,
  };
}

function parseDetails(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** Threads with their messages (author role, text, time): no author ids, no e-mail. */
async function withMessages<T extends { id: number }>(rows: T[], db: DB) {
  const messages = rows.length
    ? await db
        .selectFrom("inquiry_messages")
        .select(["inquiry_id", "author", "body", "created_at"])
        .where(
          "inquiry_id",
          "in",
          rows.map((r) => r.id),
        )
        .orderBy("created_at")
        .orderBy("id")
        .execute()
    : [];
  return rows.map(({ id, ...row }) => ({
    ...row,
    messages: messages.filter((m) => m.inquiry_id === id).map(({ inquiry_id: _id, ...m }) => m),
  }));
}

async function exportShops(userId: number, db: DB) {
  const shops = await db
    .selectFrom("artisans as a")
    .leftJoin("associations as s", "s.id", "a.association_id")
    .select([
      "a.id",
      "a.slug",
      "a.name",
      "a.owner_name",
      "a.story_id",
      "a.story_en",
      "a.village",
      "a.district",
      "a.regency",
      "a.techniques",
      "a.founded_year",
      "a.whatsapp_number",
      "a.shipping_flat_rate",
      "s.name as association",
      "a.membership_status",
      "a.membership_reason",
      "a.membership_decided_at",
      "a.verified_at",
      "a.status",
      "a.created_at",
      "a.updated_at",
    ])
    .where("a.owner_user_id", "=", userId)
    .orderBy("a.name")
    .execute();
  const out = [];
  for (const { id, techniques, ...profile } of shops) {
    const products = await db
      .selectFrom("products")
      .select([
        "slug",
        "title_id",
        "title_en",
        "description_id",
        "description_en",
        "technique",
        "fabric",
        "dye",
        "width_cm",
        "length_cm",
        "price",
        "stock",
        "status",
        "published_at",
        "created_at",
      ])
      .where("artisan_id", "=", id)
      .orderBy("created_at")
      .orderBy("id")
      .execute();
    const facts = await db
      .selectFrom("artisan_facts")
      .select(["workers_men", "workers_women", "monthly_capacity", "reported_on", "created_at"])
      .where("artisan_id", "=", id)
      .orderBy("reported_on")
      .orderBy("id")
      .execute();
    const legalDocuments = await db
      .selectFrom("legal_documents")
      .select(["kind", "number", "issuer", "grade", "issued_on", "expires_on", "status", "verified_at", "decision_reason", "superseded_at", "created_at"])
      .where("artisan_id", "=", id)
      .orderBy("created_at")
      .orderBy("id")
      .execute();
    const facilityNeeds = await db
      .selectFrom("facility_needs")
      .select(["kind", "description", "status", "opened_on", "closed_on", "created_at"])
      .where("artisan_id", "=", id)
      .orderBy("created_at")
      .orderBy("id")
      .execute();
    const consents = (await listConsentHistory({ artisanId: id }, db))
      .reverse()
      .map((c) => ({ granted: c.granted, recorded_at: c.recorded_at, recorded_by_you: c.recorded_by === userId }));
    // The buyer's e-mail and country are the buyer's data: only the name they wrote under.
    const inquiryRows = await db
      .selectFrom("inquiries as i")
      .leftJoin("products as p", "p.id", "i.product_id")
      .select(["i.id", "p.title_id as product", "i.kind", "i.status", "i.buyer_name", "i.created_at"])
      .where("i.artisan_id", "=", id)
      .orderBy("i.created_at")
      .orderBy("i.id")
      .execute();
    out.push({
      ...profile,
      techniques: parseStringArray(techniques),
      products,
      facts,
      legal_documents: legalDocuments,
      facility_needs: facilityNeeds,
      consents,
      inquiries_received: await withMessages(inquiryRows, db),
    });
  }
  return out;
}

// ---------------------------------------------------------------- deletion

export type DeletionBlocker = { code: "open_orders"; count: number } | { code: "open_shop_orders"; count: number } | { code: "last_admin" };

/**
 * Why an account cannot be deleted right now, or null. Open orders (waiting
 * for payment, paid, on the way) still need the buyer's address and e-mail;
 * a shop's open order parts still need the artisan; the only admin would
 * leave the platform without one.
 */
export async function findDeletionBlocker(args: { userId: number }, db: DB = getDb()): Promise<DeletionBlocker | null> {
  const open = await db
    .selectFrom("orders")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("buyer_user_id", "=", args.userId)
    .where("status", "in", OPEN_ORDER_STATUSES)
    .executeTakeFirstOrThrow();
  if (Number(open.n) > 0) return { code: "open_orders", count: Number(open.n) };
  const shopOpen = await db
    .selectFrom("order_parts as op")
    .innerJoin("artisans as a", "a.id", "op.artisan_id")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("a.owner_user_id", "=", args.userId)
    .where("op.status", "in", OPEN_ORDER_STATUSES)
    .executeTakeFirstOrThrow();
  if (Number(shopOpen.n) > 0) return { code: "open_shop_orders", count: Number(shopOpen.n) };
  const admins = await db
    .selectFrom("user_roles")
    .select(["user_id"])
    .where("role", "=", "admin")
    .execute();
  if (admins.length === 1 && admins[0].user_id === args.userId) return { code: "last_admin" };
  return null;
}

export type DeletionResult = { orders: number; inquiries: number; shops: number; farewellOutboxId: number };

/**
 * Deletes an account in one transaction (see the file comment for what stays).
 * Order: the farewell mail is queued to the old address first, then every
 * other outbox row to that address is deleted (with its queued send job), so
 * the farewell is the only message kept; it is needed to deliver it.
 * The caller checks the password and clears the browser's cookie.
 * Throws ModelError("open_orders" | "open_shop_orders" | "last_admin", 409).
 */
export async function deleteAccount(args: { userId: number; locale: Locale; now?: Date }, db: DB = getDb()): Promise<DeletionResult> {
  const at = isoAt(args.now);
  const wiped = deletedEmail(args.userId);
  const orphans: OrphanFiles[] = [];
  const result = await inTransaction(db, async (trx) => {
    const user = await trx.selectFrom("users").select(["id", "name", "email"]).where("id", "=", args.userId).where("deleted_at", "is", null).executeTakeFirst();
    if (!user) throw new ModelError("not_found", "No such account", 404);
    // Checked inside the transaction: an order placed a moment ago counts.
    const blocker = await findDeletionBlocker({ userId: user.id }, trx);
    if (blocker) throw new ModelError(blocker.code, `Account ${user.id} cannot be deleted yet: ${blocker.code}`, 409);

    const farewell = await queueMail(
      { to: user.email, toName: user.name, template: "accountDeleted", locale: args.locale, data: { name: user.name, deletedAt: at } },
      trx,
    );

    const orders = await trx
      .updateTable("orders")
      .set({ buyer_name: DELETED_TEXT, buyer_email: wiped, buyer_phone: "", district: "", postal_code: "", address_line: "", updated_at: at })
      .where("buyer_user_id", "=", user.id)
      .executeTakeFirst();

    const inquiryIds = (await trx.selectFrom("inquiries").select("id").where("buyer_user_id", "=", user.id).execute()).map((r) => r.id);
    if (inquiryIds.length) {
      await trx
        .updateTable("inquiries")
        .set({ buyer_name: DELETED_TEXT, buyer_email: wiped, ip_hash: null, updated_at: at })
        .where("id", "in", inquiryIds)
        .execute();
      await trx
        .updateTable("inquiry_messages")
        .set({ body: DELETED_TEXT })
        .where("inquiry_id", "in", inquiryIds)
        .where("author", "=", "buyer")
        .execute();
      // The photos they attached go too (the files after the commit).
      const photos = await trx
        .selectFrom("inquiry_message_images as mi")
        .innerJoin("inquiry_messages as m", "m.id", "mi.message_id")
        .select(["mi.message_id", "mi.image_id"])
        .where("m.inquiry_id", "in", inquiryIds)
        .where("m.author", "=", "buyer")
        .execute();
      for (const photo of photos) {
        await trx.deleteFrom("inquiry_message_images").where("message_id", "=", photo.message_id).where("image_id", "=", photo.image_id).execute();
        const orphan = await deleteImageIfUnused(photo.image_id, trx);
        if (orphan) orphans.push(orphan);
      }
    }

    const shops = await trx.selectFrom("artisans").select("id").where("owner_user_id", "=", user.id).execute();
    for (const shop of shops) {
      // Per-shop figures of someone who left are no longer shared.
      if (await hasSharingConsent({ artisanId: shop.id, at: args.now }, trx)) {
        await recordConsent({ artisanId: shop.id, granted: false, recordedBy: user.id, now: args.now }, trx);
      }
      await trx.updateTable("products").set({ status: "archived", updated_at: at }).where("artisan_id", "=", shop.id).execute();
    }
    if (shops.length) {
      await trx
        .updateTable("artisans")
        .set({ status: "archived", owner_user_id: null, owner_name: DELETED_TEXT, whatsapp_number: null, updated_at: at })
        .where("id", "in", shops.map((s) => s.id))
        .execute();
    }

    await trx.deleteFrom("sessions").where("user_id", "=", user.id).execute();
    await trx.deleteFrom("auth_tokens").where("user_id", "=", user.id).execute();
    await trx.deleteFrom("user_roles").where("user_id", "=", user.id).execute();
    await trx.deleteFrom("agency_staff").where("user_id", "=", user.id).execute();
    await deleteFavouritesOf({ userId: user.id }, trx);
    await trx.deleteFrom("association_officers").where("user_id", "=", user.id).execute();
    // Rate-limit keys such as "login:email:<address>" carry the address.
    await trx
      .deleteFrom("rate_limits")
      .where(sql<string>`substr(key, ${-(user.email.length + 1)})`, "=", `:${user.email}`)
      .execute();

    const oldMail = await trx
      .selectFrom("mail_outbox")
      .select("id")
      .where("to_address", "=", user.email)
      .where("id", "!=", farewell.outboxId)
      .execute();
    if (oldMail.length) {
      await trx
        .deleteFrom("jobs")
        .where("name", "=", "mail.send")
        .where("status", "=", "queued")
        .where(
          "dedupe_key",
          "in",
          oldMail.map((m) => `mail.send:${m.id}`),
        )
        .execute();
      await trx.deleteFrom("mail_outbox").where("id", "in", oldMail.map((m) => m.id)).execute();
    }

    await trx
      .updateTable("users")
      .set({ name: DELETED_TEXT, email: wiped, password_hash: null, email_verified_at: null, updated_at: at, deleted_at: at, anonymized_at: at })
      .where("id", "=", user.id)
      .execute();

    // Counts only: the entry must not bring back what was just wiped.
    await recordAudit(
      {
        actorUserId: user.id,
        action: "user.deleted",
        subjectType: "user",
        subjectId: user.id,
        details: { orders: Number(orders.numUpdatedRows), inquiries: inquiryIds.length, shops: shops.length },
        now: args.now,
      },
      trx,
    );
    return { orders: Number(orders.numUpdatedRows), inquiries: inquiryIds.length, shops: shops.length, farewellOutboxId: farewell.outboxId };
  });
  // Inside a caller's transaction the files wait: a rollback would bring the rows back.
  if (!db.isTransaction) for (const orphan of orphans) await removeImageFiles(orphan);
  return result;
}

// ---------------------------------------------------------------- consent

/**
 * Grants or withdraws a shop's consent to share its per-shop figures with
 * the agencies. Only the shop's owner may (another shop's id is a 404, never
 * a change). Posting the state already in force records nothing, so the
 * history only holds real changes. Audited as artisan.consent_granted /
 * artisan.consent_withdrawn.
 */
export async function setSharingConsent(
  args: { userId: number; artisanId: number; granted: boolean; now?: Date },
  db: DB = getDb(),
): Promise<{ changed: boolean; shopName: string }> {
  return inTransaction(db, async (trx) => {
    const shop = await trx
      .selectFrom("artisans")
      .select(["id", "name"])
      .where("id", "=", args.artisanId)
      .where("owner_user_id", "=", args.userId)
      .executeTakeFirst();
    if (!shop) throw new ModelError("not_found", "No such shop of yours", 404);
    const current = await hasSharingConsent({ artisanId: shop.id, at: args.now }, trx);
    if (current === args.granted) return { changed: false, shopName: shop.name };
    await recordConsent({ artisanId: shop.id, granted: args.granted, recordedBy: args.userId, now: args.now }, trx);
    await recordAudit(
      {
        actorUserId: args.userId,
        action: args.granted ? "artisan.consent_granted" : "artisan.consent_withdrawn",
        subjectType: "artisan",
        subjectId: shop.id,
        details: { before: current, after: args.granted },
        now: args.now,
      },
      trx,
    );
    return { changed: true, shopName: shop.name };
  });
}

export type ConsentOverview = {
  id: number;
  slug: string;
  name: string;
  granted: boolean;
  history: { id: number; granted: boolean; recorded_at: string; by: "you" | "other" | "system" }[];
};

/** The owner's shops with the consent in force and its history (newest first), for /account/privacy. */
export async function listConsentOverview(args: { userId: number; now?: Date }, db: DB = getDb()): Promise<ConsentOverview[]> {
  const shops = await db
    .selectFrom("artisans")
    .select(["id", "slug", "name"])
    .where("owner_user_id", "=", args.userId)
    .orderBy("name")
    .orderBy("id")
    .execute();
  const out: ConsentOverview[] = [];
  for (const shop of shops) {
    const history = await listConsentHistory({ artisanId: shop.id }, db);
    out.push({
      ...shop,
      granted: await hasSharingConsent({ artisanId: shop.id, at: args.now }, db),
      history: history.map((h) => ({
        id: h.id,
        granted: h.granted,
        recorded_at: h.recorded_at,
        by: h.recorded_by === args.userId ? "you" : h.recorded_by == null ? "system" : "other",
      })),
    });
  }
  return out;
}

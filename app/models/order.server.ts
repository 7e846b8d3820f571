import crypto from "node:crypto";
import { sql } from "kysely";
import { getDb } from "~/utils/db.server";
import { recordAudit } from "./audit.server";
import { assertNonNegativeInt, inTransaction, isoAt, ModelError, randomCode, type DB } from "./common.server";

export type OrderStatus = "pending_payment" | "paid" | "shipped" | "completed" | "cancelled" | "refunded" | "expired";
export type PaymentProvider = "bank_transfer" | "stripe";

/** Statuses of an order whose payment was confirmed (paid_at is set exactly for these). */
export const PAID_STATUSES: readonly OrderStatus[] = ["paid", "shipped", "completed", "refunded"];

export type BuyerInput = {
  userId?: number | null;
  name: string;
  email: string;
  phone?: string;
  /** ISO 3166-1 alpha-2, e.g. "ID", "SG". */
  country: string;
  province?: string;
  city?: string;
  district?: string;
  postalCode?: string;
  addressLine?: string;
};

export type OrderLineInput = { productId: number; quantity: number };

const MAX_LINES = 50;
const MAX_QUANTITY = 99;
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** 16 symbols of 5 bits = 80 bits: /orders/:code is the only key to a guest's order page. */
export function newOrderCode(): string {
  return randomCode(16, (n) => crypto.randomBytes(n));
}

/**
 * Places an order in one transaction: one part per artisan, one line per
 * product, with prices read from the database (never from the client).
 * line_total = unit_price × quantity, part subtotal = Σ its lines, order
 * subtotal = Σ parts, shipping per part = the shop's flat rate (0 for pickup
 * at an event, or `shippingByArtisan` when checkout quoted a rate), order
 * total = subtotal + shipping.
 *
 * Stock is reserved here, not at payment: each product's stock is lowered
 * with a conditional update (stock >= quantity), so two buyers can never both
 * take the last piece. cancelOrder() gives it back when the order expires.
 */
export async function createOrder(
  args: {
    buyer: BuyerInput;
    lines: OrderLineInput[];
    paymentMethod: PaymentProvider;
    code?: string;
    locale?: "id" | "en";
    fulfilment?: "ship" | "pickup";
    pickupEventId?: number | null;
    shippingByArtisan?: Record<number, number>;
    attributionLinkId?: number | null;
    attributedAt?: string | null;
    expiresAt?: string | null;
    now?: Date;
  },
  db: DB = getDb(),
): Promise<{ id: number; code: string; subtotal: number; shippingTotal: number; total: number; parts: { id: number; artisanId: number }[] }> {
  const buyer = args.buyer;
  const email = buyer.email.trim().toLowerCase();
  if (!buyer.name.trim() || buyer.name.length > 120) throw new ModelError("invalid_name");
  if (!EMAIL_RE.test(email)) throw new ModelError("invalid_email");
  if (!/^[A-Z]{2}$/.test(buyer.country)) throw new ModelError("invalid_country");
  if (args.paymentMethod !== "bank_transfer" && args.paymentMethod !== "stripe") throw new ModelError("invalid_payment_method");
  if (args.lines.length === 0) throw new ModelError("empty_order");
  if (args.lines.length > MAX_LINES) throw new ModelError("too_many_lines");
  // Merge repeated products so a line's stock check covers the whole quantity.
  const quantities = new Map<number, number>();
  for (const line of args.lines) {
    if (!Number.isSafeInteger(line.productId)) throw new ModelError("invalid_product");
    if (!Number.isInteger(line.quantity) || line.quantity < 1 || line.quantity > MAX_QUANTITY) throw new ModelError("invalid_quantity");
    quantities.set(line.productId, (quantities.get(line.productId) ?? 0) + line.quantity);
  }
  for (const q of quantities.values()) if (q > MAX_QUANTITY) throw new ModelError("invalid_quantity");
  const fulfilment = args.fulfilment ?? "ship";
  if (fulfilment === "pickup" && args.pickupEventId == null) throw new ModelError("pickup_needs_event");
  const at = isoAt(args.now);
  const code = args.code ?? newOrderCode();

  return inTransaction(db, async (trx) => {
    const products = await trx
      .selectFrom("products as p")
      .innerJoin("artisans as a", "a.id", "p.artisan_id")
      .select(["p.id", "p.title_id", "p.price", "p.artisan_id", "a.shipping_flat_rate"])
      .where("p.id", "in", [...quantities.keys()])
      .where("p.status", "=", "published")
      .where("a.status", "=", "active")
      .where("a.membership_status", "=", "verified")
      .execute();
    if (products.length !== quantities.size) throw new ModelError("product_unavailable", "A product is no longer for sale", 409);

    type Line = { productId: number; title: string; unitPrice: number; quantity: number; lineTotal: number };
    const parts = new Map<number, { lines: Line[]; shipping: number; subtotal: number }>();
    // Keep the buyer's line order inside each part.
    const byId = new Map(products.map((p) => [p.id, p]));
    for (const [productId, quantity] of quantities) {
      const p = byId.get(productId)!;
      const part = parts.get(p.artisan_id) ?? { lines: [], shipping: 0, subtotal: 0 };
      const lineTotal = p.price * quantity;
      part.lines.push({ productId, title: p.title_id, unitPrice: p.price, quantity, lineTotal });
      part.subtotal += lineTotal;
      const quoted = args.shippingByArtisan?.[p.artisan_id];
      part.shipping = fulfilment === "pickup" ? 0 : quoted !== undefined ? assertNonNegativeInt(quoted, "invalid_shipping") : p.shipping_flat_rate;
      parts.set(p.artisan_id, part);
    }
    const subtotal = [...parts.values()].reduce((sum, part) => sum + part.subtotal, 0);
    const shippingTotal = [...parts.values()].reduce((sum, part) => sum + part.shipping, 0);
    const total = subtotal + shippingTotal;

    for (const [productId, quantity] of quantities) {
      const result = await trx
        .updateTable("products")
        .set((eb) => ({ stock: eb("stock", "-", quantity) }))
        .where("id", "=", productId)
        .where("stock", ">=", quantity)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) throw new ModelError("out_of_stock", "Not enough stock", 409);
    }

    const order = await trx
      .insertInto("orders")
      .values({
        code,
        buyer_user_id: buyer.userId ?? null,
        buyer_name: buyer.name.trim(),
        buyer_email: email,
        buyer_phone: buyer.phone ?? "",
        country: buyer.country,
        province: buyer.province ?? "",
        city: buyer.city ?? "",
        district: buyer.district ?? "",
        postal_code: buyer.postalCode ?? "",
        address_line: buyer.addressLine ?? "",
        status: "pending_payment",
        payment_method: args.paymentMethod,
        subtotal,
        shipping_total: shippingTotal,
        total,
        attribution_link_id: args.attributionLinkId ?? null,
        attributed_at: args.attributionLinkId ? (args.attributedAt ?? at) : null,
        locale: args.locale ?? "id",
        expires_at: args.expiresAt ?? null,
        created_at: at,
        updated_at: at,
      })
      .returning("id")
      .executeTakeFirstOrThrow();

    const created: { id: number; artisanId: number }[] = [];
    for (const [artisanId, part] of parts) {
      const row = await trx
        .insertInto("order_parts")
        .values({
          order_id: order.id,
          artisan_id: artisanId,
          status: "pending_payment",
          fulfilment,
          pickup_event_id: fulfilment === "pickup" ? (args.pickupEventId ?? null) : null,
          shipping_fee: part.shipping,
          subtotal: part.subtotal,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      created.push({ id: row.id, artisanId });
      await trx
        .insertInto("order_lines")
        .values(
          part.lines.map((l) => ({
            order_part_id: row.id,
            product_id: l.productId,
            title: l.title,
            unit_price: l.unitPrice,
            quantity: l.quantity,
            line_total: l.lineTotal,
          })),
        )
        .execute();
    }
    return { id: order.id, code, subtotal, shippingTotal, total, parts: created };
  });
}

/** A bank-transfer reference (or a Stripe session) waiting for confirmation. */
export async function createPendingPayment(
  args: { orderId: number; provider: PaymentProvider; reference: string; providerRef?: string | null; amount: number; now?: Date },
  db: DB = getDb(),
): Promise<{ id: number }> {
  assertNonNegativeInt(args.amount, "invalid_amount");
  return db
    .insertInto("payments")
    .values({
      order_id: args.orderId,
      provider: args.provider,
      reference: args.reference,
      provider_ref: args.providerRef ?? null,
      amount: args.amount,
      status: "pending",
      created_at: isoAt(args.now),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
}

/**
 * Confirms payment of an order: the payment row (succeeded), the order and
 * its parts become 'paid' with paid_at = now (revenue counts on that WIB
 * day). Idempotent: a replayed confirmation (same reference, or an order
 * already paid) changes nothing and answers 'already_paid'. The amount must
 * equal the order total. An operator's confirmation is audited.
 */
export async function markOrderPaid(
  args: {
    orderId: number;
    provider: PaymentProvider;
    amount: number;
    reference?: string;
    providerRef?: string | null;
    confirmedBy?: number | null;
    now?: Date;
  },
  db: DB = getDb(),
): Promise<{ status: "paid" | "already_paid"; paymentId: number | null }> {
  const at = isoAt(args.now);
  const reference = args.reference ?? `PAY-${randomCode(12, (n) => crypto.randomBytes(n))}`;
  return inTransaction(db, async (trx) => {
    const order = await trx.selectFrom("orders").select(["id", "status", "total"]).where("id", "=", args.orderId).executeTakeFirst();
    if (!order) throw new ModelError("not_found", "No such order", 404);
    const existing = await trx
      .selectFrom("payments")
      .select(["id", "order_id", "status"])
      .where("reference", "=", reference)
      .executeTakeFirst();
    if (existing && existing.order_id !== order.id) throw new ModelError("reference_mismatch", "Payment reference belongs to another order", 409);
    if (PAID_STATUSES.includes(order.status)) return { status: "already_paid" as const, paymentId: existing?.id ?? null };
    if (order.status !== "pending_payment") throw new ModelError("not_payable", `Order is ${order.status}`, 409);
    if (args.amount !== order.total) throw new ModelError("amount_mismatch", "Paid amount differs from the order total", 409);

    let paymentId: number;
    if (existing) {
      await trx
        .updateTable("payments")
        .set({ status: "succeeded", confirmed_at: at, confirmed_by: args.confirmedBy ?? null, provider_ref: args.providerRef ?? null, amount: args.amount })
        .where("id", "=", existing.id)
        .execute();
      paymentId = existing.id;
    } else {
      const row = await trx
        .insertInto("payments")
        .values({
          order_id: order.id,
          provider: args.provider,
          reference,
          provider_ref: args.providerRef ?? null,
          amount: args.amount,
          status: "succeeded",
          confirmed_at: at,
          confirmed_by: args.confirmedBy ?? null,
          created_at: at,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      paymentId = row.id;
    }
    // Other pending attempts of this order can no longer be used.
    await trx
      .updateTable("payments")
      .set({ status: "expired" })
      .where("order_id", "=", order.id)
      .where("status", "=", "pending")
      .where("id", "<>", paymentId)
      .execute();
    await trx.updateTable("orders").set({ status: "paid", paid_at: at, expires_at: null, updated_at: at }).where("id", "=", order.id).execute();
    await trx.updateTable("order_parts").set({ status: "paid" }).where("order_id", "=", order.id).execute();
    if (args.confirmedBy) {
      await recordAudit(
        { actorUserId: args.confirmedBy, action: "order.payment_confirmed", subjectType: "order", subjectId: order.id, details: { reference, amount: args.amount }, now: args.now },
        trx,
      );
    }
    return { status: "paid" as const, paymentId };
  });
}

/**
 * Ends an unpaid order ('expired' by the expiry job, 'cancelled' by the buyer
 * or operator) and gives its reserved stock back. Only pending orders can end
 * this way; a paid order is refunded instead.
 */
export async function cancelOrder(
  args: { orderId: number; status: "cancelled" | "expired"; actorUserId?: number | null; now?: Date },
  db: DB = getDb(),
): Promise<void> {
  const at = isoAt(args.now);
  await inTransaction(db, async (trx) => {
    const result = await trx
      .updateTable("orders")
      .set({ status: args.status, cancelled_at: at, updated_at: at })
      .where("id", "=", args.orderId)
      .where("status", "=", "pending_payment")
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw new ModelError("not_pending", "Only an unpaid order can be cancelled", 409);
    await trx.updateTable("order_parts").set({ status: args.status }).where("order_id", "=", args.orderId).execute();
    await trx.updateTable("payments").set({ status: "expired" }).where("order_id", "=", args.orderId).where("status", "=", "pending").execute();
    const lines = await trx
      .selectFrom("order_lines as l")
      .innerJoin("order_parts as op", "op.id", "l.order_part_id")
      .select(["l.product_id", "l.quantity"])
      .where("op.order_id", "=", args.orderId)
      .execute();
    for (const line of lines) {
      if (line.product_id == null) continue;
      await trx
        .updateTable("products")
        .set((eb) => ({ stock: eb("stock", "+", line.quantity) }))
        .where("id", "=", line.product_id)
        .execute();
    }
    if (args.actorUserId) {
      await recordAudit({ actorUserId: args.actorUserId, action: `order.${args.status}`, subjectType: "order", subjectId: args.orderId, now: args.now }, trx);
    }
  });
}

/** Pending orders whose payment window closed before `now` (for the expiry job). */
export async function listExpiredPendingOrders(args: { now: Date; limit?: number }, db: DB = getDb()) {
  return db
    .selectFrom("orders")
    .select(["id", "code"])
    .where("status", "=", "pending_payment")
    .where("expires_at", "is not", null)
    .where("expires_at", "<", isoAt(args.now))
    .orderBy("expires_at")
    .limit(Math.min(Math.max(args.limit ?? 100, 1), 1000))
    .execute();
}

/**
 * Rolls the order's status up from its parts in one statement: 'completed'
 * when every part is completed or refunded (and one at least completed),
 * else 'shipped' when every part is shipped, completed or refunded (and one
 * at least not refunded). Only a paid or shipped order moves.
 */
async function rollUpOrderStatus(trx: DB, orderId: number, at: string) {
  await trx
    .updateTable("orders")
    .set({
      status: sql<OrderStatus>`case when exists (select 1 from order_parts where order_id = ${orderId} and status not in ('completed', 'refunded')) then 'shipped' else 'completed' end`,
      updated_at: at,
    })
    .where("id", "=", orderId)
    .where("status", "in", ["paid", "shipped"])
    .where(sql<boolean>`not exists (select 1 from order_parts where order_id = ${orderId} and status not in ('shipped', 'completed', 'refunded'))`)
    .where(sql<boolean>`exists (select 1 from order_parts where order_id = ${orderId} and status <> 'refunded')`)
    .execute();
}

/**
 * Moves one of the artisan's parts from `from` to `to` with a conditional
 * update; when nothing moved, says why (not this shop's part, or wrong state).
 */
async function movePart(
  trx: DB,
  args: { artisanId: number; orderPartId: number; from: OrderStatus; to: OrderStatus; set: { shipped_at?: string; tracking_number?: string | null; completed_at?: string } },
): Promise<number> {
  const moved = await trx
    .updateTable("order_parts")
    .set({ status: args.to, ...args.set })
    .where("id", "=", args.orderPartId)
    .where("artisan_id", "=", args.artisanId)
    .where("status", "=", args.from)
    .returning("order_id")
    .executeTakeFirst();
  if (moved) return moved.order_id;
  const part = await trx
    .selectFrom("order_parts")
    .select("status")
    .where("id", "=", args.orderPartId)
    .where("artisan_id", "=", args.artisanId)
    .executeTakeFirst();
  if (!part) throw new ModelError("not_found", "No such order in this shop", 404);
  throw new ModelError(args.to === "shipped" ? "not_shippable" : "not_shipped", `Order part is ${part.status}`, 409);
}

/** The artisan ships (or hands over at the event) their part of a paid order. */
export async function shipOrderPart(
  args: { artisanId: number; orderPartId: number; trackingNumber?: string | null; now?: Date },
  db: DB = getDb(),
): Promise<void> {
  const at = isoAt(args.now);
  await inTransaction(db, async (trx) => {
    const orderId = await movePart(trx, {
      artisanId: args.artisanId,
      orderPartId: args.orderPartId,
      from: "paid",
      to: "shipped",
      set: { shipped_at: at, tracking_number: args.trackingNumber?.trim() || null },
    });
    await rollUpOrderStatus(trx, orderId, at);
  });
}

/** Marks a shipped part as received (buyer confirmation or delivery). */
export async function completeOrderPart(args: { artisanId: number; orderPartId: number; now?: Date }, db: DB = getDb()): Promise<void> {
  const at = isoAt(args.now);
  await inTransaction(db, async (trx) => {
    const orderId = await movePart(trx, { artisanId: args.artisanId, orderPartId: args.orderPartId, from: "shipped", to: "completed", set: { completed_at: at } });
    await rollUpOrderStatus(trx, orderId, at);
  });
}

/** An order for its status page (the code is the buyer's key), with parts and lines. */
export async function getOrderByCode(args: { code: string }, db: DB = getDb()) {
  if (!/^[A-Z0-9]{8,32}$/.test(args.code)) return null;
  const order = await db
    .selectFrom("orders")
    .select([
      "id",
      "code",
      "buyer_name",
      "country",
      "city",
      "status",
      "payment_method",
      "subtotal",
      "shipping_total",
      "total",
      "locale",
      "expires_at",
      "paid_at",
      "cancelled_at",
      "created_at",
    ])
    .where("code", "=", args.code)
    .executeTakeFirst();
  if (!order) return null;
  const parts = await db
    .selectFrom("order_parts as op")
    .innerJoin("artisans as a", "a.id", "op.artisan_id")
    .select(["op.id", "op.status", "op.fulfilment", "op.shipping_fee", "op.subtotal", "op.tracking_number", "op.shipped_at", "a.slug as artisan_slug", "a.name as artisan_name"])
    .where("op.order_id", "=", order.id)
    .orderBy("op.id")
    .execute();
  const lines = await db
    .selectFrom("order_lines as l")
    .leftJoin("products as p", "p.id", "l.product_id")
    .select(["l.id", "l.order_part_id", "l.title", "l.unit_price", "l.quantity", "l.line_total", "p.slug as product_slug"])
    .where(
      "l.order_part_id",
      "in",
      parts.length ? parts.map((p) => p.id) : [-1],
    )
    .orderBy("l.id")
    .execute();
  return { ...order, parts: parts.map((p) => ({ ...p, lines: lines.filter((l) => l.order_part_id === p.id) })) };
}

/** Orders of a registered buyer, newest first. */
export async function listOrdersOfBuyer(args: { userId: number; limit?: number }, db: DB = getDb()) {
  return db
    .selectFrom("orders")
    .select(["id", "code", "status", "total", "created_at", "paid_at"])
    .where("buyer_user_id", "=", args.userId)
    .orderBy("created_at", "desc")
    .limit(Math.min(Math.max(args.limit ?? 50, 1), 200))
    .execute();
}

/** An artisan's order parts to fulfil (owner-scoped), newest first. */
export async function listOrderPartsOfArtisan(
  args: { artisanId: number; statuses?: OrderStatus[]; limit?: number },
  db: DB = getDb(),
) {
  let query = db
    .selectFrom("order_parts as op")
    .innerJoin("orders as o", "o.id", "op.order_id")
    .select([
      "op.id",
      "op.status",
      "op.fulfilment",
      "op.subtotal",
      "op.shipping_fee",
      "op.tracking_number",
      "o.code",
      "o.buyer_name",
      "o.city",
      "o.country",
      "o.created_at",
      "o.paid_at",
    ])
    .where("op.artisan_id", "=", args.artisanId)
    .orderBy("o.created_at", "desc")
    .limit(Math.min(Math.max(args.limit ?? 50, 1), 200));
  if (args.statuses?.length) query = query.where("op.status", "in", args.statuses);
  return query.execute();
}

/** Σ succeeded payments − Σ refunds of an order: what may still be refunded. */
export async function getRefundableAmount(args: { orderId: number }, db: DB = getDb()): Promise<number> {
  const row = await db
    .selectFrom("orders as o")
    .select([
      sql<number>`(select coalesce(sum(amount), 0) from payments where order_id = o.id and status = 'succeeded')`.as("paid"),
      sql<number>`(select coalesce(sum(amount), 0) from refunds where order_id = o.id)`.as("refunded"),
    ])
    .where("o.id", "=", args.orderId)
    .executeTakeFirst();
  return row ? Number(row.paid) - Number(row.refunded) : 0;
}

import { sql } from "kysely";
import { getDb } from "~/utils/db.server";
import { recordAudit } from "./audit.server";
import { assertPositiveInt, inTransaction, isoAt, ModelError, type DB } from "./common.server";
import type { PaymentProvider } from "./order.server";

/**
 * Records a refund of a paid order (whole order, or one artisan's part). The
 * amount may not exceed what was paid and not yet refunded (for a part: its
 * subtotal + shipping less earlier refunds of it). When everything paid has
 * been refunded the order becomes 'refunded'; a fully refunded part becomes
 * 'refunded' too. The indicator subtracts a refund on the day it was made.
 * Stock is not given back: a refunded piece may be damaged or not returned.
 * Audited.
 */
export async function refundOrder(
  args: {
    orderId: number;
    orderPartId?: number | null;
    amount: number;
    reason: string;
    provider: PaymentProvider;
    providerRef?: string | null;
    createdBy: number | null;
    now?: Date;
  },
  db: DB = getDb(),
): Promise<{ id: number; orderStatus: string }> {
  assertPositiveInt(args.amount, "invalid_amount");
  const reason = args.reason.trim();
  if (!reason || reason.length > 500) throw new ModelError("invalid_reason");
  const at = isoAt(args.now);
  return inTransaction(db, async (trx) => {
    const order = await trx
      .selectFrom("orders as o")
      .select([
        "o.id",
        "o.status",
        sql<number>`(select coalesce(sum(amount), 0) from payments where order_id = o.id and status = 'succeeded')`.as("paid"),
        sql<number>`(select coalesce(sum(amount), 0) from refunds where order_id = o.id)`.as("refunded"),
      ])
      .where("o.id", "=", args.orderId)
      .executeTakeFirst();
    if (!order) throw new ModelError("not_found", "No such order", 404);
    if (!["paid", "shipped", "completed"].includes(order.status)) throw new ModelError("not_refundable", `Order is ${order.status}`, 409);
    const refundable = Number(order.paid) - Number(order.refunded);
    if (args.amount > refundable) throw new ModelError("amount_too_large", "More than what is left to refund", 409);

    if (args.orderPartId != null) {
      const part = await trx
        .selectFrom("order_parts as op")
        .select([
          "op.id",
          sql<number>`op.subtotal + op.shipping_fee`.as("value"),
          sql<number>`(select coalesce(sum(amount), 0) from refunds where order_part_id = op.id)`.as("refunded"),
        ])
        .where("op.id", "=", args.orderPartId)
        .where("op.order_id", "=", order.id)
        .executeTakeFirst();
      if (!part) throw new ModelError("not_found", "No such part of this order", 404);
      const left = Number(part.value) - Number(part.refunded);
      if (args.amount > left) throw new ModelError("amount_too_large", "More than what is left of this part", 409);
      if (args.amount === left) await trx.updateTable("order_parts").set({ status: "refunded" }).where("id", "=", part.id).execute();
    }

    const refund = await trx
      .insertInto("refunds")
      .values({
        order_id: order.id,
        order_part_id: args.orderPartId ?? null,
        amount: args.amount,
        reason,
        provider: args.provider,
        provider_ref: args.providerRef ?? null,
        created_by: args.createdBy,
        created_at: at,
      })
      .returning("id")
      .executeTakeFirstOrThrow();

    let orderStatus: string = order.status;
    if (args.amount === refundable) {
      orderStatus = "refunded";
      await trx.updateTable("orders").set({ status: "refunded", updated_at: at }).where("id", "=", order.id).execute();
      await trx.updateTable("order_parts").set({ status: "refunded" }).where("order_id", "=", order.id).execute();
    }
    await recordAudit(
      {
        actorUserId: args.createdBy,
        action: "order.refunded",
        subjectType: "order",
        subjectId: order.id,
        details: { amount: args.amount, order_part_id: args.orderPartId ?? null, reason },
        now: args.now,
      },
      trx,
    );
    return { id: refund.id, orderStatus };
  });
}

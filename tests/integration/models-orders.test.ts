/**
 * Orders, payments, fulfilment and refunds on a small hand-made shop, through
 * the model functions: totals computed from lines, stock reserved and given
 * back, idempotent payment confirmation, owner scoping, refund limits.
 */
import { sql } from "kysely";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { createArtisan, decideArtisanMembership } from "~/models/artisan.server";
import { createAssociation } from "~/models/association.server";
import { isModelError, type ModelError } from "~/models/common.server";
import { createEvent } from "~/models/event.server";
import {
  cancelOrder,
  completeOrderPart,
  createOrder,
  getOrderByCode,
  getRefundableAmount,
  listExpiredPendingOrders,
  markOrderPaid,
  shipOrderPart,
  type BuyerInput,
} from "~/models/order.server";
import { createProduct, setProductStatus } from "~/models/product.server";
import { refundOrder } from "~/models/refund.server";
import { createUser } from "~/models/user.server";
import { createTestDatabase, type TestDatabase } from "../setup/db";

let t: TestDatabase;
let fx: Awaited<ReturnType<typeof fixture>>;

const buyer: BuyerInput = { name: "Sari Lestari", email: "Sari@Example.com", country: "ID", province: "Jawa Timur", city: "Malang" };
const T0 = new Date("2026-06-01T03:00:00.000Z");

async function expectModelError(promise: Promise<unknown>, code: string) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(isModelError(error), `expected ModelError ${code}, got ${String(error)}`).toBe(true);
  expect((error as ModelError).code).toBe(code);
}

async function fixture(db: TestDatabase["db"]) {
  const admin = await createUser({ email: "admin@test.local", name: "Admin", passwordHash: null }, db);
  const { id: associationId } = await createAssociation({ slug: "apbb", name: "APBB", shortName: "APBB", region: "kabupaten" }, db);
  const shop = async (slug: string, verified: boolean, shippingFlatRate: number) => {
    const { id } = await createArtisan(
      { slug, name: slug, ownerName: "Owner", village: "Tlogo", district: "Kanigoro", regency: "kabupaten", techniques: ["cap"], shippingFlatRate, associationId, whatsappNumber: "+6281200000999" },
      db,
    );
    if (verified) await decideArtisanMembership({ artisanId: id, status: "verified", actorUserId: admin.id }, db);
    return id;
  };
  const a = await shop("shop-a", true, 20_000);
  const b = await shop("shop-b", true, 15_000);
  const pending = await shop("shop-pending", true, 10_000);
  const product = async (artisanId: number, slug: string, price: number, stock: number, status: "published" | "draft" = "published") =>
    (await createProduct({ artisanId, slug, titleId: `Kain ${slug}`, technique: "cap", fabric: "katun_prima", dye: "synthetic", price, stock, status }, db)).id;
  // Only a verified shop can publish: this one published, then its membership lapsed, so it is not public any more.
  const pendingP = await product(pending, "pending-p", 100_000, 3);
  await decideArtisanMembership({ artisanId: pending, status: "lapsed", actorUserId: admin.id }, db);
  return {
    adminId: admin.id,
    a,
    b,
    pending,
    capA: await product(a, "cap-a", 150_000, 5),
    lastA: await product(a, "last-a", 200_000, 1),
    capB: await product(b, "cap-b", 120_000, 3),
    draftA: await product(a, "draft-a", 100_000, 3, "draft"),
    pendingP,
  };
}

async function stockOf(id: number) {
  return (await t.db.selectFrom("products").select("stock").where("id", "=", id).executeTakeFirstOrThrow()).stock;
}

beforeEach(async () => {
  await t?.cleanup();
  t = await createTestDatabase();
  fx = await fixture(t.db);
});

afterAll(async () => {
  await t?.cleanup();
});

describe("createOrder", () => {
  it("splits an order per artisan, computes totals from the lines and reserves stock", async () => {
    const order = await createOrder(
      { buyer, paymentMethod: "bank_transfer", lines: [{ productId: fx.capA, quantity: 2 }, { productId: fx.capB, quantity: 1 }, { productId: fx.capA, quantity: 1 }], now: T0 },
      t.db,
    );
    expect(order.subtotal).toBe(3 * 150_000 + 120_000);
    expect(order.shippingTotal).toBe(20_000 + 15_000);
    expect(order.total).toBe(order.subtotal + order.shippingTotal);
    expect(order.code).toMatch(/^[A-Z2-9]{16}$/);
    expect(order.parts.map((p) => p.artisanId).sort()).toEqual([fx.a, fx.b].sort());
    const parts = await t.db.selectFrom("order_parts").select(["artisan_id", "subtotal", "shipping_fee", "status"]).where("order_id", "=", order.id).orderBy("artisan_id").execute();
    expect(parts).toEqual([
      { artisan_id: fx.a, subtotal: 450_000, shipping_fee: 20_000, status: "pending_payment" },
      { artisan_id: fx.b, subtotal: 120_000, shipping_fee: 15_000, status: "pending_payment" },
    ]);
    // Repeated products are merged into one line.
    const lines = await sql<{ n: number }>`select count(*) as n from order_lines l join order_parts p on p.id = l.order_part_id where p.order_id = ${order.id}`.execute(t.db);
    expect(lines.rows[0].n).toBe(2);
    expect(await stockOf(fx.capA)).toBe(2);
    expect(await stockOf(fx.capB)).toBe(2);
    const stored = await t.db.selectFrom("orders").select(["buyer_email", "status", "paid_at"]).where("id", "=", order.id).executeTakeFirstOrThrow();
    expect(stored).toEqual({ buyer_email: "sari@example.com", status: "pending_payment", paid_at: null });
  });

  it("charges no shipping for pickup at an event, and a quoted rate when checkout gives one", async () => {
    const event = await createEvent(
      { slug: "pameran", kind: "exhibition", titleId: "Pameran", startsAt: "2026-06-01T02:00:00Z", endsAt: "2026-06-02T14:00:00Z", venue: "Alun-alun", status: "published" },
      t.db,
    );
    const pickup = await createOrder({ buyer, paymentMethod: "bank_transfer", lines: [{ productId: fx.capA, quantity: 1 }], fulfilment: "pickup", pickupEventId: event.id }, t.db);
    expect(pickup.shippingTotal).toBe(0);
    await expectModelError(createOrder({ buyer, paymentMethod: "bank_transfer", lines: [{ productId: fx.capA, quantity: 1 }], fulfilment: "pickup" }, t.db), "pickup_needs_event");
    const abroad = await createOrder(
      { buyer: { ...buyer, country: "SG" }, paymentMethod: "stripe", lines: [{ productId: fx.capB, quantity: 1 }], shippingByArtisan: { [fx.b]: 350_000 } },
      t.db,
    );
    expect(abroad.total).toBe(120_000 + 350_000);
  });

  it("never oversells: the order that asks for more than is left fails whole", async () => {
    await createOrder({ buyer, paymentMethod: "bank_transfer", lines: [{ productId: fx.lastA, quantity: 1 }] }, t.db);
    const before = await sql<{ n: number }>`select count(*) as n from orders`.execute(t.db);
    await expectModelError(
      createOrder({ buyer, paymentMethod: "bank_transfer", lines: [{ productId: fx.capB, quantity: 1 }, { productId: fx.lastA, quantity: 1 }] }, t.db),
      "out_of_stock",
    );
    // Nothing of the failed order remains: no order row, and the other product's stock is untouched.
    expect((await sql<{ n: number }>`select count(*) as n from orders`.execute(t.db)).rows[0].n).toBe(before.rows[0].n);
    expect(await stockOf(fx.capB)).toBe(3);
    expect(await stockOf(fx.lastA)).toBe(0);
  });

  it("refuses products that are not for sale and bad input", async () => {
    await expectModelError(createOrder({ buyer, paymentMethod: "bank_transfer", lines: [{ productId: fx.draftA, quantity: 1 }] }, t.db), "product_unavailable");
    await expectModelError(createOrder({ buyer, paymentMethod: "bank_transfer", lines: [{ productId: fx.pendingP, quantity: 1 }] }, t.db), "product_unavailable");
    await expectModelError(createOrder({ buyer, paymentMethod: "bank_transfer", lines: [{ productId: 999_999, quantity: 1 }] }, t.db), "product_unavailable");
    await expectModelError(createOrder({ buyer, paymentMethod: "bank_transfer", lines: [] }, t.db), "empty_order");
    await expectModelError(createOrder({ buyer, paymentMethod: "bank_transfer", lines: [{ productId: fx.capA, quantity: 0 }] }, t.db), "invalid_quantity");
    await expectModelError(createOrder({ buyer, paymentMethod: "bank_transfer", lines: [{ productId: fx.capA, quantity: 1.5 }] }, t.db), "invalid_quantity");
    await expectModelError(createOrder({ buyer: { ...buyer, email: "not-an-email" }, paymentMethod: "bank_transfer", lines: [{ productId: fx.capA, quantity: 1 }] }, t.db), "invalid_email");
    await expectModelError(createOrder({ buyer: { ...buyer, country: "Indonesia" }, paymentMethod: "bank_transfer", lines: [{ productId: fx.capA, quantity: 1 }] }, t.db), "invalid_country");
    await setProductStatus({ artisanId: fx.a, productId: fx.capA, status: "archived" }, t.db);
    await expectModelError(createOrder({ buyer, paymentMethod: "bank_transfer", lines: [{ productId: fx.capA, quantity: 1 }] }, t.db), "product_unavailable");
    expect(await stockOf(fx.capA)).toBe(5);
  });
});

describe("markOrderPaid", () => {
  it("writes the payment and paid_at, is idempotent, and audits the operator", async () => {
    const order = await createOrder({ buyer, paymentMethod: "bank_transfer", lines: [{ productId: fx.capA, quantity: 1 }], now: T0 }, t.db);
    const paidAt = new Date(T0.getTime() + 3_600_000);
    const first = await markOrderPaid({ orderId: order.id, provider: "bank_transfer", amount: order.total, reference: "TRF-1", confirmedBy: fx.adminId, now: paidAt }, t.db);
    expect(first.status).toBe("paid");
    const replay = await markOrderPaid({ orderId: order.id, provider: "bank_transfer", amount: order.total, reference: "TRF-1", confirmedBy: fx.adminId }, t.db);
    expect(replay.status).toBe("already_paid");
    const other = await markOrderPaid({ orderId: order.id, provider: "stripe", amount: order.total, reference: "cs_2" }, t.db);
    expect(other.status).toBe("already_paid");
    const row = await t.db.selectFrom("orders").select(["status", "paid_at"]).where("id", "=", order.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "paid", paid_at: paidAt.toISOString() });
    const payments = await t.db.selectFrom("payments").select(["reference", "status", "amount", "confirmed_by"]).where("order_id", "=", order.id).execute();
    expect(payments).toEqual([{ reference: "TRF-1", status: "succeeded", amount: order.total, confirmed_by: fx.adminId }]);
    const parts = await t.db.selectFrom("order_parts").select("status").where("order_id", "=", order.id).execute();
    expect(parts.every((p) => p.status === "paid")).toBe(true);
    const audit = await t.db.selectFrom("audit_log").select(["action", "actor_user_id"]).where("subject_type", "=", "order").execute();
    expect(audit).toEqual([{ action: "order.payment_confirmed", actor_user_id: fx.adminId }]);
    // Paying does not touch stock again: it was reserved when the order was placed.
    expect(await stockOf(fx.capA)).toBe(4);
  });

  it("confirms a pending payment created at checkout and refuses wrong amounts and dead orders", async () => {
    const order = await createOrder({ buyer, paymentMethod: "bank_transfer", lines: [{ productId: fx.capB, quantity: 1 }] }, t.db);
    await expectModelError(markOrderPaid({ orderId: order.id, provider: "bank_transfer", amount: order.total - 1 }, t.db), "amount_mismatch");
    const other = await createOrder({ buyer, paymentMethod: "bank_transfer", lines: [{ productId: fx.capB, quantity: 1 }] }, t.db);
    await markOrderPaid({ orderId: other.id, provider: "bank_transfer", amount: other.total, reference: "TRF-X" }, t.db);
    await expectModelError(markOrderPaid({ orderId: order.id, provider: "bank_transfer", amount: order.total, reference: "TRF-X" }, t.db), "reference_mismatch");
    await cancelOrder({ orderId: order.id, status: "expired" }, t.db);
    await expectModelError(markOrderPaid({ orderId: order.id, provider: "bank_transfer", amount: order.total }, t.db), "not_payable");
    await expectModelError(markOrderPaid({ orderId: 424242, provider: "bank_transfer", amount: 1 }, t.db), "not_found");
  });
});

describe("cancelOrder", () => {
  it("gives reserved stock back and only ends unpaid orders", async () => {
    const order = await createOrder(
      { buyer, paymentMethod: "bank_transfer", lines: [{ productId: fx.capA, quantity: 3 }], expiresAt: "2026-06-02T03:00:00.000Z", now: T0 },
      t.db,
    );
    expect(await stockOf(fx.capA)).toBe(2);
    expect((await listExpiredPendingOrders({ now: new Date("2026-06-02T04:00:00Z") }, t.db)).map((o) => o.id)).toEqual([order.id]);
    expect(await listExpiredPendingOrders({ now: new Date("2026-06-02T02:00:00Z") }, t.db)).toEqual([]);
    await cancelOrder({ orderId: order.id, status: "expired", now: new Date("2026-06-02T04:00:00Z") }, t.db);
    expect(await stockOf(fx.capA)).toBe(5);
    const row = await t.db.selectFrom("orders").select(["status", "cancelled_at", "paid_at"]).where("id", "=", order.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "expired", cancelled_at: "2026-06-02T04:00:00.000Z", paid_at: null });
    await expectModelError(cancelOrder({ orderId: order.id, status: "cancelled" }, t.db), "not_pending");

    const paid = await createOrder({ buyer, paymentMethod: "bank_transfer", lines: [{ productId: fx.capA, quantity: 1 }] }, t.db);
    await markOrderPaid({ orderId: paid.id, provider: "bank_transfer", amount: paid.total }, t.db);
    await expectModelError(cancelOrder({ orderId: paid.id, status: "cancelled" }, t.db), "not_pending");
    expect(await stockOf(fx.capA)).toBe(4);
  });
});

describe("fulfilment", () => {
  it("ships and completes per artisan part, scoped to the owner, rolling the order status up", async () => {
    const order = await createOrder({ buyer, paymentMethod: "bank_transfer", lines: [{ productId: fx.capA, quantity: 1 }, { productId: fx.capB, quantity: 1 }] }, t.db);
    const partA = order.parts.find((p) => p.artisanId === fx.a)!;
    const partB = order.parts.find((p) => p.artisanId === fx.b)!;
    await expectModelError(shipOrderPart({ artisanId: fx.a, orderPartId: partA.id }, t.db), "not_shippable");
    await markOrderPaid({ orderId: order.id, provider: "bank_transfer", amount: order.total }, t.db);
    await expectModelError(shipOrderPart({ artisanId: fx.b, orderPartId: partA.id }, t.db), "not_found");
    await shipOrderPart({ artisanId: fx.a, orderPartId: partA.id, trackingNumber: " JNE123 " }, t.db);
    const status = async () => (await t.db.selectFrom("orders").select("status").where("id", "=", order.id).executeTakeFirstOrThrow()).status;
    expect(await status()).toBe("paid");
    await shipOrderPart({ artisanId: fx.b, orderPartId: partB.id }, t.db);
    expect(await status()).toBe("shipped");
    await completeOrderPart({ artisanId: fx.a, orderPartId: partA.id }, t.db);
    expect(await status()).toBe("shipped");
    await completeOrderPart({ artisanId: fx.b, orderPartId: partB.id }, t.db);
    expect(await status()).toBe("completed");
    const view = await getOrderByCode({ code: order.code }, t.db);
    expect(view!.status).toBe("completed");
    expect(view!.parts.find((p) => p.id === partA.id)!.tracking_number).toBe("JNE123");
    expect(view!.parts.flatMap((p) => p.lines)).toHaveLength(2);
    expect(JSON.stringify(view)).not.toMatch(/whatsapp|\+62812/);
    expect(await getOrderByCode({ code: "NOPE" }, t.db)).toBeNull();
    expect(await getOrderByCode({ code: "'; drop table orders; --" }, t.db)).toBeNull();
  });
});

describe("refundOrder", () => {
  it("refunds a part, then the rest, within what was paid", async () => {
    const order = await createOrder({ buyer, paymentMethod: "stripe", lines: [{ productId: fx.capA, quantity: 1 }, { productId: fx.capB, quantity: 1 }] }, t.db);
    await expectModelError(refundOrder({ orderId: order.id, amount: 1000, reason: "x", provider: "stripe", createdBy: fx.adminId }, t.db), "not_refundable");
    await markOrderPaid({ orderId: order.id, provider: "stripe", amount: order.total, reference: "cs_1" }, t.db);
    const partB = order.parts.find((p) => p.artisanId === fx.b)!;
    await expectModelError(
      refundOrder({ orderId: order.id, orderPartId: partB.id, amount: 120_000 + 15_000 + 1, reason: "too much", provider: "stripe", createdBy: fx.adminId }, t.db),
      "amount_too_large",
    );
    const partial = await refundOrder({ orderId: order.id, orderPartId: partB.id, amount: 135_000, reason: "Kain rusak", provider: "stripe", createdBy: fx.adminId }, t.db);
    expect(partial.orderStatus).toBe("paid");
    expect(await getRefundableAmount({ orderId: order.id }, t.db)).toBe(order.total - 135_000);
    const partStatus = await t.db.selectFrom("order_parts").select("status").where("id", "=", partB.id).executeTakeFirstOrThrow();
    expect(partStatus.status).toBe("refunded");
    await expectModelError(refundOrder({ orderId: order.id, amount: order.total, reason: "all", provider: "stripe", createdBy: fx.adminId }, t.db), "amount_too_large");
    await expectModelError(refundOrder({ orderId: order.id, amount: 0, reason: "zero", provider: "stripe", createdBy: fx.adminId }, t.db), "invalid_amount");
    const rest = await refundOrder({ orderId: order.id, amount: order.total - 135_000, reason: "Pembeli membatalkan", provider: "stripe", createdBy: fx.adminId }, t.db);
    expect(rest.orderStatus).toBe("refunded");
    const row = await t.db.selectFrom("orders").select(["status", "paid_at"]).where("id", "=", order.id).executeTakeFirstOrThrow();
    expect(row.status).toBe("refunded");
    expect(row.paid_at).not.toBeNull();
    const audits = await t.db.selectFrom("audit_log").select("action").where("action", "=", "order.refunded").execute();
    expect(audits).toHaveLength(2);
    // Refunded goods are not put back on sale automatically.
    expect(await stockOf(fx.capB)).toBe(2);
  });
});

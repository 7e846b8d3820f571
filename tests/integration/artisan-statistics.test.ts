/**
 * The artisan's statistics (issue 6, item 5) on a hand-made fixture: every
 * expected value below is worked out by hand from the fixture, in WIB
 * (UTC+7) months. Shop B's rows sit beside shop A's so that counting
 * another shop's data shows up as a wrong number.
 *
 * Shop A, range 2026-01 .. 2026-07:
 *   Visits: 2026-01-31T16:59Z product_view v1 (= 31 Jan 23:59 WIB → Jan);
 *           2026-01-31T17:00Z product_view v1 (= 1 Feb 00:00 WIB → Feb);
 *           Feb: artisan_view v2, product_view v2, whatsapp_click v3,
 *           motif_view v4 (not a view of the shop's pages: not counted).
 *           Shop B: product_view v5 in Feb (not counted).
 *     Jan: views 1, visitors 1, clicks 0. Feb: views 3, visitors 2 (v1, v2), clicks 1.
 *     Range visitors: v1, v2 = 2 (distinct over the range, not 1 + 2).
 *   Inquiries (reply after, in minutes):
 *     q1 03-02 product/product_page 30, converted to order O1
 *     q2 03-10 custom/artisan_page 90
 *     q3 03-15 wholesale/search 10
 *     q4 03-20 product/whatsapp (a logged WhatsApp chat; the artisan's message in its thread 600 min later is
 *        not a first response), offline sale Rp 750.000 on 2026-05-03
 *     q5 03-25 product/product_page 1, then marked spam (never counted)
 *     q6 2026-03-31T17:30Z = 1 Apr 00:30 WIB → April: exhibition/event_page 60
 *     q7 04-05 custom/link 120, converted to order O2
 *     q8 04-10 product/direct, no reply
 *     q9 04-12 wholesale/product_page 30, then closed
 *     q10 04-20 product/search 45, converted to order O3 (never paid)
 *     q11 04-25 product/whatsapp (logged), no reply: an inquiry, but neither answered nor unanswered
 *     Shop B: 2 inquiries in March (one answered in 5 min), an offline sale of Rp 999.000 in May.
 *   March: 4 inquiries (product 2, custom 1, wholesale 1; product_page, artisan_page, search, whatsapp 1 each),
 *     answered 3 (q4 is WhatsApp: excluded, else the median would be (30 + 90) / 2 = 60), median of 10, 30, 90 = 30
 *     (odd count), converted q1 + q4 = 2 → 0.5.
 *   April: 6 inquiries (product 3, custom 1, wholesale 1, exhibition 1; product_page, event_page, search, link,
 *     direct, whatsapp 1 each), answered 4, unanswered 1 (q8; q11 is WhatsApp), median of 30, 45, 60, 120 =
 *     (45 + 60) / 2 = 52.5 (even count: mean of the middle two), converted q7 + q10 = 2 → 2/6.
 *   Orders: O1 = shop A 2 × Rp 150.000 (+ shipping 20.000) and shop B 1 × Rp 120.000 (+ 15.000), total 455.000,
 *     paid 2026-03-31T18:00Z = 1 Apr 01:00 WIB → April orders revenue 300.000 (shop A's lines only, no shipping).
 *     O2 = shop A 1 × Rp 200.000 (+ 20.000), total 220.000, paid 2026-05-02 → May orders 200.000.
 *     O3 = shop A 1 × Rp 200.000, never paid → nothing.
 *   Refunds: 2026-06-10 O1 shop A's part 150.000 → June −150.000;
 *     2026-06-15 O1 shop B's part 135.000 → not shop A's;
 *     2026-07-01 O1 shop A's part 170.000 (the other piece + shipping): goods left 150.000, so −150.000 (shipping
 *     is not revenue, goods are refunded first: min(320.000, 300.000) − min(150.000, 300.000));
 *     2026-07-05 O2 whole order (no part) 110.000: shop A's share = 110.000 × 220.000 / 220.000 → −110.000.
 *     July refunds 260.000.
 *   Revenue: Apr 300.000; May 750.000 + 200.000 = 950.000; Jun −150.000; Jul −260.000.
 *   Totals: views 4, visitors 2, clicks 1, inquiries 10, answered 7, unanswered 1,
 *     median of 10, 30, 30, 45, 60, 90, 120 = 45, converted 4 → 0.4, revenue 750.000 + 500.000 − (150.000 + 260.000) = 840.000.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createArtisan, decideArtisanMembership } from "~/models/artisan.server";
import { createAssociation } from "~/models/association.server";
import { isModelError } from "~/models/common.server";
import {
  addInquiryMessage,
  closeInquiry,
  convertInquiryToOrder,
  createInquiry,
  recordOfflineSale,
  type InquiryKind,
  type InquirySource,
} from "~/models/inquiry.server";
import { createOrder, markOrderPaid } from "~/models/order.server";
import { createProduct } from "~/models/product.server";
import { refundOrder } from "~/models/refund.server";
import { recordVisits } from "~/models/visit.server";
import { loader as overviewLoader } from "~/routes/($lang).dashboard._index";
import { loader } from "~/routes/($lang).dashboard.statistics";
import { addMonths, artisanMonthlyStatistics, wibMonthOf } from "~/services/indicators/index.server";
import { createUserWithSession, outcome, payloadOf, request } from "../setup/routes";

let owner: { id: number; cookie: string };
let otherOwner: { id: number; cookie: string };
let buyer: { id: number; cookie: string };
let shopA: number;
let shopB: number;

const MINUTE = 60_000;
const at = (iso: string) => new Date(iso);
const after = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * MINUTE);

beforeAll(async () => {
  owner = await createUserWithSession({
    email: "stats-owner@example.test",
    name: "Sri",
    password: "owner-pass-2026",
    roles: ["artisan"],
  });
  otherOwner = await createUserWithSession({
    email: "stats-other@example.test",
    name: "Rini",
    password: "owner-pass-2026",
    roles: ["artisan"],
  });
  buyer = await createUserWithSession({
    email: "stats-buyer@example.test",
    name: "Budi",
    password: "buyer-pass-2026",
    roles: ["buyer"],
  });
  const admin = await createUserWithSession({
    email: "stats-admin@example.test",
    name: "Admin",
    password: "admin-pass-2026",
    roles: ["admin"],
  });
  const { id: associationId } = await createAssociation({
    slug: "apbb-stats",
    name: "APBB",
    shortName: "APBB",
    region: "kabupaten",
  });
  const shop = async (slug: string, ownerUserId: number, shippingFlatRate: number) => {
    const { id } = await createArtisan({
      slug,
      name: `Batik ${slug}`,
      ownerName: "Owner",
      ownerUserId,
      village: "Tlogo",
      district: "Kanigoro",
      regency: "kabupaten",
      techniques: ["cap"],
      shippingFlatRate,
      associationId,
    });
    await decideArtisanMembership({
      artisanId: id,
      status: "verified",
      actorUserId: admin.id,
    });
    return id;
  };
  shopA = await shop("stats-a", owner.id, 20_000);
  shopB = await shop("stats-b", otherOwner.id, 15_000);
  const product = async (artisanId: number, slug: string, price: number) =>
    (
      await createProduct({
        artisanId,
        slug,
        titleId: `Kain ${slug}`,
        technique: "cap",
        fabric: "katun_prima",
        dye: "synthetic",
        price,
        stock: 10,
        status: "published",
      })
    ).id;
  const capA = await product(shopA, "stats-cap-a", 150_000);
  const tulisA = await product(shopA, "stats-tulis-a", 200_000);
  const capB = await product(shopB, "stats-cap-b", 120_000);

  await recordVisits({
    visits: [
      {
        kind: "product_view",
        occurredAt: "2026-01-31T16:59:00.000Z",
        visitorHash: "v1",
        artisanId: shopA,
        productId: capA,
      },
      {
        kind: "product_view",
        occurredAt: "2026-01-31T17:00:00.000Z",
        visitorHash: "v1",
        artisanId: shopA,
        productId: capA,
      },
      {
        kind: "artisan_view",
        occurredAt: "2026-02-10T03:00:00.000Z",
        visitorHash: "v2",
        artisanId: shopA,
      },
      {
        kind: "product_view",
        occurredAt: "2026-02-10T03:05:00.000Z",
        visitorHash: "v2",
        artisanId: shopA,
        productId: tulisA,
      },
      {
        kind: "whatsapp_click",
        occurredAt: "2026-02-11T03:00:00.000Z",
        visitorHash: "v3",
        artisanId: shopA,
      },
      {
        kind: "motif_view",
        occurredAt: "2026-02-12T03:00:00.000Z",
        visitorHash: "v4",
        artisanId: shopA,
      },
      {
        kind: "product_view",
        occurredAt: "2026-02-12T03:00:00.000Z",
        visitorHash: "v5",
        artisanId: shopB,
        productId: capB,
      },
    ],
  });

  const ask = async (artisanId: number, createdAt: string, kind: InquiryKind, source: InquirySource, replyAfterMinutes: number | null): Promise<number> => {
    const { id } = await createInquiry({
      artisanId,
      buyerName: "Pembeli",
      buyerEmail: "pembeli@example.test",
      kind,
      source,
      message: "Apakah kain ini masih ada?",
      now: at(createdAt),
    });
    if (replyAfterMinutes != null) {
      await addInquiryMessage({
        inquiryId: id,
        author: "artisan",
        artisanId,
        body: "Masih ada, Bu.",
        now: after(createdAt, replyAfterMinutes),
      });
    }
    return id;
  };
  const q1 = await ask(shopA, "2026-03-02T01:00:00.000Z", "product", "product_page", 30);
  await ask(shopA, "2026-03-10T02:00:00.000Z", "custom", "artisan_page", 90);
  await ask(shopA, "2026-03-15T03:00:00.000Z", "wholesale", "search", 10);
  const q4 = await ask(shopA, "2026-03-20T04:00:00.000Z", "product", "whatsapp", 600);
  const q5 = await ask(shopA, "2026-03-25T05:00:00.000Z", "product", "product_page", 1);
  await closeInquiry({
    inquiryId: q5,
    artisanId: shopA,
    status: "spam",
    now: at("2026-03-25T06:00:00.000Z"),
  });
  await ask(shopA, "2026-03-31T17:30:00.000Z", "exhibition", "event_page", 60);
  const q7 = await ask(shopA, "2026-04-05T01:00:00.000Z", "custom", "link", 120);
  await ask(shopA, "2026-04-10T01:00:00.000Z", "product", "direct", null);
  const q9 = await ask(shopA, "2026-04-12T01:00:00.000Z", "wholesale", "product_page", 30);
  await closeInquiry({
    inquiryId: q9,
    artisanId: shopA,
    now: at("2026-04-13T01:00:00.000Z"),
  });
  const q10 = await ask(shopA, "2026-04-20T01:00:00.000Z", "product", "search", 45);
  await ask(shopA, "2026-04-25T01:00:00.000Z", "product", "whatsapp", null);
  await recordOfflineSale({
    inquiryId: q4,
    artisanId: shopA,
    amount: 750_000,
    soldOn: "2026-05-03",
    now: at("2026-05-03T05:00:00.000Z"),
  });

  const bQ1 = await ask(shopB, "2026-03-05T01:00:00.000Z", "custom", "product_page", 5);
  await ask(shopB, "2026-03-06T01:00:00.000Z", "product", "direct", null);
  await recordOfflineSale({
    inquiryId: bQ1,
    artisanId: shopB,
    amount: 999_000,
    soldOn: "2026-05-10",
  });

  const buyerInput = {
    name: "Pembeli",
    email: "pembeli@example.test",
    country: "ID",
  };
  const o1 = await createOrder({
    buyer: buyerInput,
    paymentMethod: "bank_transfer",
    lines: [
      { productId: capA, quantity: 2 },
      { productId: capB, quantity: 1 },
    ],
    now: at("2026-03-31T10:00:00.000Z"),
  });
  expect(o1.total).toBe(455_000);
  await markOrderPaid({
    orderId: o1.id,
    provider: "bank_transfer",
    amount: o1.total,
    confirmedBy: admin.id,
    now: at("2026-03-31T18:00:00.000Z"),
  });
  await convertInquiryToOrder({
    inquiryId: q1,
    artisanId: shopA,
    orderId: o1.id,
    now: at("2026-04-01T00:00:00.000Z"),
  });
  const o2 = await createOrder({
    buyer: buyerInput,
    paymentMethod: "bank_transfer",
    lines: [{ productId: tulisA, quantity: 1 }],
    now: at("2026-05-01T03:00:00.000Z"),
  });
  expect(o2.total).toBe(220_000);
  await markOrderPaid({
    orderId: o2.id,
    provider: "bank_transfer",
    amount: o2.total,
    confirmedBy: admin.id,
    now: at("2026-05-02T03:00:00.000Z"),
  });
  await convertInquiryToOrder({
    inquiryId: q7,
    artisanId: shopA,
    orderId: o2.id,
  });
  const o3 = await createOrder({
    buyer: buyerInput,
    paymentMethod: "bank_transfer",
    lines: [{ productId: tulisA, quantity: 1 }],
    now: at("2026-04-21T03:00:00.000Z"),
  });
  await convertInquiryToOrder({
    inquiryId: q10,
    artisanId: shopA,
    orderId: o3.id,
  });

  const partA = o1.parts.find((p) => p.artisanId === shopA)!.id;
  const partB = o1.parts.find((p) => p.artisanId === shopB)!.id;
  const refund = (orderId: number, orderPartId: number | null, amount: number, when: string) =>
    refundOrder({
      orderId,
      orderPartId,
      amount,
      reason: "Kain cacat",
      provider: "bank_transfer",
      createdBy: admin.id,
      now: at(when),
    });
  await refund(o1.id, partA, 150_000, "2026-06-10T03:00:00.000Z");
  await refund(o1.id, partB, 135_000, "2026-06-15T03:00:00.000Z");
  await refund(o1.id, partA, 170_000, "2026-07-01T03:00:00.000Z");
  await refund(o2.id, null, 110_000, "2026-07-05T03:00:00.000Z");
});

const zeroKinds = { product: 0, custom: 0, wholesale: 0, exhibition: 0 };
const zeroSources = {
  product_page: 0,
  artisan_page: 0,
  event_page: 0,
  search: 0,
  link: 0,
  whatsapp: 0,
  direct: 0,
};

describe("artisanMonthlyStatistics", () => {
  it("counts every figure per WIB month for the shop only, empty months as zeros", async () => {
    const stats = await artisanMonthlyStatistics({
      artisanId: shopA,
      from: "2026-01",
      to: "2026-07",
    });
    expect(stats.months.map((m) => m.month)).toEqual(["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06", "2026-07"]);
    const brief = stats.months.map((m) => [
      m.month,
      m.views,
      m.visitors,
      m.whatsappClicks,
      m.inquiries,
      m.answered,
      m.unanswered,
      m.medianResponseMinutes,
      m.converted,
      m.conversionRate,
    ]);
    expect(brief).toEqual([
      ["2026-01", 1, 1, 0, 0, 0, 0, null, 0, null],
      ["2026-02", 3, 2, 1, 0, 0, 0, null, 0, null],
      ["2026-03", 0, 0, 0, 4, 3, 0, 30, 2, 0.5],
      ["2026-04", 0, 0, 0, 6, 4, 1, 52.5, 2, 2 / 6],
      ["2026-05", 0, 0, 0, 0, 0, 0, null, 0, null],
      ["2026-06", 0, 0, 0, 0, 0, 0, null, 0, null],
      ["2026-07", 0, 0, 0, 0, 0, 0, null, 0, null],
    ]);
    expect(stats.months.map((m) => [m.month, m.revenue])).toEqual([
      ["2026-01", { offline: 0, orders: 0, refunds: 0, total: 0 }],
      ["2026-02", { offline: 0, orders: 0, refunds: 0, total: 0 }],
      ["2026-03", { offline: 0, orders: 0, refunds: 0, total: 0 }],
      ["2026-04", { offline: 0, orders: 300_000, refunds: 0, total: 300_000 }],
      ["2026-05", { offline: 750_000, orders: 200_000, refunds: 0, total: 950_000 }],
      ["2026-06", { offline: 0, orders: 0, refunds: 150_000, total: -150_000 }],
      ["2026-07", { offline: 0, orders: 0, refunds: 260_000, total: -260_000 }],
    ]);
  });

  it("splits inquiries by every kind and source, zeros kept (WhatsApp inquiries counted, spam not)", async () => {
    const stats = await artisanMonthlyStatistics({
      artisanId: shopA,
      from: "2026-01",
      to: "2026-07",
    });
    const [jan, , mar, apr] = stats.months;
    expect(jan.byKind).toEqual(zeroKinds);
    expect(jan.bySource).toEqual(zeroSources);
    expect(mar.byKind).toEqual({
      product: 2,
      custom: 1,
      wholesale: 1,
      exhibition: 0,
    });
    expect(mar.bySource).toEqual({
      ...zeroSources,
      product_page: 1,
      artisan_page: 1,
      search: 1,
      whatsapp: 1,
    });
    // The inquiry at 2026-03-31T17:30Z is 1 April 00:30 WIB: April's exhibition inquiry.
    expect(apr.byKind).toEqual({
      product: 3,
      custom: 1,
      wholesale: 1,
      exhibition: 1,
    });
    expect(apr.bySource).toEqual({
      ...zeroSources,
      product_page: 1,
      event_page: 1,
      search: 1,
      link: 1,
      whatsapp: 1,
      direct: 1,
    });
  });

  it("totals the range: sums, distinct visitors and the median over the whole range", async () => {
    const { totals } = await artisanMonthlyStatistics({
      artisanId: shopA,
      from: "2026-01",
      to: "2026-07",
    });
    expect(totals).toEqual({
      views: 4,
      visitors: 2,
      whatsappClicks: 1,
      inquiries: 10,
      byKind: { product: 5, custom: 2, wholesale: 2, exhibition: 1 },
      bySource: {
        product_page: 2,
        artisan_page: 1,
        event_page: 1,
        search: 2,
        link: 1,
        whatsapp: 2,
        direct: 1,
      },
      answered: 7,
      unanswered: 1,
      medianResponseMinutes: 45,
      converted: 4,
      conversionRate: 0.4,
      revenue: {
        offline: 750_000,
        orders: 500_000,
        refunds: 410_000,
        total: 840_000,
      },
    });
  });

  it("counts a refund on its own month even when the sale is before the range (goods refunded once)", async () => {
    const july = await artisanMonthlyStatistics({
      artisanId: shopA,
      from: "2026-07",
      to: "2026-07",
    });
    expect(july.months.map((m) => m.revenue)).toEqual([{ offline: 0, orders: 0, refunds: 260_000, total: -260_000 }]);
    const april = await artisanMonthlyStatistics({
      artisanId: shopA,
      from: "2026-04",
      to: "2026-04",
    });
    expect(april.totals.revenue.total).toBe(300_000);
    expect(april.totals.inquiries).toBe(6);
  });

  it("gives shop B only its own figures", async () => {
    const stats = await artisanMonthlyStatistics({
      artisanId: shopB,
      from: "2026-01",
      to: "2026-07",
    });
    expect(stats.totals.views).toBe(1);
    expect(stats.totals.inquiries).toBe(2);
    expect(stats.totals.medianResponseMinutes).toBe(5);
    // Offline 999.000 in May; the O1 refund of B's part is not counted: no B inquiry is linked to O1.
    expect(stats.totals.revenue).toEqual({
      offline: 999_000,
      orders: 0,
      refunds: 0,
      total: 999_000,
    });
  });

  it("refuses a malformed, reversed or too long range", async () => {
    const codeOf = (p: Promise<unknown>) =>
      p.then(
        () => null,
        (e: unknown) => (isModelError(e) ? e.code : String(e))
      );
    expect(
      await codeOf(
        artisanMonthlyStatistics({
          artisanId: shopA,
          from: "2026-13",
          to: "2026-12",
        })
      )
    ).toBe("invalid_month");
    expect(
      await codeOf(
        artisanMonthlyStatistics({
          artisanId: shopA,
          from: "2026-5",
          to: "2026-06",
        })
      )
    ).toBe("invalid_month");
    expect(
      await codeOf(
        artisanMonthlyStatistics({
          artisanId: shopA,
          from: "2026-06",
          to: "2026-05",
        })
      )
    ).toBe("reversed_range");
    expect(
      await codeOf(
        artisanMonthlyStatistics({
          artisanId: shopA,
          from: "2023-01",
          to: "2026-01",
        })
      )
    ).toBe("range_too_long");
    expect(
      (
        await artisanMonthlyStatistics({
          artisanId: shopA,
          from: "2023-02",
          to: "2026-01",
        })
      ).months.length
    ).toBe(36);
  });
});

describe("/dashboard/statistics", () => {
  const page = (cookie: string | null, query = "", lang?: string) =>
    outcome(
      loader({
        request: request(`${lang ? "/en" : ""}/dashboard/statistics${query}`, {
          cookie,
        }),
        params: lang ? { lang } : {},
        context: {},
      })
    );
  type Page = {
    from: string;
    to: string;
    error: string | null;
    stats: {
      months: {
        month: string;
        inquiries: number;
        revenue: { total: number };
      }[];
      totals: { inquiries: number };
    } | null;
  };

  it("shows the owner's months for the chosen range", async () => {
    const answer = await page(owner.cookie, "?from=2026-03&to=2026-05");
    expect(answer.status).toBe(200);
    const body = answer.body as Page;
    expect(body.error).toBeNull();
    expect(body.stats!.months.map((m) => [m.month, m.inquiries, m.revenue.total])).toEqual([
      ["2026-03", 4, 0],
      ["2026-04", 6, 300_000],
      ["2026-05", 0, 950_000],
    ]);
  });

  it("defaults to the last 12 months ending this WIB month", async () => {
    const body = (await page(owner.cookie)).body as Page;
    const thisMonth = wibMonthOf(new Date());
    expect([body.from, body.to]).toEqual([addMonths(thisMonth, -11), thisMonth]);
    expect(body.stats!.months.length).toBe(12);
  });

  it("answers 400 with a message for a bad range, never a 500", async () => {
    for (const [query, error] of [
      ["?from=2026-13&to=2026-12", "statistics.errors.invalidMonth"],
      ["?from=abc&to=2026-01", "statistics.errors.invalidMonth"],
      [`?from=${"9".repeat(5000)}`, "statistics.errors.invalidMonth"],
      ["?from=2026-06&to=2026-05", "statistics.errors.reversed"],
      ["?from=2020-01&to=2026-01", "statistics.errors.tooLong"],
    ] as const) {
      const answer = await page(owner.cookie, query);
      expect(answer.status, query).toBe(400);
      expect((answer.body as Page).error).toBe(error);
      expect((answer.body as Page).stats).toBeNull();
    }
  });

  it("is the owner's own: another artisan sees their own shop, other roles are refused", async () => {
    const other = (await page(otherOwner.cookie, "?from=2026-03&to=2026-03")).body as Page;
    expect(other.stats!.totals.inquiries).toBe(2);
    expect((await page(buyer.cookie)).status).toBe(403);
    const anonymous = await page(null);
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers?.get("Location")).toMatch(/^\/login\?/);
  });

  it("puts this month's figures on the dashboard overview", async () => {
    const overview = payloadOf(
      await overviewLoader({
        request: request("/dashboard", { cookie: owner.cookie }),
        params: {},
        context: {},
      })
    ) as {
      thisMonth: {
        month: string;
        inquiries: number;
        conversionRate: number | null;
        revenue: number;
      };
    };
    // The fixture lies in 2026-01..07; the current month has none of it unless the clock says otherwise.
    const thisMonth = wibMonthOf(new Date());
    const expected = await artisanMonthlyStatistics({
      artisanId: shopA,
      from: thisMonth,
      to: thisMonth,
    });
    expect(overview.thisMonth).toEqual({
      month: thisMonth,
      inquiries: expected.totals.inquiries,
      conversionRate: expected.totals.conversionRate,
      revenue: expected.totals.revenue.total,
    });
  });
});

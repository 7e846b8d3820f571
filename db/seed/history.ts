/**
 * 27 months of activity, planned in memory first (so product stock can be
 * set to what will be sold plus what is left) and then written through the
 * model functions in time order.
 *
 * Shape: each shop has a trend (growing, flat, declining, or new), a season
 * (October's Hari Batik and December sell more; January and February less),
 * noise per month, bumps during and after the exhibitions it takes part in
 * (booth sales, then online orders attributed to the booth link for 30
 * days), and a lift after an agency programme it joined.
 */
import type { BuyerInput } from "../../app/models/order.server";
import type { InquiryKind, InquirySource } from "../../app/models/inquiry.server";
import type { VisitInput } from "../../app/models/visit.server";
import type { ArtisanSeed } from "./data/artisans";
import { FIRST_NAMES, FOREIGN_NAMES, LAST_NAMES, PLACES, type Place } from "./data/people";
import type { ProductSeed } from "./data/products";
import type { Random } from "./random";
import { DAY, HOUR, MINUTE, wibParts, wibStartOfDay } from "./time";

export type SimArtisan = {
  seed: ArtisanSeed;
  id: number;
  activeFrom: Date;
  /** Programme joining dates that lift sales afterwards. */
  boosts: Date[];
};
export type SimProduct = { seed: ProductSeed; id: number; artisanId: number; listedAt: Date; orderable: boolean };
export type SimEvent = {
  id: number;
  slug: string;
  kind: string;
  titleId: string;
  startsAt: Date;
  endsAt: Date;
  cancelled: boolean;
  exhibitors: { artisanId: number; linkId: number }[];
  campaignLinkId: number | null;
};
export type SimMotif = { id: number; creatorArtisanId: number | null; featured: boolean };

export type Buyer = BuyerInput & { locale: "id" | "en"; scope: Place["scope"] };

export type PlannedOrder = {
  at: Date;
  code: string;
  buyer: Buyer;
  lines: { productId: number; quantity: number }[];
  paymentMethod: "bank_transfer" | "stripe";
  outcome: "paid" | "expired" | "cancelled" | "pending";
  paidAt: Date | null;
  endedAt: Date | null;
  shipAt: Date | null;
  completeAt: Date | null;
  refund: { at: Date; reason: string } | null;
  fulfilment: "ship" | "pickup";
  pickupEventId: number | null;
  shippingByArtisan: Record<number, number> | undefined;
  linkId: number | null;
  attributedAt: Date | null;
  /** Set when the order came from an inquiry. */
  inquiry: PlannedInquiry | null;
};

export type PlannedInquiry = {
  at: Date;
  token: string;
  artisanId: number;
  productId: number | null;
  eventId: number | null;
  buyer: Buyer;
  kind: InquiryKind;
  quantity: number | null;
  budget: number | null;
  source: InquirySource;
  linkId: number | null;
  messages: { author: "buyer" | "artisan"; at: Date; body: string }[];
  outcome: "converted" | "offline" | "closed" | "spam" | "answered" | "new";
  order: PlannedOrder | null;
  offline: { amount: number; on: Date } | null;
  closedAt: Date | null;
};

export type HistoryPlan = {
  orders: PlannedOrder[];
  inquiries: PlannedInquiry[];
  visits: VisitInput[];
  /** Units sold (paid, refunded included) and held by still-pending orders, per product id. */
  sold: Map<number, number>;
  held: Map<number, number>;
};

const SEASON: Record<number, number> = { 1: 0.85, 2: 0.9, 3: 1.1, 4: 1, 5: 1, 6: 0.95, 7: 0.95, 8: 1.05, 9: 1, 10: 1.35, 11: 1.05, 12: 1.15 };
const REFUND_REASONS = ["Kain rusak saat pengiriman", "Warna berbeda dari foto produk", "Pembeli membatalkan sebelum pengiriman"];
const REFERRERS: (readonly [string | null, number])[] = [
  [null, 30],
  ["www.google.com", 28],
  ["www.instagram.com", 16],
  ["www.facebook.com", 10],
  ["www.tiktok.com", 6],
  ["l.wa.me", 6],
  ["www.bing.com", 2],
  ["duckduckgo.com", 2],
];

function trendFactor(a: SimArtisan, t: Date, start: Date, now: Date): number {
  const frac = Math.min(1, Math.max(0, (t.getTime() - start.getTime()) / (now.getTime() - start.getTime())));
  switch (a.seed.trend) {
    case "growing":
      return 0.55 + 1.25 * frac;
    case "declining":
      return 1.5 - 1.05 * frac;
    case "new": {
      const since = (t.getTime() - a.activeFrom.getTime()) / (now.getTime() - a.activeFrom.getTime());
      return 0.4 + 0.9 * Math.min(1, Math.max(0, since));
    }
    default:
      return 1;
  }
}

export function planHistory(args: {
  random: Random;
  now: Date;
  start: Date;
  artisans: SimArtisan[];
  products: SimProduct[];
  events: SimEvent[];
  motifs: SimMotif[];
  alwaysOnCampaignLinkId: number | null;
  demoBuyer: { userId: number; name: string; email: string };
}): HistoryPlan {
  const { random, now, start, artisans, products, events } = args;
  const orders: PlannedOrder[] = [];
  const inquiries: PlannedInquiry[] = [];
  const visits: VisitInput[] = [];
  const orderRandom = random.fork("orders");
  const inquiryRandom = random.fork("inquiries");
  const visitRandom = random.fork("visits");
  const buyerRandom = random.fork("buyers");

  const productsByArtisan = new Map<number, SimProduct[]>();
  for (const p of products) {
    if (!p.orderable) continue;
    const list = productsByArtisan.get(p.artisanId) ?? [];
    list.push(p);
    productsByArtisan.set(p.artisanId, list);
  }
  const publicArtisanIds = artisans.map((a) => a.id);

  // ----- buyers: new ones, or a returning one (a fifth of orders)
  const pastBuyers: Buyer[] = [];
  let buyerCounter = 0;
  const placeWeights = PLACES.map((p) => [p, p.weight] as const);
  const newBuyer = (place?: Place): Buyer => {
    const where = place ?? buyerRandom.weighted(placeWeights);
    buyerCounter++;
    const foreign = where.scope === "abroad";
    const [first, last] = foreign ? buyerRandom.pick(FOREIGN_NAMES) : [buyerRandom.pick(FIRST_NAMES), buyerRandom.pick(LAST_NAMES)];
    const local = `${first}.${last}`
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z.]+/g, "");
    const buyer: Buyer = {
      userId: null,
      name: `${first} ${last}`,
      email: `${local}.${buyerCounter}@${buyerRandom.pick(["example.com", "example.net", "example.org"])}`,
      phone: foreign ? "" : `+62 8${buyerRandom.digits(2)} ${buyerRandom.digits(4)} ${buyerRandom.digits(4)}`,
      country: where.country,
      province: where.province,
      city: where.city,
      district: "",
      postalCode: where.postal,
      addressLine: foreign ? `${buyerRandom.int(1, 200)} Example Street` : `Jl. Contoh No. ${buyerRandom.int(1, 120)}`,
      locale: foreign ? "en" : "id",
      scope: where.scope,
    };
    pastBuyers.push(buyer);
    return buyer;
  };
  const demoBuyer: Buyer = {
    userId: args.demoBuyer.userId,
    name: args.demoBuyer.name,
    email: args.demoBuyer.email,
    phone: "+62 812 0000 0199",
    country: "ID",
    province: "Jawa Timur",
    city: "Malang",
    district: "Klojen",
    postalCode: "65111",
    addressLine: "Jl. Contoh No. 7",
    locale: "id",
    scope: "indonesia",
  };
  const pickBuyer = (r: Random, place?: Place): Buyer => {
    if (!place && r.chance(0.006)) return demoBuyer;
    if (!place && pastBuyers.length > 20 && r.chance(0.2)) return r.pick(pastBuyers);
    return newBuyer(place);
  };

  // ----- attribution windows: booth links for 30 days after an event, campaign links around theirs
  type Window = { from: Date; to: Date; linkId: number; artisanId: number | null; share: number };
  const windows: Window[] = [];
  for (const e of events) {
    if (e.cancelled || e.startsAt > now) continue;
    for (const x of e.exhibitors) windows.push({ from: e.startsAt, to: new Date(e.endsAt.getTime() + 30 * DAY), linkId: x.linkId, artisanId: x.artisanId, share: 0.4 });
    if (e.campaignLinkId) windows.push({ from: new Date(e.startsAt.getTime() - 10 * DAY), to: new Date(e.endsAt.getTime() + 7 * DAY), linkId: e.campaignLinkId, artisanId: null, share: 0.25 });
  }
  const attributionFor = (r: Random, at: Date, artisanId: number): { linkId: number; attributedAt: Date } | null => {
    for (const w of windows) {
      if (at < w.from || at > w.to) continue;
      if (w.artisanId !== null && w.artisanId !== artisanId) continue;
      if (r.chance(w.share)) {
        const attributedAt = new Date(Math.max(w.from.getTime(), at.getTime() - r.int(10, 72 * 60) * MINUTE));
        visits.push({ kind: "link_visit", occurredAt: attributedAt, visitorHash: visitRandom.hex(32), linkId: w.linkId, artisanId: w.artisanId, country: "ID", referrerHost: w.artisanId ? null : "www.instagram.com" });
        return { linkId: w.linkId, attributedAt };
      }
    }
    if (args.alwaysOnCampaignLinkId && r.chance(0.04)) {
      const attributedAt = new Date(at.getTime() - r.int(5, 600) * MINUTE);
      visits.push({ kind: "link_visit", occurredAt: attributedAt, visitorHash: visitRandom.hex(32), linkId: args.alwaysOnCampaignLinkId, country: "ID", referrerHost: "www.instagram.com" });
      return { linkId: args.alwaysOnCampaignLinkId, attributedAt };
    }
    return null;
  };

  const listedProducts = (artisanId: number, at: Date) => (productsByArtisan.get(artisanId) ?? []).filter((p) => p.listedAt <= at);
  const pickProduct = (r: Random, list: SimProduct[]) =>
    r.weighted(list.map((p) => [p, p.seed.price < 300_000 ? 3 : p.seed.price < 600_000 ? 1.5 : 0.3] as const));

  const planOrder = (
    r: Random,
    at: Date,
    artisan: SimArtisan,
    opts: { product?: SimProduct; quantity?: number; buyer?: Buyer; pickupEventId?: number; linkId?: number; attributedAt?: Date; forcePaid?: boolean } = {},
  ): PlannedOrder | null => {
    const list = listedProducts(artisan.id, at);
    if (!list.length && !opts.product) return null;
    const product = opts.product ?? pickProduct(r, list);
    const cheap = product.seed.technique === "cap" || product.seed.technique === "printing";
    const quantity = opts.quantity ?? (r.chance(0.8) ? 1 : r.chance(0.75) ? 2 : cheap ? r.int(3, 5) : 1);
    const lines = [{ productId: product.id, quantity }];
    if (!opts.pickupEventId && r.chance(0.07)) {
      const other = r.pick(publicArtisanIds.filter((id) => id !== artisan.id));
      const otherList = listedProducts(other, at);
      if (otherList.length) lines.push({ productId: pickProduct(r, otherList).id, quantity: 1 });
    }
    const buyer = opts.buyer ?? pickBuyer(r);
    const abroad = buyer.scope === "abroad";
    const paymentMethod: PlannedOrder["paymentMethod"] = opts.pickupEventId ? "bank_transfer" : abroad || r.chance(0.15) ? "stripe" : "bank_transfer";
    let outcome: PlannedOrder["outcome"] = opts.forcePaid
      ? "paid"
      : paymentMethod === "stripe"
        ? r.weighted([["paid", 93], ["expired", 5], ["cancelled", 2]] as const)
        : r.weighted([["paid", 86], ["expired", 10], ["cancelled", 4]] as const);
    const expiresAt = new Date(at.getTime() + DAY);
    const paidAt =
      outcome === "paid" ? new Date(at.getTime() + (paymentMethod === "stripe" ? r.int(1, 6) : opts.pickupEventId ? r.int(2, 20) : r.int(10, 18 * 60)) * MINUTE) : null;
    let endedAt: Date | null = null;
    if (outcome === "paid" && paidAt! > now) outcome = "pending";
    if (outcome === "expired") endedAt = expiresAt;
    if (outcome === "cancelled") endedAt = new Date(at.getTime() + r.int(5, 600) * MINUTE);
    if ((outcome === "expired" || outcome === "cancelled") && endedAt! > now) outcome = "pending";
    // An order that is not paid holds one unit; the seed keeps sold-out pieces out of those.
    if (outcome !== "paid" && (lines.length > 1 || quantity > 1 || product.seed.finalStock === 0)) {
      if (product.seed.finalStock === 0) return null;
      lines.splice(1);
      lines[0].quantity = 1;
    }
    const fulfilment = opts.pickupEventId ? "pickup" : "ship";
    const shipAt = outcome === "paid" && fulfilment === "ship" ? new Date(paidAt!.getTime() + r.int(12, 72) * HOUR) : outcome === "paid" ? paidAt : null;
    const completeAt = shipAt ? new Date(shipAt.getTime() + (fulfilment === "pickup" ? r.int(1, 30) * MINUTE : r.int(3, 8) * DAY)) : null;
    const refund = outcome === "paid" && !opts.forcePaid && r.chance(0.03) ? { at: new Date(paidAt!.getTime() + r.int(3, 15) * DAY), reason: r.pick(REFUND_REASONS) } : null;
    const attribution = opts.linkId ? { linkId: opts.linkId, attributedAt: opts.attributedAt ?? at } : attributionFor(r, at, artisan.id);
    const order: PlannedOrder = {
      at,
      code: r.code(16),
      buyer,
      lines,
      paymentMethod,
      outcome,
      paidAt: outcome === "paid" ? paidAt : null,
      endedAt: outcome === "expired" || outcome === "cancelled" ? endedAt : null,
      shipAt: shipAt && shipAt <= now ? shipAt : null,
      completeAt: shipAt && shipAt <= now && completeAt && completeAt <= now ? completeAt : null,
      refund: refund && refund.at <= now ? refund : null,
      fulfilment,
      pickupEventId: opts.pickupEventId ?? null,
      // Shipping abroad is quoted per order; at home the shop's flat rate applies.
      shippingByArtisan: abroad ? Object.fromEntries(lines.map((l) => [products.find((p) => p.id === l.productId)!.artisanId, 350_000])) : undefined,
      linkId: attribution?.linkId ?? null,
      attributedAt: attribution?.attributedAt ?? null,
      inquiry: null,
    };
    orders.push(order);
    return order;
  };

  // ----- everyday orders and inquiries, day by day
  const firstDay = wibStartOfDay(start);
  for (let day = firstDay; day <= now; day = new Date(day.getTime() + DAY)) {
    const month = wibParts(day).month;
    for (const artisan of artisans) {
      if (day < wibStartOfDay(artisan.activeFrom)) continue;
      const r = orderRandom;
      const monthNoise = 0.85 + 0.3 * noise(`${artisan.id}-${wibParts(day).year}-${month}`, random.seed);
      const afterEvent = windows.some((w) => w.artisanId === artisan.id && day >= w.from && day <= w.to) ? 1.3 : 1;
      const boost = artisan.boosts.some((b) => day >= b) ? 1.2 : 1;
      const rate = (artisan.seed.baseOrders / 30) * trendFactor(artisan, day, start, now) * SEASON[month] * monthNoise * afterEvent * boost;
      for (let i = r.poisson(rate); i > 0; i--) {
        const at = new Date(day.getTime() + r.int(7 * 60, 22 * 60) * MINUTE);
        if (at > now) continue;
        planOrder(r, at, artisan);
      }
      for (let i = inquiryRandom.poisson(rate * 0.45); i > 0; i--) {
        const at = new Date(day.getTime() + inquiryRandom.int(6 * 60, 23 * 60) * MINUTE);
        if (at > now) continue;
        planInquiry(inquiryRandom, at, artisan, null);
      }
    }
  }

  // ----- exhibitions: booth sales and booth inquiries on the event days
  for (const e of events) {
    if (e.cancelled || e.startsAt > now) continue;
    const perDay = e.kind === "bazaar" ? 1.2 : e.kind === "training" ? 0 : 2.5;
    for (let day = wibStartOfDay(e.startsAt); day <= e.endsAt && day <= now; day = new Date(day.getTime() + DAY)) {
      for (const x of e.exhibitors) {
        const artisan = artisans.find((a) => a.id === x.artisanId);
        if (!artisan) continue;
        const dayStart = new Date(Math.max(day.getTime(), e.startsAt.getTime()));
        const dayEnd = new Date(Math.min(day.getTime() + DAY - MINUTE, e.endsAt.getTime(), now.getTime()));
        if (dayEnd <= dayStart) continue;
        const span = dayEnd.getTime() - dayStart.getTime();
        for (let i = orderRandom.poisson(perDay); i > 0; i--) {
          const at = new Date(dayStart.getTime() + Math.floor(orderRandom.next() * span));
          const scan = new Date(Math.max(dayStart.getTime(), at.getTime() - orderRandom.int(2, 30) * MINUTE));
          visits.push({ kind: "link_visit", occurredAt: scan, visitorHash: visitRandom.hex(32), linkId: x.linkId, artisanId: x.artisanId, eventId: e.id, country: "ID" });
          const place = e.slug.includes("fair") ? PLACES.find((p) => p.city === "Surabaya")! : PLACES[orderRandom.int(0, 1)];
          planOrder(orderRandom, at, artisan, { buyer: pickBuyer(orderRandom, place), pickupEventId: e.id, linkId: x.linkId, attributedAt: scan, forcePaid: true });
        }
        for (let i = visitRandom.poisson(perDay * 6); i > 0; i--) {
          visits.push({
            kind: "link_visit",
            occurredAt: new Date(dayStart.getTime() + Math.floor(visitRandom.next() * span)),
            visitorHash: visitRandom.hex(32),
            linkId: x.linkId,
            artisanId: x.artisanId,
            eventId: e.id,
            country: "ID",
          });
        }
        if (inquiryRandom.chance(0.5)) {
          planInquiry(inquiryRandom, new Date(dayStart.getTime() + Math.floor(inquiryRandom.next() * span)), artisan, { eventId: e.id, linkId: x.linkId });
        }
      }
    }
  }

  function planInquiry(r: Random, at: Date, artisan: SimArtisan, booth: { eventId: number; linkId: number } | null) {
    const list = listedProducts(artisan.id, at);
    const kind: InquiryKind = booth ? r.weighted([["product", 5], ["custom", 3], ["wholesale", 2]] as const) : r.weighted([["product", 65], ["custom", 15], ["wholesale", 12], ["exhibition", 8]] as const);
    const cheap = list.filter((p) => p.seed.price < 300_000);
    const product =
      kind === "wholesale" && list.length ? pickProduct(r, cheap.length ? cheap : list) : kind === "product" && list.length ? pickProduct(r, list) : null;
    const buyer = pickBuyer(r);
    const source: InquirySource = booth
      ? "link"
      : kind === "exhibition"
        ? "event_page"
        : r.weighted([["product_page", 40], ["artisan_page", 15], ["whatsapp", 15], ["search", 10], ["direct", 5]] as const);
    const upcoming = kind === "exhibition" ? events.find((e) => e.startsAt > at && e.exhibitors.some((x) => x.artisanId === artisan.id) && !e.cancelled) : undefined;
    if (kind === "exhibition" && !upcoming) return;
    // Wholesale means uniforms in stamped or printed cloth; hand-drawn pieces go by the handful.
    const bulk = product && (product.seed.technique === "cap" || product.seed.technique === "printing" || product.seed.kind === "kemeja");
    const quantity = kind === "wholesale" ? (bulk ? r.int(10, 40) : product?.seed.technique === "kombinasi" ? r.int(5, 12) : r.int(2, 5)) : kind === "custom" ? r.int(1, 4) : product ? 1 : null;
    const budget = kind === "custom" ? r.int(4, 30) * 50_000 : null;
    const en = buyer.locale === "en";
    const productTitle = product ? (en && product.seed.titleEn ? product.seed.titleEn : product.seed.titleId) : "";
    const first = inquiryText(kind, "ask", en, { product: productTitle, quantity: quantity ?? 1, event: upcoming?.titleId ?? "" });
    const inquiry: PlannedInquiry = {
      at,
      token: r.code(16),
      artisanId: artisan.id,
      productId: product?.id ?? null,
      eventId: booth?.eventId ?? upcoming?.id ?? null,
      buyer,
      kind,
      quantity,
      budget,
      source,
      linkId: booth?.linkId ?? null,
      messages: [{ author: "buyer", at, body: first }],
      outcome: "new",
      order: null,
      offline: null,
      closedAt: null,
    };
    inquiries.push(inquiry);
    if (r.chance(0.02)) {
      inquiry.outcome = "spam";
      inquiry.closedAt = new Date(at.getTime() + r.int(1, 48) * HOUR);
      if (inquiry.closedAt > now) inquiry.outcome = "new";
      return;
    }
    // Growing shops answer faster and more often: responsiveness is part of the trend.
    const replyChance = artisan.seed.trend === "declining" ? 0.7 : 0.9;
    const replyAt = new Date(at.getTime() + r.int(20, artisan.seed.trend === "growing" ? 8 * 60 : 30 * 60) * MINUTE);
    if (!r.chance(replyChance) || replyAt > now) return;
    inquiry.messages.push({ author: "artisan", at: replyAt, body: inquiryText(kind, "reply", en, { product: productTitle, quantity: quantity ?? 1, event: upcoming?.titleId ?? "" }) });
    inquiry.outcome = "answered";
    const decideAt = new Date(replyAt.getTime() + r.int(1, 72) * HOUR);
    if (decideAt > now) return;
    const roll = r.next();
    if (roll < 0.24 && kind !== "exhibition") {
      const orderAt = new Date(decideAt.getTime() + r.int(10, 600) * MINUTE);
      if (orderAt > now) return;
      const orderProduct = product ?? (list.length ? pickProduct(r, list) : null);
      if (!orderProduct) return;
      inquiry.messages.push({ author: "buyer", at: decideAt, body: inquiryText(kind, "accept", en, { product: productTitle, quantity: quantity ?? 1, event: "" }) });
      const order = planOrder(r, orderAt, artisan, { product: orderProduct, quantity: Math.min(quantity ?? 1, 50), buyer, forcePaid: true });
      if (order && order.outcome === "paid") {
        inquiry.outcome = "converted";
        inquiry.order = order;
        order.inquiry = inquiry;
      }
    } else if (roll < 0.34 && kind !== "exhibition") {
      const base = product?.seed.price ?? budget ?? 250_000;
      inquiry.messages.push({ author: "buyer", at: decideAt, body: inquiryText(kind, "offline", en, { product: productTitle, quantity: quantity ?? 1, event: "" }) });
      const on = new Date(decideAt.getTime() + r.int(1, 10) * DAY);
      if (on > now) return;
      inquiry.outcome = "offline";
      inquiry.offline = { amount: Math.round((base * (quantity ?? 1) * 0.9) / 5000) * 5000, on };
    } else if (roll < 0.7) {
      inquiry.messages.push({ author: "buyer", at: decideAt, body: inquiryText(kind, "decline", en, { product: productTitle, quantity: quantity ?? 1, event: "" }) });
      const closedAt = new Date(decideAt.getTime() + 14 * DAY);
      if (closedAt <= now) {
        inquiry.outcome = "closed";
        inquiry.closedAt = closedAt;
      }
    }
  }

  // ----- page views: shop, product and WhatsApp clicks per shop; motif and event pages
  const visitorPools = new Map<number, string[]>();
  const visitor = (artisanId: number) => {
    const pool = visitorPools.get(artisanId) ?? [];
    visitorPools.set(artisanId, pool);
    if (pool.length > 30 && visitRandom.chance(0.3)) return visitRandom.pick(pool);
    const hash = visitRandom.hex(32);
    if (pool.length < 400) pool.push(hash);
    return hash;
  };
  const country = () => visitRandom.weighted([["ID", 88], ["SG", 3], ["MY", 3], ["NL", 2], ["AU", 1.5], ["JP", 1], ["US", 1.5]] as const);
  const motifWeights = args.motifs.map((m) => [m, m.featured ? 3 : 1] as const);
  for (let day = firstDay; day <= now; day = new Date(day.getTime() + DAY)) {
    const month = wibParts(day).month;
    const stamp = () => {
      const at = new Date(day.getTime() + visitRandom.int(5 * 60, 23 * 60 + 59) * MINUTE);
      return at > now ? new Date(now.getTime() - visitRandom.int(1, 600) * MINUTE) : at;
    };
    for (const artisan of artisans) {
      if (day < wibStartOfDay(artisan.activeFrom)) continue;
      const afterEvent = windows.some((w) => w.artisanId === artisan.id && day >= w.from && day <= w.to) ? 1.5 : 1;
      const rate = 4 * trendFactor(artisan, day, start, now) * SEASON[month] * afterEvent;
      const list = listedProducts(artisan.id, day);
      for (let i = visitRandom.poisson(rate); i > 0; i--) {
        const kind = visitRandom.weighted([["product_view", 68], ["artisan_view", 26], ["whatsapp_click", 6]] as const);
        if (kind === "product_view" && !list.length) continue;
        visits.push({
          kind,
          occurredAt: stamp(),
          visitorHash: visitor(artisan.id),
          artisanId: artisan.id,
          productId: kind === "product_view" ? visitRandom.pick(list).id : null,
          country: country(),
          referrerHost: visitRandom.weighted(REFERRERS),
        });
      }
    }
    for (let i = visitRandom.poisson(5 * SEASON[month]); i > 0; i--) {
      const motif = visitRandom.weighted(motifWeights);
      visits.push({ kind: "motif_view", occurredAt: stamp(), visitorHash: visitor(0), motifId: motif.id, artisanId: motif.creatorArtisanId, country: country(), referrerHost: visitRandom.weighted(REFERRERS) });
    }
    for (const e of events) {
      if (day < new Date(e.startsAt.getTime() - 30 * DAY) || day > e.endsAt) continue;
      for (let i = visitRandom.poisson(e.kind === "training" ? 1 : 3); i > 0; i--) {
        visits.push({ kind: "event_view", occurredAt: stamp(), visitorHash: visitor(-e.id), eventId: e.id, country: country(), referrerHost: visitRandom.weighted(REFERRERS) });
      }
    }
    if (args.alwaysOnCampaignLinkId) {
      for (let i = visitRandom.poisson(1.5); i > 0; i--) {
        visits.push({ kind: "link_visit", occurredAt: stamp(), visitorHash: visitRandom.hex(32), linkId: args.alwaysOnCampaignLinkId, country: "ID", referrerHost: "www.instagram.com" });
      }
    }
  }
  for (const e of events) {
    if (!e.campaignLinkId || e.cancelled) continue;
    for (let day = new Date(e.startsAt.getTime() - 10 * DAY); day <= e.endsAt && day <= now; day = new Date(day.getTime() + DAY)) {
      for (let i = visitRandom.poisson(10); i > 0; i--) {
        const at = new Date(day.getTime() + visitRandom.int(0, DAY / MINUTE - 1) * MINUTE);
        if (at > now) continue;
        visits.push({ kind: "link_visit", occurredAt: at, visitorHash: visitRandom.hex(32), linkId: e.campaignLinkId, eventId: e.id, country: "ID", referrerHost: "www.instagram.com" });
      }
    }
  }

  // A few transfers still waiting for the operator's confirmation, so that queue is never empty.
  for (let i = 0; i < 3; i++) {
    const artisan = orderRandom.pick(artisans);
    const at = new Date(now.getTime() - orderRandom.int(20, 6 * 60) * MINUTE);
    const list = listedProducts(artisan.id, at).filter((p) => p.seed.finalStock > 0);
    if (!list.length) continue;
    const order = planOrder(orderRandom, at, artisan, { product: orderRandom.pick(list), quantity: 1, buyer: pickBuyer(orderRandom, PLACES[2 + i]) });
    if (order) {
      order.paymentMethod = "bank_transfer";
      order.outcome = "pending";
      order.lines.splice(1);
      order.paidAt = order.shipAt = order.completeAt = order.endedAt = null;
      order.refund = null;
      order.shippingByArtisan = undefined;
    }
  }

  orders.sort((a, b) => a.at.getTime() - b.at.getTime());
  inquiries.sort((a, b) => a.at.getTime() - b.at.getTime());
  visits.sort((a, b) => new Date(a.occurredAt).getTime() - new Date(b.occurredAt).getTime());

  const sold = new Map<number, number>();
  const held = new Map<number, number>();
  for (const o of orders) {
    const target = o.outcome === "paid" ? sold : o.outcome === "pending" ? held : null;
    if (!target) continue;
    for (const l of o.lines) target.set(l.productId, (target.get(l.productId) ?? 0) + l.quantity);
  }
  return { orders, inquiries, visits, sold, held };
}

/** A stable value in [0, 1) for a key: month-to-month noise that does not depend on draw order. */
function noise(key: string, seed: string): number {
  let h = 2166136261;
  for (const c of `${seed}|${key}`) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return ((h >>> 0) % 10_000) / 10_000;
}

function inquiryText(kind: InquiryKind, step: "ask" | "reply" | "accept" | "offline" | "decline", en: boolean, v: { product: string; quantity: number; event: string }): string {
  const texts: Record<InquiryKind, Record<typeof step, [string, string]>> = {
    product: {
      ask: [`Selamat siang, apakah ${v.product} masih tersedia? Saya ingin membeli ${v.quantity} lembar.`, `Hello, is the ${v.product} still available? I would like to buy ${v.quantity}.`],
      reply: ["Terima kasih sudah bertanya. Kainnya masih ada dan bisa kami kirim dalam dua hari kerja.", "Thank you for asking. It is still available and we can ship it within two working days."],
      accept: ["Baik, saya pesan sekarang lewat halaman produk.", "Great, I am ordering it now on the product page."],
      offline: ["Saya akan datang langsung ke rumah produksi minggu ini.", "I will come to the workshop in person this week."],
      decline: ["Terima kasih informasinya, saya pikirkan dulu.", "Thank you for the information, I will think about it."],
    },
    custom: {
      ask: ["Halo, apakah bisa dibuatkan batik dengan motif ini dalam warna lain untuk seragam keluarga?", "Hello, could you make this motif in another colour for matching family outfits?"],
      reply: ["Bisa. Pengerjaannya sekitar tiga sampai empat minggu; kami kirimkan contoh warna dulu.", "Yes. It takes about three to four weeks; we will send colour samples first."],
      accept: ["Contoh warnanya cocok, saya pesan.", "The colour sample is right, I will order."],
      offline: ["Saya bayar uang muka langsung di galeri, ya.", "I will pay the deposit at the gallery."],
      decline: ["Waktunya terlalu lama untuk acara kami, terima kasih.", "That is too long for our event, thank you."],
    },
    wholesale: {
      ask: [`Kami ingin memesan ${v.quantity} lembar untuk seragam kantor. Berapa harga grosir dan lama pengerjaannya?`, `We would like ${v.quantity} pieces for office uniforms. What is the wholesale price and lead time?`],
      reply: ["Untuk jumlah itu kami beri potongan 10%, dengan pengerjaan sekitar satu bulan.", "For that quantity we give a 10% discount, with about one month of production."],
      accept: ["Setuju, kami pesan.", "Agreed, we will order."],
      offline: ["Kami transfer uang muka ke rekening usaha Bapak/Ibu.", "We will transfer the deposit to your business account."],
      decline: ["Anggaran kami belum cukup tahun ini, terima kasih.", "Our budget does not allow it this year, thank you."],
    },
    exhibition: {
      ask: [`Apakah Bapak/Ibu ikut pameran ${v.event}? Saya ingin melihat koleksinya langsung.`, `Will you be at ${v.event}? I would like to see the collection in person.`],
      reply: ["Ya, kami ikut. Sampai jumpa di stan kami!", "Yes, we will be there. See you at our stand!"],
      accept: ["Baik, sampai jumpa.", "Great, see you there."],
      offline: ["Baik, sampai jumpa.", "Great, see you there."],
      decline: ["Sayang sekali saya tidak bisa datang.", "Sadly I cannot make it."],
    },
  };
  return texts[kind][step][en ? 1 : 0];
}

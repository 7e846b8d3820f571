/**
 * An artisan's own statistics per WIB month (issue 6, item 5; the shop's
 * slice of PRODUCT.md §6): reach (views, visitors, WhatsApp clicks),
 * inquiries by kind and source, first-response time, inquiry conversion and
 * the revenue of converted inquiries. Every figure is counted in SQL, grouped
 * by month; only one row per month (and per kind × source) comes back.
 *
 * The definitions below are the rules; the dashboard's "how these are
 * counted" text and the agencies' dashboard (issue 10) must say the same.
 */
import { sql } from "kysely";
import { ModelError, type DB } from "~/models/common.server";
import type { InquiryKind, InquirySource } from "~/models/inquiry.server";
import { PAID_STATUSES } from "~/models/order.server";
import { getDb } from "~/utils/db.server";
import { INQUIRY_KINDS, INQUIRY_SOURCES, MAX_MONTHS } from "~/utils/indicators";
import { isMonth, monthRangeBounds, monthSpan, monthsBetween, WIB_MODIFIER, type Month } from "./periods.server";

export { INQUIRY_KINDS, INQUIRY_SOURCES, MAX_MONTHS };

/** Visit kinds that count as a view of the shop: its product pages and its own page. */
const VIEW_KINDS = ["product_view", "artisan_view"] as const;

export type RevenueFigures = {
  /** Σ offline_sale_amount of the shop's inquiries, on the WIB month of offline_sale_on. */
  offline: number;
  /**
   * Σ unit_price × quantity of THIS shop's lines of the orders its inquiries
   * were converted to (each order once), on the WIB month of orders.paid_at
   * (the payment confirmation), for orders whose payment was confirmed.
   * Shipping is not revenue; the platform fee is not subtracted.
   */
  orders: number;
  /**
   * Refunds of those orders attributed to the shop's goods, on the WIB month
   * the refund was made (refunds.created_at). A refund of the shop's part
   * counts in full; a refund of the whole order (no part named) is shared
   * among the order's parts in proportion to their value (subtotal +
   * shipping) — exact for one-shop orders and for full refunds. Within the
   * part, refunds cover the goods first and shipping after: the goods
   * refunded by a refund = min(Σ share up to it, goods) − min(Σ share
   * before it, goods), so the goods are never refunded more than once.
   */
  refunds: number;
  /** offline + orders − refunds (may be negative in a month with refunds of earlier sales). */
  total: number;
};

export type StatisticsFigures = {
  /** Visits of kind product_view or artisan_view with the shop's artisan_id, on their WIB day (visits.day). */
  views: number;
  /**
   * Distinct visitor_hash among those views. For the range, distinct over the
   * whole range (not the sum of the months). A visitor with Do Not Track has
   * a hash per day, so they count once per day they came.
   */
  visitors: number;
  /** Visits of kind whatsapp_click with the shop's artisan_id (the WhatsApp button was used). */
  whatsappClicks: number;
  /** Inquiries of the shop created in the period (WIB, from created_at), status spam excluded. */
  inquiries: number;
  /** `inquiries` by kind; every kind present, zeros kept. */
  byKind: Record<InquiryKind, number>;
  /** `inquiries` by source; every source present, zeros kept. */
  bySource: Record<InquirySource, number>;
  /**
   * Of `inquiries`, those that can have an on-platform reply (source is not
   * whatsapp: a logged WhatsApp conversation was answered off the platform)
   * and have first_response_at (the artisan's first reply).
   */
  answered: number;
  /** Of `inquiries`, non-WhatsApp ones without a reply yet (including closed ones never answered). */
  unanswered: number;
  /**
   * Median of (first_response_at − created_at) in minutes over the `answered`
   * inquiries; for an even count, the mean of the middle two. Null when none
   * was answered.
   */
  medianResponseMinutes: number | null;
  /**
   * Of `inquiries` (a cohort: the inquiries created in the period), those
   * converted by now: status converted, or an order linked
   * (converted_order_id), or an offline sale recorded (offline_sale_amount).
   */
  converted: number;
  /**
   * converted ÷ inquiries, a share 0..1; null when there were no inquiries.
   * A cohort rate: a later conversion raises the rate of the month the
   * inquiry was created in, not of the month it converted.
   */
  conversionRate: number | null;
  /** Revenue from converted inquiries (see RevenueFigures). */
  revenue: RevenueFigures;
};

export type MonthStatistics = StatisticsFigures & { month: Month };

export type ArtisanStatistics = {
  from: Month;
  to: Month;
  /** One row per WIB month from `from` to `to`, oldest first; months without data are zeros. */
  months: MonthStatistics[];
  /** The whole range: sums of the months, except visitors and the median (over the range's rows) and the rate. */
  totals: StatisticsFigures;
};

function zeroByKind(): Record<InquiryKind, number> {
  return Object.fromEntries(INQUIRY_KINDS.map((k) => [k, 0])) as Record<InquiryKind, number>;
}

function zeroBySource(): Record<InquirySource, number> {
  return Object.fromEntries(INQUIRY_SOURCES.map((s) => [s, 0])) as Record<InquirySource, number>;
}

function emptyFigures(): StatisticsFigures {
  return {
    views: 0,
    visitors: 0,
    whatsappClicks: 0,
    inquiries: 0,
    byKind: zeroByKind(),
    bySource: zeroBySource(),
    answered: 0,
    unanswered: 0,
    medianResponseMinutes: null,
    converted: 0,
    conversionRate: null,
    revenue: { offline: 0, orders: 0, refunds: 0, total: 0 },
  };
}

/** Minutes with one decimal (the median of seconds may end in .5). */
function toMinutes(seconds: number | null): number | null {
  return seconds == null ? null : Math.round((Number(seconds) / 60) * 10) / 10;
}

/**
 * Checks a requested range: both months "YYYY-MM", `from` ≤ `to`, at most
 * MAX_MONTHS months. Throws ModelError (400) with code invalid_month,
 * reversed_range or range_too_long.
 */
export function assertMonthRange(from: unknown, to: unknown): { from: Month; to: Month } {
  if (!isMonth(from) || !isMonth(to)) throw new ModelError("invalid_month", "Months are written YYYY-MM");
  const span = monthSpan(from, to);
  if (span < 1) throw new ModelError("reversed_range", "The first month is after the last");
  if (span > MAX_MONTHS) throw new ModelError("range_too_long", `At most ${MAX_MONTHS} months at once`);
  return { from, to };
}

/**
 * The shop's statistics per WIB month from `from` to `to` (both included),
 * with totals over the range. See StatisticsFigures and RevenueFigures for
 * the exact definitions. Another shop's rows are never read: every query is
 * scoped by artisan_id.
 */
export async function artisanMonthlyStatistics(args: { artisanId: number; from: Month; to: Month }, db: DB = getDb()): Promise<ArtisanStatistics> {
  const { from, to } = assertMonthRange(args.from, args.to);
  const artisanId = args.artisanId;
  const { startUtc, endUtc, startDay, endDay } = monthRangeBounds(from, to);
  const wib = sql.lit(WIB_MODIFIER);
  const viewKinds = sql.join(VIEW_KINDS.map((k) => sql.lit(k)));
  const paid = sql.join(PAID_STATUSES.map((s) => sql.lit(s)));

  const visitsByMonth = sql<{
    month: string;
    views: number;
    visitors: number;
    whatsapp: number;
  }>`
    select substr(day, 1, 7) as month,
      sum(kind in (${viewKinds})) as views,
      count(distinct case when kind in (${viewKinds}) then visitor_hash end) as visitors,
      sum(kind = 'whatsapp_click') as whatsapp
    from visits
    where artisan_id = ${artisanId} and day >= ${startDay} and day < ${endDay}
      and kind in (${viewKinds}, 'whatsapp_click')
    group by 1`.execute(db);

  const visitorsInRange = sql<{ visitors: number }>`
    select count(distinct visitor_hash) as visitors from visits
    where artisan_id = ${artisanId} and day >= ${startDay} and day < ${endDay} and kind in (${viewKinds})`.execute(db);

  // The shop's non-spam inquiries of the range, with their WIB month.
  const cohort = sql`
    select strftime('%Y-%m', created_at, ${wib}) as month, kind, source, status, first_response_at, created_at,
      converted_order_id, offline_sale_amount
    from inquiries
    where artisan_id = ${artisanId} and status <> 'spam' and created_at >= ${startUtc} and created_at < ${endUtc}`;

  const inquiryCounts = sql<{
    month: string;
    kind: InquiryKind;
    source: InquirySource;
    n: number;
    converted: number;
    answered: number;
    unanswered: number;
  }>`
    select month, kind, source, count(*) as n,
      sum(status = 'converted' or converted_order_id is not null or offline_sale_amount is not null) as converted,
      sum(source <> 'whatsapp' and first_response_at is not null) as answered,
      sum(source <> 'whatsapp' and first_response_at is null) as unanswered
    from (${cohort})
    group by month, kind, source`.execute(db);

  // Median per month and over the range ('total'): the middle row, or the mean of the middle two.
  const medians = sql<{ month: string; median: number }>`
    with r as (
      select month, round((julianday(first_response_at) - julianday(created_at)) * 86400) as s
      from (${cohort}) where source <> 'whatsapp' and first_response_at is not null
    ),
    b as (select month, s from r union all select 'total', s from r),
    ranked as (select month, s, row_number() over (partition by month order by s) as rn, count(*) over (partition by month) as c from b)
    select month, avg(s) as median from ranked where rn in ((c + 1) / 2, (c + 2) / 2) group by month`.execute(db);

  const offline = sql<{ month: string; amount: number }>`
    select substr(offline_sale_on, 1, 7) as month, sum(offline_sale_amount) as amount
    from inquiries
    where artisan_id = ${artisanId} and status <> 'spam' and offline_sale_amount is not null
      and offline_sale_on >= ${startDay} and offline_sale_on < ${endDay}
    group by 1`.execute(db);

  // The shop's part of each paid order its inquiries were converted to, with the part's goods.
  const parts = sql`
    select op.id as part_id, op.order_id, o.paid_at, op.subtotal + op.shipping_fee as part_value, o.total as order_total,
      (select coalesce(sum(l.unit_price * l.quantity), 0) from order_lines l where l.order_part_id = op.id) as goods
    from order_parts op
    join orders o on o.id = op.order_id
    where op.artisan_id = ${artisanId} and o.paid_at is not null and o.status in (${paid})
      and op.order_id in (
        select converted_order_id from inquiries
        where artisan_id = ${artisanId} and status <> 'spam' and converted_order_id is not null
      )`;

  const orderRevenue = sql<{ month: string; amount: number }>`
    select strftime('%Y-%m', paid_at, ${wib}) as month, sum(goods) as amount
    from (${parts}) where paid_at >= ${startUtc} and paid_at < ${endUtc}
    group by 1`.execute(db);

  const refunds = sql<{ month: string; amount: number }>`
    with p as (${parts}),
    shares as (
      select r.id, r.created_at, p.part_id, p.goods,
        case when r.order_part_id = p.part_id then r.amount
             else round(r.amount * 1.0 * p.part_value / nullif(p.order_total, 0)) end as share
      from refunds r join p on r.order_id = p.order_id
      where r.order_part_id is null or r.order_part_id = p.part_id
    ),
    cum as (
      select created_at, goods, share,
        sum(share) over (partition by part_id order by created_at, id rows between unbounded preceding and current row) as c
      from shares
    )
    select strftime('%Y-%m', created_at, ${wib}) as month, sum(min(c, goods) - min(c - share, goods)) as amount
    from cum where created_at >= ${startUtc} and created_at < ${endUtc}
    group by 1`.execute(db);

  const [visitRows, rangeVisitors, countRows, medianRows, offlineRows, orderRows, refundRows] = await Promise.all([
    visitsByMonth,
    visitorsInRange,
    inquiryCounts,
    medians,
    offline,
    orderRevenue,
    refunds,
  ]);

  const months = new Map<Month, MonthStatistics>(monthsBetween(from, to).map((m) => [m, { month: m, ...emptyFigures() }]));
  const totals = emptyFigures();
  const at = (month: string) => months.get(month);

  for (const row of visitRows.rows) {
    const m = at(row.month);
    if (!m) continue;
    m.views = Number(row.views);
    m.visitors = Number(row.visitors);
    m.whatsappClicks = Number(row.whatsapp);
  }
  for (const row of countRows.rows) {
    const m = at(row.month);
    if (!m) continue;
    for (const f of [m, totals]) {
      const n = Number(row.n);
      f.inquiries += n;
      f.byKind[row.kind] += n;
      f.bySource[row.source] += n;
      f.converted += Number(row.converted);
      f.answered += Number(row.answered);
      f.unanswered += Number(row.unanswered);
    }
  }
  for (const row of medianRows.rows) {
    const target = row.month === "total" ? totals : at(row.month);
    if (target) target.medianResponseMinutes = toMinutes(row.median);
  }
  for (const row of offlineRows.rows) {
    const m = at(row.month);
    if (m) m.revenue.offline = Number(row.amount);
  }
  for (const row of orderRows.rows) {
    const m = at(row.month);
    if (m) m.revenue.orders = Number(row.amount);
  }
  for (const row of refundRows.rows) {
    const m = at(row.month);
    if (m) m.revenue.refunds = Number(row.amount);
  }

  for (const m of months.values()) {
    m.conversionRate = m.inquiries > 0 ? m.converted / m.inquiries : null;
    m.revenue.total = m.revenue.offline + m.revenue.orders - m.revenue.refunds;
    totals.views += m.views;
    totals.whatsappClicks += m.whatsappClicks;
    totals.revenue.offline += m.revenue.offline;
    totals.revenue.orders += m.revenue.orders;
    totals.revenue.refunds += m.revenue.refunds;
    totals.revenue.total += m.revenue.total;
  }
  totals.visitors = Number(rangeVisitors.rows[0]?.visitors ?? 0);
  totals.conversionRate = totals.inquiries > 0 ? totals.converted / totals.inquiries : null;

  return { from, to, months: [...months.values()], totals };
}

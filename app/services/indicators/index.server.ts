/**
 * The indicators (PRODUCT.md §6): the one module that owns the counting
 * rules. Pages and reports import from here, never count on their own, so
 * the artisan's statistics and the agencies' dashboard (issue 10) agree.
 *
 * Rules shared by every figure:
 * - Periods are cut in WIB (Asia/Jakarta, UTC+7) days and months (periods.server).
 * - Spam inquiries are never counted.
 * - Revenue = price × quantity of paid order lines on the payment
 *   confirmation date, plus offline sales on their recorded date, minus
 *   refunds in the period they were made; shipping is not revenue and the
 *   platform fee is not subtracted.
 */
export { addMonths, isMonth, monthRangeBounds, monthsBetween, monthSpan, monthStartUtc, wibMonthOf, type Month } from "./periods.server";
export {
  artisanMonthlyStatistics,
  assertMonthRange,
  INQUIRY_KINDS,
  INQUIRY_SOURCES,
  MAX_MONTHS,
  type ArtisanStatistics,
  type MonthStatistics,
  type RevenueFigures,
  type StatisticsFigures,
} from "./inquiries.server";

import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DashboardNav } from "~/components/dashboard-nav";
import { pageMeta } from "~/components/page-meta";
import { ScrollRegion } from "~/components/scroll-region";
import { formatCount, formatMonth, formatResponse, formatShare } from "~/components/statistics-format";
import { StatisticsChart } from "~/components/statistics-chart";
import { isModelError } from "~/models/common.server";
import { addMonths, artisanMonthlyStatistics, isMonth, wibMonthOf, type ArtisanStatistics } from "~/services/indicators/index.server";
import { requireArtisanShop } from "~/utils/dashboard.server";
import { formatRupiah } from "~/utils/format";
import { i18next } from "~/utils/i18next.server";
import { INQUIRY_KINDS, INQUIRY_SOURCES, MAX_MONTHS } from "~/utils/indicators";
import { useLocale, useLocalePath } from "~/utils/use-locale";

/** The default range: the last 12 months ending with the current WIB month. */
const DEFAULT_MONTHS = 12;

const ERRORS: Record<string, string> = {
  invalid_month: "statistics.errors.invalidMonth",
  reversed_range: "statistics.errors.reversed",
  range_too_long: "statistics.errors.tooLong",
};

/**
 * The range asked for in the query (?from=YYYY-MM&to=YYYY-MM). A missing or
 * empty `to` is this WIB month, a missing `from` the 12th month back from
 * `to`; anything else is checked by the indicators (a 400 with a message).
 */
function requestedRange(url: URL, now: Date) {
  const current = wibMonthOf(now);
  const to = (url.searchParams.get("to") ?? "").trim().slice(0, 20) || current;
  const from =
    (url.searchParams.get("from") ?? "").trim().slice(0, 20) || (isMonth(to) ? addMonths(to, 1 - DEFAULT_MONTHS) : addMonths(current, 1 - DEFAULT_MONTHS));
  return { from, to };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { shop } = await requireArtisanShop(request);
  const locale = params.lang === "en" ? "en" : "id";
  const t = await i18next.getFixedT(locale);
  const meta = {
    title: `${t("statistics.title")} · ${t("site.name")}`,
    description: t("statistics.lead"),
    noindex: true,
  };
  const { from, to } = requestedRange(new URL(request.url), new Date());
  try {
    const stats = await artisanMonthlyStatistics({
      artisanId: shop.id,
      from,
      to,
    });
    return {
      shop: { name: shop.name },
      from,
      to,
      error: null as string | null,
      stats: stats as ArtisanStatistics | null,
      meta,
    };
  } catch (error) {
    if (isModelError(error) && ERRORS[error.code]) {
      return data(
        {
          shop: { name: shop.name },
          from,
          to,
          error: ERRORS[error.code],
          stats: null,
          meta,
        },
        { status: 400 }
      );
    }
    throw error;
  }
}

export default function StatisticsPage() {
  const { from, to, error, stats } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const locale = useLocale();
  const to_ = useLocalePath();
  const count = (n: number) => formatCount(n, locale);
  const def = (key: string) => (
    <a href={`#def-${key}`} className="stats-def-link">
      {t(`statistics.columns.${key}`)}
    </a>
  );

  return (
    <div className="container page">
      <DashboardNav />
      <header className="page-header">
        <h1>{t("statistics.title")}</h1>
        <p className="page-header__lead">{t("statistics.lead")}</p>
      </header>

      <Form method="get" action={to_("/dashboard/statistics")} className="filter-form" aria-label={t("statistics.range.label")}>
        {error ? (
          <p className="form-error" role="alert" id="stats-range-error">
            {t(error, { max: MAX_MONTHS })}
          </p>
        ) : null}
        <div className="filter-form__fields">
          <div className="field">
            <label htmlFor="stats-from">{t("statistics.range.from")}</label>
            <input
              type="month"
              id="stats-from"
              name="from"
              defaultValue={from}
              key={`from-${from}`}
              pattern="\d{4}-\d{2}"
              placeholder="2026-01"
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? "stats-range-error stats-range-hint" : "stats-range-hint"}
            />
          </div>
          <div className="field">
            <label htmlFor="stats-to">{t("statistics.range.to")}</label>
            <input
              type="month"
              id="stats-to"
              name="to"
              defaultValue={to}
              key={`to-${to}`}
              pattern="\d{4}-\d{2}"
              placeholder="2026-12"
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? "stats-range-error stats-range-hint" : "stats-range-hint"}
            />
          </div>
        </div>
        <p className="field__hint muted" id="stats-range-hint">
          {t("statistics.range.hint", { max: MAX_MONTHS })}
        </p>
        <div className="filter-form__actions">
          <button type="submit" className="button">
            {t("statistics.range.apply")}
          </button>
          <a href={to_("/dashboard/statistics")} className="button button--secondary">
            {t("statistics.range.reset")}
          </a>
        </div>
      </Form>

      {stats ? (
        <>
          <section className="section stats-section" aria-labelledby="stats-monthly">
            <h2 id="stats-monthly">
              {t("statistics.monthly.title", {
                from: formatMonth(stats.from, locale, true),
                to: formatMonth(stats.to, locale, true),
              })}
            </h2>
            <StatisticsChart months={stats.months} />
            <ScrollRegion labelledBy="stats-monthly-caption">
              <table className="data-table stats-table" data-testid="stats-monthly">
                <caption id="stats-monthly-caption">{t("statistics.monthly.caption")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("statistics.columns.month")}</th>
                    <th scope="col">{def("views")}</th>
                    <th scope="col">{def("visitors")}</th>
                    <th scope="col">{def("whatsappClicks")}</th>
                    <th scope="col">{def("inquiries")}</th>
                    <th scope="col">{def("medianResponse")}</th>
                    <th scope="col">{def("conversion")}</th>
                    <th scope="col">{def("revenue")}</th>
                  </tr>
                </thead>
                <tbody>
                  {stats.months.map((m) => (
                    <tr key={m.month} data-month={m.month}>
                      <th scope="row">{formatMonth(m.month, locale)}</th>
                      <td>{count(m.views)}</td>
                      <td>{count(m.visitors)}</td>
                      <td>{count(m.whatsappClicks)}</td>
                      <td>{count(m.inquiries)}</td>
                      <td>
                        {formatResponse(m.medianResponseMinutes, locale, t)}
                        {m.answered + m.unanswered > 0 ? (
                          <span className="stats-note">
                            {t("statistics.monthly.answered", {
                              answered: count(m.answered),
                              unanswered: count(m.unanswered),
                            })}
                          </span>
                        ) : null}
                      </td>
                      <td>
                        {formatShare(m.conversionRate, locale)}
                        {m.inquiries > 0 ? (
                          <span className="stats-note">
                            {t("statistics.monthly.converted", {
                              converted: count(m.converted),
                              inquiries: count(m.inquiries),
                            })}
                          </span>
                        ) : null}
                      </td>
                      <td className="stats-money">{formatRupiah(m.revenue.total)}</td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr data-month="total">
                    <th scope="row">{t("statistics.monthly.total")}</th>
                    <td>{count(stats.totals.views)}</td>
                    <td>{count(stats.totals.visitors)}</td>
                    <td>{count(stats.totals.whatsappClicks)}</td>
                    <td>{count(stats.totals.inquiries)}</td>
                    <td>
                      {formatResponse(stats.totals.medianResponseMinutes, locale, t)}
                      {stats.totals.answered + stats.totals.unanswered > 0 ? (
                        <span className="stats-note">
                          {t("statistics.monthly.answered", {
                            answered: count(stats.totals.answered),
                            unanswered: count(stats.totals.unanswered),
                          })}
                        </span>
                      ) : null}
                    </td>
                    <td>
                      {formatShare(stats.totals.conversionRate, locale)}
                      {stats.totals.inquiries > 0 ? (
                        <span className="stats-note">
                          {t("statistics.monthly.converted", {
                            converted: count(stats.totals.converted),
                            inquiries: count(stats.totals.inquiries),
                          })}
                        </span>
                      ) : null}
                    </td>
                    <td className="stats-money">{formatRupiah(stats.totals.revenue.total)}</td>
                  </tr>
                </tfoot>
              </table>
            </ScrollRegion>
            <p className="muted">{t("statistics.monthly.dash")}</p>
          </section>

          <section className="section stats-section" aria-labelledby="stats-revenue">
            <h2 id="stats-revenue">{t("statistics.revenue.title")}</h2>
            <ScrollRegion labelledBy="stats-revenue-caption">
              <table className="data-table stats-table" data-testid="stats-revenue">
                <caption id="stats-revenue-caption">{t("statistics.revenue.caption")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("statistics.columns.month")}</th>
                    <th scope="col">{t("statistics.revenue.offline")}</th>
                    <th scope="col">{t("statistics.revenue.orders")}</th>
                    <th scope="col">{t("statistics.revenue.refunds")}</th>
                    <th scope="col">{t("statistics.revenue.total")}</th>
                  </tr>
                </thead>
                <tbody>
                  {stats.months.map((m) => (
                    <tr key={m.month} data-month={m.month}>
                      <th scope="row">{formatMonth(m.month, locale)}</th>
                      <td className="stats-money">{formatRupiah(m.revenue.offline)}</td>
                      <td className="stats-money">{formatRupiah(m.revenue.orders)}</td>
                      <td className="stats-money">{m.revenue.refunds > 0 ? `− ${formatRupiah(m.revenue.refunds)}` : formatRupiah(0)}</td>
                      <td className="stats-money">{formatRupiah(m.revenue.total)}</td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr data-month="total">
                    <th scope="row">{t("statistics.monthly.total")}</th>
                    <td className="stats-money">{formatRupiah(stats.totals.revenue.offline)}</td>
                    <td className="stats-money">{formatRupiah(stats.totals.revenue.orders)}</td>
                    <td className="stats-money">{stats.totals.revenue.refunds > 0 ? `− ${formatRupiah(stats.totals.revenue.refunds)}` : formatRupiah(0)}</td>
                    <td className="stats-money">{formatRupiah(stats.totals.revenue.total)}</td>
                  </tr>
                </tfoot>
              </table>
            </ScrollRegion>
          </section>

          <section className="section stats-section" aria-labelledby="stats-breakdown">
            <h2 id="stats-breakdown">{t("statistics.breakdown.title")}</h2>
            <div className="stats-breakdown">
              <BreakdownTable
                id="stats-kind"
                caption={t("statistics.breakdown.byKind")}
                head={t("statistics.breakdown.kind")}
                rows={INQUIRY_KINDS.map((k) => [k, t(`statistics.kinds.${k}`), stats.totals.byKind[k]])}
                total={stats.totals.inquiries}
              />
              <BreakdownTable
                id="stats-source"
                caption={t("statistics.breakdown.bySource")}
                head={t("statistics.breakdown.source")}
                rows={INQUIRY_SOURCES.map((s) => [s, t(`statistics.sources.${s}`), stats.totals.bySource[s]])}
                total={stats.totals.inquiries}
              />
            </div>
          </section>
        </>
      ) : null}

      <section className="section stats-section" aria-labelledby="stats-how">
        <h2 id="stats-how">{t("statistics.how.title")}</h2>
        <p>{t("statistics.how.lead")}</p>
        <dl className="stats-definitions">
          {(["views", "visitors", "whatsappClicks", "inquiries", "medianResponse", "conversion", "revenue"] as const).map((key) => (
            <div key={key} id={`def-${key}`}>
              <dt>{t(`statistics.columns.${key}`)}</dt>
              <dd>{t(`statistics.how.${key}`)}</dd>
            </div>
          ))}
        </dl>
      </section>
    </div>
  );
}

function BreakdownTable({ id, caption, head, rows, total }: { id: string; caption: string; head: string; rows: [string, string, number][]; total: number }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <ScrollRegion labelledBy={`${id}-caption`}>
      <table className="data-table stats-table" data-testid={id}>
        <caption id={`${id}-caption`}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{head}</th>
            <th scope="col">{t("statistics.columns.inquiries")}</th>
            <th scope="col">{t("statistics.breakdown.share")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([key, label, n]) => (
            <tr key={key} data-key={key}>
              <th scope="row">{label}</th>
              <td>{formatCount(n, locale)}</td>
              <td>{formatShare(total > 0 ? n / total : null, locale)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t("statistics.monthly.total")}</th>
            <td>{formatCount(total, locale)}</td>
            <td>{formatShare(total > 0 ? 1 : null, locale)}</td>
          </tr>
        </tfoot>
      </table>
    </ScrollRegion>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);

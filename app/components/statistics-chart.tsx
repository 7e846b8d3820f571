import { useTranslation } from "react-i18next";
import { formatCount, formatMonth } from "~/components/statistics-format";
import { formatRupiah } from "~/utils/format";
import { useLocale } from "~/utils/use-locale";

type ChartMonth = {
  month: string;
  inquiries: number;
  revenue: { total: number };
};

const BAR = 16;
const GAP = 8;
const HEIGHT = 120;
const TOP = 8;
const LABELS = 18;

/**
 * One bar chart as server-rendered SVG (no script): a bar per month, the
 * zero line, negative values (a month of refunds) below it. Month labels
 * are thinned out on long ranges. The text alternative lists every value.
 */
function BarChart({
  title,
  values,
  labels,
  names,
  format,
  testId,
}: {
  title: string;
  values: number[];
  /** Short axis labels ("Mar"). */
  labels: string[];
  /** Full month names for the text alternative ("Mar 2026"). */
  names: string[];
  format: (n: number) => string;
  testId: string;
}) {
  const { t } = useTranslation();
  const max = Math.max(0, ...values);
  const min = Math.min(0, ...values);
  const span = max - min || 1;
  const width = values.length * (BAR + GAP) + GAP;
  const zeroY = TOP + (max / span) * HEIGHT;
  const every = Math.ceil(values.length / 12);
  const description = `${title}: ${values.map((v, i) => `${names[i]} ${format(v)}`).join("; ")}`;
  return (
    <figure className="stats-chart">
      <figcaption>
        {title} <span className="muted">{t("statistics.chart.max", { value: format(max) })}</span>
      </figcaption>
      <svg viewBox={`0 0 ${width} ${TOP + HEIGHT + LABELS}`} role="img" aria-label={description} data-testid={testId} preserveAspectRatio="xMinYMin meet">
        {values.map((v, i) => {
          const h = (Math.abs(v) / span) * HEIGHT;
          const y = v >= 0 ? zeroY - h : zeroY;
          return (
            <rect
              key={i}
              x={GAP + i * (BAR + GAP)}
              y={y}
              width={BAR}
              height={Math.max(h, v === 0 ? 0 : 1)}
              className={v < 0 ? "stats-chart__bar stats-chart__bar--negative" : "stats-chart__bar"}
            />
          );
        })}
        <line x1={0} x2={width} y1={zeroY} y2={zeroY} className="stats-chart__axis" />
        {labels.map((label, i) =>
          i % every === 0 ? (
            <text key={i} x={GAP + i * (BAR + GAP) + BAR / 2} y={TOP + HEIGHT + LABELS - 4} textAnchor="middle" className="stats-chart__label">
              {label}
            </text>
          ) : null
        )}
      </svg>
    </figure>
  );
}

/** Monthly inquiries and revenue side by side (stacked on a phone). */
export function StatisticsChart({ months }: { months: ChartMonth[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const labels = months.map((m) => formatMonth(m.month, locale).replace(/\s\d{4}$/, ""));
  const full = months.map((m) => formatMonth(m.month, locale));
  return (
    <div className="stats-charts">
      <BarChart
        title={t("statistics.chart.inquiries")}
        values={months.map((m) => m.inquiries)}
        labels={labels}
        names={full}
        format={(n) => formatCount(n, locale)}
        testId="chart-inquiries"
      />
      <BarChart
        title={t("statistics.chart.revenue")}
        values={months.map((m) => m.revenue.total)}
        labels={labels}
        names={full}
        format={formatRupiah}
        testId="chart-revenue"
      />
    </div>
  );
}

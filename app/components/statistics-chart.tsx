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
  // Up to a year: every month labelled; longer ranges: about six labels, drawn larger so they stay readable once scaled down.
  const long = values.length > 12;
  const every = long ? Math.ceil(values.length / 6) : 1;
  const fontSize = long ? Math.round(width / 30) : 9;
  const labelsHeight = long ? fontSize + 6 : LABELS;
  const description = `${title}: ${values.map((v, i) => `${names[i]} ${format(v)}`).join("; ")}`;
  return (
    <figure className="stats-chart">
      <figcaption>
        {title} <span className="muted">{t("statistics.chart.max", { value: format(max) })}</span>
      </figcaption>
      <svg viewBox={`0 0 ${width} ${TOP + HEIGHT + labelsHeight}`} role="img" aria-label={description} data-testid={testId} preserveAspectRatio="xMinYMin meet">
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
        {labels.map((label, i) => {
          if (i % every !== 0) return null;
          // Centred under its bar, unless that would cut it at either edge of the chart.
          const centre = GAP + i * (BAR + GAP) + BAR / 2;
          const half = (label.length * fontSize * 0.6) / 2;
          const [x, anchor]: [number, "start" | "middle" | "end"] = centre - half < 0 ? [0, "start"] : centre + half > width ? [width, "end"] : [centre, "middle"];
          return (
            <text key={i} x={x} y={TOP + HEIGHT + labelsHeight - 4} textAnchor={anchor} fontSize={fontSize} className="stats-chart__label">
              {label}
            </text>
          );
        })}
      </svg>
    </figure>
  );
}

/** Monthly inquiries and revenue side by side (stacked on a phone). */
export function StatisticsChart({ months }: { months: ChartMonth[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  // Axis labels: "Mar" within a year, "Mar 26" on longer ranges (which span several years).
  const labels = months.map((m) => formatMonth(m.month, locale).replace(/\s\d{2}(\d{2})$/, months.length > 12 ? " $1" : ""));
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

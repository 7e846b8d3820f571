import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { pageMeta } from "~/components/page-meta";
import { listMotifsForCuration } from "~/models/motif.server";
import { requireRole } from "~/utils/auth.server";
import { formatDate } from "~/utils/format";
import { i18next } from "~/utils/i18next.server";
import { useLocale, useLocalePath } from "~/utils/use-locale";

// Declared here, not imported from motif.server: server modules are stripped from the browser bundle.
const MOTIF_STATUSES = ["proposed", "published", "rejected", "archived"] as const;
type MotifStatus = (typeof MOTIF_STATUSES)[number];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "association");
  const locale = params.lang === "en" ? "en" : "id";
  const raw = new URL(request.url).searchParams.get("status");
  // An unknown status is no filter (a hand-edited URL is not an error).
  const status = MOTIF_STATUSES.find((s) => s === raw) ?? null;
  const { motifs, counts } = await listMotifsForCuration({ status });
  const t = await i18next.getFixedT(locale);
  return {
    status,
    motifs,
    counts,
    total: MOTIF_STATUSES.reduce((sum, s) => sum + counts[s], 0),
    meta: { title: `${t("curation.meta.motifs")} · ${t("site.name")}`, description: t("curation.list.lead"), noindex: true },
  };
}

export default function MotifCurationPage() {
  const { status, motifs, counts, total } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const locale = useLocale();
  const to = useLocalePath();
  const tabs: (MotifStatus | null)[] = [null, ...MOTIF_STATUSES];
  return (
    <div className="container page">
      <header className="page-header">
        <h1>{t("curation.list.title")}</h1>
        <p className="page-header__lead">{t("curation.list.lead")}</p>
        <p>
          <Link className="button" to={to("/association/motifs/new")}>
            {t("curation.list.new")}
          </Link>
        </p>
      </header>

      {counts.proposed > 0 ? (
        <p className="notice" data-testid="proposal-count">
          <a href={`${to("/association/motifs")}?status=proposed`}>{t("curation.list.queue", { count: counts.proposed })}</a>
        </p>
      ) : null}

      <nav aria-label={t("curation.list.filter")} className="job-filter">
        <ul>
          {tabs.map((s) => (
            <li key={s ?? "all"}>
              <a href={s ? `${to("/association/motifs")}?status=${s}` : to("/association/motifs")} aria-current={status === s ? "page" : undefined}>
                {s ? t("curation.list.tab", { status: t(`curation.status.${s}`), count: counts[s] }) : t("curation.list.all", { count: total })}
              </a>
            </li>
          ))}
        </ul>
      </nav>

      {motifs.length === 0 ? (
        <p className="empty-state">{t("curation.list.empty")}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table data-table--wide curation-table">
            <caption className="visually-hidden">{t("curation.list.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("curation.list.name")}</th>
                <th scope="col">{t("curation.list.status")}</th>
                <th scope="col">{t("curation.list.region")}</th>
                <th scope="col">{t("curation.list.proposedBy")}</th>
                <th scope="col">{t("curation.list.updated")}</th>
                <th scope="col">{t("curation.list.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {motifs.map((m) => (
                <tr key={m.id} data-status={m.status} data-motif-id={m.id}>
                  <th scope="row">
                    {m.name}
                    {m.featured ? <span className="curation-tag">{t("curation.list.featured")}</span> : null}
                  </th>
                  <td>
                    <span className={`curation-status curation-status--${m.status}`}>{t(`curation.status.${m.status}`)}</span>
                  </td>
                  <td>{t(`labels.region.${m.region}`)}</td>
                  <td>
                    {m.proposed_by ? t("curation.list.proposedOn", { shop: m.proposed_by.name, date: formatDate(m.created_at, locale) }) : t("curation.list.notProposed")}
                  </td>
                  <td>{formatDate(m.updated_at, locale)}</td>
                  <td>
                    <Link to={to(`/association/motifs/${m.id}`)} aria-label={t("curation.list.editNamed", { name: m.name })}>
                      {t("curation.list.edit")}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);

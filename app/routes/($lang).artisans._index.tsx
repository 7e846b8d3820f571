import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ArtisanCard } from "~/components/artisan-card";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { pageMeta } from "~/components/page-meta";
import { getArtisanDirectory } from "~/models/artisan.server";
import { getDb } from "~/utils/db.server";
import { listSeo } from "~/utils/seo.server";
import { useLocalePath } from "~/utils/use-locale";

/** Longer than any district or technique name: such a value is ignored without asking the database. */
const MAX_FILTER = 80;

/**
 * GET /artisans[?district=…][&technique=…]: the directory, filtered by plain
 * GET parameters (shareable, no JavaScript needed). A value no public artisan
 * has is ignored, never an error.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = params.lang === "en" ? "en" : "id";
  const sp = new URL(request.url).searchParams;
  const param = (name: string) => {
    const value = (sp.get(name) ?? "").trim();
    return value && value.length <= MAX_FILTER ? value : null;
  };
  const directory = await getArtisanDirectory({ district: param("district"), technique: param("technique") }, getDb());
  const filtered = directory.filters.district !== null || directory.filters.technique !== null;
  return {
    ...directory,
    // A filtered list is not a page of its own for search engines: the canonical page is the whole directory.
    meta: await listSeo(locale, "artisans", { noindex: filtered || sp.size > 0 }),
  };
}

type Filters = { district: string | null; technique: string | null };

function queryString(filters: Filters): string {
  const params = new URLSearchParams();
  if (filters.district) params.set("district", filters.district);
  if (filters.technique) params.set("technique", filters.technique);
  const s = params.toString();
  return s ? `?${s}` : "";
}

export default function ArtisansIndex() {
  const { items, total, filters, facets } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const to = useLocalePath();
  const base = to("/artisans");
  const techniqueLabel = (value: string) => t(`labels.technique.${value}`, { defaultValue: value });
  const active = [
    ...(filters.district ? [{ key: "district", label: filters.district, href: `${base}${queryString({ ...filters, district: null })}` }] : []),
    ...(filters.technique
      ? [{ key: "technique", label: techniqueLabel(filters.technique), href: `${base}${queryString({ ...filters, technique: null })}` }]
      : []),
  ];

  return (
    <div className="container page">
      <Breadcrumbs items={[{ label: t("nav.artisans") }]} />
      <header className="page-header">
        <h1>{t("artisans.title")}</h1>
        <p className="page-header__lead">{t("artisans.lead")}</p>
      </header>

      <Form method="get" action={base} className="directory-filters" aria-labelledby="artisan-filters-title">
        <h2 id="artisan-filters-title" className="visually-hidden">
          {t("artisans.filterTitle")}
        </h2>
        <div className="field">
          <label htmlFor="filter-district">{t("artisans.filterDistrict")}</label>
          <select id="filter-district" name="district" defaultValue={filters.district ?? ""} key={`d-${filters.district ?? ""}`}>
            <option value="">{t("artisans.filterAllDistricts")}</option>
            {facets.district.map((f) => (
              <option key={f.value} value={f.value}>
                {t("artisans.filterOption", { label: f.value, count: f.count })}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-technique">{t("artisans.filterTechnique")}</label>
          <select id="filter-technique" name="technique" defaultValue={filters.technique ?? ""} key={`t-${filters.technique ?? ""}`}>
            <option value="">{t("artisans.filterAllTechniques")}</option>
            {facets.technique.map((f) => (
              <option key={f.value} value={f.value}>
                {t("artisans.filterOption", { label: techniqueLabel(f.value), count: f.count })}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button--secondary">
          {t("artisans.filterApply")}
        </button>
      </Form>

      {active.length > 0 ? (
        <div className="catalogue__active">
          <h2 className="visually-hidden">{t("artisans.activeFilters")}</h2>
          <ul className="catalogue__chips">
            {active.map((a) => (
              <li key={a.key}>
                <Link className="tag tag--link" to={a.href} aria-label={t("artisans.removeFilter", { label: a.label })}>
                  {a.label} <span aria-hidden="true">×</span>
                </Link>
              </li>
            ))}
            {active.length > 1 ? (
              <li>
                <Link to={base}>{t("artisans.clearFilters")}</Link>
              </li>
            ) : null}
          </ul>
        </div>
      ) : null}

      {total > 0 ? (
        <>
          <p className="result-count" role="status">
            {t("artisans.count", { count: total })}
          </p>
          <ul className="grid grid--wide">
            {items.map((artisan, index) => (
              <li key={artisan.id}>
                <ArtisanCard artisan={artisan} headingLevel={2} priority={index < 3} />
              </li>
            ))}
          </ul>
        </>
      ) : (
        <div className="empty-state" role="status">
          <p>
            <strong>{active.length > 0 ? t("artisans.noMatch") : t("artisans.empty")}</strong>
          </p>
          {active.length > 0 ? (
            <p>
              <Link to={base}>{t("artisans.showAll")}</Link>
            </p>
          ) : null}
        </div>
      )}
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);

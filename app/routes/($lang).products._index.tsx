import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useFetcher, useLoaderData, useSubmit } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { pageMeta } from "~/components/page-meta";
import { Pagination } from "~/components/pagination";
import { ProductCard } from "~/components/product-card";
import { searchCatalogue, type CatalogueFilters, type suggestCatalogue } from "~/models/catalogue.server";
import { FACETS, SORTS, type FacetName } from "~/utils/catalogue-params";
import { getDb } from "~/utils/db.server";
import { productListSeo } from "~/utils/seo.server";
import { useLocalePath } from "~/utils/use-locale";

// The model's lists, repeated here because a .server module's values do not reach the browser bundle
// (the types keep them in step with app/models/catalogue.server.ts).
const MAX_QUERY_LENGTH = 100;
const PER_PAGE = 24;
/** Far beyond any real catalogue; a larger number is garbage and means page 1. */
const MAX_PAGE = 10_000;

/** The query string of a search: every filter a plain, repeatable GET parameter (shareable, crawlable, no JavaScript needed). */
function searchString(state: { q: string; sort: string; filters: CatalogueFilters }, page = 1): string {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  for (const facet of FACETS) for (const value of state.filters[facet]) params.append(facet, value);
  if (state.sort) params.set("sort", state.sort);
  if (page > 1) params.set("page", String(page));
  const s = params.toString();
  return s ? `?${s}` : "";
}

/**
 * Query parameters never cause an error page: unknown facet values and sorts
 * are dropped by the model, a non-numeric or absurd page is page 1, a page past
 * the end is the last page, and the text is cut to 100 characters.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = params.lang === "en" ? "en" : "id";
  const url = new URL(request.url);
  const sp = url.searchParams;
  const pageParam = Number(sp.get("page"));
  const page = Number.isInteger(pageParam) && pageParam >= 1 && pageParam <= MAX_PAGE ? pageParam : 1;
  const typed = (sp.get("q") ?? "").trim().slice(0, MAX_QUERY_LENGTH);
  const sortParam = sp.get("sort") ?? "";
  const result = await searchCatalogue(
    {
      q: typed,
      motif: sp.getAll("motif"),
      technique: sp.getAll("technique"),
      fabric: sp.getAll("fabric"),
      dye: sp.getAll("dye"),
      price: sp.getAll("price"),
      artisan: sp.getAll("artisan"),
      district: sp.getAll("district"),
      sort: sortParam,
      page,
      perPage: PER_PAGE,
    },
    getDb(),
  );
  const filtered = FACETS.some((f) => result.filters[f].length > 0);
  return {
    typed,
    // The sort as chosen ("" = the default for the query), so links keep the URL short.
    sortParam: (SORTS as readonly string[]).includes(sortParam) ? sortParam : "",
    ...result,
    // Searches, filters and deep pages are not pages a search engine should keep; the canonical page is the unfiltered list.
    meta: await productListSeo(locale, { typed, page: result.page, noindex: Boolean(typed) || filtered || page > 1 || sp.has("sort") }),
  };
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

/** Search-box suggestions from /products/suggest while typing (progressive enhancement: without JavaScript the box is a plain search field). */
function useSuggestions(action: string) {
  const fetcher = useFetcher<Awaited<ReturnType<typeof suggestCatalogue>>>();
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const [visible, setVisible] = useState(false);
  useEffect(() => () => clearTimeout(timer.current), []);
  const onInput = (value: string) => {
    clearTimeout(timer.current);
    if (value.trim().length < 2) {
      setVisible(false);
      return;
    }
    setVisible(true);
    timer.current = setTimeout(() => fetcher.load(`${action}?q=${encodeURIComponent(value)}`), 200);
  };
  const data = fetcher.data;
  const options =
    data && visible
      ? [...new Set([...data.motifs.map((m) => m.name), ...data.artisans.map((a) => a.name), ...data.products.map((p) => p.title)])].slice(0, 8)
      : [];
  return { onInput, options };
}

function FacetGroup({ facet, data, onChange }: { facet: FacetName; data: Data; onChange: () => void }) {
  const { t } = useTranslation();
  const values = data.facets[facet];
  if (values.length === 0) return null;
  const label = (value: string, fallback: string) => {
    switch (facet) {
      case "technique":
        return t(`labels.technique.${value}`);
      case "fabric":
        return t(`labels.fabric.${value}`);
      case "dye":
        return t(`labels.dye.${value}`);
      case "price":
        return t(`catalogue.price.${value}`);
      default:
        return fallback;
    }
  };
  const long = values.length > 8;
  const body = (
    <ul className="facet__list">
      {values.map((v) => {
        const id = `f-${facet}-${v.value}`.replace(/[^A-Za-z0-9_-]/g, "_");
        return (
          <li key={v.value}>
            <input type="checkbox" id={id} name={facet} value={v.value} defaultChecked={v.selected} onChange={onChange} />
            <label htmlFor={id}>
              {label(v.value, v.label)} <span className="facet__count">({v.count})</span>
            </label>
          </li>
        );
      })}
    </ul>
  );
  return (
    <fieldset className="facet">
      <legend>{t(`catalogue.facet.${facet}`)}</legend>
      {long ? (
        <details open={values.some((v) => v.selected)}>
          <summary>{t("catalogue.showValues", { count: values.length })}</summary>
          {body}
        </details>
      ) : (
        body
      )}
    </fieldset>
  );
}

export default function ProductsIndex() {
  const data = useLoaderData<typeof loader>();
  const { typed, q, correctedFrom, suggestions, items, total, page, pageCount, filters, sortParam } = data;
  const { t } = useTranslation();
  const to = useLocalePath();
  const submit = useSubmit();
  const formRef = useRef<HTMLFormElement>(null);
  const suggest = useSuggestions(to("/products/suggest"));

  const state = { q: typed, sort: sortParam, filters };
  const base = to("/products");
  const hrefFor = (p: number) => `${base}${searchString(state, p)}`;
  const without = (facet: FacetName, value: string) =>
    `${base}${searchString({
      ...state,
      filters: {
        ...filters,
        [facet]: filters[facet].filter((v) => v !== value),
      },
    })}`;
  const withQuery = (text: string) => `${base}${searchString({ ...state, q: text })}`;
  const noFilters = Object.fromEntries(FACETS.map((f) => [f, []])) as unknown as CatalogueFilters;
  const active = FACETS.flatMap((facet) =>
    data.facets[facet]
      .filter((v) => v.selected)
      .map((v) => ({
        facet,
        value: v.value,
        label:
          facet === "technique"
            ? t(`labels.technique.${v.value}`)
            : facet === "fabric"
            ? t(`labels.fabric.${v.value}`)
            : facet === "dye"
            ? t(`labels.dye.${v.value}`)
            : facet === "price"
            ? t(`catalogue.price.${v.value}`)
            : v.label,
      })),
  );
  // With JavaScript, ticking a box or changing the sort applies at once; without it, the submit button does.
  const autoSubmit = () => {
    if (formRef.current) submit(formRef.current, { preventScrollReset: true });
  };

  return (
    <div className="container page">
      <Breadcrumbs items={typed ? [{ label: t("nav.products"), to: "/products" }, { label: `“${typed}”` }] : [{ label: t("nav.products") }]} />
      <header className="page-header">
        <h1>{typed ? t("products.searchTitle", { q: typed }) : t("products.title")}</h1>
        {typed ? null : <p className="page-header__lead">{t("products.lead")}</p>}
      </header>

      <Form method="get" action={base} ref={formRef} className="catalogue" aria-label={t("catalogue.formLabel")}>
        <div className="search-panel" role="search">
          <div className="search-panel__field">
            <label htmlFor="products-q">
              {t("products.searchLabel")} <span className="search-panel__hint">({t("products.searchHint")})</span>
            </label>
            <input
              id="products-q"
              type="search"
              name="q"
              defaultValue={typed}
              maxLength={MAX_QUERY_LENGTH}
              key={typed}
              autoComplete="off"
              aria-describedby={suggest.options.length ? "products-q-suggestions" : undefined}
              onInput={(e) => suggest.onInput(e.currentTarget.value)}
            />
            {/* Suggestions while typing (JavaScript only): plain links, so the box keeps its searchbox role. */}
            <div id="products-q-suggestions" className="catalogue__suggest" aria-live="polite">
              {suggest.options.length ? (
                <>
                  <span>{t("catalogue.suggestions")}</span>
                  <ul>
                    {suggest.options.map((o) => (
                      <li key={o}>
                        <Link to={withQuery(o)}>{o}</Link>
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
            </div>
          </div>
          {/* The chosen order travels with a new search; the default (relevance, or newest without text) keeps URLs short. */}
          {sortParam ? <input type="hidden" name="sort" value={sortParam} /> : null}
          <button type="submit" className="button">
            {t("products.searchButton")}
          </button>
        </div>

        <div className={FACETS.some((f) => data.facets[f].length > 0) ? "catalogue__layout catalogue__layout--facets" : "catalogue__layout"}>
          {FACETS.some((f) => data.facets[f].length > 0) ? (
            <aside className="catalogue__facets" aria-labelledby="facets-title">
              <h2 id="facets-title" className="catalogue__facets-title">
                {t("catalogue.filtersTitle")}
              </h2>
              {FACETS.map((facet) => (
                <FacetGroup key={facet} facet={facet} data={data} onChange={autoSubmit} />
              ))}
              <button type="submit" className="button button--secondary">
                {t("catalogue.apply")}
              </button>
            </aside>
          ) : null}

          <div className="catalogue__results">
            {total > 0 ? (
              <p className="catalogue__to-filters">
                <a href="#facets-title">{t("catalogue.toFilters")}</a>
              </p>
            ) : null}
            {correctedFrom ? (
              <p className="notice" role="status">
                {t("catalogue.corrected", { from: correctedFrom, to: q })}
              </p>
            ) : null}
            {!correctedFrom && suggestions.length > 0 ? (
              <p className="catalogue__did-you-mean">
                {t("catalogue.didYouMean")}{" "}
                {suggestions.map((s, i) => (
                  <span key={`${s.kind}-${s.slug}`}>
                    {i > 0 ? ", " : ""}
                    <Link to={withQuery(s.name)}>{s.name}</Link>
                  </span>
                ))}
              </p>
            ) : null}

            {active.length > 0 ? (
              <div className="catalogue__active">
                <h2 className="visually-hidden">{t("catalogue.activeFilters")}</h2>
                <ul className="catalogue__chips">
                  {active.map((a) => (
                    <li key={`${a.facet}-${a.value}`}>
                      <Link
                        className="tag tag--link"
                        to={without(a.facet, a.value)}
                        aria-label={t("catalogue.removeFilter", {
                          label: a.label,
                        })}
                      >
                        {a.label} <span aria-hidden="true">×</span>
                      </Link>
                    </li>
                  ))}
                  <li>
                    <Link
                      to={`${base}${searchString({
                        ...state,
                        filters: noFilters,
                      })}`}
                    >
                      {t("catalogue.clearFilters")}
                    </Link>
                  </li>
                </ul>
              </div>
            ) : null}

            {total > 0 ? (
              <>
                <nav className="catalogue__sort" aria-label={t("catalogue.sortLabel")}>
                  <span aria-hidden="true">{t("catalogue.sortLabel")}:</span>
                  <ul>
                    {SORTS.filter((s) => typed || s !== "relevance").map((s) => {
                      const current = data.sort === s;
                      return (
                        <li key={s}>
                          <Link
                            to={`${base}${searchString({
                              ...state,
                              sort: s === "relevance" ? "" : s,
                            })}`}
                            aria-current={current ? "true" : undefined}
                            className={current ? "catalogue__sort-current" : undefined}
                          >
                            {t(`catalogue.sort.${s}`)}
                          </Link>
                        </li>
                      );
                    })}
                  </ul>
                </nav>
                <p className="result-count" role="status">
                  {q ? t("products.resultCountFor", { count: total, q }) : t("products.resultCount", { count: total })}
                  {pageCount > 1 ? ` · ${t("products.pageOf", { page, pages: pageCount })}` : ""}
                </p>
                <ul className="grid grid--three">
                  {items.map((product, index) => (
                    <li key={product.id}>
                      <ProductCard product={product} headingLevel={2} priority={index < 3} src={typed ? "search" : undefined} />
                    </li>
                  ))}
                </ul>
                <Pagination page={page} pageCount={pageCount} hrefFor={hrefFor} />
              </>
            ) : (
              <div className="empty-state" role="status">
                <p>
                  <strong>{typed ? t("products.noResults", { q: typed }) : active.length ? t("catalogue.noMatch") : t("products.empty")}</strong>
                </p>
                {active.length > 0 ? (
                  <>
                    <p>{t("catalogue.tryRemoving")}</p>
                    <ul className="catalogue__chips catalogue__chips--center">
                      {active.map((a) => (
                        <li key={`${a.facet}-${a.value}`}>
                          <Link className="tag tag--link" to={without(a.facet, a.value)}>
                            {t("catalogue.removeFilter", { label: a.label })}
                          </Link>
                        </li>
                      ))}
                    </ul>
                  </>
                ) : null}
                {typed ? <p>{t("products.noResultsHint")}</p> : null}
                <p>
                  <Link to={to("/motifs")}>{t("catalogue.browseMotifs")}</Link>
                  {" · "}
                  <Link to={base}>{t("products.clearSearch")}</Link>
                </p>
              </div>
            )}
          </div>
        </div>
      </Form>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);

import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { pageMeta } from "~/components/page-meta";
import { Pagination } from "~/components/pagination";
import { ProductCard } from "~/components/product-card";
import { listProducts } from "~/models/product.server";
import { getDb } from "~/utils/db.server";
import { i18next } from "~/utils/i18next.server";
import { useLocalePath } from "~/utils/use-locale";

const PER_PAGE = 24;
/** Far beyond any real catalogue; a larger number is garbage and means page 1. */
const MAX_PAGE = 10_000;

/**
 * Query parameters never cause an error page: a missing, non-numeric, negative
 * or absurd page is page 1, and an over-long query is cut to 100 characters (as the model does).
 */
const ProductsQuerySchema = z.object({
  q: z
    .string()
    .catch("")
    .default("")
    .transform((q) => q.trim().slice(0, 100)),
  page: z.coerce.number().int().min(1).max(MAX_PAGE).catch(1).default(1),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = params.lang === "en" ? "en" : "id";
  const url = new URL(request.url);
  const { q, page: requested } = ProductsQuerySchema.parse({
    q: url.searchParams.get("q") ?? undefined,
    page: url.searchParams.get("page") ?? undefined,
  });
  const db = getDb();
  let result = await listProducts({ q: q || undefined, page: requested, perPage: PER_PAGE }, db);
  const pageCount = Math.max(1, Math.ceil(result.total / PER_PAGE));
  // A page past the end (an old link after products sold out) shows the last page instead of nothing.
  if (result.items.length === 0 && result.total > 0 && requested > pageCount) {
    result = await listProducts({ q: q || undefined, page: pageCount, perPage: PER_PAGE }, db);
  }
  const t = await i18next.getFixedT(locale);
  const title = q ? t("products.searchTitle", { q }) : t("products.metaTitle");
  return {
    q,
    items: result.items,
    total: result.total,
    page: Math.min(result.page, pageCount),
    pageCount,
    meta: {
      title: `${title} · ${t("site.name")}`,
      description: t("products.metaDescription"),
      // Search results and deep pages are not pages a search engine should keep.
      noindex: Boolean(q) || requested > 1,
    },
  };
}

export default function ProductsIndex() {
  const { q, items, total, page, pageCount } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const to = useLocalePath();
  const hrefFor = (p: number) => {
    const search = new URLSearchParams();
    if (q) search.set("q", q);
    if (p > 1) search.set("page", String(p));
    const query = search.toString();
    return `${to("/products")}${query ? `?${query}` : ""}`;
  };

  return (
    <div className="container page">
      <Breadcrumbs items={q ? [{ label: t("nav.products"), to: "/products" }, { label: `“${q}”` }] : [{ label: t("nav.products") }]} />
      <header className="page-header">
        <h1>{q ? t("products.searchTitle", { q }) : t("products.title")}</h1>
        {q ? null : <p className="page-header__lead">{t("products.lead")}</p>}
      </header>

      <Form method="get" action={to("/products")} className="search-panel" role="search" aria-label={t("products.searchLabel")}>
        <div className="search-panel__field">
          <label htmlFor="products-q">
            {t("products.searchLabel")} <span className="search-panel__hint">({t("products.searchHint")})</span>
          </label>
          <input id="products-q" type="search" name="q" defaultValue={q} maxLength={100} key={q} />
        </div>
        <button type="submit" className="button">
          {t("products.searchButton")}
        </button>
      </Form>

      {total > 0 ? (
        <>
          <p className="result-count" role="status">
            {q ? t("products.resultCountFor", { count: total, q }) : t("products.resultCount", { count: total })}
            {pageCount > 1 ? ` · ${t("products.pageOf", { page, pages: pageCount })}` : ""}
          </p>
          <ul className="grid">
            {items.map((product, index) => (
              <li key={product.id}>
                <ProductCard product={product} headingLevel={2} priority={index < 4} />
              </li>
            ))}
          </ul>
          <Pagination page={page} pageCount={pageCount} hrefFor={hrefFor} />
        </>
      ) : q ? (
        <div className="empty-state" role="status">
          <p>
            <strong>{t("products.noResults", { q })}</strong>
          </p>
          <p>{t("products.noResultsHint")}</p>
          <p>
            <Link to={to("/products")}>{t("products.clearSearch")}</Link>
          </p>
        </div>
      ) : (
        <div className="empty-state">
          <p>{t("products.empty")}</p>
        </div>
      )}
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);

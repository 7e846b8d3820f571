import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DashboardNav } from "~/components/dashboard-nav";
import { pageMeta } from "~/components/page-meta";
import { listShopProducts, type ProductStatus } from "~/models/product.server";
import { requireArtisanShop } from "~/utils/dashboard.server";
import { formatRupiah } from "~/utils/format";
import { i18next } from "~/utils/i18next.server";
import { useLocale, useLocalePath } from "~/utils/use-locale";

const STATUSES = ["draft", "published", "archived"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { shop } = await requireArtisanShop(request);
  const locale = params.lang === "en" ? "en" : "id";
  const raw = new URL(request.url).searchParams.get("status");
  // An unknown status shows every product (a filter, not an error).
  const status: ProductStatus | null = (STATUSES as readonly string[]).includes(raw ?? "") ? (raw as ProductStatus) : null;
  const { items, counts } = await listShopProducts({ artisanId: shop.id, status });
  const t = await i18next.getFixedT(locale);
  return {
    status,
    items,
    counts,
    meta: { title: `${t("dashboard.meta.products")} · ${t("site.name")}`, description: t("dashboard.products.lead"), noindex: true },
  };
}

export default function DashboardProductsPage() {
  const { status, items, counts } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const locale = useLocale();
  const to = useLocalePath();
  const total = counts.draft + counts.published + counts.archived;
  return (
    <div className="container page page--narrow">
      <DashboardNav />
      <header className="page-header">
        <h1>{t("dashboard.products.title")}</h1>
        <p className="page-header__lead">{t("dashboard.products.lead")}</p>
        <p>
          <a className="button" href={to("/dashboard/products/new")}>
            {t("dashboard.products.new")}
          </a>
        </p>
      </header>

      <nav aria-label={t("dashboard.products.filter")} className="job-filter">
        <ul>
          <li>
            <a href={to("/dashboard/products")} aria-current={status === null ? "page" : undefined}>
              {t("dashboard.products.all", { count: total })}
            </a>
          </li>
          {STATUSES.map((s) => (
            <li key={s}>
              <a href={`${to("/dashboard/products")}?status=${s}`} aria-current={status === s ? "page" : undefined} data-testid={`tab-${s}`}>
                {t("dashboard.products.tab", { status: t(`dashboard.status.${s}`), count: counts[s] })}
              </a>
            </li>
          ))}
        </ul>
      </nav>

      {items.length === 0 ? (
        <p className="empty-state">{status ? t("dashboard.products.emptyStatus") : t("dashboard.products.empty")}</p>
      ) : (
        <ul className="dash-products" aria-label={t("dashboard.products.listLabel")}>
          {items.map((p) => {
            const title = locale === "en" && p.title_en ? p.title_en : p.title_id;
            return (
              <li key={p.id} className="dash-product" data-product={p.slug} data-status={p.status}>
                <h2 className="dash-product__title">
                  <a href={to(`/dashboard/products/${p.id}`)}>{title}</a>
                </h2>
                <p className="dash-product__facts">
                  <span className={`dash-state dash-state--${p.status}`}>{t(`dashboard.status.${p.status}`)}</span>
                  <span>{formatRupiah(p.price)}</span>
                  <span>{t("dashboard.products.stock", { count: p.stock })}</span>
                  <span>{t(`labels.techniqueShort.${p.technique}`)}</span>
                </p>
                <p className="dash-product__photos muted">
                  {t("dashboard.products.photos", { count: p.image_count })}
                  {p.images_not_ready > 0 ? <> · {t("dashboard.products.processing", { count: p.images_not_ready })}</> : null} ·{" "}
                  <a href={to(`/dashboard/products/${p.id}/photos`)}>{t("dashboard.products.photosLink")}</a>
                </p>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);

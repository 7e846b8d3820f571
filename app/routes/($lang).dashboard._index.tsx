import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DashboardNav } from "~/components/dashboard-nav";
import { pageMeta } from "~/components/page-meta";
import { formatCount, formatMonth, formatShare } from "~/components/statistics-format";
import { getShopProfile } from "~/models/artisan.server";
import { favouriteCountsForArtisan } from "~/models/favourite.server";
import { countUnreadOfArtisan } from "~/models/inquiry.server";
import { listShopProducts } from "~/models/product.server";
import { artisanMonthlyStatistics, wibMonthOf } from "~/services/indicators/index.server";
import { requireArtisanShop } from "~/utils/dashboard.server";
import { formatRupiah } from "~/utils/format";
import { i18next } from "~/utils/i18next.server";
import { useLocale, useLocalePath } from "~/utils/use-locale";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { shop } = await requireArtisanShop(request);
  const locale = params.lang === "en" ? "en" : "id";
  const profile = await getShopProfile({ artisanId: shop.id });
  const { counts } = await listShopProducts({ artisanId: shop.id, status: "archived" });
  const t = await i18next.getFixedT(locale);
  const month = wibMonthOf(new Date());
  const { totals } = await artisanMonthlyStatistics({ artisanId: shop.id, from: month, to: month });
  return {
    shop: {
      name: shop.name,
      slug: shop.slug,
      membership: shop.membership_status,
      // The association's reason is for the owner only (rejection or lapse).
      reason: shop.membership_status === "rejected" || shop.membership_status === "lapsed" ? (profile?.membership_reason ?? null) : null,
      public: shop.status === "active" && shop.membership_status === "verified",
      archived: shop.status === "archived",
    },
    counts,
    saves: await favouriteCountsForArtisan({ artisanId: shop.id }),
    unread: await countUnreadOfArtisan({ artisanId: shop.id }),
    // This WIB month's figures, as counted by the indicators (the statistics page has the definitions).
    thisMonth: { month, inquiries: totals.inquiries, conversionRate: totals.conversionRate, revenue: totals.revenue.total },
    meta: { title: `${t("dashboard.meta.overview")} · ${t("site.name")}`, description: t("dashboard.overview.lead"), noindex: true },
  };
}

export default function DashboardPage() {
  const { shop, counts, saves, unread, thisMonth } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const to = useLocalePath();
  const locale = useLocale();
  return (
    <div className="container page page--narrow">
      <DashboardNav />
      <header className="page-header">
        <h1>{t("dashboard.overview.title", { name: shop.name })}</h1>
        <p className="page-header__lead">{t("dashboard.overview.lead")}</p>
      </header>

      <section className="section panel" aria-labelledby="dash-membership">
        <h2 id="dash-membership">{t("dashboard.overview.membershipTitle")}</h2>
        <p data-testid="membership-state">
          <span className={`dash-state dash-state--${shop.membership}`}>{t(`membership.${shop.membership}`)}</span>{" "}
          {t(`dashboard.overview.membership.${shop.membership}`)}
        </p>
        {shop.reason ? (
          <p className="field__error" data-testid="membership-reason">
            {t("dashboard.overview.reason", { reason: shop.reason })}
          </p>
        ) : null}
        {shop.public ? (
          <p>
            <a href={to(`/artisans/${shop.slug}`)}>{t("dashboard.overview.publicLink")}</a>
          </p>
        ) : (
          <p className="muted">{t("dashboard.overview.notPublic")}</p>
        )}
      </section>

      <section className="section" aria-labelledby="dash-inquiries">
        <h2 id="dash-inquiries">{t("inbox.overviewTitle")}</h2>
        <p>
          <a href={to("/dashboard/inquiries")} className={unread > 0 ? "inbox-unread-total inbox-unread-total--some" : undefined} data-testid="overview-unread">
            {t("inbox.overviewLink", { count: unread })}
          </a>
        </p>
      </section>

      <section className="section" aria-labelledby="dash-products">
        <h2 id="dash-products">{t("dashboard.overview.productsTitle")}</h2>
        <ul className="dash-counts" data-testid="product-counts">
          {(["draft", "published", "archived"] as const).map((s) => (
            <li key={s} data-status={s}>
              <a href={`${to("/dashboard/products")}?status=${s}`}>
                <strong>{counts[s]}</strong> <span>{t(`dashboard.status.${s}`)}</span>
              </a>
            </li>
          ))}
        </ul>
        <p>
          <a className="button" href={to("/dashboard/products/new")}>
            {t("dashboard.products.new")}
          </a>
        </p>
      </section>

      <section className="section" aria-labelledby="dash-month">
        <h2 id="dash-month">{t("statistics.overview.title", { month: formatMonth(thisMonth.month, locale, true) })}</h2>
        <dl className="stats-summary" data-testid="month-summary">
          <div>
            <dt>{t("statistics.columns.inquiries")}</dt>
            <dd>{formatCount(thisMonth.inquiries, locale)}</dd>
          </div>
          <div>
            <dt>{t("statistics.columns.conversion")}</dt>
            <dd>{formatShare(thisMonth.conversionRate, locale)}</dd>
          </div>
          <div>
            <dt>{t("statistics.columns.revenue")}</dt>
            <dd>{formatRupiah(thisMonth.revenue)}</dd>
          </div>
        </dl>
        <p>
          <a href={to("/dashboard/statistics")}>{t("statistics.overview.link")}</a>
        </p>
      </section>

      <section className="section" aria-labelledby="dash-saves">
        <h2 id="dash-saves">{t("dashboard.overview.savesTitle")}</h2>
        <p data-testid="shop-saves">
          {t("favourites.shopSaved", { count: saves.shop })} · {t("favourites.productSaves", { count: saves.products })}
        </p>
      </section>

      <section className="section" aria-labelledby="dash-pages">
        <h2 id="dash-pages">{t("dashboard.overview.pagesTitle")}</h2>
        <ul className="dash-pages">
          {(
            [
              ["/dashboard/profile", "profile"],
              ["/dashboard/profile/photo", "photo"],
              ["/dashboard/products", "products"],
              ["/dashboard/inquiries", "inquiries"],
              ["/dashboard/statistics", "statistics"],
              ["/dashboard/facts", "facts"],
              ["/dashboard/documents", "documents"],
              ["/dashboard/needs", "needs"],
              ["/dashboard/motifs", "motifs"],
            ] as const
          ).map(([path, key]) => (
            <li key={path}>
              <a href={to(path)}>{t(`dashboard.nav.${key}`)}</a>
              <span className="muted"> — {t(`dashboard.overview.pages.${key}`)}</span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);

import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ArtisanCard } from "~/components/artisan-card";
import { pageMeta } from "~/components/page-meta";
import { ProductCard } from "~/components/product-card";
import { listFavourites } from "~/models/favourite.server";
import { requireUser } from "~/utils/auth.server";
import { localized } from "~/utils/i18n";
import { i18next } from "~/utils/i18next.server";
import { useLocale, useLocalePath } from "~/utils/use-locale";

/**
 * /account/favourites: the products and artisans the person saved, newest
 * first, each with a remove button (a plain form to /favourites that comes
 * back here). Open to every signed-in person, whatever their roles.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const locale = params.lang === "en" ? "en" : "id";
  const favourites = await listFavourites({ userId: user.id });
  const t = await i18next.getFixedT(locale);
  return {
    ...favourites,
    meta: { title: `${t("favourites.title")} · ${t("site.name")}`, description: t("favourites.metaDescription"), noindex: true },
  };
}

function RemoveForm({ kind, id, name }: { kind: "product" | "artisan"; id: number; name: string }) {
  const { t } = useTranslation();
  const to = useLocalePath();
  const location = useLocation();
  return (
    <Form method="post" action={to("/favourites")} className="favourite-remove">
      <input type="hidden" name="intent" value="remove" />
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="redirectTo" value={`${location.pathname}${location.search}`} />
      <button type="submit" className="button button--small button--secondary" aria-label={t("favourites.removeLabel", { name })}>
        {t("favourites.remove")}
      </button>
    </Form>
  );
}

export default function FavouritesPage() {
  const { products, artisans } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const locale = useLocale();
  const to = useLocalePath();
  return (
    <div className="container page">
      <header className="page-header">
        <h1>{t("favourites.title")}</h1>
        <p className="page-header__lead">{t("favourites.lead")}</p>
      </header>

      <section className="section" aria-labelledby="favourite-products">
        <h2 id="favourite-products">{t("favourites.products")}</h2>
        {products.length > 0 ? (
          <ul className="grid" data-testid="favourite-products">
            {products.map((product) => (
              <li key={product.id} className="favourite-item">
                <ProductCard product={product} headingLevel={3} />
                <RemoveForm kind="product" id={product.id} name={localized(locale, product.title_id, product.title_en)} />
              </li>
            ))}
          </ul>
        ) : (
          <div className="empty-state">
            <p>{t("favourites.noProducts")}</p>
            <p>
              <Link to={to("/products")}>{t("favourites.browseProducts")}</Link>
            </p>
          </div>
        )}
      </section>

      <section className="section" aria-labelledby="favourite-artisans">
        <h2 id="favourite-artisans">{t("favourites.artisans")}</h2>
        {artisans.length > 0 ? (
          <ul className="grid grid--wide" data-testid="favourite-artisans">
            {artisans.map((artisan) => (
              <li key={artisan.id} className="favourite-item">
                <ArtisanCard artisan={artisan} headingLevel={3} />
                <RemoveForm kind="artisan" id={artisan.id} name={artisan.name} />
              </li>
            ))}
          </ul>
        ) : (
          <div className="empty-state">
            <p>{t("favourites.noArtisans")}</p>
            <p>
              <Link to={to("/artisans")}>{t("favourites.browseArtisans")}</Link>
            </p>
          </div>
        )}
      </section>

      <p className="muted favourites-note">{t("favourites.hiddenNote")}</p>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);

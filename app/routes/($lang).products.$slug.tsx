import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TechniqueBadge } from "~/components/badges";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { FavouriteButton } from "~/components/favourite-button";
import { excerpt, pageMeta } from "~/components/page-meta";
import { ResponsiveImage } from "~/components/responsive-image";
import { getProductBySlug } from "~/models/product.server";
import { favouriteState } from "~/services/favourites.server";
import { captureView } from "~/services/visits.server";
import { getDb } from "~/utils/db.server";
import { formatRupiah } from "~/utils/format";
import { localized } from "~/utils/i18n";
import { i18next } from "~/utils/i18next.server";
import { useLocale, useLocalePath } from "~/utils/use-locale";

/** No slug is this long; a longer one is answered 404 without asking the database. */
const MAX_SLUG = 200;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const locale = params.lang === "en" ? "en" : "id";
  const slug = params.slug ?? "";
  const product = slug.length <= MAX_SLUG ? await getProductBySlug({ slug }, getDb()) : null;
  if (!product) throw new Response("Not Found", { status: 404 });
  const t = await i18next.getFixedT(locale);
  const title = localized(locale, product.title_id, product.title_en);
  const description = localized(locale, product.description_id, product.description_en);
  const view = captureView({ request, context, view: { kind: "product_view", productId: product.id, artisanId: product.artisan.id } });
  return data({
    product,
    saved: await favouriteState(request, { kind: "product", id: product.id }),
    meta: {
      title: `${title} · ${product.artisan.name} · ${t("site.name")}`,
      description: excerpt(`${formatRupiah(product.price)} · ${t(`labels.technique.${product.technique}`)}. ${description}`),
    },
  }, { headers: view });
}

export default function ProductPage() {
  const { product, saved } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const locale = useLocale();
  const to = useLocalePath();
  const title = localized(locale, product.title_id, product.title_en);
  const description = localized(locale, product.description_id, product.description_en);
  const images = product.images.length > 0 ? product.images : product.image ? [product.image] : [];
  const soldOut = product.stock <= 0;

  return (
    <div className="container page">
      <Breadcrumbs items={[{ label: t("nav.products"), to: "/products" }, { label: title }]} />
      <div className="detail detail--areas">
        <div className="detail__media">
          {images.length > 0 ? (
            <ul className="gallery" aria-label={t("products.photos")}>
              {images.map((image, index) => (
                <li key={image.id}>
                  <ResponsiveImage
                    image={image}
                    sizes={index === 0 ? "(min-width: 72rem) 600px, (min-width: 56rem) 52vw, 100vw" : "(min-width: 56rem) 190px, 33vw"}
                    priority={index === 0}
                    fallbackAlt={t("products.photoN", { n: index + 1, total: images.length })}
                  />
                </li>
              ))}
            </ul>
          ) : (
            <div className="card__media">
              <ResponsiveImage image={null} sizes="100vw" />
            </div>
          )}
        </div>

        <div className="detail__aside detail__aside--sticky">
          <header>
            <p className="page-header__tags">
              <TechniqueBadge technique={product.technique} />
            </p>
            <h1>{title}</h1>
            <FavouriteButton key={`product-${product.id}`} kind="product" id={product.id} saved={saved} name={title} />
            <p className="muted">
              {t("products.madeBy")} <Link to={to(`/artisans/${product.artisan.slug}`)}>{product.artisan.name}</Link>,{" "}
              {product.artisan.district}
            </p>
          </header>

          <section className="panel" aria-labelledby="product-price">
            <h2 id="product-price" className="visually-hidden">
              {t("labels.price")}
            </h2>
            <p className="price-tag">{formatRupiah(product.price)}</p>
            <p className={`stock ${soldOut ? "stock--out" : "stock--in"}`}>
              {soldOut ? t("products.soldOut") : t("products.inStock", { count: product.stock })}
            </p>
          </section>

          {product.technique === "printing" ? (
            <div className="notice notice--imitation">
              <p>{t("products.imitationNote")}</p>
            </div>
          ) : null}

          <section className="panel" aria-labelledby="product-details">
            <h2 id="product-details">{t("products.details")}</h2>
            <dl className="facts">
              <dt>{t("products.technique")}</dt>
              <dd>{t(`labels.technique.${product.technique}`)}</dd>
              <dt>{t("products.fabric")}</dt>
              <dd>{t(`labels.fabric.${product.fabric}`, { defaultValue: product.fabric })}</dd>
              <dt>{t("products.dye")}</dt>
              <dd>{t(`labels.dye.${product.dye}`)}</dd>
              {product.width_cm && product.length_cm ? (
                <>
                  <dt>{t("products.size")}</dt>
                  <dd>{t("products.sizeValue", { width: product.width_cm, length: product.length_cm })}</dd>
                </>
              ) : null}
              {product.motifs.length > 0 ? (
                <>
                  <dt>{t("products.motifs")}</dt>
                  <dd>
                    <ul className="inline-list">
                      {product.motifs.map((motif) => (
                        <li key={motif.slug}>
                          <Link to={to(`/motifs/${motif.slug}`)}>{motif.name}</Link>
                        </li>
                      ))}
                    </ul>
                  </dd>
                </>
              ) : null}
            </dl>
          </section>

          <section className="panel" aria-labelledby="product-artisan">
            <h2 id="product-artisan">{t("products.fromArtisan")}</h2>
            <div className="mini-profile">
              <div>
                <p className="mini-profile__name">{product.artisan.name}</p>
                <p className="muted">
                  {product.artisan.village}, {product.artisan.district}
                </p>
                <p>
                  <Link to={to(`/artisans/${product.artisan.slug}`)}>
                    {t("products.artisanLink", { name: product.artisan.name })} <span aria-hidden="true">→</span>
                  </Link>
                </p>
              </div>
            </div>
          </section>
        </div>

        {/* After the price and details on a phone, under the gallery on a wide screen. */}
        {description ? (
          <section className="detail__body prose" aria-labelledby="product-description">
            <h2 id="product-description">{t("products.description")}</h2>
            <p>{description}</p>
          </section>
        ) : null}
      </div>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);

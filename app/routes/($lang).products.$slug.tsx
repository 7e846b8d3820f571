import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LegalityBadge, TechniqueBadge, VerifiedMark } from "~/components/badges";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { FavouriteButton } from "~/components/favourite-button";
import { pageMeta } from "~/components/page-meta";
import { ProductCard } from "~/components/product-card";
import { ResponsiveImage } from "~/components/responsive-image";
import { getArtisanWhatsappNumber } from "~/models/artisan.server";
import { getProductBySlug, listRelatedProducts } from "~/models/product.server";
import { favouriteState } from "~/services/favourites.server";
import { captureView } from "~/services/visits.server";
import { getDb } from "~/utils/db.server";
import { formatRupiah } from "~/utils/format";
import { localized } from "~/utils/i18n";
import { productSeo } from "~/utils/seo.server";
import { useLocale, useLocalePath } from "~/utils/use-locale";

/** No slug is this long; a longer one is answered 404 without asking the database. */
const MAX_SLUG = 200;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const locale = params.lang === "en" ? "en" : "id";
  const slug = params.slug ?? "";
  const product = slug.length <= MAX_SLUG ? await getProductBySlug({ slug }, getDb()) : null;
  if (!product) throw new Response("Not Found", { status: 404 });
  const view = captureView({ request, context, view: { kind: "product_view", productId: product.id, artisanId: product.artisan.id } });
  const [related, number, saved] = await Promise.all([
    listRelatedProducts({ productId: product.id }, getDb()),
    getArtisanWhatsappNumber({ artisanId: product.artisan.id }, getDb()),
    favouriteState(request, { kind: "product", id: product.id }),
  ]);
  return data({
    product,
    related,
    saved,
    // Whether to show the WhatsApp button; the number itself never leaves the server.
    chat: Boolean(number),
    // Came from a catalogue search: the inquiry records "search" as its source (the canonical URL stays without it).
    fromSearch: new URL(request.url).searchParams.get("src") === "search",
    meta: await productSeo(locale, product),
  }, { headers: view });
}

export default function ProductPage() {
  const { product, related, chat, saved, fromSearch } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const locale = useLocale();
  const to = useLocalePath();
  const title = localized(locale, product.title_id, product.title_en);
  const description = localized(locale, product.description_id, product.description_en);
  const images = product.images.length > 0 ? product.images : product.image ? [product.image] : [];
  const soldOut = product.stock_state === "sold_out";

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
            <p className={`stock ${soldOut ? "stock--out" : product.stock_state === "last_one" ? "stock--last" : "stock--in"}`}>
              {soldOut
                ? t("products.soldOut")
                : product.stock_state === "last_one"
                  ? t("products.lastOne")
                  : t("products.inStock", { count: product.stock })}
            </p>
          </section>

          {/* No add-to-cart until sales exist: questions go to the artisan (the inquiry form, or WhatsApp through the logged redirect). */}
          <section className="panel contact-panel" aria-labelledby="product-contact">
            <h2 id="product-contact">{t("products.contactTitle")}</h2>
            <p className="muted">{t("products.noCartYet")}</p>
            <p className="contact-panel__actions">
              <a className="button" href={to(`/inquiries/new?product=${encodeURIComponent(product.slug)}${fromSearch ? "&src=search" : ""}`)}>
                {t("products.askArtisan")}
              </a>
              {chat ? (
                <a
                  className="button button--secondary"
                  rel="nofollow"
                  href={to(`/artisans/${product.artisan.slug}/whatsapp?product=${encodeURIComponent(product.slug)}`)}
                  aria-describedby="product-whatsapp-hint"
                >
                  {t("whatsapp.button")}
                </a>
              ) : null}
            </p>
            {chat ? (
              <p id="product-whatsapp-hint" className="contact-panel__hint muted">
                {t("whatsapp.hint")}
              </p>
            ) : null}
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
              <dd>
                {t(`labels.technique.${product.technique}`)}
                {product.batikmark ? (
                  <span className="batikmark">
                    <LegalityBadge badge={{ kind: "batikmark", grade: product.batikmark }} />
                    <span className="batikmark__note">{t("products.batikmarkNote")}</span>
                  </span>
                ) : null}
              </dd>
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
              <div className="mini-profile__image">
                <ResponsiveImage image={product.artisan.image} sizes="72px" decorative />
              </div>
              <div>
                <p className="mini-profile__name">{product.artisan.name}</p>
                <p className="muted">
                  {product.artisan.village}, {product.artisan.district} · {t(`labels.regency.${product.artisan.regency}`)}
                </p>
                {product.artisan.techniques.length > 0 ? (
                  <p className="card__tags">
                    {product.artisan.techniques.map((technique) => (
                      <span key={technique} className="tag">
                        {t(`labels.techniqueShort.${technique}`, { defaultValue: technique })}
                      </span>
                    ))}
                  </p>
                ) : null}
                <VerifiedMark association={product.artisan.association} />
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

      {related.length > 0 ? (
        <section className="section" aria-labelledby="product-related">
          <h2 id="product-related">{t("products.related")}</h2>
          <ul className="grid">
            {related.map((item) => (
              <li key={item.id}>
                <ProductCard product={item} headingLevel={3} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);

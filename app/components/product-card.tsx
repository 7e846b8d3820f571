import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { ProductSummary } from "~/models/product.server";
import { formatRupiah } from "~/utils/format";
import { localized } from "~/utils/i18n";
import { useLocale, useLocalePath } from "~/utils/use-locale";
import { SoldOutBadge, TechniqueBadge } from "./badges";
import { ResponsiveImage } from "./responsive-image";

type Props = {
  product: ProductSummary;
  headingLevel?: 2 | 3 | 4;
  priority?: boolean;
  /** On an artisan's own page the artisan line repeats the page title; leave it out. */
  hideArtisan?: boolean;
  /** Where the card is shown, carried to the product page (`?src=search` on the catalogue's search results) for the inquiry source. */
  src?: "search";
};

export const PRODUCT_CARD_SIZES = "(min-width: 72rem) 270px, (min-width: 40rem) 30vw, 50vw";

export function ProductCard({ product, headingLevel = 3, priority = false, hideArtisan = false, src }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const to = useLocalePath();
  const Heading = headingLevel === 2 ? "h2" : headingLevel === 3 ? "h3" : "h4";
  const title = localized(locale, product.title_id, product.title_en);
  return (
    <article className="card card--product">
      <div className="card__media">
        <ResponsiveImage image={product.image} sizes={PRODUCT_CARD_SIZES} priority={priority} decorative />
        {product.stock <= 0 ? (
          <span className="card__flag">
            <SoldOutBadge />
          </span>
        ) : null}
      </div>
      <div className="card__body">
        <Heading className="card__title">
          <Link className="card__link" to={to(`/products/${product.slug}${src ? `?src=${src}` : ""}`)} prefetch="intent">
            {title}
          </Link>
        </Heading>
        {hideArtisan ? null : (
          <p className="card__meta">
            <span>{product.artisan.name}</span>
            <span>{product.artisan.district}</span>
          </p>
        )}
        <p className="card__price">
          <span className="visually-hidden">{t("labels.price")}: </span>
          {formatRupiah(product.price)}
        </p>
        <p className="card__tags">
          <TechniqueBadge technique={product.technique} />
        </p>
      </div>
    </article>
  );
}

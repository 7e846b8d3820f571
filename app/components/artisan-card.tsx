import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { ArtisanSummary } from "~/models/artisan.server";
import { useLocalePath } from "~/utils/use-locale";
import { ResponsiveImage } from "./responsive-image";

type Props = { artisan: ArtisanSummary; headingLevel?: 2 | 3; priority?: boolean };

export const ARTISAN_CARD_SIZES = "(min-width: 72rem) 360px, (min-width: 40rem) 45vw, 100vw";

export function ArtisanCard({ artisan, headingLevel = 2, priority = false }: Props) {
  const { t } = useTranslation();
  const to = useLocalePath();
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <article className="card card--artisan">
      <div className="card__media">
        <ResponsiveImage image={artisan.image} sizes={ARTISAN_CARD_SIZES} priority={priority} decorative />
      </div>
      <div className="card__body">
        <Heading className="card__title">
          <Link className="card__link" to={to(`/artisans/${artisan.slug}`)} prefetch="intent">
            {artisan.name}
          </Link>
        </Heading>
        <p className="card__meta">
          <span>
            {artisan.village}, {artisan.district}
          </span>
          <span>{t(`labels.regency.${artisan.regency}`)}</span>
        </p>
        {artisan.techniques.length > 0 ? (
          <p className="card__tags">
            {artisan.techniques.map((technique) => (
              <span key={technique} className="tag">
                {t(`labels.techniqueShort.${technique}`, { defaultValue: technique })}
              </span>
            ))}
          </p>
        ) : null}
        <p className="card__count">{t("artisans.productCount", { count: artisan.product_count })}</p>
      </div>
    </article>
  );
}

import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { MotifSummary } from "~/models/motif.server";
import { localized } from "~/utils/i18n";
import { useLocale, useLocalePath } from "~/utils/use-locale";
import { ResponsiveImage } from "./responsive-image";

type Props = {
  motif: MotifSummary;
  /** Keeps headings in order: h2 in a list page, h3 inside a section. */
  headingLevel?: 2 | 3;
  priority?: boolean;
  showMeaning?: boolean;
};

export const MOTIF_CARD_SIZES = "(min-width: 72rem) 270px, (min-width: 40rem) 30vw, 50vw";

export function MotifCard({ motif, headingLevel = 3, priority = false, showMeaning = false }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const to = useLocalePath();
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const meaning = localized(locale, motif.meaning_id, motif.meaning_en);
  return (
    <article className="card card--motif">
      <div className="card__media">
        <ResponsiveImage image={motif.image} sizes={MOTIF_CARD_SIZES} priority={priority} decorative />
      </div>
      <div className="card__body">
        <Heading className="card__title">
          <Link className="card__link" to={to(`/motifs/${motif.slug}`)} prefetch="intent">
            {motif.name}
          </Link>
        </Heading>
        {motif.origin ? <p className="card__meta card__meta--clamp">{motif.origin}</p> : null}
        {showMeaning && meaning ? <p className="card__excerpt">{meaning}</p> : null}
        <p className="card__tags card__tags--end">
          <span className="tag">{t(`labels.region.${motif.region}`)}</span>
        </p>
      </div>
    </article>
  );
}

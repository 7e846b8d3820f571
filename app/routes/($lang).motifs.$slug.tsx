import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { pageMeta } from "~/components/page-meta";
import { ProductCard } from "~/components/product-card";
import { ResponsiveImage } from "~/components/responsive-image";
import { getMotifBySlug } from "~/models/motif.server";
import { captureView } from "~/services/visits.server";
import { getDb } from "~/utils/db.server";
import { localized } from "~/utils/i18n";
import { motifSeo } from "~/utils/seo.server";
import { useLocale, useLocalePath } from "~/utils/use-locale";

/** No slug is this long; a longer one is answered 404 without asking the database. */
const MAX_SLUG = 200;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const locale = params.lang === "en" ? "en" : "id";
  const slug = params.slug ?? "";
  const motif = slug.length <= MAX_SLUG ? await getMotifBySlug({ slug }, getDb()) : null;
  if (!motif) throw new Response("Not Found", { status: 404 });
  const view = captureView({ request, context, view: { kind: "motif_view", motifId: motif.id, artisanId: motif.creator?.id } });
  return data({ motif, meta: await motifSeo(locale, motif) }, { headers: view });
}

export default function MotifPage() {
  const { motif } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const locale = useLocale();
  const to = useLocalePath();
  const story = localized(locale, motif.story_id, motif.story_en);
  const meaning = localized(locale, motif.meaning_id, motif.meaning_en);
  // The list image leads; the gallery adds the others without repeating it.
  const images = motif.images.length > 0 ? motif.images : motif.image ? [motif.image] : [];

  return (
    <div className="container page">
      <Breadcrumbs items={[{ label: t("nav.motifs"), to: "/motifs" }, { label: motif.name }]} />
      <div className="detail">
        <div>
          {images.length > 0 ? (
            <ul className="gallery" aria-label={t("motifs.gallery")}>
              {images.map((image, index) => (
                <li key={image.id}>
                  <ResponsiveImage
                    image={image}
                    sizes={index === 0 ? "(min-width: 72rem) 600px, (min-width: 56rem) 52vw, 100vw" : "(min-width: 56rem) 190px, 33vw"}
                    priority={index === 0}
                    fallbackAlt={motif.name}
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
        <div className="detail__aside">
          <header>
            <p className="page-header__tags">
              <span className="badge">{t(`labels.region.${motif.region}`)}</span>
              {motif.registration_status === "registered" ? (
                <span className="badge badge--tulis">{t("labels.registration.registered")}</span>
              ) : null}
            </p>
            <h1>{motif.name}</h1>
            {meaning ? (
              <>
                <h2 className="visually-hidden">{t("motifs.meaning")}</h2>
                <p className="lead-quote">{meaning}</p>
              </>
            ) : null}
          </header>
          <section className="panel" aria-labelledby="motif-facts">
            <h2 id="motif-facts">{t("motifs.facts")}</h2>
            <dl className="facts">
              {motif.origin ? (
                <>
                  <dt>{t("motifs.origin")}</dt>
                  <dd>{motif.origin}</dd>
                </>
              ) : null}
              <dt>{t("motifs.region")}</dt>
              <dd>{t(`labels.region.${motif.region}`)}</dd>
              {motif.year ? (
                <>
                  <dt>{t("motifs.year")}</dt>
                  <dd>{motif.year}</dd>
                </>
              ) : null}
              <dt>{t("motifs.creator")}</dt>
              <dd>
                {motif.creator ? (
                  <Link to={to(`/artisans/${motif.creator.slug}`)}>{motif.creator.name}</Link>
                ) : (
                  (motif.creator_name ?? t("motifs.creatorUnknown"))
                )}
              </dd>
              <dt>{t("motifs.registration")}</dt>
              <dd>{t(`labels.registration.${motif.registration_status}`)}</dd>
              {motif.registration_number ? (
                <>
                  <dt>{t("motifs.registrationNumber")}</dt>
                  <dd>{motif.registration_number}</dd>
                </>
              ) : null}
            </dl>
          </section>
        </div>
      </div>

      {story ? (
        <section className="section prose" aria-labelledby="motif-story">
          <h2 id="motif-story">{t("motifs.story")}</h2>
          <p>{story}</p>
        </section>
      ) : null}

      <section className="section" aria-labelledby="motif-products">
        <div className="section__head">
          <h2 id="motif-products">{t("motifs.products", { name: motif.name })}</h2>
        </div>
        {motif.products.length > 0 ? (
          <ul className="grid">
            {motif.products.map((product) => (
              <li key={product.id}>
                <ProductCard product={product} headingLevel={3} />
              </li>
            ))}
          </ul>
        ) : (
          <div className="empty-state">
            <p>{t("motifs.noProducts")}</p>
          </div>
        )}
      </section>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);

import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ArtisanCard } from "~/components/artisan-card";
import { EventCard } from "~/components/event-card";
import { MotifCard } from "~/components/motif-card";
import { pageMeta } from "~/components/page-meta";
import { ProductCard } from "~/components/product-card";
import { ResponsiveImage } from "~/components/responsive-image";
import { listFeaturedArtisans } from "~/models/artisan.server";
import { listUpcomingEvents } from "~/models/event.server";
import { listFeaturedMotifs } from "~/models/motif.server";
import { listFeaturedProducts } from "~/models/product.server";
import { getDb } from "~/utils/db.server";
import { homeSeo } from "~/utils/seo.server";
import { useLocalePath } from "~/utils/use-locale";

export async function loader({ params }: LoaderFunctionArgs) {
  const locale = params.lang === "en" ? "en" : "id";
  const db = getDb();
  const [motifs, products, events, artisans] = await Promise.all([
    listFeaturedMotifs({ limit: 8 }, db),
    listFeaturedProducts({ limit: 8 }, db),
    listUpcomingEvents({ now: new Date(), limit: 4 }, db),
    listFeaturedArtisans({ limit: 4 }, db),
  ]);
  return {
    motifs,
    products,
    events,
    // The artisans' row shows only when the association has featured someone (featured first).
    artisans: artisans[0]?.featured ? artisans : [],
    meta: await homeSeo(locale),
  };
}

export default function Home() {
  const { motifs, products, events, artisans } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const to = useLocalePath();
  // The hero shows the first featured motif that has a picture, captioned with its name.
  const heroMotif = motifs.find((m) => m.image) ?? null;

  return (
    <>
      <section className="hero" aria-labelledby="hero-title">
        <div className="container hero__inner">
          <div>
            <p className="hero__eyebrow">{t("home.heroEyebrow")}</p>
            <h1 id="hero-title">{t("home.heroTitle")}</h1>
            <p className="hero__lead">{t("home.heroLead")}</p>
            <p className="hero__actions">
              <Link className="button" to={to("/products")}>
                {t("home.heroShop")}
              </Link>
              <Link className="button button--secondary" to={to("/events")}>
                {t("home.heroEvents")}
              </Link>
            </p>
          </div>
          {heroMotif ? (
            <figure className="hero__figure">
              <ResponsiveImage image={heroMotif.image} sizes="(min-width: 72rem) 440px, 40vw" priority fallbackAlt={heroMotif.name} />
              <figcaption className="hero__caption">
                <Link to={to(`/motifs/${heroMotif.slug}`)}>{heroMotif.name}</Link> · {heroMotif.origin}
              </figcaption>
            </figure>
          ) : null}
        </div>
      </section>

      <div className="container">
        <section className="section" aria-labelledby="home-motifs">
          <div className="section__head">
            <h2 id="home-motifs">{t("home.motifsTitle")}</h2>
            <p className="section__lead">{t("home.motifsLead")}</p>
          </div>
          <ul className="grid">
            {motifs.map((motif) => (
              <li key={motif.id}>
                <MotifCard motif={motif} headingLevel={3} />
              </li>
            ))}
          </ul>
          <p className="section__foot">
            <Link className="button button--secondary" to={to("/motifs")}>
              {t("home.motifsAll")} <span aria-hidden="true">→</span>
            </Link>
          </p>
        </section>

        <section className="section" aria-labelledby="home-products">
          <div className="section__head">
            <h2 id="home-products">{t("home.productsTitle")}</h2>
            <p className="section__lead">{t("home.productsLead")}</p>
          </div>
          <ul className="grid">
            {products.map((product) => (
              <li key={product.id}>
                <ProductCard product={product} headingLevel={3} />
              </li>
            ))}
          </ul>
          <p className="section__foot">
            <Link className="button button--secondary" to={to("/products")}>
              {t("home.productsAll")} <span aria-hidden="true">→</span>
            </Link>
          </p>
        </section>

        {artisans.length > 0 ? (
          <section className="section" aria-labelledby="home-artisans">
            <div className="section__head">
              <h2 id="home-artisans">{t("curation.home.artisansTitle")}</h2>
            </div>
            <ul className="grid">
              {artisans.map((artisan) => (
                <li key={artisan.id}>
                  <ArtisanCard artisan={artisan} headingLevel={3} />
                </li>
              ))}
            </ul>
            <p className="section__foot">
              <Link className="button button--secondary" to={to("/artisans")}>
                {t("curation.home.artisansAll")} <span aria-hidden="true">→</span>
              </Link>
            </p>
          </section>
        ) : null}

        <section className="section" aria-labelledby="home-events">
          <div className="section__head">
            <h2 id="home-events">{t("home.eventsTitle")}</h2>
            <p className="section__lead">{t("labels.allTimesWib")}</p>
          </div>
          {events.length > 0 ? (
            <ul className="event-list event-list--grid">
              {events.map((event) => (
                <li key={event.id}>
                  <EventCard event={event} headingLevel={3} />
                </li>
              ))}
            </ul>
          ) : (
            <div className="empty-state">
              <p>{t("home.eventsEmpty")}</p>
            </div>
          )}
          <p className="section__foot">
            <Link className="button button--secondary" to={to("/events")}>
              {t("home.eventsAll")} <span aria-hidden="true">→</span>
            </Link>
          </p>
        </section>

        <section className="section" aria-labelledby="home-about">
          <div className="about-band">
            <div>
              <h2 id="home-about">{t("home.aboutTitle")}</h2>
              <p>{t("home.aboutP1")}</p>
              <p>{t("home.aboutP2")}</p>
              <p>{t("home.aboutP3")}</p>
              <p>
                <Link className="button button--secondary" to={to("/motifs")}>
                  {t("home.aboutLink")}
                </Link>
              </p>
            </div>
            <ul className="about-band__facts">
              <li>
                <strong>{t("home.fact1Value")}</strong>
                {t("home.fact1Label")}
              </li>
              <li>
                <strong>{t("home.fact2Value")}</strong>
                {t("home.fact2Label")}
              </li>
              <li>
                <strong>{t("home.fact3Value")}</strong>
                {t("home.fact3Label")}
              </li>
            </ul>
          </div>
        </section>
      </div>
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);

import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LegalityBadge, VerifiedMark } from "~/components/badges";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { EventWhen } from "~/components/event-when";
import { FavouriteButton } from "~/components/favourite-button";
import { pageMeta } from "~/components/page-meta";
import { ProductCard } from "~/components/product-card";
import { ResponsiveImage } from "~/components/responsive-image";
import { getArtisanBySlug, getArtisanWhatsappNumber } from "~/models/artisan.server";
import { favouriteState } from "~/services/favourites.server";
import { captureView } from "~/services/visits.server";
import { getDb } from "~/utils/db.server";
import { localized } from "~/utils/i18n";
import { artisanSeo } from "~/utils/seo.server";
import { useLocale, useLocalePath } from "~/utils/use-locale";

/** No slug is this long; a longer one is answered 404 without asking the database. */
const MAX_SLUG = 200;

/**
 * The public profile. The model never selects the WhatsApp number or the
 * owner's e-mail, so they cannot reach this page (contact goes through the
 * platform).
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const locale = params.lang === "en" ? "en" : "id";
  const slug = params.slug ?? "";
  const artisan = slug.length <= MAX_SLUG ? await getArtisanBySlug({ slug }, getDb()) : null;
  if (!artisan) throw new Response("Not Found", { status: 404 });
  const now = Date.now();
  const view = captureView({ request, context, view: { kind: "artisan_view", artisanId: artisan.id } });
  return data({
    artisan,
    saved: await favouriteState(request, { kind: "artisan", id: artisan.id }),
    // Whether to show the WhatsApp button; the number itself never leaves the server.
    chat: Boolean(await getArtisanWhatsappNumber({ artisanId: artisan.id }, getDb())),
    // Decided on the server, so the page and its hydration agree.
    upcomingSlugs: artisan.exhibitions.filter((e) => new Date(e.ends_at).getTime() >= now).map((e) => e.slug),
    meta: await artisanSeo(locale, artisan),
  }, { headers: view });
}

export default function ArtisanPage() {
  const { artisan, upcomingSlugs, chat, saved } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const locale = useLocale();
  const to = useLocalePath();
  const story = localized(locale, artisan.story_id, artisan.story_en);

  return (
    <div className="container page">
      <Breadcrumbs items={[{ label: t("nav.artisans"), to: "/artisans" }, { label: artisan.name }]} />
      <header className="profile-head">
        <div className="profile-head__image">
          <ResponsiveImage image={artisan.image} sizes="192px" priority fallbackAlt={artisan.name} />
        </div>
        <div>
          <h1>{artisan.name}</h1>
          <FavouriteButton key={`artisan-${artisan.id}`} kind="artisan" id={artisan.id} saved={saved} name={artisan.name} />
          <p className="muted">
            {artisan.village}, {artisan.district} · {t(`labels.regency.${artisan.regency}`)}
          </p>
          <VerifiedMark association={artisan.association?.short_name ?? null} />
          <p className="contact-panel__actions">
            {/* Contact goes through the platform; the WhatsApp link is a logged redirect (never the number). */}
            <a className="button" href={to(`/inquiries/new?artisan=${encodeURIComponent(artisan.slug)}`)}>
              {t("products.askArtisan")}
            </a>
            {chat ? (
              <>
                <a
                  className="button button--secondary"
                  rel="nofollow"
                  href={to(`/artisans/${artisan.slug}/whatsapp`)}
                  aria-describedby="artisan-whatsapp-hint"
                >
                  {t("whatsapp.button")}
                </a>
                <span id="artisan-whatsapp-hint" className="contact-panel__hint muted">
                  {t("whatsapp.hint")}
                </span>
              </>
            ) : null}
          </p>
        </div>
      </header>

      <div className="detail">
        <section className="prose" aria-labelledby="artisan-about">
          <h2 id="artisan-about">{t("artisans.about", { name: artisan.name })}</h2>
          {story ? <p>{story}</p> : null}
        </section>
        <div className="detail__aside">
          <section className="panel" aria-labelledby="artisan-profile">
            <h2 id="artisan-profile">{t("artisans.profile")}</h2>
            <dl className="facts">
              <dt>{t("artisans.owner")}</dt>
              <dd>{artisan.owner_name}</dd>
              <dt>{t("artisans.workshop")}</dt>
              <dd>
                {artisan.village}, {artisan.district}, {t(`labels.regency.${artisan.regency}`)}
              </dd>
              {artisan.founded_year ? (
                <>
                  <dt>{t("artisans.founded")}</dt>
                  <dd>{artisan.founded_year}</dd>
                </>
              ) : null}
              {artisan.techniques.length > 0 ? (
                <>
                  <dt>{t("artisans.techniques")}</dt>
                  <dd>
                    {artisan.techniques
                      .map((technique) => t(`labels.technique.${technique}`, { defaultValue: technique }))
                      .join(", ")}
                  </dd>
                </>
              ) : null}
              {artisan.association ? (
                <>
                  <dt>{t("artisans.association")}</dt>
                  <dd>
                    {artisan.association.name} ({artisan.association.short_name})
                  </dd>
                </>
              ) : null}
            </dl>
          </section>
          <section className="panel" aria-labelledby="artisan-legality">
            <h2 id="artisan-legality">{t("artisans.legality")}</h2>
            {artisan.badges.length > 0 ? (
              <ul className="legal-badges">
                {artisan.badges.map((badge) => (
                  <li key={`${badge.kind}-${badge.grade ?? ""}`}>
                    <LegalityBadge badge={badge} />
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">{t("artisans.legalityNone")}</p>
            )}
          </section>
        </div>
      </div>

      {artisan.gallery.length > 0 ? (
        <section className="section" aria-labelledby="artisan-gallery">
          <h2 id="artisan-gallery">{t("photos.shopGallery.heading", { name: artisan.name })}</h2>
          <ul className="shop-gallery">
            {artisan.gallery.map((image) => (
              <li key={image.id}>
                <ResponsiveImage image={image} sizes="(min-width: 60rem) 18rem, (min-width: 30rem) 33vw, 50vw" fallbackAlt={t("photos.shopGallery.fallbackAlt", { name: artisan.name })} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {artisan.motifs.length > 0 ? (
        <section className="section" aria-labelledby="artisan-motifs">
          <h2 id="artisan-motifs">{t("artisans.motifs")}</h2>
          <ul className="inline-list">
            {artisan.motifs.map((motif) => (
              <li key={motif.slug}>
                <Link className="tag tag--link" to={to(`/motifs/${motif.slug}`)}>
                  {motif.name}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section className="section" aria-labelledby="artisan-products">
        <div className="section__head">
          <h2 id="artisan-products">{t("artisans.products")}</h2>
          <p className="muted">{t("artisans.productCount", { count: artisan.product_count })}</p>
        </div>
        {artisan.products.length > 0 ? (
          <ul className="grid">
            {artisan.products.map((product) => (
              <li key={product.id}>
                <ProductCard product={product} headingLevel={3} hideArtisan />
              </li>
            ))}
          </ul>
        ) : (
          <div className="empty-state">
            <p>{t("artisans.noProducts")}</p>
          </div>
        )}
      </section>

      <section className="section" aria-labelledby="artisan-exhibitions">
        <h2 id="artisan-exhibitions">{t("artisans.exhibitions")}</h2>
        {artisan.exhibitions.length > 0 ? (
          <ul className="timeline">
            {artisan.exhibitions.map((event) => (
              <li key={event.slug}>
                <Link to={to(`/events/${event.slug}`)}>{localized(locale, event.title_id, event.title_en)}</Link>
                <EventWhen event={{ starts_at: event.starts_at, ends_at: event.ends_at, all_day: true }} />
                {upcomingSlugs.includes(event.slug) ? <span className="tag">{t("events.upcoming")}</span> : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t("artisans.noExhibitions")}</p>
        )}
      </section>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);

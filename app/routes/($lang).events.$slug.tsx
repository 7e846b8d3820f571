import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CancelledBadge, EventKindBadge } from "~/components/badges";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { EventWhen, isMultiDay, lastEventDay } from "~/components/event-when";
import { pageMeta } from "~/components/page-meta";
import { ProductCard } from "~/components/product-card";
import { ResponsiveImage } from "~/components/responsive-image";
import { getEventBySlug } from "~/models/event.server";
import { captureView } from "~/services/visits.server";
import { getDb } from "~/utils/db.server";
import { formatDateTime, wibDay, wibDayStart } from "~/utils/format";
import { localized } from "~/utils/i18n";
import { eventSeo } from "~/utils/seo.server";
import { useLocale, useLocalePath } from "~/utils/use-locale";

/** No slug is this long; a longer one is answered 404 without asking the database. */
const MAX_SLUG = 200;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const locale = params.lang === "en" ? "en" : "id";
  const slug = params.slug ?? "";
  const event = slug.length <= MAX_SLUG ? await getEventBySlug({ slug }, getDb()) : null;
  if (!event) throw new Response("Not Found", { status: 404 });
  const view = captureView({ request, context, view: { kind: "event_view", eventId: event.id } });
  return data({
    event,
    // Decided on the server so the page and its hydration agree on "ended".
    ended: new Date(event.ends_at).getTime() < Date.now(),
    meta: await eventSeo(locale, event),
  }, { headers: view });
}

/** Calendar days an event covers, counted in WIB (an all-day end at midnight belongs to the day before). */
function dayCount(event: { starts_at: string; ends_at: string; all_day: boolean }) {
  const first = wibDayStart(wibDay(event.starts_at)).getTime();
  const last = wibDayStart(event.all_day ? lastEventDay(event) : wibDay(event.ends_at)).getTime();
  return Math.round((last - first) / 86_400_000) + 1;
}

export default function EventPage() {
  const { event, ended } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const locale = useLocale();
  const to = useLocalePath();
  const title = localized(locale, event.title_id, event.title_en);
  const description = localized(locale, event.description_id, event.description_en);
  const cancelled = event.status === "cancelled";

  return (
    <div className="container page">
      <Breadcrumbs items={[{ label: t("nav.events"), to: "/events" }, { label: title }]} />
      <header className="page-header page-header--detail">
        <p className="page-header__tags">
          <EventKindBadge kind={event.kind} />
          {cancelled ? <CancelledBadge /> : null}
        </p>
        <h1>{title}</h1>
        <p className="page-header__lead">
          <EventWhen event={event} />
        </p>
      </header>

      {cancelled ? (
        <div className="notice notice--cancelled" role="note">
          <p>{t("events.cancelledNotice")}</p>
        </div>
      ) : ended ? (
        <div className="notice notice--ended">
          <p>{t("events.endedNotice")}</p>
        </div>
      ) : null}

      <div className={`detail detail--areas${event.image ? "" : " detail--no-media"}`}>
        {event.image ? (
          <div className="detail__media event-image">
            <ResponsiveImage
              image={event.image}
              sizes="(min-width: 72rem) 600px, (min-width: 56rem) 52vw, 100vw"
              priority
              fallbackAlt={title}
            />
          </div>
        ) : null}
        <div className="detail__aside">
          <section className="panel" aria-labelledby="event-details">
            <h2 id="event-details">{t("events.details")}</h2>
            <dl className="facts">
              <dt>{t("events.when")}</dt>
              <dd>
                <EventWhen event={event} />
                {event.all_day || isMultiDay(event) ? (
                  <span className="muted">
                    {" "}
                    ({[event.all_day ? t("events.allDay") : null, isMultiDay(event) ? t("events.multiDay", { count: dayCount(event) }) : null]
                      .filter(Boolean)
                      .join(", ")}
                    )
                  </span>
                ) : null}
              </dd>
              <dt>{t("events.venue")}</dt>
              <dd>{event.venue}</dd>
              {event.address ? (
                <>
                  <dt>{t("events.address")}</dt>
                  <dd>
                    {event.address}
                    {event.city && !event.address.includes(event.city) ? `, ${event.city}` : ""}
                  </dd>
                </>
              ) : null}
              {event.organizer ? (
                <>
                  <dt>{t("events.organizer")}</dt>
                  <dd>
                    {event.organizer.name}
                    {event.organizer.short_name ? ` (${event.organizer.short_name})` : ""}
                  </dd>
                </>
              ) : null}
              <dt>{t("events.status")}</dt>
              <dd>{cancelled ? t("events.statusCancelled") : ended ? t("events.statusEnded") : t("events.statusPublished")}</dd>
              {event.stands_capacity ? (
                <>
                  <dt>{t("events.stands")}</dt>
                  <dd>{t("events.standsValue", { count: event.stands_capacity })}</dd>
                </>
              ) : null}
              {event.application_deadline && !ended && !cancelled ? (
                <>
                  <dt>{t("events.deadline")}</dt>
                  <dd suppressHydrationWarning>{formatDateTime(event.application_deadline, locale)}</dd>
                </>
              ) : null}
            </dl>
          </section>
        </div>
        {/* After the when/where panel on a phone, under the picture on a wide screen. */}
        {description ? (
          <section className="detail__body prose" aria-labelledby="event-description">
            <h2 id="event-description">{t("events.description")}</h2>
            <p>{description}</p>
          </section>
        ) : null}
      </div>

      <section className="section" aria-labelledby="event-exhibitors">
        <h2 id="event-exhibitors">{t("events.exhibitors")}</h2>
        {event.exhibitors.length > 0 ? (
          <p className="event-ask">
            <a className="button button--secondary" href={to(`/inquiries/new?event=${encodeURIComponent(event.slug)}`)} aria-describedby="event-ask-hint">
              {t("inquiries.askExhibitor")}
            </a>{" "}
            <span id="event-ask-hint" className="muted">
              {t("inquiries.askExhibitorHint")}
            </span>
          </p>
        ) : null}
        {event.exhibitors.length > 0 ? (
          <ul className="exhibitor-list">
            {event.exhibitors.map((exhibitor) => (
              <li key={exhibitor.id} className="exhibitor">
                <div className="exhibitor__head">
                  <h3>
                    <Link to={to(`/artisans/${exhibitor.slug}`)}>{exhibitor.name}</Link>
                  </h3>
                  <span className="muted">
                    {exhibitor.village}, {exhibitor.district}
                  </span>
                  <a
                    className="exhibitor__ask"
                    href={to(`/inquiries/new?event=${encodeURIComponent(event.slug)}&artisan=${encodeURIComponent(exhibitor.slug)}`)}
                  >
                    {t("inquiries.askThisExhibitor", { name: exhibitor.name })}
                  </a>
                </div>
                {exhibitor.products.length > 0 ? (
                  <ul className="grid">
                    {exhibitor.products.map((product) => (
                      <li key={product.id}>
                        <ProductCard product={product} headingLevel={4} hideArtisan />
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t("events.noExhibitors")}</p>
        )}
      </section>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);

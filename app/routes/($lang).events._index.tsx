import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { EventCard } from "~/components/event-card";
import { pageMeta } from "~/components/page-meta";
import { listPastEvents, listUpcomingEvents } from "~/models/event.server";
import { getDb } from "~/utils/db.server";
import { listSeo } from "~/utils/seo.server";

/** The archive shows the latest past events; a month grid with filters comes with the calendar issue. */
const PAST_LIMIT = 24;

export async function loader({ params }: LoaderFunctionArgs) {
  const locale = params.lang === "en" ? "en" : "id";
  const db = getDb();
  const now = new Date();
  const [upcoming, past] = await Promise.all([
    listUpcomingEvents({ now }, db),
    listPastEvents({ now, limit: PAST_LIMIT }, db),
  ]);
  return {
    upcoming,
    past,
    meta: await listSeo(locale, "events"),
  };
}

export default function EventsIndex() {
  const { upcoming, past } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="container page">
      <Breadcrumbs items={[{ label: t("nav.events") }]} />
      <header className="page-header">
        <h1>{t("events.title")}</h1>
        <p className="page-header__lead">{t("events.lead")}</p>
        <p className="muted">{t("labels.allTimesWib")}</p>
      </header>

      <section className="section" aria-labelledby="events-upcoming">
        <h2 id="events-upcoming">{t("events.upcoming")}</h2>
        {upcoming.length > 0 ? (
          <ul className="event-list event-list--grid">
            {upcoming.map((event) => (
              <li key={event.id}>
                <EventCard event={event} headingLevel={3} />
              </li>
            ))}
          </ul>
        ) : (
          <div className="empty-state">
            <p>{t("events.noUpcoming")}</p>
          </div>
        )}
      </section>

      <section className="section" aria-labelledby="events-past">
        <h2 id="events-past">{t("events.past")}</h2>
        {past.length > 0 ? (
          <ul className="event-list event-list--grid">
            {past.map((event) => (
              <li key={event.id}>
                <EventCard event={event} headingLevel={3} />
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t("events.noPast")}</p>
        )}
      </section>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);

import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { EventSummary } from "~/models/event.server";
import { localized } from "~/utils/i18n";
import { useLocale, useLocalePath } from "~/utils/use-locale";
import { CancelledBadge, EventKindBadge } from "./badges";
import { DateLeaf, EventWhen } from "./event-when";

type Props = { event: EventSummary; headingLevel?: 2 | 3 };

/** A list row for an event: date leaf, title, kind, when (WIB), where; cancelled events are struck and labelled. */
export function EventCard({ event, headingLevel = 3 }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const to = useLocalePath();
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const cancelled = event.status === "cancelled";
  return (
    <article className={`event-card${cancelled ? " event-card--cancelled" : ""}`}>
      <DateLeaf iso={event.starts_at} />
      <div className="event-card__body">
        <p className="event-card__tags">
          <EventKindBadge kind={event.kind} />
          {cancelled ? <CancelledBadge /> : null}
        </p>
        <Heading className="event-card__title">
          <Link className="card__link" to={to(`/events/${event.slug}`)} prefetch="intent">
            {localized(locale, event.title_id, event.title_en)}
          </Link>
        </Heading>
        <p className="event-card__when">
          <span className="visually-hidden">{t("labels.when")}: </span>
          <EventWhen event={event} />
        </p>
        <p className="event-card__where">
          <span className="visually-hidden">{t("labels.where")}: </span>
          {event.venue}
          {event.city ? `, ${event.city}` : ""}
        </p>
      </div>
    </article>
  );
}

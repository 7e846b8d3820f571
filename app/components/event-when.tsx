import { TIME_ZONE, wibDay, wibDayStart } from "~/utils/format";
import type { Locale } from "~/utils/i18n";
import { useLocale } from "~/utils/use-locale";

type EventTimes = { starts_at: string; ends_at: string; all_day: boolean };

const intlLocale = (locale: Locale) => (locale === "en" ? "en-GB" : "id-ID");

/**
 * The last WIB day an all-day event covers. Calendars store the end of an
 * all-day event either as the last day's late evening or as the next day's
 * midnight (exclusive); a midnight end therefore belongs to the day before.
 */
export function lastEventDay(event: EventTimes): string {
  const endDay = wibDay(event.ends_at);
  const end = new Date(event.ends_at);
  const start = new Date(event.starts_at);
  if (end > start && end.getTime() === wibDayStart(endDay).getTime()) {
    return wibDay(new Date(end.getTime() - 1));
  }
  return endDay;
}

/**
 * When an event happens, in WIB, in the page's language:
 * all-day one day "2 Oktober 2026"; all-day several days "2–4 Oktober 2026";
 * timed one day "2 Oktober 2026 09.00–17.00 WIB"; timed across days
 * "2 Oktober 2026 09.00 – 4 Oktober 2026 17.00 WIB".
 */
export function formatEventWhen(event: EventTimes, locale: Locale): string {
  if (event.all_day) {
    const first = wibDayStart(wibDay(event.starts_at));
    const last = wibDayStart(lastEventDay(event));
    const days = new Intl.DateTimeFormat(intlLocale(locale), {
      timeZone: TIME_ZONE,
      day: "numeric",
      month: "long",
      year: "numeric",
    });
    return first.getTime() === last.getTime() ? days.format(first) : days.formatRange(first, last);
  }
  const times = new Intl.DateTimeFormat(intlLocale(locale), {
    timeZone: TIME_ZONE,
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  });
  const start = new Date(event.starts_at);
  const end = new Date(event.ends_at);
  const text = start.getTime() === end.getTime() ? times.format(start) : times.formatRange(start, end);
  return `${text} WIB`;
}

/** Whether the event spans more than one WIB day. */
export function isMultiDay(event: EventTimes): boolean {
  return wibDay(event.starts_at) !== (event.all_day ? lastEventDay(event) : wibDay(event.ends_at));
}

/**
 * The event's dates and times as a <time> element (machine-readable start).
 * The server's text is authoritative: the browser's ICU may word a date range
 * slightly differently (separators, abbreviations), which must not count as a
 * hydration mismatch.
 */
export function EventWhen({ event, className }: { event: EventTimes; className?: string }) {
  const locale = useLocale();
  return (
    <time className={className} dateTime={event.starts_at} suppressHydrationWarning>
      {formatEventWhen(event, locale)}
    </time>
  );
}

/** A calendar-leaf date block (day number over short month) for event cards; hidden from screen readers, the full date is in the text. */
export function DateLeaf({ iso }: { iso: string }) {
  const locale = useLocale();
  const date = new Date(iso);
  const day = new Intl.DateTimeFormat(intlLocale(locale), { timeZone: TIME_ZONE, day: "numeric" }).format(date);
  const month = new Intl.DateTimeFormat(intlLocale(locale), { timeZone: TIME_ZONE, month: "short" }).format(date);
  const year = new Intl.DateTimeFormat(intlLocale(locale), { timeZone: TIME_ZONE, year: "numeric" }).format(date);
  return (
    <span className="date-leaf" aria-hidden="true">
      <span className="date-leaf__month" suppressHydrationWarning>
        {month.replace(".", "")}
      </span>
      <span className="date-leaf__day">{day}</span>
      <span className="date-leaf__year">{year}</span>
    </span>
  );
}

import { describe, expect, it } from "vitest";
import { formatEventWhen, isMultiDay, lastEventDay } from "./event-when";

// Instants are UTC; WIB is UTC+7, so 2026-10-02 00:00 WIB is 2026-10-01T17:00Z.
const allDay = (starts_at: string, ends_at: string) => ({ starts_at, ends_at, all_day: true });
const timed = (starts_at: string, ends_at: string) => ({ starts_at, ends_at, all_day: false });

describe("lastEventDay", () => {
  it("counts an all-day end at 23:59 WIB on that day", () => {
    expect(lastEventDay(allDay("2026-10-01T17:00:00.000Z", "2026-10-02T16:59:00.000Z"))).toBe("2026-10-02");
  });

  it("counts an exclusive midnight end as the day before", () => {
    expect(lastEventDay(allDay("2026-10-01T17:00:00.000Z", "2026-10-04T17:00:00.000Z"))).toBe("2026-10-04");
    expect(lastEventDay(allDay("2026-10-01T17:00:00.000Z", "2026-10-02T17:00:00.000Z"))).toBe("2026-10-02");
  });

  it("keeps a zero-length all-day event on its own day", () => {
    expect(lastEventDay(allDay("2026-10-01T17:00:00.000Z", "2026-10-01T17:00:00.000Z"))).toBe("2026-10-02");
  });
});

describe("formatEventWhen", () => {
  it("shows a one-day all-day event as a date, in WIB whatever the machine's zone", () => {
    const hbn = allDay("2026-10-01T17:00:00.000Z", "2026-10-02T16:59:00.000Z");
    expect(formatEventWhen(hbn, "id")).toBe("2 Oktober 2026");
    expect(formatEventWhen(hbn, "en")).toBe("2 October 2026");
  });

  it("shows a multi-day all-day event as a date range", () => {
    const fair = allDay("2026-09-29T17:00:00.000Z", "2026-10-04T17:00:00.000Z");
    expect(formatEventWhen(fair, "en")).toMatch(/^30 September\s?–\s?4 October 2026$/);
    expect(formatEventWhen(fair, "id")).toMatch(/^30 September\s?–\s?4 Oktober 2026$/);
  });

  it("shows a timed one-day event with its hours and WIB", () => {
    // 06:00–11:00 WIB on Sunday 6 December 2026.
    const bazaar = timed("2026-12-05T23:00:00.000Z", "2026-12-06T04:00:00.000Z");
    expect(formatEventWhen(bazaar, "id")).toMatch(/^6 Desember 2026,? 06\.00\s?–\s?11\.00 WIB$/);
    expect(formatEventWhen(bazaar, "en")).toMatch(/^6 December 2026,? 06:00\s?–\s?11:00 WIB$/);
  });

  it("shows a timed event across days with both dates", () => {
    const festival = timed("2027-03-12T02:00:00.000Z", "2027-03-14T14:00:00.000Z");
    const text = formatEventWhen(festival, "en");
    expect(text).toContain("12 March 2027");
    expect(text).toContain("14 March 2027");
    expect(text).toMatch(/09:00.*21:00 WIB$/);
  });

  it("uses the WIB date even when the UTC date differs", () => {
    // 23:30 UTC on 1 June is 06:30 WIB on 2 June.
    expect(formatEventWhen(timed("2026-06-01T23:30:00.000Z", "2026-06-02T03:00:00.000Z"), "en")).toMatch(/^2 June 2026/);
  });
});

describe("isMultiDay", () => {
  it("is false for a single WIB day and true across days", () => {
    expect(isMultiDay(allDay("2026-10-01T17:00:00.000Z", "2026-10-02T16:59:00.000Z"))).toBe(false);
    expect(isMultiDay(allDay("2026-10-01T17:00:00.000Z", "2026-10-02T17:00:00.000Z"))).toBe(false);
    expect(isMultiDay(timed("2027-03-12T02:00:00.000Z", "2027-03-14T14:00:00.000Z"))).toBe(true);
    expect(isMultiDay(timed("2026-12-05T23:00:00.000Z", "2026-12-06T04:00:00.000Z"))).toBe(false);
  });
});

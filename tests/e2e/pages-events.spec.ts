/**
 * The event list (upcoming and archive) and event pages, in both languages,
 * with JavaScript on and (@nojs) off. Times are WIB whatever the browser's
 * time zone (the e2e browser runs in America/New_York). Demo data
 * (db/seed/data/events.ts) spans the past history and the next 12 months,
 * with one upcoming bazaar cancelled.
 */
import type { Page } from "@playwright/test";
import { expect, test, visit } from "./fixtures";
import { t } from "./strings";


function section(page: Page, locale: "id" | "en", key: string) {
  return page.getByRole("region", { name: t(locale, key) });
}

async function eventHrefs(page: Page, locale: "id" | "en", key: string): Promise<string[]> {
  return section(page, locale, key)
    .locator("article h3 a")
    .evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
}

test.describe("event list", () => {
  test("shows upcoming events soonest first and an archive, with kinds and venues @nojs", async ({ page }) => {
    await visit(page, "/events");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("id", "events.title"));
    const upcoming = section(page, "id", "events.upcoming");
    const past = section(page, "id", "events.past");
    expect((await eventHrefs(page, "id", "events.upcoming")).length).toBeGreaterThanOrEqual(3);
    expect((await eventHrefs(page, "id", "events.past")).length).toBeGreaterThanOrEqual(3);
    // Soonest first: the machine-readable start times ascend.
    const starts = await upcoming.locator("article time").evaluateAll((els) => els.map((el) => el.getAttribute("datetime") ?? ""));
    expect([...starts].sort()).toEqual(starts);
    const pastStarts = await past.locator("article time").evaluateAll((els) => els.map((el) => el.getAttribute("datetime") ?? ""));
    expect([...pastStarts].sort().reverse()).toEqual(pastStarts);
    await expect(upcoming).toContainText(t("id", "labels.eventKind.bazaar"));
    await expect(page.getByRole("main")).toContainText("WIB");
  });

  test("marks a cancelled event in the list and on its page @nojs", async ({ page }) => {
    await visit(page, "/events");
    const cancelled = section(page, "id", "events.upcoming").locator("article").filter({ hasText: t("id", "labels.cancelled") });
    await expect(cancelled.first()).toBeVisible();
    const href = await cancelled.first().locator("h3 a").getAttribute("href");
    await visit(page, href!);
    await expect(page.getByRole("main")).toContainText(t("id", "events.cancelledNotice"));
    await expect(page.getByRole("region", { name: t("id", "events.details") })).toContainText(t("id", "events.statusCancelled"));
  });

  test("is in English under /en @nojs", async ({ page }) => {
    await visit(page, "/en/events");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("en", "events.title"));
    const [first] = await eventHrefs(page, "en", "events.upcoming");
    expect(first).toMatch(/^\/en\/events\/[a-z0-9-]+$/);
  });
});

test.describe("event page", () => {
  test("National Batik Day: an all-day event on 2 October in WIB, venue, organizer, exhibitors with products @nojs", async ({ page }) => {
    await visit(page, "/events");
    const hrefs = [...(await eventHrefs(page, "id", "events.past")), ...(await eventHrefs(page, "id", "events.upcoming"))];
    const hbn = hrefs.find((href) => /^\/events\/gelar-batik-hari-batik-nasional-\d{4}$/.test(href));
    expect(hbn, hrefs.join(", ")).toBeTruthy();
    await visit(page, hbn!);
    const year = /(\d{4})$/.exec(hbn!)![1];
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Gelar Batik Blitar: Hari Batik Nasional ${year}`);
    const details = page.getByRole("region", { name: t("id", "events.details") });
    // 00:00–23:59 WIB on 2 October: one day, shown without times, even though the browser is in New York.
    await expect(details).toContainText(`2 Oktober ${year}`);
    await expect(details).toContainText(t("id", "events.allDay"));
    await expect(details).toContainText("Kawasan Pemerintahan Kabupaten Blitar");
    await expect(details).toContainText("Dinas Perindustrian dan Perdagangan Kabupaten Blitar");

    await visit(page, `/en${hbn}`);
    await expect(page.getByRole("region", { name: t("en", "events.details") })).toContainText(`2 October ${year}`);
  });

  test("a past exhibition lists its approved exhibitors with a few products each @nojs", async ({ page }) => {
    await visit(page, "/events");
    let checked = false;
    for (const href of await eventHrefs(page, "id", "events.past")) {
      await page.goto(href);
      const exhibitors = page.getByRole("region", { name: t("id", "events.exhibitors") });
      const names = exhibitors.getByRole("heading", { level: 3 });
      if ((await names.count()) === 0) continue;
      await expect(names.first().getByRole("link")).toHaveAttribute("href", /^\/artisans\/[a-z0-9-]+$/);
      const perExhibitor = await exhibitors.locator("li.exhibitor").evaluateAll((items) => items.map((li) => li.querySelectorAll("article").length));
      expect(Math.max(...perExhibitor)).toBeGreaterThan(0);
      expect(Math.max(...perExhibitor)).toBeLessThanOrEqual(3);
      await expect(page.getByRole("main")).toContainText(t("id", "events.endedNotice"));
      await visit(page, href); // the same page through the checked path: status and axe
      checked = true;
      break;
    }
    expect(checked, "no past event with exhibitors").toBe(true);
  });

  test("a timed event shows its hours in WIB @nojs", async ({ page }) => {
    await visit(page, "/events");
    const hrefs = await eventHrefs(page, "id", "events.upcoming");
    const bazaar = hrefs.find((href) => href.startsWith("/events/bazar-batik-blitar-"));
    expect(bazaar).toBeTruthy();
    await visit(page, bazaar!);
    // Bazaars run on a Sunday morning until 11.00 WIB.
    await expect(page.getByRole("region", { name: t("id", "events.details") })).toContainText(/\d{2}\.\d{2}–11\.00 WIB/);
  });

  test("an unknown event is a 404 @nojs", async ({ page }) => {
    await visit(page, "/events/acara-yang-tidak-ada", { status: 404 });
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("id", "errors.notFoundTitle"));
    await visit(page, "/en/events/no-such-event", { status: 404 });
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("en", "errors.notFoundTitle"));
  });
});

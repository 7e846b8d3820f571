/**
 * The artisan's statistics as artisan@demo.test: the overview's "this month"
 * summary links to the statistics page, which shows the last 12 WIB months
 * with totals, the revenue detail, the inquiries by kind and source and how
 * each figure is counted, in both languages (also without JavaScript); a
 * chosen range, and a reversed one answered 400 with a message.
 */
import type { Page } from "@playwright/test";
import { DEMO_PASSWORD } from "../../db/seed/data/people";
import { allowConsoleError, expect, test, visit } from "./fixtures";
import { t } from "./strings";

async function logIn(page: Page) {
  await visit(page, "/login");
  await page.getByLabel(t("id", "login.email")).fill("artisan@demo.test");
  await page.getByLabel(t("id", "login.password"), { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: t("id", "login.submit") }).click();
  await expect(page).toHaveURL(/\/account$/);
}

/** The last `n` WIB months ending this one, oldest first ("YYYY-MM"). */
function lastMonths(n: number): string[] {
  const wib = new Date(Date.now() + 7 * 3600_000);
  const index = wib.getUTCFullYear() * 12 + wib.getUTCMonth();
  return Array.from({ length: n }, (_, i) => {
    const k = index - (n - 1) + i;
    return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, "0")}`;
  });
}

test("the artisan reads the shop's statistics in both languages @nojs", async ({ page }) => {
  await logIn(page);
  await visit(page, "/dashboard");
  const summary = page.getByTestId("month-summary");
  await expect(summary).toContainText(t("id", "statistics.columns.inquiries"));
  await expect(summary).toContainText("Rp");
  await page.getByRole("link", { name: t("id", "statistics.overview.link") }).click();
  await expect(page).toHaveURL(/\/dashboard\/statistics$/);

  const months = lastMonths(12);
  for (const locale of ["id", "en"] as const) {
    await visit(page, locale === "en" ? "/en/dashboard/statistics" : "/dashboard/statistics");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(t(locale, "statistics.title"));
    const table = page.getByTestId("stats-monthly");
    await expect(table.locator("caption")).toHaveText(t(locale, "statistics.monthly.caption"));
    await expect(table.locator("tbody tr")).toHaveCount(12);
    expect(await table.locator("tbody tr").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-month")))).toEqual(months);
    await expect(table.locator("tfoot th")).toHaveText(t(locale, "statistics.monthly.total"));
    // The demo shop has a year of inquiries: the total is a positive count and revenue is in rupiah.
    const totalInquiries = Number((await table.locator("tfoot td").nth(3).innerText()).replace(/\D/g, ""));
    expect(totalInquiries).toBeGreaterThan(0);
    await expect(table.locator("tfoot td").last()).toContainText("Rp");
    await expect(page.getByTestId("stats-kind").locator("tbody tr")).toHaveCount(4);
    await expect(page.getByTestId("stats-source").locator("tbody tr")).toHaveCount(7);
    await expect(page.getByTestId("stats-kind").locator("tfoot td").first()).toHaveText(String(totalInquiries).replace(/\B(?=(\d{3})+(?!\d))/g, locale === "en" ? "," : "."));
    await expect(page.getByRole("img", { name: new RegExp(`^${t(locale, "statistics.chart.inquiries")}:`) })).toBeVisible();
    await expect(page.getByRole("heading", { name: t(locale, "statistics.how.title") })).toBeVisible();
    await expect(page.locator("#def-medianResponse dd")).toHaveText(t(locale, "statistics.how.medianResponse"));
  }

  // A chosen range through the form, then a reversed one: 400 with the message, the fields kept.
  await visit(page, "/dashboard/statistics");
  await page.getByLabel(t("id", "statistics.range.from")).fill(months[9]);
  await page.getByLabel(t("id", "statistics.range.to")).fill(months[11]);
  await page.getByRole("button", { name: t("id", "statistics.range.apply") }).click();
  await expect(page).toHaveURL(new RegExp(`from=${months[9]}&to=${months[11]}`));
  await expect(page.getByTestId("stats-monthly").locator("tbody tr")).toHaveCount(3);

  allowConsoleError(page, /status of 400/);
  await visit(page, `/dashboard/statistics?from=${months[11]}&to=${months[0]}`, { status: 400 });
  await expect(page.getByRole("alert")).toHaveText(t("id", "statistics.errors.reversed"));
  await expect(page.getByTestId("stats-monthly")).toHaveCount(0);
  await expect(page.getByLabel(t("id", "statistics.range.from"))).toHaveValue(months[11]);
});

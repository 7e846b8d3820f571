/**
 * The admin's view of the job queue: reached from the account page, readable
 * (axe-checked) in both languages, and closed to other roles.
 */
import type { Page } from "@playwright/test";
import { DEMO_PASSWORD } from "../../db/seed/data/people";
import { expect, test, visit } from "./fixtures";
import { t } from "./strings";


async function logIn(page: Page, email: string, locale: "id" | "en") {
  await page.getByLabel(t(locale, "login.email")).fill(email);
  await page.getByLabel(t(locale, "login.password"), { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: t(locale, "login.submit") }).click();
}

test("an admin reaches the job queue from the account page and can filter by status @nojs", async ({ page }) => {
  await visit(page, "/en/login");
  await logIn(page, "admin@demo.test", "en");
  await expect(page).toHaveURL(/\/en\/account$/);
  await page.getByRole("link", { name: t("en", "adminJobs.menuLink") }).click();
  await expect(page).toHaveURL(/\/en\/admin\/jobs$/);
  await visit(page, "/en/admin/jobs");
  await expect(page.getByRole("heading", { level: 1, name: t("en", "adminJobs.title") })).toBeVisible();
  await visit(page, "/admin/jobs?status=dead");
  await expect(page.getByRole("heading", { level: 1, name: t("id", "adminJobs.title") })).toBeVisible();
  await expect(page.getByRole("link", { name: new RegExp(`^${t("id", "adminJobs.status.dead")} \\(\\d+\\)$`) })).toHaveAttribute(
    "aria-current",
    "page",
  );
});

test("a buyer is refused the job queue with 403", async ({ page }) => {
  await visit(page, "/login");
  await logIn(page, "buyer@demo.test", "id");
  await expect(page).toHaveURL(/\/account$/);
  await visit(page, "/admin/jobs", { status: 403 });
});

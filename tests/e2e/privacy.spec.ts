/**
 * Privacy pages as a person uses them: a fresh buyer downloads their data and
 * deletes the account (and cannot log in again); the demo artisan withdraws
 * and re-grants consent to share figures and sees the history (the demo state,
 * consent granted, is restored at the end); deletion without JavaScript.
 */
import fs from "node:fs";
import type { Page } from "@playwright/test";
import { DEMO_PASSWORD } from "../../db/seed/data/people";
import { allowConsoleError, expect, test, visit } from "./fixtures";
import { t } from "./strings";

type Locale = "id" | "en";
const prefix = (locale: Locale) => (locale === "en" ? "/en" : "");
/** Answers that run scrypt (sign-up, log-in, the password check) are slow on shared 2-core machines. */
const SLOW = { timeout: 20_000 };

async function signUpBuyer(page: Page, locale: Locale, name: string, password: string): Promise<string> {
  const email = `privasi-${test.info().project.name}-${Date.now()}@example.test`;
  await visit(page, `${prefix(locale)}/signup`);
  await page.getByLabel(t(locale, "signup.name")).fill(name);
  await page.getByLabel(t(locale, "signup.email")).fill(email);
  await page.getByLabel(t(locale, "signup.password")).fill(password);
  await page.getByRole("button", { name: t(locale, "signup.submit") }).click();
  await expect(page).toHaveURL(new RegExp(`${prefix(locale)}/account$`), SLOW);
  return email;
}

async function logIn(page: Page, locale: Locale, email: string, password: string) {
  await page.getByLabel(t(locale, "login.email")).fill(email);
  await page.getByLabel(t(locale, "login.password"), { exact: true }).fill(password);
  await page.getByRole("button", { name: t(locale, "login.submit") }).click();
}

async function deleteAccount(page: Page, locale: Locale, password: string) {
  await page.getByLabel(t(locale, "privacy.password")).fill(password);
  // Leave the field first: its blur re-validates and may remove an error above the button, moving it.
  await page.getByLabel(t(locale, "privacy.password")).press("Tab");
  await page.getByLabel(t(locale, "privacy.confirm")).check();
  await page.getByRole("button", { name: t(locale, "privacy.deleteSubmit") }).click();
}

test("a new buyer downloads their data, deletes the account and cannot log in any more", async ({ page }) => {
  const password = "kawung-privasi-2026";
  const email = await signUpBuyer(page, "id", "Dewi Anggraini", password);
  await page.getByRole("link", { name: t("id", "account.privacyLink") }).click();
  await expect(page).toHaveURL(/\/account\/privacy$/);
  await visit(page, "/account/privacy");
  await expect(page.getByRole("heading", { level: 1, name: t("id", "privacy.title") })).toBeVisible();
  // A buyer has no shop: no consent section.
  await expect(page.getByRole("heading", { name: t("id", "privacy.consentHeading") })).toHaveCount(0);

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: t("id", "privacy.downloadLink") }).click()]);
  expect(download.suggestedFilename()).toMatch(/^batik-blitar-data-\d{4}-\d{2}-\d{2}\.json$/);
  const data = JSON.parse(fs.readFileSync((await download.path())!, "utf8")) as Record<string, unknown> & {
    account: { name: string; email: string; language: string };
    roles: { role: string }[];
    sessions: Record<string, unknown>[];
    mail: { template: string; subject: string }[];
  };
  expect(Object.keys(data)).toEqual(["format", "version", "exported_at", "account", "roles", "sessions", "orders", "inquiries", "mail", "audit", "shops", "favourites"]);
  expect(data.favourites).toEqual({ products: [], artisans: [] });
  expect(data.account).toMatchObject({ name: "Dewi Anggraini", email, language: "id" });
  expect(data.roles.map((r) => r.role)).toEqual(["buyer"]);
  expect(data.sessions).toHaveLength(1);
  expect(Object.keys(data.sessions[0])).toEqual(["created_at", "last_seen_at", "expires_at", "user_agent"]);
  expect(data.mail.map((m) => [m.template, m.subject])).toEqual([["welcome", "Selamat datang di Batik Blitar"]]);

  await page.getByRole("link", { name: t("id", "privacy.deleteLink") }).click();
  await expect(page).toHaveURL(/\/account\/delete$/);
  await visit(page, "/account/delete");
  await expect(page.getByText(t("id", "privacy.happensOrders"))).toBeVisible();
  await deleteAccount(page, "id", password);
  await expect(page).toHaveURL(/\/$/, SLOW);
  await expect(page.getByRole("status")).toHaveText(t("id", "privacy.deleted"));
  await expect(page.getByRole("banner").getByRole("link", { name: t("id", "auth.logIn") })).toBeVisible();

  allowConsoleError(page, /status of 400/);
  await visit(page, "/login");
  await logIn(page, "id", email, password);
  await expect(page.getByRole("alert")).toHaveText(t("id", "login.invalid"), SLOW);
});

test("the demo artisan withdraws and gives consent again and sees the history (English)", async ({ page }) => {
  await visit(page, "/en/login?redirectTo=%2Fen%2Faccount%2Fprivacy");
  await logIn(page, "en", "artisan@demo.test", DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/en\/account\/privacy$/, SLOW);
  await visit(page, "/en/account/privacy");
  const shop = page.locator('[data-shop="batik-lintang-tlogo"]');
  await expect(shop.getByRole("heading", { level: 3, name: "Batik Lintang Tlogo" })).toBeVisible();
  await expect(shop).toHaveAttribute("data-consent", "granted");
  await expect(shop.getByText(t("en", "privacy.stateGranted"))).toBeVisible();
  const history = shop.getByRole("table", { name: t("en", "privacy.historyCaption", { shop: "Batik Lintang Tlogo" }) });
  const before = await history.locator("tbody tr").count();
  expect(before).toBeGreaterThanOrEqual(1);

  await shop.getByRole("button", { name: t("en", "privacy.withdraw") }).click();
  await expect(page.getByRole("status")).toHaveText(t("en", "privacy.consentWithdrawn", { shop: "Batik Lintang Tlogo" }));
  await expect(shop).toHaveAttribute("data-consent", "withdrawn");
  await expect(history.locator("tbody tr")).toHaveCount(before + 1);
  const newest = history.locator("tbody tr").first();
  await expect(newest.locator("td").nth(1)).toHaveText(t("en", "privacy.decisionWithdrawn"));
  await expect(newest.locator("td").nth(2)).toHaveText(t("en", "privacy.byYou"));
  // The time is shown in WIB whatever the browser's time zone (New York here).
  await expect(newest.locator("td").first()).toHaveText(/ WIB$/);
  await visit(page, "/en/account/privacy");

  // Restore the demo state: consent granted.
  await shop.getByRole("button", { name: t("en", "privacy.grant") }).click();
  await expect(page.getByRole("status")).toHaveText(t("en", "privacy.consentGranted", { shop: "Batik Lintang Tlogo" }));
  await expect(shop).toHaveAttribute("data-consent", "granted");
  await expect(history.locator("tbody tr")).toHaveCount(before + 2);
  await expect(history.locator("tbody tr").first().locator("td").nth(1)).toHaveText(t("en", "privacy.decisionGranted"));

  // The demo shop has orders to ship: deletion is refused up front, with the reason and no form.
  await page.getByRole("link", { name: t("en", "privacy.deleteLink") }).click();
  await expect(page).toHaveURL(/\/en\/account\/delete$/);
  await visit(page, "/en/account/delete");
  await expect(page.getByTestId("delete-blocked")).toContainText(t("en", "privacy.blockedOpenShopOrders"));
  await expect(page.getByLabel(t("en", "privacy.password"))).toHaveCount(0);
  await expect(page.getByText(t("en", "privacy.happensShop"))).toBeVisible();
});

test("deleting an account works without JavaScript, and a wrong password is refused next to the field @nojs", async ({ page }) => {
  allowConsoleError(page, /status of 400/);
  const password = "sekar-jagad-2026";
  const email = await signUpBuyer(page, "en", "Made Wirawan", password);
  await visit(page, "/en/account/delete");
  await deleteAccount(page, "en", "not-my-password");
  await expect(page).toHaveURL(/\/en\/account\/delete$/);
  await expect(page.getByText(t("en", "privacy.wrongPassword"))).toBeVisible(SLOW);
  await expect(page.getByLabel(t("en", "privacy.password"))).toHaveAttribute("aria-invalid", "true");

  await deleteAccount(page, "en", password);
  await expect(page).toHaveURL(/\/en$/, SLOW);
  await expect(page.getByRole("status")).toHaveText(t("en", "privacy.deleted"));

  await visit(page, "/en/account/privacy");
  await expect(page).toHaveURL(/\/en\/login\?redirectTo=%2Fen%2Faccount%2Fprivacy$/);
  await logIn(page, "en", email, password);
  await expect(page.getByRole("alert")).toHaveText(t("en", "login.invalid"), SLOW);
});

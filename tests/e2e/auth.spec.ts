/**
 * Accounts: every demo login lands on /account showing its role, a wrong
 * password gets the one neutral message, log-out, the CSRF guard, and log-in
 * without JavaScript.
 */
import type { Page } from "@playwright/test";
import { DEMO_PASSWORD } from "../../db/seed/data/people";
import { allowConsoleError, expect, test, visit } from "./fixtures";
import { t } from "./strings";

type Locale = "id" | "en";
const ID: Locale = "id";
const EN: Locale = "en";

async function logIn(page: Page, email: string, password: string, locale: Locale = ID) {
  await page.getByLabel(t(locale, "login.email")).fill(email);
  await page.getByLabel(t(locale, "login.password"), { exact: true }).fill(password);
  await page.getByRole("button", { name: t(locale, "login.submit") }).click();
}

const ROLES = ["admin", "artisan", "organizer", "agency", "association", "buyer"] as const;

for (const role of ROLES) {
  test(`${role}@demo.test logs in and lands on /account showing the ${role} role`, async ({ page }) => {
    await visit(page, "/en/login");
    await logIn(page, `${role}@demo.test`, DEMO_PASSWORD, EN);
    await expect(page).toHaveURL(/\/en\/account$/);
    await expect(page.getByRole("heading", { level: 1, name: t(EN, "account.title") })).toBeVisible();
    await expect(page.getByRole("heading", { level: 3, name: t(EN, `roles.${role}`) })).toBeVisible();
    await visit(page, "/en/account");
    // The landing page lists only the pages this role already has.
    const menus: Partial<Record<(typeof ROLES)[number], [string, string][]>> = {
      admin: [
        ["account.menu.users", "/en/admin/users"],
        ["account.menu.audit", "/en/admin/audit"],
        ["adminJobs.menuLink", "/en/admin/jobs"],
      ],
      association: [["account.menu.verification", "/en/association/verification"]],
    };
    for (const [key, href] of menus[role] ?? []) {
      await expect(page.getByRole("link", { name: t(EN, key) })).toHaveAttribute("href", href);
    }
    if (role === "artisan") {
      // The showcase shop is verified and public: its profile is linked.
      await expect(page.getByRole("link", { name: "Batik Lintang Tlogo" })).toHaveAttribute("href", /^\/en\/artisans\/[\w-]+$/);
    }
  });
}

test("a wrong password shows the neutral message, the same as an unknown e-mail", async ({ page }) => {
  allowConsoleError(page, /status of 400/);
  await visit(page, "/login");
  await logIn(page, "buyer@demo.test", "not-the-password");
  await expect(page.getByRole("alert")).toHaveText(t(ID, "login.invalid"));
  await expect(page).toHaveURL(/\/login/);
  await logIn(page, "nobody@demo.test", "not-the-password");
  await expect(page.getByRole("alert")).toHaveText(t(ID, "login.invalid"));
});

test("log-out from the header ends the session", async ({ page }) => {
  await visit(page, "/login");
  await logIn(page, "buyer@demo.test", DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/account$/);
  const header = page.getByRole("banner");
  await expect(header.getByRole("link", { name: "Rina Kusumawati" })).toBeVisible();
  await header.getByRole("button", { name: t(ID, "auth.logOut") }).click();
  await expect(header.getByRole("link", { name: t(ID, "auth.logIn") })).toBeVisible();
  // The account page now sends the visitor to log in, and back afterwards.
  await page.goto("/account");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Faccount$/);
});

test("a cross-site POST is refused with 403 before any action runs", async ({ page }) => {
  const res = await page.request.post("/login", {
    headers: { Origin: "http://evil.example" },
    form: { email: "buyer@demo.test", password: DEMO_PASSWORD },
    maxRedirects: 0,
  });
  expect(res.status()).toBe(403);
  expect(res.headers()["set-cookie"]).toBeUndefined();
});

test("log-in and log-out work without JavaScript @nojs", async ({ page }) => {
  await visit(page, "/login?redirectTo=%2Fen%2Fevents");
  await logIn(page, "organizer@demo.test", DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/en\/events$/);
  await visit(page, "/account");
  await expect(page.getByRole("heading", { level: 3, name: t(ID, "roles.organizer") })).toBeVisible();
  await page.getByRole("banner").getByRole("button", { name: t(ID, "auth.logOut") }).click();
  await expect(page.getByRole("banner").getByRole("link", { name: t(ID, "auth.logIn") })).toBeVisible();
});

test("an artisan signs up without JavaScript and sees a pending shop on /account @nojs", async ({ page }) => {
  const project = test.info().project.name;
  const email = `pengrajin-${project}-${Date.now()}@example.test`;
  await visit(page, "/signup");
  await page.getByLabel(t(ID, "signup.name")).fill("Bu Sri Rahayu");
  await page.getByLabel(t(ID, "signup.email")).fill(email);
  await page.getByLabel(t(ID, "signup.password")).fill("kawung-sri-2026");
  await page.getByLabel(t(ID, "signup.isArtisan")).check();
  await page.getByLabel(t(ID, "signup.shopName")).fill(`Batik Sri Rahayu ${project}`);
  await page.getByLabel(t(ID, "signup.village")).fill("Tlogo");
  await page.getByLabel(t(ID, "signup.district")).fill("Kanigoro");
  await page.getByLabel(t(ID, "signup.regency")).selectOption("kabupaten");
  await page.getByRole("button", { name: t(ID, "signup.submit") }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole("status")).toHaveText(t(ID, "signup.welcome"));
  await expect(page.getByRole("heading", { level: 3, name: t(ID, "roles.artisan") })).toBeVisible();
  // Not verified yet: the shop is listed by name only, without a link to a public profile.
  await expect(page.getByText(`Batik Sri Rahayu ${project}`)).toBeVisible();
  await expect(page.getByRole("link", { name: `Batik Sri Rahayu ${project}` })).toHaveCount(0);
  await expect(page.getByText(t(ID, "account.shopState", { state: t(ID, "membership.pending") }))).toBeVisible();
  await visit(page, "/account");
});

test("sign-up refuses a short password with the error next to the field", async ({ page }) => {
  allowConsoleError(page, /status of 400/);
  await visit(page, "/en/signup");
  await page.getByLabel(t(EN, "signup.name")).fill("Short Password");
  await page.getByLabel(t(EN, "signup.email")).fill("short@example.test");
  await page.getByLabel(t(EN, "signup.password")).fill("short");
  // Submit past the browser's own minlength check to see the server's answer.
  await page.locator("form.stack-form").first().evaluate((form) => form.setAttribute("novalidate", ""));
  await page.getByRole("button", { name: t(EN, "signup.submit") }).click();
  await expect(page.getByText(t(EN, "account.passwordTooShort"))).toBeVisible();
  await expect(page).toHaveURL(/\/en\/signup$/);
});

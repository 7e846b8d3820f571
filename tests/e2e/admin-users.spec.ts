/**
 * Users & roles and the audit log, as the admin uses them: find an account,
 * grant a role, see the change in the audit log, revoke it again (which logs
 * the person out). The role is changed on an account this spec signs up, so
 * that the demo accounts other specs log in with never lose a session.
 */
import type { Browser, Page } from "@playwright/test";
import { DEMO_PASSWORD } from "../../db/seed/data/people";
import { allowConsoleError, expect, test, visit } from "./fixtures";
import { t } from "./strings";

async function logIn(page: Page, email: string, locale: "id" | "en") {
  await page.getByLabel(t(locale, "login.email")).fill(email);
  await page.getByLabel(t(locale, "login.password"), { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: t(locale, "login.submit") }).click();
}

/** A flash that names a role through i18next nesting ($t(roles.x)), as the page shows it in Indonesian. */
function roleFlash(key: string, role: string, name: string): string {
  return t("id", key, { role, name }).replace(`$t(roles.${role})`, t("id", `roles.${role}`));
}

/** Signs a new buyer up in a browser context of its own and returns that page (logged in) and the e-mail. */
async function signUpSomeone(browser: Browser, baseURL: string, javaScriptEnabled: boolean) {
  const context = await browser.newContext({ baseURL, javaScriptEnabled });
  const page = await context.newPage();
  const email = `peran-${test.info().project.name}-${Date.now()}@example.test`;
  await page.goto("/signup");
  await page.getByLabel(t("id", "signup.name")).fill("Wulan Peran Uji");
  await page.getByLabel(t("id", "signup.email")).fill(email);
  await page.getByLabel(t("id", "signup.password"), { exact: true }).fill("kata-sandi-uji-2026");
  await page.getByRole("button", { name: t("id", "signup.submit") }).click();
  await expect(page).toHaveURL(/\/account$/);
  return { page, email };
}

test("an admin finds an account, grants and revokes a role, and sees both in the audit log @nojs", async ({ page, browser, baseURL, javaScriptEnabled }) => {
  const someone = await signUpSomeone(browser, baseURL!, javaScriptEnabled !== false);

  await visit(page, "/login");
  await logIn(page, "admin@demo.test", "id");
  await expect(page).toHaveURL(/\/account$/);
  await page.getByRole("link", { name: t("id", "account.menu.users") }).click();
  await expect(page).toHaveURL(/\/admin\/users$/);
  await visit(page, "/admin/users");
  await expect(page.getByRole("heading", { level: 1, name: t("id", "adminUsers.title") })).toBeVisible();

  // The demo buyer is found by e-mail.
  const search = page.getByRole("search", { name: t("id", "adminUsers.searchLabel") });
  await search.getByLabel(t("id", "adminUsers.q")).fill("buyer@demo.test");
  await search.getByRole("button", { name: t("id", "adminUsers.search") }).click();
  await expect(page).toHaveURL(/\/admin\/users\?q=buyer%40demo\.test/);
  await expect(page.getByRole("status").filter({ hasText: t("id", "adminUsers.resultCount_one", { count: 1 }) })).toBeVisible();
  await expect(page.locator("tbody tr")).toHaveCount(1);
  await expect(page.locator('tr[data-user="buyer@demo.test"]')).toContainText(t("id", "roles.buyer"));

  // The account signed up above is the one whose role changes.
  await search.getByLabel(t("id", "adminUsers.q")).fill(someone.email);
  await search.getByRole("button", { name: t("id", "adminUsers.search") }).click();
  await page.getByRole("link", { name: "Wulan Peran Uji" }).click();
  await expect(page).toHaveURL(/\/admin\/users\/\d+$/);
  const userPath = new URL(page.url()).pathname;
  const userId = userPath.split("/").pop()!;
  await visit(page, userPath);
  await expect(page.getByRole("heading", { level: 1, name: "Wulan Peran Uji" })).toBeVisible();

  const organizer = page.locator('li[data-role="organizer"]');
  await expect(organizer).toHaveAttribute("data-held", "no");
  await organizer.getByRole("button", { name: `${t("id", "adminUsers.grant")}: ${t("id", "roles.organizer")}` }).click();
  await expect(page.getByRole("status").filter({ hasText: roleFlash("adminUsers.granted", "organizer", "Wulan Peran Uji") })).toBeVisible();
  await expect(organizer).toHaveAttribute("data-held", "yes");
  await expect(page.locator('tr[data-action="role.granted"]').first()).toContainText(t("id", "audit.actionLabel.role_granted"));

  // The audit log, filtered by action with the form.
  await visit(page, "/admin/audit");
  await page.getByLabel(t("id", "audit.action")).selectOption("role.granted");
  await page.getByRole("button", { name: t("id", "audit.apply") }).click();
  await expect(page).toHaveURL(/\/admin\/audit\?action=role\.granted/);
  await visit(page, new URL(page.url()).pathname + new URL(page.url()).search);
  const row = page.locator("tbody tr").filter({ has: page.getByRole("link", { name: `${t("id", "audit.subjectLabel.user")} #${userId}` }) });
  await expect(row).toHaveCount(1);
  await expect(row.getByRole("link", { name: "Operator Batik Blitar" })).toBeVisible();
  await expect(row).toContainText(`${t("id", "roles.buyer")} → ${t("id", "roles.buyer")}, ${t("id", "roles.organizer")}`);
  // Shown in WIB although the browser is in New York: the hour is the UTC hour + 7 (give or take the minute just passed).
  const wibHours = [0, 60_000].map((ago) => String((new Date(Date.now() - ago).getUTCHours() + 7) % 24).padStart(2, "0"));
  await expect(row.locator("time")).toHaveText(new RegExp(`^\\d{1,2} \\w{3} 20\\d\\d,? (${wibHours.join("|")})\\.\\d\\d WIB$`));
  await expect(page.locator('tbody tr:not([data-action="role.granted"])')).toHaveCount(0);

  // Revoking ends the person's sessions.
  await expect((await someone.page.goto("/account"))!.status()).toBe(200);
  await row.getByRole("link", { name: `${t("id", "audit.subjectLabel.user")} #${userId}` }).click();
  await expect(page).toHaveURL(new RegExp(`${userPath}$`));
  await organizer.getByRole("button", { name: `${t("id", "adminUsers.revoke")}: ${t("id", "roles.organizer")}` }).click();
  await expect(page.getByRole("status").filter({ hasText: roleFlash("adminUsers.revoked", "organizer", "Wulan Peran Uji") })).toBeVisible();
  await expect(organizer).toHaveAttribute("data-held", "no");
  await expect(page.locator('tr[data-action="role.revoked"]')).toHaveCount(1);
  await someone.page.goto("/account");
  await expect(someone.page).toHaveURL(/\/login\?redirectTo=%2Faccount$/);
  await someone.page.context().close();
});

test("the English pages, a bad date filter and a guard message", async ({ page }) => {
  await visit(page, "/en/login");
  await logIn(page, "admin@demo.test", "en");
  await expect(page).toHaveURL(/\/en\/account$/);

  await visit(page, "/en/admin/users?role=admin");
  await expect(page.getByRole("heading", { level: 1, name: t("en", "adminUsers.title") })).toBeVisible();
  await expect(page.locator('tr[data-user="admin@demo.test"]')).toContainText(t("en", "roles.admin"));
  await page.locator('tr[data-user="admin@demo.test"] a').click();
  await expect(page).toHaveURL(/\/en\/admin\/users\/\d+$/);
  await visit(page, new URL(page.url()).pathname);

  // An admin cannot take their own admin role away: 409 with the reason next to the form.
  allowConsoleError(page, /status of 409/);
  const admin = page.locator('li[data-role="admin"]');
  await admin.getByRole("button", { name: `${t("en", "adminUsers.revoke")}: ${t("en", "roles.admin")}` }).click();
  await expect(admin.getByRole("alert")).toHaveText(t("en", "adminUsers.errors.ownAdmin"));
  await expect(admin).toHaveAttribute("data-held", "yes");

  await visit(page, "/en/admin/audit?from=2026-13-45", { status: 400 });
  await expect(page.getByRole("heading", { level: 1, name: t("en", "audit.title") })).toBeVisible();
  await expect(page.getByRole("alert")).toHaveText(t("en", "audit.errors.invalid"));
  await expect(page.getByLabel(t("en", "audit.from"))).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText(t("en", "audit.errors.date"))).toBeVisible();

  await visit(page, "/en/admin/audit?subjectType=user");
  await expect(page.getByRole("link", { name: t("en", "audit.csv") })).toHaveAttribute("href", "/en/admin/audit.csv?subjectType=user");
  const csv = await page.request.get("/en/admin/audit.csv?subjectType=user");
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  expect((await csv.text()).split("\r\n")[0]).toContain("id,created_at_utc,created_at_wib,actor_user_id,actor_name,action,subject_type,subject_id,details_json");
});

test("a buyer is refused the users and audit pages with 403", async ({ page }) => {
  await visit(page, "/login");
  await logIn(page, "buyer@demo.test", "id");
  await expect(page).toHaveURL(/\/account$/);
  await visit(page, "/admin/users", { status: 403 });
  await visit(page, "/admin/audit", { status: 403 });
});

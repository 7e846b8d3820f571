/**
 * Password reset and e-mail confirmation in the browser. The links are read
 * from the e2e server's outbox (mail is not sent in e2e). Each test signs up
 * its own account: the demo accounts' passwords must stay as they are for the
 * other specs.
 */
import type { Page } from "@playwright/test";
import { queryOne } from "./e2e-db";
import { allowConsoleError, expect, expectAccessible, test, visit } from "./fixtures";
import { t } from "./strings";

/** The path of the newest link of `template` sent to `address` (read-only: the server owns the file). */
function linkFromOutbox(address: string, template: string, route: string): string {
  const row = queryOne<{ text_body: string }>("select text_body from mail_outbox where to_address = ? and template = ? order by id desc limit 1", address, template);
  expect(row, `no ${template} mail to ${address}`).toBeDefined();
  const match = new RegExp(`https?://[^/\\s]+((?:/en)?/${route}/[0-9a-f]{64})`).exec(row!.text_body);
  expect(match, `no /${route}/ link in the ${template} mail`).not.toBeNull();
  return match![1];
}

function uniqueEmail(prefix: string) {
  return `${prefix}-${test.info().project.name}-${Date.now()}@example.test`;
}

async function signUp(page: Page, email: string, password: string) {
  await visit(page, "/signup");
  await page.getByLabel(t("id", "signup.name")).fill("Lestari Ningsih");
  await page.getByLabel(t("id", "signup.email")).fill(email);
  await page.getByLabel(t("id", "signup.password")).fill(password);
  await page.getByRole("button", { name: t("id", "signup.submit") }).click();
  await expect(page).toHaveURL(/\/account$/);
}

async function logOut(page: Page) {
  await page.getByRole("banner").getByRole("button", { name: t("id", "auth.logOut") }).click();
  await expect(page.getByRole("banner").getByRole("link", { name: t("id", "auth.logIn") })).toBeVisible();
}

async function logIn(page: Page, email: string, password: string) {
  await page.getByLabel(t("id", "login.email")).fill(email);
  await page.getByLabel(t("id", "login.password"), { exact: true }).fill(password);
  await page.getByRole("button", { name: t("id", "login.submit") }).click();
}

test("a forgotten password is reset from the log-in page, and the new one logs in @nojs", async ({ page }) => {
  const email = uniqueEmail("lupa");
  await signUp(page, email, "password-lama-2026");
  await logOut(page);

  await visit(page, "/login");
  await page.getByRole("link", { name: t("id", "passwordReset.loginLink") }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  await visit(page, "/forgot-password");
  await expect(page.getByRole("heading", { level: 1, name: t("id", "passwordReset.forgotTitle") })).toBeVisible();
  await page.getByLabel(t("id", "passwordReset.email")).fill(email.toUpperCase());
  await page.getByRole("button", { name: t("id", "passwordReset.submit") }).click();
  await expect(page.getByTestId("reset-sent")).toHaveText(t("id", "passwordReset.sent"));

  const link = linkFromOutbox(email, "passwordReset", "reset-password");
  expect(link).toMatch(/^\/reset-password\//);
  const response = await visit(page, link);
  // The token must not travel to another site in a Referer header.
  expect(response.headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  await expect(page.getByRole("heading", { level: 1, name: t("id", "passwordReset.resetTitle") })).toBeVisible();
  await page.getByLabel(t("id", "passwordReset.newPassword")).fill("password-baru-2026");
  await page.getByLabel(t("id", "passwordReset.repeatPassword")).fill("password-baru-2026");
  await page.getByRole("button", { name: t("id", "passwordReset.resetSubmit") }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole("status")).toHaveText(t("id", "passwordReset.done"));
  // Reading the reset mail proved the address: no "not confirmed" notice any more.
  await expect(page.getByTestId("email-unconfirmed")).toHaveCount(0);

  // The link worked once.
  await visit(page, link, { status: 410 });
  await expect(page.getByText(t("id", "passwordReset.expired"))).toBeVisible();
  await expect(page.getByRole("link", { name: t("id", "passwordReset.requestNew") })).toHaveAttribute("href", "/forgot-password");

  await logOut(page);
  await visit(page, "/login");
  await logIn(page, email, "password-baru-2026");
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole("heading", { level: 1, name: t("id", "account.title") })).toBeVisible();
});

test("the English forgot-password page: field error, the neutral answer, and a clear page for a bad link", async ({ page }) => {
  allowConsoleError(page, /status of 400/);
  await visit(page, "/en/forgot-password");
  await expect(page.getByRole("heading", { level: 1, name: t("en", "passwordReset.forgotTitle") })).toBeVisible();
  const field = page.getByLabel(t("en", "passwordReset.email"));
  // Past the browser's own type=email check, to see the server's answer next to the field.
  await page.locator("form.stack-form").first().evaluate((form) => form.setAttribute("novalidate", ""));
  await field.fill("not-an-address");
  await page.getByRole("button", { name: t("en", "passwordReset.submit") }).click();
  await expect(page.getByText(t("en", "auth.invalidEmail"))).toBeVisible();
  await expect(field).toHaveAttribute("aria-invalid", "true");

  // An address without an account gets the same answer as any other.
  await field.fill("nobody-here@example.test");
  await page.getByRole("button", { name: t("en", "passwordReset.submit") }).click();
  await expect(page.getByTestId("reset-sent")).toHaveText(t("en", "passwordReset.sent"));
  await expectAccessible(page);

  await visit(page, "/en/reset-password/not-a-real-token", { status: 400 });
  await expect(page.getByRole("heading", { level: 1, name: t("en", "passwordReset.invalidTitle") })).toBeVisible();
  await expect(page.getByText(t("en", "passwordReset.unknown"))).toBeVisible();
  await page.getByRole("link", { name: t("en", "passwordReset.requestNew") }).click();
  await expect(page).toHaveURL(/\/en\/forgot-password$/);
});

test("a new account confirms its e-mail address from the welcome mail and from a link sent again", async ({ page }) => {
  const email = uniqueEmail("konfirmasi");
  await signUp(page, email, "password-konfirmasi-2026");
  await page.getByTestId("email-unconfirmed").getByRole("link", { name: t("id", "account.emailConfirmLink") }).click();
  await expect(page).toHaveURL(/\/account\/confirm-email$/);
  await visit(page, "/account/confirm-email");
  await expect(page.getByTestId("email-status")).toHaveAttribute("data-confirmed", "false");
  await page.getByRole("button", { name: t("id", "emailConfirm.resend") }).click();
  await expect(page.getByRole("status")).toHaveText(t("id", "emailConfirm.resent", { email }));

  const link = linkFromOutbox(email, "confirmEmail", "confirm-email");
  await visit(page, link);
  await expect(page.getByRole("heading", { level: 1, name: t("id", "emailConfirm.confirmedTitle") })).toBeVisible();
  // The welcome mail's link still works and says there is nothing left to do.
  await visit(page, linkFromOutbox(email, "welcome", "confirm-email"));
  await expect(page.getByText(t("id", "emailConfirm.alreadyConfirmed"))).toBeVisible();
  await page.getByRole("link", { name: t("id", "emailConfirm.toAccount") }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByTestId("email-unconfirmed")).toHaveCount(0);
  await visit(page, "/en/account/confirm-email");
  await expect(page.getByTestId("email-status")).toHaveText(t("en", "emailConfirm.statusConfirmed", { email }));
});

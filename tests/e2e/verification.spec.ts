/**
 * The association's verification queue: new artisans sign up, the APBB
 * officer finds the shops in the queue, rejects one with a reason that the
 * artisan then reads on /account and approves another; English; and a
 * no-JavaScript run of the reject form, including the missing-reason error.
 * Only shops signed up here are decided: the seeded pending shops stay
 * pending for the other specs (pages-artisans expects them hidden).
 */
import type { Page } from "@playwright/test";
import { DEMO_PASSWORD } from "../../db/seed/data/people";
import { allowConsoleError, expect, test, visit } from "./fixtures";
import { t } from "./strings";

type Locale = "id" | "en";
const prefix = (locale: Locale) => (locale === "en" ? "/en" : "");

async function logIn(page: Page, locale: Locale, email: string, password: string) {
  await visit(page, `${prefix(locale)}/login`);
  await page.getByLabel(t(locale, "login.email")).fill(email);
  await page.getByLabel(t(locale, "login.password"), { exact: true }).fill(password);
  await page.getByRole("button", { name: t(locale, "login.submit") }).click();
  await expect(page).toHaveURL(new RegExp(`${prefix(locale)}/account$`));
}

async function logOut(page: Page, locale: Locale) {
  await page.getByRole("banner").getByRole("button", { name: t(locale, "auth.logOut") }).click();
  await expect(page.getByRole("banner").getByRole("link", { name: t(locale, "auth.logIn") })).toBeVisible();
}

async function signUpArtisan(page: Page, locale: Locale, email: string, shopName: string) {
  await visit(page, `${prefix(locale)}/signup`);
  await page.getByLabel(t(locale, "signup.name")).fill("Wahyu Setiawan");
  await page.getByLabel(t(locale, "signup.email")).fill(email);
  await page.getByLabel(t(locale, "signup.password")).fill("parang-wahyu-2026");
  await page.getByLabel(t(locale, "signup.isArtisan")).check();
  await page.getByLabel(t(locale, "signup.shopName")).fill(shopName);
  await page.getByLabel(t(locale, "signup.village")).fill("Bendogerit");
  await page.getByLabel(t(locale, "signup.district")).fill("Sananwetan");
  await page.getByLabel(t(locale, "signup.regency")).selectOption("kota");
  await page.getByRole("button", { name: t(locale, "signup.submit") }).click();
  await expect(page).toHaveURL(new RegExp(`${prefix(locale)}/account$`));
  await logOut(page, locale);
}

/** The queue entry whose heading is `heading`. */
function queueItem(page: Page, heading: string) {
  return page.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 3, name: heading, exact: true }) });
}

async function openQueue(page: Page, locale: Locale) {
  await logIn(page, locale, "association@demo.test", DEMO_PASSWORD);
  await page.getByRole("link", { name: t(locale, "account.menu.verification") }).click();
  await expect(page).toHaveURL(new RegExp(`${prefix(locale)}/association/verification$`));
  await expect(page.getByRole("heading", { level: 1, name: t(locale, "verification.title") })).toBeVisible();
  await visit(page, `${prefix(locale)}/association/verification`);
}

test("the officer rejects a new sign-up with a reason the artisan then reads, and approves another", async ({ page }) => {
  // Sign-ups (scrypt), several log-ins and an axe check per page: more than the default minute on a busy machine.
  test.slow();
  const stamp = Date.now();
  const email = `tolak-${stamp}@example.test`;
  const shopName = `Batik Uji Tolak ${stamp}`;
  const other = `Batik Uji Setuju ${stamp}`;
  const reason = "Mohon lengkapi foto tempat produksi dan NIB usaha Anda.";
  await signUpArtisan(page, "id", email, shopName);
  await signUpArtisan(page, "id", `setuju-${stamp}@example.test`, other);

  await openQueue(page, "id");
  const item = queueItem(page, shopName);
  await expect(item).toBeVisible();
  // A sign-up belongs to no association yet; the facts the decision needs are shown.
  await expect(item.getByText(t("id", "verification.unassigned"))).toBeVisible();
  await expect(item.getByText("Wahyu Setiawan")).toBeVisible();
  await expect(item.getByText(`Bendogerit, Sananwetan, ${t("id", "labels.regency.kota")}`)).toBeVisible();
  await item.getByLabel(t("id", "verification.reason")).fill(reason);
  await item.getByRole("button", { name: `${t("id", "verification.reject")} ${shopName}` }).click();
  await expect(page.getByRole("status")).toHaveText(t("id", "verification.shopRejected", { name: shopName }));
  await expect(queueItem(page, shopName)).toHaveCount(0);

  // The other new shop is approved: it joins APBB and becomes public.
  await queueItem(page, other).getByRole("button", { name: `${t("id", "verification.approve")} ${other}` }).click();
  await expect(page.getByRole("status")).toHaveText(t("id", "verification.shopApproved", { name: other }));
  await expect(queueItem(page, other)).toHaveCount(0);
  await visit(page, `/artisans/batik-uji-setuju-${stamp}`);
  await expect(page.getByRole("heading", { level: 1, name: other })).toBeVisible();
  await logOut(page, "id");

  await logIn(page, "id", email, "parang-wahyu-2026");
  const shop = page.locator("li[data-shop]").filter({ hasText: shopName });
  await expect(shop.getByText(t("id", "account.shopState", { state: t("id", "membership.rejected") }))).toBeVisible();
  await expect(shop.getByText(t("id", "account.shopReason", { reason }))).toBeVisible();
});

test("in English: the officer rejects a new sign-up and an expired document", async ({ page }) => {
  // Sign-ups (scrypt), several log-ins and an axe check per page: more than the default minute on a busy machine.
  test.slow();
  const stamp = Date.now();
  const email = `reject-${stamp}@example.test`;
  const shopName = `Batik Test Reject ${stamp}`;
  const reason = "We could not reach you at the address given. Please call the APBB office.";
  await signUpArtisan(page, "en", email, shopName);

  await openQueue(page, "en");
  const item = queueItem(page, shopName);
  await expect(item.getByText(t("en", "verification.unassigned"))).toBeVisible();
  await item.getByLabel(t("en", "verification.reason")).fill(reason);
  await item.getByRole("button", { name: `${t("en", "verification.reject")} ${shopName}` }).click();
  await expect(page.getByRole("status")).toHaveText(t("en", "verification.shopRejected", { name: shopName }));
  await expect(page).toHaveURL(/\/en\/association\/verification$/);

  // The old SNI certificate of Batik Tegeran Kademangan is flagged as expired; it is rejected.
  const heading = `${t("en", "verification.kinds.sni")}: Batik Tegeran Kademangan`;
  const document = queueItem(page, heading);
  await expect(document.getByText(t("en", "verification.expired"), { exact: true })).toBeVisible();
  await document.getByLabel(t("en", "verification.reason")).fill("This certificate expired; please upload the current one.");
  await document.getByRole("button", { name: new RegExp(`^${t("en", "verification.reject")} `) }).click();
  await expect(page.getByRole("status")).toHaveText(t("en", "verification.documentRejected", { name: "Batik Tegeran Kademangan" }));
  await expect(queueItem(page, heading)).toHaveCount(0);
  await logOut(page, "en");

  await logIn(page, "en", email, "parang-wahyu-2026");
  await expect(page.getByText(t("en", "account.shopState", { state: t("en", "membership.rejected") }))).toBeVisible();
  await expect(page.getByText(t("en", "account.shopReason", { reason }))).toBeVisible();
});

test("rejecting needs a reason, and the form works without JavaScript @nojs", async ({ page }) => {
  // Sign-ups (scrypt), several log-ins and an axe check per page: more than the default minute on a busy machine.
  test.slow();
  const project = test.info().project.name;
  const stamp = Date.now();
  const shopName = `Batik Tanpa Skrip ${project} ${stamp}`;
  await signUpArtisan(page, "id", `tanpa-skrip-${project}-${stamp}@example.test`, shopName);

  await openQueue(page, "id");
  // Without JavaScript the server answers 400 with the error next to the field; with it, the form checks first.
  allowConsoleError(page, /status of 400/);
  const item = queueItem(page, shopName);
  await item.getByRole("button", { name: `${t("id", "verification.reject")} ${shopName}` }).click();
  await expect(queueItem(page, shopName).getByText(t("id", "verification.reasonRequired"))).toBeVisible();
  await expect(queueItem(page, shopName).getByLabel(t("id", "verification.reason"))).toHaveAttribute("aria-invalid", "true");
  await queueItem(page, shopName).getByLabel(t("id", "verification.reason")).fill("Lokasi usaha tidak dapat kami temukan.");
  await queueItem(page, shopName).getByRole("button", { name: `${t("id", "verification.reject")} ${shopName}` }).click();
  await expect(page.getByRole("status")).toHaveText(t("id", "verification.shopRejected", { name: shopName }));
  await expect(queueItem(page, shopName)).toHaveCount(0);
  await visit(page, "/association/verification");
});

test("the queue refuses visitors who are not association officers", async ({ page }) => {
  await page.goto("/association/verification");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fassociation%2Fverification$/);
  await logIn(page, "id", "buyer@demo.test", DEMO_PASSWORD);
  await visit(page, "/association/verification", { status: 403 });
});

/**
 * The association's verification queue: a new artisan signs up, the APBB
 * officer finds the shop in the queue and rejects it with a reason that the
 * artisan then reads on /account; another shop is approved; English; and a
 * no-JavaScript run of the reject form, including the missing-reason error.
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

test("the officer rejects a new sign-up with a reason the artisan then reads, and approves another shop", async ({ page }) => {
  const stamp = Date.now();
  const email = `tolak-${stamp}@example.test`;
  const shopName = `Batik Uji Tolak ${stamp}`;
  const reason = "Mohon lengkapi foto tempat produksi dan NIB usaha Anda.";
  await signUpArtisan(page, "id", email, shopName);

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

  // The seeded APBB shop waiting for verification is approved and becomes public.
  const kelud = queueItem(page, "Jumputan Kelud Jugo");
  await kelud.getByRole("button", { name: `${t("id", "verification.approve")} Jumputan Kelud Jugo` }).click();
  await expect(page.getByRole("status")).toHaveText(t("id", "verification.shopApproved", { name: "Jumputan Kelud Jugo" }));
  await expect(queueItem(page, "Jumputan Kelud Jugo")).toHaveCount(0);
  await visit(page, "/artisans/jumputan-kelud-jugo");
  await expect(page.getByRole("heading", { level: 1, name: "Jumputan Kelud Jugo" })).toBeVisible();
  await logOut(page, "id");

  await logIn(page, "id", email, "parang-wahyu-2026");
  const shop = page.locator(`li[data-shop]`).filter({ hasText: shopName });
  await expect(shop.getByText(t("id", "account.shopState", { state: t("id", "membership.rejected") }))).toBeVisible();
  await expect(shop.getByText(t("id", "account.shopReason", { reason }))).toBeVisible();
});

test("in English: the officer approves a new sign-up and rejects an expired document", async ({ page }) => {
  const stamp = Date.now();
  const email = `approve-${stamp}@example.test`;
  const shopName = `Batik Test Approve ${stamp}`;
  await signUpArtisan(page, "en", email, shopName);

  await openQueue(page, "en");
  const item = queueItem(page, shopName);
  await item.getByLabel(t("en", "verification.reason")).fill("Visited the workshop on Saturday.");
  await item.getByRole("button", { name: `${t("en", "verification.approve")} ${shopName}` }).click();
  await expect(page.getByRole("status")).toHaveText(t("en", "verification.shopApproved", { name: shopName }));
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
  await expect(page.getByRole("link", { name: shopName })).toHaveAttribute("href", /^\/en\/artisans\/batik-test-approve-\d+$/);
  await expect(page.getByText(t("en", "account.shopState", { state: t("en", "membership.verified") }))).toBeVisible();
});

test("rejecting needs a reason, and the form works without JavaScript @nojs", async ({ page }) => {
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

/**
 * The artisan's dashboard as artisan@demo.test (a verified shop): create a
 * product (also without JavaScript), fix a field error, publish it, see it on
 * its public page, archive it and see it gone; edit the shop's story and see
 * it on the public profile; the WhatsApp number is checked on the server and
 * never shown publicly; screenshots at 1280 and 390 px.
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

test("the artisan creates a product, publishes it, sees it public and archives it @nojs", async ({ page }) => {
  test.slow();
  const project = test.info().project.name;
  const stamp = Date.now();
  const title = `Kain Uji Dasbor ${project} ${stamp}`;
  const slug = `kain-uji-dasbor-${project}-${stamp}`;

  await logIn(page);
  await page.getByRole("link", { name: t("id", "dashboard.menu.dashboard") }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await visit(page, "/dashboard");
  await expect(page.getByTestId("membership-state")).toContainText(t("id", "dashboard.overview.membership.verified"));

  await page.getByRole("navigation", { name: t("id", "dashboard.nav.label") }).getByRole("link", { name: t("id", "dashboard.nav.products") }).click();
  await expect(page).toHaveURL(/\/dashboard\/products$/);
  await page.getByRole("link", { name: t("id", "dashboard.products.new") }).click();
  await expect(page).toHaveURL(/\/dashboard\/products\/new$/);
  await visit(page, "/dashboard/products/new");

  await page.getByLabel(t("id", "dashboard.product.titleId")).fill(title);
  await page.getByLabel(t("id", "dashboard.product.titleEn")).fill(`Test cloth ${stamp}`);
  await page.getByLabel(t("id", "dashboard.product.descriptionId")).fill("Batik tulis uji dengan pewarna alam.");
  await page.getByLabel(t("id", "dashboard.product.technique"), { exact: true }).selectOption("tulis");
  await page.getByLabel(t("id", "dashboard.product.fabric")).selectOption("katun_primisima");
  await page.getByLabel(t("id", "dashboard.product.dye")).selectOption("natural");
  await page.getByLabel(t("id", "dashboard.product.price")).fill("0");
  await page.getByLabel(t("id", "dashboard.product.stock"), { exact: true }).fill("2");
  await page.getByRole("group", { name: t("id", "dashboard.product.motifs") }).getByRole("checkbox").first().check();
  // A price of 0: the error shows next to the field (from the server without JavaScript) and the typed title stays.
  allowConsoleError(page, /status of 400/);
  await page.getByRole("button", { name: t("id", "dashboard.product.create") }).click();
  await expect(page.getByText(t("id", "dashboard.errors.priceInvalid"))).toBeVisible();
  await expect(page.getByLabel(t("id", "dashboard.product.titleId"))).toHaveValue(title);
  await expect(page.getByRole("group", { name: t("id", "dashboard.product.motifs") }).getByRole("checkbox").first()).toBeChecked();
  await page.getByLabel(t("id", "dashboard.product.price")).fill("475000");
  await page.getByRole("button", { name: t("id", "dashboard.product.create") }).click();
  await expect(page.getByRole("status")).toHaveText(t("id", "dashboard.flash.created", { title }));
  await expect(page).toHaveURL(/\/dashboard\/products\/\d+$/);
  const editPath = new URL(page.url()).pathname;
  await visit(page, editPath);
  await expect(page.getByTestId("product-status")).toHaveText(t("id", "dashboard.status.draft"));

  await page.getByRole("button", { name: t("id", "dashboard.product.publish") }).click();
  await expect(page.getByRole("status")).toHaveText(t("id", "dashboard.flash.publish", { title }));
  await expect(page.getByTestId("product-status")).toHaveText(t("id", "dashboard.status.published"));
  await page.getByRole("link", { name: t("id", "dashboard.product.viewPublic") }).click();
  await expect(page).toHaveURL(new RegExp(`/products/${slug}$`));
  await visit(page, `/products/${slug}`);
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();

  await visit(page, editPath);
  await page.getByLabel(t("id", "dashboard.product.quickStock")).fill("5");
  await page.getByRole("button", { name: t("id", "dashboard.product.quickStockSave") }).click();
  await expect(page.getByRole("status")).toHaveText(t("id", "dashboard.flash.stockSaved", { title }));
  await page.getByRole("button", { name: t("id", "dashboard.product.archive") }).click();
  await expect(page.getByRole("status")).toHaveText(t("id", "dashboard.flash.archive", { title }));
  await expect(page.getByTestId("product-status")).toHaveText(t("id", "dashboard.status.archived"));
  await visit(page, `/products/${slug}`, { status: 404 });

  await visit(page, "/dashboard/products?status=archived");
  await expect(page.getByRole("link", { name: title })).toBeVisible();
});

// The demo shop is shared by the two projects running side by side, so only one of them saves its profile
// (tagged @nojs-only: the no-JavaScript project runs it, the chromium project leaves it out). The marker is
// appended, so the seeded story that the public-page specs read stays on the page while they run.
test("the artisan edits the shop's story and sees it on the public profile @nojs-only", async ({ page }) => {
  const marker = `Kisah uji dasbor ${Date.now()}: kami membatik di Blitar.`;
  await logIn(page);
  await visit(page, "/dashboard/profile");
  await expect(page.getByTestId("shop-name")).not.toBeEmpty();
  const storyField = page.getByLabel(t("id", "dashboard.profile.storyId"));
  const story = `${(await storyField.inputValue()).trim()} ${marker}`;
  await storyField.fill(story);
  await page.getByRole("button", { name: t("id", "dashboard.profile.save") }).click();
  await expect(page.getByRole("status")).toHaveText(t("id", "dashboard.flash.profileSaved"));
  await expect(page.getByLabel(t("id", "dashboard.profile.storyId"))).toHaveValue(story);
  const publicLink = page.getByRole("navigation", { name: t("id", "dashboard.nav.label") }).getByRole("link", { name: t("id", "dashboard.nav.overview") });
  await publicLink.click();
  await page.getByRole("link", { name: t("id", "dashboard.overview.publicLink") }).click();
  await expect(page.getByRole("main")).toContainText(marker);
});

test("a landline WhatsApp number is refused on the field and nothing is saved", async ({ page }) => {
  await logIn(page);
  await visit(page, "/en/dashboard/profile");
  const number = page.getByLabel(t("en", "dashboard.profile.whatsapp"));
  const before = await number.inputValue();
  await number.fill("0342 801234");
  allowConsoleError(page, /status of 400/);
  await page.getByRole("button", { name: t("en", "dashboard.profile.save") }).click();
  await expect(page.getByText(t("en", "dashboard.errors.whatsappInvalid"))).toBeVisible();
  await visit(page, "/en/dashboard/profile");
  await expect(page.getByLabel(t("en", "dashboard.profile.whatsapp"))).toHaveValue(before);
});

test("screenshots of the dashboard at 1280 and 390 px", async ({ page }) => {
  test.slow();
  await logIn(page);
  await visit(page, "/dashboard/products?status=published");
  const editHref = await page.locator(".dash-product__title a").first().getAttribute("href");
  expect(editHref).toMatch(/^\/dashboard\/products\/\d+$/);
  const pages: [string, string][] = [
    ["overview", "/dashboard"],
    ["overview-en", "/en/dashboard"],
    ["profile", "/dashboard/profile"],
    ["products", "/dashboard/products"],
    ["new", "/dashboard/products/new"],
    ["products-en", "/en/dashboard/products?status=draft"],
    ["edit", editHref!],
    ["edit-en", `/en${editHref!}`],
  ];
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    for (const [name, path] of pages) {
      await visit(page, path);
      // Nothing may stick out sideways on a phone.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${path} at ${width}px`).toBeLessThanOrEqual(0);
      await page.screenshot({ path: `tests/.tmp/dashboard-${name}-${width}.png`, fullPage: true });
    }
  }
});

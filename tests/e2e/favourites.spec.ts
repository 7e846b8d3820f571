/**
 * Favourites in the browser, with and without JavaScript: an anonymous
 * visitor is offered "log in to save" and comes back to the page; the buyer
 * saves a product and an artisan, finds them on /account/favourites and
 * removes one. Each project uses its own product and artisan (the two runs
 * share the demo buyer), so only their own items are asserted.
 */
import type { Page } from "@playwright/test";
import { expect, test, visit } from "./fixtures";
import { t } from "./strings";

const PASSWORD = "batik-demo-2026";
const SLOW = { timeout: 15_000 };

/** Clicks a favourite button and waits for the server's answer (fetcher with JS, a 303 without). */
async function pressAndWait(page: Page, name: string) {
  const answered = page.waitForResponse((r) => /\/favourites(\.data)?$/.test(new URL(r.url()).pathname) && r.request().method() === "POST");
  await page.getByRole("button", { name }).click();
  await answered;
}

/** The href of the nth card on a list page (a different one per project). */
async function nthCard(page: Page, listPath: string, index: number) {
  await visit(page, listPath);
  const link = page.locator(".card__link").nth(index);
  return { href: (await link.getAttribute("href"))!, name: (await link.innerText()).trim() };
}

test("a buyer saves a product and an artisan, sees them in /account/favourites and removes one @nojs", async ({ page }) => {
  // Many pages, each checked with axe (twice as slow without JavaScript).
  test.setTimeout(150_000);
  const index = test.info().project.name === "no-js" ? 1 : 0;
  const product = await nthCard(page, "/products", index);
  const artisan = await nthCard(page, "/artisans", index);

  // Anonymous: a link to log in that comes back to the product.
  await visit(page, product.href);
  await expect(page.getByRole("button", { name: t("id", "favourites.save") })).toHaveCount(0);
  await page.getByRole("link", { name: t("id", "favourites.logInToSave") }).click();
  await expect(page).toHaveURL(new RegExp(`/login\\?redirectTo=${encodeURIComponent(product.href)}$`), SLOW);
  await page.getByLabel(t("id", "login.email")).fill("buyer@demo.test");
  await page.getByLabel(t("id", "login.password"), { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: t("id", "login.submit") }).click();
  await expect(page).toHaveURL(new RegExp(`${product.href}$`), SLOW);

  // Save the product: the button says so and is pressed.
  await pressAndWait(page, t("id", "favourites.save"));
  const savedProduct = page.getByRole("button", { name: t("id", "favourites.saved") });
  await expect(savedProduct).toHaveAttribute("aria-pressed", "true", SLOW);
  // Still saved after a fresh load (the server agrees, not only the optimistic state).
  await page.goto(product.href);
  await expect(page.getByRole("button", { name: t("id", "favourites.saved") })).toHaveAttribute("aria-pressed", "true");

  // Save the artisan.
  await visit(page, artisan.href);
  await pressAndWait(page, t("id", "favourites.save"));
  await expect(page.getByRole("button", { name: t("id", "favourites.saved") })).toHaveAttribute("aria-pressed", "true", SLOW);

  // Both are listed; /account links to the list.
  await visit(page, "/account");
  await page.getByRole("link", { name: t("id", "favourites.accountOpen") }).click();
  await expect(page).toHaveURL(/\/account\/favourites$/, SLOW);
  await expect(page.getByRole("heading", { level: 1, name: t("id", "favourites.title") })).toBeVisible();
  await visit(page, "/account/favourites");
  const products = page.getByTestId("favourite-products");
  const artisans = page.getByTestId("favourite-artisans");
  await expect(products.getByRole("link", { name: product.name })).toBeVisible();
  await expect(artisans.getByRole("link", { name: artisan.name })).toBeVisible();

  // Remove the product: gone from the list, the artisan stays.
  await products.getByRole("button", { name: t("id", "favourites.removeLabel", { name: product.name }) }).click();
  await expect(page.getByRole("status")).toHaveText(t("id", "favourites.removed"), SLOW);
  await expect(page.getByRole("link", { name: product.name })).toHaveCount(0);
  await expect(artisans.getByRole("link", { name: artisan.name })).toBeVisible();

  // The product page shows it as not saved again.
  await page.goto(product.href);
  await expect(page.getByRole("button", { name: t("id", "favourites.save") })).toHaveAttribute("aria-pressed", "false");
});

test("English pages carry the button and the list @nojs", async ({ page }) => {
  await visit(page, "/en/login?redirectTo=%2Fen%2Faccount%2Ffavourites");
  await page.getByLabel(t("en", "login.email")).fill("buyer@demo.test");
  await page.getByLabel(t("en", "login.password"), { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: t("en", "login.submit") }).click();
  await expect(page).toHaveURL(/\/en\/account\/favourites$/, SLOW);
  await expect(page.getByRole("heading", { level: 1, name: t("en", "favourites.title") })).toBeVisible();
  await visit(page, "/en/account/favourites");
  const artisan = await nthCard(page, "/en/artisans", 2);
  await visit(page, artisan.href);
  await expect(page.getByRole("button", { name: t("en", "favourites.save") })).toHaveAttribute("aria-pressed", "false");
});

/**
 * The catalogue (/products with ?q= and ?page=) and product pages, in both
 * languages, with JavaScript on and (@nojs) off. Demo data: about 80
 * public products (db/seed/data/products.ts), 24 per page.
 */
import type { Page } from "@playwright/test";
import { expect, test, visit } from "./fixtures";
import { t } from "./strings";


const PRICE = /^Rp \d{1,3}(\.\d{3})+$/;

/** The product links of the result grid, in order. */
async function productHrefs(page: Page): Promise<string[]> {
  return page
    .getByRole("main")
    .getByRole("list")
    .filter({ has: page.locator("article") })
    .getByRole("heading", { level: 2 })
    .getByRole("link")
    .evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
}

/** "87 produk · halaman 1 dari 4" → 87 */
async function resultTotal(page: Page): Promise<number> {
  const text = await page.locator(".result-count").innerText();
  return Number(/^(\d+)/.exec(text)?.[1] ?? NaN);
}

test.describe("catalogue", () => {
  test("lists products with price, artisan and technique, 24 to a page @nojs", async ({ page }) => {
    await visit(page, "/products");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("id", "products.title"));
    const total = await resultTotal(page);
    // The demo data lists 90 products; drafts and the pending shops' products are not public.
    expect(total).toBeGreaterThan(48);
    const hrefs = await productHrefs(page);
    expect(hrefs).toHaveLength(24);
    for (const href of hrefs) expect(href).toMatch(/^\/products\/[a-z0-9-]+$/);
    const firstCard = page.getByRole("main").locator("article").first();
    // "Harga:" is for screen readers only; the price reads "Rp 1.250.000".
    await expect(firstCard.locator(".card__price")).toHaveText(new RegExp(`^${t("id", "labels.price")}: Rp \\d{1,3}(\\.\\d{3})+$`));
    await expect(firstCard.locator(".badge").first()).toBeVisible();
  });

  test("paginates with ?page= and marks the current page @nojs", async ({ page }) => {
    await visit(page, "/products");
    const firstPage = await productHrefs(page);
    const pager = page.getByRole("navigation", { name: t("id", "labels.pagination") });
    await expect(pager.getByRole("link", { name: t("id", "labels.pageN", { page: 1 }) })).toHaveAttribute("aria-current", "page");
    await pager.getByRole("link", { name: t("id", "labels.next") }).click();
    await expect(page).toHaveURL(/\/products\?page=2$/);
    await expect(pager.getByRole("link", { name: t("id", "labels.pageN", { page: 2 }) })).toHaveAttribute("aria-current", "page");
    const secondPage = await productHrefs(page);
    expect(secondPage.length).toBeGreaterThan(0);
    expect(secondPage.filter((href) => firstPage.includes(href))).toEqual([]);
    await expect(pager.getByRole("link", { name: t("id", "labels.previous") })).toHaveAttribute("href", "/products");
  });

  test("a bad ?page= is page 1, a page past the end is the last page, never an error @nojs", async ({ page }) => {
    test.setTimeout(90_000);
    await visit(page, "/products");
    const firstPage = await productHrefs(page);
    for (const bad of ["abc", "-3", "1.5", "99999999999999999999"]) {
      await visit(page, `/products?page=${bad}`);
      expect(await productHrefs(page), `?page=${bad}`).toEqual(firstPage);
    }
    const total = await resultTotal(page);
    const lastPage = Math.ceil(total / 24);
    await visit(page, "/products?page=9999");
    const pager = page.getByRole("navigation", { name: t("id", "labels.pagination") });
    await expect(pager.getByRole("link", { name: t("id", "labels.pageN", { page: lastPage }) })).toHaveAttribute("aria-current", "page");
    expect((await productHrefs(page)).length).toBe(total - (lastPage - 1) * 24);
  });

  test("?q= searches titles, motif and artisan names, keeps the query in the pages @nojs", async ({ page }) => {
    await visit(page, "/products?q=cakra palah");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("id", "products.searchTitle", { q: "cakra palah" }));
    const total = await resultTotal(page);
    expect(total).toBeGreaterThan(0);
    await expect(page.locator(".result-count")).toContainText("“cakra palah”");
    // The search box on the page shows the query it answered.
    await expect(page.getByRole("searchbox", { name: t("id", "products.searchLabel") })).toHaveValue("cakra palah");
    // Every hit mentions the motif on its page.
    const [first] = await productHrefs(page);
    await visit(page, first);
    await expect(page.getByRole("region", { name: t("id", "products.details") })).toContainText("Cakra Palah");

    // An artisan's name finds that artisan's products only.
    await visit(page, "/products?q=Lintang Tlogo");
    const cards = page.getByRole("main").locator("article");
    expect(await cards.count()).toBeGreaterThan(0);
    for (const meta of await cards.locator(".card__meta").allInnerTexts()) expect(meta).toContain("Batik Lintang Tlogo");
  });

  test("the search form on the page works without JavaScript and shows a no-results state @nojs", async ({ page }) => {
    await visit(page, "/en/products");
    const box = page.getByRole("searchbox", { name: t("en", "products.searchLabel") });
    await box.fill("zzqx-no-such-batik");
    await box.press("Enter");
    await expect(page).toHaveURL(/\/en\/products\?q=zzqx-no-such-batik$/);
    await expect(page.getByRole("main")).toContainText(t("en", "products.noResults", { q: "zzqx-no-such-batik" }));
    await expect(page.getByRole("navigation", { name: t("en", "labels.pagination") })).toHaveCount(0);
    await page.getByRole("link", { name: t("en", "products.clearSearch") }).click();
    await expect(page).toHaveURL(/\/en\/products$/);
    expect(await resultTotal(page)).toBeGreaterThan(48);
  });

  test("odd queries are answered, not errors @nojs", async ({ page }) => {
    test.setTimeout(90_000);
    for (const q of ["%", "_", "'\"", "<script>alert(1)</script>", "a".repeat(500)]) {
      await visit(page, `/products?q=${encodeURIComponent(q)}`);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    }
    // Markup in the query is shown as text, never run.
    await visit(page, `/products?q=${encodeURIComponent("<b>tebal</b>")}`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("<b>tebal</b>");
  });
});

test.describe("product page", () => {
  test("shows gallery, price, stock, technique, fabric, dye, motifs and the artisan @nojs", async ({ page }) => {
    await visit(page, "/products?q=cakra palah");
    const [href] = await productHrefs(page);
    await visit(page, href);
    const main = page.getByRole("main");
    await expect(page.getByRole("heading", { level: 1 })).not.toBeEmpty();
    expect((await main.locator(".price-tag").innerText()).trim()).toMatch(PRICE);
    await expect(main.locator(".stock")).toHaveText(
      new RegExp(`^(${t("id", "products.inStock_other", { count: "\\d+" })}|${t("id", "products.lastOne")}|${t("id", "products.soldOut")})$`),
    );
    const details = page.getByRole("region", { name: t("id", "products.details") });
    for (const label of ["products.technique", "products.fabric", "products.dye", "products.motifs"]) {
      await expect(details.getByText(t("id", label), { exact: true })).toBeVisible();
    }
    await expect(details.getByRole("link", { name: "Cakra Palah" })).toHaveAttribute("href", "/motifs/cakra-palah");
    const artisan = page.getByRole("region", { name: t("id", "products.fromArtisan") });
    await expect(artisan.getByRole("link")).toHaveAttribute("href", /^\/artisans\/[a-z0-9-]+$/);
    const gallery = page.getByRole("list", { name: t("id", "products.photos") });
    await expect(gallery.locator("img").first()).toHaveAttribute("loading", "eager");
    // No cart yet: there is no buy button that would do nothing.
    await expect(main.getByRole("button")).toHaveCount(0);
  });

  test("printed cloth is labelled as imitation batik (SNI 8184) on the card and the page @nojs", async ({ page }) => {
    await visit(page, "/products?q=printing");
    const cards = page.getByRole("main").locator("article");
    expect(await cards.count()).toBeGreaterThan(0);
    for (const badges of await cards.locator(".card__tags").allInnerTexts()) {
      expect(badges).toContain(t("id", "labels.technique.printing"));
    }
    const [href] = await productHrefs(page);
    await visit(page, href);
    await expect(page.getByRole("main")).toContainText(t("id", "products.imitationNote"));
    await visit(page, `/en${href}`);
    await expect(page.getByRole("main")).toContainText(t("en", "products.imitationNote"));
    // The page's own badge (related products below carry their own).
    await expect(page.getByRole("main").locator("header .badge--imitation")).toHaveText(t("en", "labels.technique.printing"));
  });

  test("is in English under /en @nojs", async ({ page }) => {
    await visit(page, "/en/products");
    const [href] = await productHrefs(page);
    expect(href).toMatch(/^\/en\/products\//);
    await visit(page, href);
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("region", { name: t("en", "products.details") })).toContainText(t("en", "products.fabric"));
    await expect(page.getByRole("navigation", { name: t("en", "labels.breadcrumbs") }).getByRole("link", { name: t("en", "nav.products") })).toHaveAttribute(
      "href",
      "/en/products",
    );
  });

  test("an unknown product is a 404 @nojs", async ({ page }) => {
    await visit(page, "/products/kain-yang-tidak-ada", { status: 404 });
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("id", "errors.notFoundTitle"));
    await visit(page, "/en/products/no-such-cloth", { status: 404 });
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("en", "errors.notFoundTitle"));
  });
});

/**
 * Catalogue search with facets (/products): plain GET parameters that work
 * with JavaScript off, counts that match the results, removable filters,
 * corrections and suggestions for empty results, both languages, and the
 * search-box suggestions resource route.
 */
import type { Page } from "@playwright/test";
import { expect, test, visit } from "./fixtures";
import { t } from "./strings";

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

async function resultTotal(page: Page): Promise<number> {
  const text = await page.locator(".result-count").innerText();
  return Number(/^(\d+)/.exec(text)?.[1] ?? NaN);
}

/** The count printed beside a facet value: "Stamped batik (cap) (5)" → 5. */
async function facetCount(page: Page, label: string): Promise<number> {
  const box = page.getByRole("checkbox", { name: new RegExp(`^${escape(label)} \\(\\d+\\)$`) });
  const name = await box.evaluate((el) => (el as HTMLInputElement).labels?.[0]?.textContent ?? "");
  return Number(/\((\d+)\)$/.exec(name)?.[1] ?? NaN);
}

test.describe("catalogue search", () => {
  test("search, tick a facet, the count holds, remove the filter @nojs", async ({ page }) => {
    await visit(page, "/products?q=tutur");
    await expect.poll(() => resultTotal(page)).toBe(12);
    const capLabel = t("id", "labels.technique.cap");
    const expected = await facetCount(page, capLabel);
    expect(expected).toBeGreaterThan(0);
    expect(expected).toBeLessThan(12);
    await page.getByRole("checkbox", { name: new RegExp(`^${escape(capLabel)} `) }).check();
    await page.getByRole("button", { name: t("id", "catalogue.apply") }).click();
    await expect(page).toHaveURL(/\/products\?q=tutur&technique=cap$/);
    await expect.poll(() => resultTotal(page)).toBe(expected);
    await expect(page.getByRole("checkbox", { name: new RegExp(`^${escape(capLabel)} `) })).toBeChecked();

    // Ticking a second facet's value: its printed count is again the number of results.
    const natural = t("id", "labels.dye.synthetic");
    const syntheticCount = await facetCount(page, natural);
    await page.getByRole("checkbox", { name: new RegExp(`^${escape(natural)} `) }).check();
    await page.getByRole("button", { name: t("id", "catalogue.apply") }).click();
    await expect(page).toHaveURL(/technique=cap&dye=synthetic/);
    if (syntheticCount > 0) await expect.poll(() => resultTotal(page)).toBe(syntheticCount);

    await page.getByRole("link", { name: t("id", "catalogue.removeFilter", { label: capLabel }) }).click();
    await expect(page).toHaveURL(/\/products\?q=tutur&dye=synthetic$/);
    await page.getByRole("link", { name: t("id", "catalogue.clearFilters") }).click();
    await expect(page).toHaveURL(/\/products\?q=tutur$/);
    await expect.poll(() => resultTotal(page)).toBe(12);
  });

  test("pagination keeps every parameter and sorting by price orders the prices @nojs", async ({ page }) => {
    await visit(page, "/products?technique=tulis&technique=kombinasi&sort=price_asc");
    const pager = page.getByRole("navigation", { name: t("id", "labels.pagination") });
    await expect(pager.getByRole("link", { name: t("id", "labels.next") })).toHaveAttribute(
      "href",
      "/products?technique=tulis&technique=kombinasi&sort=price_asc&page=2",
    );
    const prices = await page.locator(".grid article").evaluateAll((cards) =>
      cards.map((c) => Number((c.textContent ?? "").match(/Rp\s?([\d.]+)/)?.[1]?.replaceAll(".", "") ?? NaN)),
    );
    expect(prices.length).toBe(24);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
  });

  test("garbage parameters are ignored, never an error @nojs", async ({ page }) => {
    await visit(page, "/products");
    const total = await resultTotal(page);
    await visit(page, "/products?technique=silk&motif=%00&price=free&sort=cheapest&district=&page=x&q=%22%20*%20-%20(");
    await expect.poll(() => resultTotal(page)).toBe(total);
    await visit(page, "/products?technique=silk&motif=nope&price=free&sort=cheapest&page=x");
    await expect.poll(() => resultTotal(page)).toBe(total);
  });

  test("empty results suggest a correction, filters to remove, and the motif registry @nojs", async ({ page }) => {
    await visit(page, "/products?q=Penatarn");
    await expect(page.getByRole("status").filter({ hasText: "Relief Penataran" }).first()).toHaveText(
      t("id", "catalogue.corrected", { from: "Penatarn", to: "Relief Penataran" }),
    );
    await expect.poll(() => resultTotal(page)).toBe(7);

    await visit(page, "/products?q=tutur&technique=printing");
    const empty = page.locator(".empty-state");
    await expect(empty).toContainText(t("id", "catalogue.tryRemoving"));
    const printing = t("id", "labels.technique.printing");
    await empty.getByRole("link", { name: t("id", "catalogue.removeFilter", { label: printing }) }).click();
    await expect(page).toHaveURL(/\/products\?q=tutur$/);

    await visit(page, "/products?q=zzqxw");
    await expect(page.locator(".empty-state")).toContainText(t("id", "products.noResults", { q: "zzqxw" }));
    await page.locator(".empty-state").getByRole("link", { name: t("id", "catalogue.browseMotifs") }).click();
    await expect(page).toHaveURL(/\/motifs$/);
  });

  test("English: labels, imitation batik, noindex and canonical", async ({ page }) => {
    await visit(page, "/en/products");
    await expect(page.getByRole("checkbox", { name: new RegExp(`^${escape(t("en", "labels.technique.printing"))} \\(4\\)$`) })).toBeVisible();
    await expect(page.locator('meta[name="robots"]')).toHaveCount(0);
    await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", /\/en\/products$/);
    await visit(page, "/en/products?q=Penataran&price=300k-500k");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("en", "products.searchTitle", { q: "Penataran" }));
    await expect(page.locator('meta[name="robots"]')).toHaveAttribute("content", "noindex, follow");
    await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", /\/en\/products$/);
    await expect(page.getByRole("link", { name: t("en", "catalogue.removeFilter", { label: t("en", "catalogue.price.300k-500k") }) })).toHaveAttribute(
      "href",
      "/en/products?q=Penataran",
    );
    await expect(page.getByRole("group", { name: t("en", "catalogue.facet.technique") })).toBeVisible();
  });

  test("with JavaScript, ticking a box applies it and typing offers suggestions", async ({ page }) => {
    await visit(page, "/products?q=tutur");
    const capLabel = t("id", "labels.technique.cap");
    const expected = await facetCount(page, capLabel);
    await page.getByRole("checkbox", { name: new RegExp(`^${escape(capLabel)} `) }).check();
    await expect(page).toHaveURL(/technique=cap/);
    await expect(page.locator(".result-count")).toHaveText(new RegExp(`^${expected} `));

    const box = page.getByRole("searchbox", { name: t("id", "products.searchLabel") });
    await box.fill("koi k");
    const offered = page.locator("#products-q-suggestions");
    await expect(offered.getByRole("link", { name: "Koi Kembar", exact: true })).toBeVisible();
    await expect(box).toHaveAttribute("aria-describedby", "products-q-suggestions");
    await offered.getByRole("link", { name: "Koi Kembar", exact: true }).click();
    await expect(page).toHaveURL(/\/products\?q=Koi\+Kembar&technique=cap$/);
  });

  test("the suggestions route answers JSON with a cache header", async ({ request }) => {
    const res = await request.get("/products/suggest?q=koi%20k");
    expect(res.status()).toBe(200);
    expect(res.headers()["cache-control"]).toBe("public, max-age=60");
    const body = (await res.json()) as { motifs: { name: string }[]; artisans: { name: string }[] };
    expect(body.motifs.map((m) => m.name)).toEqual(["Koi & Kendang Jimbe", "Koi Kembar"]);
    expect(body.artisans.map((a) => a.name)).toEqual(["Batik Koi Kembar Bendogerit"]);
    const bad = await request.get('/products/suggest?q=%22NEAR(*');
    expect(await bad.json()).toEqual({ motifs: [], artisans: [], products: [] });
  });

  test("screenshots at 1280 and 390 px", async ({ page }) => {
    for (const [width, height] of [
      [1280, 900],
      [390, 844],
    ]) {
      await page.setViewportSize({ width, height });
      await visit(page, "/products?q=tutur&technique=cap");
      await page.screenshot({ path: `tests/.tmp/catalogue-${width}.png`, fullPage: false });
      await visit(page, "/en/products?q=zzqxw");
      await page.screenshot({ path: `tests/.tmp/catalogue-empty-${width}.png`, fullPage: false });
    }
  });
});

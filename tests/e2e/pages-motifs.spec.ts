/**
 * The motif registry and motif pages, in both languages, with JavaScript on
 * and (tests tagged @nojs) off. Content comes from the demo data set
 * (db/seed/data/motifs.ts): real Blitar motifs such as Cakra Palah, and shop
 * motifs such as Sekar Lintang, created by the fictional Batik Lintang Tlogo.
 */
import { expect, test, visit } from "./fixtures";
import { t } from "./strings";


test.describe("motif registry", () => {
  test("lists the published motifs with their names and regions @nojs", async ({ page }) => {
    await visit(page, "/motifs");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("id", "motifs.title"));
    const names = await page.getByRole("main").getByRole("heading", { level: 2 }).allInnerTexts();
    expect(names).toContain("Cakra Palah");
    expect(names).toContain("Puspa Dahana");
    expect(names.filter((n) => n.startsWith("Tutur ")).length).toBeGreaterThanOrEqual(10);
    // The count line agrees with the cards shown.
    await expect(page.getByText(t("id", "motifs.count_other", { count: names.length }), { exact: true })).toBeVisible();
    await expect(page.getByRole("link", { name: "Cakra Palah", exact: true })).toHaveAttribute("href", "/motifs/cakra-palah");
  });

  test("is in English under /en with English links @nojs", async ({ page }) => {
    await visit(page, "/en/motifs");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("en", "motifs.title"));
    await expect(page.getByRole("link", { name: "Cakra Palah", exact: true })).toHaveAttribute("href", "/en/motifs/cakra-palah");
    await expect(page.getByRole("main")).toContainText("People are imperfect and seek perfection by doing good.");
  });
});

test.describe("motif page", () => {
  test("shows story, meaning, origin, year, registration and the products that carry it @nojs", async ({ page }) => {
    await visit(page, "/motifs/cakra-palah");
    await expect(page).toHaveTitle(/^Cakra Palah · /);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Cakra Palah");
    const main = page.getByRole("main");
    await expect(main).toContainText("Manusia tidak sempurna dan mencari kesempurnaan dengan berbuat baik.");
    await expect(main.getByRole("heading", { name: t("id", "motifs.story") })).toBeVisible();
    await expect(main).toContainText("ditetapkan sebagai motif ikon Kabupaten Blitar pada 6 Maret 2020");

    const facts = page.getByRole("region", { name: t("id", "motifs.facts") });
    await expect(facts).toContainText("Candi Penataran (Candi Palah), Kabupaten Blitar");
    await expect(facts).toContainText("2020");
    await expect(facts).toContainText(t("id", "labels.region.kabupaten"));

    const products = page.getByRole("region", { name: t("id", "motifs.products", { name: "Cakra Palah" }) });
    const productLinks = products.getByRole("heading", { level: 3 }).getByRole("link");
    expect(await productLinks.count()).toBeGreaterThan(0);
    await expect(productLinks.first()).toHaveAttribute("href", /^\/products\/[a-z0-9-]+$/);
    await expect(products).toContainText(/Rp \d{1,3}(\.\d{3})+/);

    // Breadcrumbs lead back to the registry and mark the current page.
    const crumbs = page.getByRole("navigation", { name: t("id", "labels.breadcrumbs") });
    await expect(crumbs.getByRole("link", { name: t("id", "nav.motifs") })).toHaveAttribute("href", "/motifs");
    await expect(crumbs.locator('[aria-current="page"]')).toHaveText("Cakra Palah");
  });

  test("is in English under /en: story, meaning and labels @nojs", async ({ page }) => {
    await visit(page, "/en/motifs/cakra-palah");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    const main = page.getByRole("main");
    await expect(main).toContainText("People are imperfect and seek perfection by doing good.");
    await expect(main).toContainText("was made the icon motif of Kabupaten Blitar on 6 March 2020");
    await expect(page.getByRole("region", { name: t("en", "motifs.facts") })).toContainText(t("en", "labels.region.kabupaten"));
    await expect(
      page.getByRole("region", { name: t("en", "motifs.products", { name: "Cakra Palah" }) }).getByRole("link").first(),
    ).toHaveAttribute("href", /^\/en\/products\//);
  });

  test("links the creator's shop and shows the registration of a shop motif @nojs", async ({ page }) => {
    await visit(page, "/motifs/sekar-lintang");
    const facts = page.getByRole("region", { name: t("id", "motifs.facts") });
    await expect(facts.getByRole("link", { name: "Batik Lintang Tlogo" })).toHaveAttribute("href", "/artisans/batik-lintang-tlogo");
    await expect(facts).toContainText(t("id", "labels.registration.registered"));
  });

  test("renders responsive pictures with explicit sizes, eager only above the fold", async ({ page }) => {
    await visit(page, "/motifs/cakra-palah");
    const first = page.getByRole("main").locator("picture img").first();
    await expect(first).toHaveAttribute("width", /^\d+$/);
    await expect(first).toHaveAttribute("height", /^\d+$/);
    await expect(first).toHaveAttribute("loading", "eager");
    await expect(first).toHaveAttribute("srcset", /\/images\/\S+ \d+w/);
    await expect(first).toHaveAttribute("alt", /\S/);
    // Product cards further down load lazily.
    await expect(page.getByRole("main").locator(".card picture img").first()).toHaveAttribute("loading", "lazy");
    // The image actually loads from the variants directory.
    await expect.poll(() => first.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  });

  test("an unknown motif is a 404 in the page's language @nojs", async ({ page }) => {
    await visit(page, "/motifs/motif-yang-tidak-ada", { status: 404 });
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("id", "errors.notFoundTitle"));
    await visit(page, "/en/motifs/no-such-motif", { status: 404 });
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("en", "errors.notFoundTitle"));
    await visit(page, `/motifs/${"x".repeat(300)}`, { status: 404 });
  });
});

/**
 * Artisan list and profiles, in both languages, with JavaScript on and
 * (@nojs) off. Demo data (db/seed/data/artisans.ts): fictional shops in real
 * Blitar villages; two of them are still pending verification and must not
 * be public.
 */
import { expect, test, visit } from "./fixtures";
import { t } from "./strings";


test.describe("artisan list", () => {
  test("shows verified shops with village, district and techniques; pending shops stay hidden @nojs", async ({ page }) => {
    await visit(page, "/artisans");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("id", "artisans.title"));
    const names = await page.getByRole("main").getByRole("heading", { level: 2 }).allInnerTexts();
    expect(names.length).toBeGreaterThanOrEqual(12);
    expect(names).toContain("Batik Lintang Tlogo");
    expect(names).not.toContain("Batik Gebang Asmara");
    expect(names).not.toContain("Jumputan Kelud Jugo");
    const card = page.getByRole("main").locator("article").filter({ hasText: "Batik Lintang Tlogo" });
    await expect(card).toContainText("Tlogo, Kanigoro");
    await expect(card).toContainText(t("id", "labels.techniqueShort.tulis"));
    await expect(card.getByRole("link")).toHaveAttribute("href", "/artisans/batik-lintang-tlogo");
  });

  test("is in English under /en @nojs", async ({ page }) => {
    await visit(page, "/en/artisans");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("en", "artisans.title"));
    const card = page.getByRole("main").locator("article").filter({ hasText: "Batik Lintang Tlogo" });
    await expect(card).toContainText(t("en", "labels.regency.kabupaten"));
    await expect(card.getByRole("link")).toHaveAttribute("href", "/en/artisans/batik-lintang-tlogo");
  });
});

test.describe("artisan profile", () => {
  test("shows story, workshop, techniques, association, badges, motifs, products and exhibitions @nojs", async ({ page }) => {
    await visit(page, "/artisans/batik-lintang-tlogo");
    await expect(page).toHaveTitle(/^Batik Lintang Tlogo · /);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Batik Lintang Tlogo");
    const main = page.getByRole("main");
    await expect(main).toContainText("Bu Endang mulai membatik di teras rumahnya di Desa Tlogo");

    const profile = page.getByRole("region", { name: t("id", "artisans.profile") });
    await expect(profile).toContainText("Endang Sulistyowati");
    await expect(profile).toContainText("Tlogo, Kanigoro");
    await expect(profile).toContainText("2011");
    await expect(profile).toContainText(t("id", "labels.technique.tulis"));
    await expect(profile).toContainText("APBB");

    // Legality: a heading, and either verified badges or the plain statement that there are none.
    const legality = page.getByRole("region", { name: t("id", "artisans.legality") });
    await expect(legality).toBeVisible();
    const badges = await legality.locator(".legal-badge").count();
    if (badges === 0) await expect(legality).toContainText(t("id", "artisans.legalityNone"));

    const motifs = page.getByRole("region", { name: t("id", "artisans.motifs") });
    await expect(motifs.getByRole("link", { name: "Sekar Lintang" })).toHaveAttribute("href", "/motifs/sekar-lintang");

    const products = page.getByRole("region", { name: t("id", "artisans.products") });
    const productLinks = products.getByRole("heading", { level: 3 }).getByRole("link");
    expect(await productLinks.count()).toBeGreaterThan(0);
    await expect(productLinks.first()).toHaveAttribute("href", /^\/products\//);

    const exhibitions = page.getByRole("region", { name: t("id", "artisans.exhibitions") });
    await expect(exhibitions).toBeVisible();
  });

  test("some artisan shows verified legality badges with the Batikmark grade @nojs", async ({ page }) => {
    await visit(page, "/artisans");
    const hrefs = await page
      .getByRole("main")
      .locator("article h2 a")
      .evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
    let found = false;
    for (const href of hrefs) {
      await page.goto(href);
      const legality = page.getByRole("region", { name: t("id", "artisans.legality") });
      if ((await legality.locator(".legal-badge--batikmark").count()) > 0) {
        const text = await legality.innerText();
        expect(text).toMatch(
          new RegExp([t("id", "labels.badge.grade.gold"), t("id", "labels.badge.grade.white"), t("id", "labels.badge.grade.silver")].join("|")),
        );
        found = true;
        break;
      }
    }
    expect(found, "no artisan shows a Batikmark badge").toBe(true);
  });

  test("is in English under /en, with the story in English @nojs", async ({ page }) => {
    await visit(page, "/en/artisans/batik-lintang-tlogo");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("main")).toContainText("Bu Endang started making batik on her porch in Tlogo village");
    await expect(page.getByRole("region", { name: t("en", "artisans.profile") })).toContainText(t("en", "labels.technique.tulis"));
  });

  test("unknown and unverified shops are 404s @nojs", async ({ page }) => {
    await visit(page, "/artisans/pengrajin-yang-tidak-ada", { status: 404 });
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("id", "errors.notFoundTitle"));
    await visit(page, "/en/artisans/batik-gebang-asmara", { status: 404 });
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("en", "errors.notFoundTitle"));
  });
});

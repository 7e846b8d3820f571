/**
 * The association's curation: the APBB officer creates a motif (also without
 * JavaScript), sees it on /motifs, archives it and sees it gone; approves the
 * seeded proposal (in English); and features a product that then shows on
 * the home page.
 */
import type { Page } from "@playwright/test";
import { DEMO_PASSWORD } from "../../db/seed/data/people";
import { allowConsoleError, expect, test, visit } from "./fixtures";
import { t } from "./strings";

type Locale = "id" | "en";
const prefix = (locale: Locale) => (locale === "en" ? "/en" : "");

async function logIn(page: Page, locale: Locale) {
  await visit(page, `${prefix(locale)}/login`);
  await page.getByLabel(t(locale, "login.email")).fill("association@demo.test");
  await page.getByLabel(t(locale, "login.password"), { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: t(locale, "login.submit") }).click();
  await expect(page).toHaveURL(new RegExp(`${prefix(locale)}/account$`));
}

test("the officer adds a motif, sees it on /motifs, archives it and it is gone @nojs", async ({ page }) => {
  test.slow();
  const project = test.info().project.name;
  const stamp = Date.now();
  const name = `Sekar Uji ${project} ${stamp}`;
  const slug = `sekar-uji-${project}-${stamp}`;

  await logIn(page, "id");
  await page.getByRole("link", { name: t("id", "curation.menu.motifs") }).click();
  await expect(page).toHaveURL(/\/association\/motifs$/);
  await visit(page, "/association/motifs");
  await expect(page.getByRole("heading", { level: 1, name: t("id", "curation.list.title") })).toBeVisible();

  await page.getByRole("link", { name: t("id", "curation.list.new") }).click();
  await expect(page).toHaveURL(/\/association\/motifs\/new$/);
  await visit(page, "/association/motifs/new");
  await page.getByLabel(t("id", "curation.form.name")).fill(name);
  await page.getByLabel(t("id", "curation.form.storyId")).fill("Motif bunga dari relief Candi Penataran.");
  await page.getByLabel(t("id", "curation.form.storyEn")).fill("A flower motif from the reliefs of Candi Penataran.");
  await page.getByLabel(t("id", "curation.form.origin")).fill("Candi Penataran");
  await page.getByLabel(t("id", "curation.form.region"), { exact: true }).selectOption("kabupaten");
  await page.getByLabel(t("id", "curation.form.year")).fill("2025");
  await page.getByLabel(t("id", "curation.form.registrationStatus")).selectOption("registered");
  // Registered without a number: the error shows next to the field (from the server without JavaScript) and nothing is saved.
  allowConsoleError(page, /status of 400/);
  await page.getByRole("button", { name: t("id", "curation.form.create") }).click();
  await expect(page.getByText(t("id", "curation.errors.registrationNumberRequired"))).toBeVisible();
  await expect(page.getByLabel(t("id", "curation.form.name"))).toHaveValue(name);
  await page.getByLabel(t("id", "curation.form.registrationNumber"), { exact: true }).fill("EC00202599887");
  await page.getByRole("button", { name: t("id", "curation.form.create") }).click();
  await expect(page.getByRole("status")).toHaveText(t("id", "curation.flash.created", { name }));
  await expect(page).toHaveURL(/\/association\/motifs\/\d+$/);
  const editUrl = new URL(page.url()).pathname;
  await visit(page, editUrl);
  await expect(page.getByLabel(t("id", "curation.form.slug"))).toHaveValue(slug);

  await visit(page, "/motifs");
  await expect(page.getByRole("link", { name, exact: true })).toBeVisible();
  await visit(page, `/motifs/${slug}`);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();

  await visit(page, editUrl);
  await page.getByRole("button", { name: t("id", "curation.actions.archive") }).click();
  await expect(page.getByRole("status")).toHaveText(t("id", "curation.flash.archived", { name }));
  await expect(page.getByTestId("motif-status")).toHaveText(t("id", "curation.form.state", { status: t("id", "curation.status.archived") }));
  await visit(page, "/motifs");
  await expect(page.getByRole("link", { name, exact: true })).toHaveCount(0);
  await visit(page, `/motifs/${slug}`, { status: 404 });
});

test("in English: the officer approves the seeded proposal and it is published", async ({ page }) => {
  test.slow();
  await logIn(page, "en");
  await visit(page, "/en/association/motifs?status=proposed");
  await expect(page.getByRole("heading", { level: 1, name: t("en", "curation.list.title") })).toBeVisible();
  // The seeded proposal waits in the queue, with its proposer.
  const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Daun Kakao Wonodadi" }) });
  await expect(row).toHaveAttribute("data-status", "proposed");
  await expect(row).toContainText("Batik Sinar Wonodadi");
  await page.getByRole("link", { name: t("en", "curation.list.editNamed", { name: "Daun Kakao Wonodadi" }) }).click();
  await expect(page).toHaveURL(/\/en\/association\/motifs\/\d+$/);
  await visit(page, new URL(page.url()).pathname);
  await expect(page.getByRole("heading", { level: 2, name: t("en", "curation.actions.proposalTitle") })).toBeVisible();
  await page.getByRole("button", { name: t("en", "curation.actions.approve") }).click();
  await expect(page.getByRole("status")).toHaveText(t("en", "curation.flash.approved", { name: "Daun Kakao Wonodadi" }));
  await expect(page.getByTestId("motif-status")).toHaveText(t("en", "curation.form.state", { status: t("en", "curation.status.published") }));
  await visit(page, "/en/motifs/daun-kakao-wonodadi");
  await expect(page.getByRole("heading", { level: 1, name: "Daun Kakao Wonodadi" })).toBeVisible();
});

test("the officer features a product and it shows on the home page", async ({ page }) => {
  test.slow();
  await logIn(page, "id");
  await page.getByRole("link", { name: t("id", "curation.menu.featured") }).click();
  await expect(page).toHaveURL(/\/association\/featured$/);
  await visit(page, "/association/featured");
  const products = page.getByRole("region", { name: new RegExp(`^${t("id", "curation.featured.productsTitle")}`) });
  // Make room among the eight featured pieces the home page shows, then feature the newest piece that is not featured.
  const wasFeatured = products.locator('li[data-featured="yes"]').first();
  const wasFeaturedName = (await wasFeatured.getByRole("link").textContent())!;
  const candidate = products.locator('li[data-featured="no"]').first();
  const candidateName = (await candidate.getByRole("link").textContent())!;
  await wasFeatured.getByRole("button", { name: `${t("id", "curation.featured.unfeature")}: ${wasFeaturedName}` }).click();
  await expect(page.getByRole("status")).toHaveText(t("id", "curation.flash.unfeatured", { name: wasFeaturedName }));
  await products
    .getByRole("listitem")
    .filter({ has: page.getByRole("link", { name: candidateName, exact: true }) })
    .getByRole("button", { name: `${t("id", "curation.featured.feature")}: ${candidateName}` })
    .click();
  await expect(page.getByRole("status")).toHaveText(t("id", "curation.flash.featured", { name: candidateName }));

  // The search box narrows the product list.
  await page.getByLabel(t("id", "curation.featured.searchLabel")).fill(candidateName);
  await page.getByRole("main").getByRole("button", { name: t("id", "curation.featured.search"), exact: true }).click();
  await expect(page).toHaveURL(/\/association\/featured\?q=/);
  await expect(products.locator('li[data-featured="yes"]').getByRole("link", { name: candidateName, exact: true })).toBeVisible();

  await visit(page, "/");
  const home = page.getByRole("region", { name: t("id", "home.productsTitle") });
  await expect(home.getByRole("link", { name: candidateName, exact: true })).toBeVisible();
});

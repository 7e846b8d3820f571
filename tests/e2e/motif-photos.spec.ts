/**
 * Photos of motifs: the association opens a motif from its curation page,
 * uploads a photo, waits for it to be processed (the page refreshes itself
 * with JavaScript; without, the curator reloads) and finds it on the public
 * motif page. Each project works on its own published motif (the two runs
 * share the database). The artisan's proposals link to their photo pages.
 */
import type { Page } from "@playwright/test";
import sharp from "sharp";
import { queryAll } from "./e2e-db";
import { expect, test, visit } from "./fixtures";
import { t } from "./strings";

const SLOW = { timeout: 20_000 };

/** A published motif of the demo data: the first for one project, the second for the other. */
function publishedMotif(index: number): { id: number; slug: string; name: string } {
  const rows = queryAll<{ id: number; slug: string; name: string }>("select id, slug, name from motifs where status = 'published' order by id");
  expect(rows.length).toBeGreaterThan(index);
  return rows[index];
}

async function logIn(page: Page, email: string) {
  await visit(page, "/login");
  await page.getByLabel(t("id", "login.email")).fill(email);
  await page.getByLabel(t("id", "login.password"), { exact: true }).fill("batik-demo-2026");
  await page.getByRole("button", { name: t("id", "login.submit") }).click();
  await expect(page).not.toHaveURL(/\/login/, SLOW);
}

test("the association adds a photo to a motif and, once ready, it is on the public motif page @nojs", async ({ page }) => {
  test.setTimeout(180_000);
  const noJs = test.info().project.name === "no-js";
  const motif = publishedMotif(noJs ? 1 : 0);
  await logIn(page, "association@demo.test");
  await visit(page, `/association/motifs/${motif.id}`);
  await page.getByRole("link", { name: t("id", "photos.curation.manage") }).click();
  await expect(page).toHaveURL(new RegExp(`/association/motifs/${motif.id}/photos$`));
  await expect(page.getByRole("heading", { level: 1, name: t("id", "photos.curation.title", { name: motif.name }) })).toBeVisible();
  const before = await page.locator(".photo-item").count();

  const photo = await sharp({ create: { width: 1000, height: 800, channels: 3, background: noJs ? "#5a2e12" : "#12405a" } }).jpeg().toBuffer();
  await page.getByLabel(t("id", "photos.upload.label", { max: 10 })).setInputFiles({ name: "motif.jpg", mimeType: "image/jpeg", buffer: photo });
  await page.getByRole("button", { name: t("id", "photos.upload.submit") }).click();
  await expect(page.getByText(t("id", "photos.flash.uploaded_one", { count: 1 }))).toBeVisible(SLOW);
  await expect(page.locator(".photo-item")).toHaveCount(before + 1);
  const item = page.locator(".photo-item").last();
  const id = Number(await item.getAttribute("data-image-id"));
  expect(id).toBeGreaterThan(0);

  await expect(async () => {
    if (noJs) await page.reload();
    await expect(item).toHaveAttribute("data-status", "ready", { timeout: 3_000 });
  }).toPass({ timeout: 60_000 });

  // The public page shows it (its file name ends with the image id).
  await visit(page, `/motifs/${motif.slug}`);
  await expect(page.locator(`img[srcset*="-${id}.webp"]`)).toHaveCount(1);
});

test("an artisan proposes a motif, then opens its photo page from the list, in English", async ({ page }) => {
  await logIn(page, "artisan@demo.test");
  await visit(page, "/en/dashboard/motifs");
  await expect(page.getByText(t("en", "photos.motif.afterSaving"))).toBeVisible();
  const name = `Sekar E2E ${Date.now()}`;
  await page.getByLabel(t("en", "shopFacts.motifs.name")).fill(name);
  await page.getByRole("button", { name: t("en", "shopFacts.motifs.submit") }).click();
  const proposal = page.locator(".panel", { has: page.getByRole("heading", { name }) });
  await expect(proposal).toBeVisible(SLOW);
  const motifId = await proposal.getAttribute("data-motif-id");
  await proposal.getByRole("link", { name: t("en", "photos.motif.manage") }).click();
  await expect(page).toHaveURL(new RegExp(`/en/dashboard/motifs/${motifId}/photos$`));
  await expect(page.getByRole("heading", { level: 1, name: t("en", "photos.motif.title", { name }) })).toBeVisible();
  await expect(page.getByRole("button", { name: t("en", "photos.upload.submit") })).toBeVisible();
});

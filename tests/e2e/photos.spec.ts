/**
 * Product photos in the artisan's dashboard, with and without JavaScript: a
 * JPEG is uploaded, shows "processing" and then the picture; it moves up,
 * gets alt text in both languages and is deleted after a confirmation. A
 * text file named .jpg is refused with a clear message. Each project works
 * on its own product of the demo shop (the two runs share the database).
 */
import type { Page } from "@playwright/test";
import sharp from "sharp";
import { queryAll } from "./e2e-db";
import { allowConsoleError, expect, test, visit } from "./fixtures";
import { t } from "./strings";

const SLOW = { timeout: 20_000 };

/** A product of the demo artisan's shop: the first for one project, the second for the other. */
function demoProductId(index: number): number {
  const rows = queryAll<{ id: number }>(
    "select p.id from products p join artisans a on a.id = p.artisan_id join users u on u.id = a.owner_user_id where u.email = 'artisan@demo.test' order by p.id",
  );
  expect(rows.length).toBeGreaterThan(index);
  return rows[index].id;
}

async function logIn(page: Page) {
  await visit(page, "/login");
  await page.getByLabel(t("id", "login.email")).fill("artisan@demo.test");
  await page.getByLabel(t("id", "login.password"), { exact: true }).fill("batik-demo-2026");
  await page.getByRole("button", { name: t("id", "login.submit") }).click();
  await expect(page).not.toHaveURL(/\/login/, SLOW);
}

const imageIds = async (page: Page) => (await page.locator(".photo-item").evaluateAll((items) => items.map((i) => Number(i.getAttribute("data-image-id")))));

test("an artisan uploads a photo, sees it processed, moves it, describes it and deletes it @nojs", async ({ page }) => {
  test.setTimeout(180_000);
  const noJs = test.info().project.name === "no-js";
  const productId = demoProductId(noJs ? 1 : 0);
  const url = `/dashboard/products/${productId}/photos`;
  await logIn(page);
  await visit(page, url);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  const before = await imageIds(page);

  // A text file named .jpg: refused, with the reason, and nothing added (without JavaScript the page answers 400).
  allowConsoleError(page, /status of 400 \(Bad Request\)/);
  await page.getByLabel(t("id", "photos.upload.label", { max: 10 })).setInputFiles({ name: "catatan.jpg", mimeType: "image/jpeg", buffer: Buffer.from("bukan foto") });
  await page.getByRole("button", { name: t("id", "photos.upload.submit") }).click();
  await expect(page.getByText(t("id", "photos.errors.not_image")).first()).toBeVisible(SLOW);
  expect(await imageIds(page)).toEqual(before);

  // A real JPEG.
  const photo = await sharp({ create: { width: 1200, height: 900, channels: 3, background: noJs ? "#6b3a1f" : "#1f3a68" } }).jpeg().toBuffer();
  await page.getByLabel(t("id", "photos.upload.label", { max: 10 })).setInputFiles({ name: "kain-baru.jpg", mimeType: "image/jpeg", buffer: photo });
  await page.getByRole("button", { name: t("id", "photos.upload.submit") }).click();
  await expect(page.getByText(t("id", "photos.flash.uploaded_one", { count: 1 }))).toBeVisible(SLOW);
  const after = await imageIds(page);
  expect(after.slice(0, before.length)).toEqual(before);
  expect(after).toHaveLength(before.length + 1);
  const id = after.at(-1)!;
  const item = () => page.locator(`.photo-item[data-image-id="${id}"]`);

  // Processing, then shown (with JavaScript the page asks again by itself; without, the artisan reloads).
  await expect(async () => {
    if (noJs) await page.reload();
    await expect(item()).toHaveAttribute("data-status", "ready", { timeout: 3_000 });
  }).toPass({ timeout: 60_000 });
  await expect(item().locator("img")).toHaveAttribute("srcset", /\/images\/[0-9a-f]{64}-\d+\.webp 320w/);

  // Move it up one place.
  const n = after.length;
  await item().getByRole("button", { name: t("id", "photos.move.up", { n }) }).click();
  await expect(page.getByText(t("id", "photos.flash.moved"))).toBeVisible(SLOW);
  expect(await imageIds(page)).toEqual([...before.slice(0, -1), id, before.at(-1)!].filter((x) => x !== undefined));

  // Alt text in both languages.
  await item().getByLabel(t("id", "photos.alt.id")).fill("Kain batik tulis, tampak depan");
  await item().getByLabel(t("id", "photos.alt.en")).fill("Hand-drawn batik cloth, front");
  await item().getByRole("button", { name: t("id", "photos.alt.save") }).click();
  await expect(page.getByText(t("id", "photos.flash.altSaved"))).toBeVisible(SLOW);
  await visit(page, url);
  await expect(item().getByLabel(t("id", "photos.alt.id"))).toHaveValue("Kain batik tulis, tampak depan");
  await expect(item().getByLabel(t("id", "photos.alt.en"))).toHaveValue("Hand-drawn batik cloth, front");

  // Delete, after a confirmation.
  const position = (await imageIds(page)).indexOf(id) + 1;
  await item().getByText(t("id", "photos.delete.open", { n: position })).click();
  await item().getByRole("button", { name: t("id", "photos.delete.confirm") }).click();
  await expect(page.getByText(t("id", "photos.flash.deleted"))).toBeVisible(SLOW);
  expect(await imageIds(page)).toEqual(before);
});

test("the profile photo page shows the shop's picture and gallery, in English too", async ({ page }) => {
  await logIn(page);
  await visit(page, "/en/dashboard/profile/photo");
  await expect(page.getByRole("heading", { level: 1, name: t("en", "photos.profile.title") })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: t("en", "photos.profile.pictureHeading") })).toBeVisible();
});

import { expect, test, visit } from "./fixtures";

test.describe("site shell", () => {
  test("home page in Indonesian @nojs", async ({ page }) => {
    await visit(page, "/");
    await expect(page.locator("html")).toHaveAttribute("lang", "id");
    await expect(page.getByRole("navigation", { name: "Navigasi utama" })).toBeVisible();
  });

  test("home page in English @nojs", async ({ page }) => {
    await visit(page, "/en");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
  });

  test("404 in each language @nojs", async ({ page }) => {
    await visit(page, "/nope", { status: 404 });
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Halaman tidak ditemukan");
    await visit(page, "/en/nope", { status: 404 });
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
  });
});

/**
 * The site shell: languages, navigation, search, 404s, CSP and hydration.
 * Page-specific specs (motifs, products, artisans, events) live in pages-*.spec.ts.
 */
import fs from "node:fs";
import path from "node:path";
import { expectAccessible, expect, test, visit } from "./fixtures";

type Strings = { [key: string]: string | Strings };
const strings = (locale: "id" | "en") =>
  JSON.parse(fs.readFileSync(path.join(process.cwd(), `app/locales/${locale}.json`), "utf8")) as Strings;
const ID = strings("id");
const EN = strings("en");
/** A UI string by its dotted key, so a wording change does not break the tests. */
function t(locale: Strings, key: string): string {
  const value = key.split(".").reduce<string | Strings>((node, part) => (node as Strings)[part], locale);
  if (typeof value !== "string") throw new Error(`no string ${key}`);
  return value;
}

/** Motifs of Blitar (../shared/context/blitar-facts.md) that the demo data is built from. */
const REAL_MOTIFS =
  /Cakra Palah|Puspa Dahana|Nareswari|Tutur|Awu Nanas|Celeret Dubang|Cindhe Gadhing|Gambir Sepuh|Galih Dhempo|Gobog|Jalu Watu|Mirong Kampuh|Mupus Pupus|Pedhut Kelut|Podhang|Prumpun|Simo Samaran|Tanjung Manila|Winih Semi|Sekar Jagad|Grebeg Pancasila|Gendang Jimbe|Koi|Belimbing|Penataran|Bendo/i;

test.describe("home page", () => {
  test("Indonesian at / with real motifs and an upcoming event @nojs", async ({ page }) => {
    await visit(page, "/");
    await expect(page.locator("html")).toHaveAttribute("lang", "id");
    await expect(page).toHaveTitle(t(ID, "home.metaTitle"));
    await expect(page.getByRole("navigation", { name: t(ID, "nav.main") })).toBeVisible();

    const motifs = page.getByRole("region", { name: t(ID, "home.motifsTitle") });
    const motifNames = await motifs.getByRole("heading", { level: 3 }).allInnerTexts();
    expect(motifNames.length).toBeGreaterThanOrEqual(4);
    expect(motifNames.filter((name) => REAL_MOTIFS.test(name)).length, motifNames.join(", ")).toBeGreaterThanOrEqual(2);

    const products = page.getByRole("region", { name: t(ID, "home.productsTitle") });
    await expect(products.getByRole("link").first()).toHaveAttribute("href", /^\/products\/[\w-]+$/);

    const events = page.getByRole("region", { name: t(ID, "home.eventsTitle") });
    const eventLinks = events.getByRole("heading", { level: 3 }).getByRole("link");
    await expect(eventLinks.first()).toHaveAttribute("href", /^\/events\/[\w-]+$/);
    await expect(events).toContainText("WIB");
  });

  test("English at /en @nojs", async ({ page }) => {
    await visit(page, "/en");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page).toHaveTitle(t(EN, "home.metaTitle"));
    await expect(page.getByRole("navigation", { name: t(EN, "nav.main") })).toBeVisible();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(t(EN, "home.heroTitle"));
    const motifs = page.getByRole("region", { name: t(EN, "home.motifsTitle") });
    await expect(motifs.getByRole("link").first()).toHaveAttribute("href", /^\/en\/motifs\/[\w-]+$/);
    const events = page.getByRole("region", { name: t(EN, "home.eventsTitle") });
    await expect(events.getByRole("heading", { level: 3 }).getByRole("link").first()).toHaveAttribute(
      "href",
      /^\/en\/events\/[\w-]+$/,
    );
  });
});

test.describe("languages", () => {
  test("the language switch keeps the current page and query @nojs", async ({ page }) => {
    await visit(page, "/products?q=kawung&sort=price");
    await page.getByRole("link", { name: t(ID, "nav.switchTo") }).click();
    await expect(page).toHaveURL(/\/en\/products\?q=kawung&sort=price$/);
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expectAccessible(page);

    await page.getByRole("link", { name: t(EN, "nav.switchTo") }).click();
    await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/products\?q=kawung&sort=price$/);
    await expect(page.locator("html")).toHaveAttribute("lang", "id");
  });

  test("hreflang alternates point at both languages of the same page @nojs", async ({ page, baseURL }) => {
    for (const start of ["/motifs", "/en/motifs"]) {
      await visit(page, start);
      const alternate = (lang: string) => page.locator(`head link[rel="alternate"][hreflang="${lang}"]`);
      await expect(alternate("id")).toHaveAttribute("href", `${baseURL}/motifs`);
      await expect(alternate("en")).toHaveAttribute("href", `${baseURL}/en/motifs`);
      await expect(alternate("x-default")).toHaveAttribute("href", `${baseURL}/motifs`);
    }
  });

  test("a 404 page in each language with status 404 @nojs", async ({ page }) => {
    await visit(page, "/halaman-yang-tidak-ada", { status: 404 });
    await expect(page.locator("html")).toHaveAttribute("lang", "id");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(t(ID, "errors.notFoundTitle"));
    await expect(page.getByRole("link", { name: t(ID, "errors.backHome") })).toHaveAttribute("href", "/");

    await visit(page, "/en/no-such-page", { status: 404 });
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(t(EN, "errors.notFoundTitle"));
    await expect(page.getByRole("link", { name: t(EN, "errors.backHome") })).toHaveAttribute("href", "/en");

    // Only "en" is a language prefix: /fr/... is not a page in French but a 404.
    await visit(page, "/fr/motifs", { status: 404 });
  });
});

test.describe("navigation and search", () => {
  test("the main navigation reaches every section @nojs", async ({ page }) => {
    await visit(page, "/");
    const nav = page.getByRole("navigation", { name: t(ID, "nav.main") });
    for (const [key, url] of [
      ["nav.motifs", "/motifs"],
      ["nav.products", "/products"],
      ["nav.artisans", "/artisans"],
      ["nav.events", "/events"],
    ] as const) {
      await nav.getByRole("link", { name: t(ID, key), exact: true }).click();
      await expect(page).toHaveURL(new RegExp(`${url}$`));
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expect(nav.getByRole("link", { name: t(ID, key), exact: true })).toHaveAttribute("aria-current", "page");
      await expectAccessible(page);
    }
  });

  test("the header search submits to /products?q= in the page's language @nojs", async ({ page }) => {
    await visit(page, "/motifs");
    await page.getByRole("searchbox", { name: t(ID, "nav.searchLabel") }).fill("batik tulis");
    await page.getByRole("searchbox", { name: t(ID, "nav.searchLabel") }).press("Enter");
    await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/products\?q=batik(\+|%20)tulis$/);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectAccessible(page);

    await visit(page, "/en/events");
    await page.getByRole("searchbox", { name: t(EN, "nav.searchLabel") }).fill("kawung");
    await page.getByRole("button", { name: t(EN, "nav.search"), exact: true }).click();
    await expect(page).toHaveURL(/\/en\/products\?q=kawung$/);
  });

  test("skip link leads to the main content @nojs", async ({ page }) => {
    await visit(page, "/");
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: t(ID, "nav.skipToContent") });
    await expect(skip).toBeFocused();
    await expect(skip).toHaveAttribute("href", "#main");
  });
});

test.describe("security and hydration", () => {
  test("documents carry a CSP with script hashes, and the app hydrates under it", async ({ page }) => {
    const response = await visit(page, "/");
    const csp = response.headers()["content-security-policy"] ?? "";
    expect(csp).toMatch(/script-src 'self'( 'sha256-[A-Za-z0-9+/]+=*')+/);
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain("unsafe-inline");

    // visit() waited for hydration; a client-side navigation proves the router
    // runs: the marker set on window survives only if the document is not reloaded.
    await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));
    await page.getByRole("navigation", { name: t(ID, "nav.main") }).getByRole("link", { name: t(ID, "nav.motifs") }).click();
    await expect(page).toHaveURL(/\/motifs$/);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
    // Any CSP violation or hydration error would have been a console error: the fixture fails the test on it.
  });

  test("pages show WIB whatever the browser's time zone", async ({ page }) => {
    await visit(page, "/en");
    expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe("America/New_York");
    await expect(page.getByRole("contentinfo")).toContainText(t(EN, "footer.timezone"));
  });
});

test.describe("the harness itself", () => {
  test("the accessibility check fails on a violation", async ({ page }) => {
    // A page the app never serves, with an image that has no alt text.
    await page.route("**/__axe-probe", (route) =>
      route.fulfill({
        contentType: "text/html",
        body: '<!doctype html><html lang="en"><head><title>probe</title></head><body><main><img src="/favicon.svg"></main></body></html>',
      }),
    );
    await page.goto("/__axe-probe");
    await expect(expectAccessible(page)).rejects.toThrow(/image-alt/);
  });
});

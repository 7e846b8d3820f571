/**
 * The product page (Batikmark grade, artisan card, "ask the artisan" link,
 * WhatsApp button, related products, stock), the artisans directory filters
 * without JavaScript, and the WhatsApp redirect. Demo data: Batik Lintang
 * Tlogo holds a verified gold (tulis) Batikmark and WhatsApp +6281200000101;
 * three public shops are in Kanigoro.
 */
import { expect, test, visit } from "./fixtures";
import { t } from "./strings";

/** "12 pengrajin" / "1 artisan": the plural forms are separate keys. */
const artisanCount = (locale: "id" | "en", count: number) => t(locale, count === 1 ? "artisans.count_one" : "artisans.count_other", { count });

/** A hand-drawn (tulis) cloth of Batik Lintang Tlogo with one piece left. */
const PRODUCT = "kain-batik-tulis-relief-penataran-sogan-lintang";
const ARTISAN = "batik-lintang-tlogo";
const NUMBER_DIGITS = "81200000101";
const CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

test.describe("product page", () => {
  test("shows the Batikmark grade, the artisan card, the ask link, the WhatsApp button and related products @nojs", async ({ page }) => {
    await visit(page, `/products/${PRODUCT}`);
    const main = page.getByRole("main");
    await expect(main.locator(".stock")).toHaveText(t("id", "products.lastOne"));
    // Gold label beside the technique, with its explanation.
    const details = page.getByRole("region", { name: t("id", "products.details"), exact: true });
    await expect(details.locator(".legal-badge--gold")).toContainText(t("id", "labels.badge.grade.gold"));
    await expect(details).toContainText("SNI 8184");

    const card = page.getByRole("region", { name: t("id", "products.fromArtisan"), exact: true });
    await expect(card.locator(".mini-profile__name")).toHaveText("Batik Lintang Tlogo");
    await expect(card).toContainText("Tlogo, Kanigoro");
    await expect(card.locator(".verified-mark")).toHaveText(`${t("id", "artisans.verifiedMember")} · APBB`);
    await expect(card.locator("img")).toHaveAttribute("srcset", /320w/);
    await expect(card.getByRole("link", { name: t("id", "products.artisanLink", { name: "Batik Lintang Tlogo" }) })).toHaveAttribute("href", `/artisans/${ARTISAN}`);

    await expect(main.getByRole("link", { name: t("id", "products.askArtisan") })).toHaveAttribute("href", `/inquiries/new?product=${PRODUCT}`);
    const chat = main.getByRole("link", { name: t("id", "whatsapp.button") });
    await expect(chat).toHaveAttribute("href", `/artisans/${ARTISAN}/whatsapp?product=${PRODUCT}`);
    await expect(chat).toHaveAttribute("rel", "nofollow");
    // No add-to-cart until sales exist.
    await expect(main.getByRole("button")).toHaveCount(0);

    const related = page.getByRole("region", { name: t("id", "products.related"), exact: true });
    const links = await related.locator("article h3 a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    expect(links.length).toBeGreaterThan(0);
    expect(links.length).toBeLessThanOrEqual(4);
    expect(links).not.toContain(`/products/${PRODUCT}`);
    expect(new Set(links).size).toBe(links.length);

    expect(await page.content()).not.toContain(NUMBER_DIGITS);
  });

  test("is in English under /en, with English links", async ({ page }) => {
    await visit(page, `/en/products/${PRODUCT}`);
    const main = page.getByRole("main");
    await expect(main.getByRole("link", { name: t("en", "products.askArtisan") })).toHaveAttribute("href", `/en/inquiries/new?product=${PRODUCT}`);
    await expect(main.getByRole("link", { name: t("en", "whatsapp.button") })).toHaveAttribute("href", `/en/artisans/${ARTISAN}/whatsapp?product=${PRODUCT}`);
    await expect(main.locator(".legal-badge--gold")).toContainText(t("en", "labels.badge.grade.gold"));
  });

  test("the WhatsApp link is a local route that answers 302 to wa.me with the reference code", async ({ page }) => {
    await visit(page, `/products/${PRODUCT}`);
    const href = await page.getByRole("link", { name: t("id", "whatsapp.button") }).getAttribute("href");
    expect(href).toBe(`/artisans/${ARTISAN}/whatsapp?product=${PRODUCT}`);
    const response = await page.request.get(href!, { maxRedirects: 0, headers: { "User-Agent": CHROME } });
    expect(response.status()).toBe(302);
    expect(response.headers()["cache-control"]).toBe("no-store");
    const location = new URL(response.headers()["location"]);
    expect(`${location.origin}${location.pathname}`).toBe(`https://wa.me/62${NUMBER_DIGITS}`);
    const text = location.searchParams.get("text") ?? "";
    expect(text).toMatch(/^Halo Batik Lintang Tlogo, saya tertarik dengan Kain Batik Tulis Relief Penataran Sogan \(http:\/\/127\.0\.0\.1:\d+\/products\/kain-batik-tulis-relief-penataran-sogan-lintang\)\. Kode referensi: BB-[2-9A-HJKMNP-Z]{6}$/);
    // A crawler is sent to the profile instead.
    const bot = await page.request.get(href!, { maxRedirects: 0, headers: { "User-Agent": "Googlebot/2.1 (+http://www.google.com/bot.html)" } });
    expect(bot.status()).toBe(302);
    expect(bot.headers()["location"]).toBe(`/artisans/${ARTISAN}`);
  });
});

test.describe("artisan page", () => {
  test("has the ask and WhatsApp buttons and never the number @nojs", async ({ page }) => {
    await visit(page, `/artisans/${ARTISAN}`);
    await expect(page.getByRole("main").getByRole("link", { name: t("id", "products.askArtisan") })).toHaveAttribute(
      "href",
      `/inquiries/new?artisan=${ARTISAN}`,
    );
    const chat = page.getByRole("main").getByRole("link", { name: t("id", "whatsapp.button") });
    await expect(chat).toHaveAttribute("href", `/artisans/${ARTISAN}/whatsapp`);
    await expect(chat).toHaveAttribute("rel", "nofollow");
    expect(await page.content()).not.toContain(NUMBER_DIGITS);
  });
});

test.describe("artisans directory", () => {
  test("filters by district and technique without JavaScript, with counts, chips and noindex @nojs", async ({ page }) => {
    await visit(page, "/artisans");
    const count = page.locator(".result-count");
    // The demo has 12 public shops; another spec may verify one more while this runs, so read the list.
    const total = await page.getByRole("main").locator("article").count();
    expect(total).toBeGreaterThanOrEqual(12);
    await expect(count).toHaveText(artisanCount("id", total));
    await expect(page.locator('meta[name="robots"]')).toHaveCount(0);

    const district = page.getByLabel(t("id", "artisans.filterDistrict"));
    await district.selectOption("Kanigoro");
    const kanigoro = Number(/^Kanigoro \((\d+)\)$/.exec(await district.locator("option:checked").innerText())?.[1]);
    expect(kanigoro).toBeGreaterThanOrEqual(3);
    await page.getByRole("button", { name: t("id", "artisans.filterApply") }).click();
    await expect(page).toHaveURL(/\/artisans\?district=Kanigoro&technique=$/);
    await expect(count).toHaveText(artisanCount("id", kanigoro));
    await expect(page.getByRole("main").locator("article")).toHaveCount(kanigoro);
    await expect(page.locator('meta[name="robots"]')).toHaveAttribute("content", "noindex, follow");
    await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", /\/artisans$/);

    // The technique counts now keep the district: what each option says is what it gives.
    const technique = page.getByLabel(t("id", "artisans.filterTechnique"));
    const capOption = await technique.locator('option[value="cap"]').innerText();
    const capCount = Number(/\((\d+)\)$/.exec(capOption)?.[1]);
    await technique.selectOption("cap");
    await page.getByRole("button", { name: t("id", "artisans.filterApply") }).click();
    await expect(page).toHaveURL(/\/artisans\?district=Kanigoro&technique=cap$/);
    await expect(count).toHaveText(artisanCount("id", capCount));

    // Each active filter has a link that removes it.
    const label = t("id", "labels.technique.cap");
    await page.getByRole("link", { name: t("id", "artisans.removeFilter", { label }) }).click();
    await expect(page).toHaveURL(/\/artisans\?district=Kanigoro$/);
    await expect(count).toHaveText(artisanCount("id", kanigoro));
  });

  test("shows an empty state with a way out, and ignores unknown values @nojs", async ({ page }) => {
    await visit(page, "/en/artisans?district=Doko&technique=cap");
    await expect(page.getByRole("main")).toContainText(t("en", "artisans.noMatch"));
    await page.getByRole("link", { name: t("en", "artisans.showAll") }).click();
    await expect(page).toHaveURL(/\/en\/artisans$/);
    // Every public shop (12 in the demo, one more if another spec verified a shop meanwhile); with
    // JavaScript the URL changes before the new list renders, so wait for the cards.
    const articles = page.getByRole("main").locator("article");
    await expect.poll(() => articles.count()).toBeGreaterThanOrEqual(12);
    const total = await articles.count();
    await expect(page.locator(".result-count")).toHaveText(artisanCount("en", total));

    // Unknown values are ignored: the whole directory again.
    await visit(page, "/artisans?district=Atlantis&technique=sablon");
    await expect(page.getByRole("main").locator("article")).toHaveCount(total);
    await expect(page.locator(".result-count")).toHaveText(artisanCount("id", total));
  });
});

/**
 * What crawlers and social networks read: on a product page the JSON-LD
 * parses, and canonical, hreflang and Open Graph tags are there in both
 * languages (also without JavaScript: it is all in the server's HTML);
 * /sitemap.xml and /robots.txt answer with the right content types.
 */
import { expect, test, visit } from "./fixtures";

test.describe("SEO", () => {
  test("a product page carries JSON-LD, canonical, hreflang and Open Graph tags in both languages @nojs", async ({ page, baseURL }) => {
    await visit(page, "/products");
    const href = await page.getByRole("main").locator("article h2 a").first().getAttribute("href");
    expect(href).toMatch(/^\/products\/[a-z0-9-]+$/);

    for (const [prefix, ogLocale] of [
      ["", "id_ID"],
      ["/en", "en_US"],
    ] as const) {
      const path = `${prefix}${href}`;
      await visit(page, path);
      const url = `${baseURL}${path}`;
      await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", url);
      await expect(page.locator('link[rel="alternate"][hreflang="id"]')).toHaveAttribute("href", `${baseURL}${href}`);
      await expect(page.locator('link[rel="alternate"][hreflang="en"]')).toHaveAttribute("href", `${baseURL}/en${href}`);
      await expect(page.locator('link[rel="alternate"][hreflang="x-default"]')).toHaveAttribute("href", `${baseURL}${href}`);
      await expect(page.locator('meta[property="og:url"]')).toHaveAttribute("content", url);
      await expect(page.locator('meta[property="og:type"]')).toHaveAttribute("content", "product");
      await expect(page.locator('meta[property="og:locale"]')).toHaveAttribute("content", ogLocale);
      await expect(page.locator('meta[property="og:site_name"]')).toHaveAttribute("content", "Batik Blitar");
      await expect(page.locator('meta[name="twitter:card"]')).toHaveAttribute("content", "summary_large_image");
      const title = await page.title();
      await expect(page.locator('meta[property="og:title"]')).toHaveAttribute("content", title);

      // The social picture is served.
      const image = await page.locator('meta[property="og:image"]').getAttribute("content");
      expect(image).toMatch(new RegExp(`^${baseURL}/images/`));
      const picture = await page.request.get(image!);
      expect(picture.status()).toBe(200);
      expect(picture.headers()["content-type"]).toMatch(/^image\//);

      const blocks = await page.locator('script[type="application/ld+json"]').allTextContents();
      const items = blocks.map((b) => JSON.parse(b) as Record<string, unknown>);
      const product = items.find((i) => i["@type"] === "Product")!;
      expect(product["@context"]).toBe("https://schema.org");
      expect(product.url).toBe(url);
      const offer = product.offers as Record<string, unknown>;
      expect(offer.priceCurrency).toBe("IDR");
      expect(typeof offer.price).toBe("number");
      expect(items.map((i) => i["@type"])).toContain("BreadcrumbList");
    }
  });

  test("the sitemap and robots.txt answer with their content types", async ({ request, baseURL }) => {
    const index = await request.get("/sitemap.xml");
    expect(index.status()).toBe(200);
    expect(index.headers()["content-type"]).toBe("application/xml; charset=utf-8");
    expect(index.headers()["cache-control"]).toBe("public, max-age=3600");
    const body = await index.text();
    expect(body).toContain(`<loc>${baseURL}/sitemaps/products-1.xml</loc>`);

    const products = await request.get("/sitemaps/products-1.xml");
    expect(products.status()).toBe(200);
    expect(products.headers()["content-type"]).toBe("application/xml; charset=utf-8");
    const xml = await products.text();
    expect(xml).toMatch(new RegExp(`<url><loc>${baseURL}/products/[a-z0-9-]+</loc>`));
    expect(xml).toMatch(new RegExp(`<url><loc>${baseURL}/en/products/[a-z0-9-]+</loc>`));
    expect(xml).toContain("<image:image><image:loc>");

    expect((await request.get("/sitemaps/products-999.xml")).status()).toBe(404);

    const robots = await request.get("/robots.txt");
    expect(robots.status()).toBe(200);
    expect(robots.headers()["content-type"]).toBe("text/plain; charset=utf-8");
    const text = await robots.text();
    expect(text).toContain("Disallow: /account\n");
    expect(text).toContain("Disallow: /en/admin\n");
    expect(text).toContain(`Sitemap: ${baseURL}/sitemap.xml`);

    const card = await request.get("/og-default.png");
    expect(card.status()).toBe(200);
    expect(card.headers()["content-type"]).toBe("image/png");
  });
});

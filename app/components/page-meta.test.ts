import { describe, expect, it } from "vitest";
import { excerpt, pageMeta } from "./page-meta";

describe("excerpt", () => {
  it("keeps short text whole and collapses whitespace", () => {
    expect(excerpt("  Batik   tulis\n dari Tlogo ")).toBe("Batik tulis dari Tlogo");
  });

  it("cuts long text at a word boundary under the limit", () => {
    const text = "Cakra Palah ditetapkan sebagai motif ikon Kabupaten Blitar pada 6 Maret 2020, dari relief medalion Candi Penataran.";
    const cut = excerpt(text, 60);
    expect(cut.length).toBeLessThanOrEqual(60);
    expect(cut.endsWith("…")).toBe(true);
    expect(text.startsWith(cut.slice(0, -1))).toBe(true);
    expect(cut).not.toMatch(/[\s,]…$/);
  });
});

describe("pageMeta", () => {
  it("gives nothing for an error response and title, description and Open Graph for data", () => {
    expect(pageMeta(undefined)).toEqual([]);
    const meta = pageMeta({ meta: { title: "Motif · Batik Blitar", description: "Daftar motif" } });
    expect(meta).toContainEqual({ title: "Motif · Batik Blitar" });
    expect(meta).toContainEqual({ name: "description", content: "Daftar motif" });
    expect(meta).toContainEqual({ property: "og:title", content: "Motif · Batik Blitar" });
    expect(meta.some((m) => "name" in m && m.name === "robots")).toBe(false);
  });

  it("asks search engines not to index search results", () => {
    expect(pageMeta({ meta: { title: "t", description: "d", noindex: true } })).toContainEqual({ name: "robots", content: "noindex, follow" });
  });
});

describe("pageMeta for a public page", () => {
  const meta = pageMeta({
    meta: {
      title: "Kain Kawung · Batik Blitar",
      description: "Rp 450.000 · Batik tulis.",
      canonical: "https://batikblitar.id/products/kain-kawung",
      type: "product",
      siteName: "Batik Blitar",
      ogLocale: "id_ID",
      ogLocaleAlternate: "en_US",
      image: { url: "https://batikblitar.id/images/abc-1024.webp", width: 1024, height: 768, alt: "Kain kawung" },
      jsonLd: [{ "@context": "https://schema.org", "@type": "Product", name: "Kain Kawung" }],
    },
  });

  it("gives the canonical link, Open Graph, the Twitter card and the JSON-LD", () => {
    expect(meta).toContainEqual({ tagName: "link", rel: "canonical", href: "https://batikblitar.id/products/kain-kawung" });
    expect(meta).toContainEqual({ property: "og:url", content: "https://batikblitar.id/products/kain-kawung" });
    expect(meta).toContainEqual({ property: "og:type", content: "product" });
    expect(meta).toContainEqual({ property: "og:site_name", content: "Batik Blitar" });
    expect(meta).toContainEqual({ property: "og:locale", content: "id_ID" });
    expect(meta).toContainEqual({ property: "og:locale:alternate", content: "en_US" });
    expect(meta).toContainEqual({ property: "og:image", content: "https://batikblitar.id/images/abc-1024.webp" });
    expect(meta).toContainEqual({ property: "og:image:width", content: "1024" });
    expect(meta).toContainEqual({ property: "og:image:height", content: "768" });
    expect(meta).toContainEqual({ name: "twitter:card", content: "summary_large_image" });
    expect(meta).toContainEqual({ "script:ld+json": { "@context": "https://schema.org", "@type": "Product", name: "Kain Kawung" } });
  });
});

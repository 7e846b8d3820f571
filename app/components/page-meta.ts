import type { JsonLd } from "~/utils/structured-data";

/** A picture for social cards: an absolute URL with its pixel size. */
export type SocialImage = { url: string; width: number; height: number; alt: string };

/**
 * What a public page's loader computes for its <head> (in the page's
 * language). `seoMeta` in app/utils/seo.server.ts fills the absolute URLs
 * (canonical, og:url, og:image) from PUBLIC_ORIGIN; private pages give only
 * title, description and noindex.
 */
export type PageMeta = {
  title: string;
  description: string;
  noindex?: boolean;
  /** Absolute, without a query string; also og:url. */
  canonical?: string;
  /** og:type. */
  type?: "website" | "product" | "profile" | "article";
  siteName?: string;
  /** og:locale ("id_ID" / "en_US") and the other language's. */
  ogLocale?: string;
  ogLocaleAlternate?: string;
  image?: SocialImage | null;
  /** Each object becomes one <script type="application/ld+json"> (Remix escapes <, > and & in it). */
  jsonLd?: JsonLd[];
};

type Descriptor =
  | { title: string }
  | { name: string; content: string }
  | { property: string; content: string }
  | { tagName: "link"; rel: string; href: string }
  | { "script:ld+json": JsonLd };

/** The meta descriptors for a page; an error response has no data, and the error boundary sets its own title. */
export function pageMeta(data: { meta?: PageMeta } | undefined): Descriptor[] {
  if (!data?.meta) return [];
  const { title, description, noindex, canonical, type, siteName, ogLocale, ogLocaleAlternate, image, jsonLd } = data.meta;
  const out: Descriptor[] = [
    { title },
    { name: "description", content: description },
    ...(noindex ? [{ name: "robots", content: "noindex, follow" }] : []),
    ...(canonical ? [{ tagName: "link" as const, rel: "canonical", href: canonical }] : []),
    { property: "og:title", content: title },
    { property: "og:description", content: description },
  ];
  if (type) out.push({ property: "og:type", content: type });
  if (canonical) out.push({ property: "og:url", content: canonical });
  if (siteName) out.push({ property: "og:site_name", content: siteName });
  if (ogLocale) out.push({ property: "og:locale", content: ogLocale });
  if (ogLocaleAlternate) out.push({ property: "og:locale:alternate", content: ogLocaleAlternate });
  if (image) {
    out.push(
      { property: "og:image", content: image.url },
      { property: "og:image:width", content: String(image.width) },
      { property: "og:image:height", content: String(image.height) },
      { property: "og:image:alt", content: image.alt },
    );
  }
  if (canonical || image) {
    out.push(
      { name: "twitter:card", content: image ? "summary_large_image" : "summary" },
      { name: "twitter:title", content: title },
      { name: "twitter:description", content: description },
    );
    if (image) out.push({ name: "twitter:image", content: image.url }, { name: "twitter:image:alt", content: image.alt });
  }
  for (const item of jsonLd ?? []) out.push({ "script:ld+json": item });
  return out;
}

/**
 * A description-sized excerpt (about 160 characters) cut at a word boundary,
 * because search engines truncate longer descriptions mid-word.
 */
export function excerpt(text: string, max = 160): string {
  const clean = text.replace(/\s+/g, " ").trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,.;:–-]+$/, "")}…`;
}

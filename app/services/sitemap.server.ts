/**
 * /sitemap.xml is a sitemap index; the URLs are in child sitemaps under
 * /sitemaps/<kind>-<n>.xml (pages, motifs, products, artisans, events).
 * A single file may hold 50,000 URLs and every page is listed twice (id and
 * en), so the benchmark catalogue (20,000 products) alone would come close;
 * children of PER_FILE pages (2 × PER_FILE URLs, a few MB with images) keep
 * every file far under both limits as the catalogue grows.
 *
 * Each <url> has its language twin as xhtml:link alternates (id, en,
 * x-default = id), its last change and its pictures as image:image.
 */
import type { ImageRef } from "~/models/image.server";
import { listSitemapEntries, SITEMAP_KINDS, sitemapStats, type SitemapKind } from "~/models/public-pages.server";
import { getDb } from "~/utils/db.server";
import { LOCALES } from "~/utils/i18n";
import { absoluteUrl, largestVariant, pageUrl } from "~/utils/seo.server";

/** Detail pages per child sitemap (each in two languages). */
export const PER_FILE = 5000;

/** The list pages, in the "pages" child with the home page. */
const STATIC_PAGES: { path: string; kind: SitemapKind | null }[] = [
  { path: "/", kind: null },
  { path: "/motifs", kind: "motifs" },
  { path: "/products", kind: "products" },
  { path: "/artisans", kind: "artisans" },
  { path: "/events", kind: "events" },
];

export const SITEMAP_HEADERS = { "Content-Type": "application/xml; charset=utf-8", "Cache-Control": "public, max-age=3600" };

export function xmlEscape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c] as string);
}

type Page = { path: string; lastmod: string | null; images: string[] };

function urlEntries(page: Page): string {
  const alternates = [
    ...LOCALES.map((l) => `<xhtml:link rel="alternate" hreflang="${l}" href="${xmlEscape(pageUrl(l, page.path))}"/>`),
    `<xhtml:link rel="alternate" hreflang="x-default" href="${xmlEscape(pageUrl("id", page.path))}"/>`,
  ].join("");
  const images = page.images.map((url) => `<image:image><image:loc>${xmlEscape(url)}</image:loc></image:image>`).join("");
  const lastmod = page.lastmod ? `<lastmod>${xmlEscape(page.lastmod)}</lastmod>` : "";
  return LOCALES.map((l) => `<url><loc>${xmlEscape(pageUrl(l, page.path))}</loc>${lastmod}${alternates}${images}</url>`).join("\n");
}

function urlset(pages: Page[]): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml" xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">',
    ...pages.map(urlEntries),
    "</urlset>",
    "",
  ].join("\n");
}

function imageUrls(images: ImageRef[]): string[] {
  return images.flatMap((i) => largestVariant(i)?.url ?? []);
}

function latest(values: (string | null)[]): string | null {
  return values.reduce<string | null>((max, v) => (v && (!max || v > max) ? v : max), null);
}

/** The index: the pages child and each non-empty slice of each kind. */
export async function sitemapIndexXml(db = getDb(), perFile = PER_FILE): Promise<string> {
  const stats = new Map<SitemapKind, { count: number; lastmod: string | null }>();
  for (const kind of SITEMAP_KINDS) stats.set(kind, await sitemapStats(kind, db));
  const children: { name: string; lastmod: string | null }[] = [{ name: "pages-1.xml", lastmod: latest([...stats.values()].map((s) => s.lastmod)) }];
  for (const kind of SITEMAP_KINDS) {
    const { count, lastmod } = stats.get(kind)!;
    for (let n = 1; n <= Math.ceil(count / perFile); n++) children.push({ name: `${kind}-${n}.xml`, lastmod });
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...children.map(
      (c) => `<sitemap><loc>${xmlEscape(absoluteUrl(`/sitemaps/${c.name}`))}</loc>${c.lastmod ? `<lastmod>${xmlEscape(c.lastmod)}</lastmod>` : ""}</sitemap>`,
    ),
    "</sitemapindex>",
    "",
  ].join("\n");
}

/** A child sitemap by its file name ("products-2.xml"); null when there is no such file. */
export async function childSitemapXml(file: string, db = getDb(), perFile = PER_FILE): Promise<string | null> {
  const match = /^(pages|motifs|products|artisans|events)-([1-9]\d{0,5})\.xml$/.exec(file);
  if (!match) return null;
  const n = Number(match[2]);
  if (match[1] === "pages") {
    if (n !== 1) return null;
    const stats = new Map<SitemapKind, string | null>();
    for (const kind of SITEMAP_KINDS) stats.set(kind, (await sitemapStats(kind, db)).lastmod);
    return urlset(
      STATIC_PAGES.map((p) => ({ path: p.path, lastmod: p.kind ? stats.get(p.kind)! : latest([...stats.values()]), images: [] })),
    );
  }
  const kind = match[1] as SitemapKind;
  const entries = await listSitemapEntries({ kind, offset: (n - 1) * perFile, limit: perFile }, db);
  // Page 1 of a kind exists even when empty; later pages only when they hold something.
  if (entries.length === 0 && n > 1) return null;
  return urlset(entries.map((e) => ({ path: `/${kind}/${e.slug}`, lastmod: e.updated_at, images: imageUrls(e.images) })));
}

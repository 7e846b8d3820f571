/**
 * /sitemap.xml, its child sitemaps and /robots.txt on the seeded demo data.
 * The expected set of pages is computed here straight from the tables (SQL),
 * not through the models the sitemap uses.
 */
import path from "node:path";
import { sql } from "kysely";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { seedIfEmpty } from "#db/seed/index";
import { loader as robotsLoader } from "~/routes/robots[.]txt";
import { loader as indexLoader } from "~/routes/sitemap[.]xml";
import { loader as childLoader } from "~/routes/sitemaps.$file";
import { childSitemapXml, sitemapIndexXml, xmlEscape } from "~/services/sitemap.server";
import { getDb } from "~/utils/db.server";
import { ORIGIN } from "../setup/routes";

type Expected = { path: string; lastmod: string; images: string[] };
type Listed = { loc: string; lastmod: string | null; alternates: Record<string, string>; images: string[] };

let expected: Expected[];

/** The crawler's picture of an image: its largest JPEG, else its largest WebP, else its largest variant. */
async function imageUrlsOf(imageIds: number[]): Promise<string[]> {
  if (imageIds.length === 0) return [];
  const db = getDb();
  const variants = await db
    .selectFrom("image_variants as v")
    .innerJoin("images as i", "i.id", "v.image_id")
    .select(["v.image_id", "v.format", "v.width", "v.key"])
    .where("i.status", "=", "ready")
    .where("v.image_id", "in", imageIds)
    .execute();
  const rank = { jpeg: 0, webp: 1, avif: 2 } as const;
  return imageIds.flatMap((id) => {
    const best = variants.filter((v) => v.image_id === id).sort((a, b) => rank[a.format] - rank[b.format] || b.width - a.width)[0];
    return best ? [`${ORIGIN}/images/${best.key}`] : [];
  });
}

beforeAll(async () => {
  const db = getDb();
  await seedIfEmpty(db, () => {}, { imagesDir: path.join(inject("testRunDir"), "seed-images") });
  const rows = await sql<{ kind: string; id: number; slug: string; updated_at: string; image_ids: string | null }>`
    select 'motifs' as kind, m.id, m.slug, m.updated_at,
      (select group_concat(image_id) from (select image_id from motif_images where motif_id = m.id order by position, image_id)) as image_ids
    from motifs m where m.status = 'published'
    union all
    select 'products', p.id, p.slug, p.updated_at,
      (select group_concat(image_id) from (select image_id from product_images where product_id = p.id order by position, image_id))
    from products p join artisans a on a.id = p.artisan_id
    where p.status = 'published' and a.status = 'active' and a.membership_status = 'verified'
    union all
    select 'artisans', a.id, a.slug, a.updated_at, cast(a.profile_image_id as text)
    from artisans a where a.status = 'active' and a.membership_status = 'verified'
    union all
    select 'events', e.id, e.slug, e.updated_at, cast(e.image_id as text)
    from events e where e.status in ('published', 'cancelled')
  `.execute(db);
  expected = [];
  for (const r of rows.rows) {
    const ids = r.image_ids ? r.image_ids.split(",").map(Number) : [];
    expected.push({ path: `/${r.kind}/${r.slug}`, lastmod: r.updated_at, images: await imageUrlsOf(ids) });
  }
  const latest = (prefix: string) => expected.filter((e) => e.path.startsWith(prefix)).reduce((max, e) => (e.lastmod > max ? e.lastmod : max), "");
  expected.push(
    { path: "/", lastmod: latest("/"), images: [] },
    ...["/motifs", "/products", "/artisans", "/events"].map((p) => ({ path: p, lastmod: latest(`${p}/`), images: [] })),
  );
}, 180_000);

function unescape(text: string) {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");
}

function parseUrlset(xml: string): Listed[] {
  expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"')).toBe(true);
  expect(xml).toContain('xmlns:xhtml="http://www.w3.org/1999/xhtml"');
  expect(xml).toContain('xmlns:image="http://www.google.com/schemas/sitemap-image/1.1"');
  // Well-formed enough: every & starts an entity.
  expect(xml).not.toMatch(/&(?!(amp|lt|gt|quot|apos);)/);
  return [...xml.matchAll(/<url>([\s\S]*?)<\/url>/g)].map(([, body]) => ({
    loc: unescape(/<loc>([^<]*)<\/loc>/.exec(body)![1]),
    lastmod: /<lastmod>([^<]*)<\/lastmod>/.exec(body)?.[1] ?? null,
    alternates: Object.fromEntries(
      [...body.matchAll(/<xhtml:link rel="alternate" hreflang="([^"]+)" href="([^"]+)"\/>/g)].map(([, lang, href]) => [lang, unescape(href)]),
    ),
    images: [...body.matchAll(/<image:image><image:loc>([^<]*)<\/image:loc><\/image:image>/g)].map(([, url]) => unescape(url)),
  }));
}

async function get(loader: (args: never) => unknown, url: string, params: Record<string, string> = {}) {
  const response = (await loader({ request: new Request(`${ORIGIN}${url}`), params, context: {} } as never)) as Response;
  return response;
}

describe("/sitemap.xml", () => {
  it("is an index of child sitemaps that together list every public page in both languages, exactly", async () => {
    const index = await get(indexLoader, "/sitemap.xml");
    expect(index.status).toBe(200);
    expect(index.headers.get("Content-Type")).toBe("application/xml; charset=utf-8");
    expect(index.headers.get("Cache-Control")).toBe("public, max-age=3600");
    const body = await index.text();
    expect(body).toContain('<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');
    const children = [...body.matchAll(/<sitemap><loc>([^<]+)<\/loc>/g)].map(([, loc]) => loc);
    expect(children).toEqual([
      `${ORIGIN}/sitemaps/pages-1.xml`,
      `${ORIGIN}/sitemaps/motifs-1.xml`,
      `${ORIGIN}/sitemaps/products-1.xml`,
      `${ORIGIN}/sitemaps/artisans-1.xml`,
      `${ORIGIN}/sitemaps/events-1.xml`,
    ]);

    const listed: Listed[] = [];
    for (const child of children) {
      const file = child.split("/").pop()!;
      const response = await get(childLoader, `/sitemaps/${file}`, { file });
      expect(response.status).toBe(200);
      expect(response.headers.get("Content-Type")).toBe("application/xml; charset=utf-8");
      expect(response.headers.get("Cache-Control")).toBe("public, max-age=3600");
      listed.push(...parseUrlset(await response.text()));
    }

    const want = expected.flatMap((e) => [
      { loc: `${ORIGIN}${e.path}`, ...e },
      { loc: `${ORIGIN}${e.path === "/" ? "/en" : `/en${e.path}`}`, ...e },
    ]);
    expect(expected.length).toBeGreaterThan(100);
    expect(listed.map((l) => l.loc).sort()).toEqual(want.map((w) => w.loc).sort());
    expect(new Set(listed.map((l) => l.loc)).size).toBe(listed.length);

    const byLoc = new Map(listed.map((l) => [l.loc, l]));
    for (const w of want) {
      const entry = byLoc.get(w.loc)!;
      expect(entry.lastmod, w.loc).toBe(w.lastmod);
      expect(entry.images, w.loc).toEqual(w.images);
      const id = `${ORIGIN}${w.path}`;
      const en = `${ORIGIN}${w.path === "/" ? "/en" : `/en${w.path}`}`;
      expect(entry.alternates).toEqual({ id, en, "x-default": id });
    }
    // Products and motifs carry pictures; the lists do not.
    expect(byLoc.get(want.find((w) => w.path.startsWith("/products/"))!.loc)!.images.length).toBeGreaterThan(0);
    expect(byLoc.get(`${ORIGIN}/products`)!.images).toEqual([]);
  });

  it("leaves out drafts, archived products, unverified shops and their products, proposed motifs and draft events", async () => {
    const db = getDb();
    const hidden = await sql<{ path: string }>`
      select '/products/' || p.slug as path from products p join artisans a on a.id = p.artisan_id
        where p.status != 'published' or a.membership_status != 'verified' or a.status != 'active'
      union all select '/artisans/' || slug from artisans where membership_status != 'verified' or status != 'active'
      union all select '/motifs/' || slug from motifs where status != 'published'
      union all select '/events/' || slug from events where status = 'draft'`.execute(db);
    expect(hidden.rows.length).toBeGreaterThan(3);
    const all: string[] = [];
    for (const file of ["pages-1.xml", "motifs-1.xml", "products-1.xml", "artisans-1.xml", "events-1.xml"]) all.push((await childSitemapXml(file))!);
    const text = all.join("\n");
    for (const { path: p } of hidden.rows) expect(text, p).not.toContain(`<loc>${ORIGIN}${p}</loc>`);
  });

  it("splits a kind over numbered child sitemaps when it outgrows one file", async () => {
    const db = getDb();
    const products = expected.filter((e) => e.path.startsWith("/products/")).length;
    const perFile = 10;
    const index = await sitemapIndexXml(db, perFile);
    const files = Math.ceil(products / perFile);
    for (let n = 1; n <= files; n++) expect(index).toContain(`<loc>${ORIGIN}/sitemaps/products-${n}.xml</loc>`);
    expect(index).not.toContain(`products-${files + 1}.xml`);
    let count = 0;
    for (let n = 1; n <= files; n++) {
      const urls = parseUrlset((await childSitemapXml(`products-${n}.xml`, db, perFile))!);
      expect(urls.length).toBe(n < files ? perFile * 2 : (products - perFile * (files - 1)) * 2);
      count += urls.length;
    }
    expect(count).toBe(products * 2);
    expect(await childSitemapXml(`products-${files + 1}.xml`, db, perFile)).toBeNull();
  });

  it("answers 404 for a child sitemap that does not exist", async () => {
    for (const file of ["products-0.xml", "products-99.xml", "pages-2.xml", "users-1.xml", "products-1.txt", "../etc/passwd", "x".repeat(5000)]) {
      const outcome = await get(childLoader, `/sitemaps/${encodeURIComponent(file)}`, { file }).catch((e: unknown) => e as Response);
      expect(outcome.status, file).toBe(404);
    }
  });

  it("escapes XML special characters", () => {
    expect(xmlEscape(`a&b<c>"d"'e'`)).toBe("a&amp;b&lt;c&gt;&quot;d&quot;&apos;e&apos;");
  });
});

describe("/robots.txt", () => {
  it("lets crawlers into the public site, keeps them out of private pages in both languages and names the sitemap", async () => {
    const response = await get(robotsLoader, "/robots.txt");
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/plain; charset=utf-8");
    const lines = (await response.text()).split("\n");
    expect(lines[0]).toBe("User-agent: *");
    expect(lines).toContain("Allow: /");
    const paths = [
      "/account",
      "/dashboard",
      "/admin",
      "/agency",
      "/association",
      "/organizer",
      "/checkout",
      "/cart",
      "/orders",
      "/inquiries",
      "/login",
      "/signup",
      "/logout",
      "/forgot-password",
      "/reset-password",
      "/confirm-email",
      "/products/suggest",
      "/artisans/*/whatsapp",
      "/r/",
      "/favourites",
    ];
    for (const p of paths) {
      expect(lines).toContain(`Disallow: ${p}`);
      expect(lines).toContain(`Disallow: /en${p}`);
    }
    expect(lines.filter((l) => l.startsWith("Disallow:"))).toHaveLength(paths.length * 2);
    // Nothing public is disallowed.
    for (const publicPath of ["/", "/motifs", "/products", "/artisans", "/events", "/en"]) expect(lines).not.toContain(`Disallow: ${publicPath}`);
    expect(lines).toContain(`Sitemap: ${ORIGIN}/sitemap.xml`);
  });
});

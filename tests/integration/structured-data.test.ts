/**
 * The <head> of every public page on the seeded demo data, in both languages,
 * as the loaders and meta exports produce it:
 * - JSON-LD validates against the schema.org types Google reads (Product with
 *   an IDR Offer priced as a number, Organization, BreadcrumbList, Event,
 *   WebSite/SearchAction), and carries no phone number or e-mail address;
 * - canonical, og:url, og:locale and og:image are absolute and right;
 * - no two pages of a language share a title or a description.
 */
import path from "node:path";
import type { MetaFunction } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { seedIfEmpty } from "#db/seed/index";
import * as artisanPage from "~/routes/($lang).artisans.$slug";
import * as artisanList from "~/routes/($lang).artisans._index";
import * as eventPage from "~/routes/($lang).events.$slug";
import * as eventList from "~/routes/($lang).events._index";
import * as home from "~/routes/($lang)._index";
import * as motifPage from "~/routes/($lang).motifs.$slug";
import * as motifList from "~/routes/($lang).motifs._index";
import * as productPage from "~/routes/($lang).products.$slug";
import * as productList from "~/routes/($lang).products._index";
import { getDb } from "~/utils/db.server";
import { ORIGIN, payloadOf } from "../setup/routes";

type Route = { loader: (args: never) => Promise<unknown>; meta: MetaFunction };
type Descriptor = Record<string, unknown>;
type Json = Record<string, unknown>;
const LOCALES = ["id", "en"] as const;
type Locale = (typeof LOCALES)[number];

let slugs: { motifs: string[]; products: string[]; artisans: string[]; events: string[] };
/** Every phone-like and e-mail string the demo artisans have: none may appear in JSON-LD. */
let secrets: string[];

beforeAll(async () => {
  const db = getDb();
  await seedIfEmpty(db, () => {}, { imagesDir: path.join(inject("testRunDir"), "seed-images") });
  const slugsOf = async (query: { execute: () => Promise<{ slug: string }[]> }) => (await query.execute()).map((r) => r.slug);
  slugs = {
    motifs: await slugsOf(db.selectFrom("motifs").select("slug").where("status", "=", "published").orderBy("id")),
    products: await slugsOf(
      db
        .selectFrom("products as p")
        .innerJoin("artisans as a", "a.id", "p.artisan_id")
        .select("p.slug")
        .where("p.status", "=", "published")
        .where("a.status", "=", "active")
        .where("a.membership_status", "=", "verified")
        .orderBy("p.id"),
    ),
    artisans: await slugsOf(db.selectFrom("artisans").select("slug").where("status", "=", "active").where("membership_status", "=", "verified").orderBy("id")),
    events: await slugsOf(db.selectFrom("events").select("slug").where("status", "in", ["published", "cancelled"]).orderBy("id")),
  };
  const contacts = await db
    .selectFrom("artisans as a")
    .leftJoin("users as u", "u.id", "a.owner_user_id")
    .select(["a.whatsapp_number", "u.email"])
    .execute();
  secrets = contacts.flatMap((c) => [c.whatsapp_number, c.whatsapp_number?.replace(/^\+62/, "0"), c.email]).filter((s): s is string => Boolean(s));
}, 180_000);

afterAll(() => undefined);

/** The loader's data and the meta descriptors, as Remix computes them for `path`. */
async function head(route: Route, locale: Locale, path: string, params: Record<string, string> = {}) {
  const url = `${ORIGIN}${locale === "en" ? (path === "/" ? "/en" : `/en${path}`) : path}`;
  const data = payloadOf(await route.loader({ request: new Request(url), params: { ...(locale === "en" ? { lang: "en" } : {}), ...params }, context: {} } as never));
  const meta = route.meta({ data, params, location: { pathname: new URL(url).pathname } } as never) as Descriptor[];
  const jsonLd = meta.flatMap((d) => ("script:ld+json" in d ? [d["script:ld+json"] as Json] : []));
  const find = (key: string, value: string) => meta.find((d) => d[key] === value);
  return {
    url: url.split("?")[0],
    meta,
    jsonLd,
    title: (meta.find((d) => "title" in d)?.title as string) ?? "",
    description: (find("name", "description")?.content as string) ?? "",
    canonical: (meta.find((d) => d.tagName === "link" && d.rel === "canonical")?.href as string) ?? null,
    property: (p: string) => (find("property", p)?.content as string | undefined) ?? null,
    name: (n: string) => (find("name", n)?.content as string | undefined) ?? null,
    ofType: (type: string) => jsonLd.filter((j) => j["@type"] === type),
  };
}

type Head = Awaited<ReturnType<typeof head>>;

const ABSOLUTE = /^http:\/\/localhost:3000\/\S*$/;
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/;

function expectCommon(page: Head, locale: Locale) {
  expect(page.canonical).toBe(page.url);
  expect(page.property("og:url")).toBe(page.url);
  expect(page.property("og:site_name")).toBe("Batik Blitar");
  expect(page.property("og:locale")).toBe(locale === "en" ? "en_US" : "id_ID");
  expect(page.property("og:locale:alternate")).toBe(locale === "en" ? "id_ID" : "en_US");
  expect(page.property("og:image")).toMatch(ABSOLUTE);
  expect(Number(page.property("og:image:width"))).toBeGreaterThan(0);
  expect(Number(page.property("og:image:height"))).toBeGreaterThan(0);
  expect(page.name("twitter:card")).toBe("summary_large_image");
  for (const item of page.jsonLd) {
    expect(item["@context"]).toBe("https://schema.org");
    const text = JSON.stringify(item);
    expect(text).not.toMatch(/telephone|email|whatsapp|@demo\.test/i);
    for (const secret of secrets) expect(text).not.toContain(secret);
  }
}

function expectBreadcrumbs(page: Head, names: string[]) {
  const [list] = page.ofType("BreadcrumbList");
  expect(list, "BreadcrumbList").toBeDefined();
  const items = list.itemListElement as Json[];
  expect(items.map((i) => i.position)).toEqual(names.map((_, i) => i + 1));
  expect(items.map((i) => i.name)).toEqual(names);
  for (const item of items) {
    expect(item["@type"]).toBe("ListItem");
    expect(item.item).toMatch(ABSOLUTE);
  }
  // Home first, the page itself last.
  expect(items[0].item).toBe(`${ORIGIN}${page.url.startsWith(`${ORIGIN}/en`) ? "/en" : "/"}`);
  expect(items[items.length - 1].item).toBe(page.url);
}

describe("JSON-LD", () => {
  it("has seeded public pages of every kind to check", () => {
    expect(slugs.products.length).toBeGreaterThan(20);
    expect(slugs.artisans.length).toBeGreaterThan(5);
    expect(slugs.events.length).toBeGreaterThan(3);
    expect(slugs.motifs.length).toBeGreaterThan(10);
    expect(secrets.length).toBeGreaterThan(10);
  });

  it("describes every product as a Product with an IDR Offer priced as a number", async () => {
    const db = getDb();
    for (const slug of slugs.products) {
      const row = await db.selectFrom("products").select(["price", "stock", "title_id", "title_en"]).where("slug", "=", slug).executeTakeFirstOrThrow();
      for (const locale of LOCALES) {
        const page = await head(productPage as unknown as Route, locale, `/products/${slug}`, { slug });
        expectCommon(page, locale);
        expect(page.property("og:type")).toBe("product");
        const [product] = page.ofType("Product");
        expect(product.name).toBe(locale === "en" && row.title_en.trim() ? row.title_en : row.title_id);
        expect(product.sku).toBe(slug);
        expect(product.url).toBe(page.url);
        expect((product.image as string[]).length).toBeGreaterThan(0);
        for (const image of product.image as string[]) expect(image).toMatch(/^http:\/\/localhost:3000\/images\/[0-9a-f]+-\d+\.(webp|jpeg|jpg)$/);
        // The social card is the first picture of the product.
        expect(page.property("og:image")).toBe((product.image as string[])[0]);
        expect((product.brand as Json)["@type"]).toBe("Organization");
        expect((product.brand as Json).url).toMatch(/\/artisans\/[a-z0-9-]+$/);
        const offer = product.offers as Json;
        expect(offer["@type"]).toBe("Offer");
        expect(typeof offer.price).toBe("number");
        expect(offer.price).toBe(row.price);
        expect(offer.price as number).toBeGreaterThan(0);
        expect(offer.priceCurrency).toBe("IDR");
        expect(offer.availability).toBe(row.stock > 0 ? "https://schema.org/InStock" : "https://schema.org/OutOfStock");
        expect(offer.url).toBe(page.url);
        expect((offer.seller as Json).name).toBe((product.brand as Json).name);
        expectBreadcrumbs(page, [locale === "en" ? "Home" : "Beranda", locale === "en" ? "Products" : "Produk", product.name as string]);
      }
    }
  });

  it("describes every artisan as an Organization in East Java with no contact details", async () => {
    const db = getDb();
    for (const slug of slugs.artisans) {
      const row = await db.selectFrom("artisans").select(["name", "village", "district"]).where("slug", "=", slug).executeTakeFirstOrThrow();
      for (const locale of LOCALES) {
        const page = await head(artisanPage as unknown as Route, locale, `/artisans/${slug}`, { slug });
        expectCommon(page, locale);
        expect(page.property("og:type")).toBe("profile");
        const [org] = page.ofType("Organization");
        expect(org.name).toBe(row.name);
        expect(org.url).toBe(page.url);
        expect(org.address).toEqual({
          "@type": "PostalAddress",
          addressLocality: `${row.village}, ${row.district}`,
          addressRegion: "Jawa Timur",
          addressCountry: "ID",
        });
        expect(org).not.toHaveProperty("telephone");
        expect(org).not.toHaveProperty("email");
        expect(org).not.toHaveProperty("sameAs");
        expectBreadcrumbs(page, [locale === "en" ? "Home" : "Beranda", locale === "en" ? "Artisans" : "Pengrajin", row.name]);
      }
    }
  });

  it("describes every event as an Event with WIB dates, a place and its status", async () => {
    const db = getDb();
    for (const slug of slugs.events) {
      const row = await db.selectFrom("events").select(["starts_at", "ends_at", "status", "venue"]).where("slug", "=", slug).executeTakeFirstOrThrow();
      for (const locale of LOCALES) {
        const page = await head(eventPage as unknown as Route, locale, `/events/${slug}`, { slug });
        expectCommon(page, locale);
        const [event] = page.ofType("Event");
        expect(typeof event.name === "string" && event.name.length > 0).toBe(true);
        expect(event.startDate).toMatch(WITH_OFFSET);
        expect(event.endDate).toMatch(WITH_OFFSET);
        // The same instants as stored in UTC.
        expect(new Date(event.startDate as string).toISOString()).toBe(new Date(row.starts_at).toISOString());
        expect(new Date(event.endDate as string).toISOString()).toBe(new Date(row.ends_at).toISOString());
        expect(event.eventStatus).toBe(row.status === "cancelled" ? "https://schema.org/EventCancelled" : "https://schema.org/EventScheduled");
        expect(event.eventAttendanceMode).toBe("https://schema.org/OfflineEventAttendanceMode");
        const location = event.location as Json;
        expect(location["@type"]).toBe("Place");
        expect(location.name).toBe(row.venue);
        expect((location.address as Json).addressCountry).toBe("ID");
        expect(event.url).toBe(page.url);
        expectBreadcrumbs(page, [locale === "en" ? "Home" : "Beranda", locale === "en" ? "Exhibitions" : "Pameran", event.name as string]);
      }
    }
    // The seed has a cancelled event, so EventCancelled is exercised.
    expect((await db.selectFrom("events").select("id").where("status", "=", "cancelled").execute()).length).toBeGreaterThan(0);
  });

  it("describes every motif as a VisualArtwork of the Batik artform", async () => {
    for (const slug of slugs.motifs) {
      for (const locale of LOCALES) {
        const page = await head(motifPage as unknown as Route, locale, `/motifs/${slug}`, { slug });
        expectCommon(page, locale);
        const [motif] = page.ofType("VisualArtwork");
        expect(motif.artform).toBe("Batik");
        expect(motif.url).toBe(page.url);
        expect(motif.inLanguage).toBe(locale);
        expectBreadcrumbs(page, [locale === "en" ? "Home" : "Beranda", locale === "en" ? "Motifs" : "Motif", motif.name as string]);
      }
    }
  });

  it("gives the home page a WebSite with a product SearchAction, and the lists their breadcrumbs", async () => {
    for (const locale of LOCALES) {
      const page = await head(home as unknown as Route, locale, "/");
      expectCommon(page, locale);
      const [site] = page.ofType("WebSite");
      expect(site.url).toBe(locale === "en" ? `${ORIGIN}/en` : `${ORIGIN}/`);
      const action = site.potentialAction as Json;
      expect(action["@type"]).toBe("SearchAction");
      expect((action.target as Json).urlTemplate).toBe(`${ORIGIN}${locale === "en" ? "/en" : ""}/products?q={search_term_string}`);
      expect(action["query-input"]).toBe("required name=search_term_string");
      // The home page has no picture of its own: the site card.
      expect(page.property("og:image")).toBe(`${ORIGIN}/og-default.png`);
      expect(page.property("og:image:width")).toBe("1200");
      expect(page.property("og:image:height")).toBe("630");

      for (const [route, path] of [
        [motifList, "/motifs"],
        [productList, "/products"],
        [artisanList, "/artisans"],
        [eventList, "/events"],
      ] as const) {
        const list = await head(route as unknown as Route, locale, path);
        expectCommon(list, locale);
        expect(list.ofType("BreadcrumbList")[0].itemListElement).toHaveLength(2);
      }
    }
  });
});

describe("canonical URLs", () => {
  it("points searches, filters, sorts and later pages of /products at the unfiltered list and keeps them out of the index", async () => {
    for (const locale of LOCALES) {
      const base = `${ORIGIN}${locale === "en" ? "/en" : ""}/products`;
      const plain = await head(productList as unknown as Route, locale, "/products");
      expect(plain.canonical).toBe(base);
      expect(plain.name("robots")).toBeNull();
      for (const query of ["?q=kawung", "?technique=tulis", "?sort=price_asc", "?page=2"]) {
        const page = await head(productList as unknown as Route, locale, `/products${query}`);
        expect(page.canonical, query).toBe(base);
        expect(page.property("og:url")).toBe(base);
        expect(page.name("robots"), query).toBe("noindex, follow");
      }
    }
  });
});

describe("titles and descriptions", () => {
  it("are unique within each language across every public page", async () => {
    for (const locale of LOCALES) {
      const pages: Head[] = [
        await head(home as unknown as Route, locale, "/"),
        await head(motifList as unknown as Route, locale, "/motifs"),
        await head(productList as unknown as Route, locale, "/products"),
        await head(productList as unknown as Route, locale, "/products?page=2"),
        await head(artisanList as unknown as Route, locale, "/artisans"),
        await head(eventList as unknown as Route, locale, "/events"),
      ];
      for (const slug of slugs.motifs) pages.push(await head(motifPage as unknown as Route, locale, `/motifs/${slug}`, { slug }));
      for (const slug of slugs.products) pages.push(await head(productPage as unknown as Route, locale, `/products/${slug}`, { slug }));
      for (const slug of slugs.artisans) pages.push(await head(artisanPage as unknown as Route, locale, `/artisans/${slug}`, { slug }));
      for (const slug of slugs.events) pages.push(await head(eventPage as unknown as Route, locale, `/events/${slug}`, { slug }));

      const duplicates = (values: string[]) => values.filter((v, i) => values.indexOf(v) !== i);
      for (const page of pages) {
        expect(page.title.length, page.url).toBeGreaterThan(5);
        expect(page.description.length, page.url).toBeGreaterThan(20);
      }
      expect(duplicates(pages.map((p) => p.title)), `${locale} titles`).toEqual([]);
      expect(duplicates(pages.map((p) => p.description)), `${locale} descriptions`).toEqual([]);
      // Page 2 says so.
      expect(pages[3].title).toContain(locale === "en" ? "page 2" : "halaman 2");
    }
  });
});

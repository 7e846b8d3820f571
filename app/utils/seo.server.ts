/**
 * Everything a public page puts in its <head> for search engines and social
 * cards, computed in the loader: unique title and description, the canonical
 * URL (absolute, from PUBLIC_ORIGIN, no query string), Open Graph / Twitter
 * tags with the page's main picture, and the schema.org JSON-LD.
 * app/components/page-meta.ts turns the result into meta descriptors.
 */
import type { PageMeta, SocialImage } from "~/components/page-meta";
import { excerpt } from "~/components/page-meta";
import type { ArtisanDetail } from "~/models/artisan.server";
import type { EventDetail } from "~/models/event.server";
import type { ImageRef } from "~/models/image.server";
import type { MotifDetail } from "~/models/motif.server";
import { productTwinRank } from "~/models/public-pages.server";
import type { ProductDetail } from "~/models/product.server";
import { getEnv } from "~/utils/env.server";
import { formatDate, formatRupiah } from "~/utils/format";
import { localePath, localized, type Locale } from "~/utils/i18n";
import { i18next } from "~/utils/i18next.server";
import {
  breadcrumbJsonLd,
  eventJsonLd,
  motifJsonLd,
  organizationJsonLd,
  productJsonLd,
  websiteJsonLd,
  type JsonLd,
} from "~/utils/structured-data";

/** The site-wide social card (public/og-default.png, made from public/og-default.svg). */
export const DEFAULT_IMAGE = { path: "/og-default.png", width: 1200, height: 630 } as const;

type T = Awaited<ReturnType<typeof i18next.getFixedT>>;

export function absoluteUrl(path: string): string {
  return `${getEnv().PUBLIC_ORIGIN}${path}`;
}

/** The absolute URL of a page (a path without the language prefix) in a language. */
export function pageUrl(locale: Locale, path: string): string {
  return absoluteUrl(localePath(locale, path));
}

/**
 * The variant crawlers should fetch: the largest JPEG, else the largest WebP,
 * else the largest of any format (AVIF is not read by every social network).
 */
export function largestVariant(image: ImageRef): { url: string; width: number; height: number } | null {
  const rank = { jpeg: 0, webp: 1, avif: 2 } as const;
  const best = [...image.variants].sort((a, b) => rank[a.format] - rank[b.format] || b.width - a.width)[0];
  if (!best) return null;
  const height = image.width > 0 ? Math.round((image.height * best.width) / image.width) : image.height;
  return { url: absoluteUrl(best.url), width: best.width, height };
}

function socialImage(image: ImageRef | null | undefined, alt: string, t: T): SocialImage {
  const variant = image ? largestVariant(image) : null;
  if (variant) return { ...variant, alt };
  return { url: absoluteUrl(DEFAULT_IMAGE.path), width: DEFAULT_IMAGE.width, height: DEFAULT_IMAGE.height, alt: t("seo.defaultImageAlt") };
}

type Crumb = { name: string; path: string };

/** The common part: canonical, Open Graph, Twitter card, breadcrumbs in JSON-LD. */
function build(args: {
  locale: Locale;
  t: T;
  title: string;
  description: string;
  /** The page's path without language prefix or query; its canonical. */
  path: string;
  noindex?: boolean;
  type?: PageMeta["type"];
  image?: ImageRef | null;
  imageAlt?: string;
  /** Breadcrumbs after Home (the page itself last), as the page shows them. */
  crumbs?: Crumb[];
  jsonLd?: JsonLd[];
}): PageMeta {
  const { locale, t } = args;
  const jsonLd = [...(args.jsonLd ?? [])];
  if (args.crumbs) {
    const all = [{ name: t("nav.home"), path: "/" }, ...args.crumbs];
    jsonLd.push(breadcrumbJsonLd(all.map((c) => ({ name: c.name, url: pageUrl(locale, c.path) }))));
  }
  return {
    title: args.title,
    description: args.description,
    ...(args.noindex ? { noindex: true } : {}),
    canonical: pageUrl(locale, args.path),
    type: args.type ?? "website",
    siteName: t("site.name"),
    ogLocale: locale === "en" ? "en_US" : "id_ID",
    ogLocaleAlternate: locale === "en" ? "id_ID" : "en_US",
    image: socialImage(args.image, args.imageAlt ?? args.title, t),
    jsonLd,
  };
}

export async function homeSeo(locale: Locale): Promise<PageMeta> {
  const t = await i18next.getFixedT(locale);
  return build({
    locale,
    t,
    title: t("home.metaTitle"),
    description: t("home.metaDescription"),
    path: "/",
    jsonLd: [
      websiteJsonLd({
        name: t("site.name"),
        url: pageUrl(locale, "/"),
        inLanguage: locale,
        searchUrlTemplate: `${pageUrl(locale, "/products")}?q={search_term_string}`,
      }),
    ],
  });
}

/** The lists /motifs, /artisans and /events (the product list has its own: search, filters, pages). */
export async function listSeo(
  locale: Locale,
  section: "motifs" | "artisans" | "events",
  options: { noindex?: boolean } = {},
): Promise<PageMeta> {
  const t = await i18next.getFixedT(locale);
  return build({
    locale,
    t,
    noindex: options.noindex,
    title: `${t(`${section}.metaTitle`)} · ${t("site.name")}`,
    description: t(`${section}.metaDescription`),
    path: `/${section}`,
    crumbs: [{ name: t(`nav.${section}`), path: `/${section}` }],
  });
}

/**
 * /products: searches, filters, a chosen order and deep pages are noindex'd
 * and keep the unfiltered list as canonical; later pages say which page they
 * are, so no two pages share a title.
 */
export async function productListSeo(locale: Locale, args: { typed: string; page: number; noindex: boolean }): Promise<PageMeta> {
  const t = await i18next.getFixedT(locale);
  const base = args.typed ? t("products.searchTitle", { q: args.typed }) : t("products.metaTitle");
  const pageNote = args.page > 1 ? ` · ${t("seo.page", { page: args.page })}` : "";
  return build({
    locale,
    t,
    title: `${base}${pageNote} · ${t("site.name")}`,
    description: args.page > 1 ? `${t("products.metaDescription")} (${t("seo.page", { page: args.page })})` : t("products.metaDescription"),
    path: "/products",
    noindex: args.noindex,
    crumbs: [{ name: t("nav.products"), path: "/products" }],
  });
}

export async function motifSeo(locale: Locale, motif: MotifDetail): Promise<PageMeta> {
  const t = await i18next.getFixedT(locale);
  const meaning = localized(locale, motif.meaning_id, motif.meaning_en);
  const story = localized(locale, motif.story_id, motif.story_en);
  const path = `/motifs/${motif.slug}`;
  const images = motif.images.length > 0 ? motif.images : motif.image ? [motif.image] : [];
  return build({
    locale,
    t,
    title: `${motif.name} · ${t("motifs.metaTitle")} · ${t("site.name")}`,
    // Led by the name: several motifs share a family story or an "unknown meaning" note.
    description: excerpt(`${motif.name}${motif.origin ? ` (${motif.origin})` : ""}: ${meaning || story || t("motifs.metaDescription")}`),
    path,
    type: "article",
    image: images[0],
    imageAlt: images[0] ? localized(locale, images[0].alt_id, images[0].alt_en) || motif.name : motif.name,
    crumbs: [
      { name: t("nav.motifs"), path: "/motifs" },
      { name: motif.name, path },
    ],
    jsonLd: [
      motifJsonLd({
        url: pageUrl(locale, path),
        name: motif.name,
        description: excerpt(meaning || story, 500),
        images: images.flatMap((i) => largestVariant(i)?.url ?? []),
        creator: motif.creator
          ? { name: motif.creator.name, url: pageUrl(locale, `/artisans/${motif.creator.slug}`) }
          : motif.creator_name
            ? { name: motif.creator_name }
            : null,
        year: motif.year,
        origin: motif.origin,
        inLanguage: locale,
      }),
    ],
  });
}

export async function productSeo(locale: Locale, product: ProductDetail): Promise<PageMeta> {
  const t = await i18next.getFixedT(locale);
  const title = localized(locale, product.title_id, product.title_en);
  const description = localized(locale, product.description_id, product.description_en);
  const path = `/products/${product.slug}`;
  const images = product.images.length > 0 ? product.images : product.image ? [product.image] : [];
  const artisan = { name: product.artisan.name, url: pageUrl(locale, `/artisans/${product.artisan.slug}`) };
  const twin = await productTwinRank({ productId: product.id, locale });
  const number = twin.total > 1 && twin.rank > 1 ? ` (${twin.rank})` : "";
  return build({
    locale,
    t,
    title: `${title}${number} · ${product.artisan.name} · ${t("site.name")}`,
    // Led by what makes the page unique (title, number, shop): generated descriptions repeat.
    description: excerpt(
      `${title}${number}, ${product.artisan.name}. ${formatRupiah(product.price)} · ${t(`labels.technique.${product.technique}`)}. ${description}`,
    ),
    path,
    type: "product",
    image: images[0],
    imageAlt: images[0] ? localized(locale, images[0].alt_id, images[0].alt_en) || title : title,
    crumbs: [
      { name: t("nav.products"), path: "/products" },
      { name: title, path },
    ],
    jsonLd: [
      productJsonLd({
        url: pageUrl(locale, path),
        name: title,
        description: excerpt(description, 500),
        images: images.flatMap((i) => largestVariant(i)?.url ?? []),
        sku: product.slug,
        price: product.price,
        inStock: product.stock > 0,
        artisan,
        material: t(`labels.fabric.${product.fabric}`, { defaultValue: product.fabric }),
        pattern: product.motifs.map((m) => m.name).join(", "),
        category: t(`labels.technique.${product.technique}`),
      }),
    ],
  });
}

export async function artisanSeo(locale: Locale, artisan: ArtisanDetail): Promise<PageMeta> {
  const t = await i18next.getFixedT(locale);
  const story = localized(locale, artisan.story_id, artisan.story_en);
  const path = `/artisans/${artisan.slug}`;
  const image = artisan.image ? largestVariant(artisan.image) : null;
  return build({
    locale,
    t,
    title: `${artisan.name} · ${t("artisans.metaTitle")} · ${t("site.name")}`,
    description: excerpt(story || `${artisan.name}, ${artisan.village}, ${artisan.district}. ${t("artisans.metaDescription")}`),
    path,
    type: "profile",
    image: artisan.image,
    imageAlt: artisan.name,
    crumbs: [
      { name: t("nav.artisans"), path: "/artisans" },
      { name: artisan.name, path },
    ],
    jsonLd: [
      organizationJsonLd({
        url: pageUrl(locale, path),
        name: artisan.name,
        description: excerpt(story, 500),
        image: image?.url ?? null,
        address: { locality: `${artisan.village}, ${artisan.district}` },
        foundingYear: artisan.founded_year,
        memberOf: artisan.association?.name ?? null,
      }),
    ],
  });
}

export async function eventSeo(locale: Locale, event: EventDetail): Promise<PageMeta> {
  const t = await i18next.getFixedT(locale);
  const title = localized(locale, event.title_id, event.title_en);
  const description = localized(locale, event.description_id, event.description_en);
  const path = `/events/${event.slug}`;
  const image = event.image ? largestVariant(event.image) : null;
  return build({
    locale,
    t,
    title: `${title} · ${t("events.metaTitle")} · ${t("site.name")}`,
    // Led by the date: a recurring event repeats its venue and description.
    description: excerpt(
      `${formatDate(event.starts_at, locale)} · ${event.venue}${event.city && !event.venue.includes(event.city) ? `, ${event.city}` : ""}. ${description}`,
    ),
    path,
    type: "article",
    image: event.image,
    imageAlt: title,
    crumbs: [
      { name: t("nav.events"), path: "/events" },
      { name: title, path },
    ],
    jsonLd: [
      eventJsonLd({
        url: pageUrl(locale, path),
        name: title,
        description: excerpt(description, 500),
        startsAt: event.starts_at,
        endsAt: event.ends_at,
        cancelled: event.status === "cancelled",
        venue: event.venue,
        address: { street: event.address || undefined, locality: event.city || "Blitar" },
        organizer: event.organizer ? { name: event.organizer.name } : null,
        image: image?.url ?? null,
      }),
    ],
  });
}

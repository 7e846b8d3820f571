/**
 * schema.org JSON-LD for the public pages (pure: every URL comes in absolute).
 * Google's rich results read Product/Offer, BreadcrumbList, Event and
 * WebSite/SearchAction; Organization describes an artisan's workshop.
 *
 * Privacy: the builders take no telephone or e-mail field at all, so an
 * artisan's WhatsApp number or the owner's address cannot reach a page
 * through them (tests/integration/structured-data.test.ts checks the output).
 *
 * Motif pages use `VisualArtwork` (artform "Batik"): a motif is a design with
 * a creator, a year, pictures and a place of origin, which VisualArtwork
 * carries; DefinedTerm would only name it.
 */

const CONTEXT = "https://schema.org";

/** One JSON-LD object as it goes into a <script type="application/ld+json">. */
export type JsonLd = { "@context": typeof CONTEXT; "@type": string } & { [key: string]: JsonValue };
type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
type JsonObject = { [key: string]: JsonValue };

/** Where an artisan's workshop or an event is: East Java, Indonesia. */
export type Locality = { locality: string; street?: string };

function postalAddress(place: Locality): JsonObject {
  return {
    "@type": "PostalAddress",
    ...(place.street ? { streetAddress: place.street } : {}),
    addressLocality: place.locality,
    addressRegion: "Jawa Timur",
    addressCountry: "ID",
  };
}

/** An artisan (or any organisation) as a reference inside another object. */
export type OrgRef = { name: string; url?: string };

function orgRef(org: OrgRef): JsonObject {
  return { "@type": "Organization", name: org.name, ...(org.url ? { url: org.url } : {}) };
}

/** An ISO instant written in WIB with its offset: 2026-12-05T09:00:00+07:00. */
export function wibIsoWithOffset(iso: string): string {
  const wib = new Date(new Date(iso).getTime() + 7 * 3600_000);
  return `${wib.toISOString().slice(0, 19)}+07:00`;
}

export function productJsonLd(p: {
  url: string;
  name: string;
  description: string;
  images: string[];
  sku: string;
  /** Whole rupiah. */
  price: number;
  inStock: boolean;
  artisan: OrgRef;
  material?: string;
  pattern?: string;
  category?: string;
}): JsonLd {
  return {
    "@context": CONTEXT,
    "@type": "Product",
    name: p.name,
    ...(p.description ? { description: p.description } : {}),
    ...(p.images.length ? { image: p.images } : {}),
    sku: p.sku,
    url: p.url,
    brand: orgRef(p.artisan),
    manufacturer: orgRef(p.artisan),
    ...(p.material ? { material: p.material } : {}),
    ...(p.pattern ? { pattern: p.pattern } : {}),
    ...(p.category ? { category: p.category } : {}),
    offers: {
      "@type": "Offer",
      url: p.url,
      price: p.price,
      priceCurrency: "IDR",
      availability: p.inStock ? "https://schema.org/InStock" : "https://schema.org/OutOfStock",
      itemCondition: "https://schema.org/NewCondition",
      seller: orgRef(p.artisan),
    },
  };
}

export function organizationJsonLd(o: {
  url: string;
  name: string;
  description?: string;
  image?: string | null;
  address: Locality;
  foundingYear?: number | null;
  memberOf?: string | null;
}): JsonLd {
  return {
    "@context": CONTEXT,
    "@type": "Organization",
    name: o.name,
    url: o.url,
    ...(o.description ? { description: o.description } : {}),
    ...(o.image ? { logo: o.image, image: o.image } : {}),
    address: postalAddress(o.address),
    ...(o.foundingYear ? { foundingDate: String(o.foundingYear) } : {}),
    ...(o.memberOf ? { memberOf: { "@type": "Organization", name: o.memberOf } } : {}),
  };
}

/** Home › … › page; every item with its absolute URL, positions from 1. */
export function breadcrumbJsonLd(items: { name: string; url: string }[]): JsonLd {
  return {
    "@context": CONTEXT,
    "@type": "BreadcrumbList",
    itemListElement: items.map((item, index) => ({ "@type": "ListItem", position: index + 1, name: item.name, item: item.url })),
  };
}

export function eventJsonLd(e: {
  url: string;
  name: string;
  description: string;
  startsAt: string;
  endsAt: string;
  cancelled: boolean;
  venue: string;
  address: Locality;
  organizer: OrgRef | null;
  image?: string | null;
}): JsonLd {
  return {
    "@context": CONTEXT,
    "@type": "Event",
    name: e.name,
    ...(e.description ? { description: e.description } : {}),
    url: e.url,
    startDate: wibIsoWithOffset(e.startsAt),
    endDate: wibIsoWithOffset(e.endsAt),
    eventStatus: e.cancelled ? "https://schema.org/EventCancelled" : "https://schema.org/EventScheduled",
    eventAttendanceMode: "https://schema.org/OfflineEventAttendanceMode",
    location: { "@type": "Place", name: e.venue, address: postalAddress(e.address) },
    ...(e.organizer ? { organizer: orgRef(e.organizer) } : {}),
    ...(e.image ? { image: [e.image] } : {}),
  };
}

export function motifJsonLd(m: {
  url: string;
  name: string;
  description: string;
  images: string[];
  creator: OrgRef | null;
  year: number | null;
  origin: string;
  inLanguage: string;
}): JsonLd {
  return {
    "@context": CONTEXT,
    "@type": "VisualArtwork",
    name: m.name,
    ...(m.description ? { description: m.description } : {}),
    url: m.url,
    artform: "Batik",
    ...(m.images.length ? { image: m.images } : {}),
    ...(m.creator ? { creator: orgRef(m.creator) } : {}),
    ...(m.year ? { dateCreated: String(m.year) } : {}),
    locationCreated: { "@type": "Place", address: postalAddress({ locality: m.origin || "Blitar" }) },
    inLanguage: m.inLanguage,
  };
}

/** The home page: the site and its product search (Google's sitelinks search box). */
export function websiteJsonLd(w: { url: string; name: string; searchUrlTemplate: string; inLanguage: string }): JsonLd {
  return {
    "@context": CONTEXT,
    "@type": "WebSite",
    name: w.name,
    url: w.url,
    inLanguage: w.inLanguage,
    potentialAction: {
      "@type": "SearchAction",
      target: { "@type": "EntryPoint", urlTemplate: w.searchUrlTemplate },
      "query-input": "required name=search_term_string",
    },
  };
}

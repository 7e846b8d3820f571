import { sql } from "kysely";
import { getDb } from "~/utils/db.server";
import { FACETS, SORTS, type CatalogueSort, type FacetName } from "~/utils/catalogue-params";
import { clampInt, type DB } from "./common.server";
import { FABRICS, listProductsByIds, MAX_PER_PAGE, TECHNIQUES, type Dye, type Fabric, type ProductSummary, type Technique } from "./product.server";

/**
 * The public catalogue search: full text (FTS5 table catalogue_fts, kept in
 * sync by triggers, see migration 2026-11-30-02), facets with counts, sort and
 * pagination, and a misspelling pass over the motif and artisan names.
 *
 * Facets follow the usual rule: within one facet the selected values are
 * OR-ed, across facets AND-ed; the count shown next to a value is the number
 * of results the page would have if that value were added, so a facet's
 * counts are computed with every filter except its own. A product with
 * several motifs counts once under each of them.
 *
 * The text match runs in SQLite; the facet arithmetic runs in JavaScript over
 * the public products that match the text (a few columns each). That is
 * simple and exact for a regional catalogue of a few thousand products; a far
 * larger catalogue would move the counting into SQL (GROUP BY per facet).
 */

export const DYES = ["natural", "synthetic"] as const satisfies readonly Dye[];
export const PRICE_BANDS = [
  { key: "under-150k", min: 0, max: 150_000 },
  { key: "150k-300k", min: 150_000, max: 300_000 },
  { key: "300k-500k", min: 300_000, max: 500_000 },
  { key: "500k-plus", min: 500_000, max: Number.POSITIVE_INFINITY },
] as const;
export type PriceBand = (typeof PRICE_BANDS)[number]["key"];
export { FACETS, SORTS, type CatalogueSort, type FacetName };

export const MAX_QUERY_LENGTH = 100;
const MAX_TOKENS = 8;
const MAX_VALUES_PER_FACET = 50;
const DEFAULT_PER_PAGE = 24;

export type CatalogueFilters = Record<FacetName, string[]>;

export type CatalogueArgs = {
  q?: string | null;
  motif?: string[];
  technique?: string[];
  fabric?: string[];
  dye?: string[];
  price?: string[];
  artisan?: string[];
  district?: string[];
  sort?: string | null;
  page?: number;
  perPage?: number;
};

export type FacetValue = { value: string; label: string; count: number; selected: boolean };
export type NameSuggestion = { kind: "motif" | "artisan"; slug: string; name: string };

export type CatalogueResult = {
  items: ProductSummary[];
  total: number;
  page: number;
  perPage: number;
  pageCount: number;
  /** The text actually searched (after a correction), "" for none. */
  q: string;
  /** Set when the typed text found nothing and a close motif or artisan name was searched instead. */
  correctedFrom: string | null;
  sort: CatalogueSort;
  /** The filters that were understood (unknown values dropped), for links and the form. */
  filters: CatalogueFilters;
  facets: Record<FacetName, FacetValue[]>;
  /** Close motif and artisan names to a misspelt query ("did you mean"). */
  suggestions: NameSuggestion[];
};

// ---------------------------------------------------------------- text

/** Lower case, no diacritics ("Tulís" → "tulis"): how the FTS tokenizer sees text. */
export function foldText(text: string): string {
  return text.normalize("NFKD").replace(/\p{M}+/gu, "").toLowerCase();
}

/** The words of a query: letters and digits only, so no FTS5 syntax can get through. */
export function queryTokens(q: string | null | undefined): string[] {
  if (!q) return [];
  return (
    q
      .slice(0, MAX_QUERY_LENGTH)
      .normalize("NFKC")
      .match(/[\p{L}\p{N}]+/gu)
      ?.slice(0, MAX_TOKENS) ?? []
  );
}

/** A safe FTS5 MATCH expression: every token quoted, all required, the last one a prefix. Null for no text filter. */
export function ftsQuery(q: string | null | undefined): string | null {
  const tokens = queryTokens(q);
  if (tokens.length === 0) return null;
  return tokens.map((t, i) => `"${t.replaceAll('"', "")}"${i === tokens.length - 1 ? "*" : ""}`).join(" ");
}

/** Letters and digits only, folded: "Koi & Kendang" → "koikendang". */
function compact(text: string): string {
  return foldText(text).replace(/[^\p{L}\p{N}]+/gu, "");
}

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent transpositions cost 1. */
export function editDistance(a: string, b: string, cap = 3): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) rows.push([i]);
  for (let j = 1; j <= b.length; j++) rows[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2][j - 2] + 1);
      rows[i][j] = d;
    }
  }
  return rows[a.length][b.length];
}

/** How far a query is from a name: the whole name, or one of its longer words ("Penatarn" → "Relief Penataran"). */
function nameDistance(query: string, name: string): number {
  let best = editDistance(query, compact(name));
  for (const word of foldText(name).split(/[^\p{L}\p{N}]+/u)) {
    if (word.length >= 4) best = Math.min(best, editDistance(query, word));
  }
  return best;
}

type Vocabulary = (NameSuggestion & { district?: string })[];

/** Published motifs and public artisans (active, verified), by name. */
async function loadVocabulary(db: DB): Promise<Vocabulary> {
  const motifs = await db.selectFrom("motifs").select(["slug", "name"]).where("status", "=", "published").orderBy("name").execute();
  const artisans = await db
    .selectFrom("artisans")
    .select(["slug", "name", "district"])
    .where("status", "=", "active")
    .where("membership_status", "=", "verified")
    .orderBy("name")
    .execute();
  return [...motifs.map((m) => ({ kind: "motif" as const, ...m })), ...artisans.map((a) => ({ kind: "artisan" as const, ...a }))];
}

/**
 * Motif and artisan names close to a query: one edit for short queries, two
 * from 7 letters on; nothing when the query already is (a word of) a name.
 */
export function closeNames(q: string, vocabulary: Vocabulary, limit = 5): NameSuggestion[] {
  const words = foldText(queryTokens(q).join(" "));
  const query = words.replaceAll(" ", "");
  if (query.length < 3) return [];
  const threshold = query.length >= 7 ? 2 : 1;
  // Typed as written (same words): nothing to suggest. "TuturPodhang" is 0 edits from "Tutur Podhang" once spaces are
  // ignored, but it is a different query, so it is still suggested.
  const spelled = (name: string) => foldText(name).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  if (vocabulary.some((v) => spelled(v.name).join(" ") === words || spelled(v.name).includes(words))) return [];
  const scored = vocabulary.map((entry) => ({ entry, d: nameDistance(query, entry.name) }));
  return scored
    .filter((s) => s.d <= threshold)
    .sort((x, y) => x.d - y.d || (x.entry.kind === y.entry.kind ? 0 : x.entry.kind === "motif" ? -1 : 1) || x.entry.name.localeCompare(y.entry.name))
    .slice(0, limit)
    .map(({ entry }) => ({ kind: entry.kind, slug: entry.slug, name: entry.name }));
}

// ---------------------------------------------------------------- filters

function cleanList(values: unknown, allowed?: ReadonlySet<string>): string[] {
  const list = Array.isArray(values) ? values : values == null ? [] : [values];
  const out: string[] = [];
  for (const v of list) {
    if (typeof v !== "string") continue;
    const value = v.trim().slice(0, 200);
    if (!value || out.includes(value)) continue;
    if (allowed && !allowed.has(value)) continue;
    out.push(value);
    if (out.length >= MAX_VALUES_PER_FACET) break;
  }
  return out;
}

type Row = {
  id: number;
  technique: Technique;
  fabric: Fabric;
  dye: Dye;
  price: number;
  artisan_slug: string;
  artisan_name: string;
  district: string;
  listed_at: string;
  motifs: { slug: string; name: string }[];
  rank: number;
};

function priceBandOf(price: number): PriceBand {
  return (PRICE_BANDS.find((b) => price >= b.min && price < b.max) ?? PRICE_BANDS[PRICE_BANDS.length - 1]).key;
}

function valuesOf(row: Row, facet: FacetName): string[] {
  switch (facet) {
    case "motif":
      return row.motifs.map((m) => m.slug);
    case "technique":
      return [row.technique];
    case "fabric":
      return [row.fabric];
    case "dye":
      return [row.dye];
    case "price":
      return [priceBandOf(row.price)];
    case "artisan":
      return [row.artisan_slug];
    case "district":
      return [row.district];
  }
}

function passes(row: Row, filters: CatalogueFilters, except?: FacetName): boolean {
  for (const facet of FACETS) {
    if (facet === except) continue;
    const wanted = filters[facet];
    if (wanted.length === 0) continue;
    if (!valuesOf(row, facet).some((v) => wanted.includes(v))) return false;
  }
  return true;
}

/** Public products (published, active and verified shop), with their facet values, optionally restricted to a text match. */
async function loadRows(db: DB, match: string | null): Promise<Row[]> {
  let query = db
    .selectFrom("products as p")
    .innerJoin("artisans as a", "a.id", "p.artisan_id")
    .where("p.status", "=", "published")
    .where("a.status", "=", "active")
    .where("a.membership_status", "=", "verified")
    .select([
      "p.id",
      "p.technique",
      "p.fabric",
      "p.dye",
      "p.price",
      "a.slug as artisan_slug",
      "a.name as artisan_name",
      "a.district",
      sql<string>`coalesce(p.published_at, p.created_at)`.as("listed_at"),
    ]);
  const ranks = new Map<number, number>();
  if (match) {
    // Relevance: bm25 with the titles weighted far above the descriptions; motif and artisan names in between.
    const hits = await sql<{ id: number; rank: number }>`
      select rowid as id, bm25(catalogue_fts, 10.0, 10.0, 2.0, 2.0, 6.0, 5.0, 3.0) as rank
      from catalogue_fts where catalogue_fts match ${match}`.execute(db);
    for (const h of hits.rows) ranks.set(h.id, h.rank);
    if (ranks.size === 0) return [];
    query = query.where("p.id", "in", [...ranks.keys()]);
  }
  const products = await query.execute();
  if (products.length === 0) return [];
  const links = await db
    .selectFrom("product_motifs as pm")
    .innerJoin("motifs as m", "m.id", "pm.motif_id")
    .innerJoin("products as p", "p.id", "pm.product_id")
    .select(["pm.product_id", "m.slug", "m.name"])
    .where("m.status", "=", "published")
    .where("p.status", "=", "published")
    .$if(ranks.size > 0, (qb) => qb.where("pm.product_id", "in", [...ranks.keys()]))
    .orderBy("m.name")
    .execute();
  const motifsOf = new Map<number, { slug: string; name: string }[]>();
  for (const l of links) {
    const list = motifsOf.get(l.product_id) ?? [];
    list.push({ slug: l.slug, name: l.name });
    motifsOf.set(l.product_id, list);
  }
  return products.map((p) => ({ ...p, motifs: motifsOf.get(p.id) ?? [], rank: ranks.get(p.id) ?? 0 }));
}

function compareBy(sort: CatalogueSort, hasText: boolean) {
  const newest = (a: Row, b: Row) => (a.listed_at < b.listed_at ? 1 : a.listed_at > b.listed_at ? -1 : b.id - a.id);
  switch (sort) {
    case "relevance":
      return hasText ? (a: Row, b: Row) => a.rank - b.rank || newest(a, b) : newest;
    case "newest":
      return newest;
    case "price_asc":
      return (a: Row, b: Row) => a.price - b.price || newest(a, b);
    case "price_desc":
      return (a: Row, b: Row) => b.price - a.price || newest(a, b);
  }
}

const TECHNIQUE_SET = new Set<string>(TECHNIQUES);
const FABRIC_SET = new Set<string>(FABRICS);
const DYE_SET = new Set<string>(DYES);
const PRICE_SET = new Set<string>(PRICE_BANDS.map((b) => b.key));

/**
 * Searches the public catalogue. Never throws for bad input: unknown facet
 * values and sorts are dropped, the text is reduced to plain words, pages
 * are clamped (a page past the end is the last page).
 *
 * When the text matches nothing and is close to a motif or artisan name, the
 * closest name is searched instead (`correctedFrom` says so); close names are
 * also returned as `suggestions` whenever the text is not itself a name.
 */
export async function searchCatalogue(args: CatalogueArgs = {}, db: DB = getDb()): Promise<CatalogueResult> {
  const perPage = clampInt(args.perPage, DEFAULT_PER_PAGE, 1, MAX_PER_PAGE);
  const requestedPage = clampInt(args.page, 1, 1, 100_000);
  const typed = queryTokens(args.q).join(" ");
  const sort: CatalogueSort = (SORTS as readonly string[]).includes(args.sort ?? "") ? (args.sort as CatalogueSort) : typed ? "relevance" : "newest";

  const vocabulary = await loadVocabulary(db);
  const suggestions = typed ? closeNames(typed, vocabulary) : [];
  let q = typed;
  let correctedFrom: string | null = null;
  let rows = await loadRows(db, ftsQuery(q));
  if (typed && rows.length === 0 && suggestions.length > 0) {
    const corrected = await loadRows(db, ftsQuery(suggestions[0].name));
    if (corrected.length > 0) {
      correctedFrom = typed;
      q = suggestions[0].name;
      rows = corrected;
    }
  }

  // Names for the facets whose values are slugs or places, from every public product (so a selected value keeps its label).
  const artisanLabel = new Map(vocabulary.flatMap((v) => (v.kind === "artisan" ? [[v.slug, v.name] as const] : [])));
  const motifLabel = new Map(vocabulary.flatMap((v) => (v.kind === "motif" ? [[v.slug, v.name] as const] : [])));
  const districts = new Set(vocabulary.flatMap((v) => (v.district ? [v.district] : [])));

  const filters: CatalogueFilters = {
    motif: cleanList(args.motif, new Set(motifLabel.keys())),
    technique: cleanList(args.technique, TECHNIQUE_SET),
    fabric: cleanList(args.fabric, FABRIC_SET),
    dye: cleanList(args.dye, DYE_SET),
    price: cleanList(args.price, PRICE_SET),
    artisan: cleanList(args.artisan, new Set(artisanLabel.keys())),
    district: cleanList(args.district, districts),
  };

  const results = rows.filter((r) => passes(r, filters)).sort(compareBy(sort, q !== ""));
  const facets = {} as Record<FacetName, FacetValue[]>;
  for (const facet of FACETS) {
    const counts = new Map<string, number>();
    for (const row of rows) {
      if (!passes(row, filters, facet)) continue;
      for (const v of new Set(valuesOf(row, facet))) counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    for (const v of filters[facet]) if (!counts.has(v)) counts.set(v, 0);
    const label = (v: string) => (facet === "motif" ? (motifLabel.get(v) ?? v) : facet === "artisan" ? (artisanLabel.get(v) ?? v) : v);
    const order: readonly string[] | null =
      facet === "technique" ? TECHNIQUES : facet === "fabric" ? FABRICS : facet === "dye" ? DYES : facet === "price" ? PRICE_BANDS.map((b) => b.key) : null;
    const values = [...counts].map(([value, count]) => ({ value, label: label(value), count, selected: filters[facet].includes(value) }));
    values.sort(
      order
        ? (a, b) => order.indexOf(a.value) - order.indexOf(b.value)
        : facet === "motif"
          ? (a, b) => b.count - a.count || a.label.localeCompare(b.label)
          : (a, b) => a.label.localeCompare(b.label),
    );
    facets[facet] = values;
  }

  const total = results.length;
  const pageCount = Math.max(1, Math.ceil(total / perPage));
  const page = Math.min(requestedPage, pageCount);
  const ids = results.slice((page - 1) * perPage, page * perPage).map((r) => r.id);
  const items = ids.length ? await listProductsByIds({ ids }, db) : [];
  return { items, total, page, perPage, pageCount, q, correctedFrom, sort, filters, facets, suggestions };
}

/**
 * What the search box offers while the user types: motifs, artisans and
 * product titles starting with (a word starting with) the text.
 */
export async function suggestCatalogue(
  args: { q?: string | null; locale?: "id" | "en"; limit?: number },
  db: DB = getDb(),
): Promise<{ motifs: NameSuggestion[]; artisans: NameSuggestion[]; products: { slug: string; title: string }[] }> {
  const limit = clampInt(args.limit, 5, 1, 10);
  const tokens = queryTokens(args.q);
  const empty = { motifs: [], artisans: [], products: [] };
  if (tokens.length === 0 || compact(tokens.join("")).length < 2) return empty;
  const needle = tokens.map(foldText);
  const startsWords = (name: string) => {
    const words = foldText(name).split(/[^\p{L}\p{N}]+/u);
    return needle.every((t, i) => (i === needle.length - 1 ? words.some((w) => w.startsWith(t)) : words.includes(t)));
  };
  const vocabulary = await loadVocabulary(db);
  const pick = (kind: NameSuggestion["kind"]) =>
    vocabulary
      .filter((v) => v.kind === kind && startsWords(v.name))
      .slice(0, limit)
      .map((v) => ({ kind: v.kind, slug: v.slug, name: v.name }));
  const motifs = pick("motif");
  const artisans = pick("artisan");
  const locale = args.locale === "en" ? "en" : "id";
  const match = ftsQuery(args.q);
  const column = locale === "en" ? "title_en" : "title_id";
  const products = match
    ? await sql<{ slug: string; title: string }>`
        select p.slug, ${sql.ref(`p.${column}`)} as title
        from catalogue_fts f join products p on p.id = f.rowid join artisans a on a.id = p.artisan_id
        where catalogue_fts match ${`{title_id title_en} : (${match})`}
          and p.status = 'published' and a.status = 'active' and a.membership_status = 'verified'
        order by bm25(catalogue_fts), p.id limit ${limit}`.execute(db)
    : { rows: [] };
  return { motifs, artisans, products: products.rows };
}

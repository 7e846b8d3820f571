/**
 * Catalogue search on the seeded demo data: facet counts equal the results of
 * applying the value, misspellings of every motif name find the motif, known
 * queries return the products worked out from the base tables (without FTS),
 * diacritics and prefixes, the index following writes, and FTS syntax never
 * reaching SQLite.
 */
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { seedIfEmpty } from "#db/seed/index";
import {
  FACETS,
  editDistance,
  ftsQuery,
  searchCatalogue,
  suggestCatalogue,
  type CatalogueArgs,
  type CatalogueFilters,
  type FacetName,
} from "~/models/catalogue.server";
import { createTestDatabase, type TestDatabase } from "../setup/db";

const NOW = new Date("2026-11-29T07:30:00.000Z");
const imagesDir = path.join(inject("testRunDir"), "seed-images");
let t: TestDatabase;

type PublicRow = { id: number; text: string; technique: string; motifs: string[] };
/** Every public product with all its indexed text folded to plain lower-case letters: the reference the FTS results are checked against. */
async function publicRows(): Promise<PublicRow[]> {
  const rows = await sql<{ id: number; technique: string; text: string; motifs: string | null }>`
    select p.id, p.technique,
      p.title_id || ' ' || p.title_en || ' ' || p.description_id || ' ' || p.description_en || ' ' || a.name || ' ' || a.village || ' ' || a.district
        || ' ' || coalesce((select group_concat(m.name, ' ') from product_motifs pm join motifs m on m.id = pm.motif_id where pm.product_id = p.id), '') as text,
      (select group_concat(m.slug, ' ') from product_motifs pm join motifs m on m.id = pm.motif_id where pm.product_id = p.id and m.status = 'published') as motifs
    from products p join artisans a on a.id = p.artisan_id
    where p.status = 'published' and a.status = 'active' and a.membership_status = 'verified'`.execute(t.db);
  return rows.rows.map((r) => ({
    id: r.id,
    technique: r.technique,
    text: r.text.normalize("NFKD").replace(/\p{M}+/gu, "").toLowerCase(),
    motifs: r.motifs ? r.motifs.split(" ") : [],
  }));
}

/** Products having a word that starts with `prefix` (for the last query word) — what FTS should find. */
function withWordPrefix(rows: PublicRow[], prefix: string): number[] {
  const re = new RegExp(`(^|[^\\p{L}\\p{N}])${prefix}`, "u");
  return rows.filter((r) => re.test(r.text)).map((r) => r.id).sort((a, b) => a - b);
}

async function allIds(args: CatalogueArgs): Promise<number[]> {
  const r = await searchCatalogue({ ...args, perPage: 60, page: 1 }, t.db);
  const ids = r.items.map((i) => i.id);
  for (let page = 2; page <= r.pageCount; page++) ids.push(...(await searchCatalogue({ ...args, perPage: 60, page }, t.db)).items.map((i) => i.id));
  expect(ids.length).toBe(r.total);
  return ids.sort((a, b) => a - b);
}

beforeAll(async () => {
  t = await createTestDatabase();
  await seedIfEmpty(t.db, () => {}, { now: NOW, imagesDir });
}, 120_000);

afterAll(async () => {
  await t?.cleanup();
});

describe("query parsing", () => {
  it("quotes every word, prefixes the last and drops all syntax", () => {
    expect(ftsQuery("batik tulis")).toBe('"batik" "tulis"*');
    expect(ftsQuery('kawung" OR title_id:x NEAR(a b) -c *')).toBe('"kawung" "OR" "title" "id" "x" "NEAR" "a" "b"*'); // at most 8 words
    expect(ftsQuery("   ")).toBeNull();
    expect(ftsQuery('"*-()^:')).toBeNull();
    expect(ftsQuery("x".repeat(500))).toBe(`"${"x".repeat(100)}"*`);
  });

  it("edit distance counts a transposition as one edit", () => {
    expect(editDistance("kawung", "kawnug")).toBe(1);
    expect(editDistance("nanas", "nans")).toBe(1);
    expect(editDistance("nanas", "nannas")).toBe(1);
    expect(editDistance("nanas", "kakao")).toBeGreaterThan(2);
  });

  it.each(['"', "AND", "NEAR(", "*", "-", "OR", "NOT kain", 'a"b', "^x", "title_id:kain", "(", ")", "{title_id}: x", "ü", "🙂"])(
    "never throws for %j",
    async (q) => {
      const r = await searchCatalogue({ q }, t.db);
      expect(r.total).toBeGreaterThanOrEqual(0);
      await expect(suggestCatalogue({ q }, t.db)).resolves.toBeTruthy();
    },
  );
});

describe("known queries", () => {
  it('"tutur" finds exactly the products with a Tutur motif', async () => {
    const rows = await publicRows();
    const expected = rows.filter((r) => r.motifs.some((m) => m.startsWith("tutur-"))).map((r) => r.id).sort((a, b) => a - b);
    expect(expected.length).toBe(12);
    expect(withWordPrefix(rows, "tutur")).toEqual(expected);
    expect(await allIds({ q: "tutur" })).toEqual(expected);
  });

  it('"Penataran" finds exactly the products with the Relief Penataran motif', async () => {
    const rows = await publicRows();
    const expected = rows.filter((r) => r.motifs.includes("relief-penataran")).map((r) => r.id).sort((a, b) => a - b);
    expect(expected.length).toBe(7);
    expect(await allIds({ q: "Penataran" })).toEqual(expected);
    expect(await allIds({ q: "penataran" })).toEqual(expected);
  });

  it('"cap" finds every stamped product first, then those whose text names cap (kombinasi: "tulis-and-cap")', async () => {
    const rows = await publicRows();
    const expected = withWordPrefix(rows, "cap");
    const capIds = rows.filter((r) => r.technique === "cap").map((r) => r.id);
    expect(capIds.length).toBe(23);
    expect(expected.length).toBe(42);
    expect(await allIds({ q: "cap" })).toEqual(expected);
    const ranked = await searchCatalogue({ q: "cap", perPage: 23 }, t.db);
    expect(ranked.sort).toBe("relevance");
    // The title says "Cap" for stamped batik: those rank above the kombinasi pieces that mention cap in a description.
    expect(ranked.items.map((i) => i.technique)).toEqual(Array(23).fill("cap"));
    // With the technique facet, exactly the stamped pieces.
    expect(await allIds({ q: "cap", technique: ["cap"] })).toEqual([...capIds].sort((a, b) => a - b));
  });

  it("folds diacritics and matches prefixes", async () => {
    const rows = await publicRows();
    const tulis = withWordPrefix(rows, "batik").filter((id) => withWordPrefix(rows, "tulis").includes(id));
    expect(tulis.length).toBeGreaterThan(10);
    expect(await allIds({ q: "batik tulís" })).toEqual(tulis);
    expect(await allIds({ q: "BATIK TULIS" })).toEqual(tulis);
    const penataran = rows.filter((r) => r.motifs.includes("relief-penataran")).map((r) => r.id).sort((a, b) => a - b);
    expect(await allIds({ q: "penat" })).toEqual(penataran);
    expect(await allIds({ q: "Penâtaran" })).toEqual(penataran);
    const kakao = withWordPrefix(rows, "kak");
    expect(kakao).toEqual(withWordPrefix(rows, "kakao"));
    expect(await allIds({ q: "kak" })).toEqual(kakao);
  });

  it("searches artisan names and places", async () => {
    const rows = await publicRows();
    const garum = withWordPrefix(rows, "garum");
    expect(garum.length).toBeGreaterThan(0);
    expect(await allIds({ q: "garum" })).toEqual(garum);
  });
});

describe("facets", () => {
  const QUERIES: CatalogueArgs[] = [
    {},
    { q: "batik" },
    { q: "tutur" },
    { q: "cap" },
    { technique: ["tulis"] },
    { technique: ["tulis", "cap"], price: ["300k-500k"] },
    { motif: ["nanas"], dye: ["natural"] },
    { q: "kain", fabric: ["katun_primisima", "sutra"], technique: ["kombinasi"] },
    { district: ["Garum", "Kanigoro"], price: ["under-150k", "500k-plus"] },
    { q: "sogan", motif: ["cakra-palah", "tutur-awu-nanas"] },
  ];

  it.each(QUERIES.map((args) => [JSON.stringify(args), args] as const))("every shown count equals the results of applying it: %s", async (_name, args) => {
    const base = await searchCatalogue({ ...args, perPage: 60 }, t.db);
    let checked = 0;
    for (const facet of FACETS) {
      for (const value of base.facets[facet]) {
        if (value.selected) continue;
        // Within a facet values are OR-ed: a count is what that value alone gives with every other facet's filters.
        // With nothing chosen in the facet yet that is exactly "the results after ticking it".
        const applied = await searchCatalogue({ ...args, [facet]: [value.value], perPage: 1 }, t.db);
        if (base.filters[facet].length === 0) {
          const ticked = await searchCatalogue({ ...args, [facet]: [...base.filters[facet], value.value], perPage: 1 }, t.db);
          expect(ticked.total, `${facet}+${value.value}`).toBe(value.count);
        }
        expect(applied.total, `${facet}=${value.value}`).toBe(value.count);
        checked++;
      }
      // A selected value's count is the size of the result restricted to it alone within its facet.
      for (const value of base.facets[facet].filter((v) => v.selected)) {
        const only = await searchCatalogue({ ...args, [facet]: [value.value], perPage: 1 }, t.db);
        expect(only.total, `${facet}=${value.value} alone`).toBe(value.count);
      }
    }
    expect(checked).toBeGreaterThan(3);
  });

  it("counts a product with two motifs once under each", async () => {
    const twoMotifs = await sql<{ product_id: number; slugs: string }>`
      select pm.product_id, group_concat(m.slug, ' ') as slugs from product_motifs pm join motifs m on m.id = pm.motif_id
      join products p on p.id = pm.product_id join artisans a on a.id = p.artisan_id
      where m.status = 'published' and p.status = 'published' and a.status = 'active' and a.membership_status = 'verified'
      group by pm.product_id having count(*) = 2 order by pm.product_id limit 1`.execute(t.db);
    expect(twoMotifs.rows.length).toBe(1);
    const { product_id, slugs } = twoMotifs.rows[0];
    const [a, b] = slugs.split(" ");
    const { rows: slugRow } = await sql<{ slug: string }>`select slug from products where id = ${product_id}`.execute(t.db);
    // Narrow to that one product by its own slug words; both motifs then show a count of 1.
    const title = await sql<{ title_id: string }>`select title_id from products where id = ${product_id}`.execute(t.db);
    const r = await searchCatalogue({ q: title.rows[0].title_id }, t.db);
    expect(r.items.map((i) => i.slug)).toContain(slugRow[0].slug);
    const counts = new Map(r.facets.motif.map((v) => [v.value, v.count]));
    const withA = (await allIds({ q: title.rows[0].title_id, motif: [a] })).length;
    const withB = (await allIds({ q: title.rows[0].title_id, motif: [b] })).length;
    expect(counts.get(a)).toBe(withA);
    expect(counts.get(b)).toBe(withB);
    expect(withA).toBeGreaterThanOrEqual(1);
    expect(withB).toBeGreaterThanOrEqual(1);
    // Across the whole catalogue the motif counts add up to the number of (public product, motif) links, not products.
    const all = await searchCatalogue({}, t.db);
    const links = await sql<{ n: number }>`
      select count(*) as n from product_motifs pm join motifs m on m.id = pm.motif_id join products p on p.id = pm.product_id join artisans a on a.id = p.artisan_id
      where m.status = 'published' and p.status = 'published' and a.status = 'active' and a.membership_status = 'verified'`.execute(t.db);
    expect(all.facets.motif.reduce((s, v) => s + v.count, 0)).toBe(links.rows[0].n);
    expect(links.rows[0].n).toBeGreaterThan(all.total);
  });

  it("drops unknown values and sorts, and clamps pages", async () => {
    const all = await searchCatalogue({}, t.db);
    const garbage = await searchCatalogue(
      { technique: ["batik", ""], motif: ["no-such-motif"], price: ["free"], district: ["Atlantis"], sort: "cheapest", page: 99999 } as CatalogueArgs,
      t.db,
    );
    expect(garbage.total).toBe(all.total);
    expect(garbage.filters).toEqual({ motif: [], technique: [], fabric: [], dye: [], price: [], artisan: [], district: [] } satisfies CatalogueFilters);
    expect(garbage.sort).toBe("newest");
    expect(garbage.page).toBe(garbage.pageCount);
    expect(garbage.items.length).toBe(all.total - (garbage.pageCount - 1) * 24);
  });

  it("sorts by price both ways", async () => {
    const asc = await searchCatalogue({ sort: "price_asc", perPage: 60 }, t.db);
    const prices = asc.items.map((i) => i.price);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
    const desc = await searchCatalogue({ sort: "price_desc", perPage: 5 }, t.db);
    const { rows } = await sql<{ price: number }>`
      select p.price from products p join artisans a on a.id = p.artisan_id
      where p.status = 'published' and a.status = 'active' and a.membership_status = 'verified' order by p.price desc limit 5`.execute(t.db);
    expect(desc.items.map((i) => i.price)).toEqual(rows.map((r) => r.price));
  });
});

describe("misspellings", () => {
  function misspellings(name: string): string[] {
    const out = new Set<string>();
    const letters = "abcdefghijklmnopqrstuvwxyz";
    for (let i = 0; i < name.length; i++) {
      out.add(name.slice(0, i) + name.slice(i + 1)); // deletion
      for (const c of letters) {
        out.add(name.slice(0, i) + c + name.slice(i + 1)); // substitution
        out.add(name.slice(0, i) + c + name.slice(i)); // insertion
      }
      if (i + 1 < name.length) out.add(name.slice(0, i) + name[i + 1] + name[i] + name.slice(i + 2)); // transposition
    }
    for (const c of letters) out.add(name + c);
    out.delete(name);
    return [...out].filter((s) => s.trim() && s.toLowerCase() !== name.toLowerCase());
  }

  it("every one-letter misspelling of every published motif name finds the motif", async () => {
    const motifs = await sql<{ slug: string; name: string }>`select slug, name from motifs where status = 'published' order by name`.execute(t.db);
    expect(motifs.rows.length).toBe(31);
    const rows = await publicRows();
    const productsOf = new Map(motifs.rows.map((m) => [m.slug, new Set(rows.filter((r) => r.motifs.includes(m.slug)).map((r) => r.id))]));
    let tried = 0;
    const failures: string[] = [];
    for (const motif of motifs.rows) {
      const own = productsOf.get(motif.slug)!;
      for (const typo of misspellings(motif.name)) {
        tried++;
        const r = await searchCatalogue({ q: typo, perPage: 60 }, t.db);
        const found = r.items.some((i) => own.has(i.id)) || r.suggestions.some((s) => s.kind === "motif" && s.slug === motif.slug);
        if (!found) failures.push(`${motif.name} ← ${typo}`);
      }
    }
    expect(failures).toEqual([]);
    expect(tried).toBeGreaterThan(10_000);
  }, 300_000);

  it("searches the closest name when the text finds nothing, and says so", async () => {
    const r = await searchCatalogue({ q: "Penatarn" }, t.db);
    expect(r.correctedFrom).toBe("Penatarn");
    expect(r.q).toBe("Relief Penataran");
    expect(r.total).toBe(7);
    expect(r.suggestions[0]).toEqual({ kind: "motif", slug: "relief-penataran", name: "Relief Penataran" });
    const artisan = await searchCatalogue({ q: "Nawasina" }, t.db);
    expect(artisan.suggestions.map((s) => s.name)).toContain("Nawasena Batik Tulis");
    expect(artisan.total).toBeGreaterThan(0);
  });

  it("an empty result with nothing close has no correction and no suggestions", async () => {
    const r = await searchCatalogue({ q: "zzqxw" }, t.db);
    expect(r).toMatchObject({ total: 0, items: [], correctedFrom: null, suggestions: [], q: "zzqxw" });
  });
});

describe("suggestions while typing", () => {
  it("offers motifs, artisans and product titles starting with the text", async () => {
    const s = await suggestCatalogue({ q: "koi k", locale: "en" }, t.db);
    expect(s.motifs.map((m) => m.name)).toEqual(["Koi & Kendang Jimbe", "Koi Kembar"]);
    expect(s.artisans.map((a) => a.name)).toEqual(["Batik Koi Kembar Bendogerit"]);
    expect(s.products.length).toBe(5);
    for (const p of s.products) expect(p.title).toMatch(/^Koi (&|Kembar)/);
    expect(await suggestCatalogue({ q: "k" }, t.db)).toEqual({ motifs: [], artisans: [], products: [] });
  });
});

describe("the index follows writes", () => {
  it("publish and unpublish, rename a motif, rename an artisan, relink motifs", async () => {
    const { rows } = await sql<{ id: number; slug: string; artisan_id: number }>`
      select p.id, p.slug, p.artisan_id from products p join product_motifs pm on pm.product_id = p.id join motifs m on m.id = pm.motif_id
      where m.slug = 'mujair' and p.status = 'published' order by p.id limit 1`.execute(t.db);
    const product = rows[0];
    const ids = async (q: string) => (await allIds({ q })).filter((id) => id === product.id);

    expect(await ids("mujair")).toEqual([product.id]);
    await t.db.updateTable("products").set({ status: "draft" }).where("id", "=", product.id).execute();
    expect(await ids("mujair")).toEqual([]);
    await t.db.updateTable("products").set({ status: "published" }).where("id", "=", product.id).execute();
    expect(await ids("mujair")).toEqual([product.id]);

    await t.db.updateTable("motifs").set({ name: "Ikan Mujair Lodoyo" }).where("slug", "=", "mujair").execute();
    expect(await ids("lodoyo")).toEqual([product.id]);

    await t.db.updateTable("artisans").set({ name: "Sanggar Quokka" }).where("id", "=", product.artisan_id).execute();
    expect(await ids("quokka")).toEqual([product.id]);

    await t.db.updateTable("products").set({ title_en: "Zebrafish cloth" }).where("id", "=", product.id).execute();
    expect(await ids("zebrafish")).toEqual([product.id]);

    const motif = await t.db.selectFrom("motifs").select("id").where("slug", "=", "mujair").executeTakeFirstOrThrow();
    await t.db.deleteFrom("product_motifs").where("product_id", "=", product.id).where("motif_id", "=", motif.id).execute();
    expect(await ids("lodoyo")).toEqual([]);
    await t.db.insertInto("product_motifs").values({ product_id: product.id, motif_id: motif.id }).execute();
    expect(await ids("lodoyo")).toEqual([product.id]);

    // Only published motif names are searchable: withdrawing the motif takes its name out of the index.
    await t.db.updateTable("motifs").set({ status: "archived" }).where("id", "=", motif.id).execute();
    expect(await ids("lodoyo")).toEqual([]);
    await t.db.updateTable("motifs").set({ status: "published" }).where("id", "=", motif.id).execute();
    expect(await ids("lodoyo")).toEqual([product.id]);

    const count = await sql<{ n: number }>`select (select count(*) from catalogue_fts) - (select count(*) from products) as n`.execute(t.db);
    expect(count.rows[0].n).toBe(0);
  });
});

// Keeps the FacetName import honest: every facet appears in a result.
it("returns every facet", async () => {
  const r = await searchCatalogue({}, t.db);
  expect(Object.keys(r.facets).sort()).toEqual([...FACETS].sort() as FacetName[]);
});

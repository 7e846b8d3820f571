/**
 * The read-model contract the pages rely on, checked against the seeded demo
 * data: shapes, public filters (published, verified shops only), ordering,
 * paging and search, badges — and that no private contact detail leaks.
 */
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { seedIfEmpty } from "#db/seed/index";
import { getArtisanBySlug, listArtisans, type ArtisanSummary } from "~/models/artisan.server";
import { getEventBySlug, listEventsBetween, listPastEvents, listUpcomingEvents, type EventSummary } from "~/models/event.server";
import { getImageRefs, type ImageRef } from "~/models/image.server";
import { getMotifBySlug, listFeaturedMotifs, listMotifs, type MotifSummary } from "~/models/motif.server";
import { getProductBySlug, listFeaturedProducts, listProducts, type ProductSummary } from "~/models/product.server";
import { createTestDatabase, type TestDatabase } from "../setup/db";

const NOW = new Date("2026-11-29T07:30:00.000Z");
// Shared by the seeding test files of this run: images are content-addressed, so a second
// seed reuses the files instead of encoding them again (the run directory is removed at the end).
const imagesDir = path.join(inject("testRunDir"), "seed-images");
let t: TestDatabase;

/** Words that must never appear in public data: WhatsApp numbers and e-mail addresses. */
const PRIVATE = [/whatsapp/i, /\+62\s?8\d/, /@demo\.test/, /@example\.(com|net|org)/, /password/i, /scrypt\$/];

function expectNoPrivateData(value: unknown) {
  const json = JSON.stringify(value);
  for (const pattern of PRIVATE) expect(json, `leaks ${pattern}`).not.toMatch(pattern);
}

function expectImageRef(image: ImageRef | null) {
  expect(image).not.toBeNull();
  const ref = image!;
  expect(Object.keys(ref).sort()).toEqual(["alt_en", "alt_id", "height", "id", "placeholder", "variants", "width"]);
  expect(ref.alt_id.length).toBeGreaterThan(0);
  expect(ref.alt_en.length).toBeGreaterThan(0);
  expect(ref.width).toBe(1024);
  expect(ref.height).toBeGreaterThan(0);
  expect(ref.placeholder).toMatch(/^data:image\/webp;base64,/);
  expect(ref.variants.map((v) => v.width)).toEqual([320, 640, 1024]);
  for (const v of ref.variants) {
    expect(v.format).toBe("webp");
    expect(v.url).toMatch(/^\/images\/[0-9a-f]{20}-\d+\.webp$/);
  }
}

function expectProductSummary(p: ProductSummary) {
  expect(Object.keys(p).sort()).toEqual(["artisan", "id", "image", "price", "slug", "stock", "technique", "title_en", "title_id"]);
  expect(Object.keys(p.artisan).sort()).toEqual(["district", "name", "slug"]);
  expect(Number.isInteger(p.price) && p.price > 0).toBe(true);
  expect(p.stock).toBeGreaterThanOrEqual(0);
  expectImageRef(p.image);
}

beforeAll(async () => {
  t = await createTestDatabase();
  await seedIfEmpty(t.db, () => {}, { now: NOW, imagesDir });
}, 120_000);

afterAll(async () => {
  await t?.cleanup();
});

describe("motifs", () => {
  it("lists published motifs alphabetically with their image and public product count", async () => {
    const motifs = await listMotifs({}, t.db);
    expect(motifs.length).toBeGreaterThanOrEqual(20);
    expect(motifs.map((m) => m.name)).toEqual([...motifs.map((m) => m.name)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(motifs.find((m) => m.slug === "daun-kakao-wonodadi")).toBeUndefined(); // a proposal, not yet curated
    for (const m of motifs) {
      expect(Object.keys(m).sort()).toEqual(["id", "image", "meaning_en", "meaning_id", "name", "origin", "product_count", "region", "slug", "year"]);
      expectImageRef(m.image);
    }
    const cakra = motifs.find((m) => m.slug === "cakra-palah") as MotifSummary;
    expect(cakra).toMatchObject({ name: "Cakra Palah", region: "kabupaten", year: 2020 });
    const counted = await sql<{ n: number }>`
      select count(*) as n from product_motifs pm join products p on p.id = pm.product_id join artisans a on a.id = p.artisan_id
      where pm.motif_id = ${cakra.id} and p.status = 'published' and a.status = 'active' and a.membership_status = 'verified'`.execute(t.db);
    expect(cakra.product_count).toBe(counted.rows[0].n);
    expect(cakra.product_count).toBeGreaterThan(0);
    expect(await listMotifs({ limit: 3 }, t.db)).toHaveLength(3);
  });

  it("puts featured motifs first", async () => {
    const featured = await listFeaturedMotifs({ limit: 6 }, t.db);
    expect(featured).toHaveLength(6);
    const flags = await t.db.selectFrom("motifs").select(["slug", "featured"]).execute();
    const isFeatured = new Map(flags.map((f) => [f.slug, f.featured]));
    const firstPlain = featured.findIndex((m) => !isFeatured.get(m.slug));
    if (firstPlain >= 0) expect(featured.slice(firstPlain).every((m) => !isFeatured.get(m.slug))).toBe(true);
    expect(isFeatured.get(featured[0].slug)).toBe(1);
  });

  it("gives one motif with story, registration, creator, images and public products", async () => {
    const cakra = await getMotifBySlug({ slug: "cakra-palah" }, t.db);
    expect(cakra).not.toBeNull();
    expect(cakra!.story_id).toContain("6 Maret 2020");
    expect(cakra!.story_en).toContain("6 March 2020");
    expect(cakra!.meaning_en).toBe("People are imperfect and seek perfection by doing good.");
    expect(cakra!.registration_status).toBe("none");
    expect(cakra!.creator).toBeNull();
    expect(cakra!.images.length).toBeGreaterThan(0);
    expect(cakra!.products).toHaveLength(cakra!.product_count);
    cakra!.products.forEach(expectProductSummary);

    const tutur = await getMotifBySlug({ slug: "tutur-pedhut-kelut" }, t.db);
    expect(tutur!.meaning_en).toMatch(/not recorded/);
    expect(tutur!.year).toBeNull();

    const shop = await getMotifBySlug({ slug: "sekar-lintang" }, t.db);
    expect(shop!.creator).toEqual({ id: expect.any(Number), slug: "batik-lintang-tlogo", name: "Batik Lintang Tlogo" });
    expect(shop!.registration_status).toBe("registered");
    expect(shop!.registration_number).toBeTruthy();

    expect(await getMotifBySlug({ slug: "daun-kakao-wonodadi" }, t.db)).toBeNull();
    expect(await getMotifBySlug({ slug: "no-such-motif" }, t.db)).toBeNull();
    expectNoPrivateData(cakra);
  });
});

describe("products", () => {
  it("lists public products only, newest first, 24 a page", async () => {
    const { items, total, page, perPage } = await listProducts({}, t.db);
    const publicCount = await sql<{ n: number }>`
      select count(*) as n from products p join artisans a on a.id = p.artisan_id
      where p.status = 'published' and a.status = 'active' and a.membership_status = 'verified'`.execute(t.db);
    expect(total).toBe(publicCount.rows[0].n);
    expect(total).toBeGreaterThanOrEqual(70);
    expect(page).toBe(1);
    expect(perPage).toBe(24);
    expect(items).toHaveLength(24);
    items.forEach(expectProductSummary);
    const all = (await listProducts({ perPage: 60, page: 1 }, t.db)).items.concat((await listProducts({ perPage: 60, page: 2 }, t.db)).items);
    expect(all).toHaveLength(total);
    const dates = await t.db.selectFrom("products").select(["id", "published_at"]).execute();
    const publishedAt = new Map(dates.map((d) => [d.id, d.published_at!]));
    for (let i = 1; i < all.length; i++) expect(publishedAt.get(all[i - 1].id)! >= publishedAt.get(all[i].id)!).toBe(true);
    const hidden = await t.db
      .selectFrom("products as p")
      .innerJoin("artisans as a", "a.id", "p.artisan_id")
      .select("p.id")
      .where((eb) => eb.or([eb("p.status", "<>", "published"), eb("a.membership_status", "<>", "verified")]))
      .execute();
    expect(hidden.length).toBeGreaterThan(0);
    const shown = new Set(all.map((p) => p.id));
    for (const h of hidden) expect(shown.has(h.id)).toBe(false);
  });

  it("clamps paging input instead of failing", async () => {
    expect((await listProducts({ perPage: 1000 }, t.db)).perPage).toBe(60);
    expect((await listProducts({ perPage: 0 }, t.db)).perPage).toBe(1);
    expect((await listProducts({ page: 0 }, t.db)).page).toBe(1);
    expect((await listProducts({ page: Number.NaN }, t.db)).page).toBe(1);
    const beyond = await listProducts({ page: 999 }, t.db);
    expect(beyond.items).toEqual([]);
    expect(beyond.total).toBeGreaterThan(0);
  });

  it("searches titles, motif names and the artisan's name, case-insensitively and literally", async () => {
    const cakra = await listProducts({ q: "CAKRA palah", perPage: 60 }, t.db);
    expect(cakra.total).toBeGreaterThan(0);
    const motif = await getMotifBySlug({ slug: "cakra-palah" }, t.db);
    expect(cakra.items.map((p) => p.id).sort()).toEqual(motif!.products.map((p) => p.id).sort());
    const shop = await listProducts({ q: "nawasena", perPage: 60 }, t.db);
    expect(shop.total).toBeGreaterThan(0);
    expect(shop.items.every((p) => p.artisan.slug === "nawasena-batik-tulis")).toBe(true);
    const english = await listProducts({ q: "printed fabric", perPage: 60 }, t.db);
    expect(english.items.length).toBeGreaterThan(0);
    expect(english.items.every((p) => p.technique === "printing")).toBe(true);
    expect((await listProducts({ q: "%" }, t.db)).total).toBe(0);
    expect((await listProducts({ q: "_" }, t.db)).total).toBe(0);
    expect((await listProducts({ q: "   " }, t.db)).total).toBe((await listProducts({}, t.db)).total);
  });

  it("lists featured products first", async () => {
    const featured = await listFeaturedProducts({ limit: 4 }, t.db);
    expect(featured).toHaveLength(4);
    const flags = await t.db.selectFrom("products").select(["id", "featured"]).where("featured", "=", 1).execute();
    const ids = new Set(flags.map((f) => f.id));
    expect(featured.every((p) => ids.has(p.id))).toBe(true);
  });

  it("gives one public product with its details, and null for drafts and pending shops", async () => {
    const [first] = (await listProducts({}, t.db)).items;
    const product = await getProductBySlug({ slug: first.slug }, t.db);
    expect(product).not.toBeNull();
    expect(Object.keys(product!).sort()).toEqual(
      [
        "artisan", "batikmark", "description_en", "description_id", "dye", "fabric", "id", "image", "images", "length_cm", "motifs", "price", "slug",
        "stock", "stock_state", "technique", "title_en", "title_id", "width_cm",
      ].sort(),
    );
    expect(Object.keys(product!.artisan).sort()).toEqual(["association", "district", "id", "image", "name", "regency", "slug", "techniques", "village"]);
    expect(product!.motifs.length).toBeGreaterThan(0);
    expect(product!.images.length).toBeGreaterThan(0);
    expect(product!.image).toEqual(product!.images[0]);
    expect(product!.description_id.length).toBeGreaterThan(20);
    expectNoPrivateData(product);

    const draft = await t.db.selectFrom("products").select("slug").where("status", "=", "draft").executeTakeFirstOrThrow();
    expect(await getProductBySlug({ slug: draft.slug }, t.db)).toBeNull();
    const pending = await t.db
      .selectFrom("products as p")
      .innerJoin("artisans as a", "a.id", "p.artisan_id")
      .select("p.slug")
      .where("a.membership_status", "=", "pending")
      .executeTakeFirstOrThrow();
    expect(await getProductBySlug({ slug: pending.slug }, t.db)).toBeNull();
    // Printed cloth says what it is.
    const printing = (await listProducts({ q: "printing", perPage: 60 }, t.db)).items[0];
    const printed = await getProductBySlug({ slug: printing.slug }, t.db);
    expect(printed!.title_id).toContain("Tiruan Batik");
    expect(printed!.description_id).toContain("SNI 8184:2015");
    expect(printed!.batikmark).toBeNull();
    // Batik Lintang Tlogo holds a verified gold (tulis) Batikmark and no silver one.
    const lintang = await t.db
      .selectFrom("products as p")
      .innerJoin("artisans as a", "a.id", "p.artisan_id")
      .select(["p.slug", "p.technique"])
      .where("a.slug", "=", "batik-lintang-tlogo")
      .where("p.status", "=", "published")
      .execute();
    const tulis = lintang.find((p) => p.technique === "tulis")!;
    const kombinasi = lintang.find((p) => p.technique === "kombinasi")!;
    expect((await getProductBySlug({ slug: tulis.slug, now: NOW }, t.db))!.batikmark).toBe("gold");
    expect((await getProductBySlug({ slug: kombinasi.slug, now: NOW }, t.db))!.batikmark).toBeNull();
  });

  it("leaves some English text empty so pages fall back to Indonesian", async () => {
    const rows = await sql<{ n: number }>`select count(*) as n from products where title_en = ''`.execute(t.db);
    expect(rows.rows[0].n).toBeGreaterThan(0);
  });
});

describe("artisans", () => {
  it("lists verified, active shops with techniques and product counts", async () => {
    const artisans = await listArtisans({}, t.db);
    expect(artisans).toHaveLength(12);
    for (const a of artisans) {
      expect(Object.keys(a).sort()).toEqual(["district", "id", "image", "name", "product_count", "regency", "slug", "techniques", "village"]);
      expect(a.techniques.length).toBeGreaterThan(0);
      expect(a.image!.width).toBe(1024);
      expect(a.image!.height).toBe(768);
    }
    expect(artisans.find((a) => a.slug === "batik-gebang-asmara")).toBeUndefined();
    const nawasena = artisans.find((a) => a.slug === "nawasena-batik-tulis") as ArtisanSummary;
    const published = await sql<{ n: number }>`select count(*) as n from products where artisan_id = ${nawasena.id} and status = 'published'`.execute(t.db);
    expect(nawasena.product_count).toBe(published.rows[0].n);
    expectNoPrivateData(artisans);
  });

  it("gives a profile with verified, unexpired, current badges only — and no contact details", async () => {
    const lintang = await getArtisanBySlug({ slug: "batik-lintang-tlogo", now: NOW }, t.db);
    expect(lintang).not.toBeNull();
    expect(lintang!.owner_name).toBe("Endang Sulistyowati");
    expect(lintang!.association).toEqual({ short_name: "APBB", name: "Asosiasi Pengrajin Batik Kabupaten Blitar" });
    expect(lintang!.badges).toEqual(
      expect.arrayContaining([
        { kind: "nib", grade: null },
        { kind: "trademark", grade: null },
        { kind: "batikmark", grade: "gold" },
      ]),
    );
    expect(lintang!.badges).toHaveLength(3);
    expect(lintang!.motifs).toEqual([{ slug: "sekar-lintang", name: "Sekar Lintang" }]);
    expect(lintang!.products.length).toBe(lintang!.product_count);
    expect(lintang!.exhibitions.length).toBeGreaterThan(0);
    for (let i = 1; i < lintang!.exhibitions.length; i++) expect(lintang!.exhibitions[i - 1].starts_at >= lintang!.exhibitions[i].starts_at).toBe(true);
    expectNoPrivateData(lintang);
    expect(JSON.stringify(lintang)).not.toContain("whatsapp_number");

    // A pending Batikmark does not show; an expired one does not either; a renewed one shows once.
    const canting = await getArtisanBySlug({ slug: "omah-canting-sawentar", now: NOW }, t.db);
    expect(canting!.badges.map((b) => b.kind).sort()).toEqual(["nib", "trademark"]);
    const siraman = await getArtisanBySlug({ slug: "batik-tirta-siraman", now: NOW }, t.db);
    expect(siraman!.badges).toEqual([{ kind: "nib", grade: null }]);
    const jugo = await getArtisanBySlug({ slug: "batik-sumber-jugo", now: NOW }, t.db);
    expect(jugo!.badges.filter((b) => b.kind === "batikmark")).toEqual([{ kind: "batikmark", grade: "white" }]);

    for (const a of await listArtisans({}, t.db)) expectNoPrivateData(await getArtisanBySlug({ slug: a.slug, now: NOW }, t.db));
    expect(await getArtisanBySlug({ slug: "batik-gebang-asmara" }, t.db)).toBeNull();
    expect(await getArtisanBySlug({ slug: "nope" }, t.db)).toBeNull();
  });
});

describe("events", () => {
  function expectEventSummary(e: EventSummary) {
    expect(Object.keys(e).sort()).toEqual(
      ["all_day", "city", "ends_at", "id", "image", "kind", "organizer", "slug", "starts_at", "status", "title_en", "title_id", "venue"].sort(),
    );
    expect(typeof e.all_day).toBe("boolean");
    expect(e.organizer?.name).toBeTruthy();
    expect(e.image!.height).toBe(683);
  }

  it("lists upcoming events soonest first, including the cancelled one, and past events latest first", async () => {
    const upcoming = await listUpcomingEvents({ now: NOW }, t.db);
    expect(upcoming.length).toBeGreaterThanOrEqual(5);
    upcoming.forEach(expectEventSummary);
    for (const e of upcoming) expect(e.ends_at >= NOW.toISOString()).toBe(true);
    for (let i = 1; i < upcoming.length; i++) expect(upcoming[i - 1].starts_at <= upcoming[i].starts_at).toBe(true);
    expect(upcoming.filter((e) => e.status === "cancelled")).toHaveLength(1);
    expect(upcoming.some((e) => e.all_day)).toBe(true);
    expect((await listUpcomingEvents({ now: NOW, limit: 2 }, t.db)).map((e) => e.id)).toEqual(upcoming.slice(0, 2).map((e) => e.id));

    const past = await listPastEvents({ now: NOW }, t.db);
    expect(past.length).toBeGreaterThanOrEqual(5);
    for (const e of past) expect(e.ends_at < NOW.toISOString()).toBe(true);
    for (let i = 1; i < past.length; i++) expect(past[i - 1].starts_at >= past[i].starts_at).toBe(true);
    expect(new Set([...upcoming, ...past].map((e) => e.kind))).toEqual(new Set(["exhibition", "festival", "bazaar", "training"]));

    const march = await listEventsBetween({ from: new Date("2026-02-28T17:00:00Z"), to: new Date("2026-03-31T17:00:00Z") }, t.db);
    expect(march.map((e) => e.slug)).toEqual(expect.arrayContaining(["festival-batik-blitar-keren-2026", "batik-bordir-aksesoris-fair-2026"]));
  });

  it("gives an event with approved public exhibitors and up to three of their products", async () => {
    const [past] = (await listPastEvents({ now: NOW }, t.db)).filter((e) => e.kind === "exhibition" || e.kind === "festival");
    const event = await getEventBySlug({ slug: past.slug }, t.db);
    expect(event).not.toBeNull();
    expect(event!.exhibitors.length).toBeGreaterThan(0);
    for (const x of event!.exhibitors) {
      expect(x.products.length).toBeGreaterThan(0);
      expect(x.products.length).toBeLessThanOrEqual(3);
      x.products.forEach(expectProductSummary);
    }
    const approved = await sql<{ n: number }>`
      select count(*) as n from event_exhibitors x join artisans a on a.id = x.artisan_id
      where x.event_id = ${event!.id} and x.status = 'approved' and a.membership_status = 'verified'`.execute(t.db);
    expect(event!.exhibitors).toHaveLength(approved.rows[0].n);
    expect(event!.description_en.length).toBeGreaterThan(20);
    expectNoPrivateData(event);

    const cancelled = (await listUpcomingEvents({ now: NOW }, t.db)).find((e) => e.status === "cancelled")!;
    expect((await getEventBySlug({ slug: cancelled.slug }, t.db))!.status).toBe("cancelled");
    expect(await getEventBySlug({ slug: "no-such-event" }, t.db)).toBeNull();
  });
});

describe("images", () => {
  it("returns ready images by id and skips unknown ids", async () => {
    const ids = (await t.db.selectFrom("images").select("id").limit(3).execute()).map((i) => i.id);
    const refs = await getImageRefs({ ids: [...ids, 999_999, ids[0]] }, t.db);
    expect([...refs.keys()].sort()).toEqual([...ids].sort());
    for (const ref of refs.values()) expect(ref.variants).toHaveLength(3);
    expect((await getImageRefs({ ids: [] }, t.db)).size).toBe(0);
  });
});

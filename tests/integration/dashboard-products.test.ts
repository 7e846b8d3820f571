/**
 * The artisan dashboard's products: creating a draft (slug from the title,
 * numbered when taken), editing, publishing (verified shops only), the list
 * with status counts, unpublishing, archiving and restoring (audited), the
 * quick stock update, field errors that keep what was typed, another shop's
 * product answering 404 everywhere, and the catalogue search following.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createArtisan, decideArtisanMembership } from "~/models/artisan.server";
import { listAuditEntries } from "~/models/audit.server";
import { searchCatalogue } from "~/models/catalogue.server";
import { createMotif } from "~/models/motif.server";
import { getProductBySlug, getShopProduct, listShopProducts } from "~/models/product.server";
import { loader as overviewLoader } from "~/routes/($lang).dashboard._index";
import { action as editAction, loader as editLoader } from "~/routes/($lang).dashboard.products.$id._index";
import { loader as listLoader } from "~/routes/($lang).dashboard.products._index";
import { action as newAction, loader as newLoader } from "~/routes/($lang).dashboard.products.new";
import { createUserWithSession, outcome, request } from "../setup/routes";

type Owner = { id: number; cookie: string; shopId: number };
let a: Owner;
let b: Owner;
let pending: Owner;
let buyerCookie: string;
let motifIds: number[];

async function openShop(email: string, slug: string, name: string, verified: boolean): Promise<Owner> {
  const user = await createUserWithSession({ email, name: `Pemilik ${name}`, password: "artisan-pass-2026", roles: ["artisan"] });
  const shop = await createArtisan({
    slug,
    ownerUserId: user.id,
    name,
    ownerName: `Pemilik ${name}`,
    village: "Tanjungsari",
    district: "Sukorejo",
    regency: "kota",
    techniques: ["tulis"],
  });
  if (verified) await decideArtisanMembership({ artisanId: shop.id, status: "verified", actorUserId: null });
  return { id: user.id, cookie: user.cookie, shopId: shop.id };
}

function productForm(fields: Record<string, string> = {}): Record<string, string> {
  return {
    intent: "save",
    titleId: "Kain Sekar Jagad Biru",
    titleEn: "Sekar Jagad cloth in blue",
    descriptionId: "Batik tulis pewarna alam.",
    descriptionEn: "Hand-drawn batik with natural dyes.",
    technique: "tulis",
    fabric: "katun_primisima",
    dye: "natural",
    widthCm: "115",
    lengthCm: "220",
    price: "450000",
    stock: "3",
    ...fields,
  };
}

/** A urlencoded body with repeated motifIds. */
function withMotifs(form: Record<string, string>, ids: number[]): Record<string, string> {
  // URLSearchParams from a record cannot repeat a key; the helper below builds the request itself.
  return { ...form, __motifs: ids.join(",") };
}

function post(path: string, cookie: string, form: Record<string, string>): Request {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(form)) {
    if (k === "__motifs") for (const id of v.split(",").filter(Boolean)) body.append("motifIds", id);
    else body.append(k, v);
  }
  return new Request(`http://localhost:3000${path}`, {
    method: "POST",
    headers: { Cookie: cookie.split(";")[0], "Content-Type": "application/x-www-form-urlencoded" },
    body,
  });
}

async function create(owner: Owner, form: Record<string, string>) {
  return outcome(newAction({ request: post("/dashboard/products/new", owner.cookie, form), params: {}, context: {} }));
}

async function edit(owner: Owner, id: number | string, form: Record<string, string>) {
  return outcome(editAction({ request: post(`/dashboard/products/${id}`, owner.cookie, form), params: { id: String(id) }, context: {} }));
}

async function load(owner: Owner, id: number | string) {
  return outcome(editLoader({ request: request(`/dashboard/products/${id}`, { cookie: owner.cookie }), params: { id: String(id) }, context: {} }));
}

function createdId(location: string | null | undefined): number {
  const match = /^\/dashboard\/products\/(\d+)$/.exec(location ?? "");
  expect(match, `redirect to ${location}`).not.toBeNull();
  return Number(match![1]);
}

/** The submitted values and field errors of a Conform reply. */
function reply(body: unknown) {
  const r = body as { result?: { initialValue?: Record<string, unknown>; error?: Record<string, string[]> } } & { initialValue?: Record<string, unknown>; error?: Record<string, string[]> };
  const result = r.result ?? r;
  return { values: result.initialValue ?? {}, errors: result.error ?? {} };
}

beforeAll(async () => {
  a = await openShop("a@toko.test", "batik-toko-a", "Batik Toko A", true);
  b = await openShop("b@toko.test", "batik-toko-b", "Batik Toko B", true);
  pending = await openShop("c@toko.test", "batik-toko-c", "Batik Toko C", false);
  buyerCookie = (await createUserWithSession({ email: "pembeli@example.test", name: "Pembeli", password: "buyer-pass-2026", roles: ["buyer"] })).cookie;
  motifIds = [];
  for (const name of ["Kawung Blitar", "Sekar Jagad", "Parang Penataran", "Truntum", "Gurdo", "Mega Mendung", "Sidomukti"]) {
    motifIds.push((await createMotif({ name, region: "both" })).id);
  }
});

describe("creating and editing a product", () => {
  it("saves a draft with a slug from the title, its motifs, and shows it in the list", async () => {
    const answer = await create(a, withMotifs(productForm(), motifIds.slice(0, 2)));
    expect(answer.status).toBe(303);
    const id = createdId(answer.headers?.get("Location"));
    const product = await getShopProduct({ artisanId: a.shopId, productId: id });
    expect(product).toMatchObject({
      slug: "kain-sekar-jagad-biru",
      title_id: "Kain Sekar Jagad Biru",
      title_en: "Sekar Jagad cloth in blue",
      status: "draft",
      technique: "tulis",
      fabric: "katun_primisima",
      dye: "natural",
      width_cm: 115,
      length_cm: 220,
      price: 450000,
      stock: 3,
      motif_ids: motifIds.slice(0, 2),
      image_count: 0,
    });
    // A second product with the same title gets a numbered slug.
    const again = await create(a, productForm({ price: "Rp 300.000" }));
    const second = await getShopProduct({ artisanId: a.shopId, productId: createdId(again.headers?.get("Location")) });
    expect(second?.slug).toBe("kain-sekar-jagad-biru-2");
    expect(second?.price).toBe(300000);

    const list = await outcome(listLoader({ request: request("/dashboard/products?status=draft", { cookie: a.cookie }), params: {}, context: {} }));
    const body = list.body as { items: { id: number }[]; counts: Record<string, number>; status: string };
    expect(body.status).toBe("draft");
    expect(body.counts).toEqual({ draft: 2, published: 0, archived: 0 });
    expect(body.items.map((i) => i.id).sort()).toEqual([id, second!.id].sort());
  });

  it("edits the fields and the motif set, keeping the slug", async () => {
    const created = await create(a, withMotifs(productForm({ titleId: "Selendang Kawung" }), [motifIds[0], motifIds[1]]));
    const id = createdId(created.headers?.get("Location"));
    const answer = await edit(a, id, withMotifs(productForm({ titleId: "Selendang Kawung Merah", price: "510000", stock: "0", technique: "printing", widthCm: "" }), [motifIds[1], motifIds[2]]));
    expect(answer.status).toBe(303);
    expect(answer.headers?.get("Location")).toBe(`/dashboard/products/${id}`);
    const product = await getShopProduct({ artisanId: a.shopId, productId: id });
    expect(product).toMatchObject({ slug: "selendang-kawung", title_id: "Selendang Kawung Merah", price: 510000, stock: 0, technique: "printing", width_cm: null, length_cm: 220, motif_ids: [motifIds[1], motifIds[2]] });
  });
});

describe("field errors", () => {
  const cases: [string, Record<string, string>, string, string][] = [
    ["a price of 0", { price: "0" }, "price", "dashboard.errors.priceInvalid"],
    ["a price above the maximum", { price: "100000001" }, "price", "dashboard.errors.priceInvalid"],
    ["a negative stock", { stock: "-2" }, "stock", "dashboard.errors.stockInvalid"],
    ["a fractional stock", { stock: "1.5" }, "stock", "dashboard.errors.stockInvalid"],
    ["an unknown technique", { technique: "sablon" }, "technique", "dashboard.errors.techniqueInvalid"],
    ["an unknown fabric", { fabric: "wol" }, "fabric", "dashboard.errors.fabricInvalid"],
    ["no title", { titleId: "   " }, "titleId", "dashboard.errors.titleRequired"],
    ["a huge title", { titleId: "x".repeat(100_000) }, "titleId", "dashboard.errors.tooLong"],
    ["a huge description", { descriptionEn: "y".repeat(200_000) }, "descriptionEn", "dashboard.errors.tooLong"],
    ["a width of text", { widthCm: "lebar" }, "widthCm", "dashboard.errors.sizeInvalid"],
  ];
  it.each(cases)("answers 400 for %s, on the field, keeping what was typed", async (_name, fields, field, key) => {
    const before = await listShopProducts({ artisanId: b.shopId });
    const answer = await create(b, productForm({ titleId: "Kain Uji Galat", ...fields }));
    expect(answer.status).toBe(400);
    const { values, errors } = reply(answer.body);
    expect(errors[field]).toEqual([key]);
    expect(values.titleEn).toBe("Sekar Jagad cloth in blue");
    expect(values.price).toBe(fields.price ?? "450000");
    expect((await listShopProducts({ artisanId: b.shopId })).items.length).toBe(before.items.length);
  });

  it("refuses more than six motifs and an unknown motif (400 on motifIds)", async () => {
    const tooMany = await create(b, withMotifs(productForm(), motifIds.slice(0, 7)));
    expect(tooMany.status).toBe(400);
    expect(reply(tooMany.body).errors.motifIds).toEqual(["dashboard.errors.tooManyMotifs"]);
    const unknown = await create(b, withMotifs(productForm(), [motifIds[0], 999_999]));
    expect(unknown.status).toBe(400);
    expect(reply(unknown.body).errors.motifIds).toEqual(["dashboard.errors.motifUnknown"]);
    const notANumber = await create(b, { ...productForm(), __motifs: "satu" });
    expect(notANumber.status).toBe(400);
    expect(reply(notANumber.body).errors.motifIds).toEqual(["dashboard.errors.motifUnknown"]);
    const sixOk = await create(b, withMotifs(productForm({ titleId: "Enam Motif" }), motifIds.slice(0, 6)));
    expect(sixOk.status).toBe(303);
  });

  it("answers 400 on the edit page too, with the product unchanged", async () => {
    const id = createdId((await create(a, productForm({ titleId: "Kain Tetap" }))).headers?.get("Location"));
    const answer = await edit(a, id, productForm({ titleId: "Kain Berubah", price: "0" }));
    expect(answer.status).toBe(400);
    expect((answer.body as { form: string }).form).toBe("product");
    expect(reply(answer.body).values.titleId).toBe("Kain Berubah");
    expect((await getShopProduct({ artisanId: a.shopId, productId: id }))?.title_id).toBe("Kain Tetap");
    const stock = await edit(a, id, { intent: "stock", stock: "-1" });
    expect(stock.status).toBe(400);
    expect(reply(stock.body).errors.stock).toEqual(["dashboard.errors.stockInvalid"]);
    const unknownIntent = await edit(a, id, { intent: "explode" });
    expect(unknownIntent.status).toBe(400);
  });
});

describe("publishing, archiving and the catalogue", () => {
  it("publishes a verified shop's draft, finds it in the search, archives it and the search forgets it", async () => {
    const id = createdId((await create(a, productForm({ titleId: "Kain Gringsing Lurik Wonodadi" }))).headers?.get("Location"));
    expect((await searchCatalogue({ q: "gringsing" })).items.map((p) => p.id)).not.toContain(id);

    const published = await edit(a, id, { intent: "publish" });
    expect(published.status).toBe(303);
    const product = await getShopProduct({ artisanId: a.shopId, productId: id });
    expect(product?.status).toBe("published");
    expect(product?.published_at).not.toBeNull();
    expect((await getProductBySlug({ slug: "kain-gringsing-lurik-wonodadi" }))?.id).toBe(id);
    expect((await searchCatalogue({ q: "gringsing" })).items.map((p) => p.id)).toEqual([id]);

    // Renaming a published product: the index follows the write by itself.
    await edit(a, id, productForm({ titleId: "Kain Lurik Wonodadi Sogan" }));
    expect((await searchCatalogue({ q: "gringsing" })).items.map((p) => p.id)).toEqual([]);
    expect((await searchCatalogue({ q: "sogan" })).items.map((p) => p.id)).toContain(id);

    // Publishing twice is a 409 (it is not a draft any more).
    expect((await edit(a, id, { intent: "publish" })).status).toBe(409);

    expect((await edit(a, id, { intent: "archive" })).status).toBe(303);
    expect((await getShopProduct({ artisanId: a.shopId, productId: id }))?.status).toBe("archived");
    expect((await searchCatalogue({ q: "sogan" })).items.map((p) => p.id)).not.toContain(id);
    expect(await getProductBySlug({ slug: "kain-gringsing-lurik-wonodadi" })).toBeNull();

    expect((await edit(a, id, { intent: "restore" })).status).toBe(303);
    expect((await getShopProduct({ artisanId: a.shopId, productId: id }))?.status).toBe("draft");
    expect((await edit(a, id, { intent: "publish" })).status).toBe(303);
    expect((await edit(a, id, { intent: "unpublish" })).status).toBe(303);
    expect((await getShopProduct({ artisanId: a.shopId, productId: id }))?.status).toBe("draft");

    const entries = await listAuditEntries({ subjectType: "product", subjectId: id });
    expect(entries.map((e) => e.action).reverse()).toEqual(["product.publish", "product.archive", "product.restore", "product.publish", "product.unpublish"]);
    expect(entries.every((e) => e.actor_user_id === a.id)).toBe(true);
    expect(JSON.parse(entries.find((e) => e.action === "product.archive")!.details)).toMatchObject({ before: { status: "published" }, after: { status: "archived" } });
  });

  it("updates the stock quickly", async () => {
    const id = createdId((await create(a, productForm({ titleId: "Kain Stok", stock: "2" }))).headers?.get("Location"));
    expect((await edit(a, id, { intent: "stock", stock: "9" })).status).toBe(303);
    expect((await getShopProduct({ artisanId: a.shopId, productId: id }))?.stock).toBe(9);
  });

  it("refuses to publish for a shop the association has not verified (403 with a message), and says why on the page", async () => {
    const answer = await create(pending, productForm({ titleId: "Kain Belum Boleh" }));
    expect(answer.status).toBe(303);
    const id = createdId(answer.headers?.get("Location"));
    const refused = await edit(pending, id, { intent: "publish" });
    expect(refused.status).toBe(403);
    expect((refused.body as { error: string }).error).toBe("dashboard.errors.notVerified");
    expect((await getShopProduct({ artisanId: pending.shopId, productId: id }))?.status).toBe("draft");
    const page = await load(pending, id);
    expect((page.body as { shop: { verified: boolean; membership: string } }).shop).toMatchObject({ verified: false, membership: "pending" });
    expect(await listAuditEntries({ subjectType: "product", subjectId: id })).toEqual([]);
  });
});

describe("another shop's product", () => {
  it("is a 404 for the other artisan on the loader and every intent, and nothing changes", async () => {
    const id = createdId((await create(a, productForm({ titleId: "Kain Milik A", stock: "4" }))).headers?.get("Location"));
    expect((await load(a, id)).status).toBe(200);
    expect((await load(b, id)).status).toBe(404);
    for (const form of [productForm({ titleId: "Diambil B" }), { intent: "publish" }, { intent: "unpublish" }, { intent: "archive" }, { intent: "restore" }, { intent: "stock", stock: "0" }, {}]) {
      expect((await edit(b, id, form)).status, JSON.stringify(form).slice(0, 40)).toBe(404);
    }
    expect(await getShopProduct({ artisanId: a.shopId, productId: id })).toMatchObject({ title_id: "Kain Milik A", stock: 4, status: "draft" });
    expect(await getShopProduct({ artisanId: b.shopId, productId: id })).toBeNull();
  });

  it("answers 404 for ids that are not numbers or do not exist, never a 500", async () => {
    for (const id of ["abc", "0", "-1", "1e3", "99999999", "12345678901234567890"]) {
      expect((await load(a, id)).status, id).toBe(404);
      expect((await edit(a, id, { intent: "publish" })).status, id).toBe(404);
    }
  });

  it("keeps buyers and visitors out (403 and log-in)", async () => {
    expect((await outcome(newLoader({ request: request("/dashboard/products/new", { cookie: buyerCookie }), params: {}, context: {} }))).status).toBe(403);
    const anonymous = await outcome(listLoader({ request: request("/dashboard/products"), params: {}, context: {} }));
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers?.get("Location")).toMatch(/^\/login\?/);
  });
});

describe("the overview", () => {
  it("counts the shop's products by status and shows the membership state", async () => {
    const page = await outcome(overviewLoader({ request: request("/dashboard", { cookie: pending.cookie }), params: {}, context: {} }));
    const body = page.body as { shop: { membership: string; public: boolean; reason: string | null }; counts: Record<string, number>; saves: { shop: number; products: number } };
    expect(body.shop).toMatchObject({ membership: "pending", public: false, reason: null });
    expect(body.counts).toEqual({ draft: 1, published: 0, archived: 0 });
    expect(body.saves).toEqual({ shop: 0, products: 0 });
  });

  it("shows the association's reason to the owner of a lapsed shop", async () => {
    await decideArtisanMembership({ artisanId: b.shopId, status: "lapsed", actorUserId: null, reason: "Iuran anggota belum dibayar" });
    const page = await outcome(overviewLoader({ request: request("/dashboard", { cookie: b.cookie }), params: {}, context: {} }));
    expect((page.body as { shop: { membership: string; reason: string; public: boolean } }).shop).toMatchObject({ membership: "lapsed", reason: "Iuran anggota belum dibayar", public: false });
  });
});

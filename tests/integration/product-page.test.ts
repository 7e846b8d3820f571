/**
 * The product page's read model on fixtures built here: the Batikmark grade
 * beside the technique only for a current verified certificate of the grade
 * the technique calls for, the related products (motif, then artisan, then
 * technique; public only; at most four) and the stock state.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { addLegalDocument, createArtisan, decideArtisanMembership, decideLegalDocument } from "~/models/artisan.server";
import { createAssociation } from "~/models/association.server";
import { createMotif } from "~/models/motif.server";
import {
  createProduct,
  getProductBySlug,
  listRelatedProducts,
  setProductStock,
  stockStateOf,
  type ProductInput,
  type Technique,
} from "~/models/product.server";
import { createUser } from "~/models/user.server";
import { loader } from "~/routes/($lang).products.$slug";
import { getDb } from "~/utils/db.server";
import { payloadOf, request } from "../setup/routes";

const NOW = new Date("2026-11-29T05:00:00Z");
let adminId: number;
let associationId: number;

async function shop(slug: string, techniques: Technique[] = ["tulis", "cap", "kombinasi", "printing", "ciprat"]) {
  const { id } = await createArtisan(
    { slug, name: `Batik ${slug}`, ownerName: "Owner", village: "Sawentar", district: "Kanigoro", regency: "kabupaten", techniques, associationId },
    getDb(),
  );
  await decideArtisanMembership({ artisanId: id, status: "verified", actorUserId: adminId }, getDb());
  return id;
}

async function product(artisanId: number, slug: string, technique: Technique, extra: Partial<ProductInput> = {}) {
  return (
    await createProduct(
      { artisanId, slug, titleId: `Kain ${slug}`, technique, fabric: "katun_primisima", dye: "natural", price: 450_000, stock: 3, status: "published", ...extra },
      getDb(),
    )
  ).id;
}

const gradeOf = async (slug: string, now = NOW) => (await getProductBySlug({ slug, now }, getDb()))!.batikmark;

beforeAll(async () => {
  adminId = (await createUser({ email: "admin@test.local", name: "Admin" }, getDb())).id;
  associationId = (await createAssociation({ slug: "apbb", name: "Asosiasi Pengrajin Batik Kabupaten Blitar", shortName: "APBB", region: "kabupaten" }, getDb())).id;
});

describe("Batikmark grade on the product page", () => {
  let artisanId: number;
  beforeAll(async () => {
    artisanId = await shop("legal");
    for (const technique of ["tulis", "cap", "kombinasi", "printing", "ciprat"] as const) await product(artisanId, `bm-${technique}`, technique);
  });

  const decide = (documentId: number, status: "verified" | "rejected") =>
    decideLegalDocument({ documentId, status, actorUserId: adminId, reason: status === "rejected" ? "Nomor tidak terbaca" : null }, getDb());

  it("is null without a certificate, and for a pending one", async () => {
    expect(await gradeOf("bm-tulis")).toBeNull();
    const gold = await addLegalDocument({ artisanId, kind: "batikmark", number: "BM/G/1", grade: "gold", issuedOn: "2025-01-01", expiresOn: "2028-01-01" }, getDb());
    expect(await gradeOf("bm-tulis")).toBeNull();
    await decide(gold.id, "verified");
  });

  it("shows the grade the technique calls for once the certificate is verified — and only for that technique", async () => {
    expect(await gradeOf("bm-tulis")).toBe("gold");
    // A gold certificate says nothing about stamped, combination or printed cloth.
    expect(await gradeOf("bm-cap")).toBeNull();
    expect(await gradeOf("bm-kombinasi")).toBeNull();
    expect(await gradeOf("bm-printing")).toBeNull();
    expect(await gradeOf("bm-ciprat")).toBeNull();
  });

  it("is null for a rejected certificate", async () => {
    const white = await addLegalDocument({ artisanId, kind: "batikmark", number: "BM/W/1", grade: "white", issuedOn: "2025-01-01", expiresOn: "2028-01-01" }, getDb());
    await decide(white.id, "rejected");
    expect(await gradeOf("bm-cap")).toBeNull();
  });

  it("is null once the certificate has expired (by the WIB day)", async () => {
    const silver = await addLegalDocument({ artisanId, kind: "batikmark", number: "BM/S/1", grade: "silver", issuedOn: "2023-01-01", expiresOn: "2026-11-28" }, getDb());
    await decide(silver.id, "verified");
    expect(await gradeOf("bm-kombinasi", new Date("2026-11-28T16:59:00Z"))).toBe("silver"); // 23:59 WIB on the 28th
    expect(await gradeOf("bm-kombinasi", new Date("2026-11-28T17:00:00Z"))).toBeNull(); // 00:00 WIB on the 29th
    expect(await gradeOf("bm-kombinasi")).toBeNull();
  });

  it("is null for a superseded certificate until its renewal is verified", async () => {
    const white = await addLegalDocument({ artisanId, kind: "batikmark", number: "BM/W/2", grade: "white", issuedOn: "2024-01-01", expiresOn: "2027-01-01" }, getDb());
    await decide(white.id, "verified");
    expect(await gradeOf("bm-cap")).toBe("white");
    const renewal = await addLegalDocument(
      { artisanId, kind: "batikmark", number: "BM/W/3", grade: "white", issuedOn: "2026-06-01", expiresOn: "2029-06-01", supersedesId: white.id },
      getDb(),
    );
    expect(await gradeOf("bm-cap")).toBeNull();
    await decide(renewal.id, "verified");
    expect(await gradeOf("bm-cap")).toBe("white");
    // The gold certificate is untouched by the white one's renewal.
    expect(await gradeOf("bm-tulis")).toBe("gold");
  });

  it("is another artisan's business: a certificate of one shop never shows on another's product", async () => {
    const other = await shop("tanpa-sertifikat");
    await product(other, "other-tulis", "tulis");
    expect(await gradeOf("other-tulis")).toBeNull();
  });
});

describe("related products", () => {
  const ids: Record<string, number> = {};
  const at = (day: number) => new Date(Date.UTC(2026, 5, day));
  beforeAll(async () => {
    const ra = await shop("rel-a");
    const rb = await shop("rel-b");
    const lapsing = await shop("rel-lapsed");
    const m1 = (await createMotif({ slug: "rel-satu", name: "Motif Satu", region: "kabupaten" }, getDb())).id;
    const m2 = (await createMotif({ slug: "rel-dua", name: "Motif Dua", region: "kabupaten" }, getDb())).id;
    const draftMotif = (await createMotif({ slug: "rel-usulan", name: "Motif Usulan", region: "kabupaten", status: "proposed" }, getDb())).id;
    ids.x = await product(ra, "rel-x", "jumput", { motifIds: [m1, m2, draftMotif], now: at(1) });
    ids.bothMotifs = await product(rb, "rel-both", "cap", { motifIds: [m1, m2], now: at(2) });
    ids.oneMotif = await product(rb, "rel-one", "cap", { motifIds: [m1], now: at(6) });
    ids.lapsedShop = await product(lapsing, "rel-lapsed-shop", "cap", { motifIds: [m1, m2], now: at(7) });
    ids.draft = await product(ra, "rel-draft", "cap", { motifIds: [m1, m2], status: "draft", now: at(8) });
    ids.sameArtisanOld = await product(ra, "rel-a-old", "cap", { now: at(3) });
    ids.sameArtisanNew = await product(ra, "rel-a-new", "cap", { now: at(4) });
    ids.sameTechnique = await product(rb, "rel-jumput", "jumput", { now: at(5) });
    // Shares only a motif that is not published: not related at all.
    ids.draftMotifOnly = await product(rb, "rel-usulan-only", "cap", { motifIds: [draftMotif], now: at(9) });
    await decideArtisanMembership({ artisanId: lapsing, status: "lapsed", actorUserId: adminId }, getDb());
  });

  it("gives motif matches first (most shared motifs first), then the same artisan, then the same technique — four at most", async () => {
    const related = await listRelatedProducts({ productId: ids.x }, getDb());
    expect(related.map((p) => p.slug)).toEqual(["rel-both", "rel-one", "rel-a-new", "rel-a-old"]);
  });

  it("never repeats a product, never gives the product itself, a draft, a lapsed shop's product or a draft-motif-only match", async () => {
    const related = await listRelatedProducts({ productId: ids.x, limit: 10 }, getDb());
    expect(related.map((p) => p.slug)).toEqual(["rel-both", "rel-one", "rel-a-new", "rel-a-old", "rel-jumput"]);
    // From a product with only artisan and technique neighbours.
    const fromOld = await listRelatedProducts({ productId: ids.sameArtisanOld, limit: 10 }, getDb());
    expect(fromOld.map((p) => p.slug)).not.toContain("rel-a-old");
    expect(new Set(fromOld.map((p) => p.id)).size).toBe(fromOld.length);
    expect(fromOld.slice(0, 2).map((p) => p.slug)).toEqual(["rel-a-new", "rel-x"]);
  });

  it("is empty for a product that is not public", async () => {
    expect(await listRelatedProducts({ productId: ids.draft }, getDb())).toEqual([]);
    expect(await listRelatedProducts({ productId: ids.lapsedShop }, getDb())).toEqual([]);
  });

  it("reaches the page through the loader", async () => {
    const data = payloadOf(await loader({ request: request("/products/rel-x"), params: { slug: "rel-x" }, context: {} }));
    expect(data.related.map((p) => p.slug)).toEqual(["rel-both", "rel-one", "rel-a-new", "rel-a-old"]);
    expect(data.product.artisan).toMatchObject({ slug: "rel-a", name: "Batik rel-a", village: "Sawentar", district: "Kanigoro", association: "APBB" });
    expect(data.product.motifs.map((m) => m.slug)).toEqual(["rel-dua", "rel-satu"]);
    // The shop has no WhatsApp number: no button.
    expect(data.chat).toBe(false);
  });
});

describe("stock state", () => {
  it("is sold out at 0, the last one at 1, in stock (with the count) above", async () => {
    expect([0, 1, 2, 40].map(stockStateOf)).toEqual(["sold_out", "last_one", "in_stock", "in_stock"]);
    const artisanId = await shop("stok");
    const id = await product(artisanId, "stok-kain", "tulis", { stock: 5 });
    expect(await getProductBySlug({ slug: "stok-kain" }, getDb())).toMatchObject({ stock: 5, stock_state: "in_stock" });
    await setProductStock({ artisanId, productId: id, stock: 1 }, getDb());
    expect(await getProductBySlug({ slug: "stok-kain" }, getDb())).toMatchObject({ stock: 1, stock_state: "last_one" });
    await setProductStock({ artisanId, productId: id, stock: 0 }, getDb());
    expect(await getProductBySlug({ slug: "stok-kain" }, getDb())).toMatchObject({ stock: 0, stock_state: "sold_out" });
  });
});

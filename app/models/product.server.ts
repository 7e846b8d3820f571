import { sql } from "kysely";
import { getDb } from "~/utils/db.server";
import {
  assertNonNegativeInt,
  assertPositiveInt,
  assertSlug,
  clampInt,
  inTransaction,
  isoAt,
  likePattern,
  ModelError,
  parseStringArray,
  type DB,
} from "./common.server";
import { batikmarkForProduct, type BatikmarkGrade } from "./artisan.server";
import { getImageRefs, type ImageRef } from "./image.server";
import { assertArtisanVerified } from "./membership.server";

export const TECHNIQUES = ["tulis", "cap", "kombinasi", "ciprat", "jumput", "printing"] as const;
export type Technique = (typeof TECHNIQUES)[number];
export const FABRICS = ["katun_primisima", "katun_prima", "sutra", "rayon", "dobby", "other"] as const;
export type Fabric = (typeof FABRICS)[number];
export type Dye = "natural" | "synthetic";
export type ProductStatus = "draft" | "published" | "archived";

export type ProductSummary = {
  id: number;
  slug: string;
  title_id: string;
  title_en: string;
  price: number;
  stock: number;
  technique: Technique;
  artisan: { slug: string; name: string; district: string };
  image: ImageRef | null;
};

export type ProductDetail = Omit<ProductSummary, "artisan"> & {
  description_id: string;
  description_en: string;
  fabric: Fabric;
  dye: Dye;
  width_cm: number | null;
  length_cm: number | null;
  images: ImageRef[];
  motifs: { slug: string; name: string }[];
  artisan: {
    id: number;
    slug: string;
    name: string;
    district: string;
    village: string;
    regency: "kabupaten" | "kota";
    techniques: string[];
    image: ImageRef | null;
    /** The association that verified the shop (every public shop is a verified member). */
    association: string | null;
  };
  /**
   * The Batikmark grade to show beside the technique: only when the artisan
   * holds a current verified Batikmark of the grade this technique calls for.
   */
  batikmark: BatikmarkGrade | null;
  stock_state: StockState;
};

export type StockState = "in_stock" | "last_one" | "sold_out";

/** What the product page says about stock: none left, the last piece, or how many. */
export function stockStateOf(stock: number): StockState {
  if (stock <= 0) return "sold_out";
  return stock === 1 ? "last_one" : "in_stock";
}

export const MAX_PER_PAGE = 60;
const DEFAULT_PER_PAGE = 24;
const MAX_QUERY_LENGTH = 100;

type SummaryFilter = {
  ids?: number[];
  artisanIds?: number[];
  motifId?: number;
  q?: string;
  featuredFirst?: boolean;
  limit?: number;
  offset?: number;
};

/**
 * The one query behind every public product list. Public means: the product
 * is published and its artisan is an active, verified member — a pending or
 * suspended shop sells nothing.
 */
function publicProducts(db: DB, filter: SummaryFilter) {
  let query = db
    .selectFrom("products as p")
    .innerJoin("artisans as a", "a.id", "p.artisan_id")
    .where("p.status", "=", "published")
    .where("a.status", "=", "active")
    .where("a.membership_status", "=", "verified");
  if (filter.ids) query = query.where("p.id", "in", filter.ids.length ? filter.ids : [-1]);
  if (filter.artisanIds) query = query.where("p.artisan_id", "in", filter.artisanIds.length ? filter.artisanIds : [-1]);
  if (filter.motifId !== undefined) {
    const motifId = filter.motifId;
    query = query.where((eb) =>
      eb.exists(eb.selectFrom("product_motifs as pm").select("pm.product_id").whereRef("pm.product_id", "=", "p.id").where("pm.motif_id", "=", motifId)),
    );
  }
  const q = filter.q?.trim().slice(0, MAX_QUERY_LENGTH);
  if (q) {
    // SQLite's LIKE is case-insensitive for ASCII, which covers Indonesian and English text.
    const pattern = likePattern(q);
    query = query.where((eb) =>
      eb.or([
        sql<boolean>`p.title_id like ${pattern} escape '\\'`,
        sql<boolean>`p.title_en like ${pattern} escape '\\'`,
        sql<boolean>`a.name like ${pattern} escape '\\'`,
        eb.exists(
          eb
            .selectFrom("product_motifs as pm")
            .innerJoin("motifs as m", "m.id", "pm.motif_id")
            .select("pm.product_id")
            .whereRef("pm.product_id", "=", "p.id")
            .where(sql<boolean>`m.name like ${pattern} escape '\\'`),
        ),
      ]),
    );
  }
  return query;
}

async function selectSummaries(db: DB, filter: SummaryFilter): Promise<ProductSummary[]> {
  let query = publicProducts(db, filter).select((eb) => [
    "p.id",
    "p.slug",
    "p.title_id",
    "p.title_en",
    "p.price",
    "p.stock",
    "p.technique",
    "a.slug as artisan_slug",
    "a.name as artisan_name",
    "a.district as artisan_district",
    eb
      .selectFrom("product_images as pi")
      // The first photo that is ready: one still processing (just uploaded) must not blank the card.
      .innerJoin("images as img", "img.id", "pi.image_id")
      .select("pi.image_id")
      .whereRef("pi.product_id", "=", "p.id")
      .where("img.status", "=", "ready")
      .orderBy("pi.position")
      .orderBy("pi.image_id")
      .limit(1)
      .as("image_id"),
  ]);
  if (filter.featuredFirst) query = query.orderBy("p.featured", "desc");
  query = query.orderBy(sql`coalesce(p.published_at, p.created_at)`, "desc").orderBy("p.id", "desc");
  if (filter.limit !== undefined) query = query.limit(filter.limit);
  if (filter.offset) query = query.offset(filter.offset);
  const rows = await query.execute();
  const images = await getImageRefs({ ids: rows.flatMap((r) => (r.image_id == null ? [] : [r.image_id])) }, db);
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    title_id: r.title_id,
    title_en: r.title_en,
    price: r.price,
    stock: r.stock,
    technique: r.technique,
    artisan: { slug: r.artisan_slug, name: r.artisan_name, district: r.artisan_district },
    image: r.image_id == null ? null : (images.get(r.image_id) ?? null),
  }));
}

/**
 * The public catalogue, newest first. `q` is a simple case-insensitive match
 * on the titles, the motif names and the artisan's name. Out-of-range page
 * numbers are clamped (a page past the end is empty), never an error.
 */
export async function listProducts(
  args: { q?: string; page?: number; perPage?: number } = {},
  db: DB = getDb(),
): Promise<{ items: ProductSummary[]; total: number; page: number; perPage: number }> {
  const perPage = clampInt(args.perPage, DEFAULT_PER_PAGE, 1, MAX_PER_PAGE);
  const page = clampInt(args.page, 1, 1, 100_000);
  const filter: SummaryFilter = { q: args.q };
  const counted = await publicProducts(db, filter)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  const total = Number(counted.n);
  const items = total > (page - 1) * perPage ? await selectSummaries(db, { ...filter, limit: perPage, offset: (page - 1) * perPage }) : [];
  return { items, total, page, perPage };
}

/** Featured products first, then the newest, so the home page is never empty while anything is for sale. */
export async function listFeaturedProducts(args: { limit: number }, db: DB = getDb()): Promise<ProductSummary[]> {
  return selectSummaries(db, { featuredFirst: true, limit: clampInt(args.limit, 8, 1, MAX_PER_PAGE) });
}

/** Public products by id, in the order given (cart, recently viewed). */
export async function listProductsByIds(args: { ids: number[] }, db: DB = getDb()): Promise<ProductSummary[]> {
  const items = await selectSummaries(db, { ids: args.ids.filter(Number.isSafeInteger).slice(0, 500) });
  const byId = new Map(items.map((p) => [p.id, p]));
  return args.ids.flatMap((id) => byId.get(id) ?? []);
}

/** Public products of some artisans, newest first; `perArtisan` caps each artisan's share. */
export async function listProductsOfArtisans(
  args: { artisanIds: number[]; perArtisan?: number },
  db: DB = getDb(),
): Promise<Map<number, ProductSummary[]>> {
  const result = new Map<number, ProductSummary[]>();
  for (const artisanId of args.artisanIds) {
    result.set(artisanId, await selectSummaries(db, { artisanIds: [artisanId], limit: args.perArtisan }));
  }
  return result;
}

/** Public products carrying a motif. */
export async function listProductsWithMotif(args: { motifId: number; limit?: number }, db: DB = getDb()): Promise<ProductSummary[]> {
  return selectSummaries(db, { motifId: args.motifId, limit: args.limit });
}

/**
 * One public product with everything its page shows; null when it is not (or
 * no longer) public. `now` decides which legality documents have expired.
 */
export async function getProductBySlug(args: { slug: string; now?: Date }, db: DB = getDb()): Promise<ProductDetail | null> {
  const row = await db
    .selectFrom("products as p")
    .innerJoin("artisans as a", "a.id", "p.artisan_id")
    .leftJoin("associations as s", "s.id", "a.association_id")
    .where("p.slug", "=", args.slug)
    .where("p.status", "=", "published")
    .where("a.status", "=", "active")
    .where("a.membership_status", "=", "verified")
    .select([
      "p.id",
      "p.slug",
      "p.title_id",
      "p.title_en",
      "p.description_id",
      "p.description_en",
      "p.price",
      "p.stock",
      "p.technique",
      "p.fabric",
      "p.dye",
      "p.width_cm",
      "p.length_cm",
      "a.id as artisan_id",
      "a.slug as artisan_slug",
      "a.name as artisan_name",
      "a.district as artisan_district",
      "a.village as artisan_village",
      "a.id as artisan_id",
      "a.regency as artisan_regency",
      "a.techniques as artisan_techniques",
      "a.profile_image_id as artisan_image_id",
      "s.short_name as association_short_name",
    ])
    .executeTakeFirst();
  if (!row) return null;
  const imageRows = await db
    .selectFrom("product_images")
    .select("image_id")
    .where("product_id", "=", row.id)
    .orderBy("position")
    .orderBy("image_id")
    .execute();
  const refs = await getImageRefs({ ids: [...imageRows.map((i) => i.image_id), ...(row.artisan_image_id == null ? [] : [row.artisan_image_id])] }, db);
  const images = imageRows.flatMap((i) => refs.get(i.image_id) ?? []);
  const motifs = await db
    .selectFrom("product_motifs as pm")
    .innerJoin("motifs as m", "m.id", "pm.motif_id")
    .select(["m.slug", "m.name"])
    .where("pm.product_id", "=", row.id)
    .where("m.status", "=", "published")
    .orderBy("m.name")
    .execute();
  return {
    id: row.id,
    slug: row.slug,
    title_id: row.title_id,
    title_en: row.title_en,
    description_id: row.description_id,
    description_en: row.description_en,
    price: row.price,
    stock: row.stock,
    technique: row.technique,
    fabric: row.fabric,
    dye: row.dye,
    width_cm: row.width_cm,
    length_cm: row.length_cm,
    image: images[0] ?? null,
    images,
    motifs,
    artisan: {
      id: row.artisan_id,
      slug: row.artisan_slug,
      name: row.artisan_name,
      district: row.artisan_district,
      village: row.artisan_village,
      regency: row.artisan_regency,
      techniques: parseStringArray(row.artisan_techniques),
      image: row.artisan_image_id == null ? null : (refs.get(row.artisan_image_id) ?? null),
      association: row.association_short_name,
    },
    batikmark: await batikmarkForProduct({ artisanId: row.artisan_id, technique: row.technique, now: args.now }, db),
    stock_state: stockStateOf(row.stock),
  };
}

export const RELATED_LIMIT = 4;

/**
 * Up to four other public products for a product's page: first those sharing
 * a published motif with it (most shared motifs first), then more from the
 * same artisan, then the same technique; newest first within each group,
 * never the product itself, no product twice. Empty for a product that is
 * not public.
 */
export async function listRelatedProducts(args: { productId: number; limit?: number }, db: DB = getDb()): Promise<ProductSummary[]> {
  const limit = clampInt(args.limit, RELATED_LIMIT, 1, 24);
  const self = await publicProducts(db, { ids: [args.productId] }).select(["p.id", "p.artisan_id", "p.technique"]).executeTakeFirst();
  if (!self) return [];
  const picked: number[] = [];
  const take = (ids: number[]) => {
    for (const id of ids) if (picked.length < limit && id !== self.id && !picked.includes(id)) picked.push(id);
  };
  const sharedMotif = await publicProducts(db, {})
    .innerJoin("product_motifs as pm", "pm.product_id", "p.id")
    .innerJoin("motifs as m", "m.id", "pm.motif_id")
    .where("m.status", "=", "published")
    .where("pm.motif_id", "in", (eb) => eb.selectFrom("product_motifs").select("motif_id").where("product_id", "=", self.id))
    .where("p.id", "!=", self.id)
    .select("p.id")
    .groupBy("p.id")
    .orderBy(sql`count(*)`, "desc")
    .orderBy(sql`coalesce(p.published_at, p.created_at)`, "desc")
    .orderBy("p.id", "desc")
    .limit(limit)
    .execute();
  take(sharedMotif.map((r) => r.id));
  const more = async (same: "artisan" | "technique") => {
    if (picked.length >= limit) return;
    let query = publicProducts(db, {}).where("p.id", "not in", [self.id, ...picked]);
    query = same === "artisan" ? query.where("p.artisan_id", "=", self.artisan_id) : query.where("p.technique", "=", self.technique);
    const rows = await query
      .select("p.id")
      .orderBy(sql`coalesce(p.published_at, p.created_at)`, "desc")
      .orderBy("p.id", "desc")
      .limit(limit - picked.length)
      .execute();
    take(rows.map((r) => r.id));
  };
  await more("artisan");
  await more("technique");
  return listProductsByIds({ ids: picked }, db);
}

// ---------------------------------------------------------------- commands

export type ProductInput = {
  artisanId: number;
  slug: string;
  titleId: string;
  titleEn?: string;
  descriptionId?: string;
  descriptionEn?: string;
  technique: Technique;
  fabric: Fabric;
  dye: Dye;
  widthCm?: number | null;
  lengthCm?: number | null;
  price: number;
  stock: number;
  status?: ProductStatus;
  featured?: boolean;
  motifIds?: number[];
  imageIds?: number[];
  now?: Date;
};

/**
 * Lists a product for an artisan with its motif links and photos (in the
 * order given). Prices are whole rupiah; a published product gets
 * published_at = now (the innovation indicator counts new listings by it).
 */
export async function createProduct(args: ProductInput, db: DB = getDb()): Promise<{ id: number; slug: string }> {
  if (!TECHNIQUES.includes(args.technique)) throw new ModelError("invalid_technique");
  if (!FABRICS.includes(args.fabric)) throw new ModelError("invalid_fabric");
  if (args.dye !== "natural" && args.dye !== "synthetic") throw new ModelError("invalid_dye");
  const titleId = args.titleId.trim();
  if (!titleId || titleId.length > 160) throw new ModelError("invalid_title");
  assertPositiveInt(args.price, "invalid_price");
  assertNonNegativeInt(args.stock, "invalid_stock");
  for (const size of [args.widthCm, args.lengthCm]) if (size != null) assertPositiveInt(size, "invalid_size");
  const status = args.status ?? "draft";
  const at = isoAt(args.now);
  return inTransaction(db, async (trx) => {
    if (status === "published") await assertArtisanVerified({ artisanId: args.artisanId }, trx);
    const product = await trx
      .insertInto("products")
      .values({
        slug: assertSlug(args.slug),
        artisan_id: args.artisanId,
        title_id: titleId,
        title_en: args.titleEn?.trim() ?? "",
        description_id: args.descriptionId ?? "",
        description_en: args.descriptionEn ?? "",
        technique: args.technique,
        fabric: args.fabric,
        dye: args.dye,
        width_cm: args.widthCm ?? null,
        length_cm: args.lengthCm ?? null,
        price: args.price,
        stock: args.stock,
        status,
        featured: args.featured ? 1 : 0,
        published_at: status === "published" ? at : null,
        created_at: at,
        updated_at: at,
      })
      .returning(["id", "slug"])
      .executeTakeFirstOrThrow();
    const motifIds = [...new Set(args.motifIds ?? [])];
    if (motifIds.length) {
      await trx.insertInto("product_motifs").values(motifIds.map((motif_id) => ({ product_id: product.id, motif_id }))).execute();
    }
    const imageIds = [...new Set(args.imageIds ?? [])];
    if (imageIds.length) {
      await trx
        .insertInto("product_images")
        .values(imageIds.map((image_id, position) => ({ product_id: product.id, image_id, position })))
        .execute();
    }
    return product;
  });
}

/**
 * Publishes, unpublishes or archives one of the artisan's own products. The
 * first publication sets published_at; later ones keep it. Publishing needs a
 * verified shop (403 `artisan_not_verified`).
 */
export async function setProductStatus(
  args: { artisanId: number; productId: number; status: ProductStatus; now?: Date },
  db: DB = getDb(),
): Promise<void> {
  const at = isoAt(args.now);
  if (args.status === "published") await assertArtisanVerified({ artisanId: args.artisanId }, db);
  const result = await db
    .updateTable("products")
    .set(
      args.status === "published"
        ? { status: args.status, updated_at: at, published_at: sql<string>`coalesce(published_at, ${at})` }
        : { status: args.status, updated_at: at },
    )
    .where("id", "=", args.productId)
    .where("artisan_id", "=", args.artisanId)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw new ModelError("not_found", "No such product in this shop", 404);
}

/** Sets the stock an artisan counted (not a delta: a recount replaces the number). */
export async function setProductStock(
  args: { artisanId: number; productId: number; stock: number; now?: Date },
  db: DB = getDb(),
): Promise<void> {
  assertNonNegativeInt(args.stock, "invalid_stock");
  const result = await db
    .updateTable("products")
    .set({ stock: args.stock, updated_at: isoAt(args.now) })
    .where("id", "=", args.productId)
    .where("artisan_id", "=", args.artisanId)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw new ModelError("not_found", "No such product in this shop", 404);
}

/** Features a public product on the home page (or stops); false when it is not public. */
export async function setProductFeatured(args: { productId: number; featured: boolean; now?: Date }, db: DB = getDb()): Promise<boolean> {
  const result = await db
    .updateTable("products")
    .set({ featured: args.featured ? 1 : 0, updated_at: isoAt(args.now) })
    .where("id", "=", args.productId)
    .where("id", "in", publicProducts(db, {}).select("p.id"))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Public products for the association's featured page: featured first, then
 * the newest; `q` matches titles, motif and artisan names like the catalogue's
 * simple search. At most `limit` (≤ 50).
 */
export async function listProductsForFeaturing(
  args: { q?: string; limit?: number } = {},
  db: DB = getDb(),
): Promise<{ id: number; slug: string; title_id: string; title_en: string; artisan_name: string; featured: boolean }[]> {
  const rows = await publicProducts(db, { q: args.q })
    .select(["p.id", "p.slug", "p.title_id", "p.title_en", "a.name as artisan_name", "p.featured"])
    .orderBy("p.featured", "desc")
    .orderBy(sql`coalesce(p.published_at, p.created_at)`, "desc")
    .orderBy("p.id", "desc")
    .limit(clampInt(args.limit, 50, 1, 50))
    .execute();
  return rows.map((r) => ({ ...r, featured: r.featured === 1 }));
}

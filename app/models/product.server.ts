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
  slugify,
  type DB,
} from "./common.server";
import { recordAudit } from "./audit.server";
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

// ---------------------------------------------------------------- the artisan's dashboard

/** Limits of the dashboard's product form (the form repeats them for its messages). */
export const PRODUCT_LIMITS = {
  titleMax: 160,
  descriptionMax: 5000,
  priceMax: 100_000_000,
  stockMax: 10_000,
  sizeMax: 1_000,
  motifsMax: 6,
} as const;

/** What the artisan's product form sets: ProductInput without the shop, slug, status, curation and photos, motifs required. */
export type ShopProductFields = Omit<ProductInput, "artisanId" | "slug" | "status" | "featured" | "motifIds" | "imageIds" | "now"> & { motifIds: number[] };

export type ShopProductRow = {
  id: number;
  slug: string;
  title_id: string;
  title_en: string;
  price: number;
  stock: number;
  technique: Technique;
  status: ProductStatus;
  updated_at: string;
  image_count: number;
  /** Photos still being processed (or failed): the list says so. */
  images_not_ready: number;
};

export type ShopProduct = ShopProductRow & {
  description_id: string;
  description_en: string;
  fabric: Fabric;
  dye: Dye;
  width_cm: number | null;
  length_cm: number | null;
  published_at: string | null;
  motif_ids: number[];
  images_ready: number;
};

function shopProducts(db: DB, artisanId: number) {
  return db
    .selectFrom("products as p")
    .where("p.artisan_id", "=", artisanId)
    .select((eb) => [
      "p.id",
      "p.slug",
      "p.title_id",
      "p.title_en",
      "p.price",
      "p.stock",
      "p.technique",
      "p.status",
      "p.updated_at",
      eb
        .selectFrom("product_images as pi")
        .select((e) => e.fn.countAll<number>().as("n"))
        .whereRef("pi.product_id", "=", "p.id")
        .as("image_count"),
      eb
        .selectFrom("product_images as pi")
        .innerJoin("images as i", "i.id", "pi.image_id")
        .select((e) => e.fn.countAll<number>().as("n"))
        .whereRef("pi.product_id", "=", "p.id")
        .where("i.status", "!=", "ready")
        .as("images_not_ready"),
    ]);
}

/**
 * A shop's own products for its dashboard, whatever their status (newest
 * change first), with the number in each status. Only this shop's rows.
 */
export async function listShopProducts(
  args: { artisanId: number; status?: ProductStatus | null },
  db: DB = getDb(),
): Promise<{ items: ShopProductRow[]; counts: Record<ProductStatus, number> }> {
  let query = shopProducts(db, args.artisanId);
  if (args.status) query = query.where("p.status", "=", args.status);
  const rows = await query.orderBy("p.updated_at", "desc").orderBy("p.id", "desc").execute();
  const counted = await db
    .selectFrom("products")
    .select(["status", (eb) => eb.fn.countAll<number>().as("n")])
    .where("artisan_id", "=", args.artisanId)
    .groupBy("status")
    .execute();
  const counts: Record<ProductStatus, number> = { draft: 0, published: 0, archived: 0 };
  for (const c of counted) counts[c.status] = Number(c.n);
  return {
    items: rows.map((r) => ({ ...r, image_count: Number(r.image_count ?? 0), images_not_ready: Number(r.images_not_ready ?? 0) })),
    counts,
  };
}

/** One of the shop's own products for editing; null when it does not exist or belongs to another shop (the route answers 404). */
export async function getShopProduct(args: { artisanId: number; productId: number }, db: DB = getDb()): Promise<ShopProduct | null> {
  const row = await shopProducts(db, args.artisanId)
    .select(["p.description_id", "p.description_en", "p.fabric", "p.dye", "p.width_cm", "p.length_cm", "p.published_at"])
    .where("p.id", "=", args.productId)
    .executeTakeFirst();
  if (!row) return null;
  const motifs = await db.selectFrom("product_motifs").select("motif_id").where("product_id", "=", row.id).orderBy("motif_id").execute();
  const imageCount = Number(row.image_count ?? 0);
  const notReady = Number(row.images_not_ready ?? 0);
  return {
    ...row,
    image_count: imageCount,
    images_not_ready: notReady,
    images_ready: imageCount - notReady,
    motif_ids: motifs.map((m) => m.motif_id),
  };
}

/** Checks the form's fields as the model stores them; ModelError codes name the field. */
async function checkShopProductFields(fields: ShopProductFields, db: DB): Promise<number[]> {
  if (!TECHNIQUES.includes(fields.technique)) throw new ModelError("invalid_technique");
  if (!FABRICS.includes(fields.fabric)) throw new ModelError("invalid_fabric");
  if (fields.dye !== "natural" && fields.dye !== "synthetic") throw new ModelError("invalid_dye");
  const titleId = fields.titleId.trim();
  if (!titleId || titleId.length > PRODUCT_LIMITS.titleMax) throw new ModelError("invalid_title");
  if ((fields.titleEn ?? "").trim().length > PRODUCT_LIMITS.titleMax) throw new ModelError("invalid_title");
  for (const text of [fields.descriptionId, fields.descriptionEn]) {
    if ((text ?? "").length > PRODUCT_LIMITS.descriptionMax) throw new ModelError("invalid_description");
  }
  assertPositiveInt(fields.price, "invalid_price");
  if (fields.price > PRODUCT_LIMITS.priceMax) throw new ModelError("invalid_price");
  assertNonNegativeInt(fields.stock, "invalid_stock");
  if (fields.stock > PRODUCT_LIMITS.stockMax) throw new ModelError("invalid_stock");
  for (const size of [fields.widthCm, fields.lengthCm]) {
    if (size != null && (assertPositiveInt(size, "invalid_size") > PRODUCT_LIMITS.sizeMax)) throw new ModelError("invalid_size");
  }
  const motifIds = [...new Set(fields.motifIds)];
  if (motifIds.length > PRODUCT_LIMITS.motifsMax) throw new ModelError("too_many_motifs");
  if (motifIds.length) {
    const found = await db.selectFrom("motifs").select("id").where("id", "in", motifIds).where("status", "=", "published").execute();
    if (found.length !== motifIds.length) throw new ModelError("unknown_motif");
  }
  return motifIds;
}

/** A product slug made from the title, numbered ("-2", "-3", …) until no product has it. */
async function freeProductSlug(title: string, db: DB): Promise<string> {
  const base = slugify(title) || "batik";
  for (let n = 1; n < 1000; n++) {
    const candidate = n === 1 ? base : `${base.slice(0, 110).replace(/-+$/, "")}-${n}`;
    if (!(await db.selectFrom("products").select("id").where("slug", "=", candidate).executeTakeFirst())) return candidate;
  }
  throw new ModelError("slug_taken", `No free slug for ${title}`, 409);
}

/**
 * A new draft of the shop's (the artisan publishes it separately). The slug
 * is made from the Indonesian title, numbered until free, and kept when the
 * title changes later (links and QR codes stay valid).
 */
export async function createShopProduct(
  args: ShopProductFields & { artisanId: number; now?: Date },
  db: DB = getDb(),
): Promise<{ id: number; slug: string }> {
  return inTransaction(db, async (trx) => {
    const motifIds = await checkShopProductFields(args, trx);
    const slug = await freeProductSlug(args.titleId, trx);
    return createProduct({ ...args, slug, motifIds, status: "draft" }, trx);
  });
}

/** Saves the form of one of the shop's products (text, facts, price, stock, motifs); 404 for another shop's. */
export async function updateProduct(
  args: ShopProductFields & { artisanId: number; productId: number; now?: Date },
  db: DB = getDb(),
): Promise<void> {
  await inTransaction(db, async (trx) => {
    const motifIds = await checkShopProductFields(args, trx);
    const result = await trx
      .updateTable("products")
      .set({
        title_id: args.titleId.trim(),
        title_en: (args.titleEn ?? "").trim(),
        description_id: args.descriptionId ?? "",
        description_en: args.descriptionEn ?? "",
        technique: args.technique,
        fabric: args.fabric,
        dye: args.dye,
        width_cm: args.widthCm ?? null,
        length_cm: args.lengthCm ?? null,
        price: args.price,
        stock: args.stock,
        updated_at: isoAt(args.now),
      })
      .where("id", "=", args.productId)
      .where("artisan_id", "=", args.artisanId)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw new ModelError("not_found", "No such product in this shop", 404);
    const current = await trx.selectFrom("product_motifs").select("motif_id").where("product_id", "=", args.productId).execute();
    const had = new Set(current.map((m) => m.motif_id));
    const removed = [...had].filter((id) => !motifIds.includes(id));
    const added = motifIds.filter((id) => !had.has(id));
    if (removed.length) await trx.deleteFrom("product_motifs").where("product_id", "=", args.productId).where("motif_id", "in", removed).execute();
    if (added.length) await trx.insertInto("product_motifs").values(added.map((motif_id) => ({ product_id: args.productId, motif_id }))).execute();
  });
}

export type ProductStatusChange = "publish" | "unpublish" | "archive" | "restore";

const STATUS_CHANGES: Record<ProductStatusChange, { from: ProductStatus[]; to: ProductStatus }> = {
  publish: { from: ["draft"], to: "published" },
  unpublish: { from: ["published"], to: "draft" },
  archive: { from: ["draft", "published"], to: "archived" },
  restore: { from: ["archived"], to: "draft" },
};

/**
 * Moves one of the shop's products along draft → published → archived:
 * publish (a draft; the shop must be verified — 403 `artisan_not_verified` —
 * and the product needs an Indonesian title and a price; a photo is not
 * required), unpublish (back to draft), archive (draft or published) and
 * restore (archived → draft). The expected state is part of the UPDATE's
 * WHERE: a product in another state is a 409 `bad_state`, another shop's a
 * 404. Audited (`product.publish` …) with before/after in one transaction.
 */
export async function changeShopProductStatus(
  args: { artisanId: number; productId: number; change: ProductStatusChange; actorUserId: number | null; now?: Date },
  db: DB = getDb(),
): Promise<{ status: ProductStatus; slug: string; title: string }> {
  const rule = STATUS_CHANGES[args.change];
  if (!rule) throw new ModelError("bad_request");
  return inTransaction(db, async (trx) => {
    const before = await trx
      .selectFrom("products")
      .select(["id", "slug", "status", "title_id", "price"])
      .where("id", "=", args.productId)
      .where("artisan_id", "=", args.artisanId)
      .executeTakeFirst();
    if (!before) throw new ModelError("not_found", "No such product in this shop", 404);
    if (!rule.from.includes(before.status)) throw new ModelError("bad_state", `The product is ${before.status}`, 409);
    if (rule.to === "published") {
      await assertArtisanVerified({ artisanId: args.artisanId }, trx);
      if (!before.title_id.trim() || before.price <= 0) throw new ModelError("not_ready", "A product needs a title and a price", 409);
    }
    await setProductStatus({ artisanId: args.artisanId, productId: args.productId, status: rule.to, now: args.now }, trx);
    await recordAudit(
      {
        actorUserId: args.actorUserId,
        action: `product.${args.change}`,
        subjectType: "product",
        subjectId: args.productId,
        details: { before: { status: before.status }, after: { status: rule.to }, artisan_id: args.artisanId },
        now: args.now,
      },
      trx,
    );
    return { status: rule.to, slug: before.slug, title: before.title_id };
  });
}

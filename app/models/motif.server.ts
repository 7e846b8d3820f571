import { getDb } from "~/utils/db.server";
import { assertSlug, inTransaction, isoAt, ModelError, type DB } from "./common.server";
import { getImageRefs, type ImageRef } from "./image.server";
import { listProductsWithMotif, type ProductSummary } from "./product.server";

export type MotifRegion = "kabupaten" | "kota" | "both";
export type RegistrationStatus = "none" | "pending" | "registered";

export type MotifSummary = {
  id: number;
  slug: string;
  name: string;
  origin: string;
  region: MotifRegion;
  year: number | null;
  meaning_id: string;
  meaning_en: string;
  image: ImageRef | null;
  /** Public products carrying the motif. */
  product_count: number;
};

export type MotifDetail = MotifSummary & {
  story_id: string;
  story_en: string;
  registration_status: RegistrationStatus;
  registration_number: string | null;
  /** The artisan on the platform who created the motif, when that shop is public. */
  creator: { id: number; slug: string; name: string } | null;
  /** A creator who is not a shop here (a designer, a government team), as text. */
  creator_name: string | null;
  images: ImageRef[];
  products: ProductSummary[];
};

/** Only curated motifs are public: proposals wait for the association. */
function publishedMotifs(db: DB) {
  return db
    .selectFrom("motifs as m")
    .where("m.status", "=", "published")
    .select((eb) => [
      "m.id",
      "m.slug",
      "m.name",
      "m.origin",
      "m.region",
      "m.year",
      "m.meaning_id",
      "m.meaning_en",
      "m.featured",
      eb
        .selectFrom("motif_images as mi")
        .select("mi.image_id")
        .whereRef("mi.motif_id", "=", "m.id")
        .orderBy("mi.position")
        .orderBy("mi.image_id")
        .limit(1)
        .as("image_id"),
      eb
        .selectFrom("product_motifs as pm")
        .innerJoin("products as p", "p.id", "pm.product_id")
        .innerJoin("artisans as a", "a.id", "p.artisan_id")
        .select((eb2) => eb2.fn.countAll<number>().as("n"))
        .whereRef("pm.motif_id", "=", "m.id")
        .where("p.status", "=", "published")
        .where("a.status", "=", "active")
        .where("a.membership_status", "=", "verified")
        .as("product_count"),
    ]);
}

type MotifRow = {
  id: number;
  slug: string;
  name: string;
  origin: string;
  region: MotifRegion;
  year: number | null;
  meaning_id: string;
  meaning_en: string;
  image_id: number | null;
  product_count: number | null;
};

async function toSummaries(rows: MotifRow[], db: DB): Promise<MotifSummary[]> {
  const images = await getImageRefs({ ids: rows.flatMap((r) => (r.image_id == null ? [] : [r.image_id])) }, db);
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    name: r.name,
    origin: r.origin,
    region: r.region,
    year: r.year,
    meaning_id: r.meaning_id,
    meaning_en: r.meaning_en,
    image: r.image_id == null ? null : (images.get(r.image_id) ?? null),
    product_count: Number(r.product_count ?? 0),
  }));
}

/** The public motif registry, alphabetical. */
export async function listMotifs(args: { limit?: number } = {}, db: DB = getDb()): Promise<MotifSummary[]> {
  let query = publishedMotifs(db).orderBy("m.name").orderBy("m.id");
  if (args.limit !== undefined) query = query.limit(Math.min(Math.max(Math.trunc(args.limit) || 1, 1), 500));
  return toSummaries(await query.execute(), db);
}

/**
 * Featured motifs first, then those carried by the most products, so the home
 * page always has motifs to show even when nothing is featured.
 */
export async function listFeaturedMotifs(args: { limit: number }, db: DB = getDb()): Promise<MotifSummary[]> {
  const limit = Math.min(Math.max(Math.trunc(args.limit) || 1, 1), 100);
  const rows = await publishedMotifs(db)
    .orderBy("m.featured", "desc")
    .orderBy("product_count", "desc")
    .orderBy("m.name")
    .limit(limit)
    .execute();
  return toSummaries(rows, db);
}

export async function getMotifBySlug(args: { slug: string }, db: DB = getDb()): Promise<MotifDetail | null> {
  const row = await publishedMotifs(db)
    .leftJoin("artisans as a", (join) =>
      join.onRef("a.id", "=", "m.creator_artisan_id").on("a.status", "=", "active").on("a.membership_status", "=", "verified"),
    )
    .select([
      "m.story_id",
      "m.story_en",
      "m.registration_status",
      "m.registration_number",
      "m.creator_name",
      "a.id as creator_id",
      "a.slug as creator_slug",
      "a.name as creator_artisan_name",
    ])
    .where("m.slug", "=", args.slug)
    .executeTakeFirst();
  if (!row) return null;
  const [summary] = await toSummaries([row], db);
  const imageRows = await db
    .selectFrom("motif_images")
    .select("image_id")
    .where("motif_id", "=", row.id)
    .orderBy("position")
    .orderBy("image_id")
    .execute();
  const refs = await getImageRefs({ ids: imageRows.map((i) => i.image_id) }, db);
  return {
    ...summary,
    story_id: row.story_id,
    story_en: row.story_en,
    registration_status: row.registration_status,
    registration_number: row.registration_number,
    creator:
      row.creator_id != null && row.creator_slug && row.creator_artisan_name
        ? { id: row.creator_id, slug: row.creator_slug, name: row.creator_artisan_name }
        : null,
    creator_name: row.creator_name,
    images: imageRows.flatMap((i) => refs.get(i.image_id) ?? []),
    products: await listProductsWithMotif({ motifId: row.id }, db),
  };
}

/** Motifs an artisan can tag products with (published ones), for forms. */
export async function listMotifOptions(db: DB = getDb()): Promise<{ id: number; slug: string; name: string }[]> {
  return db.selectFrom("motifs").select(["id", "slug", "name"]).where("status", "=", "published").orderBy("name").execute();
}

// ---------------------------------------------------------------- commands

export type MotifInput = {
  slug: string;
  name: string;
  storyId?: string;
  storyEn?: string;
  meaningId?: string;
  meaningEn?: string;
  origin?: string;
  region: MotifRegion;
  creatorArtisanId?: number | null;
  creatorName?: string | null;
  year?: number | null;
  registrationStatus?: RegistrationStatus;
  registrationNumber?: string | null;
  /** 'proposed' waits for the association; 'published' is in the registry. */
  status?: "proposed" | "published";
  proposedByArtisanId?: number | null;
  approvedAt?: string | null;
  approvedBy?: number | null;
  featured?: boolean;
  imageIds?: number[];
  now?: Date;
};

/**
 * Adds a motif to the registry. A published motif records when it was
 * accepted (approved_at, default now): the innovation indicator counts new
 * motifs by that day.
 */
export async function createMotif(args: MotifInput, db: DB = getDb()): Promise<{ id: number; slug: string }> {
  const name = args.name.trim();
  if (!name || name.length > 120) throw new ModelError("invalid_name");
  if (args.year != null && (!Number.isInteger(args.year) || args.year < 1000 || args.year > 3000)) throw new ModelError("invalid_year");
  const status = args.status ?? "published";
  const at = isoAt(args.now);
  return inTransaction(db, async (trx) => {
    const motif = await trx
      .insertInto("motifs")
      .values({
        slug: assertSlug(args.slug),
        name,
        story_id: args.storyId ?? "",
        story_en: args.storyEn ?? "",
        meaning_id: args.meaningId ?? "",
        meaning_en: args.meaningEn ?? "",
        origin: args.origin ?? "",
        region: args.region,
        creator_artisan_id: args.creatorArtisanId ?? null,
        creator_name: args.creatorName ?? null,
        year: args.year ?? null,
        registration_status: args.registrationStatus ?? "none",
        registration_number: args.registrationNumber ?? null,
        status,
        proposed_by_artisan_id: args.proposedByArtisanId ?? null,
        approved_at: status === "published" ? (args.approvedAt ?? at) : null,
        approved_by: status === "published" ? (args.approvedBy ?? null) : null,
        featured: args.featured ? 1 : 0,
        created_at: at,
        updated_at: at,
      })
      .returning(["id", "slug"])
      .executeTakeFirstOrThrow();
    const imageIds = [...new Set(args.imageIds ?? [])];
    if (imageIds.length) {
      await trx
        .insertInto("motif_images")
        .values(imageIds.map((image_id, position) => ({ motif_id: motif.id, image_id, position })))
        .execute();
    }
    return motif;
  });
}

export async function addMotifImage(args: { motifId: number; imageId: number; position?: number }, db: DB = getDb()): Promise<void> {
  await db
    .insertInto("motif_images")
    .values({ motif_id: args.motifId, image_id: args.imageId, position: args.position ?? 0 })
    .onConflict((oc) => oc.columns(["motif_id", "image_id"]).doNothing())
    .execute();
}

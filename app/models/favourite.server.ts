/**
 * Favourites: products and artisans a signed-in person saved. One row per
 * (user, thing), so saving twice is a no-op and the counts shown to an
 * artisan are plain counts. Only public things can be saved (a published
 * product of an active, verified shop; an active, verified shop). A saved
 * thing that stops being public stays saved but is left out of the list
 * until it is public again; the data export lists every row.
 */
import { getDb } from "~/utils/db.server";
import { listArtisansByIds, type ArtisanSummary } from "./artisan.server";
import { isoAt, ModelError, type DB } from "./common.server";
import { listProductsByIds, type ProductSummary } from "./product.server";

export const FAVOURITE_KINDS = ["product", "artisan"] as const;
export type FavouriteKind = (typeof FAVOURITE_KINDS)[number];

/** The list page shows at most this many of each kind (newest first). */
export const MAX_LISTED = 500;

type Target = { userId: number; kind: FavouriteKind; id: number };

async function isPublic(kind: FavouriteKind, id: number, db: DB): Promise<boolean> {
  if (kind === "product") {
    const row = await db
      .selectFrom("products as p")
      .innerJoin("artisans as a", "a.id", "p.artisan_id")
      .select("p.id")
      .where("p.id", "=", id)
      .where("p.status", "=", "published")
      .where("a.status", "=", "active")
      .where("a.membership_status", "=", "verified")
      .executeTakeFirst();
    return Boolean(row);
  }
  const row = await db
    .selectFrom("artisans")
    .select("id")
    .where("id", "=", id)
    .where("status", "=", "active")
    .where("membership_status", "=", "verified")
    .executeTakeFirst();
  return Boolean(row);
}

function assertId(id: number) {
  if (!Number.isSafeInteger(id) || id <= 0) throw new ModelError("not_found", "No such item", 404);
}

/**
 * Saves a public product or artisan. Saving it again changes nothing
 * (`added: false`). A draft, archived or unverified thing is a 404, the same
 * as one that does not exist.
 */
export async function addFavourite(args: Target & { now?: Date }, db: DB = getDb()): Promise<{ added: boolean }> {
  assertId(args.id);
  if (!(await isPublic(args.kind, args.id, db))) throw new ModelError("not_found", `No public ${args.kind} ${args.id}`, 404);
  const createdAt = isoAt(args.now);
  const result =
    args.kind === "product"
      ? await db
          .insertInto("favourite_products")
          .values({ user_id: args.userId, product_id: args.id, created_at: createdAt })
          .onConflict((oc) => oc.columns(["user_id", "product_id"]).doNothing())
          .executeTakeFirst()
      : await db
          .insertInto("favourite_artisans")
          .values({ user_id: args.userId, artisan_id: args.id, created_at: createdAt })
          .onConflict((oc) => oc.columns(["user_id", "artisan_id"]).doNothing())
          .executeTakeFirst();
  return { added: Number(result.numInsertedOrUpdatedRows ?? 0) > 0 };
}

/** Forgets a saved thing, public or not. Removing what is not saved changes nothing (`removed: false`). */
export async function removeFavourite(args: Target, db: DB = getDb()): Promise<{ removed: boolean }> {
  if (!Number.isSafeInteger(args.id)) return { removed: false };
  const result =
    args.kind === "product"
      ? await db.deleteFrom("favourite_products").where("user_id", "=", args.userId).where("product_id", "=", args.id).executeTakeFirst()
      : await db.deleteFrom("favourite_artisans").where("user_id", "=", args.userId).where("artisan_id", "=", args.id).executeTakeFirst();
  return { removed: Number(result.numDeletedRows) > 0 };
}

/** Whether the person saved this thing (for the button on its page). */
export async function isFavourite(args: Target, db: DB = getDb()): Promise<boolean> {
  if (!Number.isSafeInteger(args.id)) return false;
  const row =
    args.kind === "product"
      ? await db.selectFrom("favourite_products").select("product_id").where("user_id", "=", args.userId).where("product_id", "=", args.id).executeTakeFirst()
      : await db.selectFrom("favourite_artisans").select("artisan_id").where("user_id", "=", args.userId).where("artisan_id", "=", args.id).executeTakeFirst();
  return Boolean(row);
}

export type FavouriteList = {
  products: (ProductSummary & { saved_at: string })[];
  artisans: (ArtisanSummary & { saved_at: string })[];
};

/** The person's saved products and artisans that are public now, newest saved first. */
export async function listFavourites(args: { userId: number }, db: DB = getDb()): Promise<FavouriteList> {
  const productRows = await db
    .selectFrom("favourite_products")
    .select(["product_id", "created_at"])
    .where("user_id", "=", args.userId)
    .orderBy("created_at", "desc")
    .orderBy("product_id", "desc")
    .limit(MAX_LISTED)
    .execute();
  const artisanRows = await db
    .selectFrom("favourite_artisans")
    .select(["artisan_id", "created_at"])
    .where("user_id", "=", args.userId)
    .orderBy("created_at", "desc")
    .orderBy("artisan_id", "desc")
    .limit(MAX_LISTED)
    .execute();
  const productSavedAt = new Map(productRows.map((r) => [r.product_id, r.created_at]));
  const artisanSavedAt = new Map(artisanRows.map((r) => [r.artisan_id, r.created_at]));
  const products = await listProductsByIds({ ids: productRows.map((r) => r.product_id) }, db);
  const artisans = await listArtisansByIds({ ids: artisanRows.map((r) => r.artisan_id) }, db);
  return {
    products: products.map((p) => ({ ...p, saved_at: productSavedAt.get(p.id) ?? "" })),
    artisans: artisans.map((a) => ({ ...a, saved_at: artisanSavedAt.get(a.id) ?? "" })),
  };
}

/**
 * How many people saved a shop, and how many saves its products have in
 * total (one person saving three of its products counts three). Counts every
 * row, including products that are not public right now.
 */
export async function favouriteCountsForArtisan(args: { artisanId: number }, db: DB = getDb()): Promise<{ shop: number; products: number }> {
  const shop = await db
    .selectFrom("favourite_artisans")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("artisan_id", "=", args.artisanId)
    .executeTakeFirstOrThrow();
  const products = await db
    .selectFrom("favourite_products as f")
    .innerJoin("products as p", "p.id", "f.product_id")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("p.artisan_id", "=", args.artisanId)
    .executeTakeFirstOrThrow();
  return { shop: Number(shop.n), products: Number(products.n) };
}

/** Every saved row of a person, public or not, for the data export. */
export async function exportFavourites(args: { userId: number }, db: DB = getDb()) {
  const products = await db
    .selectFrom("favourite_products as f")
    .innerJoin("products as p", "p.id", "f.product_id")
    .innerJoin("artisans as a", "a.id", "p.artisan_id")
    .select(["p.slug", "p.title_id as title", "a.name as shop", "f.created_at as saved_at"])
    .where("f.user_id", "=", args.userId)
    .orderBy("f.created_at")
    .orderBy("f.product_id")
    .execute();
  const artisans = await db
    .selectFrom("favourite_artisans as f")
    .innerJoin("artisans as a", "a.id", "f.artisan_id")
    .select(["a.slug", "a.name", "f.created_at as saved_at"])
    .where("f.user_id", "=", args.userId)
    .orderBy("f.created_at")
    .orderBy("f.artisan_id")
    .execute();
  return { products, artisans };
}

/** Deletes every saved row of a person (account deletion). */
export async function deleteFavouritesOf(args: { userId: number }, db: DB = getDb()): Promise<number> {
  const a = await db.deleteFrom("favourite_products").where("user_id", "=", args.userId).executeTakeFirst();
  const b = await db.deleteFrom("favourite_artisans").where("user_id", "=", args.userId).executeTakeFirst();
  return Number(a.numDeletedRows) + Number(b.numDeletedRows);
}

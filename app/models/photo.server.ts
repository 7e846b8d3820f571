/**
 * Photos attached to things: a product's photos, a shop's gallery and its
 * profile picture (motif proposals and events will reuse the same functions).
 * An owner is `{ kind, id }`; every function that an artisan reaches takes
 * the shop id and checks that the owner belongs to that shop in the query,
 * answering `ModelError("not_found", …, 404)` otherwise, so another shop's
 * ids do not leak.
 *
 * Deleting a photo detaches it; the image row (and its files, which the
 * caller removes after the commit with `removeImageFiles`) goes only when
 * nothing else uses it.
 */
import { getDb } from "~/utils/db.server";
import { ModelError, inTransaction, type DB } from "./common.server";
import { getImageRefs, type ImageRef } from "./image.server";

/** Things with an ordered list of photos. The shop profile picture is a single slot: see setProfileImage. */
export type PhotoOwner = { kind: "product"; id: number } | { kind: "shop"; id: number } | { kind: "motif"; id: number };

/**
 * Who is acting: a shop id (an artisan, limited to that shop's things) or
 * ASSOCIATION_SCOPE (the association, which owns every motif: any motif,
 * nothing else).
 */
export const ASSOCIATION_SCOPE = "association" as const;
export type PhotoScope = number | typeof ASSOCIATION_SCOPE;

export type PhotoStatus = "processing" | "ready" | "failed";

export type Photo = {
  id: number;
  position: number;
  status: PhotoStatus;
  alt_id: string;
  alt_en: string;
  /** Null until the variants exist. */
  ref: ImageRef | null;
};

/** Files an image leaves behind once its row is deleted: remove them after the transaction commits. */
export type OrphanFiles = { originalKeys: string[]; variantKeys: string[] };

function notFound(): never {
  throw new ModelError("not_found", "No such photo or owner in this shop", 404);
}

/**
 * Fails with 404 unless the owner belongs to the shop. A shop owns its
 * products and itself; motifs are owned by the shop that proposed them.
 */
export async function assertOwnerInShop(args: { owner: PhotoOwner; shopId: PhotoScope }, db: DB = getDb()): Promise<void> {
  const { owner, shopId } = args;
  let found: unknown;
  if (shopId === ASSOCIATION_SCOPE) {
    found = owner.kind === "motif" ? await db.selectFrom("motifs").select("id").where("id", "=", owner.id).executeTakeFirst() : undefined;
  } else if (owner.kind === "product") {
    found = await db.selectFrom("products").select("id").where("id", "=", owner.id).where("artisan_id", "=", shopId).executeTakeFirst();
  } else if (owner.kind === "shop") {
    found = owner.id === shopId ? await db.selectFrom("artisans").select("id").where("id", "=", shopId).executeTakeFirst() : undefined;
  } else {
    found = await db.selectFrom("motifs").select("id").where("id", "=", owner.id).where("proposed_by_artisan_id", "=", shopId).executeTakeFirst();
  }
  if (!found) notFound();
}

/** The link rows of an owner, ordered. */
async function linkedIds(owner: PhotoOwner, db: DB): Promise<{ image_id: number; position: number }[]> {
  if (owner.kind === "product") {
    return db.selectFrom("product_images").select(["image_id", "position"]).where("product_id", "=", owner.id).orderBy("position").orderBy("image_id").execute();
  }
  if (owner.kind === "shop") {
    return db.selectFrom("artisan_images").select(["image_id", "position"]).where("artisan_id", "=", owner.id).orderBy("position").orderBy("image_id").execute();
  }
  return db.selectFrom("motif_images").select(["image_id", "position"]).where("motif_id", "=", owner.id).orderBy("position").orderBy("image_id").execute();
}

async function setPosition(owner: PhotoOwner, imageId: number, position: number, db: DB): Promise<void> {
  if (owner.kind === "product") {
    await db.updateTable("product_images").set({ position }).where("product_id", "=", owner.id).where("image_id", "=", imageId).execute();
  } else if (owner.kind === "shop") {
    await db.updateTable("artisan_images").set({ position }).where("artisan_id", "=", owner.id).where("image_id", "=", imageId).execute();
  } else {
    await db.updateTable("motif_images").set({ position }).where("motif_id", "=", owner.id).where("image_id", "=", imageId).execute();
  }
}

/** Appends an image at the end of the owner's photos (idempotent: attaching twice keeps one link). */
export async function attachImage(args: { owner: PhotoOwner; imageId: number }, db: DB = getDb()): Promise<void> {
  await inTransaction(db, async (trx) => {
    const links = await linkedIds(args.owner, trx);
    if (links.some((l) => l.image_id === args.imageId)) return;
    const position = links.reduce((max, l) => Math.max(max, l.position + 1), 0);
    const { owner, imageId } = args;
    if (owner.kind === "product") await trx.insertInto("product_images").values({ product_id: owner.id, image_id: imageId, position }).execute();
    else if (owner.kind === "shop") await trx.insertInto("artisan_images").values({ artisan_id: owner.id, image_id: imageId, position }).execute();
    else await trx.insertInto("motif_images").values({ motif_id: owner.id, image_id: imageId, position }).execute();
  });
}

/**
 * The effective status of images: an image still 'processing' whose variants
 * job is dead (it crashed on its last attempt before it could say so) is
 * 'failed' for the page, never "processing" forever.
 */
async function effectiveStatuses(rows: { id: number; status: PhotoStatus }[], db: DB): Promise<Map<number, PhotoStatus>> {
  const result = new Map(rows.map((r) => [r.id, r.status]));
  const processing = rows.filter((r) => r.status === "processing").map((r) => r.id);
  if (processing.length > 0) {
    const dead = await db
      .selectFrom("jobs")
      .select("payload")
      .where("name", "=", "images.variants")
      .where("status", "=", "dead")
      .where(
        "dedupe_key",
        "in",
        processing.map((id) => variantsDedupeKey(id)),
      )
      .execute();
    for (const job of dead) {
      const id = (JSON.parse(job.payload) as { imageId?: number }).imageId;
      if (typeof id === "number") result.set(id, "failed");
    }
  }
  return result;
}

/** The dedupe key of an image's variants job (one waiting or running job per image). */
export function variantsDedupeKey(imageId: number): string {
  return `images.variants:${imageId}`;
}

async function photosOf(ids: { image_id: number; position: number }[], db: DB): Promise<Photo[]> {
  if (ids.length === 0) return [];
  const images = await db
    .selectFrom("images")
    .select(["id", "status", "alt_id", "alt_en"])
    .where(
      "id",
      "in",
      ids.map((l) => l.image_id),
    )
    .execute();
  const byId = new Map(images.map((i) => [i.id, i]));
  const statuses = await effectiveStatuses(images, db);
  const refs = await getImageRefs({ ids: images.map((i) => i.id) }, db);
  return ids.flatMap((link) => {
    const image = byId.get(link.image_id);
    if (!image) return [];
    return [{ id: image.id, position: link.position, status: statuses.get(image.id) ?? image.status, alt_id: image.alt_id, alt_en: image.alt_en, ref: refs.get(image.id) ?? null }];
  });
}

/** The owner's photos in order, every status (the dashboard shows processing and failed ones). */
export async function listPhotos(args: { owner: PhotoOwner; shopId: PhotoScope }, db: DB = getDb()): Promise<Photo[]> {
  await assertOwnerInShop(args, db);
  return photosOf(await linkedIds(args.owner, db), db);
}

/** The shop's profile picture (any status), or null. */
export async function getProfilePhoto(args: { shopId: number }, db: DB = getDb()): Promise<Photo | null> {
  const shop = await db.selectFrom("artisans").select("profile_image_id").where("id", "=", args.shopId).executeTakeFirst();
  if (!shop) notFound();
  if (shop.profile_image_id == null) return null;
  return (await photosOf([{ image_id: shop.profile_image_id, position: 0 }], db))[0] ?? null;
}

async function requireLinked(owner: PhotoOwner, imageId: number, db: DB) {
  const links = await linkedIds(owner, db);
  const index = links.findIndex((l) => l.image_id === imageId);
  if (index < 0) notFound();
  return { links, index };
}

/** Moves a photo one place up or down (no-op at either end); positions become 0…n-1. */
export async function movePhoto(args: { owner: PhotoOwner; shopId: PhotoScope; imageId: number; direction: "up" | "down" }, db: DB = getDb()): Promise<void> {
  await inTransaction(db, async (trx) => {
    await assertOwnerInShop(args, trx);
    const { links, index } = await requireLinked(args.owner, args.imageId, trx);
    const order = links.map((l) => l.image_id);
    const target = args.direction === "up" ? index - 1 : index + 1;
    if (target >= 0 && target < order.length) [order[index], order[target]] = [order[target], order[index]];
    await writeOrder(args.owner, order, trx);
  });
}

/** Sets the order explicitly: `imageIds` must be exactly the owner's photos. */
export async function setPhotoOrder(args: { owner: PhotoOwner; shopId: PhotoScope; imageIds: number[] }, db: DB = getDb()): Promise<void> {
  await inTransaction(db, async (trx) => {
    await assertOwnerInShop(args, trx);
    const current = (await linkedIds(args.owner, trx)).map((l) => l.image_id);
    const wanted = [...new Set(args.imageIds)];
    if (wanted.length !== current.length || !wanted.every((id) => current.includes(id))) {
      throw new ModelError("bad_order", "The order must list every photo exactly once", 400);
    }
    await writeOrder(args.owner, wanted, trx);
  });
}

async function writeOrder(owner: PhotoOwner, order: number[], db: DB) {
  for (const [position, imageId] of order.entries()) await setPosition(owner, imageId, position, db);
}

export const ALT_MAX = 300;

/** Alt text in both languages for a photo of this owner. */
export async function updatePhotoAlt(
  args: { owner: PhotoOwner | { kind: "profile"; id: number }; shopId: PhotoScope; imageId: number; altId: string; altEn: string },
  db: DB = getDb(),
): Promise<void> {
  const altId = args.altId.trim();
  const altEn = args.altEn.trim();
  if (altId.length > ALT_MAX || altEn.length > ALT_MAX) throw new ModelError("alt_too_long", "Alt text is too long", 400);
  await inTransaction(db, async (trx) => {
    if (args.owner.kind === "profile") {
      if (args.shopId === ASSOCIATION_SCOPE) notFound();
      const shop = await trx.selectFrom("artisans").select("profile_image_id").where("id", "=", args.shopId).executeTakeFirst();
      if (!shop || args.owner.id !== args.shopId || shop.profile_image_id !== args.imageId) notFound();
    } else {
      await assertOwnerInShop({ owner: args.owner, shopId: args.shopId }, trx);
      await requireLinked(args.owner, args.imageId, trx);
    }
    await trx.updateTable("images").set({ alt_id: altId, alt_en: altEn }).where("id", "=", args.imageId).execute();
  });
}

/**
 * Deletes the image row when nothing refers to it any more (no product,
 * gallery, motif, event, profile or inquiry message); returns its file keys for removal
 * after the commit, or null when the image stays.
 */
export async function deleteImageIfUnused(imageId: number, db: DB = getDb()): Promise<OrphanFiles | null> {
  return inTransaction(db, async (trx) => {
    const uses = await Promise.all([
      trx.selectFrom("product_images").select("image_id").where("image_id", "=", imageId).executeTakeFirst(),
      trx.selectFrom("artisan_images").select("image_id").where("image_id", "=", imageId).executeTakeFirst(),
      trx.selectFrom("motif_images").select("image_id").where("image_id", "=", imageId).executeTakeFirst(),
      trx.selectFrom("events").select("id").where("image_id", "=", imageId).executeTakeFirst(),
      trx.selectFrom("artisans").select("id").where("profile_image_id", "=", imageId).executeTakeFirst(),
      trx.selectFrom("inquiry_message_images").select("image_id").where("image_id", "=", imageId).executeTakeFirst(),
    ]);
    if (uses.some(Boolean)) return null;
    const image = await trx.selectFrom("images").select("original_key").where("id", "=", imageId).executeTakeFirst();
    if (!image) return null;
    const variants = await trx.selectFrom("image_variants").select("key").where("image_id", "=", imageId).execute();
    // A pending variants job finds no row and ends quietly.
    await trx.deleteFrom("images").where("id", "=", imageId).execute();
    // Originals are content-addressed: another image may share the same file.
    const shared = await trx.selectFrom("images").select("id").where("original_key", "=", image.original_key).executeTakeFirst();
    return { originalKeys: shared ? [] : [image.original_key], variantKeys: variants.map((v) => v.key) };
  });
}

/** Detaches a photo from its owner and deletes the image when nothing else uses it. */
export async function detachPhoto(args: { owner: PhotoOwner; shopId: PhotoScope; imageId: number }, db: DB = getDb()): Promise<OrphanFiles | null> {
  return inTransaction(db, async (trx) => {
    await assertOwnerInShop(args, trx);
    const { links, index } = await requireLinked(args.owner, args.imageId, trx);
    const { owner, imageId } = args;
    if (owner.kind === "product") await trx.deleteFrom("product_images").where("product_id", "=", owner.id).where("image_id", "=", imageId).execute();
    else if (owner.kind === "shop") await trx.deleteFrom("artisan_images").where("artisan_id", "=", owner.id).where("image_id", "=", imageId).execute();
    else await trx.deleteFrom("motif_images").where("motif_id", "=", owner.id).where("image_id", "=", imageId).execute();
    await writeOrder(
      owner,
      links.filter((_, i) => i !== index).map((l) => l.image_id),
      trx,
    );
    return deleteImageIfUnused(imageId, trx);
  });
}

/** Makes an image the shop's profile picture; the previous one is deleted when nothing else uses it. */
export async function setProfileImage(args: { shopId: number; imageId: number }, db: DB = getDb()): Promise<OrphanFiles | null> {
  return inTransaction(db, async (trx) => {
    const shop = await trx.selectFrom("artisans").select("profile_image_id").where("id", "=", args.shopId).executeTakeFirst();
    if (!shop) notFound();
    await trx.updateTable("artisans").set({ profile_image_id: args.imageId }).where("id", "=", args.shopId).execute();
    if (shop.profile_image_id == null || shop.profile_image_id === args.imageId) return null;
    return deleteImageIfUnused(shop.profile_image_id, trx);
  });
}

/** Removes the shop's profile picture. */
export async function removeProfileImage(args: { shopId: number; imageId: number }, db: DB = getDb()): Promise<OrphanFiles | null> {
  return inTransaction(db, async (trx) => {
    const shop = await trx.selectFrom("artisans").select("profile_image_id").where("id", "=", args.shopId).executeTakeFirst();
    if (!shop || shop.profile_image_id !== args.imageId) notFound();
    await trx.updateTable("artisans").set({ profile_image_id: null }).where("id", "=", args.shopId).execute();
    return deleteImageIfUnused(args.imageId, trx);
  });
}

import { getDb } from "~/utils/db.server";
import { chunk, inTransaction, isoAt, type DB } from "./common.server";

export type ImageFormat = "avif" | "webp" | "jpeg";

/** What a page needs to render a responsive <picture>: explicit size, placeholder and srcset entries. */
export type ImageRef = {
  id: number;
  alt_id: string;
  alt_en: string;
  /** Of the largest variant: pages set width/height (or aspect-ratio) from these to avoid layout shift. */
  width: number;
  height: number;
  /** A tiny blurred data: URI shown while the real image loads, or null. */
  placeholder: string | null;
  /** Sorted by format (avif, webp, jpeg) and then width ascending. */
  variants: { format: ImageFormat; width: number; url: string }[];
};

export type ImageVariantInput = { format: ImageFormat; width: number; height: number; key: string; bytes: number };

const FORMAT_ORDER: Record<ImageFormat, number> = { avif: 0, webp: 1, jpeg: 2 };

/** Variant files are served by Express from UPLOADS_DIR/variants at /images/<key>. */
export function imageUrl(key: string): string {
  return `/images/${encodeURIComponent(key)}`;
}

/**
 * Records an image and (when they are already made, as by the seed) its
 * variants. An image with variants is 'ready'; one without waits in
 * 'processing' for the variants job.
 */
export async function createImage(
  args: {
    originalKey: string;
    mime: string;
    bytes: number;
    width: number | null;
    height: number | null;
    placeholder?: string | null;
    altId?: string;
    altEn?: string;
    uploadedBy?: number | null;
    variants?: ImageVariantInput[];
    now?: Date;
  },
  db: DB = getDb(),
): Promise<{ id: number }> {
  return inTransaction(db, async (trx) => {
    const variants = args.variants ?? [];
    const image = await trx
      .insertInto("images")
      .values({
        original_key: args.originalKey,
        mime: args.mime,
        bytes: args.bytes,
        width: args.width,
        height: args.height,
        placeholder: args.placeholder ?? null,
        alt_id: args.altId ?? "",
        alt_en: args.altEn ?? "",
        status: variants.length > 0 ? "ready" : "processing",
        uploaded_by: args.uploadedBy ?? null,
        created_at: isoAt(args.now),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (variants.length > 0) {
      await trx
        .insertInto("image_variants")
        .values(variants.map((v) => ({ image_id: image.id, format: v.format, width: v.width, height: v.height, key: v.key, bytes: v.bytes })))
        .execute();
    }
    return image;
  });
}

/**
 * Ready images by id, with their variants, in one round trip per 500 ids.
 * Images still processing (or failed) are left out, so a page shows its
 * fallback instead of a broken picture.
 */
export async function getImageRefs(args: { ids: readonly number[] }, db: DB = getDb()): Promise<Map<number, ImageRef>> {
  const ids = [...new Set(args.ids.filter((id) => Number.isSafeInteger(id)))];
  const refs = new Map<number, ImageRef>();
  for (const part of chunk(ids, 500)) {
    const images = await db
      .selectFrom("images")
      .select(["id", "alt_id", "alt_en", "placeholder"])
      .where("id", "in", part)
      .where("status", "=", "ready")
      .execute();
    if (images.length === 0) continue;
    const variants = await db
      .selectFrom("image_variants")
      .select(["image_id", "format", "width", "height", "key"])
      .where(
        "image_id",
        "in",
        images.map((i) => i.id),
      )
      .execute();
    const byImage = new Map<number, typeof variants>();
    for (const v of variants) {
      const list = byImage.get(v.image_id) ?? [];
      list.push(v);
      byImage.set(v.image_id, list);
    }
    for (const image of images) {
      const list = byImage.get(image.id);
      if (!list?.length) continue;
      list.sort((a, b) => FORMAT_ORDER[a.format] - FORMAT_ORDER[b.format] || a.width - b.width);
      const largest = list.reduce((max, v) => (v.width > max.width ? v : max), list[0]);
      refs.set(image.id, {
        id: image.id,
        alt_id: image.alt_id,
        alt_en: image.alt_en,
        width: largest.width,
        height: largest.height,
        placeholder: image.placeholder,
        variants: list.map((v) => ({ format: v.format, width: v.width, url: imageUrl(v.key) })),
      });
    }
  }
  return refs;
}

/** Convenience for one image id that may be null. */
export async function getImageRef(id: number | null | undefined, db: DB = getDb()): Promise<ImageRef | null> {
  if (id == null) return null;
  return (await getImageRefs({ ids: [id] }, db)).get(id) ?? null;
}

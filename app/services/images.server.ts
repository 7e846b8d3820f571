/**
 * The image pipeline: accepting an upload, and the job that makes its variants.
 *
 * acceptUpload checks BEFORE anything is decoded or written: the size (at
 * most 15 MB, counted while streaming, never more than the limit + 1 byte
 * held), the real type from the first bytes (JPEG, PNG, WebP; HEIC/HEIF
 * refused with its own "send as JPEG" code), then sharp reads only the
 * header (`metadata()`) under `limitInputPixels`, which refuses
 * decompression bombs. Only then is the original written, content-addressed
 * (`originals/<sha256>.<ext>`, temp file + rename), and the image row, its
 * attachment and the `images.variants` job are inserted in one transaction.
 * A refused upload leaves nothing on disk or in the database.
 *
 * The job (idempotent, may run more than once): decode the original once,
 * rotate it upright from EXIF, and write AVIF and WebP at 320/640/1024/1600
 * (never wider than the original) plus a 16 px blurred placeholder. sharp
 * writes no metadata unless asked (no withMetadata here), so EXIF, GPS, XMP
 * and ICC profiles are gone. Files are named `<sha256-of-bytes>-<imageId>.<ext>`
 * and written atomically; one transaction then replaces the variant rows and
 * marks the image ready. Files of an earlier, interrupted run that are not
 * part of the final set are removed after the commit.
 */
import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import sharp, { type Metadata, type Sharp } from "sharp";
import { createImage, type ImageVariantInput } from "~/models/image.server";
import { inTransaction, type DB } from "~/models/common.server";
import { attachImage, setProfileImage, variantsDedupeKey, type OrphanFiles, type PhotoOwner } from "~/models/photo.server";
import { getDb } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { enqueueJob, PermanentJobError, registerJobHandler } from "./jobs.server";

declare module "~/services/jobs.server" {
  interface JobPayloads {
    "images.variants": { imageId: number };
  }
}

export const MAX_UPLOAD_BYTES = 15 * 1024 * 1024;
/** 50 megapixels: more than any phone camera, far less than a decompression bomb. */
export const MAX_INPUT_PIXELS = 50_000_000;
export const VARIANT_WIDTHS = [320, 640, 1024, 1600] as const;
export const PLACEHOLDER_WIDTH = 16;
/** Retries of the variants job before the image is marked failed. */
export const VARIANTS_MAX_ATTEMPTS = 3;

export type ImageRejectCode = "too_large" | "not_image" | "heic" | "too_many_pixels" | "corrupt";

/** An upload refused before anything was written; routes translate `code` (photos.errors.<code>). */
export class ImageRejected extends Error {
  readonly code: ImageRejectCode;
  constructor(code: ImageRejectCode, message?: string) {
    super(message ?? code);
    this.name = "ImageRejected";
    this.code = code;
  }
}

export function isImageRejected(error: unknown): error is ImageRejected {
  return error instanceof ImageRejected;
}

export type SniffedType = "jpeg" | "png" | "webp" | "heic";

const MIME: Record<Exclude<SniffedType, "heic">, string> = { jpeg: "image/jpeg", png: "image/png", webp: "image/webp" };
const EXT: Record<Exclude<SniffedType, "heic">, string> = { jpeg: "jpg", png: "png", webp: "webp" };
const HEIF_BRANDS = new Set(["heic", "heix", "heim", "heis", "hevc", "hevx", "hevm", "hevs", "mif1", "msf1", "avif"]);

/** The real type from the first bytes, whatever the file name says; null for anything else. */
export function sniffImageType(bytes: Uint8Array): SniffedType | null {
  const b = bytes;
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return "jpeg";
  if (b.length >= 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47 && b[4] === 0x0d && b[5] === 0x0a && b[6] === 0x1a && b[7] === 0x0a) {
    return "png";
  }
  const ascii = (from: number, to: number) => Buffer.from(b.subarray(from, to)).toString("latin1");
  if (b.length >= 12 && ascii(0, 4) === "RIFF" && ascii(8, 12) === "WEBP") return "webp";
  // ISO-BMFF: [size][ftyp][major brand]… — HEIC/HEIF (and AVIF, which we do not take as upload either).
  if (b.length >= 12 && ascii(4, 8) === "ftyp" && HEIF_BRANDS.has(ascii(8, 12))) return "heic";
  return null;
}

/**
 * Reads a stream into memory, refusing it (ImageRejected "too_large") as soon
 * as it passes `limit` bytes: at most limit + 1 bytes are ever held. With
 * `drain`, the rest of an over-long stream is read and discarded (so a
 * multipart parser can go on to the next part).
 */
export async function readLimited(stream: AsyncIterable<Uint8Array>, limit = MAX_UPLOAD_BYTES, { drain = false } = {}): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  let over = false;
  for await (const chunk of stream) {
    if (over) continue;
    total += chunk.length;
    if (total > limit) {
      over = true;
      chunks.length = 0;
      if (!drain) break;
      continue;
    }
    chunks.push(Buffer.from(chunk));
  }
  if (over) throw new ImageRejected("too_large");
  return Buffer.concat(chunks, total);
}

export type InspectedUpload = { type: Exclude<SniffedType, "heic">; mime: string; ext: string; width: number; height: number };

/** Every check that needs no writing: size, type from the bytes, then the header through sharp with the pixel limit. */
export async function inspectUpload(bytes: Buffer): Promise<InspectedUpload> {
  if (bytes.length > MAX_UPLOAD_BYTES) throw new ImageRejected("too_large");
  const type = sniffImageType(bytes.subarray(0, 16));
  if (type === "heic") throw new ImageRejected("heic");
  if (!type) throw new ImageRejected("not_image");
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS }).metadata();
  } catch (error) {
    // sharp refuses a header declaring more pixels than limitInputPixels before decoding anything.
    if (error instanceof Error && /pixel limit/i.test(error.message)) throw new ImageRejected("too_many_pixels");
    throw new ImageRejected("corrupt");
  }
  if (!meta.width || !meta.height) throw new ImageRejected("corrupt");
  // metadata() reads the header only: the pixel limit is checked here, before any decoding.
  if (meta.width * meta.height > MAX_INPUT_PIXELS) throw new ImageRejected("too_many_pixels");
  if (meta.format !== (type === "jpeg" ? "jpeg" : type)) throw new ImageRejected("corrupt");
  const upright = meta.autoOrient ?? { width: meta.width, height: meta.height };
  return { type, mime: MIME[type], ext: EXT[type], width: upright.width, height: upright.height };
}

function uploadsDir(): string {
  return getEnv().UPLOADS_DIR;
}

/** Writes through a unique temporary name and renames: a crash never leaves a half file under the final name. */
async function writeAtomically(file: string, bytes: Buffer): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${crypto.randomBytes(4).toString("hex")}.tmp`;
  try {
    await fs.writeFile(temporary, bytes);
    await fs.rename(temporary, file);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw error;
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    return (await fs.stat(file)).size > 0;
  } catch {
    return false;
  }
}

/** Where an upload goes: a list of photos, or the shop's profile slot. */
export type UploadTarget = PhotoOwner | { kind: "profile"; id: number };

export type AcceptUploadInput = {
  bytes?: Buffer;
  stream?: AsyncIterable<Uint8Array>;
  filename?: string;
  uploadedBy?: number | null;
  altId?: string;
  altEn?: string;
  /** Attached in the same transaction as the image row (ownership is the caller's check). */
  attachTo?: UploadTarget;
};

/**
 * Checks an upload, stores the original and queues its variants job. Throws
 * ImageRejected before writing anything when the file is refused.
 */
export async function acceptUpload(input: AcceptUploadInput, db: DB = getDb()): Promise<{ imageId: number; orphans: OrphanFiles | null }> {
  const bytes = input.bytes ?? (input.stream ? await readLimited(input.stream) : null);
  if (!bytes) throw new ImageRejected("not_image");
  const inspected = await inspectUpload(bytes);
  const hash = crypto.createHash("sha256").update(bytes).digest("hex");
  const originalKey = `${hash}.${inspected.ext}`;
  const file = path.join(uploadsDir(), "originals", originalKey);
  // Content-addressed: the same photo uploaded twice is stored once.
  if (!(await exists(file))) await writeAtomically(file, bytes);
  let orphans: OrphanFiles | null = null;
  const image = await inTransaction(db, async (trx) => {
    const created = await createImage(
      {
        originalKey,
        mime: inspected.mime,
        bytes: bytes.length,
        width: inspected.width,
        height: inspected.height,
        altId: (input.altId ?? "").trim().slice(0, 300),
        altEn: (input.altEn ?? "").trim().slice(0, 300),
        uploadedBy: input.uploadedBy ?? null,
      },
      trx,
    );
    await enqueueJob({ name: "images.variants", payload: { imageId: created.id }, dedupeKey: variantsDedupeKey(created.id), maxAttempts: VARIANTS_MAX_ATTEMPTS }, trx);
    const target = input.attachTo;
    if (target?.kind === "profile") orphans = await setProfileImage({ shopId: target.id, imageId: created.id }, trx);
    else if (target) await attachImage({ owner: target, imageId: created.id }, trx);
    return created;
  });
  return { imageId: image.id, orphans };
}

/** Removes the files of deleted images (after the transaction that deleted them committed). Missing files are fine. */
export async function removeImageFiles(orphans: OrphanFiles | null | undefined): Promise<void> {
  if (!orphans) return;
  const dir = uploadsDir();
  await Promise.all([
    ...orphans.originalKeys.map((key) => fs.rm(path.join(dir, "originals", path.basename(key)), { force: true })),
    ...orphans.variantKeys.map((key) => fs.rm(path.join(dir, "variants", path.basename(key)), { force: true })),
  ]);
}

// ---------------------------------------------------------------------------
// The variants job

/** The widths made for an upright image `width` px wide: the standard ones that fit, or its own width when narrower than all. */
export function variantWidths(width: number): number[] {
  const fitting = VARIANT_WIDTHS.filter((w) => w <= width);
  return fitting.length > 0 ? fitting : [width];
}

const ENCODERS = {
  // effort 2: about three times faster than the default 4 on these 2 cores, and the files are barely larger.
  avif: (s: Sharp) => s.avif({ quality: 50, effort: 2 }),
  webp: (s: Sharp) => s.webp({ quality: 76 }),
} as const;

export type MadeVariants = { width: number; height: number; placeholder: string; variants: ImageVariantInput[] };

/** Decodes the original once, upright, and encodes every variant into UPLOADS_DIR/variants. */
export async function makeVariants(imageId: number, originalFile: string, signal?: AbortSignal): Promise<MadeVariants> {
  const { data, info } = await sharp(originalFile, { limitInputPixels: MAX_INPUT_PIXELS })
    .rotate()
    .resize({ width: VARIANT_WIDTHS[VARIANT_WIDTHS.length - 1], withoutEnlargement: true })
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const raw = () => sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } });
  const dir = path.join(uploadsDir(), "variants");
  const variants: ImageVariantInput[] = [];
  for (const width of variantWidths(info.width)) {
    for (const format of ["avif", "webp"] as const) {
      signal?.throwIfAborted();
      const { data: output, info: out } = await ENCODERS[format](raw().resize({ width })).toBuffer({ resolveWithObject: true });
      const key = `${crypto.createHash("sha256").update(output).digest("hex")}-${imageId}.${format}`;
      const file = path.join(dir, key);
      if (!(await exists(file))) await writeAtomically(file, output);
      variants.push({ format, width: out.width, height: out.height, key, bytes: output.length });
    }
  }
  const tiny = await raw().resize(PLACEHOLDER_WIDTH).blur(0.6).webp({ quality: 35 }).toBuffer();
  return { width: info.width, height: info.height, placeholder: `data:image/webp;base64,${tiny.toString("base64")}`, variants };
}

/** Leftover files of this image that are not in `keep` (an interrupted run's variants or temporary files). */
async function removeStrayVariantFiles(imageId: number, keep: Set<string>): Promise<void> {
  const dir = path.join(uploadsDir(), "variants");
  const marker = new RegExp(`^[0-9a-f]{64}-${imageId}\\.(avif|webp)(\\..*\\.tmp)?$`);
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return;
  }
  await Promise.all(names.filter((n) => marker.test(n) && !keep.has(n)).map((n) => fs.rm(path.join(dir, n), { force: true })));
}

/**
 * Makes the variants of one image and marks it ready. Safe to run again at
 * any point: files are content-named and written atomically, the rows are
 * replaced in one transaction. An image that is gone (deleted meanwhile) or
 * already ready ends the job quietly.
 */
export async function processImageVariants(
  args: { imageId: number; isLastAttempt?: boolean; signal?: AbortSignal },
  db: DB = getDb(),
): Promise<"ready" | "skipped"> {
  const image = await db.selectFrom("images").select(["id", "original_key", "status"]).where("id", "=", args.imageId).executeTakeFirst();
  if (!image || image.status === "ready") return "skipped";
  const originalFile = path.join(uploadsDir(), "originals", path.basename(image.original_key));
  let made: MadeVariants;
  try {
    if (!(await exists(originalFile))) throw new PermanentJobError(`the original of image ${image.id} is missing`);
    made = await makeVariants(image.id, originalFile, args.signal);
  } catch (error) {
    if (args.isLastAttempt || error instanceof PermanentJobError) {
      await db.updateTable("images").set({ status: "failed" }).where("id", "=", image.id).where("status", "=", "processing").execute();
    }
    throw error;
  }
  const stillThere = await inTransaction(db, async (trx) => {
    const current = await trx.selectFrom("images").select("id").where("id", "=", image.id).executeTakeFirst();
    if (!current) return false;
    await trx.deleteFrom("image_variants").where("image_id", "=", image.id).execute();
    await trx
      .insertInto("image_variants")
      .values(made.variants.map((v) => ({ image_id: image.id, format: v.format, width: v.width, height: v.height, key: v.key, bytes: v.bytes })))
      .execute();
    await trx.updateTable("images").set({ status: "ready", width: made.width, height: made.height, placeholder: made.placeholder }).where("id", "=", image.id).execute();
    return true;
  });
  // Deleted while we worked: its files go too.
  await removeStrayVariantFiles(image.id, stillThere ? new Set(made.variants.map((v) => v.key)) : new Set());
  return stillThere ? "ready" : "skipped";
}

/**
 * Registers the `images.variants` handler. libvips runs one thread per
 * image here (sharp.concurrency(1)): the machine has 2 cores and the web
 * server shares them, so a 4000×3000 photo takes a few seconds on one core
 * instead of starving the requests on both.
 */
export function registerImageHandlers(): void {
  sharp.concurrency(1);
  registerJobHandler("images.variants", async ({ imageId }, context) => {
    if (!Number.isSafeInteger(imageId)) throw new PermanentJobError("images.variants payload has no valid imageId");
    await processImageVariants({ imageId, isLastAttempt: context.isLastAttempt, signal: context.signal });
  });
}

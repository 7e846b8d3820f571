/**
 * The image pipeline (issue 5, "done when"): a 4000×3000 JPEG taken sideways
 * with GPS data comes back upright, without metadata, each variant as wide as
 * its srcset descriptor says; oversized, fake, bomb and HEIC uploads are
 * refused with nothing written; the job is idempotent and a corrupt original
 * ends 'failed'. Fixtures are generated here with sharp and zlib.
 */
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { pictureSources } from "~/components/responsive-image";
import { createArtisan, decideArtisanMembership } from "~/models/artisan.server";
import { ModelError } from "~/models/common.server";
import { getImageRef, getImageRefs } from "~/models/image.server";
import { detachPhoto, getProfilePhoto, listPhotos, movePhoto, setPhotoOrder, updatePhotoAlt } from "~/models/photo.server";
import { createProduct, listProductsByIds } from "~/models/product.server";
import { createUser } from "~/models/user.server";
import {
  acceptUpload,
  ImageRejected,
  MAX_UPLOAD_BYTES,
  processImageVariants,
  readLimited,
  registerImageHandlers,
  removeImageFiles,
  sniffImageType,
  variantWidths,
} from "~/services/images.server";
import { JobWorker } from "~/services/jobs.server";
import { action as productPhotosAction, loader as productPhotosLoader } from "~/routes/($lang).dashboard.products.$id.photos";
import { action as profilePhotoAction, loader as profilePhotoLoader } from "~/routes/($lang).dashboard.profile.photo";
import { getDb } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { createUserWithSession, ORIGIN, outcome, payloadOf, request } from "../setup/routes";

const uploads = () => getEnv().UPLOADS_DIR;

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name)).sort();
}

async function counts() {
  const db = getDb();
  const n = async (table: "images" | "image_variants" | "jobs" | "product_images") =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
  return { images: await n("images"), variants: await n("image_variants"), jobs: await n("jobs"), links: await n("product_images"), files: filesUnder(uploads()) };
}

/**
 * A 4000×3000 JPEG stored sideways: the left half red, the right half blue,
 * EXIF Orientation 6 (turn 90° clockwise to view) and a GPS block. Upright,
 * it is 3000×4000 with red on top.
 */
async function sidewaysPhoto(): Promise<Buffer> {
  const half = await sharp({ create: { width: 2000, height: 3000, channels: 3, background: "#0000ff" } }).png().toBuffer();
  return sharp({ create: { width: 4000, height: 3000, channels: 3, background: "#ff0000" } })
    .composite([{ input: half, left: 2000, top: 0 }])
    .jpeg({ quality: 80 })
    .withMetadata({ orientation: 6 })
    .withExif({
      IFD0: { Make: "TestPhone", Model: "Sideways 1" },
      IFD3: { GPSLatitudeRef: "S", GPSLatitude: "8/1 5/1 30/1", GPSLongitudeRef: "E", GPSLongitude: "112/1 10/1 0/1" },
    })
    .toBuffer();
}

/** A real PNG decompression bomb: 8000×8000 grey pixels (64 MP, over the 50 MP limit) deflated to a few kilobytes. */
function pngBomb(): Buffer {
  const width = 8000;
  const height = 8000;
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const out = Buffer.alloc(8 + data.length + 4);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  const idat = zlib.deflateSync(Buffer.alloc((width + 1) * height), { level: 9 });
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", ihdr), chunk("IDAT", idat), chunk("IEND", Buffer.alloc(0))]);
}

/** The start of a HEIC file from a phone: an ISO-BMFF `ftyp` box with the `heic` brand. */
function heicFile(): Buffer {
  const ftyp = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from("ftypheic", "latin1"), Buffer.from([0, 0, 0, 0]), Buffer.from("mif1heic", "latin1")]);
  return Buffer.concat([ftyp, Buffer.alloc(4000, 7)]);
}

let shopA: number;
let shopB: number;
let productA: number;
let productB: number;

beforeAll(async () => {
  const db = getDb();
  shopA = (await createArtisan({ slug: "batik-a", name: "Batik A", ownerName: "A", village: "Sawentar", district: "Kanigoro", regency: "kabupaten", techniques: ["tulis"] }, db)).id;
  shopB = (await createArtisan({ slug: "batik-b", name: "Batik B", ownerName: "B", village: "Sawentar", district: "Kanigoro", regency: "kabupaten", techniques: ["tulis"] }, db)).id;
  const product = (artisanId: number, slug: string) =>
    createProduct({ artisanId, slug, titleId: `Kain ${slug}`, technique: "tulis", fabric: "katun_primisima", dye: "natural", price: 450_000, stock: 1, status: "draft" }, db);
  productA = (await product(shopA, "kain-a")).id;
  productB = (await product(shopB, "kain-b")).id;
});

describe("sniffing and streaming limits", () => {
  it("tells the type from the bytes, not the name", async () => {
    expect(sniffImageType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe("jpeg");
    expect(sniffImageType(await sharp({ create: { width: 2, height: 2, channels: 3, background: "red" } }).png().toBuffer())).toBe("png");
    expect(sniffImageType(await sharp({ create: { width: 2, height: 2, channels: 3, background: "red" } }).webp().toBuffer())).toBe("webp");
    expect(sniffImageType(heicFile())).toBe("heic");
    expect(sniffImageType(Buffer.from("just some text, honestly"))).toBeNull();
  });

  it("stops reading a stream one byte past the limit", async () => {
    let pulled = 0;
    async function* chunks() {
      for (let i = 0; i < 100; i++) {
        pulled += 1024;
        yield new Uint8Array(1024);
      }
    }
    await expect(readLimited(chunks(), 10 * 1024)).rejects.toMatchObject({ code: "too_large" });
    // 11 chunks of 1 KiB: the eleventh crosses the 10 KiB limit and reading stops there.
    expect(pulled).toBe(11 * 1024);
    pulled = 0;
    expect((await readLimited(chunks(), 200 * 1024)).length).toBe(100 * 1024);
  });
});

describe("refused uploads leave nothing behind", () => {
  const refusals: [string, () => Buffer | Promise<Buffer>, ImageRejected["code"]][] = [
    ["a 20 MB file", () => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(20 * 1024 * 1024 - 4, 1)]), "too_large"],
    ["a text file renamed .jpg", () => Buffer.from("Ini bukan foto, hanya teks biasa.\n".repeat(50)), "not_image"],
    ["a PNG decompression bomb", pngBomb, "too_many_pixels"],
    ["a HEIC photo", heicFile, "heic"],
    ["a JPEG header with garbage after it", () => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(5000, 3)]), "corrupt"],
  ];
  it.each(refusals)("%s is refused with its code", async (_label, make, code) => {
    const bytes = await make();
    const before = await counts();
    const error = await acceptUpload({ bytes, filename: "foto.jpg", attachTo: { kind: "product", id: productA } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImageRejected);
    expect((error as ImageRejected).code).toBe(code);
    expect(await counts()).toEqual(before);
  });

  it("refuses an over-long stream without holding it", async () => {
    const before = await counts();
    async function* big() {
      for (let i = 0; i < 21; i++) yield new Uint8Array(1024 * 1024);
    }
    await expect(acceptUpload({ stream: big(), filename: "besar.jpg" })).rejects.toMatchObject({ code: "too_large" });
    expect(await counts()).toEqual(before);
    expect(MAX_UPLOAD_BYTES).toBe(15 * 1024 * 1024);
  });
});

describe("a sideways 4000×3000 photo with GPS data", () => {
  it("comes back upright, without metadata, each variant as wide as its srcset descriptor", async () => {
    const original = await sidewaysPhoto();
    const meta = await sharp(original).metadata();
    expect([meta.width, meta.height, meta.orientation]).toEqual([4000, 3000, 6]);
    // The GPS IFD pointer (tag 0x8825) is in the original's EXIF.
    expect(meta.exif!.includes(Buffer.from([0x25, 0x88]))).toBe(true);

    const before = await counts();
    const { imageId } = await acceptUpload({ bytes: original, filename: "IMG_0001.JPG", altId: "Kain merah biru", altEn: "Red and blue cloth", attachTo: { kind: "product", id: productA } });
    const after = await counts();
    expect(after.images).toBe(before.images + 1);
    expect(after.jobs).toBe(before.jobs + 1);
    expect(after.files.length).toBe(before.files.length + 1);
    const row = await getDb().selectFrom("images").selectAll().where("id", "=", imageId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: "processing", width: 3000, height: 4000, mime: "image/jpeg", alt_id: "Kain merah biru", alt_en: "Red and blue cloth" });
    const job = await getDb().selectFrom("jobs").selectAll().where("name", "=", "images.variants").orderBy("id", "desc").executeTakeFirstOrThrow();
    expect(JSON.parse(job.payload)).toEqual({ imageId });
    expect(job.max_attempts).toBe(3);
    // Public pages skip it while it is processing.
    expect(await getImageRef(imageId)).toBeNull();
    expect((await listPhotos({ owner: { kind: "product", id: productA }, shopId: shopA })).map((p) => [p.id, p.status])).toEqual([[imageId, "processing"]]);

    expect(await processImageVariants({ imageId })).toBe("ready");
    const ready = await getDb().selectFrom("images").selectAll().where("id", "=", imageId).executeTakeFirstOrThrow();
    expect([ready.status, ready.width, ready.height]).toEqual(["ready", 1600, 2133]);
    expect(ready.placeholder).toMatch(/^data:image\/webp;base64,/);

    const ref = (await getImageRef(imageId))!;
    expect(ref.variants.map((v) => `${v.format}:${v.width}`)).toEqual(["avif:320", "avif:640", "avif:1024", "avif:1600", "webp:320", "webp:640", "webp:1024", "webp:1600"]);
    const sources = pictureSources(ref.variants);
    const descriptors = [sources.avif!, sources.img.srcSet].flatMap((set) => set.split(", ").map((entry) => entry.split(" ")));
    expect(descriptors).toHaveLength(8);
    for (const [url, descriptor] of descriptors) {
      const key = decodeURIComponent(url.replace(/^\/images\//, ""));
      expect(key).toMatch(new RegExp(`^[0-9a-f]{64}-${imageId}\\.(avif|webp)$`));
      const file = path.join(uploads(), "variants", key);
      const variantMeta = await sharp(file).metadata();
      expect(`${variantMeta.width}w`).toBe(descriptor);
      // Upright: portrait, 3:4.
      expect(variantMeta.height).toBe(Math.round((variantMeta.width! * 4000) / 3000));
      expect(variantMeta.exif).toBeUndefined();
      expect(variantMeta.xmp).toBeUndefined();
      expect(variantMeta.icc).toBeUndefined();
      expect(variantMeta.orientation ?? 1).toBe(1);
      // Red on top, blue at the bottom (the stored left half was red).
      const { data, info } = await sharp(file).raw().toBuffer({ resolveWithObject: true });
      const pixel = (x: number, y: number) => [...data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3)];
      const [top, bottom] = [pixel(Math.floor(info.width / 2), 5), pixel(Math.floor(info.width / 2), info.height - 5)];
      expect(top[0]).toBeGreaterThan(200);
      expect(top[2]).toBeLessThan(60);
      expect(bottom[2]).toBeGreaterThan(200);
      expect(bottom[0]).toBeLessThan(60);
    }
  }, 90_000);
});

describe("the variants job", () => {
  const smallJpeg = (width: number, height: number, colour = "#884422") =>
    sharp({ create: { width, height, channels: 3, background: colour } }).jpeg().toBuffer();

  it("makes no variant wider than the original, and one at its own width when narrower than 320", async () => {
    expect(variantWidths(5000)).toEqual([320, 640, 1024, 1600]);
    expect(variantWidths(800)).toEqual([320, 640]);
    expect(variantWidths(200)).toEqual([200]);
    const { imageId } = await acceptUpload({ bytes: await smallJpeg(200, 100) });
    await processImageVariants({ imageId });
    const variants = await getDb().selectFrom("image_variants").select(["format", "width", "height"]).where("image_id", "=", imageId).orderBy("format").execute();
    expect(variants).toEqual([
      { format: "avif", width: 200, height: 100 },
      { format: "webp", width: 200, height: 100 },
    ]);
  });

  it("finishes cleanly when run again after a crash (no duplicate rows, stray files removed)", async () => {
    const { imageId } = await acceptUpload({ bytes: await smallJpeg(700, 500, "#225588") });
    await processImageVariants({ imageId });
    const first = await getDb().selectFrom("image_variants").select(["format", "width", "key"]).where("image_id", "=", imageId).orderBy("key").execute();
    expect(first).toHaveLength(4);
    // A crash in the middle of a later run: rows gone, status back to processing, a half-written temp file and a file of another encoding left.
    await getDb().deleteFrom("image_variants").where("image_id", "=", imageId).execute();
    await getDb().updateTable("images").set({ status: "processing" }).where("id", "=", imageId).execute();
    const variantsDir = path.join(uploads(), "variants");
    const stray = path.join(variantsDir, `${"a".repeat(64)}-${imageId}.webp`);
    const temporary = path.join(variantsDir, `${first[0].key}.999.abcd1234.tmp`);
    fs.writeFileSync(stray, "old");
    fs.writeFileSync(temporary, "half");
    expect(await processImageVariants({ imageId })).toBe("ready");
    expect(await processImageVariants({ imageId })).toBe("skipped");
    const second = await getDb().selectFrom("image_variants").select(["format", "width", "key"]).where("image_id", "=", imageId).orderBy("key").execute();
    expect(second).toEqual(first);
    expect(fs.existsSync(stray)).toBe(false);
    expect(fs.existsSync(temporary)).toBe(false);
    for (const v of second) expect(fs.existsSync(path.join(variantsDir, v.key))).toBe(true);
  });

  it("marks a corrupt original failed after the job's retries, and the dashboard says so", async () => {
    const good = await smallJpeg(900, 600);
    // The header is intact (accepted at upload), the pixel data is cut off.
    const truncated = good.subarray(0, Math.floor(good.length * 0.4));
    const { imageId } = await acceptUpload({ bytes: truncated, attachTo: { kind: "product", id: productA } });
    registerImageHandlers();
    const logs: string[] = [];
    const worker = new JobWorker({ backoff: { baseMs: 0, maxMs: 0 }, logger: { info: (m) => logs.push(m), warn: (m) => logs.push(m), error: (m) => logs.push(m) } });
    // Three runs of this job (and the variants of earlier uploads still waiting).
    expect(await worker.drain()).toBeGreaterThanOrEqual(3);
    expect(logs.filter((l) => l.includes("images.variants") && l.includes("failed")).length).toBeGreaterThanOrEqual(3);
    const job = await getDb().selectFrom("jobs").selectAll().where("dedupe_key", "=", `images.variants:${imageId}`).executeTakeFirstOrThrow();
    expect([job.status, job.attempts]).toEqual(["dead", 3]);
    expect((await getDb().selectFrom("images").select("status").where("id", "=", imageId).executeTakeFirstOrThrow()).status).toBe("failed");
    const photos = await listPhotos({ owner: { kind: "product", id: productA }, shopId: shopA });
    expect(photos.find((p) => p.id === imageId)?.status).toBe("failed");
    expect((await getImageRefs({ ids: [imageId] })).size).toBe(0);
  });
});

describe("photo management", () => {
  const owner = () => ({ kind: "product" as const, id: productA });
  const order = async () => (await listPhotos({ owner: owner(), shopId: shopA })).map((p) => p.id);

  it("reorders, sets alt text, deletes (with the files) — only within the owning shop", async () => {
    const existing = await order();
    const colours = ["#aa0000", "#00aa00", "#0000aa"];
    const ids: number[] = [];
    for (const colour of colours) {
      const bytes = await sharp({ create: { width: 330, height: 330, channels: 3, background: colour } }).jpeg().toBuffer();
      ids.push((await acceptUpload({ bytes, attachTo: owner() })).imageId);
    }
    expect(await order()).toEqual([...existing, ...ids]);
    await setPhotoOrder({ owner: owner(), shopId: shopA, imageIds: [...ids, ...existing] });
    expect(await order()).toEqual([...ids, ...existing]);
    await movePhoto({ owner: owner(), shopId: shopA, imageId: ids[1], direction: "up" });
    expect((await order()).slice(0, 3)).toEqual([ids[1], ids[0], ids[2]]);
    await movePhoto({ owner: owner(), shopId: shopA, imageId: ids[1], direction: "up" });
    expect((await order()).slice(0, 3)).toEqual([ids[1], ids[0], ids[2]]);

    await updatePhotoAlt({ owner: owner(), shopId: shopA, imageId: ids[0], altId: "  Kain hijau ", altEn: "Green cloth" });
    const photo = (await listPhotos({ owner: owner(), shopId: shopA })).find((p) => p.id === ids[0])!;
    expect([photo.alt_id, photo.alt_en]).toEqual(["Kain hijau", "Green cloth"]);

    // Another shop: its own product id does not exist here, and shop A's photos do not exist for shop B.
    const notFound = { code: "not_found", status: 404 };
    await expect(listPhotos({ owner: { kind: "product", id: productA }, shopId: shopB })).rejects.toMatchObject(notFound);
    await expect(movePhoto({ owner: owner(), shopId: shopB, imageId: ids[0], direction: "down" })).rejects.toMatchObject(notFound);
    await expect(updatePhotoAlt({ owner: owner(), shopId: shopB, imageId: ids[0], altId: "x", altEn: "x" })).rejects.toMatchObject(notFound);
    await expect(detachPhoto({ owner: owner(), shopId: shopB, imageId: ids[0] })).rejects.toBeInstanceOf(ModelError);
    await expect(detachPhoto({ owner: { kind: "product", id: productB }, shopId: shopB, imageId: ids[0] })).rejects.toMatchObject(notFound);

    await processImageVariants({ imageId: ids[2] });
    const keys = (await getDb().selectFrom("image_variants").select("key").where("image_id", "=", ids[2]).execute()).map((v) => v.key);
    const originalKey = (await getDb().selectFrom("images").select("original_key").where("id", "=", ids[2]).executeTakeFirstOrThrow()).original_key;
    // 330 px wide: one width (320), AVIF and WebP.
    expect(keys).toHaveLength(2);
    const orphans = await detachPhoto({ owner: owner(), shopId: shopA, imageId: ids[2] });
    expect(orphans).toEqual({ originalKeys: [originalKey], variantKeys: expect.arrayContaining(keys) as string[] });
    await removeImageFiles(orphans);
    for (const key of keys) expect(fs.existsSync(path.join(uploads(), "variants", key))).toBe(false);
    expect(fs.existsSync(path.join(uploads(), "originals", originalKey))).toBe(false);
    expect(await getDb().selectFrom("images").select("id").where("id", "=", ids[2]).executeTakeFirst()).toBeUndefined();
    expect(await order()).toEqual([ids[1], ids[0], ...existing]);
    expect((await listPhotos({ owner: owner(), shopId: shopA })).map((p) => p.position)).toEqual([...Array(existing.length + 2).keys()]);
  });

  it("keeps an original shared by two uploads of the same photo until both are gone", async () => {
    const bytes = await sharp({ create: { width: 400, height: 300, channels: 3, background: "#123456" } }).jpeg().toBuffer();
    const a = await acceptUpload({ bytes, attachTo: owner() });
    const b = await acceptUpload({ bytes, attachTo: { kind: "shop", id: shopA } });
    await processImageVariants({ imageId: a.imageId });
    await processImageVariants({ imageId: b.imageId });
    const first = await detachPhoto({ owner: owner(), shopId: shopA, imageId: a.imageId });
    expect(first?.originalKeys).toEqual([]);
    await removeImageFiles(first);
    expect((await getImageRef(b.imageId))?.variants.map((v) => `${v.format}:${v.width}`)).toEqual(["avif:320", "webp:320"]);
    const second = await detachPhoto({ owner: { kind: "shop", id: shopA }, shopId: shopA, imageId: b.imageId });
    expect(second?.originalKeys).toHaveLength(1);
  });

  it("replaces the profile picture and deletes the old one", async () => {
    const make = (colour: string) => sharp({ create: { width: 500, height: 500, channels: 3, background: colour } }).png().toBuffer();
    const first = await acceptUpload({ bytes: await make("#ff8800"), attachTo: { kind: "profile", id: shopA } });
    expect(first.orphans).toBeNull();
    expect((await getProfilePhoto({ shopId: shopA }))?.id).toBe(first.imageId);
    const second = await acceptUpload({ bytes: await make("#0088ff"), attachTo: { kind: "profile", id: shopA } });
    expect(second.orphans?.originalKeys).toHaveLength(1);
    expect((await getProfilePhoto({ shopId: shopA }))?.id).toBe(second.imageId);
    expect(await getDb().selectFrom("images").select("id").where("id", "=", first.imageId).executeTakeFirst()).toBeUndefined();
  });
});

describe("public pages while a photo is processing", () => {
  it("a product card shows the first ready photo, skipping one still processing", async () => {
    const db = getDb();
    const admin = await createUser({ email: "admin-foto@example.test", name: "Admin" }, db);
    const shop = await createArtisan({ slug: "batik-publik", name: "Batik Publik", ownerName: "P", village: "Sawentar", district: "Kanigoro", regency: "kabupaten", techniques: ["tulis"] }, db);
    await decideArtisanMembership({ artisanId: shop.id, status: "verified", actorUserId: admin.id }, db);
    const product = await createProduct({ artisanId: shop.id, slug: "kain-publik", titleId: "Kain Publik", technique: "tulis", fabric: "katun_primisima", dye: "natural", price: 300_000, stock: 2, status: "published" }, db);
    const owner = { kind: "product" as const, id: product.id };
    const jpeg = (colour: string) => sharp({ create: { width: 400, height: 400, channels: 3, background: colour } }).jpeg().toBuffer();
    const ready = await acceptUpload({ bytes: await jpeg("#336699"), attachTo: owner });
    await processImageVariants({ imageId: ready.imageId });
    const fresh = await acceptUpload({ bytes: await jpeg("#996633"), attachTo: owner });
    await setPhotoOrder({ owner, shopId: shop.id, imageIds: [fresh.imageId, ready.imageId] });
    expect((await listProductsByIds({ ids: [product.id] }))[0].image?.id).toBe(ready.imageId);
    await processImageVariants({ imageId: fresh.imageId });
    expect((await listProductsByIds({ ids: [product.id] }))[0].image?.id).toBe(fresh.imageId);
  });
});

describe("the photo pages", () => {
  let cookie: string;
  let otherCookie: string;
  const path_ = () => `/dashboard/products/${productA}/photos`;
  const params = () => ({ id: String(productA) });

  beforeAll(async () => {
    const owner = await createUserWithSession({ email: "pengrajin@example.test", name: "Pengrajin A", password: "pengrajin-a-2026", roles: ["artisan"] });
    const other = await createUserWithSession({ email: "lain@example.test", name: "Pengrajin B", password: "pengrajin-b-2026", roles: ["artisan"] });
    await getDb().updateTable("artisans").set({ owner_user_id: owner.id }).where("id", "=", shopA).execute();
    await getDb().updateTable("artisans").set({ owner_user_id: other.id }).where("id", "=", shopB).execute();
    cookie = owner.cookie.split(";")[0];
    otherCookie = other.cookie.split(";")[0];
  });

  function upload(url: string, files: { name: string; bytes: Buffer; type?: string }[], extra: Record<string, string> = {}, headers: Record<string, string> = {}) {
    const form = new FormData();
    for (const [k, v] of Object.entries(extra)) form.append(k, v);
    for (const f of files) form.append("photo", new File([new Uint8Array(f.bytes)], f.name, { type: f.type ?? "image/jpeg" }));
    return new Request(`${ORIGIN}${url}`, { method: "POST", body: form, headers: { Cookie: cookie, Origin: ORIGIN, ...headers } });
  }

  it("accepts the good files of a multipart upload and names each refused one", async () => {
    const before = (await listPhotos({ owner: { kind: "product", id: productA }, shopId: shopA })).length;
    const good = await sharp({ create: { width: 640, height: 480, channels: 3, background: "#556b2f" } }).jpeg().toBuffer();
    const result = await outcome(
      productPhotosAction({
        request: upload(path_(), [
          { name: "kain.jpg", bytes: good },
          { name: "IMG_0002.HEIC", bytes: heicFile(), type: "image/heic" },
          { name: "catatan.jpg", bytes: Buffer.from("bukan foto") },
        ]),
        params: params(),
        context: {},
      }),
    );
    expect(result.status).toBe(400);
    expect(result.body).toEqual({
      upload: {
        accepted: 1,
        target: "list",
        refused: [
          { filename: "IMG_0002.HEIC", code: "heic" },
          { filename: "catatan.jpg", code: "not_image" },
        ],
      },
    });
    const page = payloadOf(await productPhotosLoader({ request: request(path_(), { cookie }), params: params(), context: {} }));
    expect(page.photos).toHaveLength(before + 1);
    expect(page.photos.at(-1)!.status).toBe("processing");
  });

  it("refuses a 20 MB file with 400 and a request declaring more than the total cap with 413, writing nothing", async () => {
    const before = await counts();
    const big = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(20 * 1024 * 1024, 9)]);
    const result = await outcome(productPhotosAction({ request: upload(path_(), [{ name: "besar.jpg", bytes: big }]), params: params(), context: {} }));
    expect(result.status).toBe(400);
    expect(result.body).toEqual({ upload: { accepted: 0, target: "list", refused: [{ filename: "besar.jpg", code: "too_large" }] } });
    const declared = new Request(`${ORIGIN}${path_()}`, {
      method: "POST",
      body: "--x\r\n",
      headers: { Cookie: cookie, Origin: ORIGIN, "Content-Type": "multipart/form-data; boundary=x", "Content-Length": String(200 * 1024 * 1024) },
    });
    const tooBig = await outcome(productPhotosAction({ request: declared, params: params(), context: {} }));
    expect(tooBig.status).toBe(413);
    expect(await counts()).toEqual(before);
  });

  it("with the upload script, answers a redirect whose flash lists the refused files", async () => {
    const result = await outcome(
      productPhotosAction({ request: upload(path_(), [{ name: "foto.heic", bytes: heicFile() }], {}, { "X-Photo-Upload": "xhr" }), params: params(), context: {} }),
    );
    expect(result.status).toBe(303);
    expect(result.headers!.get("Location")).toBe(path_());
    expect(result.headers!.get("Set-Cookie")).toMatch(/^__flash=/);
  });

  it("keeps alt text within 300 characters with a field error, and saves a valid one", async () => {
    const photo = (await listPhotos({ owner: { kind: "product", id: productA }, shopId: shopA }))[0];
    const long = await outcome(
      productPhotosAction({ request: request(path_(), { cookie, form: { intent: "alt", imageId: String(photo.id), altId: "x".repeat(301), altEn: "ok" } }), params: params(), context: {} }),
    );
    expect(long.status).toBe(400);
    expect((long.body as { alt: { error: Record<string, string[]> } }).alt.error).toEqual({ altId: ["photos.errors.altTooLong"] });
    const saved = await outcome(
      productPhotosAction({ request: request(path_(), { cookie, form: { intent: "alt", imageId: String(photo.id), altId: "Kain sogan", altEn: "Sogan cloth" } }), params: params(), context: {} }),
    );
    expect(saved.status).toBe(303);
    expect((await listPhotos({ owner: { kind: "product", id: productA }, shopId: shopA }))[0]).toMatchObject({ alt_id: "Kain sogan", alt_en: "Sogan cloth" });
  });

  it("is 404 for another shop's product and photos, 400 for nonsense", async () => {
    expect((await outcome(productPhotosLoader({ request: request(path_(), { cookie: otherCookie }), params: params(), context: {} }))).status).toBe(404);
    expect((await outcome(productPhotosLoader({ request: request("/dashboard/products/abc/photos", { cookie }), params: { id: "abc" }, context: {} }))).status).toBe(404);
    const photo = (await listPhotos({ owner: { kind: "product", id: productA }, shopId: shopA }))[0];
    const otherPath = `/dashboard/products/${productB}/photos`;
    const viaOwnProduct = await outcome(
      productPhotosAction({ request: request(otherPath, { cookie: otherCookie, form: { intent: "delete", imageId: String(photo.id) } }), params: { id: String(productB) }, context: {} }),
    );
    expect(viaOwnProduct.status).toBe(404);
    const nonsense = await outcome(productPhotosAction({ request: request(path_(), { cookie, form: { intent: "move", imageId: "x", direction: "sideways" } }), params: params(), context: {} }));
    expect(nonsense.status).toBe(400);
  });

  it("sets, shows and removes the shop's profile picture", async () => {
    const bytes = await sharp({ create: { width: 800, height: 800, channels: 3, background: "#8b4513" } }).webp().toBuffer();
    const result = await outcome(profilePhotoAction({ request: upload("/dashboard/profile/photo", [{ name: "profil.webp", bytes, type: "image/webp" }], { target: "profile" }), params: {}, context: {} }));
    expect(result.status).toBe(303);
    const page = payloadOf(await profilePhotoLoader({ request: request("/dashboard/profile/photo", { cookie }), params: {}, context: {} }));
    expect(page.profile?.status).toBe("processing");
    const removed = await outcome(
      profilePhotoAction({ request: request("/dashboard/profile/photo", { cookie, form: { intent: "delete", target: "profile", imageId: String(page.profile!.id) } }), params: {}, context: {} }),
    );
    expect(removed.status).toBe(303);
    expect((await getDb().selectFrom("artisans").select("profile_image_id").where("id", "=", shopA).executeTakeFirstOrThrow()).profile_image_id).toBeNull();
  });
});

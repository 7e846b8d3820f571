/**
 * Issue 5, "done when": killing the server while variants are being made and
 * starting it again finishes the job — no image stuck in "processing", every
 * variant there once, no half-written or stray files. Runs the real server
 * (scripts/server.ts with the Remix build) as tests/integration/jobs-crash.test.ts does.
 */
import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createArtisan } from "~/models/artisan.server";
import { createProduct } from "~/models/product.server";
import { acceptUpload } from "~/services/images.server";
import { getEnv } from "~/utils/env.server";
import { createTestDatabase, type TestDatabase } from "../setup/db";
import { ensureBuild, killServer, startServerProcess, until, type ServerProcess } from "../setup/server-process";

type Server = ServerProcess;
const servers: Server[] = [];
let database: TestDatabase;

const startServer = (env: Record<string, string>) => startServerProcess(env, servers);

const kill = killServer;

beforeAll(async () => {
  ensureBuild();
  database = await createTestDatabase();
}, 200_000);

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => kill(s)));
});

afterAll(async () => {
  await Promise.all(servers.splice(0).map((s) => kill(s)));
  await database?.cleanup();
});

describe("variants across a server crash", () => {
  it("kill -9 while the variants are being made, start again: the image ends ready with every variant once", async () => {
    const db = database.db;
    const shop = await createArtisan({ slug: "batik-crash", name: "Batik Crash", ownerName: "C", village: "Sawentar", district: "Kanigoro", regency: "kabupaten", techniques: ["tulis"] }, db);
    const product = await createProduct({ artisanId: shop.id, slug: "kain-crash", titleId: "Kain", technique: "tulis", fabric: "katun_primisima", dye: "natural", price: 100_000, stock: 1 }, db);
    // A busy 4000×3000 photo (a mosaic of 16 px tiles in pseudo-random colours): its eight variants take a few seconds on one core.
    const pixels = Buffer.alloc(4000 * 3000 * 3);
    for (let y = 0; y < 3000; y++) {
      for (let x = 0; x < 4000; x++) {
        const tile = Math.imul(((y >> 4) * 251 + (x >> 4)) | 0, 2654435761) >>> 0;
        const at = (y * 4000 + x) * 3;
        pixels[at] = tile & 0xff;
        pixels[at + 1] = (tile >>> 8) & 0xff;
        pixels[at + 2] = (tile >>> 16) & 0xff;
      }
    }
    const photo = await sharp(pixels, { raw: { width: 4000, height: 3000, channels: 3 } }).jpeg({ quality: 80 }).withMetadata({ orientation: 6 }).toBuffer();
    expect(photo.length).toBeLessThan(15 * 1024 * 1024);
    // The test process and the servers share the uploads directory and (through `db`) the database.
    const uploads = getEnv().UPLOADS_DIR;
    const { imageId } = await acceptUpload({ bytes: photo, filename: "miring.jpg", attachTo: { kind: "product", id: product.id } }, db);
    const variantsDir = path.join(uploads, "variants");
    const mine = () => (fs.existsSync(variantsDir) ? fs.readdirSync(variantsDir).filter((n) => n.includes(`-${imageId}.`)) : []);

    const env = { DATABASE_PATH: database.file, UPLOADS_DIR: uploads };
    const first = await startServer(env);
    // Wait until the job runs and has written at least one variant, then pull the plug.
    await until(() => mine().some((n) => !n.endsWith(".tmp")), 60_000, "the first variant file", 5);
    await kill(first);
    const job = await db.selectFrom("jobs").selectAll().where("dedupe_key", "=", `images.variants:${imageId}`).executeTakeFirstOrThrow();
    expect([job.status, job.attempts]).toEqual(["running", 1]);
    const cut = await db.selectFrom("images").select("status").where("id", "=", imageId).executeTakeFirstOrThrow();
    expect(cut.status).toBe("processing");
    expect(await db.selectFrom("image_variants").select("key").where("image_id", "=", imageId).execute()).toEqual([]);
    const partial = mine().filter((n) => !n.endsWith(".tmp")).length;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(8);

    await startServer(env);
    // The lease (2 s) runs out, the new server reclaims the job and finishes it.
    const ready = await until(
      async () => (await db.selectFrom("images").selectAll().where("id", "=", imageId).where("status", "=", "ready").executeTakeFirst()) ?? null,
      60_000,
      "the image to be ready",
      100,
    );
    expect([ready.width, ready.height]).toEqual([1600, 2133]);
    // The image turns ready inside the handler; the job is marked succeeded after the handler returns
    // (and has removed the interrupted run's stray files), so wait for that before counting files.
    const finished = await until(
      async () => (await db.selectFrom("jobs").selectAll().where("id", "=", job.id).where("status", "!=", "running").executeTakeFirst()) ?? null,
      60_000,
      "the job to finish",
      100,
    );
    expect([finished.status, finished.attempts]).toEqual(["succeeded", 2]);
    const variants = await db.selectFrom("image_variants").select(["format", "width", "key"]).where("image_id", "=", imageId).orderBy("format").orderBy("width").execute();
    expect(variants.map((v) => `${v.format}:${v.width}`)).toEqual(["avif:320", "avif:640", "avif:1024", "avif:1600", "webp:320", "webp:640", "webp:1024", "webp:1600"]);
    // Exactly the eight files of the rows: no duplicates, no half-written or stray files.
    expect(mine().sort()).toEqual(variants.map((v) => v.key).sort());
    for (const v of variants) expect((await sharp(path.join(variantsDir, v.key)).metadata()).width).toBe(v.width);
  }, 180_000);
});

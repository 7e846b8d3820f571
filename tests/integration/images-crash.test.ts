/**
 * Issue 5, "done when": killing the server while variants are being made and
 * starting it again finishes the job — no image stuck in "processing", every
 * variant there once, no half-written or stray files. Runs the real server
 * (scripts/server.ts with the Remix build) as tests/integration/jobs-crash.test.ts does.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createArtisan } from "~/models/artisan.server";
import { createProduct } from "~/models/product.server";
import { acceptUpload } from "~/services/images.server";
import { getEnv } from "~/utils/env.server";
import { createTestDatabase, type TestDatabase } from "../setup/db";
import { REPO_ROOT } from "../setup/paths";

const BUILD_FILE = path.join(REPO_ROOT, "build/index.js");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(check: () => Promise<T> | T, timeoutMs: number, what: string, everyMs = 25): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return /\.test\.tsx?$/.test(entry.name) ? [] : [full];
  });
}

/** Same rule as jobs-crash.test.ts: build when build/index.js is missing or older than the sources. */
function ensureBuild() {
  const built = fs.existsSync(BUILD_FILE) ? fs.statSync(BUILD_FILE).mtimeMs : 0;
  const files = [path.join(REPO_ROOT, "remix.config.js"), path.join(REPO_ROOT, "package.json"), ...sources(path.join(REPO_ROOT, "app"))];
  if (Math.max(...files.map((f) => fs.statSync(f).mtimeMs)) <= built) return;
  const result = spawnSync(path.join(REPO_ROOT, "node_modules/.bin/remix"), ["build"], {
    cwd: REPO_ROOT,
    encoding: "utf8",
    timeout: 180_000,
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (result.status !== 0) throw new Error(`remix build failed:\n${result.stdout}\n${result.stderr}`);
}

type Server = { child: ChildProcess; output: () => string; exited: Promise<number | null> };
const servers: Server[] = [];
let database: TestDatabase;

async function startServer(env: Record<string, string>): Promise<Server> {
  const child = spawn(path.join(REPO_ROOT, "node_modules/.bin/tsx"), ["scripts/server.ts"], {
    cwd: REPO_ROOT,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: "0",
      SEED_ON_START: "false",
      LOG_REQUESTS: "false",
      JOB_WORKER: "true",
      JOB_LEASE_SECONDS: "2",
      JOB_POLL_MS: "50",
      SESSION_SECRET: "crash-test-secret-0123456789abcdef0123456789",
      ...env,
    },
  });
  let output = "";
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const server = { child, output: () => output, exited };
  servers.push(server);
  await until(() => /listening on http/.test(output) && /\[jobs\] worker .* started/.test(output), 30_000, "the server to start").catch((error: Error) => {
    throw new Error(`${error.message}\n${output}`);
  });
  return server;
}

async function kill(server: Server, signal: NodeJS.Signals = "SIGKILL") {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  try {
    process.kill(-server.child.pid!, signal);
  } catch {
    // already gone
  }
  await Promise.race([server.exited, sleep(15_000)]);
}

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

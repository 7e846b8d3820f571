/**
 * Privacy scan of the public site as it is served: the FULL HTML of every
 * page the sitemap lists (both languages) and of the list pages with a few
 * searches and filters, rendered by Remix's request handler over the
 * production build (build/index.js, rebuilt first when app/ is newer). No
 * artisan's WhatsApp number (in any usual spelling) or owner's e-mail address
 * may appear, nor any @demo.test address.
 *
 * A canary shop with a distinctive number and e-mail is added and its pages
 * must be among those scanned, so a leak would be caught. Its product's title
 * tries to break out of the JSON-LD <script>: the data block must stay intact.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { seedIfEmpty } from "#db/seed/index";
import { createArtisan } from "~/models/artisan.server";
import { createProduct } from "~/models/product.server";
import { createUser } from "~/models/user.server";
import { getDb } from "~/utils/db.server";
import { REPO_ROOT } from "../setup/paths";
import { ORIGIN } from "../setup/routes";

const CANARY = {
  email: "kanari.bocor@example.org",
  whatsapp: "+6289977665544",
  slug: "batik-kanari-uji",
  name: "Batik Kanari Uji",
  productSlug: "kain-kanari-uji",
  productTitle: "Kain Kanari </script><script>alert(1)</script> <!-- x",
};

let handle: (request: Request) => Promise<Response>;
let numbers: string[];
let emails: string[];

/** The build the server would run; rebuilt when any app/ file is newer (as tests/integration/server.test.ts does). */
function ensureFreshBuild(): string {
  const buildFile = path.join(REPO_ROOT, "build/index.js");
  const walk = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
  const built = fs.existsSync(buildFile) ? fs.statSync(buildFile).mtimeMs : 0;
  const newest = Math.max(...[path.join(REPO_ROOT, "remix.config.js"), ...walk(path.join(REPO_ROOT, "app"))].map((f) => fs.statSync(f).mtimeMs));
  if (newest > built) {
    execFileSync(path.join(REPO_ROOT, "node_modules/.bin/remix"), ["build"], { cwd: REPO_ROOT, stdio: "pipe", env: { ...process.env, NODE_ENV: "production" } });
  }
  return buildFile;
}

/**
 * A phone number in any usual spelling: +62 / 62 / 0 / no prefix, with
 * spaces, dots, dashes or brackets between the digits.
 */
export function phonePattern(stored: string): RegExp {
  const national = stored.replace(/\D/g, "").replace(/^62/, "").replace(/^0/, "");
  const digits = national.split("").join("[\\s.\\-()]*");
  return new RegExp(`(?:\\+?\\s*62|\\b0)?[\\s.\\-()]*${digits}(?!\\d)`);
}

function leaks(html: string): string[] {
  const found: string[] = [];
  for (const n of numbers) if (phonePattern(n).test(html)) found.push(n);
  const lower = html.toLowerCase();
  for (const e of emails) if (lower.includes(e.toLowerCase())) found.push(e);
  if (/@demo\.test/i.test(html)) found.push("@demo.test");
  return found;
}

beforeAll(async () => {
  const buildFile = ensureFreshBuild();
  const db = getDb();
  await seedIfEmpty(db, () => {}, { imagesDir: path.join(inject("testRunDir"), "seed-images") });

  const owner = await createUser({ email: CANARY.email, name: "Pemilik Kanari" });
  const shop = await createArtisan({
    slug: CANARY.slug,
    ownerUserId: owner.id,
    name: CANARY.name,
    ownerName: "Pemilik Kanari",
    storyId: "Bengkel uji untuk pemindaian privasi.",
    storyEn: "A test workshop for the privacy scan.",
    village: "Tlogo",
    district: "Kanigoro",
    regency: "kabupaten",
    techniques: ["tulis"],
    whatsappNumber: CANARY.whatsapp,
  });
  await db.updateTable("artisans").set({ membership_status: "verified" }).where("id", "=", shop.id).execute();
  await createProduct({
    artisanId: shop.id,
    slug: CANARY.productSlug,
    titleId: CANARY.productTitle,
    titleEn: CANARY.productTitle,
    technique: "tulis",
    fabric: "katun_primisima",
    dye: "natural",
    price: 450_000,
    stock: 2,
    status: "published",
  });

  const contacts = await db
    .selectFrom("artisans as a")
    .leftJoin("users as u", "u.id", "a.owner_user_id")
    .select(["a.whatsapp_number", "u.email"])
    .execute();
  numbers = contacts.flatMap((c) => (c.whatsapp_number ? [c.whatsapp_number] : []));
  emails = contacts.flatMap((c) => (c.email ? [c.email] : []));

  const build = (await import(pathToFileURL(buildFile).href)) as ServerBuild;
  const handler = createRequestHandler(build, "production");
  handle = (request) => handler(request, {});
}, 300_000);

async function fetchPage(pathname: string): Promise<{ status: number; html: string; headers: Headers }> {
  const response = await handle(new Request(`${ORIGIN}${pathname}`, { headers: { Accept: "text/html", "User-Agent": "privacy-scan" } }));
  return { status: response.status, html: await response.text(), headers: response.headers };
}

/** Every page the sitemap lists, as paths. */
async function sitemapPaths(): Promise<string[]> {
  const index = await fetchPage("/sitemap.xml");
  expect(index.status).toBe(200);
  const children = [...index.html.matchAll(/<sitemap><loc>([^<]+)<\/loc>/g)].map(([, loc]) => new URL(loc).pathname);
  const paths: string[] = [];
  for (const child of children) {
    const xml = await fetchPage(child);
    expect(xml.status).toBe(200);
    paths.push(...[...xml.html.matchAll(/<url><loc>([^<]+)<\/loc>/g)].map(([, loc]) => new URL(loc.replace(/&amp;/g, "&")).pathname));
  }
  return paths;
}

describe("the scanner", () => {
  it("has numbers and e-mail addresses to look for, the canary's among them", () => {
    expect(numbers.length).toBeGreaterThan(10);
    expect(emails.length).toBeGreaterThan(10);
    expect(numbers).toContain(CANARY.whatsapp);
    expect(emails).toContain(CANARY.email);
  });

  it("recognises a number however it is written, and nothing else", () => {
    for (const spelling of ["+6289977665544", "6289977665544", "089977665544", "+62 899-7766-5544", "0899 7766 5544", "(0899) 7766.5544", "899-7766-5544"]) {
      expect(leaks(`<p>Hubungi ${spelling}</p>`), spelling).toEqual([CANARY.whatsapp]);
    }
    expect(leaks("<p>Rp 899.776.655.440</p>")).toEqual([]);
    expect(leaks("<p>Tulis ke KANARI.BOCOR@example.org</p>")).toEqual([CANARY.email]);
    expect(leaks("<p>seseorang@demo.test</p>")).toEqual(["@demo.test"]);
  });
});

describe("public pages", () => {
  it("never show an artisan's WhatsApp number or an owner's e-mail address", { timeout: 300_000 }, async () => {
    const paths = await sitemapPaths();
    for (const p of [`/artisans/${CANARY.slug}`, `/en/artisans/${CANARY.slug}`, `/products/${CANARY.productSlug}`, `/en/products/${CANARY.productSlug}`, "/", "/en"]) {
      expect(paths, p).toContain(p);
    }
    expect(paths.length).toBeGreaterThan(200);
    const extra = [
      "/products?q=kawung",
      "/products?q=Kanari",
      "/en/products?q=batik",
      "/products?technique=tulis&dye=natural",
      "/products?sort=price_asc",
      "/products?page=2",
      "/en/products?artisan=batik-kanari-uji",
      "/motifs?x=1",
      "/artisans?sort=name",
      "/en/events",
    ];
    const scanned: string[] = [];
    for (const p of [...paths, ...extra]) {
      const page = await fetchPage(p);
      expect(page.status, p).toBe(200);
      expect(page.headers.get("Content-Type"), p).toBe("text/html; charset=utf-8");
      expect(page.html, p).toContain("</html>");
      expect(leaks(page.html), p).toEqual([]);
      scanned.push(p);
    }
    expect(scanned.length).toBe(paths.length + extra.length);
  });

  it("keeps the JSON-LD data block intact when a product title contains </script> and <!--", async () => {
    for (const p of [`/products/${CANARY.productSlug}`, `/en/products/${CANARY.productSlug}`]) {
      const { html, headers } = await fetchPage(p);
      // The title never appears unescaped anywhere in the document.
      expect(html).not.toContain("<script>alert(1)</script>");
      expect(html).not.toContain("<!-- x");
      const blocks = [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map(([, body]) => body);
      expect(blocks.length).toBe(2); // Product and BreadcrumbList
      for (const body of blocks) {
        expect(body).not.toMatch(/<\/script|<!--/i);
      }
      const product = blocks.map((b) => JSON.parse(b) as Record<string, unknown>).find((j) => j["@type"] === "Product")!;
      expect(product.name).toBe(CANARY.productTitle);
      expect((product.offers as Record<string, unknown>).price).toBe(450_000);
      // A data block is not executed, but the page's CSP hashes every inline script it sends, this one included.
      expect(headers.get("Content-Security-Policy")).toMatch(/script-src 'self' 'sha256-/);
    }
  });
});

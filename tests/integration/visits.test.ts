/**
 * Visit capture on the seeded demo data: one row per page view of the four
 * public detail pages (product, motif, artisan, event) with the right kind
 * and ids; none for bots, HEAD, prefetches and a page reloading itself; the
 * first-party visitor cookie (set once, reused); DNT/GPC (no cookie, still
 * counted); the daily-salted IP hash (never the IP); batching (500 views in
 * 3 writes); the 1-second timer; failures that never break a page; the flush
 * on shutdown; and, through the real Remix build, the cookie reaching both a
 * document response and a client-side navigation's `.data` response.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import { afterEach, beforeAll, beforeEach, describe, expect, inject, it, vi } from "vitest";
import { seedIfEmpty } from "#db/seed/index";
import { wibDayOf } from "~/models/common.server";
import { recordVisits } from "~/models/visit.server";
import { loader as artisanLoader } from "~/routes/($lang).artisans.$slug";
import { loader as eventLoader } from "~/routes/($lang).events.$slug";
import { loader as motifLoader } from "~/routes/($lang).motifs.$slug";
import { loader as productLoader } from "~/routes/($lang).products.$slug";
import { stopBackground } from "~/services/background.server";
import {
  captureView,
  dailyVisitorHash,
  FLUSH_AT,
  flushVisits,
  ipHash,
  pendingVisits,
  setVisitWriterForTests,
  visitorHashOfId,
} from "~/services/visits.server";
import { getDb } from "~/utils/db.server";
import { ORIGIN } from "../setup/routes";
import { REPO_ROOT } from "../setup/paths";

const UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36";
const IP = "203.0.113.77";
const context = { clientIp: IP };
const COOKIE_RE = /^bb_vid=([0-9a-f]{32}); Max-Age=31536000; Path=\/; HttpOnly; SameSite=Lax$/;

type Fx = {
  product: { id: number; slug: string; artisan_id: number };
  motif: { id: number; slug: string; creator_artisan_id: number | null };
  artisan: { id: number; slug: string };
  event: { id: number; slug: string };
};
let fx: Fx;

type Loader = (args: { request: Request; params: Record<string, string>; context: unknown }) => Promise<unknown>;
type Page = { name: string; loader: Loader; path: () => string; slug: () => string; expected: () => Record<string, unknown> };

const PAGES: Page[] = [
  {
    name: "product",
    loader: productLoader as Loader,
    path: () => `/products/${fx.product.slug}`,
    slug: () => fx.product.slug,
    expected: () => ({ kind: "product_view", product_id: fx.product.id, artisan_id: fx.product.artisan_id, motif_id: null, event_id: null }),
  },
  {
    name: "motif",
    loader: motifLoader as Loader,
    path: () => `/motifs/${fx.motif.slug}`,
    slug: () => fx.motif.slug,
    // Counted for the shop that created the motif.
    expected: () => ({ kind: "motif_view", product_id: null, artisan_id: fx.motif.creator_artisan_id, motif_id: fx.motif.id, event_id: null }),
  },
  {
    name: "artisan",
    loader: artisanLoader as Loader,
    path: () => `/artisans/${fx.artisan.slug}`,
    slug: () => fx.artisan.slug,
    expected: () => ({ kind: "artisan_view", product_id: null, artisan_id: fx.artisan.id, motif_id: null, event_id: null }),
  },
  {
    name: "event",
    loader: eventLoader as Loader,
    path: () => `/events/${fx.event.slug}`,
    slug: () => fx.event.slug,
    expected: () => ({ kind: "event_view", product_id: null, artisan_id: null, motif_id: null, event_id: fx.event.id }),
  },
];
const productPage = PAGES[0];

function pageRequest(pagePath: string, headers: Record<string, string> = {}, method = "GET") {
  return new Request(`${ORIGIN}${pagePath}`, { method, headers: { "User-Agent": UA, ...headers } });
}

/** Calls a page's loader as Remix would and returns the headers it sends. */
async function view(page: Page, headers: Record<string, string> = {}, method = "GET"): Promise<Headers> {
  const result = (await page.loader({ request: pageRequest(page.path(), headers, method), params: { slug: page.slug() }, context })) as {
    init?: { headers?: Headers };
  };
  return new Headers(result.init?.headers);
}

async function visitRows() {
  await flushVisits();
  return getDb().selectFrom("visits").selectAll().orderBy("id").execute();
}

beforeAll(async () => {
  const db = getDb();
  await seedIfEmpty(db, () => {}, { imagesDir: path.join(inject("testRunDir"), "seed-images") });
  const product = await db
    .selectFrom("products as p")
    .innerJoin("artisans as a", "a.id", "p.artisan_id")
    .select(["p.id", "p.slug", "p.artisan_id"])
    .where("p.status", "=", "published")
    .where("a.membership_status", "=", "verified")
    .where("a.status", "=", "active")
    .orderBy("p.id")
    .executeTakeFirstOrThrow();
  const motif = await db
    .selectFrom("motifs as m")
    .innerJoin("artisans as a", "a.id", "m.creator_artisan_id")
    .select(["m.id", "m.slug", "m.creator_artisan_id"])
    .where("m.status", "=", "published")
    .where("a.status", "=", "active")
    .where("a.membership_status", "=", "verified")
    .orderBy("m.id")
    .executeTakeFirstOrThrow();
  expect(motif.creator_artisan_id).toEqual(expect.any(Number));
  const artisan = await db.selectFrom("artisans").select(["id", "slug"]).where("membership_status", "=", "verified").where("status", "=", "active").orderBy("id").executeTakeFirstOrThrow();
  const event = await db.selectFrom("events").select(["id", "slug"]).where("status", "=", "published").orderBy("id").executeTakeFirstOrThrow();
  fx = { product, motif, artisan, event };
}, 180_000);

beforeEach(async () => {
  await flushVisits();
  await getDb().deleteFrom("visits").execute();
});

afterEach(() => {
  setVisitWriterForTests();
  vi.useRealTimers();
});

describe("what counts as a view", () => {
  it("writes exactly one row per document GET of each page, with the right kind and ids", async () => {
    for (const page of PAGES) {
      await getDb().deleteFrom("visits").execute();
      await view(page);
      const rows = await visitRows();
      expect(rows, page.name).toHaveLength(1);
      expect(rows[0], page.name).toMatchObject({ ...page.expected(), link_id: null, country: null, referrer_host: null });
      expect(rows[0].day).toBe(wibDayOf(rows[0].occurred_at));
      expect(rows[0].visitor_hash).toMatch(/^[0-9a-f]{32}$/);
      expect(rows[0].ip_hash).toBe(ipHash(IP, new Date(rows[0].occurred_at)));
    }
  });

  it("writes nothing for bots, an empty user agent, HEAD, prefetches or the page reloading itself", async () => {
    const skipped: [string, Record<string, string>, string?][] = [
      ["Googlebot", { "User-Agent": "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)" }],
      ["curl", { "User-Agent": "curl/8.5.0" }],
      ["headless chrome", { "User-Agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/140.0.0.0 Safari/537.36" }],
      ["empty user agent", { "User-Agent": "" }],
      ["HEAD", {}, "HEAD"],
      ["Purpose: prefetch", { Purpose: "prefetch" }],
      ["Sec-Purpose: prefetch", { "Sec-Purpose": "prefetch;prerender" }],
      // The GET after the favourite form posted and came back (no JS), or the loader re-running after a fetcher (JS).
      ["self referral", { Referer: `${ORIGIN}${productPage.path()}` }],
      ["self referral (.data)", { Referer: `${ORIGIN}${productPage.path()}.data` }],
    ];
    for (const [name, headers, method] of skipped) {
      const sent = await view(productPage, headers, method);
      expect(sent.get("Set-Cookie"), name).toBeNull();
    }
    expect(await visitRows()).toEqual([]);
    // The control: the same request as a person's browser is counted.
    await view(productPage);
    expect(await visitRows()).toHaveLength(1);
  });

  it("keeps the host of an outside referrer only", async () => {
    await view(productPage, { Referer: "https://www.instagram.com/p/abc?igshid=1" });
    await view(productPage, { Referer: `${ORIGIN}/products` });
    await view(productPage, { Referer: "not a url" });
    expect((await visitRows()).map((r) => r.referrer_host)).toEqual(["www.instagram.com", null, null]);
  });
});

describe("the visitor", () => {
  it("gets a first-party cookie once, and the same visitor hash while it has it", async () => {
    const first = await view(productPage);
    const setCookie = first.get("Set-Cookie") ?? "";
    expect(setCookie).toMatch(COOKIE_RE);
    const id = COOKIE_RE.exec(setCookie)![1];

    const again = await view(PAGES[2], { Cookie: `__session=x; bb_vid=${id}` });
    expect(again.get("Set-Cookie")).toBeNull();
    const stranger = await view(productPage);
    expect(stranger.get("Set-Cookie")).toMatch(COOKIE_RE);
    // A forged or damaged id is replaced, not trusted.
    const forged = await view(productPage, { Cookie: "bb_vid=../../etc" });
    expect(forged.get("Set-Cookie")).toMatch(COOKIE_RE);

    const rows = await visitRows();
    expect(rows).toHaveLength(4);
    expect(rows[0].visitor_hash).toBe(visitorHashOfId(id));
    expect(rows[1].visitor_hash).toBe(rows[0].visitor_hash);
    expect(rows[2].visitor_hash).not.toBe(rows[0].visitor_hash);
    // The hash is keyed: it is not the id itself.
    expect(rows[0].visitor_hash).not.toBe(id);
  });

  it("with Do Not Track or Global Privacy Control: no cookie, still counted, recognised within the day only", async () => {
    for (const headers of [{ DNT: "1" }, { "Sec-GPC": "1" }] as Record<string, string>[]) {
      expect((await view(productPage, headers)).get("Set-Cookie")).toBeNull();
    }
    const rows = await visitRows();
    expect(rows).toHaveLength(2);
    const expected = dailyVisitorHash(IP, UA, new Date(rows[0].occurred_at));
    expect(rows.map((r) => r.visitor_hash)).toEqual([expected, expected]);
    const d1 = new Date("2026-11-10T05:00:00.000Z");
    const d2 = new Date("2026-11-11T05:00:00.000Z");
    expect(dailyVisitorHash(IP, UA, d1)).not.toBe(dailyVisitorHash(IP, UA, d2));
  });

  it("stores a salted IP hash that changes from one WIB day to the next, and never the IP", async () => {
    const headers = { "User-Agent": UA, Cookie: "bb_vid=0123456789abcdef0123456789abcdef" };
    const at = (iso: string) => new Date(iso);
    const request = () => new Request(`${ORIGIN}/products/${fx.product.slug}`, { headers });
    const view = { kind: "product_view" as const, productId: fx.product.id, artisanId: fx.product.artisan_id };
    // 23:30 and 00:30 WIB are different days (WIB = UTC+7).
    captureView({ request: request(), context, view, now: at("2026-11-10T16:30:00.000Z") });
    captureView({ request: request(), context, view, now: at("2026-11-10T17:30:00.000Z") });
    captureView({ request: request(), context, view, now: at("2026-11-10T18:30:00.000Z") });
    const rows = await visitRows();
    expect(rows.map((r) => r.day)).toEqual(["2026-11-10", "2026-11-11", "2026-11-11"]);
    expect(rows[0].ip_hash).not.toBe(rows[1].ip_hash);
    expect(rows[1].ip_hash).toBe(rows[2].ip_hash);
    expect(rows[0].visitor_hash).toBe(rows[1].visitor_hash);
    for (const row of rows) expect(row.ip_hash).toMatch(/^[0-9a-f]{32}$/);
    // No column of any row holds the address, nor its digits without dots.
    const dump = JSON.stringify(rows);
    expect(dump).not.toContain(IP);
    expect(dump).not.toContain("20301137");
  });
});

describe("writing", () => {
  it("batches: 500 views are written in 3 writes (at 200, at 400, and the rest on flush)", async () => {
    const writes: number[] = [];
    setVisitWriterForTests(async (visits) => {
      writes.push(visits.length);
      return recordVisits({ visits });
    });
    for (let i = 0; i < 500; i++) captureView({ request: pageRequest(productPage.path()), context, view: { kind: "motif_view", motifId: fx.motif.id } });
    expect(FLUSH_AT).toBe(200);
    // Two batches left the buffer as it filled (written in order, off the request path).
    expect(pendingVisits()).toBe(100);
    await flushVisits();
    expect(writes).toEqual([200, 200, 100]);
    expect(await visitRows()).toHaveLength(500);
  });

  it("writes what is buffered one second after the first view, without anyone flushing", async () => {
    vi.useFakeTimers();
    const writes: number[] = [];
    setVisitWriterForTests(async (visits) => {
      writes.push(visits.length);
      return recordVisits({ visits });
    });
    await view(productPage);
    await view(productPage);
    await vi.advanceTimersByTimeAsync(999);
    expect(writes).toEqual([]);
    expect(pendingVisits()).toBe(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(writes).toEqual([2]);
    expect(pendingVisits()).toBe(0);
    vi.useRealTimers();
    expect(await visitRows()).toHaveLength(2);
  });

  it("logs a failed write and never breaks the page", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    setVisitWriterForTests(async () => {
      throw new Error("database is locked");
    });
    const result = (await productLoader({ request: pageRequest(productPage.path()), params: { slug: fx.product.slug }, context })) as { data: { product: { id: number } } };
    expect(result.data.product.id).toBe(fx.product.id);
    await expect(flushVisits()).resolves.toBeUndefined();
    expect(errors).toHaveBeenCalledWith("[visits] 1 page view(s) could not be written:", "database is locked");
    // The log line never carries the address.
    expect(JSON.stringify(errors.mock.calls)).not.toContain(IP);
    setVisitWriterForTests();
    await view(productPage);
    expect(await visitRows()).toHaveLength(1);
  });

  it("is flushed by stopBackground (graceful shutdown)", async () => {
    await view(productPage);
    expect(pendingVisits()).toBe(1);
    await stopBackground();
    expect(pendingVisits()).toBe(0);
    expect(await getDb().selectFrom("visits").select("kind").execute()).toEqual([{ kind: "product_view" }]);
  });
});

describe("through the Remix build (single fetch)", () => {
  let build: ServerBuild;
  let handle: (request: Request) => Promise<Response>;

  beforeAll(async () => {
    ensureFreshBuild();
    build = (await import(`${pathToFileURL(path.join(REPO_ROOT, "build/index.js")).href}?t=${Date.now()}`)) as ServerBuild;
    const handler = createRequestHandler(build, "production");
    handle = (request) => handler(request, { clientIp: IP });
  }, 240_000);

  /** The build has its own module instances: its buffer is flushed by its own stopBackground. */
  async function buildRows() {
    await (build.entry.module as unknown as { stopBackground: () => Promise<void> }).stopBackground();
    return getDb().selectFrom("visits").selectAll().orderBy("id").execute();
  }

  it("sets the cookie on a document and on a client-side navigation's .data response, one row each", async () => {
    const document = await handle(pageRequest(productPage.path(), { Accept: "text/html" }));
    expect(document.status).toBe(200);
    expect(document.headers.get("Content-Type")).toMatch(/^text\/html/);
    expect(document.headers.getSetCookie().filter((c) => c.startsWith("bb_vid="))).toEqual([expect.stringMatching(COOKIE_RE)]);

    // A client-side navigation from the catalogue: Remix fetches /products/<slug>.data once.
    const navigation = await handle(pageRequest(`${productPage.path()}.data`, { Referer: `${ORIGIN}/products` }));
    expect(navigation.status).toBe(200);
    expect(navigation.headers.get("Content-Type")).toBe("text/x-script");
    const cookie = navigation.headers.getSetCookie().find((c) => c.startsWith("bb_vid=")) ?? "";
    expect(cookie).toMatch(COOKIE_RE);
    const id = COOKIE_RE.exec(cookie)![1];

    // Navigating on with the cookie: no new cookie, same visitor.
    const next = await handle(pageRequest(`/artisans/${fx.artisan.slug}.data`, { Referer: `${ORIGIN}${productPage.path()}`, Cookie: `bb_vid=${id}` }));
    expect(next.status).toBe(200);
    expect(next.headers.getSetCookie().filter((c) => c.startsWith("bb_vid="))).toEqual([]);

    // The revalidation after the favourite button's fetcher (Referer = the page itself) is not a view.
    const revalidation = await handle(pageRequest(`/artisans/${fx.artisan.slug}.data`, { Referer: `${ORIGIN}/artisans/${fx.artisan.slug}`, Cookie: `bb_vid=${id}` }));
    expect(revalidation.status).toBe(200);

    const rows = await buildRows();
    expect(rows.map((r) => [r.kind, r.product_id ?? r.artisan_id])).toEqual([
      ["product_view", fx.product.id],
      ["product_view", fx.product.id],
      ["artisan_view", fx.artisan.id],
    ]);
    expect(rows[2].visitor_hash).toBe(rows[1].visitor_hash);
    expect(rows[0].visitor_hash).not.toBe(rows[1].visitor_hash);
    expect(rows[1].referrer_host).toBeNull();
  });
});

/** The Remix build, rebuilt when app/ is newer (as tests/integration/server.test.ts does). */
function ensureFreshBuild() {
  const buildFile = path.join(REPO_ROOT, "build/index.js");
  const built = fs.existsSync(buildFile) ? fs.statSync(buildFile).mtimeMs : 0;
  const sources = [path.join(REPO_ROOT, "remix.config.js"), path.join(REPO_ROOT, "package.json"), ...walk(path.join(REPO_ROOT, "app"))];
  const newest = Math.max(...sources.map((f) => fs.statSync(f).mtimeMs));
  if (newest > built) {
    execFileSync(path.join(REPO_ROOT, "node_modules/.bin/remix"), ["build"], { cwd: REPO_ROOT, stdio: "pipe", env: { ...process.env, NODE_ENV: "production" } });
  }
}

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return walk(full);
    return /\.test\.tsx?$/.test(entry.name) ? [] : [full];
  });
}

/**
 * Role × route matrix. Reads Remix's route manifest (the same one the
 * compiler builds from app/routes), fails for any route missing from
 * ROUTE_MATRIX, then calls every loader and action as every kind of visitor
 * — anonymous, buyer, artisan, another artisan (on the first artisan's
 * resources), organizer, agency, association, admin — on the seeded demo
 * database and checks that each is let in or refused as the matrix says.
 */
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { readConfig } from "@remix-run/dev/dist/config.js";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { seedIfEmpty } from "#db/seed/index";
import { addLegalDocument, openFacilityNeed } from "~/models/artisan.server"; // feat-facts
import { storeDocumentFile } from "~/services/document-files.server"; // feat-facts
import { proposeMotif } from "~/models/motif.server"; // feat-mphotos
import { createInquiry } from "~/models/inquiry.server"; // feat-asking
import { getDb } from "~/utils/db.server";
import { startSession } from "~/utils/session.server";
import { ACTORS, ROUTE_MATRIX, type Actor, type Fixtures, type MatrixEntry, type Outcome } from "./route-matrix";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const ORIGIN = "http://localhost:3000";

type RouteModule = { loader?: (args: unknown) => Promise<unknown>; action?: (args: unknown) => Promise<unknown> };
type ManifestRoute = { id: string; file: string; path?: string };

let manifest: ManifestRoute[];
let fx: Fixtures;

/** Route ids in the manifest that the matrix does not list (exported for the self-test below). */
function unlistedRoutes(routes: { id: string }[], matrix: Record<string, unknown>): string[] {
  return routes.map((r) => r.id).filter((id) => !Object.hasOwn(matrix, id));
}

beforeAll(async () => {
  const config = await readConfig(ROOT);
  manifest = Object.values(config.routes).map((r) => ({ id: r.id, file: path.join(config.appDirectory, r.file), path: r.path }));

  const db = getDb();
  // Images are content-addressed: test files that seed share one directory, so only the first encodes them.
  await seedIfEmpty(db, () => {}, { imagesDir: path.join(inject("testRunDir"), "seed-images") });
  const userOf = async (email: string) => db.selectFrom("users").select(["id", "email"]).where("email", "=", email).executeTakeFirstOrThrow();
  const artisan = await userOf("artisan@demo.test");
  const shopA = await db.selectFrom("artisans").select(["id", "slug"]).where("owner_user_id", "=", artisan.id).executeTakeFirstOrThrow();
  // Shop B: another verified shop whose owner holds the artisan role.
  const shopB = await db
    .selectFrom("artisans as a")
    .innerJoin("user_roles as r", (j) => j.onRef("r.user_id", "=", "a.owner_user_id").on("r.role", "=", "artisan"))
    .innerJoin("users as u", "u.id", "a.owner_user_id")
    .select(["a.id", "a.slug", "u.id as owner_id", "u.email as owner_email"])
    .where("a.owner_user_id", "!=", artisan.id)
    .where("a.membership_status", "=", "verified")
    .orderBy("a.id")
    .executeTakeFirstOrThrow();
  const product = await db.selectFrom("products").select(["id", "slug"]).where("artisan_id", "=", shopA.id).where("status", "=", "published").executeTakeFirstOrThrow();
  const motif = await db.selectFrom("motifs").select("slug").where("status", "=", "published").orderBy("id").executeTakeFirstOrThrow();
  const event = await db.selectFrom("events").select("slug").where("status", "=", "published").orderBy("id").executeTakeFirstOrThrow();
  // feat-facts: a document of shop A with a stored scan (a tiny PDF) and an open need of shop A.
  const scan = await storeDocumentFile(Buffer.from("%PDF-1.4\n% route matrix\n%%EOF\n"), { ext: "pdf", contentType: "application/pdf" });
  const document = await addLegalDocument({ artisanId: shopA.id, kind: "other", number: "MATRIX-1", fileKey: scan.key }, db);
  const need = await openFacilityNeed({ artisanId: shopA.id, kind: "training", description: "Route matrix need", openedOn: "2026-11-01" }, db);
  const shopAInquiry = await db.selectFrom("inquiries").select("id").where("artisan_id", "=", shopA.id).orderBy("id").executeTakeFirstOrThrow(); // feat-inbox
  const shopAMotif = await proposeMotif({ artisanId: shopA.id, actorUserId: null, name: "Route matrix motif", region: "kabupaten" }, db); // feat-mphotos
  const guestInquiry = await createInquiry({ artisanId: shopA.id, buyerName: "Route Matrix", buyerEmail: "matrix@example.test", kind: "custom", message: "Route matrix question" }, db); // feat-asking
  fx = {
    users: {
      buyer: await userOf("buyer@demo.test"),
      artisan,
      otherArtisan: { id: shopB.owner_id, email: shopB.owner_email },
      organizer: await userOf("organizer@demo.test"),
      agency: await userOf("agency@demo.test"),
      association: await userOf("association@demo.test"),
      admin: await userOf("admin@demo.test"),
    },
    shopA,
    shopB: { id: shopB.id, slug: shopB.slug },
    productSlug: product.slug,
    productIdA: product.id, // artisan dashboard (feat-dashboard)
    motifSlug: motif.slug,
    eventSlug: event.slug,
    shopADocumentId: document.id, // feat-facts
    shopANeedId: need.id, // feat-facts
    shopAMotifId: shopAMotif.id, // feat-mphotos
    shopAInquiryId: shopAInquiry.id, // feat-inbox
    guestToken: guestInquiry.token, // feat-asking
  };
}, 180_000);

/** A fresh session per call: an action may end the session it came with (log-out). */
async function cookieFor(actor: Actor): Promise<string | null> {
  if (actor === "anonymous") return null;
  const setCookie = await startSession({ request: new Request(`${ORIGIN}/login`), userId: fx.users[actor].id });
  return setCookie.split(";")[0];
}

type Observed = { status: number; location: string | null };

/** What Remix would send for a loader/action result: a Response, data() with an init, or plain data (200). */
function observe(value: unknown): Observed {
  if (value instanceof Response) return { status: value.status, location: value.headers.get("Location") };
  if (value && typeof value === "object" && (value as { type?: unknown }).type === "DataWithResponseInit") {
    const init = (value as { init?: ResponseInit | null }).init;
    return { status: init?.status ?? 200, location: new Headers(init?.headers).get("Location") };
  }
  return { status: 200, location: null };
}

function classify({ status, location }: Observed): Outcome | `error ${number}` {
  if (status >= 500) return `error ${status}`;
  if (status >= 300 && status < 400 && location && /^(\/en)?\/login(\?|$)/.test(location)) return "login";
  if (status === 401 || status === 403) return "forbid";
  if (status === 404) return "notFound";
  return "allow";
}

async function call(entry: MatrixEntry, mod: RouteModule, kind: "loader" | "action", actor: Actor) {
  const url = typeof entry.url === "function" ? entry.url(fx) : entry.url;
  const params = typeof entry.params === "function" ? entry.params(fx) : (entry.params ?? {});
  const headers = new Headers({ "User-Agent": "route-matrix" });
  const cookie = await cookieFor(actor);
  if (cookie) headers.set("Cookie", cookie);
  let body: URLSearchParams | undefined;
  if (kind === "action") {
    headers.set("Content-Type", "application/x-www-form-urlencoded");
    headers.set("Origin", ORIGIN);
    body = new URLSearchParams(entry.form?.(fx, actor) ?? {});
  }
  const request = new Request(`${ORIGIN}${url}`, { method: kind === "action" ? "POST" : "GET", headers, body });
  const fn = mod[kind]!;
  let observed: Observed;
  try {
    observed = observe(await fn({ request, params, context: { clientIp: "127.0.0.1" } }));
  } catch (thrown) {
    if (thrown instanceof Response || (thrown && typeof thrown === "object" && (thrown as { type?: unknown }).type === "DataWithResponseInit")) {
      observed = observe(thrown);
    } else {
      throw thrown;
    }
  }
  return classify(observed);
}

describe("route manifest", () => {
  it("lists every route of the app in the matrix", () => {
    expect(manifest.length).toBeGreaterThan(10);
    expect(unlistedRoutes(manifest, ROUTE_MATRIX)).toEqual([]);
  });

  it("has no matrix entries for routes that no longer exist", () => {
    const ids = new Set(manifest.map((r) => r.id));
    expect(Object.keys(ROUTE_MATRIX).filter((id) => !ids.has(id))).toEqual([]);
  });

  it("would fail for a newly added route without an entry", () => {
    const withNewRoute = [...manifest, { id: "routes/($lang).dashboard.secret", file: "x.tsx" }];
    expect(unlistedRoutes(withNewRoute, ROUTE_MATRIX)).toEqual(["routes/($lang).dashboard.secret"]);
  });

  it("knows which routes have a loader and an action", async () => {
    const mismatches: string[] = [];
    for (const route of manifest) {
      const entry = ROUTE_MATRIX[route.id];
      if (!entry) continue;
      const mod = (await import(pathToFileURL(route.file).href)) as RouteModule;
      if (Boolean(mod.loader) !== (entry.loader !== null)) mismatches.push(`${route.id}: loader ${mod.loader ? "exported" : "missing"}`);
      if (Boolean(mod.action) !== (entry.action !== null)) mismatches.push(`${route.id}: action ${mod.action ? "exported" : "missing"}`);
    }
    expect(mismatches).toEqual([]);
  });
});

describe("who may use each route", () => {
  // One test per route; inside, every actor for loader and action, reported together.
  for (const [id, entry] of Object.entries(ROUTE_MATRIX)) {
    it(id, async () => {
      const route = manifest.find((r) => r.id === id);
      expect(route, `${id} is not in the manifest`).toBeDefined();
      const mod = (await import(pathToFileURL(route!.file).href)) as RouteModule;
      const expected: Record<string, string> = {};
      const actual: Record<string, string> = {};
      for (const kind of ["loader", "action"] as const) {
        const expectations = entry[kind];
        if (!expectations || !mod[kind]) continue;
        for (const actor of ACTORS) {
          expected[`${kind} as ${actor}`] = expectations[actor];
          actual[`${kind} as ${actor}`] = await call(entry, mod, kind, actor);
        }
      }
      expect(actual).toEqual(expected);
    });
  }
});

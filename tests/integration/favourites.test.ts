/**
 * Favourites on the seeded demo data: saving and forgetting (idempotent),
 * only public things can be saved, the action's answers (no-JS redirect with
 * a flash, fetcher data, login redirect back to the page, no open redirect,
 * 405 on GET, 400 on bad input), the list page, the state on product and
 * artisan pages, and the counts an artisan sees on /account.
 * (Export and deletion: tests/integration/privacy.test.ts.)
 */
import path from "node:path";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { seedIfEmpty } from "#db/seed/index";
import { ModelError } from "~/models/common.server";
import { addFavourite, favouriteCountsForArtisan, isFavourite, listFavourites, removeFavourite } from "~/models/favourite.server";
import { loader as accountLoader } from "~/routes/($lang).account._index";
import { loader as favouritesPageLoader } from "~/routes/($lang).account.favourites";
import { loader as artisanLoader } from "~/routes/($lang).artisans.$slug";
import { action, loader as favouritesLoader } from "~/routes/($lang).favourites";
import { loader as productLoader } from "~/routes/($lang).products.$slug";
import { getDb } from "~/utils/db.server";
import { createUserWithRoles, outcome, request, sessionCookie, thrownResponse, type DataResult } from "../setup/routes";

type Item = { id: number; slug: string };

let buyer: { id: number; cookie: string };
let other: { id: number; cookie: string };
let artisanUser: { id: number; cookie: string };
let shopA: Item; // artisan@demo.test's verified shop
let shopB: Item; // another verified shop
let pendingShop: Item; // not verified: not public
let productA1: Item;
let productA2: Item;
let productB: Item;
let draftProduct: Item;

const context = { clientIp: "127.0.0.1" };

function post(form: Record<string, string>, cookie: string | null, path = "/favourites") {
  return action({ request: request(path, { cookie, form }), params: path.startsWith("/en/") ? { lang: "en" } : {}, context });
}

async function rows(userId: number) {
  const db = getDb();
  const products = await db.selectFrom("favourite_products").select("product_id").where("user_id", "=", userId).orderBy("product_id").execute();
  const artisans = await db.selectFrom("favourite_artisans").select("artisan_id").where("user_id", "=", userId).orderBy("artisan_id").execute();
  return { products: products.map((r) => r.product_id), artisans: artisans.map((r) => r.artisan_id) };
}

beforeAll(async () => {
  const db = getDb();
  await seedIfEmpty(db, () => {}, { imagesDir: path.join(inject("testRunDir"), "seed-images") });
  const owner = await db.selectFrom("users").select("id").where("email", "=", "artisan@demo.test").executeTakeFirstOrThrow();
  shopA = await db.selectFrom("artisans").select(["id", "slug"]).where("owner_user_id", "=", owner.id).executeTakeFirstOrThrow();
  shopB = await db
    .selectFrom("artisans")
    .select(["id", "slug"])
    .where("id", "!=", shopA.id)
    .where("status", "=", "active")
    .where("membership_status", "=", "verified")
    .orderBy("id")
    .executeTakeFirstOrThrow();
  pendingShop = await db.selectFrom("artisans").select(["id", "slug"]).where("membership_status", "!=", "verified").orderBy("id").executeTakeFirstOrThrow();
  const published = (artisanId: number) =>
    db.selectFrom("products").select(["id", "slug"]).where("artisan_id", "=", artisanId).where("status", "=", "published").orderBy("id").execute();
  [productA1, productA2] = await published(shopA.id);
  [productB] = await published(shopB.id);
  draftProduct = await db.selectFrom("products").select(["id", "slug"]).where("status", "=", "draft").orderBy("id").executeTakeFirstOrThrow();

  const make = async (email: string, roles: ("buyer" | "organizer")[]) => {
    const user = await createUserWithRoles({ email, name: email.split("@")[0], password: "favourite-pass-2026", roles });
    return { id: user.id, cookie: await sessionCookie(user.id) };
  };
  buyer = await make("rani@example.test", ["buyer"]);
  other = await make("dimas@example.test", ["organizer"]);
  artisanUser = { id: owner.id, cookie: await sessionCookie(owner.id) };
}, 180_000);

describe("the model", () => {
  it("adds and removes idempotently", async () => {
    expect(await addFavourite({ userId: buyer.id, kind: "product", id: productA1.id })).toEqual({ added: true });
    expect(await addFavourite({ userId: buyer.id, kind: "product", id: productA1.id })).toEqual({ added: false });
    expect(await isFavourite({ userId: buyer.id, kind: "product", id: productA1.id })).toBe(true);
    expect(await isFavourite({ userId: other.id, kind: "product", id: productA1.id })).toBe(false);
    expect(await removeFavourite({ userId: buyer.id, kind: "product", id: productA1.id })).toEqual({ removed: true });
    expect(await removeFavourite({ userId: buyer.id, kind: "product", id: productA1.id })).toEqual({ removed: false });
    expect(await rows(buyer.id)).toEqual({ products: [], artisans: [] });
  });

  it("refuses drafts, unverified shops, their products and unknown ids with a 404 ModelError", async () => {
    const pendingProduct = await getDb().selectFrom("products").select("id").where("artisan_id", "=", pendingShop.id).executeTakeFirst();
    const attempts = [
      { kind: "product" as const, id: draftProduct.id },
      { kind: "artisan" as const, id: pendingShop.id },
      { kind: "product" as const, id: 987654 },
      { kind: "artisan" as const, id: -1 },
      ...(pendingProduct ? [{ kind: "product" as const, id: pendingProduct.id }] : []),
    ];
    for (const attempt of attempts) {
      const error = await addFavourite({ userId: buyer.id, ...attempt }).catch((e: unknown) => e);
      expect(error, JSON.stringify(attempt)).toBeInstanceOf(ModelError);
      expect((error as ModelError).status).toBe(404);
    }
    expect(await rows(buyer.id)).toEqual({ products: [], artisans: [] });
  });

  it("lists public favourites newest first and leaves out what is no longer public", async () => {
    const at = (minute: number) => new Date(`2026-11-01T10:${String(minute).padStart(2, "0")}:00.000Z`);
    await addFavourite({ userId: other.id, kind: "product", id: productA1.id, now: at(1) });
    await addFavourite({ userId: other.id, kind: "product", id: productB.id, now: at(3) });
    await addFavourite({ userId: other.id, kind: "product", id: productA2.id, now: at(2) });
    await addFavourite({ userId: other.id, kind: "artisan", id: shopA.id, now: at(1) });
    await addFavourite({ userId: other.id, kind: "artisan", id: shopB.id, now: at(4) });
    let list = await listFavourites({ userId: other.id });
    expect(list.products.map((p) => [p.slug, p.saved_at])).toEqual([
      [productB.slug, at(3).toISOString()],
      [productA2.slug, at(2).toISOString()],
      [productA1.slug, at(1).toISOString()],
    ]);
    expect(list.artisans.map((a) => a.slug)).toEqual([shopB.slug, shopA.slug]);

    // Back to draft: still saved, not listed; published again: listed again.
    const db = getDb();
    await db.updateTable("products").set({ status: "draft" }).where("id", "=", productA2.id).execute();
    list = await listFavourites({ userId: other.id });
    expect(list.products.map((p) => p.slug)).toEqual([productB.slug, productA1.slug]);
    expect(await isFavourite({ userId: other.id, kind: "product", id: productA2.id })).toBe(true);
    await db.updateTable("products").set({ status: "published" }).where("id", "=", productA2.id).execute();
    expect((await listFavourites({ userId: other.id })).products).toHaveLength(3);

    for (const id of [productA1.id, productA2.id, productB.id]) await removeFavourite({ userId: other.id, kind: "product", id });
    for (const id of [shopA.id, shopB.id]) await removeFavourite({ userId: other.id, kind: "artisan", id });
  });
});

describe("POST /favourites", () => {
  it("saves and forgets without JavaScript: 303 back to the page with a flash, twice is the same", async () => {
    const back = `/products/${productA1.slug}`;
    for (let i = 0; i < 2; i++) {
      const res = (await post({ intent: "add", kind: "product", id: String(productA1.id), redirectTo: back }, buyer.cookie)) as Response;
      expect(res.status).toBe(303);
      expect(res.headers.get("Location")).toBe(back);
      expect(res.headers.get("Set-Cookie")).toMatch(/^__flash=/);
    }
    expect(await rows(buyer.id)).toEqual({ products: [productA1.id], artisans: [] });
    for (let i = 0; i < 2; i++) {
      const res = (await post({ intent: "remove", kind: "product", id: String(productA1.id), redirectTo: back }, buyer.cookie)) as Response;
      expect(res.status).toBe(303);
      expect(res.headers.get("Location")).toBe(back);
    }
    expect(await rows(buyer.id)).toEqual({ products: [], artisans: [] });
  });

  it("answers the button's fetcher with data instead of a redirect", async () => {
    const add = await outcome(post({ intent: "add", kind: "artisan", id: String(shopB.id), redirectTo: `/artisans/${shopB.slug}`, fetcher: "1" }, buyer.cookie));
    expect(add).toEqual({ status: 200, body: { favourite: true }, headers: null });
    expect(await rows(buyer.id)).toEqual({ products: [], artisans: [shopB.id] });
    const remove = await outcome(post({ intent: "remove", kind: "artisan", id: String(shopB.id), fetcher: "1" }, buyer.cookie));
    expect(remove).toEqual({ status: 200, body: { favourite: false }, headers: null });
    expect(await rows(buyer.id)).toEqual({ products: [], artisans: [] });
  });

  it("refuses a draft product and an unverified shop with 404 (text without JS, data with it)", async () => {
    const draft = (await post({ intent: "add", kind: "product", id: String(draftProduct.id), redirectTo: "/" }, buyer.cookie)) as Response;
    expect(draft.status).toBe(404);
    expect(await draft.text()).toBe("Produk atau pengrajin ini sedang tidak tersedia.");
    const pending = await outcome(post({ intent: "add", kind: "artisan", id: String(pendingShop.id), fetcher: "1" }, buyer.cookie));
    expect(pending).toEqual({ status: 404, body: { favourite: false, error: "favourites.unavailable" }, headers: null });
    expect(await rows(buyer.id)).toEqual({ products: [], artisans: [] });
  });

  it("answers bad input with 400", async () => {
    const bad: Record<string, string>[] = [
      {},
      { intent: "add", kind: "product" },
      { intent: "add", kind: "product", id: "abc" },
      { intent: "add", kind: "product", id: "1e400" },
      { intent: "add", kind: "motif", id: String(productA1.id) },
      { intent: "toggle", kind: "product", id: String(productA1.id) },
      { intent: "add", kind: "product", id: "9".repeat(5000) },
    ];
    for (const form of bad) expect((await outcome(post(form, buyer.cookie))).status, JSON.stringify(form).slice(0, 80)).toBe(400);
    expect(await rows(buyer.id)).toEqual({ products: [], artisans: [] });
  });

  it("sends an anonymous visitor to log in and back to the page the button was on", async () => {
    const res = await thrownResponse(post({ intent: "add", kind: "product", id: String(productA1.id), redirectTo: `/products/${productA1.slug}` }, null));
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent(`/products/${productA1.slug}`)}`);
    const en = await thrownResponse(
      post({ intent: "add", kind: "artisan", id: String(shopA.id), redirectTo: `/en/artisans/${shopA.slug}` }, null, "/en/favourites"),
    );
    expect(en.headers.get("Location")).toBe(`/en/login?redirectTo=${encodeURIComponent(`/en/artisans/${shopA.slug}`)}`);
    // An outside redirectTo is not carried into the log-in link either.
    const evil = await thrownResponse(post({ intent: "add", kind: "product", id: String(productA1.id), redirectTo: "//evil.example/x" }, null));
    expect(evil.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent("/account/favourites")}`);
  });

  it("never redirects off the site: an outside redirectTo lands on /account/favourites", async () => {
    for (const target of ["//evil.example", "https://evil.example/x", "/\\evil.example", "javascript:alert(1)"]) {
      const res = (await post({ intent: "add", kind: "product", id: String(productA1.id), redirectTo: target }, buyer.cookie)) as Response;
      expect(res.status).toBe(303);
      expect(res.headers.get("Location"), target).toBe("/account/favourites");
    }
    const en = (await post({ intent: "remove", kind: "product", id: String(productA1.id), redirectTo: "//evil.example" }, buyer.cookie, "/en/favourites")) as Response;
    expect(en.headers.get("Location")).toBe("/en/account/favourites");
  });

  it("is POST only: a GET is 405 with Allow: POST", async () => {
    const res = await thrownResponse(favouritesLoader());
    expect(res.status).toBe(405);
    expect(res.headers.get("Allow")).toBe("POST");
  });
});

describe("pages", () => {
  it("tell the product and artisan pages whether the viewer saved them (null when anonymous)", async () => {
    const productPage = async (cookie: string | null) =>
      ((await productLoader({ request: request(`/products/${productB.slug}`, { cookie }), params: { slug: productB.slug }, context })) as DataResult<{ saved: boolean | null }>).data.saved;
    const artisanPage = async (cookie: string | null) =>
      ((await artisanLoader({ request: request(`/artisans/${shopB.slug}`, { cookie }), params: { slug: shopB.slug }, context })) as DataResult<{ saved: boolean | null }>).data.saved;
    expect(await productPage(null)).toBeNull();
    expect(await productPage(buyer.cookie)).toBe(false);
    expect(await artisanPage(buyer.cookie)).toBe(false);
    await addFavourite({ userId: buyer.id, kind: "product", id: productB.id });
    await addFavourite({ userId: buyer.id, kind: "artisan", id: shopB.id });
    expect(await productPage(buyer.cookie)).toBe(true);
    expect(await artisanPage(buyer.cookie)).toBe(true);
    expect(await artisanPage(null)).toBeNull();
    expect(await artisanPage(other.cookie)).toBe(false);
  });

  it("list them on /account/favourites for the signed-in person only", async () => {
    const page = (await favouritesPageLoader({ request: request("/account/favourites", { cookie: buyer.cookie }), params: {}, context })) as {
      products: { slug: string }[];
      artisans: { slug: string }[];
      meta: { noindex: boolean };
    };
    expect(page.products.map((p) => p.slug)).toEqual([productB.slug]);
    expect(page.artisans.map((a) => a.slug)).toEqual([shopB.slug]);
    expect(page.meta.noindex).toBe(true);
    const empty = (await favouritesPageLoader({ request: request("/account/favourites", { cookie: other.cookie }), params: {}, context })) as typeof page;
    expect([empty.products, empty.artisans]).toEqual([[], []]);
    const anonymous = await thrownResponse(favouritesPageLoader({ request: request("/en/account/favourites"), params: { lang: "en" }, context }));
    expect(anonymous.headers.get("Location")).toBe("/en/login?redirectTo=%2Fen%2Faccount%2Ffavourites");
  });

  it("show the artisan how many people saved the shop and how many saves its products have", async () => {
    const before = await favouriteCountsForArtisan({ artisanId: shopA.id });
    // Two people save shop A; three saves land on its products (one person saving two of them counts two).
    await addFavourite({ userId: buyer.id, kind: "artisan", id: shopA.id });
    await addFavourite({ userId: other.id, kind: "artisan", id: shopA.id });
    await addFavourite({ userId: buyer.id, kind: "product", id: productA1.id });
    await addFavourite({ userId: buyer.id, kind: "product", id: productA2.id });
    await addFavourite({ userId: other.id, kind: "product", id: productA1.id });
    // Saves of shop B's things do not count for shop A.
    await addFavourite({ userId: other.id, kind: "product", id: productB.id });
    expect(await favouriteCountsForArtisan({ artisanId: shopA.id })).toEqual({ shop: before.shop + 2, products: before.products + 3 });
    expect(before).toEqual({ shop: 0, products: 0 });

    const account = (await accountLoader({ request: request("/account", { cookie: artisanUser.cookie }), params: {}, context })) as {
      shops: { slug: string; saves: { shop: number; products: number } }[];
    };
    expect(account.shops.find((s) => s.slug === shopA.slug)?.saves).toEqual({ shop: 2, products: 3 });
  });
});

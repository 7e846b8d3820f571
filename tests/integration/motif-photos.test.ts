/**
 * Photos of motifs (issue 5: "photos … for the profile, motifs"): an artisan
 * manages the photos of their OWN proposal while it waits for the
 * association (read-only once decided; another shop's proposal and a curated
 * motif are 404), the association manages any motif's photos, and public
 * pages (motif page and card, product page and card, artisan page and its
 * gallery) only ever show ready images.
 */
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { createArtisan, decideArtisanMembership } from "~/models/artisan.server";
import { createMotif, decideMotifProposal, listMotifs, proposeMotif } from "~/models/motif.server";
import { ASSOCIATION_SCOPE, listPhotos } from "~/models/photo.server";
import { createProduct, listProductsByIds } from "~/models/product.server";
import { createUser } from "~/models/user.server";
import { acceptUpload, processImageVariants } from "~/services/images.server";
import { loader as artisanLoader } from "~/routes/($lang).artisans.$slug";
import { action as curationPhotosAction, loader as curationPhotosLoader } from "~/routes/($lang).association.motifs.$id_.photos";
import { action as motifPhotosAction, loader as motifPhotosLoader } from "~/routes/($lang).dashboard.motifs_.$id.photos";
import { loader as motifLoader } from "~/routes/($lang).motifs.$slug";
import { loader as productLoader } from "~/routes/($lang).products.$slug";
import { getDb } from "~/utils/db.server";
import { createUserWithSession, ORIGIN, outcome, payloadOf, request } from "../setup/routes";

const context = { clientIp: "127.0.0.1" };
const jpeg = (colour: string) => sharp({ create: { width: 400, height: 300, channels: 3, background: colour } }).jpeg().toBuffer();

let shopA: { id: number; slug: string };
let shopB: { id: number; slug: string };
let ownerCookie: string;
let otherCookie: string;
let associationCookie: string;
let proposalA: number;
let proposalB: number;
let curated: { id: number; slug: string };

beforeAll(async () => {
  const db = getDb();
  const admin = await createUser({ email: "admin-motif@example.test", name: "Admin" }, db);
  const owner = await createUserWithSession({ email: "pemilik-a@example.test", name: "Pemilik A", password: "pemilik-a-2026", roles: ["artisan"] });
  const other = await createUserWithSession({ email: "pemilik-b@example.test", name: "Pemilik B", password: "pemilik-b-2026", roles: ["artisan"] });
  const association = await createUserWithSession({ email: "asosiasi@example.test", name: "Asosiasi", password: "asosiasi-2026", roles: ["association"] });
  ownerCookie = owner.cookie;
  otherCookie = other.cookie;
  associationCookie = association.cookie;
  const shop = async (slug: string, ownerId: number) => {
    const created = await createArtisan({ slug, name: `Batik ${slug}`, ownerName: slug, village: "Sawentar", district: "Kanigoro", regency: "kabupaten", techniques: ["tulis"] }, db);
    await db.updateTable("artisans").set({ owner_user_id: ownerId }).where("id", "=", created.id).execute();
    await decideArtisanMembership({ artisanId: created.id, status: "verified", actorUserId: admin.id }, db);
    return created;
  };
  shopA = await shop("motif-a", owner.id);
  shopB = await shop("motif-b", other.id);
  proposalA = (await proposeMotif({ artisanId: shopA.id, actorUserId: owner.id, name: "Kembang Sawentar", region: "kabupaten" }, db)).id;
  proposalB = (await proposeMotif({ artisanId: shopB.id, actorUserId: other.id, name: "Godhong Kanigoro", region: "kabupaten" }, db)).id;
  curated = await createMotif({ name: "Kawung Blitar", region: "both", status: "published" }, db);
});

function upload(path: string, cookie: string, files: { name: string; bytes: Buffer }[]) {
  const form = new FormData();
  for (const f of files) form.append("photo", new File([new Uint8Array(f.bytes)], f.name, { type: "image/jpeg" }));
  return new Request(`${ORIGIN}${path}`, { method: "POST", body: form, headers: { Cookie: cookie.split(";")[0], Origin: ORIGIN } });
}

const ids = (photos: { id: number }[]) => photos.map((p) => p.id);

describe("an artisan's own motif proposal", () => {
  const path = () => `/dashboard/motifs/${proposalA}/photos`;
  const params = () => ({ id: String(proposalA) });

  it("takes uploads, reorders, keeps alt text and deletes while it is proposed", async () => {
    const uploaded = await outcome(
      motifPhotosAction({ request: upload(path(), ownerCookie, [{ name: "satu.jpg", bytes: await jpeg("#aa3311") }, { name: "dua.jpg", bytes: await jpeg("#1133aa") }]), params: params(), context }),
    );
    expect(uploaded.status).toBe(303);
    expect(uploaded.headers!.get("Location")).toBe(path());
    const page = payloadOf(await motifPhotosLoader({ request: request(path(), { cookie: ownerCookie }), params: params(), context }));
    expect(page.editable).toBe(true);
    expect(page.motif).toEqual({ id: proposalA, name: "Kembang Sawentar" });
    expect(page.photos.map((p) => p.status)).toEqual(["processing", "processing"]);
    const [first, second] = ids(page.photos);

    const moved = await outcome(motifPhotosAction({ request: request(path(), { cookie: ownerCookie, form: { intent: "move", imageId: String(second), direction: "up" } }), params: params(), context }));
    expect(moved.status).toBe(303);
    expect(ids(await listPhotos({ owner: { kind: "motif", id: proposalA }, shopId: shopA.id }))).toEqual([second, first]);

    const alt = await outcome(
      motifPhotosAction({ request: request(path(), { cookie: ownerCookie, form: { intent: "alt", imageId: String(first), altId: "Motif kembang", altEn: "Flower motif" } }), params: params(), context }),
    );
    expect(alt.status).toBe(303);

    const deleted = await outcome(motifPhotosAction({ request: request(path(), { cookie: ownerCookie, form: { intent: "delete", imageId: String(second) } }), params: params(), context }));
    expect(deleted.status).toBe(303);
    const left = await listPhotos({ owner: { kind: "motif", id: proposalA }, shopId: shopA.id });
    expect(left.map((p) => ({ id: p.id, position: p.position, alt_id: p.alt_id, alt_en: p.alt_en }))).toEqual([{ id: first, position: 0, alt_id: "Motif kembang", alt_en: "Flower motif" }]);
    expect(await getDb().selectFrom("images").select("id").where("id", "=", second).executeTakeFirst()).toBeUndefined();
  });

  it("is 404 for another shop, for a curated motif and for a bad id — loader and action", async () => {
    const other = (p: string, id: string, cookie: string) => motifPhotosLoader({ request: request(p, { cookie }), params: { id }, context });
    expect((await outcome(other(`/dashboard/motifs/${proposalA}/photos`, String(proposalA), otherCookie))).status).toBe(404);
    expect((await outcome(other(`/dashboard/motifs/${curated.id}/photos`, String(curated.id), ownerCookie))).status).toBe(404);
    expect((await outcome(other("/dashboard/motifs/abc/photos", "abc", ownerCookie))).status).toBe(404);

    const photo = (await listPhotos({ owner: { kind: "motif", id: proposalA }, shopId: shopA.id }))[0];
    const before = await listPhotos({ owner: { kind: "motif", id: proposalA }, shopId: shopA.id });
    // Shop B through shop A's motif id, and through its own proposal with shop A's photo id.
    const viaA = await outcome(
      motifPhotosAction({ request: request(`/dashboard/motifs/${proposalA}/photos`, { cookie: otherCookie, form: { intent: "delete", imageId: String(photo.id) } }), params: { id: String(proposalA) }, context }),
    );
    expect(viaA.status).toBe(404);
    const viaB = await outcome(
      motifPhotosAction({ request: request(`/dashboard/motifs/${proposalB}/photos`, { cookie: otherCookie, form: { intent: "delete", imageId: String(photo.id) } }), params: { id: String(proposalB) }, context }),
    );
    expect(viaB.status).toBe(404);
    const upToCurated = await outcome(
      motifPhotosAction({ request: upload(`/dashboard/motifs/${curated.id}/photos`, ownerCookie, [{ name: "x.jpg", bytes: await jpeg("#123456") }]), params: { id: String(curated.id) }, context }),
    );
    expect(upToCurated.status).toBe(404);
    expect(await listPhotos({ owner: { kind: "motif", id: proposalA }, shopId: shopA.id })).toEqual(before);
    expect(await listPhotos({ owner: { kind: "motif", id: curated.id }, shopId: ASSOCIATION_SCOPE })).toEqual([]);
  });

  it("is read-only for the artisan once the proposal is decided", async () => {
    const db = getDb();
    const decided = (await proposeMotif({ artisanId: shopA.id, actorUserId: null, name: "Sekar Jagad Blitar", region: "kota" }, db)).id;
    const p = `/dashboard/motifs/${decided}/photos`;
    const ok = await outcome(motifPhotosAction({ request: upload(p, ownerCookie, [{ name: "a.jpg", bytes: await jpeg("#445566") }]), params: { id: String(decided) }, context }));
    expect(ok.status).toBe(303);
    await decideMotifProposal({ id: decided, decision: "published", actorUserId: null }, db);
    const page = payloadOf(await motifPhotosLoader({ request: request(p, { cookie: ownerCookie }), params: { id: String(decided) }, context }));
    expect(page.editable).toBe(false);
    expect(page.photos).toHaveLength(1);
    const refused = await outcome(motifPhotosAction({ request: upload(p, ownerCookie, [{ name: "b.jpg", bytes: await jpeg("#665544") }]), params: { id: String(decided) }, context }));
    expect(refused.status).toBe(403);
    const del = await outcome(motifPhotosAction({ request: request(p, { cookie: ownerCookie, form: { intent: "delete", imageId: String(page.photos[0].id) } }), params: { id: String(decided) }, context }));
    expect(del.status).toBe(403);
    expect(ids(await listPhotos({ owner: { kind: "motif", id: decided }, shopId: shopA.id }))).toEqual(ids(page.photos));
  });
});

describe("the association's motif photos", () => {
  it("manages the photos of any motif: curated ones and any shop's proposal", async () => {
    for (const motifId of [curated.id, proposalB]) {
      const p = `/association/motifs/${motifId}/photos`;
      const params = { id: String(motifId) };
      const uploaded = await outcome(
        curationPhotosAction({ request: upload(p, associationCookie, [{ name: "m1.jpg", bytes: await jpeg("#335577") }, { name: "m2.jpg", bytes: await jpeg("#775533") }]), params, context }),
      );
      expect(uploaded.status).toBe(303);
      const page = payloadOf(await curationPhotosLoader({ request: request(p, { cookie: associationCookie }), params, context }));
      expect(page.motif.id).toBe(motifId);
      const [first, second] = ids(page.photos);
      expect(page.photos).toHaveLength(2);
      expect((await outcome(curationPhotosAction({ request: request(p, { cookie: associationCookie, form: { intent: "move", imageId: String(first), direction: "down" } }), params, context }))).status).toBe(303);
      expect((await outcome(curationPhotosAction({ request: request(p, { cookie: associationCookie, form: { intent: "alt", imageId: String(second), altId: "Kawung", altEn: "Kawung" } }), params, context }))).status).toBe(303);
      expect((await outcome(curationPhotosAction({ request: request(p, { cookie: associationCookie, form: { intent: "delete", imageId: String(first) } }), params, context }))).status).toBe(303);
      const left = await listPhotos({ owner: { kind: "motif", id: motifId }, shopId: ASSOCIATION_SCOPE });
      expect(left.map((l) => [l.id, l.position, l.alt_en])).toEqual([[second, 0, "Kawung"]]);
    }
  });

  it("is 404 for an unknown motif or a photo of another motif, 403 for an artisan", async () => {
    const unknown = await outcome(curationPhotosLoader({ request: request("/association/motifs/999999/photos", { cookie: associationCookie }), params: { id: "999999" }, context }));
    expect(unknown.status).toBe(404);
    const ofB = (await listPhotos({ owner: { kind: "motif", id: proposalB }, shopId: ASSOCIATION_SCOPE }))[0];
    const wrong = await outcome(
      curationPhotosAction({ request: request(`/association/motifs/${curated.id}/photos`, { cookie: associationCookie, form: { intent: "delete", imageId: String(ofB.id) } }), params: { id: String(curated.id) }, context }),
    );
    expect(wrong.status).toBe(404);
    const artisan = await outcome(curationPhotosLoader({ request: request(`/association/motifs/${curated.id}/photos`, { cookie: ownerCookie }), params: { id: String(curated.id) }, context }));
    expect(artisan.status).toBe(403);
  });

  it("cannot reach products or shops through the association scope", async () => {
    await expect(listPhotos({ owner: { kind: "shop", id: shopA.id }, shopId: ASSOCIATION_SCOPE })).rejects.toMatchObject({ status: 404 });
  });
});

describe("public pages show only ready images", () => {
  it("motif page and card, product page and card, artisan page and gallery skip processing and failed images", async () => {
    const db = getDb();
    const motif = await createMotif({ name: "Parang Penataran", region: "kabupaten", status: "published" }, db);
    const product = await createProduct({ artisanId: shopA.id, slug: "kain-penataran", titleId: "Kain Penataran", technique: "tulis", fabric: "katun_primisima", dye: "natural", price: 350_000, stock: 1, status: "published" }, db);
    // For each owner: [failed, processing, ready] in that order.
    const three = async (attachTo: { kind: "motif" | "product" | "shop"; id: number }, seed: number) => {
      const made = [];
      for (let i = 0; i < 3; i++) made.push((await acceptUpload({ bytes: await jpeg(`#${(seed * 16 + i).toString(16).padStart(2, "0")}4080`), attachTo })).imageId);
      await db.updateTable("images").set({ status: "failed" }).where("id", "=", made[0]).execute();
      await processImageVariants({ imageId: made[2] });
      return made;
    };
    const [, , motifReady] = await three({ kind: "motif", id: motif.id }, 1);
    const [, , productReady] = await three({ kind: "product", id: product.id }, 2);
    const [galleryFailed, , galleryReady] = await three({ kind: "shop", id: shopA.id }, 3);
    // A failed image still has variant rows from an earlier run: it must stay hidden all the same.
    await db.insertInto("image_variants").values({ image_id: galleryFailed, format: "webp", width: 320, height: 240, key: "stale.webp", bytes: 10 }).execute();

    const motifPage = payloadOf(await motifLoader({ request: request(`/motifs/${motif.slug}`), params: { slug: motif.slug }, context }));
    expect(motifPage.motif.images.map((i) => i.id)).toEqual([motifReady]);
    expect(motifPage.motif.image?.id).toBe(motifReady);
    expect((await listMotifs()).find((m) => m.id === motif.id)?.image?.id).toBe(motifReady);

    const productPage = payloadOf(await productLoader({ request: request(`/products/${product.slug}`), params: { slug: product.slug }, context }));
    expect(productPage.product.images.map((i) => i.id)).toEqual([productReady]);
    expect((await listProductsByIds({ ids: [product.id] }))[0].image?.id).toBe(productReady);

    const artisanPage = payloadOf(await artisanLoader({ request: request(`/artisans/${shopA.slug}`), params: { slug: shopA.slug }, context }));
    expect(artisanPage.artisan.gallery.map((i) => i.id)).toEqual([galleryReady]);
    expect(artisanPage.artisan.products.find((p) => p.id === product.id)?.image?.id).toBe(productReady);
    expect(JSON.stringify(artisanPage)).not.toContain("stale.webp");
  });
});

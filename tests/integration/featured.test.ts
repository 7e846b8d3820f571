/**
 * Featured picks: the association features and unfeatures public motifs,
 * products and artisans from /association/featured; the home page shows
 * them first; every change is audited; nobody else may toggle.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createArtisan, decideArtisanMembership } from "~/models/artisan.server";
import { listAuditEntries } from "~/models/audit.server";
import { createMotif } from "~/models/motif.server";
import { createProduct } from "~/models/product.server";
import { loader as homeLoader } from "~/routes/($lang)._index";
import { action, loader } from "~/routes/($lang).association.featured";
import { getDb } from "~/utils/db.server";
import { createUserWithRoles, createUserWithSession, outcome, request } from "../setup/routes";

let officer: { id: number; cookie: string };
let shops: { id: number; name: string }[] = [];
const products: { id: number; slug: string }[] = [];
const motifs: { id: number; slug: string }[] = [];
let draftId: number;
let pendingShopId: number;

type Home = { motifs: { id: number }[]; products: { id: number }[]; artisans: { id: number }[] };

async function home(): Promise<Home> {
  return (await outcome(homeLoader({ request: request("/"), params: {}, context: {} }))).body as Home;
}

async function toggle(form: Record<string, string>, cookie = officer.cookie) {
  return outcome(action({ request: request("/association/featured", { cookie, form }), params: {}, context: {} }));
}

async function shop(n: number, verified: boolean) {
  const owner = await createUserWithRoles({ email: `owner${n}@toko.test`, name: `Pemilik ${n}`, password: "owner-pass-2026", roles: ["artisan"] });
  const { id } = await createArtisan({
    slug: `toko-${n}`,
    ownerUserId: owner.id,
    name: `Toko Batik ${n}`,
    ownerName: `Pemilik ${n}`,
    village: "Tlogo",
    district: "Kanigoro",
    regency: "kabupaten",
    techniques: ["tulis"],
  });
  if (verified) await decideArtisanMembership({ artisanId: id, status: "verified", actorUserId: officer.id });
  return { id, name: `Toko Batik ${n}` };
}

beforeAll(async () => {
  officer = await createUserWithSession({ email: "kurator@apbb.test", name: "Sri Kurator", password: "officer-pass-2026", roles: ["association"] });
  shops = [await shop(1, true), await shop(2, true), await shop(3, true)];
  pendingShopId = (await shop(4, false)).id;
  for (let i = 1; i <= 3; i++) {
    motifs.push(await createMotif({ slug: `motif-${i}`, name: `Motif ${i}`, region: "kota", now: new Date(`2026-0${i}-01T00:00:00Z`) }));
  }
  // Product 1 is the oldest: unfeatured it comes last on the home page (newest first).
  for (let i = 1; i <= 3; i++) {
    products.push(
      await createProduct({
        artisanId: shops[i - 1].id,
        slug: `kain-${i}`,
        titleId: `Kain Batik ${i}`,
        titleEn: `Batik cloth ${i}`,
        technique: "tulis",
        fabric: "katun_prima",
        dye: "natural",
        price: 100000 * i,
        stock: 1,
        status: "published",
        now: new Date(`2026-0${i}-01T00:00:00Z`),
      }),
    );
  }
  draftId = (await createProduct({ artisanId: shops[0].id, slug: "kain-draf", titleId: "Kain Draf", technique: "cap", fabric: "rayon", dye: "synthetic", price: 50000, stock: 1 })).id;
});

describe("featuring", () => {
  it("features a product: the home page shows it first; unfeaturing puts it back; each change audited", async () => {
    expect((await home()).products.map((p) => p.id)).toEqual([products[2].id, products[1].id, products[0].id]);

    const answer = await toggle({ intent: "feature", kind: "product", id: String(products[0].id) });
    expect(answer.status).toBe(303);
    expect(answer.headers?.get("Location")).toBe("/association/featured#featured-products");
    expect((await home()).products.map((p) => p.id)).toEqual([products[0].id, products[2].id, products[1].id]);
    const page = (await outcome(loader({ request: request("/association/featured", { cookie: officer.cookie }), params: {}, context: {} }))).body as {
      products: { id: number; featured: boolean }[];
    };
    expect(page.products[0]).toMatchObject({ id: products[0].id, featured: true });

    const [entry] = await listAuditEntries({ subjectType: "product", subjectId: products[0].id });
    expect(entry).toMatchObject({ action: "product.feature", actor_user_id: officer.id });
    expect(JSON.parse(entry.details)).toEqual({ before: { featured: false }, after: { featured: true } });

    // Toggling to the state it has already changes nothing and writes no entry.
    expect((await toggle({ intent: "feature", kind: "product", id: String(products[0].id) })).status).toBe(303);
    expect(await listAuditEntries({ subjectType: "product", subjectId: products[0].id })).toHaveLength(1);

    const off = await toggle({ intent: "unfeature", kind: "product", id: String(products[0].id), q: "kain" });
    expect(off.headers?.get("Location")).toBe("/association/featured?q=kain#featured-products");
    expect((await home()).products.map((p) => p.id)).toEqual([products[2].id, products[1].id, products[0].id]);
    const entries = await listAuditEntries({ subjectType: "product", subjectId: products[0].id });
    expect(entries.map((e) => e.action)).toEqual(["product.unfeature", "product.feature"]);
  });

  it("features a motif first on the home page", async () => {
    const before = (await home()).motifs.map((m) => m.id);
    expect(before[0]).not.toBe(motifs[2].id);
    expect((await toggle({ intent: "feature", kind: "motif", id: String(motifs[2].id) })).status).toBe(303);
    expect((await home()).motifs[0].id).toBe(motifs[2].id);
    const [entry] = await listAuditEntries({ subjectType: "motif", subjectId: motifs[2].id });
    expect(entry.action).toBe("motif.feature");
    await toggle({ intent: "unfeature", kind: "motif", id: String(motifs[2].id) });
    expect((await listAuditEntries({ subjectType: "motif", subjectId: motifs[2].id }))[0].action).toBe("motif.unfeature");
  });

  it("shows the artisans' row on the home page only while someone is featured, featured first", async () => {
    expect((await home()).artisans).toEqual([]);
    expect((await toggle({ intent: "feature", kind: "artisan", id: String(shops[2].id) })).status).toBe(303);
    const row = (await home()).artisans.map((a) => a.id);
    expect(row[0]).toBe(shops[2].id);
    expect([...row].sort()).toEqual(shops.map((s) => s.id).sort());
    const [entry] = await listAuditEntries({ subjectType: "artisan", subjectId: shops[2].id });
    expect(entry.action).toBe("artisan.feature");
    await toggle({ intent: "unfeature", kind: "artisan", id: String(shops[2].id) });
    expect((await home()).artisans).toEqual([]);
  });

  it("refuses items that are not public (404) and garbled requests (400)", async () => {
    for (const [kind, id] of [
      ["product", draftId],
      ["product", 999999],
      ["artisan", pendingShopId],
      ["motif", 999999],
    ] as const) {
      const answer = await toggle({ intent: "feature", kind, id: String(id) });
      expect(answer.status, `${kind} ${id}`).toBe(404);
    }
    expect((await getDb().selectFrom("products").select("featured").where("id", "=", draftId).executeTakeFirstOrThrow()).featured).toBe(0);
    for (const form of [{ intent: "feature", kind: "event", id: "1" }, { intent: "pin", kind: "product", id: "1" }, { intent: "feature", kind: "product", id: "abc" }, {}]) {
      expect((await toggle(form as Record<string, string>)).status, JSON.stringify(form)).toBe(400);
    }
  });

  it("searches products and shows at most 50", async () => {
    const page = async (q: string) =>
      ((await outcome(loader({ request: request(`/association/featured?q=${encodeURIComponent(q)}`, { cookie: officer.cookie }), params: {}, context: {} }))).body as {
        q: string;
        products: { id: number }[];
      });
    const found = await page("Kain Batik 2");
    expect(found.q).toBe("Kain Batik 2");
    expect(found.products.map((p) => p.id)).toEqual([products[1].id]);
    expect((await page("Toko Batik 3")).products.map((p) => p.id)).toEqual([products[2].id]);
    for (let i = 4; i <= 55; i++) {
      await createProduct({ artisanId: shops[0].id, slug: `kain-banyak-${i}`, titleId: `Kain Banyak ${i}`, technique: "cap", fabric: "rayon", dye: "synthetic", price: 1000, stock: 1, status: "published" });
    }
    expect((await page("")).products).toHaveLength(50);
  });
});

describe("who may feature", () => {
  it("answers 403 to everyone but the association, on the loader and the action", async () => {
    for (const role of ["buyer", "artisan", "organizer", "agency", "admin"] as const) {
      const { cookie } = await createUserWithSession({ email: `${role}@example.test`, name: role, password: "some-pass-2026", roles: [role] });
      const load = await outcome(loader({ request: request("/association/featured", { cookie }), params: {}, context: {} }));
      const post = await toggle({ intent: "feature", kind: "product", id: String(products[1].id) }, cookie);
      expect([load.status, post.status], role).toEqual([403, 403]);
    }
    expect((await getDb().selectFrom("products").select("featured").where("id", "=", products[1].id).executeTakeFirstOrThrow()).featured).toBe(0);
  });
});

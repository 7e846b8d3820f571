/**
 * GET /artisans/:slug/whatsapp: the logged redirect behind the WhatsApp
 * buttons. Checks the wa.me Location (normalised number, message with the
 * product and the reference code), the referral and visit rows, the
 * 30-minute reuse, bots, unknown shops and products, and that the number
 * never reaches the product or artisan page's loader data.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createArtisan, decideArtisanMembership } from "~/models/artisan.server";
import { createProduct } from "~/models/product.server";
import { createUser } from "~/models/user.server";
import { ipHash, VISITOR_COOKIE, visitorHashOfId } from "~/services/visits.server";
import {
  createWhatsappReferral,
  generateReferenceCode,
  recordWhatsappClick,
  REFERENCE_ALPHABET,
} from "~/models/whatsapp-referral.server";
import { loader as artisanPage } from "~/routes/($lang).artisans.$slug";
import { loader } from "~/routes/($lang).artisans.$slug.whatsapp";
import { loader as productPage } from "~/routes/($lang).products.$slug";
import { getDb } from "~/utils/db.server";
import { outcome, payloadOf, request } from "../setup/routes";

const CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
const GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";
const CODE = /^BB-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{6}$/;

let adminId: number;
let shopId: number;
let productId: number;
let otherProductSlug: string;

async function shop(slug: string, name: string, whatsappNumber: string | null, verified = true) {
  const { id } = await createArtisan(
    { slug, name, ownerName: "Owner", village: "Tlogo", district: "Kanigoro", regency: "kabupaten", techniques: ["tulis"], whatsappNumber },
    getDb(),
  );
  if (verified) await decideArtisanMembership({ artisanId: id, status: "verified", actorUserId: adminId }, getDb());
  return id;
}

/** The first-party visitor id (the bb_vid cookie) of "this" visitor; null sends no cookie. */
const VISITOR = "0123456789abcdef0123456789abcdef";

async function click(path: string, init: { ua?: string; ip?: string; visitor?: string | null } = {}) {
  const url = new URL(path, "http://localhost:3000");
  const [, lang, slug] = /^(?:\/(en))?\/artisans\/([^/]+)\/whatsapp$/.exec(url.pathname) ?? [];
  return outcome(
    loader({
      request: request(`${url.pathname}${url.search}`, {
        headers: { "User-Agent": init.ua ?? CHROME },
        cookie: init.visitor === null ? null : `${VISITOR_COOKIE}=${init.visitor ?? VISITOR}`,
      }),
      params: lang ? { lang, slug } : { slug },
      context: { clientIp: init.ip ?? "203.0.113.5" },
    }),
  );
}

const referrals = () => getDb().selectFrom("whatsapp_referrals").selectAll().orderBy("id").execute();
const clicks = () => getDb().selectFrom("visits").selectAll().where("kind", "=", "whatsapp_click").orderBy("id").execute();
const clear = async () => {
  await getDb().deleteFrom("whatsapp_referrals").execute();
  await getDb().deleteFrom("visits").execute();
};

/** The wa.me target of a redirect: the digits and the decoded message. */
function waMe(headers: Headers | null) {
  const location = new URL(headers!.get("Location")!);
  expect(location.origin).toBe("https://wa.me");
  return { digits: location.pathname.slice(1), text: location.searchParams.get("text")! };
}

beforeAll(async () => {
  adminId = (await createUser({ email: "admin@test.local", name: "Admin" }, getDb())).id;
  shopId = await shop("batik-sekar", "Batik Sekar", "0812-3456-7890");
  await shop("batik-sunyi", "Batik Sunyi", null);
  await shop("batik-menunggu", "Batik Menunggu", "081200000777", false);
  const other = await shop("batik-lain", "Batik Lain", "081299990000");
  const base = { technique: "tulis", fabric: "katun_primisima", dye: "natural", price: 500_000, stock: 2 } as const;
  productId = (
    await createProduct({ ...base, artisanId: shopId, slug: "kain-sekar-jagad", titleId: "Kain Sekar Jagad", titleEn: "Sekar Jagad cloth", status: "published" }, getDb())
  ).id;
  await createProduct({ ...base, artisanId: shopId, slug: "kain-draf", titleId: "Kain Draf", status: "draft" }, getDb());
  otherProductSlug = (await createProduct({ ...base, artisanId: other, slug: "kain-lain", titleId: "Kain Lain", status: "published" }, getDb())).slug;
});

describe("the redirect", () => {
  it("logs the click and redirects to wa.me with the normalised number and a message naming the product and the code", async () => {
    await clear();
    const result = await click("/artisans/batik-sekar/whatsapp?product=kain-sekar-jagad");
    expect(result.status).toBe(302);
    expect(result.headers!.get("Cache-Control")).toBe("no-store");
    expect(result.headers!.get("X-Robots-Tag")).toBe("noindex");
    const { digits, text } = waMe(result.headers);
    expect(digits).toBe("6281234567890");
    const [row] = await referrals();
    expect(row.code).toMatch(CODE);
    expect(text).toBe(`Halo Batik Sekar, saya tertarik dengan Kain Sekar Jagad (http://localhost:3000/products/kain-sekar-jagad). Kode referensi: ${row.code}`);
    // Encoded, not raw: spaces and parentheses never break the URL.
    expect(result.headers!.get("Location")).toContain("Halo%20Batik%20Sekar%2C%20saya");

    // The same visitor identity as page views: the hashed bb_vid cookie, and the day's salted IP hash (never the IP).
    const visitorHash = visitorHashOfId(VISITOR);
    expect(await referrals()).toEqual([expect.objectContaining({ artisan_id: shopId, product_id: productId, visitor_hash: visitorHash, inquiry_id: null })]);
    expect(await clicks()).toEqual([
      expect.objectContaining({ kind: "whatsapp_click", artisan_id: shopId, product_id: productId, visitor_hash: visitorHash, ip_hash: ipHash("203.0.113.5") }),
    ]);
    expect(result.headers!.get("Set-Cookie")).toBeNull();
  });

  it("gives a first-time visitor the visitor cookie with the redirect", async () => {
    await clear();
    const result = await click("/artisans/batik-sekar/whatsapp", { visitor: null });
    expect(result.status).toBe(302);
    const id = /^bb_vid=([0-9a-f]{32});/.exec(result.headers!.get("Set-Cookie") ?? "")?.[1];
    expect(id).toBeDefined();
    expect((await clicks())[0].visitor_hash).toBe(visitorHashOfId(id!));
  });

  it("reuses the code for the same visitor's repeat click and logs no second click", async () => {
    await clear();
    const first = waMe((await click("/artisans/batik-sekar/whatsapp?product=kain-sekar-jagad")).headers);
    const again = waMe((await click("/artisans/batik-sekar/whatsapp")).headers);
    const code = (await referrals())[0].code;
    expect(first.text).toContain(code);
    expect(again.text).toContain(code);
    expect(await referrals()).toHaveLength(1);
    expect(await clicks()).toHaveLength(1);
    // Another visitor (another browser) gets a code of their own.
    const other = waMe((await click("/artisans/batik-sekar/whatsapp", { visitor: "fedcba9876543210fedcba9876543210" })).headers);
    const rows = await referrals();
    expect(rows).toHaveLength(2);
    expect(rows[1].code).not.toBe(code);
    expect(other.text).toContain(rows[1].code);
    expect(await clicks()).toHaveLength(2);
  });

  it("writes the message in English under /en, and names the shop without a product", async () => {
    await clear();
    const en = waMe((await click("/en/artisans/batik-sekar/whatsapp?product=kain-sekar-jagad")).headers);
    const code = (await referrals())[0].code;
    expect(en.text).toBe(`Hello Batik Sekar, I am interested in Sekar Jagad cloth (http://localhost:3000/en/products/kain-sekar-jagad). Reference code: ${code}`);
    await clear();
    const shopOnly = waMe((await click("/artisans/batik-sekar/whatsapp")).headers);
    const [row] = await referrals();
    expect(row.product_id).toBeNull();
    expect(shopOnly.text).toBe(
      `Halo Batik Sekar, saya melihat profil Anda di Batik Blitar (http://localhost:3000/artisans/batik-sekar) dan ingin bertanya. Kode referensi: ${row.code}`,
    );
  });

  it("ignores a product of another artisan, a draft, and an unknown or absurd slug", async () => {
    for (const product of [otherProductSlug, "kain-draf", "no-such-cloth", "x".repeat(500)]) {
      await clear();
      const result = await click(`/artisans/batik-sekar/whatsapp?product=${product}`);
      expect(result.status).toBe(302);
      expect(waMe(result.headers).text).toMatch(/^Halo Batik Sekar, saya melihat profil Anda/);
      expect((await referrals()).map((r) => r.product_id)).toEqual([null]);
      expect((await clicks()).map((v) => v.product_id)).toEqual([null]);
    }
  });

  it("sends a bot to the artisan's profile and logs nothing", async () => {
    await clear();
    for (const ua of [GOOGLEBOT, "curl/8.5.0"]) {
      const result = await click("/en/artisans/batik-sekar/whatsapp?product=kain-sekar-jagad", { ua });
      expect(result.status).toBe(302);
      expect(result.headers!.get("Location")).toBe("/en/artisans/batik-sekar");
      expect(result.headers!.get("X-Robots-Tag")).toBe("noindex");
    }
    expect(await referrals()).toEqual([]);
    expect(await clicks()).toEqual([]);
  });

  it("answers 404 for an unknown artisan, a shop without a number and a shop that is not public", async () => {
    await clear();
    for (const slug of ["no-such-shop", "batik-sunyi", "batik-menunggu", "x".repeat(300)]) {
      const result = await click(`/artisans/${slug}/whatsapp`);
      expect(result.status, slug).toBe(404);
    }
    expect(await referrals()).toEqual([]);
    expect(await clicks()).toEqual([]);
  });
});

describe("referral codes", () => {
  it("are BB- and six characters of an alphabet without 0, O, 1, I or L", () => {
    expect(REFERENCE_ALPHABET).not.toMatch(/[01OIL]/);
    expect(REFERENCE_ALPHABET).toHaveLength(31);
    const codes = Array.from({ length: 500 }, generateReferenceCode);
    for (const code of codes) expect(code).toMatch(CODE);
    expect(new Set(codes).size).toBeGreaterThan(495);
  });

  it("are drawn again when a code is already taken, and give up after five clashes", async () => {
    await clear();
    await createWhatsappReferral({ artisanId: shopId, visitorHash: "a", generateCode: () => "BB-TAKEN2" }, getDb());
    const draws = ["BB-TAKEN2", "BB-TAKEN2", "BB-FRESH3"];
    const next = await createWhatsappReferral({ artisanId: shopId, visitorHash: "b", generateCode: () => draws.shift()! }, getDb());
    expect(next.code).toBe("BB-FRESH3");
    expect(draws).toEqual([]);
    let calls = 0;
    const stuck = createWhatsappReferral({ artisanId: shopId, visitorHash: "c", generateCode: () => (calls++, "BB-TAKEN2") }, getDb());
    await expect(stuck).rejects.toMatchObject({ code: "SQLITE_CONSTRAINT_UNIQUE" });
    expect(calls).toBe(5);
  });

  it("are reused within 30 minutes of the visitor's last click on the same artisan, not after", async () => {
    await clear();
    const t0 = new Date("2026-11-29T03:00:00Z");
    const minutes = (m: number) => new Date(t0.getTime() + m * 60_000);
    const first = await recordWhatsappClick({ artisanId: shopId, productId, visitorHash: "v1", now: t0 }, getDb());
    expect(first.reused).toBe(false);
    expect(await recordWhatsappClick({ artisanId: shopId, productId: null, visitorHash: "v1", now: minutes(29) }, getDb())).toEqual({ code: first.code, reused: true });
    expect(await recordWhatsappClick({ artisanId: shopId, productId: null, visitorHash: "v1", now: minutes(30) }, getDb())).toEqual({ code: first.code, reused: true });
    const later = await recordWhatsappClick({ artisanId: shopId, productId: null, visitorHash: "v1", now: minutes(31) }, getDb());
    expect(later.reused).toBe(false);
    expect(later.code).not.toBe(first.code);
    expect((await referrals()).map((r) => r.code)).toEqual([first.code, later.code]);
    expect((await clicks()).map((v) => [v.occurred_at, v.product_id])).toEqual([
      [t0.toISOString(), productId],
      [minutes(31).toISOString(), null],
    ]);
  });
});

describe("the pages", () => {
  it("show the button but never carry the number in their loader data", async () => {
    const product = payloadOf(await productPage({ request: request("/products/kain-sekar-jagad"), params: { slug: "kain-sekar-jagad" }, context: {} }));
    const artisan = payloadOf(await artisanPage({ request: request("/artisans/batik-sekar"), params: { slug: "batik-sekar" }, context: {} }));
    expect(product.chat).toBe(true);
    expect(artisan.chat).toBe(true);
    for (const data of [product, artisan]) {
      const json = JSON.stringify(data);
      for (const form of ["81234567890", "0812-3456-7890", "3456-7890", "34567890"]) expect(json).not.toContain(form);
      expect(json).not.toContain("whatsapp_number");
    }
    const silent = payloadOf(await artisanPage({ request: request("/artisans/batik-sunyi"), params: { slug: "batik-sunyi" }, context: {} }));
    expect(silent.chat).toBe(false);
  });
});

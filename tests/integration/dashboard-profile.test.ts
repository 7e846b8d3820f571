/**
 * The artisan dashboard's shop profile: the owner edits the story in both
 * languages, village, district (the regency follows), techniques, founded
 * year, WhatsApp number (an Indonesian mobile number, stored as +628…) and
 * the flat shipping rate; bad input is a 400 on the field keeping what was
 * typed; the change is audited with the number masked; the number never
 * reaches the public artisan page.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createArtisan, decideArtisanMembership, getShopProfile, indonesianMobileNumber, maskPhone } from "~/models/artisan.server";
import { listAuditEntries } from "~/models/audit.server";
import { loader as publicLoader } from "~/routes/($lang).artisans.$slug";
import { action, loader } from "~/routes/($lang).dashboard.profile._index";
import { createUserWithSession, outcome, payloadOf, request } from "../setup/routes";

let owner: { id: number; cookie: string };
let shopId: number;
let noShopCookie: string;

function profileForm(fields: Record<string, string> = {}, techniques: string[] = ["tulis", "cap"]): URLSearchParams {
  const body = new URLSearchParams({
    storyId: "Kami membatik sejak 1998 di lereng Kelud.",
    storyEn: "We have made batik since 1998 on the slopes of Kelud.",
    village: "Jatinom",
    district: "Kanigoro",
    foundedYear: "1998",
    whatsappNumber: "0812-3456-7890",
    shippingFlatRate: "25.000",
    ...fields,
  });
  for (const t of techniques) body.append("techniques", t);
  return body;
}

async function save(body: URLSearchParams, cookie = owner.cookie, lang?: "en") {
  const req = new Request(`http://localhost:3000${lang ? "/en" : ""}/dashboard/profile`, {
    method: "POST",
    headers: { Cookie: cookie.split(";")[0], "Content-Type": "application/x-www-form-urlencoded" },
    body,
  });
  return outcome(action({ request: req, params: lang ? { lang } : {}, context: {} }));
}

function reply(body: unknown) {
  const r = body as { initialValue?: Record<string, unknown>; error?: Record<string, string[]> };
  return { values: r.initialValue ?? {}, errors: r.error ?? {} };
}

beforeAll(async () => {
  const user = await createUserWithSession({ email: "pemilik@toko.test", name: "Bu Sri", password: "artisan-pass-2026", roles: ["artisan"] });
  owner = user;
  const shop = await createArtisan({
    slug: "batik-kelud-asri",
    ownerUserId: user.id,
    name: "Batik Kelud Asri",
    ownerName: "Bu Sri",
    village: "Tanjungsari",
    district: "Sukorejo",
    regency: "kota",
    techniques: ["tulis"],
    whatsappNumber: "+6281200000999",
    shippingFlatRate: 15000,
  });
  shopId = shop.id;
  await decideArtisanMembership({ artisanId: shop.id, status: "verified", actorUserId: null });
  noShopCookie = (await createUserWithSession({ email: "tanpa-toko@example.test", name: "Tanpa Toko", password: "artisan-pass-2026", roles: ["artisan"] })).cookie;
});

describe("the WhatsApp number check", () => {
  it.each([
    ["0812-3456-7890", "6281234567890"],
    ["+62 812 3456 7890", "6281234567890"],
    ["81234567890", "6281234567890"],
    ["(0857) 1234.5678", "6285712345678"],
    ["0342 801234", null],
    ["+44 7700 900123", null],
    ["0812", null],
    ["0812-3456-7890-1234", null],
    ["nomor saya", null],
  ])("%s → %s", (raw, expected) => {
    expect(indonesianMobileNumber(raw)).toBe(expected);
  });

  it("masks a number for the audit log", () => {
    expect(maskPhone("+6281234567890")).toBe("+62…890");
    expect(maskPhone(null)).toBeNull();
  });
});

describe("editing the profile", () => {
  it("loads the owner's own profile, number included (their data, behind their log-in)", async () => {
    const page = await outcome(loader({ request: request("/dashboard/profile", { cookie: owner.cookie }), params: {}, context: {} }));
    expect(page.status).toBe(200);
    expect((page.body as { profile: { name: string; whatsapp_number: string; shipping_flat_rate: number } }).profile).toMatchObject({
      name: "Batik Kelud Asri",
      whatsapp_number: "+6281200000999",
      shipping_flat_rate: 15000,
    });
  });

  it("saves every field, moves the regency with the district, normalises the number and audits with the number masked", async () => {
    const answer = await save(profileForm());
    expect(answer.status).toBe(303);
    expect(answer.headers?.get("Location")).toBe("/dashboard/profile");
    expect(await getShopProfile({ artisanId: shopId })).toMatchObject({
      name: "Batik Kelud Asri",
      story_id: "Kami membatik sejak 1998 di lereng Kelud.",
      story_en: "We have made batik since 1998 on the slopes of Kelud.",
      village: "Jatinom",
      district: "Kanigoro",
      regency: "kabupaten",
      techniques: ["tulis", "cap"],
      founded_year: 1998,
      whatsapp_number: "+6281234567890",
      shipping_flat_rate: 25000,
    });
    const [entry] = await listAuditEntries({ subjectType: "artisan", subjectId: shopId, action: "artisan.profile_update" });
    expect(entry.actor_user_id).toBe(owner.id);
    const details = JSON.parse(entry.details) as { before: Record<string, unknown>; after: Record<string, unknown> };
    expect(details.before).toMatchObject({ district: "Sukorejo", regency: "kota", whatsapp_number: "+62…999", shipping_flat_rate: 15000 });
    expect(details.after).toMatchObject({ district: "Kanigoro", regency: "kabupaten", whatsapp_number: "+62…890", shipping_flat_rate: 25000, techniques: '["tulis","cap"]' });
    expect(entry.details).not.toContain("81234567890");
    expect(entry.details).not.toContain("81200000999");

    // Saving the same values again changes nothing and writes no audit entry.
    expect((await save(profileForm())).status).toBe(303);
    expect(await listAuditEntries({ subjectType: "artisan", subjectId: shopId, action: "artisan.profile_update" })).toHaveLength(1);
  });

  it("clears the number when left empty (no WhatsApp button)", async () => {
    expect((await save(profileForm({ whatsappNumber: "" }))).status).toBe(303);
    expect((await getShopProfile({ artisanId: shopId }))?.whatsapp_number).toBeNull();
    expect((await save(profileForm())).status).toBe(303);
  });

  const cases: [string, Record<string, string>, string, string][] = [
    ["a landline number", { whatsappNumber: "0342 801234" }, "whatsappNumber", "dashboard.errors.whatsappInvalid"],
    ["a foreign number", { whatsappNumber: "+44 7700 900123" }, "whatsappNumber", "dashboard.errors.whatsappInvalid"],
    ["letters for a number", { whatsappNumber: "WA saya" }, "whatsappNumber", "dashboard.errors.whatsappInvalid"],
    ["a district outside Blitar", { district: "Wlingi Raya" }, "district", "dashboard.errors.districtInvalid"],
    ["no village", { village: "" }, "village", "dashboard.errors.villageRequired"],
    ["a negative shipping rate", { shippingFlatRate: "-5000" }, "shippingFlatRate", "dashboard.errors.shippingInvalid"],
    ["a huge shipping rate", { shippingFlatRate: "5000000" }, "shippingFlatRate", "dashboard.errors.shippingInvalid"],
    ["a year in the future", { foundedYear: "2999" }, "foundedYear", "dashboard.errors.yearInvalid"],
    ["a huge story", { storyEn: "z".repeat(300_000) }, "storyEn", "dashboard.errors.tooLong"],
  ];
  it.each(cases)("answers 400 for %s, on the field, keeping what was typed", async (_name, fields, field, key) => {
    const before = await getShopProfile({ artisanId: shopId });
    const answer = await save(profileForm({ storyId: "Kisah baru yang belum tersimpan", ...fields }));
    expect(answer.status).toBe(400);
    const { values, errors } = reply(answer.body);
    expect(errors[field]).toEqual([key]);
    expect(values.storyId).toBe("Kisah baru yang belum tersimpan");
    expect(await getShopProfile({ artisanId: shopId })).toEqual(before);
  });

  it("refuses an unknown technique", async () => {
    const answer = await save(profileForm({}, ["tulis", "sablon"]));
    expect(answer.status).toBe(400);
    expect(reply(answer.body).errors.techniques).toEqual(["dashboard.errors.techniqueInvalid"]);
  });

  it("is refused to an artisan account without a shop (403)", async () => {
    expect((await outcome(loader({ request: request("/dashboard/profile", { cookie: noShopCookie }), params: {}, context: {} }))).status).toBe(403);
    expect((await save(profileForm(), noShopCookie)).status).toBe(403);
  });
});

describe("the public artisan page", () => {
  it("shows the new story but never the WhatsApp number", async () => {
    expect((await save(profileForm({ storyEn: "Our new story from Jatinom." }))).status).toBe(303);
    for (const lang of [undefined, "en"] as const) {
      const page = await publicLoader({
        request: request(`${lang ? "/en" : ""}/artisans/batik-kelud-asri`),
        params: { slug: "batik-kelud-asri", ...(lang ? { lang } : {}) },
        context: {},
      });
      const text = JSON.stringify(payloadOf(page));
      expect(text).toContain("Our new story from Jatinom.");
      expect(text).toContain("Jatinom");
      for (const form of ["6281234567890", "81234567890", "0812-3456-7890", "3456"]) expect(text).not.toContain(form);
    }
  });
});

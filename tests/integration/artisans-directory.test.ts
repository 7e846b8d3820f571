/**
 * /artisans filters on fixtures built here: district and technique values
 * come from the public artisans, each value's count equals the number of
 * results once it is applied, unknown values are ignored (never an error),
 * and a filtered page is noindex with the canonical pointing at /artisans.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createArtisan, decideArtisanMembership, getArtisanDirectory, listArtisans } from "~/models/artisan.server";
import type { Technique } from "~/models/product.server";
import { createUser } from "~/models/user.server";
import { loader } from "~/routes/($lang).artisans._index";
import { getDb } from "~/utils/db.server";
import { outcome, request } from "../setup/routes";

async function shop(slug: string, district: string, techniques: Technique[], verified = true) {
  const { id } = await createArtisan(
    { slug, name: `Batik ${slug}`, ownerName: "Owner", village: "Desa", district, regency: "kabupaten", techniques },
    getDb(),
  );
  if (verified) await decideArtisanMembership({ artisanId: id, status: "verified", actorUserId: adminId }, getDb());
}

let adminId: number;

beforeAll(async () => {
  adminId = (await createUser({ email: "admin@test.local", name: "Admin" }, getDb())).id;
  await shop("a-kanigoro", "Kanigoro", ["tulis", "kombinasi"]);
  await shop("b-kanigoro", "Kanigoro", ["cap"]);
  await shop("c-kesamben", "Kesamben", ["cap", "tulis"]);
  await shop("d-doko", "Doko", ["ciprat", "jumput"]);
  await shop("e-sananwetan", "Sananwetan", ["cap", "printing"]);
  // Not public: its district and technique must not appear as filter values.
  await shop("f-pending", "Sukorejo", ["tulis", "kombinasi"], false);
  await shop("g-pending-wonodadi", "Wonodadi", ["tulis"], false);
});

const slugs = async (args: { district?: string | null; technique?: string | null }) => (await listArtisans(args, getDb())).map((a) => a.slug);

describe("listArtisans / getArtisanDirectory", () => {
  it("filters by district, by technique, and by both", async () => {
    expect(await slugs({})).toEqual(["a-kanigoro", "b-kanigoro", "c-kesamben", "d-doko", "e-sananwetan"]);
    expect(await slugs({ district: "Kanigoro" })).toEqual(["a-kanigoro", "b-kanigoro"]);
    expect(await slugs({ technique: "tulis" })).toEqual(["a-kanigoro", "c-kesamben"]);
    expect(await slugs({ technique: "cap" })).toEqual(["b-kanigoro", "c-kesamben", "e-sananwetan"]);
    expect(await slugs({ district: "Kanigoro", technique: "cap" })).toEqual(["b-kanigoro"]);
    expect(await slugs({ district: "Doko", technique: "cap" })).toEqual([]);
  });

  it("offers only values of public artisans, with counts that keep the other filter", async () => {
    const all = await getArtisanDirectory({}, getDb());
    expect(all.total).toBe(5);
    expect(all.filters).toEqual({ district: null, technique: null });
    expect(all.facets.district).toEqual([
      { value: "Doko", count: 1, selected: false },
      { value: "Kanigoro", count: 2, selected: false },
      { value: "Kesamben", count: 1, selected: false },
      { value: "Sananwetan", count: 1, selected: false },
    ]);
    // In the model's technique order (tulis, cap, kombinasi, ciprat, jumput, printing).
    expect(all.facets.technique).toEqual([
      { value: "tulis", count: 2, selected: false },
      { value: "cap", count: 3, selected: false },
      { value: "kombinasi", count: 1, selected: false },
      { value: "ciprat", count: 1, selected: false },
      { value: "jumput", count: 1, selected: false },
      { value: "printing", count: 1, selected: false },
    ]);
    const capOnly = await getArtisanDirectory({ technique: "cap" }, getDb());
    expect(capOnly.facets.district.map((f) => [f.value, f.count])).toEqual([
      ["Doko", 0],
      ["Kanigoro", 1],
      ["Kesamben", 1],
      ["Sananwetan", 1],
    ]);
    expect(capOnly.facets.technique.find((f) => f.value === "cap")).toEqual({ value: "cap", count: 3, selected: true });
  });

  it("gives every filter value a count equal to the results after applying it", async () => {
    const choices = [null, "Doko", "Kanigoro", "Kesamben", "Sananwetan"];
    const techniques = [null, "tulis", "cap", "kombinasi", "ciprat", "jumput", "printing"];
    let checked = 0;
    for (const district of choices) {
      for (const technique of techniques) {
        const current = await getArtisanDirectory({ district, technique }, getDb());
        expect(current.total).toBe(current.items.length);
        for (const f of current.facets.district) {
          const applied = await getArtisanDirectory({ district: f.value, technique }, getDb());
          expect(applied.total, `${f.value} with ${technique}`).toBe(f.count);
          checked++;
        }
        for (const f of current.facets.technique) {
          const applied = await getArtisanDirectory({ district, technique: f.value }, getDb());
          expect(applied.total, `${f.value} in ${district}`).toBe(f.count);
          checked++;
        }
      }
    }
    expect(checked).toBe(5 * 7 * (4 + 6));
  });

  it("ignores unknown values: another district, a pending shop's district, a technique nobody uses", async () => {
    for (const args of [{ district: "Atlantis" }, { district: "Sukorejo" }, { technique: "sablon" }, { district: "kanigoro" }, { district: "" }]) {
      const directory = await getArtisanDirectory(args, getDb());
      expect(directory.filters).toEqual({ district: null, technique: null });
      expect(directory.total).toBe(5);
    }
    // One unknown, one known: the known one still applies.
    expect(await slugs({ district: "Atlantis", technique: "cap" })).toEqual(["b-kanigoro", "c-kesamben", "e-sananwetan"]);
  });
});

describe("/artisans loader", () => {
  it("applies the GET filters, marks a filtered page noindex and points the canonical at the whole directory", async () => {
    const plain = await loader({ request: request("/artisans"), params: {}, context: {} });
    expect(plain.total).toBe(5);
    expect(plain.meta.noindex).toBeUndefined();
    expect(plain.meta.canonical).toBe("http://localhost:3000/artisans");

    const filtered = await loader({ request: request("/en/artisans?district=Kanigoro&technique=tulis"), params: { lang: "en" }, context: {} });
    expect(filtered.items.map((a) => a.slug)).toEqual(["a-kanigoro"]);
    expect(filtered.filters).toEqual({ district: "Kanigoro", technique: "tulis" });
    expect(filtered.meta.noindex).toBe(true);
    expect(filtered.meta.canonical).toBe("http://localhost:3000/en/artisans");
  });

  it("answers 200 for garbage: unknown, repeated, empty and huge values", async () => {
    for (const query of ["?district=Atlantis", "?technique=%00", "?district=&technique=", `?district=${"x".repeat(5000)}`, "?technique=cap&technique=tulis", "?district[]=1"]) {
      const result = await outcome(loader({ request: request(`/artisans${query}`), params: {}, context: {} }));
      expect(result.status, query).toBe(200);
    }
    const repeated = await loader({ request: request("/artisans?technique=cap&technique=tulis"), params: {}, context: {} });
    expect(repeated.filters.technique).toBe("cap");
    const huge = await loader({ request: request(`/artisans?district=${"x".repeat(5000)}`), params: {}, context: {} });
    expect(huge.total).toBe(5);
  });
});

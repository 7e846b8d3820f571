/**
 * /dashboard/facts: the shop's workforce and capacity reports. A new report
 * is added, never written over an earlier one; bad numbers and dates are a
 * 400 that keeps what was typed and records nothing.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createArtisan, recordArtisanFacts } from "~/models/artisan.server";
import { listAuditEntries } from "~/models/audit.server";
import { action, loader } from "~/routes/($lang).dashboard.facts";
import { getDb } from "~/utils/db.server";
import { todayWib } from "~/utils/shop-facts";
import { createUserWithSession, outcome, payloadOf, request } from "../setup/routes";

let owner: { id: number; cookie: string };
let other: { id: number; cookie: string };
let buyer: { cookie: string };
let shopId: number;
let otherShopId: number;

async function shop(slug: string, ownerUserId: number) {
  return (
    await createArtisan({ slug, ownerUserId, name: `Batik ${slug}`, ownerName: "Bu Sri", village: "Sawentar", district: "Kanigoro", regency: "kabupaten", techniques: ["tulis"] })
  ).id;
}

const post = (cookie: string, form: Record<string, string>) =>
  outcome(action({ request: request("/dashboard/facts", { cookie, form }), params: {}, context: {} }));
const load = async (cookie: string) => payloadOf(await loader({ request: request("/dashboard/facts", { cookie }), params: {}, context: {} }));
const rows = (artisanId: number) =>
  getDb().selectFrom("artisan_facts").select(["workers_men", "workers_women", "monthly_capacity", "reported_on", "reported_by"]).where("artisan_id", "=", artisanId).orderBy("id").execute();

/** The day after `day` (YYYY-MM-DD). */
function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

beforeAll(async () => {
  owner = await createUserWithSession({ email: "facts-owner@example.test", name: "Sri", password: "owner-pass-2026", roles: ["artisan"] });
  other = await createUserWithSession({ email: "facts-other@example.test", name: "Rini", password: "owner-pass-2026", roles: ["artisan"] });
  buyer = await createUserWithSession({ email: "facts-buyer@example.test", name: "Budi", password: "buyer-pass-2026", roles: ["buyer"] });
  shopId = await shop("facts-a", owner.id);
  otherShopId = await shop("facts-b", other.id);
  await recordArtisanFacts({ artisanId: otherShopId, workersMen: 9, workersWomen: 9, monthlyCapacity: 99, reportedOn: "2026-01-01" });
});

describe("/dashboard/facts", () => {
  it("refuses anonymous visitors (log-in) and buyers (403)", async () => {
    const anonymous = await outcome(loader({ request: request("/dashboard/facts"), params: {}, context: {} }));
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers?.get("Location")).toMatch(/^\/login\?/);
    expect((await outcome(loader({ request: request("/dashboard/facts", { cookie: buyer.cookie }), params: {}, context: {} }))).status).toBe(403);
    expect((await post(buyer.cookie, { workersMen: "1", workersWomen: "1", monthlyCapacity: "1", reportedOn: "2026-01-01" })).status).toBe(403);
  });

  it("starts empty, with today's WIB date for the form", async () => {
    const page = await load(owner.cookie);
    expect(page.current).toBeNull();
    expect(page.earlier).toEqual([]);
    expect(page.today).toBe(todayWib());
  });

  it("adds reports and keeps every earlier one with its date", async () => {
    const first = await post(owner.cookie, { workersMen: "3", workersWomen: "7", monthlyCapacity: "120", reportedOn: "2026-03-01" });
    expect(first.status).toBe(303);
    expect(first.headers?.get("Location")).toBe("/dashboard/facts");
    const second = await post(owner.cookie, { workersMen: "4", workersWomen: "9", monthlyCapacity: "150", reportedOn: "2026-06-15" });
    expect(second.status).toBe(303);
    expect(await rows(shopId)).toEqual([
      { workers_men: 3, workers_women: 7, monthly_capacity: 120, reported_on: "2026-03-01", reported_by: owner.id },
      { workers_men: 4, workers_women: 9, monthly_capacity: 150, reported_on: "2026-06-15", reported_by: owner.id },
    ]);
    const page = await load(owner.cookie);
    expect(page.current).toMatchObject({ workers_men: 4, workers_women: 9, monthly_capacity: 150, reported_on: "2026-06-15" });
    expect(page.earlier.map((r) => [r.reported_on, r.workers_men, r.workers_women, r.monthly_capacity])).toEqual([["2026-03-01", 3, 7, 120]]);
    // The other shop's report is not part of this page.
    expect([page.current, ...page.earlier].some((r) => r?.monthly_capacity === 99)).toBe(false);

    const audit = await listAuditEntries({ action: "artisan.facts_report" });
    const mine = audit.filter((e) => e.subject_id === String(shopId));
    expect(mine).toHaveLength(2);
    expect(mine.every((e) => e.actor_user_id === owner.id)).toBe(true);
  });

  it("a report for an earlier day does not replace the latest one", async () => {
    expect((await post(owner.cookie, { workersMen: "2", workersWomen: "2", monthlyCapacity: "50", reportedOn: "2026-01-10" })).status).toBe(303);
    const page = await load(owner.cookie);
    expect(page.current?.reported_on).toBe("2026-06-15");
    expect(page.earlier.map((r) => r.reported_on)).toEqual(["2026-03-01", "2026-01-10"]);
  });

  it.each([
    [{ workersMen: "-1" }, "workersMen", "shopFacts.facts.errors.count"],
    [{ workersWomen: "10001" }, "workersWomen", "shopFacts.facts.errors.count"],
    [{ monthlyCapacity: "2.5" }, "monthlyCapacity", "shopFacts.facts.errors.count"],
    [{ monthlyCapacity: "banyak" }, "monthlyCapacity", "shopFacts.facts.errors.count"],
    [{ workersMen: "" }, "workersMen", "shopFacts.facts.errors.required"],
    [{ reportedOn: "2026-02-30" }, "reportedOn", "shopFacts.facts.errors.date"],
    [{ reportedOn: "30/11/2026" }, "reportedOn", "shopFacts.facts.errors.date"],
    [{ reportedOn: nextDay(todayWib()) }, "reportedOn", "shopFacts.facts.errors.dateFuture"],
  ])("refuses %o with a field error, keeping the input and recording nothing", async (change, field, key) => {
    const before = (await rows(shopId)).length;
    const form = { workersMen: "1", workersWomen: "2", monthlyCapacity: "30", reportedOn: "2026-05-05", ...change };
    const answer = await post(owner.cookie, form);
    expect(answer.status).toBe(400);
    const body = answer.body as { error: Record<string, string[]>; initialValue: Record<string, string> };
    expect(body.error[field]).toEqual([key]);
    // What was typed comes back as typed (an emptied field as absent).
    for (const [name, value] of Object.entries(form)) expect(body.initialValue[name]).toBe(value === "" ? undefined : value);
    expect((await rows(shopId)).length).toBe(before);
  });

  it("accepts 0 and 10000, and today's date", async () => {
    expect((await post(owner.cookie, { workersMen: "0", workersWomen: "10000", monthlyCapacity: "0", reportedOn: todayWib() })).status).toBe(303);
    const page = await load(owner.cookie);
    expect(page.current).toMatchObject({ workers_men: 0, workers_women: 10000, monthly_capacity: 0, reported_on: todayWib() });
  });
});

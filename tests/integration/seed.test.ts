/**
 * The demo data set against real migrated SQLite files: volume, shape,
 * order invariants, idempotency, determinism and the image files.
 */
import fs from "node:fs";
import path from "node:path";
import { sql, type Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Database } from "#db/schema";
import { HISTORY_MONTHS, seedIfEmpty } from "#db/seed/index";
import { verifyPassword } from "~/utils/password.server";
import { createTestDatabase, type TestDatabase } from "../setup/db";
import { REPO_ROOT } from "../setup/paths";

// A fixed "now" (WIB afternoon) so the history, the calendar and the counts are reproducible.
const NOW = new Date("2026-11-29T07:30:00.000Z");
// Shared by the seeding test files of this run: images are content-addressed, so a second
// seed reuses the files instead of encoding them again (the run directory is removed at the end).
const imagesDir = path.join(inject("testRunDir"), "seed-images");

let first: TestDatabase;
let second: TestDatabase;
const logs: string[] = [];

async function count(db: Kysely<Database>, table: keyof Database): Promise<number> {
  const row = await db.selectFrom(table).select(sql<number>`count(*)`.as("n")).executeTakeFirstOrThrow();
  return Number(row.n);
}

async function one<T>(db: Kysely<Database>, query: ReturnType<typeof sql<T>>): Promise<T> {
  const result = await query.execute(db);
  return result.rows[0];
}

beforeAll(async () => {
  first = await createTestDatabase();
  expect(await seedIfEmpty(first.db, (line) => logs.push(line), { now: NOW, imagesDir })).toBe(true);
}, 120_000);

afterAll(async () => {
  await first?.cleanup();
  await second?.cleanup();
});

describe("seedIfEmpty", () => {
  it("loads at least the promised volume", async () => {
    const db = first.db;
    expect(await count(db, "motifs")).toBeGreaterThanOrEqual(20);
    expect(await count(db, "artisans")).toBeGreaterThanOrEqual(12);
    const products = await one(db, sql<{ n: number }>`select count(*) as n from products where status in ('published', 'draft')`);
    expect(products.n).toBeGreaterThanOrEqual(80);
    const events = await one(
      db,
      sql<{ past: number; upcoming: number }>`select sum(ends_at < ${NOW.toISOString()}) as past, sum(ends_at >= ${NOW.toISOString()}) as upcoming from events where status in ('published', 'cancelled')`,
    );
    expect(events.past + events.upcoming).toBeGreaterThanOrEqual(10);
    expect(events.past).toBeGreaterThan(0);
    expect(events.upcoming).toBeGreaterThan(0);
    const cancelled = await one(db, sql<{ n: number }>`select count(*) as n from events where status = 'cancelled'`);
    expect(cancelled.n).toBe(1);
    expect(await count(db, "visits")).toBeGreaterThan(10_000);
    expect(await count(db, "inquiries")).toBeGreaterThan(100);
    expect(await count(db, "programmes")).toBeGreaterThanOrEqual(4);
    expect(logs.some((l) => /demo data: \d+ motifs/.test(l))).toBe(true);
  });

  it(`has paid orders in each of the ${HISTORY_MONTHS} months up to now, and none after`, async () => {
    // paid_at is UTC; months are cut in WIB (UTC+7).
    const months = await sql<{ month: string; n: number }>`
      select strftime('%Y-%m', paid_at, '+7 hours') as month, count(*) as n from orders where paid_at is not null group by month order by month`.execute(first.db);
    const byMonth = new Map(months.rows.map((r) => [r.month, r.n]));
    for (let i = 0; i < HISTORY_MONTHS; i++) {
      const d = new Date(Date.UTC(2026, 10 - i, 1));
      const key = `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
      expect(byMonth.get(key) ?? 0, `paid orders in ${key}`).toBeGreaterThan(0);
    }
    const late = await one(first.db, sql<{ n: number }>`select count(*) as n from orders where paid_at > ${NOW.toISOString()} or created_at > ${NOW.toISOString()}`);
    expect(late.n).toBe(0);
  });

  it("keeps the order invariants", async () => {
    const db = first.db;
    const lines = await one(db, sql<{ n: number }>`select count(*) as n from order_lines where line_total <> unit_price * quantity`);
    expect(lines.n).toBe(0);
    const parts = await one(
      db,
      sql<{ n: number }>`select count(*) as n from order_parts p where p.subtotal <> (select coalesce(sum(line_total), 0) from order_lines where order_part_id = p.id)`,
    );
    expect(parts.n).toBe(0);
    const orders = await one(
      db,
      sql<{ n: number }>`select count(*) as n from orders o
        where o.subtotal <> (select coalesce(sum(subtotal), 0) from order_parts where order_id = o.id)
           or o.shipping_total <> (select coalesce(sum(shipping_fee), 0) from order_parts where order_id = o.id)
           or o.total <> o.subtotal + o.shipping_total`,
    );
    expect(orders.n).toBe(0);
    const paidAt = await one(
      db,
      sql<{ wrong: number }>`select count(*) as wrong from orders
        where (status in ('paid', 'shipped', 'completed', 'refunded')) <> (paid_at is not null)`,
    );
    expect(paidAt.wrong).toBe(0);
    const payments = await one(
      db,
      sql<{ n: number }>`select count(*) as n from orders o where o.paid_at is not null
        and (select coalesce(sum(amount), 0) from payments where order_id = o.id and status = 'succeeded') <> o.total`,
    );
    expect(payments.n).toBe(0);
    const refunds = await one(
      db,
      sql<{ n: number }>`select count(*) as n from orders o where (select coalesce(sum(amount), 0) from refunds where order_id = o.id) > o.total`,
    );
    expect(refunds.n).toBe(0);
    const refunded = await one(db, sql<{ n: number }>`select count(*) as n from orders where status = 'refunded'`);
    expect(refunded.n).toBeGreaterThan(0);
    const stock = await one(db, sql<{ min: number; soldOut: number }>`select min(stock) as min, sum(stock = 0 and status = 'published') as soldOut from products`);
    expect(stock.min).toBeGreaterThanOrEqual(0);
    expect(stock.soldOut).toBeGreaterThan(0);
    // Every status of the order life cycle appears, so each screen has something to show.
    const statuses = await sql<{ status: string }>`select distinct status from orders`.execute(db);
    expect(statuses.rows.map((r) => r.status).sort()).toEqual(["cancelled", "completed", "expired", "paid", "pending_payment", "refunded", "shipped"].sort());
  });

  it("shapes trends: the declining shop sells less in its last year than in its first, a growing one more", async () => {
    const revenue = await sql<{ slug: string; first: number; last: number }>`
      select a.slug,
        sum(case when o.paid_at < ${new Date(NOW.getTime() - 15 * 30 * 86_400_000).toISOString()} then l.line_total else 0 end) as first,
        sum(case when o.paid_at >= ${new Date(NOW.getTime() - 12 * 30 * 86_400_000).toISOString()} then l.line_total else 0 end) as last
      from artisans a join order_parts p on p.artisan_id = a.id join orders o on o.id = p.order_id join order_lines l on l.order_part_id = p.id
      where o.paid_at is not null group by a.slug`.execute(first.db);
    const bySlug = new Map(revenue.rows.map((r) => [r.slug, r]));
    const declining = bySlug.get("batik-tirta-siraman")!;
    expect(declining.last).toBeLessThan(declining.first * 0.8);
    const growing = bySlug.get("omah-canting-sawentar")!;
    expect(growing.last).toBeGreaterThan(growing.first * 1.2);
  });

  it("attributes booth sales to exhibitions and records sources, consents, facts and legality", async () => {
    const db = first.db;
    const booth = await one(
      db,
      sql<{ n: number }>`select count(*) as n from orders o join links l on l.id = o.attribution_link_id where l.kind = 'booth' and o.paid_at is not null`,
    );
    expect(booth.n).toBeGreaterThan(50);
    const withdrawn = await one(
      db,
      sql<{ n: number }>`select count(*) as n from artisan_consents c where granted = 0
        and recorded_at = (select max(recorded_at) from artisan_consents where artisan_id = c.artisan_id)`,
    );
    expect(withdrawn.n).toBe(1);
    const facts = await one(db, sql<{ min: number }>`select min(n) as min from (select count(*) as n from artisan_facts group by artisan_id)`);
    expect(facts.min).toBeGreaterThanOrEqual(1);
    const history = await one(db, sql<{ max: number }>`select max(n) as max from (select count(*) as n from artisan_facts group by artisan_id)`);
    expect(history.max).toBeGreaterThanOrEqual(4);
    const docs = await sql<{ kind: string; status: string }>`select distinct kind, status from legal_documents`.execute(db);
    const pairs = docs.rows.map((d) => `${d.kind}:${d.status}`);
    expect(pairs).toEqual(expect.arrayContaining(["nib:verified", "trademark:verified", "batikmark:verified", "batikmark:pending", "trademark:rejected"]));
    // Batikmark grades follow the technique: gold = tulis, white = cap, silver = kombinasi.
    const grades = await sql<{ grade: string }>`select distinct grade from legal_documents where kind = 'batikmark'`.execute(db);
    expect(grades.rows.map((g) => g.grade).sort()).toEqual(["gold", "silver", "white"]);
    const needs = await sql<{ kind: string }>`select distinct kind from facility_needs where status = 'open'`.execute(db);
    expect(needs.rows.map((n) => n.kind).sort()).toEqual(["equipment", "ipal", "training"]);
    const pending = await one(db, sql<{ n: number }>`select count(*) as n from artisans where membership_status = 'pending'`);
    expect(pending.n).toBeGreaterThanOrEqual(1);
    const audit = await one(db, sql<{ n: number }>`select count(*) as n from audit_log where action = 'order.payment_confirmed'`);
    expect(audit.n).toBeGreaterThan(0);
  });

  it("creates one demo account per role with the shared demo password", async () => {
    const roles = await sql<{ role: string; email: string; password_hash: string }>`
      select r.role, u.email, u.password_hash from user_roles r join users u on u.id = r.user_id order by u.email`.execute(first.db);
    const byRole = new Map<string, string[]>();
    for (const r of roles.rows) byRole.set(r.role, [...(byRole.get(r.role) ?? []), r.email]);
    for (const role of ["buyer", "artisan", "organizer", "agency", "association", "admin"]) expect(byRole.get(role)?.length, role).toBeGreaterThan(0);
    expect(byRole.get("admin")).toContain("admin@demo.test");
    const admin = roles.rows.find((r) => r.email === "admin@demo.test")!;
    expect(admin.password_hash).toMatch(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(await verifyPassword("batik-demo-2026", admin.password_hash)).toBe(true);
    expect(await verifyPassword("wrong-password", admin.password_hash)).toBe(false);
    const readme = fs.readFileSync(path.join(REPO_ROOT, "db/seed/README.md"), "utf8");
    for (const r of roles.rows.filter((x) => x.email.endsWith("@demo.test"))) expect(readme).toContain(r.email);
    // Issue 3 item 7: one memorable login per role.
    for (const role of ["admin", "artisan", "organizer", "agency", "association", "buyer"]) {
      expect(byRole.get(role), role).toContain(`${role}@demo.test`);
    }
    const showcase = await one(
      first.db,
      sql<{ membership_status: string; products: number }>`select a.membership_status,
        (select count(*) from products p where p.artisan_id = a.id) as products
        from artisans a join users u on u.id = a.owner_user_id where u.email = 'artisan@demo.test'`,
    );
    expect(showcase.membership_status).toBe("verified");
    expect(showcase.products).toBeGreaterThan(0);
  });

  it("writes every image variant file and a placeholder", async () => {
    const variants = await sql<{ key: string; bytes: number; format: string }>`select key, bytes, format from image_variants`.execute(first.db);
    expect(variants.rows.length).toBeGreaterThan(100);
    for (const v of variants.rows) {
      expect(v.format).toBe("webp");
      expect(v.key).toMatch(/^[0-9a-f]{20}-(320|640|1024)\.webp$/);
      expect(fs.statSync(path.join(imagesDir, "variants", v.key)).size).toBe(v.bytes);
    }
    const images = await sql<{ placeholder: string | null; status: string }>`select placeholder, status from images`.execute(first.db);
    for (const i of images.rows) {
      expect(i.status).toBe("ready");
      expect(i.placeholder).toMatch(/^data:image\/webp;base64,/);
      expect(i.placeholder!.length).toBeLessThan(600);
    }
  });

  it("does nothing the second time", async () => {
    const before = await count(first.db, "orders");
    expect(await seedIfEmpty(first.db, () => {}, { now: NOW, imagesDir })).toBe(false);
    expect(await seedIfEmpty(first.db, () => {}, { now: new Date(), imagesDir })).toBe(false);
    expect(await count(first.db, "orders")).toBe(before);
  });

  it("gives the same data for the same seed and the same now", async () => {
    second = await createTestDatabase();
    expect(await seedIfEmpty(second.db, () => {}, { now: NOW, imagesDir })).toBe(true);
    const tables: (keyof Database)[] = [
      "users", "agencies", "associations", "artisans", "artisan_facts", "legal_documents", "facility_needs", "motifs", "images", "image_variants",
      "products", "product_motifs", "events", "event_exhibitors", "links", "orders", "order_parts", "order_lines", "payments", "refunds",
      "inquiries", "inquiry_messages", "visits", "programmes", "programme_participants", "audit_log",
    ];
    for (const table of tables) expect(await count(second.db, table), table).toBe(await count(first.db, table));
    const products = (db: Kysely<Database>) => db.selectFrom("products").select(["slug", "price", "stock", "status", "published_at"]).orderBy("id").execute();
    expect(await products(second.db)).toEqual(await products(first.db));
    const orders = (db: Kysely<Database>) => db.selectFrom("orders").select(["code", "total", "status", "paid_at", "buyer_email"]).orderBy("id").execute();
    expect(await orders(second.db)).toEqual(await orders(first.db));
    const visits = (db: Kysely<Database>) => db.selectFrom("visits").select(["occurred_at", "kind", "visitor_hash"]).orderBy("id").limit(500).execute();
    expect(await visits(second.db)).toEqual(await visits(first.db));
    const keys = (db: Kysely<Database>) => db.selectFrom("image_variants").select("key").orderBy("key").execute();
    expect(await keys(second.db)).toEqual(await keys(first.db));
  }, 120_000);
});

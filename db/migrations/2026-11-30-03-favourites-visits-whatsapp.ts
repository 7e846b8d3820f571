import { sql, type Kysely } from "kysely";

/**
 * Favourites, visit capture and WhatsApp referrals.
 * - favourite_products / favourite_artisans: what a signed-in person saved;
 *   one row per (user, thing), so saving twice is a no-op and the counts shown
 *   to an artisan are plain counts. Removed with the user or the thing.
 * - visits.ip_hash: a salted hash of the client IP (never the IP) beside
 *   visitor_hash, which now holds the hash of the first-party visitor id
 *   cookie. Indexes for the per-page and per-visitor reads of the rollup.
 * - whatsapp_referrals: every WhatsApp button click that opened wa.me gets a
 *   short reference code carried in the prefilled message, so the artisan can
 *   later log the conversation against it (inquiries issue) and the click
 *   counts as an inquiry event. inquiry_id is set when that happens.
 * Frozen in time: imports nothing from app/.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;
  await db.schema
    .createTable("favourite_products")
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("product_id", "integer", (c) => c.notNull().references("products.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint("favourite_products_pk", ["user_id", "product_id"])
    .execute();
  await db.schema.createIndex("favourite_products_product_idx").on("favourite_products").column("product_id").execute();

  await db.schema
    .createTable("favourite_artisans")
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("artisan_id", "integer", (c) => c.notNull().references("artisans.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint("favourite_artisans_pk", ["user_id", "artisan_id"])
    .execute();
  await db.schema.createIndex("favourite_artisans_artisan_idx").on("favourite_artisans").column("artisan_id").execute();

  await db.schema.alterTable("visits").addColumn("ip_hash", "text").execute();
  await db.schema.createIndex("visits_visitor_idx").on("visits").columns(["visitor_hash", "occurred_at"]).execute();

  await db.schema
    .createTable("whatsapp_referrals")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("code", "text", (c) => c.notNull().unique())
    .addColumn("artisan_id", "integer", (c) => c.notNull().references("artisans.id").onDelete("cascade"))
    .addColumn("product_id", "integer", (c) => c.references("products.id").onDelete("set null"))
    .addColumn("visitor_hash", "text", (c) => c.notNull())
    .addColumn("inquiry_id", "integer", (c) => c.references("inquiries.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema
    .createIndex("whatsapp_referrals_artisan_idx")
    .on("whatsapp_referrals")
    .columns(["artisan_id", "created_at"])
    .execute();
  await db.schema
    .createIndex("whatsapp_referrals_visitor_idx")
    .on("whatsapp_referrals")
    .columns(["visitor_hash", "artisan_id", "created_at"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("whatsapp_referrals").ifExists().execute();
  await db.schema.dropIndex("visits_visitor_idx").ifExists().execute();
  await db.schema.alterTable("visits").dropColumn("ip_hash").execute();
  await db.schema.dropTable("favourite_artisans").ifExists().execute();
  await db.schema.dropTable("favourite_products").ifExists().execute();
}

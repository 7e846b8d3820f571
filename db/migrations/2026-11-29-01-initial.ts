import { sql, type Kysely } from "kysely";

/**
 * The first schema: every entity of PRODUCT.md known at the foundation.
 * Conventions: ids are integer primary keys; money is whole rupiah (integer);
 * instants are ISO-8601 UTC text ("2026-11-29T21:00:00.000Z"); calendar days
 * are WIB (Asia/Jakarta) text "YYYY-MM-DD"; booleans are 0/1.
 * Frozen in time: imports nothing from app/.
 */

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

function check(column: string, values: readonly string[]) {
  return sql.raw(`${column} in (${values.map((v) => `'${v}'`).join(", ")})`);
}

const ROLES = ["buyer", "artisan", "organizer", "agency", "association", "admin"] as const;
const TECHNIQUES = ["tulis", "cap", "kombinasi", "ciprat", "jumput", "printing"] as const;

export async function up(db: Kysely<any>): Promise<void> {
  // ---------- organisations ----------
  await db.schema
    .createTable("agencies")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("short_name", "text")
    .addColumn("kind", "text", (c) =>
      c.notNull().check(check("kind", ["cooperatives_msme", "industry_trade", "culture_tourism", "dekranasda", "other"])),
    )
    .addColumn("region", "text", (c) => c.notNull().check(check("region", ["kota", "kabupaten", "province"])))
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(now))
    .execute();

  await db.schema
    .createTable("associations")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("short_name", "text", (c) => c.notNull())
    .addColumn("region", "text", (c) => c.notNull().check(check("region", ["kota", "kabupaten", "both"])))
    .addColumn("founded_year", "integer")
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(now))
    .execute();

  // ---------- users and roles ----------
  await db.schema
    .createTable("users")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("email", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("password_hash", "text")
    .addColumn("email_verified_at", "text")
    .addColumn("locale", "text", (c) => c.notNull().defaultTo("id").check(check("locale", ["id", "en"])))
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(now))
    .addColumn("updated_at", "text", (c) => c.notNull().defaultTo(now))
    .addColumn("deleted_at", "text")
    .execute();

  await db.schema
    .createTable("user_roles")
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("role", "text", (c) => c.notNull().check(check("role", ROLES)))
    .addColumn("granted_at", "text", (c) => c.notNull().defaultTo(now))
    .addColumn("granted_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addPrimaryKeyConstraint("user_roles_pk", ["user_id", "role"])
    .execute();

  await db.schema
    .createTable("agency_staff")
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("agency_id", "integer", (c) => c.notNull().references("agencies.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("agency_staff_pk", ["user_id", "agency_id"])
    .execute();

  await db.schema
    .createTable("association_officers")
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("association_id", "integer", (c) => c.notNull().references("associations.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("association_officers_pk", ["user_id", "association_id"])
    .execute();

  // ---------- images (variants are made by a job) ----------
  await db.schema
    .createTable("images")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("original_key", "text", (c) => c.notNull())
    .addColumn("width", "integer")
    .addColumn("height", "integer")
    .addColumn("mime", "text", (c) => c.notNull())
    .addColumn("bytes", "integer", (c) => c.notNull())
    .addColumn("placeholder", "text")
    .addColumn("alt_id", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("alt_en", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("status", "text", (c) =>
      c.notNull().defaultTo("processing").check(check("status", ["processing", "ready", "failed"])),
    )
    .addColumn("uploaded_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(now))
    .execute();

  await db.schema
    .createTable("image_variants")
    .addColumn("image_id", "integer", (c) => c.notNull().references("images.id").onDelete("cascade"))
    .addColumn("format", "text", (c) => c.notNull().check(check("format", ["avif", "webp", "jpeg"])))
    .addColumn("width", "integer", (c) => c.notNull())
    .addColumn("height", "integer", (c) => c.notNull())
    .addColumn("key", "text", (c) => c.notNull().unique())
    .addColumn("bytes", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("image_variants_pk", ["image_id", "format", "width"])
    .execute();

  // ---------- artisans (shops) ----------
  await db.schema
    .createTable("artisans")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("owner_user_id", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("owner_name", "text", (c) => c.notNull())
    .addColumn("story_id", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("story_en", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("village", "text", (c) => c.notNull())
    .addColumn("district", "text", (c) => c.notNull())
    .addColumn("regency", "text", (c) => c.notNull().check(check("regency", ["kabupaten", "kota"])))
    .addColumn("techniques", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("founded_year", "integer")
    // Private: never rendered into a page or a buyer's mail; the WhatsApp link goes through /r/.
    .addColumn("whatsapp_number", "text")
    .addColumn("shipping_flat_rate", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("association_id", "integer", (c) => c.references("associations.id").onDelete("set null"))
    .addColumn("membership_status", "text", (c) =>
      c.notNull().defaultTo("pending").check(check("membership_status", ["pending", "verified", "rejected", "lapsed"])),
    )
    .addColumn("verified_at", "text")
    .addColumn("verified_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("profile_image_id", "integer", (c) => c.references("images.id").onDelete("set null"))
    .addColumn("featured", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("active").check(check("status", ["active", "archived"])))
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(now))
    .addColumn("updated_at", "text", (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex("artisans_owner_idx").on("artisans").column("owner_user_id").execute();

  // Consent to share per-artisan figures with the agencies: append-only history.
  await db.schema
    .createTable("artisan_consents")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("artisan_id", "integer", (c) => c.notNull().references("artisans.id").onDelete("cascade"))
    .addColumn("granted", "integer", (c) => c.notNull())
    .addColumn("recorded_at", "text", (c) => c.notNull().defaultTo(now))
    .addColumn("recorded_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .execute();
  await db.schema.createIndex("artisan_consents_artisan_idx").on("artisan_consents").columns(["artisan_id", "recorded_at"]).execute();

  // Self-reported workforce and capacity: each report is a new row, never an update.
  await db.schema
    .createTable("artisan_facts")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("artisan_id", "integer", (c) => c.notNull().references("artisans.id").onDelete("cascade"))
    .addColumn("workers_men", "integer", (c) => c.notNull().check(sql`workers_men >= 0`))
    .addColumn("workers_women", "integer", (c) => c.notNull().check(sql`workers_women >= 0`))
    .addColumn("monthly_capacity", "integer", (c) => c.notNull().check(sql`monthly_capacity >= 0`))
    .addColumn("reported_on", "text", (c) => c.notNull())
    .addColumn("reported_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex("artisan_facts_artisan_idx").on("artisan_facts").columns(["artisan_id", "reported_on"]).execute();

  // A changed document is a new row that supersedes the old one (history kept).
  await db.schema
    .createTable("legal_documents")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("artisan_id", "integer", (c) => c.notNull().references("artisans.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) =>
      c.notNull().check(check("kind", ["nib", "trademark", "batikmark", "sni", "halal", "other"])),
    )
    .addColumn("number", "text", (c) => c.notNull())
    .addColumn("issuer", "text")
    .addColumn("grade", "text", (c) => c.check(sql`grade is null or grade in ('gold', 'white', 'silver')`))
    .addColumn("issued_on", "text")
    .addColumn("expires_on", "text")
    .addColumn("file_key", "text")
    .addColumn("status", "text", (c) =>
      c.notNull().defaultTo("pending").check(check("status", ["pending", "verified", "rejected"])),
    )
    .addColumn("verified_at", "text")
    .addColumn("verified_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("supersedes_id", "integer", (c) => c.references("legal_documents.id").onDelete("set null"))
    .addColumn("superseded_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex("legal_documents_artisan_idx").on("legal_documents").columns(["artisan_id", "kind"]).execute();

  await db.schema
    .createTable("facility_needs")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("artisan_id", "integer", (c) => c.notNull().references("artisans.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull().check(check("kind", ["ipal", "equipment", "training", "other"])))
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) =>
      c.notNull().defaultTo("open").check(check("status", ["open", "in_progress", "met", "withdrawn"])),
    )
    .addColumn("opened_on", "text", (c) => c.notNull())
    .addColumn("closed_on", "text")
    .addColumn("supersedes_id", "integer", (c) => c.references("facility_needs.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex("facility_needs_artisan_idx").on("facility_needs").columns(["artisan_id", "status"]).execute();

  await db.schema
    .createTable("artisan_images")
    .addColumn("artisan_id", "integer", (c) => c.notNull().references("artisans.id").onDelete("cascade"))
    .addColumn("image_id", "integer", (c) => c.notNull().references("images.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("artisan_images_pk", ["artisan_id", "image_id"])
    .execute();

  // ---------- motifs ----------
  await db.schema
    .createTable("motifs")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("story_id", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("story_en", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("meaning_id", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("meaning_en", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("origin", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("region", "text", (c) => c.notNull().check(check("region", ["kabupaten", "kota", "both"])))
    .addColumn("creator_artisan_id", "integer", (c) => c.references("artisans.id").onDelete("set null"))
    .addColumn("creator_name", "text")
    .addColumn("year", "integer")
    .addColumn("registration_status", "text", (c) =>
      c.notNull().defaultTo("none").check(check("registration_status", ["none", "pending", "registered"])),
    )
    .addColumn("registration_number", "text")
    .addColumn("status", "text", (c) =>
      c.notNull().defaultTo("published").check(check("status", ["proposed", "published", "rejected", "archived"])),
    )
    .addColumn("proposed_by_artisan_id", "integer", (c) => c.references("artisans.id").onDelete("set null"))
    // The day the association accepted the motif into the registry: the innovation indicator counts it.
    .addColumn("approved_at", "text")
    .addColumn("approved_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("featured", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(now))
    .addColumn("updated_at", "text", (c) => c.notNull().defaultTo(now))
    .execute();

  await db.schema
    .createTable("motif_images")
    .addColumn("motif_id", "integer", (c) => c.notNull().references("motifs.id").onDelete("cascade"))
    .addColumn("image_id", "integer", (c) => c.notNull().references("images.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("motif_images_pk", ["motif_id", "image_id"])
    .execute();

  // ---------- products ----------
  await db.schema
    .createTable("products")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("artisan_id", "integer", (c) => c.notNull().references("artisans.id").onDelete("cascade"))
    .addColumn("title_id", "text", (c) => c.notNull())
    .addColumn("title_en", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("description_id", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("description_en", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("technique", "text", (c) => c.notNull().check(check("technique", TECHNIQUES)))
    .addColumn("fabric", "text", (c) =>
      c.notNull().check(check("fabric", ["katun_primisima", "katun_prima", "sutra", "rayon", "dobby", "other"])),
    )
    .addColumn("dye", "text", (c) => c.notNull().check(check("dye", ["natural", "synthetic"])))
    .addColumn("width_cm", "integer")
    .addColumn("length_cm", "integer")
    .addColumn("price", "integer", (c) => c.notNull().check(sql`price > 0`))
    .addColumn("stock", "integer", (c) => c.notNull().defaultTo(0).check(sql`stock >= 0`))
    .addColumn("status", "text", (c) =>
      c.notNull().defaultTo("draft").check(check("status", ["draft", "published", "archived"])),
    )
    .addColumn("featured", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("published_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(now))
    .addColumn("updated_at", "text", (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex("products_artisan_idx").on("products").columns(["artisan_id", "status"]).execute();
  await db.schema.createIndex("products_status_published_idx").on("products").columns(["status", "published_at"]).execute();

  await db.schema
    .createTable("product_motifs")
    .addColumn("product_id", "integer", (c) => c.notNull().references("products.id").onDelete("cascade"))
    .addColumn("motif_id", "integer", (c) => c.notNull().references("motifs.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("product_motifs_pk", ["product_id", "motif_id"])
    .execute();
  await db.schema.createIndex("product_motifs_motif_idx").on("product_motifs").columns(["motif_id", "product_id"]).execute();

  await db.schema
    .createTable("product_images")
    .addColumn("product_id", "integer", (c) => c.notNull().references("products.id").onDelete("cascade"))
    .addColumn("image_id", "integer", (c) => c.notNull().references("images.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("product_images_pk", ["product_id", "image_id"])
    .execute();

  // ---------- events and exhibitors ----------
  await db.schema
    .createTable("events")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("kind", "text", (c) =>
      c.notNull().check(check("kind", ["exhibition", "festival", "bazaar", "training"])),
    )
    .addColumn("title_id", "text", (c) => c.notNull())
    .addColumn("title_en", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("description_id", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("description_en", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("starts_at", "text", (c) => c.notNull())
    .addColumn("ends_at", "text", (c) => c.notNull())
    .addColumn("all_day", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("venue", "text", (c) => c.notNull())
    .addColumn("address", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("city", "text", (c) => c.notNull().defaultTo("Blitar"))
    .addColumn("organizer_agency_id", "integer", (c) => c.references("agencies.id").onDelete("set null"))
    .addColumn("stands_capacity", "integer")
    .addColumn("image_id", "integer", (c) => c.references("images.id").onDelete("set null"))
    .addColumn("application_deadline", "text")
    .addColumn("rrule", "text")
    .addColumn("status", "text", (c) =>
      c.notNull().defaultTo("draft").check(check("status", ["draft", "published", "cancelled"])),
    )
    .addColumn("featured", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(now))
    .addColumn("updated_at", "text", (c) => c.notNull().defaultTo(now))
    .addCheckConstraint("events_time_order", sql`ends_at >= starts_at`)
    .execute();
  await db.schema.createIndex("events_status_starts_idx").on("events").columns(["status", "starts_at"]).execute();

  await db.schema
    .createTable("event_exhibitors")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("event_id", "integer", (c) => c.notNull().references("events.id").onDelete("cascade"))
    .addColumn("artisan_id", "integer", (c) => c.notNull().references("artisans.id").onDelete("cascade"))
    .addColumn("status", "text", (c) =>
      c.notNull().defaultTo("applied").check(check("status", ["applied", "approved", "declined", "withdrawn"])),
    )
    .addColumn("message", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("booth_label", "text")
    .addColumn("applied_at", "text", (c) => c.notNull().defaultTo(now))
    .addColumn("decided_at", "text")
    .addColumn("decided_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addUniqueConstraint("event_exhibitors_unique", ["event_id", "artisan_id"])
    .execute();
  await db.schema.createIndex("event_exhibitors_artisan_idx").on("event_exhibitors").column("artisan_id").execute();

  // Booth (artisan set) and campaign (artisan null) short links behind /r/:code.
  await db.schema
    .createTable("links")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("code", "text", (c) => c.notNull().unique())
    .addColumn("kind", "text", (c) => c.notNull().check(check("kind", ["booth", "campaign", "whatsapp"])))
    .addColumn("event_id", "integer", (c) => c.references("events.id").onDelete("set null"))
    .addColumn("artisan_id", "integer", (c) => c.references("artisans.id").onDelete("cascade"))
    .addColumn("target_path", "text", (c) => c.notNull())
    .addColumn("label", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("valid_from", "text")
    .addColumn("valid_until", "text")
    .addColumn("created_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(now))
    .addCheckConstraint("links_booth_has_artisan", sql`kind <> 'booth' or artisan_id is not null`)
    .execute();

  // ---------- orders and payments ----------
  await db.schema
    .createTable("orders")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("code", "text", (c) => c.notNull().unique())
    .addColumn("buyer_user_id", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("buyer_name", "text", (c) => c.notNull())
    .addColumn("buyer_email", "text", (c) => c.notNull())
    .addColumn("buyer_phone", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("country", "text", (c) => c.notNull().defaultTo("ID"))
    .addColumn("province", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("city", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("district", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("postal_code", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("address_line", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("pending_payment")
        .check(check("status", ["pending_payment", "paid", "shipped", "completed", "cancelled", "refunded", "expired"])),
    )
    .addColumn("payment_method", "text", (c) =>
      c.notNull().check(check("payment_method", ["bank_transfer", "stripe"])),
    )
    .addColumn("subtotal", "integer", (c) => c.notNull().check(sql`subtotal >= 0`))
    .addColumn("shipping_total", "integer", (c) => c.notNull().defaultTo(0).check(sql`shipping_total >= 0`))
    .addColumn("total", "integer", (c) => c.notNull().check(sql`total >= 0`))
    .addColumn("attribution_link_id", "integer", (c) => c.references("links.id").onDelete("set null"))
    .addColumn("attributed_at", "text")
    .addColumn("locale", "text", (c) => c.notNull().defaultTo("id"))
    .addColumn("expires_at", "text")
    .addColumn("paid_at", "text")
    .addColumn("cancelled_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(now))
    .addColumn("updated_at", "text", (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex("orders_buyer_idx").on("orders").column("buyer_user_id").execute();
  await db.schema.createIndex("orders_status_paid_idx").on("orders").columns(["status", "paid_at"]).execute();

  await db.schema
    .createTable("order_parts")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("order_id", "integer", (c) => c.notNull().references("orders.id").onDelete("cascade"))
    .addColumn("artisan_id", "integer", (c) => c.notNull().references("artisans.id"))
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("pending_payment")
        .check(check("status", ["pending_payment", "paid", "shipped", "completed", "cancelled", "refunded", "expired"])),
    )
    .addColumn("fulfilment", "text", (c) => c.notNull().defaultTo("ship").check(check("fulfilment", ["ship", "pickup"])))
    .addColumn("pickup_event_id", "integer", (c) => c.references("events.id").onDelete("set null"))
    .addColumn("shipping_fee", "integer", (c) => c.notNull().defaultTo(0).check(sql`shipping_fee >= 0`))
    .addColumn("subtotal", "integer", (c) => c.notNull().check(sql`subtotal >= 0`))
    .addColumn("tracking_number", "text")
    .addColumn("shipped_at", "text")
    .addColumn("completed_at", "text")
    .addUniqueConstraint("order_parts_unique", ["order_id", "artisan_id"])
    .execute();
  await db.schema.createIndex("order_parts_artisan_idx").on("order_parts").columns(["artisan_id", "status"]).execute();

  await db.schema
    .createTable("order_lines")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("order_part_id", "integer", (c) => c.notNull().references("order_parts.id").onDelete("cascade"))
    .addColumn("product_id", "integer", (c) => c.references("products.id").onDelete("set null"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("unit_price", "integer", (c) => c.notNull().check(sql`unit_price >= 0`))
    .addColumn("quantity", "integer", (c) => c.notNull().check(sql`quantity > 0`))
    .addColumn("line_total", "integer", (c) => c.notNull())
    .addCheckConstraint("order_lines_total", sql`line_total = unit_price * quantity`)
    .execute();
  await db.schema.createIndex("order_lines_part_idx").on("order_lines").column("order_part_id").execute();
  await db.schema.createIndex("order_lines_product_idx").on("order_lines").column("product_id").execute();

  await db.schema
    .createTable("payments")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("order_id", "integer", (c) => c.notNull().references("orders.id").onDelete("cascade"))
    .addColumn("provider", "text", (c) => c.notNull().check(check("provider", ["bank_transfer", "stripe"])))
    .addColumn("reference", "text", (c) => c.notNull().unique())
    .addColumn("provider_ref", "text")
    .addColumn("amount", "integer", (c) => c.notNull().check(sql`amount >= 0`))
    .addColumn("status", "text", (c) =>
      c.notNull().defaultTo("pending").check(check("status", ["pending", "succeeded", "failed", "expired"])),
    )
    .addColumn("confirmed_at", "text")
    .addColumn("confirmed_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex("payments_order_idx").on("payments").column("order_id").execute();

  await db.schema
    .createTable("refunds")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("order_id", "integer", (c) => c.notNull().references("orders.id").onDelete("cascade"))
    .addColumn("order_part_id", "integer", (c) => c.references("order_parts.id").onDelete("cascade"))
    .addColumn("amount", "integer", (c) => c.notNull().check(sql`amount > 0`))
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("provider", "text", (c) => c.notNull().check(check("provider", ["bank_transfer", "stripe"])))
    .addColumn("provider_ref", "text")
    .addColumn("created_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex("refunds_order_idx").on("refunds").column("order_id").execute();

  // Payouts ledger: signed entries per artisan; settlements are negative entries.
  await db.schema
    .createTable("payout_entries")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("artisan_id", "integer", (c) => c.notNull().references("artisans.id"))
    .addColumn("order_part_id", "integer", (c) => c.references("order_parts.id").onDelete("set null"))
    .addColumn("kind", "text", (c) => c.notNull().check(check("kind", ["owed", "fee", "reversal", "settlement"])))
    .addColumn("amount", "integer", (c) => c.notNull())
    .addColumn("reference", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("occurred_on", "text", (c) => c.notNull())
    .addColumn("created_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex("payout_entries_artisan_idx").on("payout_entries").columns(["artisan_id", "occurred_on"]).execute();

  // ---------- inquiries ----------
  await db.schema
    .createTable("inquiries")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("token", "text", (c) => c.notNull().unique())
    .addColumn("artisan_id", "integer", (c) => c.notNull().references("artisans.id").onDelete("cascade"))
    .addColumn("product_id", "integer", (c) => c.references("products.id").onDelete("set null"))
    .addColumn("event_id", "integer", (c) => c.references("events.id").onDelete("set null"))
    .addColumn("buyer_user_id", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("buyer_name", "text", (c) => c.notNull())
    .addColumn("buyer_email", "text", (c) => c.notNull())
    .addColumn("buyer_country", "text")
    .addColumn("kind", "text", (c) =>
      c.notNull().check(check("kind", ["product", "custom", "wholesale", "exhibition"])),
    )
    .addColumn("quantity", "integer")
    .addColumn("budget", "integer")
    .addColumn("locale", "text", (c) => c.notNull().defaultTo("id"))
    .addColumn("status", "text", (c) =>
      c.notNull().defaultTo("new").check(check("status", ["new", "answered", "converted", "closed", "spam"])),
    )
    .addColumn("source", "text", (c) =>
      c
        .notNull()
        .defaultTo("direct")
        .check(check("source", ["product_page", "artisan_page", "event_page", "search", "link", "whatsapp", "direct"])),
    )
    .addColumn("source_link_id", "integer", (c) => c.references("links.id").onDelete("set null"))
    .addColumn("converted_order_id", "integer", (c) => c.references("orders.id").onDelete("set null"))
    .addColumn("offline_sale_amount", "integer", (c) => c.check(sql`offline_sale_amount is null or offline_sale_amount > 0`))
    .addColumn("offline_sale_on", "text")
    .addColumn("first_response_at", "text")
    .addColumn("ip_hash", "text")
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(now))
    .addColumn("updated_at", "text", (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex("inquiries_artisan_idx").on("inquiries").columns(["artisan_id", "status", "created_at"]).execute();
  await db.schema.createIndex("inquiries_buyer_idx").on("inquiries").column("buyer_user_id").execute();

  await db.schema
    .createTable("inquiry_messages")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("inquiry_id", "integer", (c) => c.notNull().references("inquiries.id").onDelete("cascade"))
    .addColumn("author", "text", (c) => c.notNull().check(check("author", ["buyer", "artisan"])))
    .addColumn("author_user_id", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("read_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex("inquiry_messages_inquiry_idx").on("inquiry_messages").columns(["inquiry_id", "created_at"]).execute();

  // ---------- visits (raw) and daily rollups ----------
  await db.schema
    .createTable("visits")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("occurred_at", "text", (c) => c.notNull())
    .addColumn("day", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) =>
      c
        .notNull()
        .check(check("kind", ["product_view", "motif_view", "artisan_view", "event_view", "link_visit", "whatsapp_click"])),
    )
    .addColumn("artisan_id", "integer", (c) => c.references("artisans.id").onDelete("cascade"))
    .addColumn("product_id", "integer", (c) => c.references("products.id").onDelete("set null"))
    .addColumn("motif_id", "integer", (c) => c.references("motifs.id").onDelete("set null"))
    .addColumn("event_id", "integer", (c) => c.references("events.id").onDelete("set null"))
    .addColumn("link_id", "integer", (c) => c.references("links.id").onDelete("set null"))
    // Salted hash of the IP and user agent: counts distinct visitors without keeping the IP.
    .addColumn("visitor_hash", "text", (c) => c.notNull())
    .addColumn("country", "text")
    .addColumn("referrer_host", "text")
    .execute();
  await db.schema.createIndex("visits_day_idx").on("visits").columns(["day", "artisan_id"]).execute();

  await db.schema
    .createTable("daily_artisan_stats")
    .addColumn("day", "text", (c) => c.notNull())
    .addColumn("artisan_id", "integer", (c) => c.notNull().references("artisans.id").onDelete("cascade"))
    .addColumn("product_views", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("profile_views", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("motif_views", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("distinct_visitors", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("whatsapp_clicks", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("inquiries", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("converted_inquiries", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("orders", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("revenue", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("refunds", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("offline_sales", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("computed_at", "text", (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint("daily_artisan_stats_pk", ["day", "artisan_id"])
    .execute();

  await db.schema
    .createTable("daily_event_stats")
    .addColumn("day", "text", (c) => c.notNull())
    .addColumn("event_id", "integer", (c) => c.notNull().references("events.id").onDelete("cascade"))
    .addColumn("artisan_id", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("link_visits", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("inquiries", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("orders", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("revenue", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("computed_at", "text", (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint("daily_event_stats_pk", ["day", "event_id", "artisan_id"])
    .execute();

  // ---------- programmes ----------
  await db.schema
    .createTable("programmes")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("agency_id", "integer", (c) => c.notNull().references("agencies.id"))
    .addColumn("title_id", "text", (c) => c.notNull())
    .addColumn("title_en", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("description_id", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("description_en", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("kind", "text", (c) =>
      c.notNull().check(check("kind", ["training", "facility_grant", "exhibition", "legality"])),
    )
    .addColumn("budget", "integer", (c) => c.notNull().defaultTo(0).check(sql`budget >= 0`))
    .addColumn("funding_source", "text", (c) =>
      c.notNull().check(check("funding_source", ["apbd", "apbn", "csr", "donor", "other"])),
    )
    .addColumn("starts_on", "text", (c) => c.notNull())
    .addColumn("ends_on", "text", (c) => c.notNull())
    .addColumn("created_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(now))
    .execute();

  await db.schema
    .createTable("programme_participants")
    .addColumn("programme_id", "integer", (c) => c.notNull().references("programmes.id").onDelete("cascade"))
    .addColumn("artisan_id", "integer", (c) => c.notNull().references("artisans.id").onDelete("cascade"))
    .addColumn("joined_on", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("programme_participants_pk", ["programme_id", "artisan_id"])
    .execute();

  await db.schema
    .createTable("programme_events")
    .addColumn("programme_id", "integer", (c) => c.notNull().references("programmes.id").onDelete("cascade"))
    .addColumn("event_id", "integer", (c) => c.notNull().references("events.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("programme_events_pk", ["programme_id", "event_id"])
    .execute();

  // ---------- jobs, mail outbox, audit log ----------
  await db.schema
    .createTable("jobs")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("payload", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("status", "text", (c) =>
      c.notNull().defaultTo("queued").check(check("status", ["queued", "running", "succeeded", "dead"])),
    )
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("max_attempts", "integer", (c) => c.notNull().defaultTo(5))
    .addColumn("run_at", "text", (c) => c.notNull().defaultTo(now))
    .addColumn("locked_until", "text")
    .addColumn("locked_by", "text")
    .addColumn("last_error", "text")
    .addColumn("dedupe_key", "text")
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(now))
    .addColumn("updated_at", "text", (c) => c.notNull().defaultTo(now))
    .addColumn("finished_at", "text")
    .execute();
  await db.schema.createIndex("jobs_ready_idx").on("jobs").columns(["status", "run_at"]).execute();
  await sql`create unique index jobs_dedupe_idx on jobs (dedupe_key) where dedupe_key is not null and status in ('queued', 'running')`.execute(db);

  await db.schema
    .createTable("mail_outbox")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("message_id", "text", (c) => c.notNull().unique())
    .addColumn("to_address", "text", (c) => c.notNull())
    .addColumn("to_name", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("template", "text", (c) => c.notNull())
    .addColumn("locale", "text", (c) => c.notNull().defaultTo("id"))
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("text_body", "text", (c) => c.notNull())
    .addColumn("html_body", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) =>
      c.notNull().defaultTo("queued").check(check("status", ["queued", "sent", "held", "failed"])),
    )
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("last_error", "text")
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(now))
    .addColumn("sent_at", "text")
    .execute();
  await db.schema.createIndex("mail_outbox_status_idx").on("mail_outbox").columns(["status", "created_at"]).execute();

  await db.schema
    .createTable("audit_log")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("actor_user_id", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("subject_type", "text", (c) => c.notNull())
    .addColumn("subject_id", "text", (c) => c.notNull())
    .addColumn("details", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex("audit_log_subject_idx").on("audit_log").columns(["subject_type", "subject_id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  const tables = [
    "audit_log", "mail_outbox", "jobs", "programme_events", "programme_participants", "programmes",
    "daily_event_stats", "daily_artisan_stats", "visits", "inquiry_messages", "inquiries", "payout_entries",
    "refunds", "payments", "order_lines", "order_parts", "orders", "links", "event_exhibitors", "events",
    "product_images", "product_motifs", "products", "motif_images", "motifs", "artisan_images", "facility_needs",
    "legal_documents", "artisan_facts", "artisan_consents", "artisans", "image_variants", "images",
    "association_officers", "agency_staff", "user_roles", "users", "associations", "agencies",
  ];
  for (const table of tables) await db.schema.dropTable(table).ifExists().execute();
}

import { sql, type Kysely } from "kysely";

/**
 * Inquiry threads (issue 6).
 * - inquiry_message_images: photos attached to a message (a fabric sample,
 *   a reference design for a custom order), through the image pipeline.
 *   Removed with the message; the image row is deleted when nothing else
 *   uses it.
 * - inquiry_blocks: senders an artisan blocked (by e-mail address, lower
 *   case). Their later inquiries to that shop are filed straight as spam, so
 *   nothing is lost and the artisan can still look and unblock.
 * - indexes for the sliding-window rate limits (inquiries per e-mail and per
 *   salted IP hash in the last hour) and for the buyer's list of threads.
 * Frozen in time: imports nothing from app/.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;
  await db.schema
    .createTable("inquiry_message_images")
    .addColumn("message_id", "integer", (c) => c.notNull().references("inquiry_messages.id").onDelete("cascade"))
    .addColumn("image_id", "integer", (c) => c.notNull().references("images.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("inquiry_message_images_pk", ["message_id", "image_id"])
    .execute();
  await db.schema.createIndex("inquiry_message_images_image_idx").on("inquiry_message_images").column("image_id").execute();

  await db.schema
    .createTable("inquiry_blocks")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("artisan_id", "integer", (c) => c.notNull().references("artisans.id").onDelete("cascade"))
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("created_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint("inquiry_blocks_artisan_email_uq", ["artisan_id", "email"])
    .execute();

  await db.schema.createIndex("inquiries_email_time_idx").on("inquiries").columns(["buyer_email", "created_at"]).execute();
  await db.schema.createIndex("inquiries_ip_time_idx").on("inquiries").columns(["ip_hash", "created_at"]).execute();
  await db.schema.createIndex("inquiry_messages_unread_idx").on("inquiry_messages").columns(["inquiry_id", "author", "read_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("inquiry_messages_unread_idx").ifExists().execute();
  await db.schema.dropIndex("inquiries_ip_time_idx").ifExists().execute();
  await db.schema.dropIndex("inquiries_email_time_idx").ifExists().execute();
  await db.schema.dropTable("inquiry_blocks").ifExists().execute();
  await db.schema.dropTable("inquiry_message_images").ifExists().execute();
}

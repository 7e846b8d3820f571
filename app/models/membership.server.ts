import { getDb } from "~/utils/db.server";
import { ModelError, type DB } from "./common.server";

/**
 * Until the association has verified a shop's membership, the shop may
 * prepare drafts but may not publish products or apply to events: 403
 * `artisan_not_verified`. (Its own module: product and event models need it,
 * and artisan.server already imports product.server.)
 */
export async function assertArtisanVerified(args: { artisanId: number }, db: DB = getDb()): Promise<void> {
  const row = await db.selectFrom("artisans").select("membership_status").where("id", "=", args.artisanId).executeTakeFirst();
  if (!row) throw new ModelError("not_found", "No such artisan", 404);
  if (row.membership_status !== "verified") {
    throw new ModelError("artisan_not_verified", "The association has not verified this shop yet: it cannot publish products or apply to events", 403);
  }
}

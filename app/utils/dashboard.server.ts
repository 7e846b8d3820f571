import { getDb } from "~/utils/db.server";
import { requireRole } from "~/utils/auth.server";
import type { SessionUser } from "~/utils/session.server";

export type DashboardShop = {
  id: number;
  slug: string;
  name: string;
  membership_status: "pending" | "verified" | "rejected" | "lapsed";
  status: "active" | "archived";
};

/**
 * The signed-in artisan and the shop their dashboard manages. Every
 * /dashboard loader and action starts with this: not signed in → log-in
 * redirect; no artisan role → 403; no shop linked to the account → 403.
 * A person owning several shops manages the oldest (lowest id) here; a shop
 * switcher can come when someone really has two.
 * Ownership of anything inside the shop (a product, a photo, a document) is
 * checked by the model with `shop.id` — never trust an id from the form alone.
 */
export async function requireArtisanShop(request: Request): Promise<{ user: SessionUser; shop: DashboardShop }> {
  const user = await requireRole(request, "artisan");
  const shop = await getDb()
    .selectFrom("artisans")
    .select(["id", "slug", "name", "membership_status", "status"])
    .where("owner_user_id", "=", user.id)
    .orderBy("id")
    .executeTakeFirst();
  if (!shop) throw new Response("Forbidden: no shop is linked to this account", { status: 403 });
  return { user, shop };
}

/** A numeric route or form id, or a 404 (never a 500) for anything else. */
export function idParam(value: string | undefined | null): number {
  if (!value || !/^[1-9]\d{0,9}$/.test(value)) throw new Response("Not Found", { status: 404 });
  return Number(value);
}

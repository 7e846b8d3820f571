import { getDb } from "~/utils/db.server";
import { assertSlug, isoAt, type DB } from "./common.server";

export type AgencyKind = "cooperatives_msme" | "industry_trade" | "culture_tourism" | "dekranasda" | "other";

export async function createAgency(
  args: { slug: string; name: string; shortName?: string | null; kind: AgencyKind; region: "kota" | "kabupaten" | "province"; now?: Date },
  db: DB = getDb(),
): Promise<{ id: number }> {
  return db
    .insertInto("agencies")
    .values({
      slug: assertSlug(args.slug),
      name: args.name,
      short_name: args.shortName ?? null,
      kind: args.kind,
      region: args.region,
      created_at: isoAt(args.now),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
}

export async function listAgencies(db: DB = getDb()) {
  return db.selectFrom("agencies").select(["id", "slug", "name", "short_name", "kind", "region"]).orderBy("region").orderBy("name").execute();
}

export async function getAgencyBySlug(args: { slug: string }, db: DB = getDb()) {
  return (await db
    .selectFrom("agencies")
    .select(["id", "slug", "name", "short_name", "kind", "region"])
    .where("slug", "=", args.slug)
    .executeTakeFirst()) ?? null;
}

/** The agencies a staff member works for (an agency user may serve several). */
export async function listAgenciesOfUser(args: { userId: number }, db: DB = getDb()) {
  return db
    .selectFrom("agency_staff as s")
    .innerJoin("agencies as a", "a.id", "s.agency_id")
    .select(["a.id", "a.slug", "a.name", "a.short_name", "a.kind", "a.region"])
    .where("s.user_id", "=", args.userId)
    .orderBy("a.name")
    .execute();
}

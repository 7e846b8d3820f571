import { getDb } from "~/utils/db.server";
import { assertSlug, isoAt, type DB } from "./common.server";

export async function createAssociation(
  args: { slug: string; name: string; shortName: string; region: "kota" | "kabupaten" | "both"; foundedYear?: number | null; now?: Date },
  db: DB = getDb(),
): Promise<{ id: number }> {
  return db
    .insertInto("associations")
    .values({
      slug: assertSlug(args.slug),
      name: args.name,
      short_name: args.shortName,
      region: args.region,
      founded_year: args.foundedYear ?? null,
      created_at: isoAt(args.now),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
}

export async function listAssociations(db: DB = getDb()) {
  return db.selectFrom("associations").select(["id", "slug", "name", "short_name", "region", "founded_year"]).orderBy("name").execute();
}

/** The associations an officer acts for (membership verification is scoped to them). */
export async function listAssociationsOfUser(args: { userId: number }, db: DB = getDb()) {
  return db
    .selectFrom("association_officers as o")
    .innerJoin("associations as a", "a.id", "o.association_id")
    .select(["a.id", "a.slug", "a.name", "a.short_name", "a.region"])
    .where("o.user_id", "=", args.userId)
    .orderBy("a.name")
    .execute();
}

import { sql, type SelectQueryBuilder } from "kysely";
import type { Database } from "#db/schema";
import { getDb } from "~/utils/db.server";
import { chunk, type DB } from "./common.server";
import { getImageRefs, type ImageRef } from "./image.server";

/**
 * What the sitemap lists: every public detail page, by kind, with its
 * last change and its pictures. "Public" is what the pages themselves show:
 * published motifs; published products of active, verified shops; active,
 * verified shops; published and cancelled events (a cancelled event keeps
 * its page so visitors learn of it).
 */
export const SITEMAP_KINDS = ["motifs", "products", "artisans", "events"] as const;
export type SitemapKind = (typeof SITEMAP_KINDS)[number];

export type SitemapEntry = { slug: string; updated_at: string; images: ImageRef[] };

/** The four queries differ only in their table and filters; seen through the columns they share. */
type PublicRows = SelectQueryBuilder<Database & { x: { id: number; slug: string; updated_at: string } }, "x", object>;

function publicRows(kind: SitemapKind, db: DB): PublicRows {
  return publicRowsOf(kind, db) as unknown as PublicRows;
}

function publicRowsOf(kind: SitemapKind, db: DB) {
  switch (kind) {
    case "motifs":
      return db.selectFrom("motifs as x").where("x.status", "=", "published");
    case "products":
      return db
        .selectFrom("products as x")
        .innerJoin("artisans as a", "a.id", "x.artisan_id")
        .where("x.status", "=", "published")
        .where("a.status", "=", "active")
        .where("a.membership_status", "=", "verified");
    case "artisans":
      return db.selectFrom("artisans as x").where("x.status", "=", "active").where("x.membership_status", "=", "verified");
    case "events":
      return db.selectFrom("events as x").where("x.status", "in", ["published", "cancelled"]);
  }
}

/** How many public pages of a kind there are, and the latest change among them (null when none). */
export async function sitemapStats(kind: SitemapKind, db: DB = getDb()): Promise<{ count: number; lastmod: string | null }> {
  // Each branch is its own query type; the selection is the same for all.
  const row = (await publicRows(kind, db)
    .select((eb) => [eb.fn.countAll<number>().as("n"), eb.fn.max("x.updated_at").as("lastmod")])
    .executeTakeFirst());
  return { count: Number(row?.n ?? 0), lastmod: row?.lastmod ?? null };
}

/** Image ids per page, in the order the page shows them. */
async function imageIds(kind: SitemapKind, ids: number[], db: DB): Promise<Map<number, number[]>> {
  const result = new Map<number, number[]>();
  const add = (owner: number, image: number | null) => {
    if (image == null) return;
    const list = result.get(owner) ?? [];
    list.push(image);
    result.set(owner, list);
  };
  for (const part of chunk(ids, 500)) {
    if (kind === "products") {
      const rows = await db
        .selectFrom("product_images")
        .select(["product_id as owner", "image_id"])
        .where("product_id", "in", part)
        .orderBy("position")
        .orderBy("image_id")
        .execute();
      for (const r of rows) add(r.owner, r.image_id);
    } else if (kind === "motifs") {
      const rows = await db
        .selectFrom("motif_images")
        .select(["motif_id as owner", "image_id"])
        .where("motif_id", "in", part)
        .orderBy("position")
        .orderBy("image_id")
        .execute();
      for (const r of rows) add(r.owner, r.image_id);
    } else if (kind === "artisans") {
      const rows = await db.selectFrom("artisans").select(["id as owner", "profile_image_id as image_id"]).where("id", "in", part).execute();
      for (const r of rows) add(r.owner, r.image_id);
    } else {
      const rows = await db.selectFrom("events").select(["id as owner", "image_id"]).where("id", "in", part).execute();
      for (const r of rows) add(r.owner, r.image_id);
    }
  }
  return result;
}

/** One slice of a kind's public pages in id order (stable across requests), with their ready pictures. */
export async function listSitemapEntries(
  args: { kind: SitemapKind; offset: number; limit: number },
  db: DB = getDb(),
): Promise<SitemapEntry[]> {
  const rows = (await publicRows(args.kind, db)
    .select(["x.id", "x.slug", "x.updated_at"])
    .orderBy("x.id")
    .limit(args.limit)
    .offset(args.offset)
    .execute());
  const byOwner = await imageIds(
    args.kind,
    rows.map((r) => r.id),
    db,
  );
  const refs = await getImageRefs({ ids: [...byOwner.values()].flat() }, db);
  return rows.map((r) => ({
    slug: r.slug,
    updated_at: r.updated_at,
    images: (byOwner.get(r.id) ?? []).flatMap((id) => refs.get(id) ?? []),
  }));
}

/**
 * Where a public product stands among its "twins": public products of the
 * same shop with the same title in this language (a shop may sell the same
 * cloth in several sizes or batches). Page titles number the twins after the
 * first, so no two pages share a title.
 */
export async function productTwinRank(
  args: { productId: number; locale: "id" | "en" },
  db: DB = getDb(),
): Promise<{ rank: number; total: number }> {
  const title = args.locale === "en" ? sql<string>`coalesce(nullif(trim(p.title_en), ''), p.title_id)` : sql<string>`p.title_id`;
  const twinTitle = args.locale === "en" ? sql<string>`coalesce(nullif(trim(t.title_en), ''), t.title_id)` : sql<string>`t.title_id`;
  const row = await db
    .selectFrom("products as p")
    .innerJoin("products as t", (j) => j.onRef("t.artisan_id", "=", "p.artisan_id"))
    .where("p.id", "=", args.productId)
    .where("t.status", "=", "published")
    .where(sql<boolean>`${twinTitle} = ${title}`)
    .select((eb) => [eb.fn.countAll<number>().as("total"), sql<number>`sum(case when t.id <= p.id then 1 else 0 end)`.as("rank")])
    .executeTakeFirst();
  return { rank: Number(row?.rank ?? 1), total: Number(row?.total ?? 1) };
}

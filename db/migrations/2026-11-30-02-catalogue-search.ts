import { sql, type Kysely } from "kysely";

/**
 * Catalogue search: an FTS5 index over the public text of every product.
 *
 * catalogue_fts has one row per product (rowid = products.id) with the titles
 * and descriptions in both languages, the names of its motifs, its artisan's
 * name and place (village, district). All products are indexed; the search
 * joins back to products/artisans for the public filter (published, active,
 * verified), so publishing or a shop's verification needs no index change.
 * The tokenizer folds case and diacritics ("tulís" finds "tulis"); prefix
 * indexes of 2 and 3 characters make "kaw*" cheap.
 *
 * Triggers keep the index in step with every write (in the writer's own
 * transaction): a product's text or artisan changes, motif links are added or
 * removed, a motif is renamed or published/withdrawn (only published motif
 * names are indexed, as product pages show only those), an artisan is renamed
 * or moves. Each trigger
 * deletes the affected rows and re-inserts them from the base tables.
 *
 * Misspellings are handled in the model with an edit-distance pass over the
 * motif and artisan names (a few dozen to a few thousand short strings), so
 * no second index is needed.
 * Frozen in time: imports nothing from app/.
 */
const ROW = (where: string) => `
  insert into catalogue_fts (rowid, title_id, title_en, description_id, description_en, motifs, artisan, place)
  select p.id, p.title_id, p.title_en, p.description_id, p.description_en,
    coalesce((select group_concat(m.name, ' ') from product_motifs pm join motifs m on m.id = pm.motif_id where pm.product_id = p.id and m.status = 'published'), ''),
    a.name, a.village || ' ' || a.district
  from products p join artisans a on a.id = p.artisan_id
  where ${where};`;

const TRIGGERS: [string, string][] = [
  ["catalogue_fts_product_insert", `after insert on products begin ${ROW("p.id = new.id")} end`],
  [
    "catalogue_fts_product_update",
    `after update of title_id, title_en, description_id, description_en, artisan_id on products begin
      delete from catalogue_fts where rowid = old.id; ${ROW("p.id = new.id")} end`,
  ],
  ["catalogue_fts_product_delete", `after delete on products begin delete from catalogue_fts where rowid = old.id; end`],
  [
    "catalogue_fts_link_insert",
    `after insert on product_motifs begin delete from catalogue_fts where rowid = new.product_id; ${ROW("p.id = new.product_id")} end`,
  ],
  [
    "catalogue_fts_link_delete",
    `after delete on product_motifs begin delete from catalogue_fts where rowid = old.product_id; ${ROW("p.id = old.product_id")} end`,
  ],
  [
    "catalogue_fts_motif_rename",
    `after update of name, status on motifs begin
      delete from catalogue_fts where rowid in (select product_id from product_motifs where motif_id = new.id);
      ${ROW("p.id in (select product_id from product_motifs where motif_id = new.id)")} end`,
  ],
  [
    "catalogue_fts_artisan_update",
    `after update of name, village, district on artisans begin
      delete from catalogue_fts where rowid in (select id from products where artisan_id = new.id);
      ${ROW("p.artisan_id = new.id")} end`,
  ],
];

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create virtual table catalogue_fts using fts5(
    title_id, title_en, description_id, description_en, motifs, artisan, place,
    tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
  )`.execute(db);
  for (const [name, body] of TRIGGERS) await sql.raw(`create trigger ${name} ${body}`).execute(db);
  await sql.raw(ROW("1")).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [name] of [...TRIGGERS].reverse()) await sql.raw(`drop trigger if exists ${name}`).execute(db);
  await sql`drop table if exists catalogue_fts`.execute(db);
}

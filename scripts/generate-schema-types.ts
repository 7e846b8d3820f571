/**
 * Writes db/schema.ts from a migrated database: one interface per table,
 * CHECK (x in (...)) lists as string unions. Run after adding a migration:
 *   npx tsx scripts/migrate.ts /tmp/schema.sqlite && npx tsx scripts/generate-schema-types.ts /tmp/schema.sqlite > db/schema.ts
 */
import SQLite from "better-sqlite3";
const db = new SQLite(process.argv[2]);
const all = db.prepare("select name, sql from sqlite_master where type='table' and name not like 'sqlite_%' and name not like 'kysely_%' order by rowid").all() as { name: string; sql: string }[];
// An FTS5 table keeps its index in shadow tables (<name>_data, _idx, _content, _docsize, _config): internal, not for queries.
const fts = all.filter((t) => /create virtual table/i.test(t.sql) && /using fts5/i.test(t.sql)).map((t) => t.name);
const isShadow = (name: string) => fts.some((v) => ["data", "idx", "content", "docsize", "config"].some((suffix) => name === `${v}_${suffix}`));
const tables = all.filter((t) => !isShadow(t.name));
const pascal = (s: string) => s.split("_").map((p) => p[0].toUpperCase() + p.slice(1)).join("");
let out = `import type { ColumnType, Insertable, Selectable, Updateable } from "kysely";\n\n/** Columns the database fills in (primary keys, defaults). */\ntype Generated<T> = ColumnType<T, T | undefined, T>;\n\n`;
const dbLines: string[] = [];
for (const { name } of tables) {
  const cols = db.prepare(`pragma table_info(${name})`).all() as any[];
  const createSql = (db.prepare("select sql from sqlite_master where name = ?").get(name) as { sql: string }).sql;
  // CHECK (column in ('a', 'b')) constraints become string unions.
  const unions = new Map<string, string>();
  for (const m of createSql.matchAll(/check \((\w+) in \(([^)]+)\)\)/gi)) unions.set(m[1], m[2].split(",").map((v) => `"${v.trim().slice(1, -1)}"`).join(" | "));
  const iface = pascal(name) + "Table";
  out += `export interface ${iface} {\n`;
  for (const c of cols) {
    let t = unions.get(c.name) ?? (c.type.toLowerCase() === "integer" ? "number" : "string");
    const nullable = !c.notnull && !(c.pk && c.type.toLowerCase() === "integer");
    if (nullable) t += " | null";
    const gen = c.dflt_value !== null || (c.pk === 1 && c.type.toLowerCase() === "integer" && cols.filter((x:any)=>x.pk).length === 1);
    out += `  ${c.name}: ${gen ? `Generated<${t}>` : t};\n`;
  }
  out += `}\n`;
  const single = name.endsWith("ies") ? name.slice(0, -3) + "y" : name.endsWith("s") ? name.slice(0, -1) : name;
  const P = pascal(single);
  out += `export type ${P} = Selectable<${iface}>;\nexport type New${P} = Insertable<${iface}>;\nexport type ${P}Update = Updateable<${iface}>;\n\n`;
  dbLines.push(`  ${name}: ${iface};`);
}
out += `export interface Database {\n${dbLines.join("\n")}\n}\n`;
process.stdout.write(out);

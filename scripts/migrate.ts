import { promises as fs } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Migrator, type Kysely, type Migration, type MigrationProvider } from "kysely";

const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../db/migrations");

/** Reads db/migrations/*.ts in name order (names start with the date, so order is history). */
class DirectoryMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const files = (await fs.readdir(MIGRATIONS_DIR)).filter((f) => /^\d{4}-\d{2}-\d{2}-\d{2}-.+\.ts$/.test(f)).sort();
    const migrations: Record<string, Migration> = {};
    for (const file of files) {
      const mod = (await import(pathToFileURL(path.join(MIGRATIONS_DIR, file)).href)) as Migration;
      migrations[file.replace(/\.ts$/, "")] = mod;
    }
    return migrations;
  }
}

/** Applies every pending migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<any>, log: (line: string) => void = () => {}) {
  const migrator = new Migrator({ db, provider: new DirectoryMigrationProvider() });
  const { error, results } = await migrator.migrateToLatest();
  for (const r of results ?? []) {
    if (r.status === "Success") log(`migration applied: ${r.migrationName}`);
    else if (r.status === "Error") log(`migration failed: ${r.migrationName}`);
  }
  if (error) throw error instanceof Error ? error : new Error(String(error));
}

async function main() {
  const { getEnv } = await import("../app/utils/env.server");
  const { createDb } = await import("../app/utils/db.server");
  const file = process.argv[2] ?? getEnv().DATABASE_PATH;
  const db = createDb(file);
  try {
    await migrateToLatest(db, (l) => console.log(l));
    console.log(`database ${file} is at the latest migration`);
  } finally {
    await db.destroy();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}

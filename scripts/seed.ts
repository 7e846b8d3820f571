/**
 * Loads the demo data set into the configured database (DATABASE_PATH),
 * migrating it first. Images go to UPLOADS_DIR.
 *
 *   npx tsx scripts/seed.ts            seed only if the database is empty
 *   npx tsx scripts/seed.ts --force    seed; refuses unless the database is empty
 *   npx tsx scripts/seed.ts --reset    delete the database file first, then seed
 *   --seed=<text>                      another PRNG seed (default: the fixed demo seed)
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createDb } from "../app/utils/db.server";
import { parseEnv } from "../app/utils/env.server";
import { isEmpty, seedDemoData, seedIfEmpty } from "../db/seed/index";
import { migrateToLatest } from "./migrate";

/** A wrong command line: printed as a plain message, without a stack trace. */
class UsageError extends Error {}

export function parseSeedArgs(argv: string[]): { force: boolean; reset: boolean; seed?: string } {
  const known = new Set(["--force", "--reset"]);
  let seed: string | undefined;
  for (const arg of argv) {
    if (arg.startsWith("--seed=")) seed = arg.slice("--seed=".length);
    else if (!known.has(arg)) throw new UsageError(`Unknown argument: ${arg}\nUsage: tsx scripts/seed.ts [--force] [--reset] [--seed=<text>]`);
  }
  return { force: argv.includes("--force"), reset: argv.includes("--reset"), seed };
}

async function main() {
  const options = parseSeedArgs(process.argv.slice(2));
  const env = parseEnv();
  const file = env.DATABASE_PATH;
  const started = performance.now();
  if (options.reset && file !== ":memory:") {
    // The WAL and shared-memory files belong to the database: a stale WAL would replay old pages.
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${file}${suffix}`, { force: true });
    console.log(`deleted ${file}`);
  }
  const db = createDb(file);
  try {
    await migrateToLatest(db, (line) => console.log(line));
    const log = (line: string) => console.log(line);
    if (options.force || options.reset) {
      if (!(await isEmpty(db))) {
        console.error(`${file} already holds data: refusing to seed over it. Use --reset to delete the database and seed again.`);
        process.exitCode = 1;
        return;
      }
      const summary = await seedDemoData(db, log, { seed: options.seed, imagesDir: env.UPLOADS_DIR });
      if (!summary) {
        console.error(`${file} was seeded by another process meanwhile: nothing done.`);
        process.exitCode = 1;
        return;
      }
      console.log(
        `seeded ${path.resolve(file)}: ${summary.motifs} motifs, ${summary.artisans} artisans, ${summary.products} products, ${summary.events} events, ` +
          `${summary.orders} orders, ${summary.inquiries} inquiries, ${summary.visits} visits, ${summary.images} images`,
      );
    } else if (!(await seedIfEmpty(db, log, { seed: options.seed, imagesDir: env.UPLOADS_DIR }))) {
      console.log(`${file} already holds data: nothing to do (use --reset to start over)`);
    }
    console.log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await db.destroy();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    console.error(err instanceof UsageError ? err.message : err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  });
}

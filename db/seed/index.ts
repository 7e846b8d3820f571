import type { Kysely } from "kysely";
import type { Database } from "../schema";

/** Loads the demo data set when the database holds no motifs yet. Returns whether it seeded. */
export async function seedIfEmpty(_db: Kysely<Database>, _log: (line: string) => void = () => {}): Promise<boolean> {
  return false;
}

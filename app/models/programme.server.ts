import { getDb } from "~/utils/db.server";
import { assertNonNegativeInt, isoAt, ModelError, type DB } from "./common.server";

export type ProgrammeKind = "training" | "facility_grant" | "exhibition" | "legality";
export type FundingSource = "apbd" | "apbn" | "csr" | "donor" | "other";

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * An agency's programme (training, facility grant, funded exhibition,
 * legality facilitation) with its budget (whole rupiah) and funding source;
 * dates are WIB days. Outcome evaluation compares participants before/after.
 */
export async function createProgramme(
  args: {
    agencyId: number;
    titleId: string;
    titleEn?: string;
    descriptionId?: string;
    descriptionEn?: string;
    kind: ProgrammeKind;
    budget: number;
    fundingSource: FundingSource;
    startsOn: string;
    endsOn: string;
    createdBy?: number | null;
    now?: Date;
  },
  db: DB = getDb(),
): Promise<{ id: number }> {
  const titleId = args.titleId.trim();
  if (!titleId || titleId.length > 200) throw new ModelError("invalid_title");
  assertNonNegativeInt(args.budget, "invalid_budget");
  if (!DAY_RE.test(args.startsOn) || !DAY_RE.test(args.endsOn)) throw new ModelError("invalid_date");
  if (args.endsOn < args.startsOn) throw new ModelError("ends_before_start");
  return db
    .insertInto("programmes")
    .values({
      agency_id: args.agencyId,
      title_id: titleId,
      title_en: args.titleEn?.trim() ?? "",
      description_id: args.descriptionId ?? "",
      description_en: args.descriptionEn ?? "",
      kind: args.kind,
      budget: args.budget,
      funding_source: args.fundingSource,
      starts_on: args.startsOn,
      ends_on: args.endsOn,
      created_by: args.createdBy ?? null,
      created_at: isoAt(args.now),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
}

/** Adds a participating artisan (once; a repeat keeps the first joining day). */
export async function addProgrammeParticipant(
  args: { programmeId: number; artisanId: number; joinedOn: string },
  db: DB = getDb(),
): Promise<void> {
  if (!DAY_RE.test(args.joinedOn)) throw new ModelError("invalid_date");
  await db
    .insertInto("programme_participants")
    .values({ programme_id: args.programmeId, artisan_id: args.artisanId, joined_on: args.joinedOn })
    .onConflict((oc) => oc.columns(["programme_id", "artisan_id"]).doNothing())
    .execute();
}

/** Links a calendar event to a programme (its sessions, the exhibition it funds). */
export async function linkProgrammeEvent(args: { programmeId: number; eventId: number }, db: DB = getDb()): Promise<void> {
  await db
    .insertInto("programme_events")
    .values({ programme_id: args.programmeId, event_id: args.eventId })
    .onConflict((oc) => oc.columns(["programme_id", "event_id"]).doNothing())
    .execute();
}

export async function listProgrammes(args: { agencyId?: number } = {}, db: DB = getDb()) {
  let query = db
    .selectFrom("programmes as p")
    .innerJoin("agencies as g", "g.id", "p.agency_id")
    .select([
      "p.id",
      "p.title_id",
      "p.title_en",
      "p.kind",
      "p.budget",
      "p.funding_source",
      "p.starts_on",
      "p.ends_on",
      "g.name as agency_name",
      "g.short_name as agency_short_name",
      (eb) =>
        eb
          .selectFrom("programme_participants as pp")
          .select((eb2) => eb2.fn.countAll<number>().as("n"))
          .whereRef("pp.programme_id", "=", "p.id")
          .as("participant_count"),
    ])
    .orderBy("p.starts_on", "desc");
  if (args.agencyId !== undefined) query = query.where("p.agency_id", "=", args.agencyId);
  return query.execute();
}

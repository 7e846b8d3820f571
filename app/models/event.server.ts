import { getDb } from "~/utils/db.server";
import { listArtisansByIds, type ArtisanSummary } from "./artisan.server";
import { recordAudit } from "./audit.server";
import { assertSlug, inTransaction, isoAt, ModelError, type DB } from "./common.server";
import { getImageRefs, type ImageRef } from "./image.server";
import { createLink } from "./link.server";
import { assertArtisanVerified } from "./membership.server";
import { listProductsOfArtisans, type ProductSummary } from "./product.server";

export type EventKind = "exhibition" | "festival" | "bazaar" | "training";
export const EVENT_KINDS: readonly EventKind[] = ["exhibition", "festival", "bazaar", "training"];

export type EventSummary = {
  id: number;
  slug: string;
  kind: EventKind;
  title_id: string;
  title_en: string;
  /** ISO UTC instants; shown in WIB. */
  starts_at: string;
  ends_at: string;
  all_day: boolean;
  venue: string;
  city: string;
  status: "published" | "cancelled";
  organizer: { name: string; short_name: string | null } | null;
  image: ImageRef | null;
};

export type EventDetail = EventSummary & {
  description_id: string;
  description_en: string;
  address: string;
  stands_capacity: number | null;
  application_deadline: string | null;
  /** Approved exhibitors that are public shops, each with up to 3 products. */
  exhibitors: (ArtisanSummary & { products: ProductSummary[] })[];
};

/** Public events: published, plus cancelled ones (kept visible so visitors learn of the cancellation). */
function publicEvents(db: DB) {
  return db
    .selectFrom("events as e")
    .leftJoin("agencies as g", "g.id", "e.organizer_agency_id")
    .where("e.status", "in", ["published", "cancelled"])
    .select([
      "e.id",
      "e.slug",
      "e.kind",
      "e.title_id",
      "e.title_en",
      "e.starts_at",
      "e.ends_at",
      "e.all_day",
      "e.venue",
      "e.city",
      "e.status",
      "e.image_id",
      "g.name as organizer_name",
      "g.short_name as organizer_short_name",
    ]);
}

type EventRow = {
  id: number;
  slug: string;
  kind: EventKind;
  title_id: string;
  title_en: string;
  starts_at: string;
  ends_at: string;
  all_day: number;
  venue: string;
  city: string;
  status: "draft" | "published" | "cancelled";
  image_id: number | null;
  organizer_name: string | null;
  organizer_short_name: string | null;
};

async function toSummaries(rows: EventRow[], db: DB): Promise<EventSummary[]> {
  const images = await getImageRefs({ ids: rows.flatMap((r) => (r.image_id == null ? [] : [r.image_id])) }, db);
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    kind: r.kind,
    title_id: r.title_id,
    title_en: r.title_en,
    starts_at: r.starts_at,
    ends_at: r.ends_at,
    all_day: r.all_day === 1,
    venue: r.venue,
    city: r.city,
    status: r.status === "cancelled" ? "cancelled" : "published",
    organizer: r.organizer_name ? { name: r.organizer_name, short_name: r.organizer_short_name } : null,
    image: r.image_id == null ? null : (images.get(r.image_id) ?? null),
  }));
}

function clampLimit(limit: number | undefined, fallback: number) {
  if (limit === undefined || !Number.isFinite(limit)) return fallback;
  return Math.min(Math.max(Math.trunc(limit), 1), 500);
}

/** Events that have not ended at `now` (running ones included), soonest first. */
export async function listUpcomingEvents(args: { now: Date; limit?: number }, db: DB = getDb()): Promise<EventSummary[]> {
  const rows = await publicEvents(db)
    .where("e.ends_at", ">=", isoAt(args.now))
    .orderBy("e.starts_at")
    .orderBy("e.id")
    .limit(clampLimit(args.limit, 100))
    .execute();
  return toSummaries(rows, db);
}

/** Events that ended before `now`, latest first. */
export async function listPastEvents(args: { now: Date; limit?: number }, db: DB = getDb()): Promise<EventSummary[]> {
  const rows = await publicEvents(db)
    .where("e.ends_at", "<", isoAt(args.now))
    .orderBy("e.starts_at", "desc")
    .orderBy("e.id", "desc")
    .limit(clampLimit(args.limit, 100))
    .execute();
  return toSummaries(rows, db);
}

/** Public events overlapping [from, to) — for the month grid and the iCalendar feed. */
export async function listEventsBetween(args: { from: Date; to: Date; kind?: EventKind }, db: DB = getDb()): Promise<EventSummary[]> {
  let query = publicEvents(db)
    .where("e.starts_at", "<", isoAt(args.to))
    .where("e.ends_at", ">=", isoAt(args.from))
    .orderBy("e.starts_at")
    .orderBy("e.id");
  if (args.kind) query = query.where("e.kind", "=", args.kind);
  return toSummaries(await query.execute(), db);
}

export async function getEventBySlug(args: { slug: string }, db: DB = getDb()): Promise<EventDetail | null> {
  const row = await publicEvents(db)
    .select(["e.description_id", "e.description_en", "e.address", "e.stands_capacity", "e.application_deadline"])
    .where("e.slug", "=", args.slug)
    .executeTakeFirst();
  if (!row) return null;
  const [summary] = await toSummaries([row], db);
  const approved = await db
    .selectFrom("event_exhibitors")
    .select("artisan_id")
    .where("event_id", "=", row.id)
    .where("status", "=", "approved")
    .orderBy("booth_label")
    .orderBy("id")
    .execute();
  const artisans = await listArtisansByIds({ ids: approved.map((x) => x.artisan_id) }, db);
  const products = await listProductsOfArtisans({ artisanIds: artisans.map((a) => a.id), perArtisan: 3 }, db);
  return {
    ...summary,
    description_id: row.description_id,
    description_en: row.description_en,
    address: row.address,
    stands_capacity: row.stands_capacity,
    application_deadline: row.application_deadline,
    exhibitors: artisans.map((a) => ({ ...a, products: products.get(a.id) ?? [] })),
  };
}

// ---------------------------------------------------------------- commands

export type EventInput = {
  slug: string;
  kind: EventKind;
  titleId: string;
  titleEn?: string;
  descriptionId?: string;
  descriptionEn?: string;
  /** ISO instants (WIB times converted to UTC by the caller). */
  startsAt: string;
  endsAt: string;
  allDay?: boolean;
  venue: string;
  address?: string;
  city?: string;
  organizerAgencyId?: number | null;
  standsCapacity?: number | null;
  imageId?: number | null;
  applicationDeadline?: string | null;
  status?: "draft" | "published" | "cancelled";
  featured?: boolean;
  createdBy?: number | null;
  now?: Date;
};

export async function createEvent(args: EventInput, db: DB = getDb()): Promise<{ id: number; slug: string }> {
  if (!EVENT_KINDS.includes(args.kind)) throw new ModelError("invalid_kind");
  const titleId = args.titleId.trim();
  if (!titleId || titleId.length > 200) throw new ModelError("invalid_title");
  const startsAt = isoAt(args.startsAt);
  const endsAt = isoAt(args.endsAt);
  if (endsAt < startsAt) throw new ModelError("ends_before_start");
  if (args.standsCapacity != null && (!Number.isInteger(args.standsCapacity) || args.standsCapacity < 0)) throw new ModelError("invalid_capacity");
  const at = isoAt(args.now);
  return db
    .insertInto("events")
    .values({
      slug: assertSlug(args.slug),
      kind: args.kind,
      title_id: titleId,
      title_en: args.titleEn?.trim() ?? "",
      description_id: args.descriptionId ?? "",
      description_en: args.descriptionEn ?? "",
      starts_at: startsAt,
      ends_at: endsAt,
      all_day: args.allDay ? 1 : 0,
      venue: args.venue,
      address: args.address ?? "",
      city: args.city ?? "Blitar",
      organizer_agency_id: args.organizerAgencyId ?? null,
      stands_capacity: args.standsCapacity ?? null,
      image_id: args.imageId ?? null,
      application_deadline: args.applicationDeadline ? isoAt(args.applicationDeadline) : null,
      status: args.status ?? "draft",
      featured: args.featured ? 1 : 0,
      created_by: args.createdBy ?? null,
      created_at: at,
      updated_at: at,
    })
    .returning(["id", "slug"])
    .executeTakeFirstOrThrow();
}

/** Cancels an event; it stays public with its status so that visitors learn of it. Audited. */
export async function cancelEvent(args: { eventId: number; actorUserId: number | null; now?: Date }, db: DB = getDb()): Promise<void> {
  await inTransaction(db, async (trx) => {
    const result = await trx
      .updateTable("events")
      .set({ status: "cancelled", updated_at: isoAt(args.now) })
      .where("id", "=", args.eventId)
      .where("status", "=", "published")
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw new ModelError("not_published", "Only a published event can be cancelled", 409);
    await recordAudit({ actorUserId: args.actorUserId, action: "event.cancelled", subjectType: "event", subjectId: args.eventId, now: args.now }, trx);
  });
}

/**
 * An artisan applies for a stand. Refused when the event is not published,
 * has already ended, or its application deadline has passed; applying twice
 * is refused too (the first application stands). Only a shop the association
 * has verified may apply (403 `artisan_not_verified`).
 */
export async function applyAsExhibitor(
  args: { eventId: number; artisanId: number; message?: string; now?: Date },
  db: DB = getDb(),
): Promise<{ id: number }> {
  const at = isoAt(args.now);
  return inTransaction(db, async (trx) => {
    await assertArtisanVerified({ artisanId: args.artisanId }, trx);
    const event = await trx
      .selectFrom("events")
      .select(["id", "status", "ends_at", "application_deadline", "kind"])
      .where("id", "=", args.eventId)
      .executeTakeFirst();
    if (!event || event.status !== "published") throw new ModelError("event_not_open", "This event does not take applications", 409);
    if (event.ends_at < at) throw new ModelError("event_ended", "This event has ended", 409);
    if (event.application_deadline && event.application_deadline < at) {
      throw new ModelError("deadline_passed", "The application deadline has passed", 409);
    }
    const existing = await trx
      .selectFrom("event_exhibitors")
      .select("id")
      .where("event_id", "=", args.eventId)
      .where("artisan_id", "=", args.artisanId)
      .executeTakeFirst();
    if (existing) throw new ModelError("already_applied", "This shop has already applied", 409);
    return trx
      .insertInto("event_exhibitors")
      .values({ event_id: args.eventId, artisan_id: args.artisanId, status: "applied", message: args.message?.trim() ?? "", applied_at: at })
      .returning("id")
      .executeTakeFirstOrThrow();
  });
}

/**
 * The organizer approves or declines an application (audited). Approval
 * gives the exhibitor a booth short link (QR code) to the shop's profile, so
 * visits, inquiries and sales from the booth are attributed to the event.
 */
export async function decideExhibitor(
  args: {
    exhibitorId: number;
    decision: "approved" | "declined";
    decidedBy: number | null;
    boothLabel?: string | null;
    /** Fixed link code (seed); random otherwise. */
    linkCode?: string;
    now?: Date;
  },
  db: DB = getDb(),
): Promise<{ linkId: number | null; linkCode: string | null }> {
  const at = isoAt(args.now);
  return inTransaction(db, async (trx) => {
    const row = await trx
      .selectFrom("event_exhibitors as x")
      .innerJoin("artisans as a", "a.id", "x.artisan_id")
      .innerJoin("events as e", "e.id", "x.event_id")
      .select(["x.id", "x.event_id", "x.artisan_id", "x.status", "a.slug as artisan_slug", "a.name as artisan_name", "e.title_id"])
      .where("x.id", "=", args.exhibitorId)
      .executeTakeFirst();
    if (!row) throw new ModelError("not_found", "No such application", 404);
    if (row.status !== "applied") throw new ModelError("already_decided", "This application was already decided", 409);
    await trx
      .updateTable("event_exhibitors")
      .set({ status: args.decision, decided_at: at, decided_by: args.decidedBy, booth_label: args.boothLabel ?? null })
      .where("id", "=", row.id)
      .execute();
    let link: { id: number; code: string } | null = null;
    if (args.decision === "approved") {
      link = await createLink(
        {
          kind: "booth",
          code: args.linkCode,
          eventId: row.event_id,
          artisanId: row.artisan_id,
          targetPath: `/artisans/${row.artisan_slug}`,
          label: `${row.artisan_name} · ${row.title_id}`,
          createdBy: args.decidedBy,
          now: args.now,
        },
        trx,
      );
    }
    await recordAudit(
      {
        actorUserId: args.decidedBy,
        action: `exhibitor.${args.decision}`,
        subjectType: "event_exhibitor",
        subjectId: row.id,
        details: { event_id: row.event_id, artisan_id: row.artisan_id },
        now: args.now,
      },
      trx,
    );
    return { linkId: link?.id ?? null, linkCode: link?.code ?? null };
  });
}

/** Applications to an event, for the organizer (all states). */
export async function listExhibitorApplications(args: { eventId: number }, db: DB = getDb()) {
  return db
    .selectFrom("event_exhibitors as x")
    .innerJoin("artisans as a", "a.id", "x.artisan_id")
    .select(["x.id", "x.status", "x.message", "x.booth_label", "x.applied_at", "x.decided_at", "a.id as artisan_id", "a.slug as artisan_slug", "a.name as artisan_name"])
    .where("x.event_id", "=", args.eventId)
    .orderBy("x.applied_at")
    .execute();
}

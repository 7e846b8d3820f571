import { sql } from "kysely";
import { getDb } from "~/utils/db.server";
import { recordAudit } from "./audit.server";
import { assertSlug, inTransaction, isoAt, ModelError, slugify, type DB } from "./common.server";
import { getImageRefs, type ImageRef } from "./image.server";
import { listProductsWithMotif, type ProductSummary } from "./product.server";

export type MotifRegion = "kabupaten" | "kota" | "both";
export type RegistrationStatus = "none" | "pending" | "registered";
export const MOTIF_STATUSES = ["proposed", "published", "rejected", "archived"] as const;
export type MotifStatus = (typeof MOTIF_STATUSES)[number];

export type MotifSummary = {
  id: number;
  slug: string;
  name: string;
  origin: string;
  region: MotifRegion;
  year: number | null;
  meaning_id: string;
  meaning_en: string;
  image: ImageRef | null;
  /** Public products carrying the motif. */
  product_count: number;
};

export type MotifDetail = MotifSummary & {
  story_id: string;
  story_en: string;
  registration_status: RegistrationStatus;
  registration_number: string | null;
  /** The artisan on the platform who created the motif, when that shop is public. */
  creator: { id: number; slug: string; name: string } | null;
  /** A creator who is not a shop here (a designer, a government team), as text. */
  creator_name: string | null;
  images: ImageRef[];
  products: ProductSummary[];
};

/** Only curated motifs are public: proposals wait for the association. */
function publishedMotifs(db: DB) {
  return db
    .selectFrom("motifs as m")
    .where("m.status", "=", "published")
    .select((eb) => [
      "m.id",
      "m.slug",
      "m.name",
      "m.origin",
      "m.region",
      "m.year",
      "m.meaning_id",
      "m.meaning_en",
      "m.featured",
      eb
        .selectFrom("motif_images as mi")
        // The first photo that is ready: one still processing (just uploaded) or failed must not blank the card.
        .innerJoin("images as img", "img.id", "mi.image_id")
        .select("mi.image_id")
        .whereRef("mi.motif_id", "=", "m.id")
        .where("img.status", "=", "ready")
        .orderBy("mi.position")
        .orderBy("mi.image_id")
        .limit(1)
        .as("image_id"),
      eb
        .selectFrom("product_motifs as pm")
        .innerJoin("products as p", "p.id", "pm.product_id")
        .innerJoin("artisans as a", "a.id", "p.artisan_id")
        .select((eb2) => eb2.fn.countAll<number>().as("n"))
        .whereRef("pm.motif_id", "=", "m.id")
        .where("p.status", "=", "published")
        .where("a.status", "=", "active")
        .where("a.membership_status", "=", "verified")
        .as("product_count"),
    ]);
}

type MotifRow = {
  id: number;
  slug: string;
  name: string;
  origin: string;
  region: MotifRegion;
  year: number | null;
  meaning_id: string;
  meaning_en: string;
  image_id: number | null;
  product_count: number | null;
};

async function toSummaries(rows: MotifRow[], db: DB): Promise<MotifSummary[]> {
  const images = await getImageRefs({ ids: rows.flatMap((r) => (r.image_id == null ? [] : [r.image_id])) }, db);
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    name: r.name,
    origin: r.origin,
    region: r.region,
    year: r.year,
    meaning_id: r.meaning_id,
    meaning_en: r.meaning_en,
    image: r.image_id == null ? null : (images.get(r.image_id) ?? null),
    product_count: Number(r.product_count ?? 0),
  }));
}

/** The public motif registry, alphabetical. */
export async function listMotifs(args: { limit?: number } = {}, db: DB = getDb()): Promise<MotifSummary[]> {
  let query = publishedMotifs(db).orderBy("m.name").orderBy("m.id");
  if (args.limit !== undefined) query = query.limit(Math.min(Math.max(Math.trunc(args.limit) || 1, 1), 500));
  return toSummaries(await query.execute(), db);
}

/**
 * Featured motifs first, then those carried by the most products, so the home
 * page always has motifs to show even when nothing is featured.
 */
export async function listFeaturedMotifs(args: { limit: number }, db: DB = getDb()): Promise<MotifSummary[]> {
  const limit = Math.min(Math.max(Math.trunc(args.limit) || 1, 1), 100);
  const rows = await publishedMotifs(db)
    .orderBy("m.featured", "desc")
    .orderBy("product_count", "desc")
    .orderBy("m.name")
    .limit(limit)
    .execute();
  return toSummaries(rows, db);
}

export async function getMotifBySlug(args: { slug: string }, db: DB = getDb()): Promise<MotifDetail | null> {
  const row = await publishedMotifs(db)
    .leftJoin("artisans as a", (join) =>
      join.onRef("a.id", "=", "m.creator_artisan_id").on("a.status", "=", "active").on("a.membership_status", "=", "verified"),
    )
    .select([
      "m.story_id",
      "m.story_en",
      "m.registration_status",
      "m.registration_number",
      "m.creator_name",
      "a.id as creator_id",
      "a.slug as creator_slug",
      "a.name as creator_artisan_name",
    ])
    .where("m.slug", "=", args.slug)
    .executeTakeFirst();
  if (!row) return null;
  const [summary] = await toSummaries([row], db);
  const imageRows = await db
    .selectFrom("motif_images")
    .select("image_id")
    .where("motif_id", "=", row.id)
    .orderBy("position")
    .orderBy("image_id")
    .execute();
  const refs = await getImageRefs({ ids: imageRows.map((i) => i.image_id) }, db);
  return {
    ...summary,
    story_id: row.story_id,
    story_en: row.story_en,
    registration_status: row.registration_status,
    registration_number: row.registration_number,
    creator:
      row.creator_id != null && row.creator_slug && row.creator_artisan_name
        ? { id: row.creator_id, slug: row.creator_slug, name: row.creator_artisan_name }
        : null,
    creator_name: row.creator_name,
    images: imageRows.flatMap((i) => refs.get(i.image_id) ?? []),
    products: await listProductsWithMotif({ motifId: row.id }, db),
  };
}

/** Motifs an artisan can tag products with (published ones), for forms. */
export async function listMotifOptions(db: DB = getDb()): Promise<{ id: number; slug: string; name: string }[]> {
  return db.selectFrom("motifs").select(["id", "slug", "name"]).where("status", "=", "published").orderBy("name").execute();
}

// ---------------------------------------------------------------- commands

export type MotifInput = {
  /** Empty or absent: made from the name (numbered until free). A given slug that is taken is a 409 `slug_taken`. */
  slug?: string;
  name: string;
  storyId?: string;
  storyEn?: string;
  meaningId?: string;
  meaningEn?: string;
  origin?: string;
  region: MotifRegion;
  creatorArtisanId?: number | null;
  creatorName?: string | null;
  year?: number | null;
  registrationStatus?: RegistrationStatus;
  registrationNumber?: string | null;
  /** 'proposed' waits for the association; 'published' is in the registry. */
  status?: "proposed" | "published";
  proposedByArtisanId?: number | null;
  approvedAt?: string | null;
  approvedBy?: number | null;
  featured?: boolean;
  imageIds?: number[];
  /** Who made the change: when given (null = the system), an audit entry is written in the same transaction. */
  actorUserId?: number | null;
  auditAction?: "motif.create" | "motif.propose";
  now?: Date;
};

/**
 * Adds a motif to the registry. A published motif records when it was
 * accepted (approved_at, default now): the innovation indicator counts new
 * motifs by that day.
 */
export async function createMotif(args: MotifInput, db: DB = getDb()): Promise<{ id: number; slug: string }> {
  const name = args.name.trim();
  if (!name || name.length > 120) throw new ModelError("invalid_name");
  if (args.year != null && (!Number.isInteger(args.year) || args.year < 1000 || args.year > 3000)) throw new ModelError("invalid_year");
  assertRegistration(args.registrationStatus ?? "none", args.registrationNumber ?? null);
  const status = args.status ?? "published";
  const at = isoAt(args.now);
  return inTransaction(db, async (trx) => {
    // An empty slug is made from the name (and numbered until free); a given one must be free.
    const slug = args.slug ? assertSlug(args.slug) : await freeSlug(name, trx);
    if (args.slug && (await slugTaken(slug, null, trx))) throw new ModelError("slug_taken", `Slug taken: ${slug}`, 409);
    const motif = await trx
      .insertInto("motifs")
      .values({
        slug,
        name,
        story_id: args.storyId ?? "",
        story_en: args.storyEn ?? "",
        meaning_id: args.meaningId ?? "",
        meaning_en: args.meaningEn ?? "",
        origin: args.origin ?? "",
        region: args.region,
        creator_artisan_id: args.creatorArtisanId ?? null,
        creator_name: args.creatorName ?? null,
        year: args.year ?? null,
        registration_status: args.registrationStatus ?? "none",
        registration_number: args.registrationNumber ?? null,
        status,
        proposed_by_artisan_id: args.proposedByArtisanId ?? null,
        approved_at: status === "published" ? (args.approvedAt ?? at) : null,
        approved_by: status === "published" ? (args.approvedBy ?? null) : null,
        featured: args.featured ? 1 : 0,
        created_at: at,
        updated_at: at,
      })
      .returning(["id", "slug"])
      .executeTakeFirstOrThrow();
    const imageIds = [...new Set(args.imageIds ?? [])];
    if (imageIds.length) {
      await trx
        .insertInto("motif_images")
        .values(imageIds.map((image_id, position) => ({ motif_id: motif.id, image_id, position })))
        .execute();
    }
    if (args.actorUserId !== undefined) {
      const after = await trx.selectFrom("motifs").select(AUDITED_COLUMNS).where("id", "=", motif.id).executeTakeFirstOrThrow();
      await recordAudit(
        { actorUserId: args.actorUserId, action: args.auditAction ?? "motif.create", subjectType: "motif", subjectId: motif.id, details: { after }, now: args.now },
        trx,
      );
    }
    return motif;
  });
}

export async function addMotifImage(args: { motifId: number; imageId: number; position?: number }, db: DB = getDb()): Promise<void> {
  await db
    .insertInto("motif_images")
    .values({ motif_id: args.motifId, image_id: args.imageId, position: args.position ?? 0 })
    .onConflict((oc) => oc.columns(["motif_id", "image_id"]).doNothing())
    .execute();
}

// ---------------------------------------------------------------- curation (the association)

/** The columns an audit entry records before and after a change (images are not edited here). */
const AUDITED_COLUMNS = [
  "slug",
  "name",
  "story_id",
  "story_en",
  "meaning_id",
  "meaning_en",
  "origin",
  "region",
  "creator_artisan_id",
  "creator_name",
  "year",
  "registration_status",
  "registration_number",
  "status",
  "featured",
] as const;

/** A registered motif (HKI copyright) carries its registration number; the others carry none. */
function assertRegistration(status: RegistrationStatus, number: string | null) {
  if (status === "registered" && !number?.trim()) throw new ModelError("registration_number_required");
}

async function slugTaken(slug: string, exceptId: number | null, db: DB): Promise<boolean> {
  let query = db.selectFrom("motifs").select("id").where("slug", "=", slug);
  if (exceptId !== null) query = query.where("id", "!=", exceptId);
  return Boolean(await query.executeTakeFirst());
}

/** A slug made from the name, numbered ("-2", "-3", …) until no motif has it. */
async function freeSlug(name: string, db: DB): Promise<string> {
  const base = slugify(name) || "motif";
  for (let n = 1; n < 1000; n++) {
    const candidate = n === 1 ? base : `${base.slice(0, 110).replace(/-+$/, "")}-${n}`;
    if (!(await slugTaken(candidate, null, db))) return candidate;
  }
  throw new ModelError("slug_taken", `No free slug for ${name}`, 409);
}

export type CurationRow = {
  id: number;
  slug: string;
  name: string;
  status: MotifStatus;
  region: MotifRegion;
  featured: boolean;
  /** The shop that proposed the motif, if an artisan did. */
  proposed_by: { id: number; name: string } | null;
  created_at: string;
  updated_at: string;
  approved_at: string | null;
};

/**
 * Every motif for the association's table, whatever its status: proposals
 * first (oldest waiting first), then the rest alphabetically. `counts` has
 * every status, whatever the filter.
 */
export async function listMotifsForCuration(
  args: { status?: MotifStatus | null } = {},
  db: DB = getDb(),
): Promise<{ motifs: CurationRow[]; counts: Record<MotifStatus, number> }> {
  let query = db
    .selectFrom("motifs as m")
    .leftJoin("artisans as a", "a.id", "m.proposed_by_artisan_id")
    .select(["m.id", "m.slug", "m.name", "m.status", "m.region", "m.featured", "m.created_at", "m.updated_at", "m.approved_at", "a.id as proposer_id", "a.name as proposer_name"])
    .orderBy(sql`case when m.status = 'proposed' then 0 else 1 end`)
    .orderBy(sql`case when m.status = 'proposed' then m.created_at end`)
    .orderBy("m.name")
    .orderBy("m.id");
  if (args.status) query = query.where("m.status", "=", args.status);
  const [rows, counted] = await Promise.all([
    query.execute(),
    db
      .selectFrom("motifs")
      .select((eb) => ["status", eb.fn.countAll<number>().as("n")])
      .groupBy("status")
      .execute(),
  ]);
  const counts = Object.fromEntries(MOTIF_STATUSES.map((s) => [s, 0])) as Record<MotifStatus, number>;
  for (const c of counted) counts[c.status] = Number(c.n);
  return {
    motifs: rows.map((r) => ({
      id: r.id,
      slug: r.slug,
      name: r.name,
      status: r.status,
      region: r.region,
      featured: r.featured === 1,
      proposed_by: r.proposer_id != null && r.proposer_name != null ? { id: r.proposer_id, name: r.proposer_name } : null,
      created_at: r.created_at,
      updated_at: r.updated_at,
      approved_at: r.approved_at,
    })),
    counts,
  };
}

export type MotifForCuration = {
  id: number;
  slug: string;
  name: string;
  story_id: string;
  story_en: string;
  meaning_id: string;
  meaning_en: string;
  origin: string;
  region: MotifRegion;
  creator_artisan_id: number | null;
  creator_name: string | null;
  year: number | null;
  registration_status: RegistrationStatus;
  registration_number: string | null;
  status: MotifStatus;
  featured: boolean;
  proposed_by: { id: number; name: string } | null;
  approved_at: string | null;
  created_at: string;
  updated_at: string;
  image_count: number;
};

/** One motif in any status, for the association's edit page; null when there is none. */
export async function getMotifForCuration(args: { id: number }, db: DB = getDb()): Promise<MotifForCuration | null> {
  if (!Number.isSafeInteger(args.id) || args.id <= 0) return null;
  const row = await db
    .selectFrom("motifs as m")
    .leftJoin("artisans as a", "a.id", "m.proposed_by_artisan_id")
    .select((eb) => [
      ...AUDITED_COLUMNS.map((c) => `m.${c}` as const),
      "m.id",
      "m.approved_at",
      "m.created_at",
      "m.updated_at",
      "a.id as proposer_id",
      "a.name as proposer_name",
      eb
        .selectFrom("motif_images as mi")
        .select((eb2) => eb2.fn.countAll<number>().as("n"))
        .whereRef("mi.motif_id", "=", "m.id")
        .as("image_count"),
    ])
    .where("m.id", "=", args.id)
    .executeTakeFirst();
  if (!row) return null;
  const { proposer_id, proposer_name, featured, image_count, ...rest } = row;
  return {
    ...rest,
    featured: featured === 1,
    image_count: Number(image_count ?? 0),
    proposed_by: proposer_id != null && proposer_name != null ? { id: proposer_id, name: proposer_name } : null,
  };
}

export type MotifFields = {
  slug?: string;
  name: string;
  storyId: string;
  storyEn: string;
  meaningId: string;
  meaningEn: string;
  origin: string;
  region: MotifRegion;
  creatorArtisanId: number | null;
  creatorName: string | null;
  year: number | null;
  registrationStatus: RegistrationStatus;
  registrationNumber: string | null;
};

/** The columns that differ between two snapshots, as `{ before, after }` for the audit log. */
function changes<T extends Record<string, unknown>>(before: T, after: T) {
  const keys = (Object.keys(after) as (keyof T)[]).filter((k) => before[k] !== after[k]);
  return {
    before: Object.fromEntries(keys.map((k) => [k, before[k]])),
    after: Object.fromEntries(keys.map((k) => [k, after[k]])),
  };
}

async function snapshot(id: number, db: DB) {
  const row = await db.selectFrom("motifs").select(AUDITED_COLUMNS).where("id", "=", id).executeTakeFirst();
  if (!row) throw new ModelError("not_found", `No motif ${id}`, 404);
  return row;
}

/**
 * Edits a motif's text and facts (any status; status and images are changed
 * elsewhere). An empty slug keeps the current one; a slug another motif has
 * is a 409 `slug_taken`. Audited as `motif.update` with the changed columns.
 */
export async function updateMotif(args: MotifFields & { id: number; actorUserId: number | null; now?: Date }, db: DB = getDb()): Promise<{ id: number; slug: string; changed: boolean }> {
  const name = args.name.trim();
  if (!name || name.length > 120) throw new ModelError("invalid_name");
  if (args.year != null && (!Number.isInteger(args.year) || args.year < 1000 || args.year > 3000)) throw new ModelError("invalid_year");
  assertRegistration(args.registrationStatus, args.registrationNumber);
  const at = isoAt(args.now);
  return inTransaction(db, async (trx) => {
    const before = await snapshot(args.id, trx);
    const slug = args.slug ? assertSlug(args.slug) : before.slug;
    if (slug !== before.slug && (await slugTaken(slug, args.id, trx))) throw new ModelError("slug_taken", `Slug taken: ${slug}`, 409);
    const values = {
      slug,
      name,
      story_id: args.storyId,
      story_en: args.storyEn,
      meaning_id: args.meaningId,
      meaning_en: args.meaningEn,
      origin: args.origin,
      region: args.region,
      creator_artisan_id: args.creatorArtisanId,
      creator_name: args.creatorName,
      year: args.year,
      registration_status: args.registrationStatus,
      registration_number: args.registrationStatus === "none" ? null : args.registrationNumber,
    };
    const diff = changes(before as Record<string, unknown>, { ...before, ...values } as Record<string, unknown>);
    if (Object.keys(diff.after).length === 0) return { id: args.id, slug, changed: false };
    await trx
      .updateTable("motifs")
      .set({ ...values, updated_at: at })
      .where("id", "=", args.id)
      .execute();
    await recordAudit({ actorUserId: args.actorUserId, action: "motif.update", subjectType: "motif", subjectId: args.id, details: diff, now: args.now }, trx);
    return { id: args.id, slug, changed: true };
  });
}

/**
 * Archives a published motif (it leaves /motifs, product pages and the
 * catalogue's facet; the search index follows through the FTS triggers) or
 * restores an archived one. Any other starting state is a 409 `bad_state`.
 */
export async function setMotifStatus(
  args: { id: number; status: "archived" | "published"; actorUserId: number | null; now?: Date },
  db: DB = getDb(),
): Promise<{ id: number; name: string }> {
  const from = args.status === "archived" ? "published" : "archived";
  const at = isoAt(args.now);
  return inTransaction(db, async (trx) => {
    const before = await snapshot(args.id, trx);
    const updated = await trx
      .updateTable("motifs")
      .set({ status: args.status, featured: args.status === "archived" ? 0 : before.featured, updated_at: at })
      .where("id", "=", args.id)
      .where("status", "=", from)
      .returning(["name", "status", "featured"])
      .executeTakeFirst();
    if (!updated) throw new ModelError("bad_state", `Motif ${args.id} is ${before.status}`, 409);
    await recordAudit(
      {
        actorUserId: args.actorUserId,
        action: args.status === "archived" ? "motif.archive" : "motif.restore",
        subjectType: "motif",
        subjectId: args.id,
        details: { before: { status: before.status, featured: before.featured }, after: { status: updated.status, featured: updated.featured } },
        now: args.now,
      },
      trx,
    );
    return { id: args.id, name: updated.name };
  });
}

export const MOTIF_REASON_MAX = 500;

export type MotifProposalDecision = {
  id: number;
  name: string;
  slug: string;
  status: "published" | "rejected";
  reason: string | null;
  /** The shop that proposed it and its owner (for the notification mail), if any. */
  proposer: { artisanId: number; name: string; ownerUserId: number | null } | null;
};

/**
 * Approves (→ published, `approved_at`/`approved_by` set: the innovation
 * indicator counts approvals by that day) or rejects (→ rejected, a reason
 * of at most 500 characters required) a proposed motif. Not proposed (any
 * more) → 409 `not_pending`. Audited as `motif.approve` / `motif.reject`.
 * No mail here: ~/services/motif-curation.server adds the proposer's.
 */
export async function decideMotifProposal(
  args: { id: number; decision: "published" | "rejected"; actorUserId: number | null; reason?: string | null; now?: Date },
  db: DB = getDb(),
): Promise<MotifProposalDecision> {
  const reason = args.reason?.trim() || null;
  if (args.decision === "rejected" && !reason) throw new ModelError("reason_required");
  if (reason && reason.length > MOTIF_REASON_MAX) throw new ModelError("reason_too_long");
  const at = isoAt(args.now);
  return inTransaction(db, async (trx) => {
    const before = await snapshot(args.id, trx);
    const approving = args.decision === "published";
    const updated = await trx
      .updateTable("motifs")
      .set({ status: args.decision, approved_at: approving ? at : null, approved_by: approving ? args.actorUserId : null, updated_at: at })
      .where("id", "=", args.id)
      .where("status", "=", "proposed")
      .returning(["id", "name", "slug", "status", "approved_at", "approved_by", "proposed_by_artisan_id"])
      .executeTakeFirst();
    if (!updated) throw new ModelError("not_pending", `Motif ${args.id} is ${before.status}`, 409);
    await recordAudit(
      {
        actorUserId: args.actorUserId,
        action: approving ? "motif.approve" : "motif.reject",
        subjectType: "motif",
        subjectId: args.id,
        details: {
          before: { status: before.status },
          after: { status: updated.status, approved_at: updated.approved_at, approved_by: updated.approved_by },
          reason,
        },
        now: args.now,
      },
      trx,
    );
    const shop =
      updated.proposed_by_artisan_id == null
        ? undefined
        : await trx.selectFrom("artisans").select(["id", "name", "owner_user_id"]).where("id", "=", updated.proposed_by_artisan_id).executeTakeFirst();
    return {
      id: updated.id,
      name: updated.name,
      slug: updated.slug,
      status: args.decision,
      reason,
      proposer: shop ? { artisanId: shop.id, name: shop.name, ownerUserId: shop.owner_user_id } : null,
    };
  });
}

/**
 * An artisan proposes a motif: it waits in the association's queue (status
 * `proposed`) until approved or rejected. The shop is recorded as proposer
 * and, unless another creator is named, as creator. Audited as `motif.propose`.
 */
export async function proposeMotif(
  args: Omit<MotifInput, "status" | "proposedByArtisanId" | "approvedAt" | "approvedBy" | "featured" | "auditAction" | "actorUserId" | "creatorArtisanId"> & {
    artisanId: number;
    creatorArtisanId?: number | null;
    actorUserId: number | null;
  },
  db: DB = getDb(),
): Promise<{ id: number; slug: string }> {
  return inTransaction(db, async (trx) => {
    const shop = await trx.selectFrom("artisans").select("id").where("id", "=", args.artisanId).executeTakeFirst();
    if (!shop) throw new ModelError("not_found", `No artisan ${args.artisanId}`, 404);
    const { artisanId, ...input } = args;
    return createMotif(
      {
        ...input,
        creatorArtisanId: args.creatorArtisanId !== undefined ? args.creatorArtisanId : args.creatorName ? null : artisanId,
        status: "proposed",
        proposedByArtisanId: artisanId,
        auditAction: "motif.propose",
      },
      trx,
    );
  });
}

/** Features a published motif on the home page (or stops); false when it is not published. */
export async function setMotifFeatured(args: { motifId: number; featured: boolean; now?: Date }, db: DB = getDb()): Promise<boolean> {
  const result = await db
    .updateTable("motifs")
    .set({ featured: args.featured ? 1 : 0, updated_at: isoAt(args.now) })
    .where("id", "=", args.motifId)
    .where("status", "=", "published")
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Published motifs for the association's featured page: featured first, then alphabetical. */
export async function listMotifsForFeaturing(db: DB = getDb()): Promise<{ id: number; slug: string; name: string; featured: boolean }[]> {
  const rows = await db
    .selectFrom("motifs")
    .select(["id", "slug", "name", "featured"])
    .where("status", "=", "published")
    .orderBy("featured", "desc")
    .orderBy("name")
    .orderBy("id")
    .execute();
  return rows.map((r) => ({ ...r, featured: r.featured === 1 }));
}

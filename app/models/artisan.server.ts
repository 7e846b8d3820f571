import { getDb } from "~/utils/db.server";
import { recordAudit } from "./audit.server";
import { assertNonNegativeInt, assertSlug, inTransaction, isoAt, ModelError, parseStringArray, wibDayOf, type DB } from "./common.server";
import { getImageRefs, type ImageRef } from "./image.server";
import { listProductsOfArtisans, TECHNIQUES, type ProductSummary, type Technique } from "./product.server";

export type ArtisanSummary = {
  id: number;
  slug: string;
  name: string;
  village: string;
  district: string;
  regency: "kabupaten" | "kota";
  techniques: string[];
  image: ImageRef | null;
  product_count: number;
};

export type BadgeKind = "nib" | "trademark" | "batikmark";
export type BatikmarkGrade = "gold" | "white" | "silver";

export type ArtisanDetail = ArtisanSummary & {
  owner_name: string;
  story_id: string;
  story_en: string;
  founded_year: number | null;
  association: { short_name: string; name: string } | null;
  /** Verified, unexpired, not superseded documents only. */
  badges: { kind: BadgeKind; grade: BatikmarkGrade | null }[];
  products: ProductSummary[];
  /** Published motifs this artisan created. */
  motifs: { slug: string; name: string }[];
  /** Events where the artisan was an approved exhibitor (published or cancelled), latest first. */
  exhibitions: { slug: string; title_id: string; title_en: string; starts_at: string; ends_at: string }[];
};

/**
 * Public artisans: active shops whose association membership is verified.
 * The column list is explicit and never includes whatsapp_number or anything
 * from users (the owner's e-mail): those must not reach a page.
 */
function publicArtisans(db: DB) {
  return db
    .selectFrom("artisans as a")
    .where("a.status", "=", "active")
    .where("a.membership_status", "=", "verified")
    .select((eb) => [
      "a.id",
      "a.slug",
      "a.name",
      "a.village",
      "a.district",
      "a.regency",
      "a.techniques",
      "a.profile_image_id",
      eb
        .selectFrom("products as p")
        .select((eb2) => eb2.fn.countAll<number>().as("n"))
        .whereRef("p.artisan_id", "=", "a.id")
        .where("p.status", "=", "published")
        .as("product_count"),
    ]);
}

type ArtisanRow = {
  id: number;
  slug: string;
  name: string;
  village: string;
  district: string;
  regency: "kabupaten" | "kota";
  techniques: string;
  profile_image_id: number | null;
  product_count: number | null;
};

async function toSummaries(rows: ArtisanRow[], db: DB): Promise<ArtisanSummary[]> {
  const images = await getImageRefs({ ids: rows.flatMap((r) => (r.profile_image_id == null ? [] : [r.profile_image_id])) }, db);
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    name: r.name,
    village: r.village,
    district: r.district,
    regency: r.regency,
    techniques: parseStringArray(r.techniques),
    image: r.profile_image_id == null ? null : (images.get(r.profile_image_id) ?? null),
    product_count: Number(r.product_count ?? 0),
  }));
}

/** All public artisans, alphabetical. */
export async function listArtisans(db: DB = getDb()): Promise<ArtisanSummary[]> {
  return toSummaries(await publicArtisans(db).orderBy("a.name").orderBy("a.id").execute(), db);
}

/** Public artisans by id, in the order given (exhibitor lists). */
export async function listArtisansByIds(args: { ids: number[] }, db: DB = getDb()): Promise<ArtisanSummary[]> {
  const ids = args.ids.filter(Number.isSafeInteger);
  if (!ids.length) return [];
  const rows = await publicArtisans(db).where("a.id", "in", ids).execute();
  const byId = new Map((await toSummaries(rows, db)).map((a) => [a.id, a]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** `now` decides which documents have expired (default: the current time). */
export async function getArtisanBySlug(args: { slug: string; now?: Date }, db: DB = getDb()): Promise<ArtisanDetail | null> {
  const row = await publicArtisans(db)
    .leftJoin("associations as s", "s.id", "a.association_id")
    .select(["a.owner_name", "a.story_id", "a.story_en", "a.founded_year", "s.short_name as association_short_name", "s.name as association_name"])
    .where("a.slug", "=", args.slug)
    .executeTakeFirst();
  if (!row) return null;
  const [summary] = await toSummaries([row], db);
  const today = wibDayOf(args.now ?? new Date());
  const documents = await db
    .selectFrom("legal_documents as d")
    .select(["d.kind", "d.grade"])
    .where("d.artisan_id", "=", row.id)
    .where("d.status", "=", "verified")
    .where("d.kind", "in", ["nib", "trademark", "batikmark"])
    .where("d.superseded_at", "is", null)
    .where((eb) => eb.or([eb("d.expires_on", "is", null), eb("d.expires_on", ">=", today)]))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("legal_documents as newer")
            .select("newer.id")
            .whereRef("newer.supersedes_id", "=", "d.id")
            .where("newer.status", "=", "verified"),
        ),
      ),
    )
    .orderBy("d.kind")
    .orderBy("d.issued_on", "desc")
    .execute();
  // One badge per kind: a second verified document of the same kind adds nothing for the visitor.
  const badges = new Map<BadgeKind, { kind: BadgeKind; grade: BatikmarkGrade | null }>();
  for (const d of documents) {
    const kind = d.kind as BadgeKind;
    if (!badges.has(kind)) badges.set(kind, { kind, grade: isGrade(d.grade) ? d.grade : null });
  }
  const motifs = await db
    .selectFrom("motifs")
    .select(["slug", "name"])
    .where("creator_artisan_id", "=", row.id)
    .where("status", "=", "published")
    .orderBy("name")
    .execute();
  const exhibitions = await db
    .selectFrom("event_exhibitors as x")
    .innerJoin("events as e", "e.id", "x.event_id")
    .select(["e.slug", "e.title_id", "e.title_en", "e.starts_at", "e.ends_at"])
    .where("x.artisan_id", "=", row.id)
    .where("x.status", "=", "approved")
    .where("e.status", "in", ["published", "cancelled"])
    .orderBy("e.starts_at", "desc")
    .execute();
  const products = (await listProductsOfArtisans({ artisanIds: [row.id] }, db)).get(row.id) ?? [];
  return {
    ...summary,
    owner_name: row.owner_name,
    story_id: row.story_id,
    story_en: row.story_en,
    founded_year: row.founded_year,
    association:
      row.association_short_name && row.association_name ? { short_name: row.association_short_name, name: row.association_name } : null,
    badges: [...badges.values()],
    products,
    motifs,
    exhibitions,
  };
}

function isGrade(value: string | null): value is BatikmarkGrade {
  return value === "gold" || value === "white" || value === "silver";
}

/** The shop(s) a user owns, for the artisan dashboard (includes pending shops). */
export async function listArtisansOfOwner(args: { userId: number }, db: DB = getDb()) {
  return db
    .selectFrom("artisans")
    .select(["id", "slug", "name", "membership_status", "membership_reason", "membership_decided_at", "status"])
    .where("owner_user_id", "=", args.userId)
    .orderBy("name")
    .execute();
}

/**
 * The private WhatsApp number of a public artisan, for the /r/ redirect only
 * (the click is logged, the number never rendered into a page).
 */
export async function getArtisanWhatsappNumber(args: { artisanId: number }, db: DB = getDb()): Promise<string | null> {
  const row = await db
    .selectFrom("artisans")
    .select("whatsapp_number")
    .where("id", "=", args.artisanId)
    .where("status", "=", "active")
    .where("membership_status", "=", "verified")
    .executeTakeFirst();
  return row?.whatsapp_number ?? null;
}

/** The consent in force at an instant (the latest record at or before it); no record means no consent. */
export async function hasSharingConsent(args: { artisanId: number; at?: Date }, db: DB = getDb()): Promise<boolean> {
  const row = await db
    .selectFrom("artisan_consents")
    .select("granted")
    .where("artisan_id", "=", args.artisanId)
    .where("recorded_at", "<=", isoAt(args.at))
    .orderBy("recorded_at", "desc")
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  return row?.granted === 1;
}

/** The latest self-reported facts (workers, capacity) of an artisan, or null. */
export async function getLatestArtisanFacts(args: { artisanId: number }, db: DB = getDb()) {
  return (await db
    .selectFrom("artisan_facts")
    .select(["workers_men", "workers_women", "monthly_capacity", "reported_on"])
    .where("artisan_id", "=", args.artisanId)
    .orderBy("reported_on", "desc")
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst()) ?? null;
}

// ---------------------------------------------------------------- commands

const PHONE_RE = /^\+?[0-9]{8,15}$/;

export type ArtisanInput = {
  slug: string;
  ownerUserId?: number | null;
  name: string;
  ownerName: string;
  storyId?: string;
  storyEn?: string;
  village: string;
  district: string;
  regency: "kabupaten" | "kota";
  techniques: Technique[];
  foundedYear?: number | null;
  /** Private: used only by the logged WhatsApp redirect. Digits with an optional leading +. */
  whatsappNumber?: string | null;
  shippingFlatRate?: number;
  associationId?: number | null;
  now?: Date;
};

/** Opens a shop. Membership starts 'pending' until the association verifies it. */
export async function createArtisan(args: ArtisanInput, db: DB = getDb()): Promise<{ id: number; slug: string }> {
  const name = args.name.trim();
  if (!name || name.length > 120) throw new ModelError("invalid_name");
  if (!args.ownerName.trim()) throw new ModelError("invalid_owner_name");
  const techniques = [...new Set(args.techniques)];
  if (techniques.some((t) => !TECHNIQUES.includes(t))) throw new ModelError("invalid_technique");
  const whatsapp = args.whatsappNumber?.replace(/[\s-]/g, "") || null;
  if (whatsapp && !PHONE_RE.test(whatsapp)) throw new ModelError("invalid_whatsapp_number");
  assertNonNegativeInt(args.shippingFlatRate ?? 0, "invalid_shipping_rate");
  const at = isoAt(args.now);
  return db
    .insertInto("artisans")
    .values({
      slug: assertSlug(args.slug),
      owner_user_id: args.ownerUserId ?? null,
      name,
      owner_name: args.ownerName.trim(),
      story_id: args.storyId ?? "",
      story_en: args.storyEn ?? "",
      village: args.village,
      district: args.district,
      regency: args.regency,
      techniques: JSON.stringify(techniques),
      founded_year: args.foundedYear ?? null,
      whatsapp_number: whatsapp,
      shipping_flat_rate: args.shippingFlatRate ?? 0,
      association_id: args.associationId ?? null,
      membership_status: "pending",
      created_at: at,
      updated_at: at,
    })
    .returning(["id", "slug"])
    .executeTakeFirstOrThrow();
}

/**
 * The association decides on a shop's membership (verified makes it public).
 * Audited. `associationId` scopes the decision to the officer's association.
 */
export async function decideArtisanMembership(
  args: {
    artisanId: number;
    status: "verified" | "rejected" | "lapsed";
    actorUserId: number | null;
    associationId?: number;
    now?: Date;
  },
  db: DB = getDb(),
): Promise<void> {
  const at = isoAt(args.now);
  await inTransaction(db, async (trx) => {
    let query = trx
      .updateTable("artisans")
      .set({
        membership_status: args.status,
        verified_at: args.status === "verified" ? at : null,
        verified_by: args.status === "verified" ? args.actorUserId : null,
        updated_at: at,
      })
      .where("id", "=", args.artisanId);
    if (args.associationId !== undefined) query = query.where("association_id", "=", args.associationId);
    const result = await query.executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw new ModelError("not_found", "No such artisan in this association", 404);
    await recordAudit(
      { actorUserId: args.actorUserId, action: `artisan.membership_${args.status}`, subjectType: "artisan", subjectId: args.artisanId, now: args.now },
      trx,
    );
  });
}

export async function setArtisanProfileImage(args: { artisanId: number; imageId: number | null; now?: Date }, db: DB = getDb()): Promise<void> {
  await db
    .updateTable("artisans")
    .set({ profile_image_id: args.imageId, updated_at: isoAt(args.now) })
    .where("id", "=", args.artisanId)
    .execute();
}

export async function setArtisanFeatured(args: { artisanId: number; featured: boolean; now?: Date }, db: DB = getDb()): Promise<void> {
  await db
    .updateTable("artisans")
    .set({ featured: args.featured ? 1 : 0, updated_at: isoAt(args.now) })
    .where("id", "=", args.artisanId)
    .execute();
}

/**
 * Appends a self-reported workforce/capacity report. Reports are never
 * updated: the employment indicator measures change between reports.
 */
export async function recordArtisanFacts(
  args: {
    artisanId: number;
    workersMen: number;
    workersWomen: number;
    monthlyCapacity: number;
    reportedOn: string;
    reportedBy?: number | null;
    now?: Date;
  },
  db: DB = getDb(),
): Promise<{ id: number }> {
  assertNonNegativeInt(args.workersMen, "invalid_workers");
  assertNonNegativeInt(args.workersWomen, "invalid_workers");
  assertNonNegativeInt(args.monthlyCapacity, "invalid_capacity");
  if (!/^\d{4}-\d{2}-\d{2}$/.test(args.reportedOn)) throw new ModelError("invalid_date");
  return db
    .insertInto("artisan_facts")
    .values({
      artisan_id: args.artisanId,
      workers_men: args.workersMen,
      workers_women: args.workersWomen,
      monthly_capacity: args.monthlyCapacity,
      reported_on: args.reportedOn,
      reported_by: args.reportedBy ?? null,
      created_at: isoAt(args.now),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
}

/**
 * Records the artisan's consent (or its withdrawal) to share per-artisan
 * figures with the agencies. Append-only: the history shows when consent held.
 */
export async function recordConsent(
  args: { artisanId: number; granted: boolean; recordedBy?: number | null; now?: Date },
  db: DB = getDb(),
): Promise<{ id: number }> {
  return db
    .insertInto("artisan_consents")
    .values({ artisan_id: args.artisanId, granted: args.granted ? 1 : 0, recorded_by: args.recordedBy ?? null, recorded_at: isoAt(args.now) })
    .returning("id")
    .executeTakeFirstOrThrow();
}

export type LegalDocumentKind = "nib" | "trademark" | "batikmark" | "sni" | "halal" | "other";

/**
 * The Batikmark label grade follows the technique (Permenperin
 * 74/M-IND/PER/9/2007): gold = tulis, white = cap, silver = kombinasi.
 */
export function batikmarkGradeFor(technique: Technique): BatikmarkGrade | null {
  if (technique === "tulis") return "gold";
  if (technique === "cap") return "white";
  if (technique === "kombinasi") return "silver";
  return null;
}

/**
 * Adds a legality document (pending until verified). With `supersedesId` the
 * new row replaces one of the same artisan's documents, which is marked
 * superseded — history is kept, badges show only the current one.
 */
export async function addLegalDocument(
  args: {
    artisanId: number;
    kind: LegalDocumentKind;
    number: string;
    issuer?: string | null;
    grade?: BatikmarkGrade | null;
    issuedOn?: string | null;
    expiresOn?: string | null;
    fileKey?: string | null;
    supersedesId?: number | null;
    now?: Date;
  },
  db: DB = getDb(),
): Promise<{ id: number }> {
  const number = args.number.trim();
  if (!number || number.length > 80) throw new ModelError("invalid_document_number");
  if (args.grade && args.kind !== "batikmark") throw new ModelError("grade_only_for_batikmark");
  if (args.kind === "batikmark" && !args.grade) throw new ModelError("batikmark_needs_grade");
  const at = isoAt(args.now);
  return inTransaction(db, async (trx) => {
    if (args.supersedesId != null) {
      const result = await trx
        .updateTable("legal_documents")
        .set({ superseded_at: at })
        .where("id", "=", args.supersedesId)
        .where("artisan_id", "=", args.artisanId)
        .where("kind", "=", args.kind)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) throw new ModelError("not_found", "No such document of this artisan", 404);
    }
    return trx
      .insertInto("legal_documents")
      .values({
        artisan_id: args.artisanId,
        kind: args.kind,
        number,
        issuer: args.issuer ?? null,
        grade: args.grade ?? null,
        issued_on: args.issuedOn ?? null,
        expires_on: args.expiresOn ?? null,
        file_key: args.fileKey ?? null,
        status: "pending",
        supersedes_id: args.supersedesId ?? null,
        created_at: at,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
  });
}

/** The association (or admin) verifies or rejects a document. Audited. */
export async function decideLegalDocument(
  args: { documentId: number; status: "verified" | "rejected"; actorUserId: number | null; now?: Date },
  db: DB = getDb(),
): Promise<void> {
  const at = isoAt(args.now);
  await inTransaction(db, async (trx) => {
    const result = await trx
      .updateTable("legal_documents")
      .set({ status: args.status, verified_at: at, verified_by: args.actorUserId })
      .where("id", "=", args.documentId)
      .where("status", "=", "pending")
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw new ModelError("not_pending", "The document is not waiting for a decision", 409);
    await recordAudit(
      { actorUserId: args.actorUserId, action: `legal_document.${args.status}`, subjectType: "legal_document", subjectId: args.documentId, now: args.now },
      trx,
    );
  });
}

export type FacilityNeedKind = "ipal" | "equipment" | "training" | "other";

/** Opens a facility need (IPAL, equipment, training) that agencies can see and fund. */
export async function openFacilityNeed(
  args: { artisanId: number; kind: FacilityNeedKind; description: string; openedOn: string; supersedesId?: number | null; now?: Date },
  db: DB = getDb(),
): Promise<{ id: number }> {
  const description = args.description.trim();
  if (!description || description.length > 1000) throw new ModelError("invalid_description");
  if (!/^\d{4}-\d{2}-\d{2}$/.test(args.openedOn)) throw new ModelError("invalid_date");
  return db
    .insertInto("facility_needs")
    .values({
      artisan_id: args.artisanId,
      kind: args.kind,
      description,
      status: "open",
      opened_on: args.openedOn,
      supersedes_id: args.supersedesId ?? null,
      created_at: isoAt(args.now),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
}

/** Moves one of the artisan's needs on (in progress, met, withdrawn); met/withdrawn close it on `on`. */
export async function updateFacilityNeed(
  args: { artisanId: number; needId: number; status: "in_progress" | "met" | "withdrawn"; on: string },
  db: DB = getDb(),
): Promise<void> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(args.on)) throw new ModelError("invalid_date");
  const result = await db
    .updateTable("facility_needs")
    .set({ status: args.status, closed_on: args.status === "in_progress" ? null : args.on })
    .where("id", "=", args.needId)
    .where("artisan_id", "=", args.artisanId)
    .where("status", "in", ["open", "in_progress"])
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw new ModelError("not_found", "No open need of this artisan", 404);
}

/**
 * A shop's consent history (append-only), newest first, with who recorded
 * each entry (their user id; the page shows "you" or a neutral label, never
 * another person's e-mail).
 */
export async function listConsentHistory(args: { artisanId: number }, db: DB = getDb()) {
  const rows = await db
    .selectFrom("artisan_consents")
    .select(["id", "granted", "recorded_at", "recorded_by"])
    .where("artisan_id", "=", args.artisanId)
    .orderBy("recorded_at", "desc")
    .orderBy("id", "desc")
    .execute();
  return rows.map((r) => ({ id: r.id, granted: r.granted === 1, recorded_at: r.recorded_at, recorded_by: r.recorded_by }));
}

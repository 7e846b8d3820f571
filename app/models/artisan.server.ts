import { sql, type ExpressionBuilder } from "kysely";
import type { Database } from "#db/schema";
import { normaliseIndonesianNumber } from "~/services/whatsapp.server";
import { regencyOfDistrict } from "~/utils/blitar";
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
  /** The shop's gallery (artisan_images), ready photos only, in order. */
  gallery: ImageRef[];
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

export type ArtisanFilters = { district?: string | null; technique?: string | null };

/** A directory filter value with how many artisans the list would show once it is applied. */
export type ArtisanFacetValue = { value: string; count: number; selected: boolean };

export type ArtisanDirectory = {
  items: ArtisanSummary[];
  total: number;
  /** The filters in force: an unknown value is dropped (null), never an error. */
  filters: { district: string | null; technique: string | null };
  /**
   * Every district and technique of the public artisans. A count is the
   * number of results with that value chosen and the other filter kept, so it
   * equals what the list shows after choosing it.
   */
  facets: { district: ArtisanFacetValue[]; technique: ArtisanFacetValue[] };
};

async function publicArtisanRows(db: DB): Promise<ArtisanRow[]> {
  return publicArtisans(db).orderBy("a.name").orderBy("a.id").execute();
}

function matches(row: ArtisanRow, filters: { district: string | null; technique: string | null }): boolean {
  if (filters.district !== null && row.district !== filters.district) return false;
  if (filters.technique !== null && !parseStringArray(row.techniques).includes(filters.technique)) return false;
  return true;
}

/**
 * The filters that exist in the data: a district or technique no public
 * artisan has is ignored (the directory shows everyone rather than a 400).
 * The list is small (dozens of shops), so the techniques JSON array is
 * parsed here rather than with json_each.
 */
function knownFilters(rows: ArtisanRow[], args: ArtisanFilters) {
  const districts = [...new Set(rows.map((r) => r.district))].sort((a, b) => a.localeCompare(b, "id"));
  const present = new Set(rows.flatMap((r) => parseStringArray(r.techniques)));
  const techniques = TECHNIQUES.filter((t) => present.has(t));
  const district = args.district && districts.includes(args.district) ? args.district : null;
  const technique = args.technique && (techniques as string[]).includes(args.technique) ? args.technique : null;
  return { districts, techniques, filters: { district, technique } };
}

/** Public artisans, alphabetical; optionally only one district and/or one technique (unknown values are ignored). */
export async function listArtisans(args: ArtisanFilters = {}, db: DB = getDb()): Promise<ArtisanSummary[]> {
  const rows = await publicArtisanRows(db);
  const { filters } = knownFilters(rows, args);
  return toSummaries(rows.filter((r) => matches(r, filters)), db);
}

/** The /artisans directory: the filtered list with its result count and the filter values with counts. */
export async function getArtisanDirectory(args: ArtisanFilters = {}, db: DB = getDb()): Promise<ArtisanDirectory> {
  const rows = await publicArtisanRows(db);
  const { districts, techniques, filters } = knownFilters(rows, args);
  const count = (f: { district: string | null; technique: string | null }) => rows.filter((r) => matches(r, f)).length;
  const items = await toSummaries(rows.filter((r) => matches(r, filters)), db);
  return {
    items,
    total: items.length,
    filters,
    facets: {
      district: districts.map((value) => ({ value, count: count({ ...filters, district: value }), selected: value === filters.district })),
      technique: techniques.map((value) => ({ value, count: count({ ...filters, technique: value }), selected: value === filters.technique })),
    },
  };
}

/**
 * Featured public artisans first (then those with the most products), for
 * the home page's row; the row is hidden by the page when none is featured.
 */
export async function listFeaturedArtisans(args: { limit: number }, db: DB = getDb()): Promise<(ArtisanSummary & { featured: boolean })[]> {
  const limit = Math.min(Math.max(Math.trunc(args.limit) || 1, 1), 24);
  const rows = await publicArtisans(db)
    .select("a.featured")
    .orderBy("a.featured", "desc")
    .orderBy("product_count", "desc")
    .orderBy("a.name")
    .limit(limit)
    .execute();
  const summaries = await toSummaries(rows, db);
  return summaries.map((s, i) => ({ ...s, featured: rows[i].featured === 1 }));
}

/** Public artisans for the association's featured page: featured first, then alphabetical. */
export async function listArtisansForFeaturing(db: DB = getDb()): Promise<{ id: number; slug: string; name: string; featured: boolean }[]> {
  const rows = await db
    .selectFrom("artisans")
    .select(["id", "slug", "name", "featured"])
    .where("status", "=", "active")
    .where("membership_status", "=", "verified")
    .orderBy("featured", "desc")
    .orderBy("name")
    .orderBy("id")
    .execute();
  return rows.map((r) => ({ ...r, featured: r.featured === 1 }));
}

/** Every active shop (public or waiting), by name: the creator choice in the motif form. */
export async function listShopOptions(db: DB = getDb()): Promise<{ id: number; name: string }[]> {
  return db.selectFrom("artisans").select(["id", "name"]).where("status", "=", "active").orderBy("name").orderBy("id").execute();
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
  const documents = await currentLegalDocuments(db, { artisanId: row.id, kinds: ["nib", "trademark", "batikmark"], now: args.now })
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
  const galleryRows = await db
    .selectFrom("artisan_images")
    .select("image_id")
    .where("artisan_id", "=", row.id)
    .orderBy("position")
    .orderBy("image_id")
    .execute();
  // getImageRefs returns ready images only: a photo still processing (or failed) is left out.
  const galleryRefs = await getImageRefs({ ids: galleryRows.map((g) => g.image_id) }, db);
  const gallery = galleryRows.flatMap((g) => galleryRefs.get(g.image_id) ?? []);
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
    gallery,
    motifs,
    exhibitions,
  };
}

/**
 * An artisan's legality documents that count today: verified, not expired
 * (by the WIB calendar day), not superseded and not replaced by a verified
 * renewal. The one definition behind the profile badges and the product
 * page's Batikmark grade.
 */
function currentLegalDocuments(db: DB, args: { artisanId: number; kinds: BadgeKind[]; now?: Date }) {
  const today = wibDayOf(args.now ?? new Date());
  return db
    .selectFrom("legal_documents as d")
    .select(["d.kind", "d.grade"])
    .where("d.artisan_id", "=", args.artisanId)
    .where("d.status", "=", "verified")
    .where("d.kind", "in", args.kinds)
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
    );
}

/**
 * The Batikmark grade a product may show: the grade its technique calls for
 * (batikmarkGradeFor) when the artisan holds a current verified Batikmark of
 * exactly that grade; null otherwise (printing and other techniques never).
 */
export async function batikmarkForProduct(
  args: { artisanId: number; technique: Technique; now?: Date },
  db: DB = getDb(),
): Promise<BatikmarkGrade | null> {
  const grade = batikmarkGradeFor(args.technique);
  if (!grade) return null;
  const documents = await currentLegalDocuments(db, { artisanId: args.artisanId, kinds: ["batikmark"], now: args.now }).execute();
  return documents.some((d) => d.grade === grade) ? grade : null;
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
 * The private WhatsApp number of a public artisan, for the WhatsApp redirect (/artisans/:slug/whatsapp) only
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

type ArtisanFacts = { workers_men: number; workers_women: number; monthly_capacity: number; reported_on: string };

/** The latest facts of several artisans in one query (a queue page must not ask once per shop). */
export async function getLatestArtisanFactsOf(args: { artisanIds: number[] }, db: DB = getDb()): Promise<Map<number, ArtisanFacts>> {
  if (args.artisanIds.length === 0) return new Map();
  const rows = await db
    .selectFrom((eb) =>
      eb
        .selectFrom("artisan_facts")
        .select(["artisan_id", "workers_men", "workers_women", "monthly_capacity", "reported_on"])
        .select(sql<number>`row_number() over (partition by artisan_id order by reported_on desc, id desc)`.as("rank"))
        .where("artisan_id", "in", args.artisanIds)
        .as("f"),
    )
    .selectAll()
    .where("rank", "=", 1)
    .execute();
  return new Map(rows.map(({ artisan_id, rank: _rank, ...facts }) => [artisan_id, facts]));
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

/** Longest reason an officer may give for a decision (stored, shown to the owner, mailed). */
export const DECISION_REASON_MAX = 500;

/** A trimmed reason or null; a rejection needs one. */
function decisionReason(reason: string | null | undefined, required: boolean): string | null {
  const text = reason?.trim() ?? "";
  if (text.length > DECISION_REASON_MAX) throw new ModelError("reason_too_long", `The reason is longer than ${DECISION_REASON_MAX} characters`);
  if (!text && required) throw new ModelError("reason_required", "A rejection needs a reason");
  return text || null;
}

export type MembershipDecision = {
  artisanId: number;
  name: string;
  ownerUserId: number | null;
  status: "verified" | "rejected" | "lapsed";
  associationId: number | null;
  reason: string | null;
};

/**
 * The association decides on a shop's membership (verified makes it public).
 *
 * - verified/rejected decide a 'pending' shop; lapsed ends a 'verified' one.
 *   The expected state is part of the UPDATE's WHERE, so when two officers
 *   decide at once exactly one wins; the other gets a 409 `not_pending`.
 * - `associationId` is the deciding officer's association: it may decide its
 *   own shops and shops not assigned to any association yet (sign-ups);
 *   approving an unassigned shop makes it a member of that association.
 *   Any other shop is a 404 `not_found`.
 * - A rejection needs a reason (≤ 500 characters); approval takes an
 *   optional note. Stored with the decision time and audited with
 *   `{ before, after, reason }` in the same transaction.
 * No mail here: the route uses `decideShopMembership` in
 * ~/services/verification.server, which adds the owner's notification.
 */
export async function decideArtisanMembership(
  args: {
    artisanId: number;
    status: "verified" | "rejected" | "lapsed";
    actorUserId: number | null;
    associationId?: number;
    reason?: string | null;
    now?: Date;
  },
  db: DB = getDb(),
): Promise<MembershipDecision> {
  const at = isoAt(args.now);
  const reason = decisionReason(args.reason, args.status === "rejected");
  const from = args.status === "lapsed" ? "verified" : "pending";
  const { associationId } = args;
  return inTransaction(db, async (trx) => {
    let read = trx
      .selectFrom("artisans")
      .select(["id", "name", "owner_user_id", "membership_status", "association_id"])
      .where("id", "=", args.artisanId);
    if (associationId !== undefined) read = read.where((eb) => eb.or([eb("association_id", "=", associationId), eb("association_id", "is", null)]));
    const before = await read.executeTakeFirst();
    if (!before) throw await notInScope(args.artisanId, from, trx);
    const assign = args.status === "verified" && associationId !== undefined;
    let update = trx
      .updateTable("artisans")
      .set({
        membership_status: args.status,
        ...(assign ? { association_id: sql<number>`coalesce(association_id, ${associationId})` } : {}),
        verified_at: args.status === "verified" ? at : null,
        verified_by: args.status === "verified" ? args.actorUserId : null,
        membership_reason: reason,
        membership_decided_at: at,
        updated_at: at,
      })
      .where("id", "=", args.artisanId)
      .where("membership_status", "=", from);
    if (associationId !== undefined) update = update.where((eb) => eb.or([eb("association_id", "=", associationId), eb("association_id", "is", null)]));
    const after = await update.returning(["membership_status", "association_id"]).executeTakeFirst();
    if (!after) throw new ModelError("not_pending", "This shop has already been decided", 409);
    await recordAudit(
      {
        actorUserId: args.actorUserId,
        action: `artisan.membership_${args.status}`,
        subjectType: "artisan",
        subjectId: args.artisanId,
        details: {
          before: { membership_status: before.membership_status, association_id: before.association_id },
          after: { membership_status: after.membership_status, association_id: after.association_id },
          reason,
        },
        now: args.now,
      },
      trx,
    );
    return { artisanId: before.id, name: before.name, ownerUserId: before.owner_user_id, status: args.status, associationId: after.association_id, reason };
  });
}

/**
 * Why a shop is not decidable by this association: a shop that has left the
 * expected state was decided meanwhile (approving an unassigned shop moves it
 * into the approving association, out of the others' scope) → 409; a shop
 * that is still waiting but belongs to another association, or none at all → 404.
 */
async function notInScope(artisanId: number, from: string, db: DB): Promise<ModelError> {
  const row = await db.selectFrom("artisans").select("membership_status").where("id", "=", artisanId).executeTakeFirst();
  if (row && row.membership_status !== from) return new ModelError("not_pending", "This shop has already been decided", 409);
  return new ModelError("not_found", "No such artisan in this association", 404);
}

// ---------------------------------------------------------------- verification queue

/**
 * The shops an officer may verify: those of the officer's associations, and
 * those not assigned to any association yet (shops opened at sign-up).
 */
function inOfficerScope(associationIds: number[]) {
  const ids = associationIds.filter(Number.isSafeInteger);
  return (eb: ExpressionBuilder<Database, "artisans">) =>
    ids.length ? eb.or([eb("artisans.association_id", "in", ids), eb("artisans.association_id", "is", null)]) : eb("artisans.association_id", "is", null);
}

export type MembershipQueueItem = {
  id: number;
  name: string;
  owner_name: string;
  village: string;
  district: string;
  regency: "kabupaten" | "kota";
  techniques: string[];
  /** The sign-up (shop creation) instant. */
  created_at: string;
  association: { id: number; short_name: string } | null;
  facts: { workers_men: number; workers_women: number; monthly_capacity: number; reported_on: string } | null;
};

/**
 * Active shops waiting for membership verification that these associations'
 * officers may decide, oldest first. Never selects the WhatsApp number or the
 * owner's e-mail.
 */
export async function listMembershipQueue(args: { associationIds: number[] }, db: DB = getDb()): Promise<MembershipQueueItem[]> {
  const rows = await db
    .selectFrom("artisans")
    .leftJoin("associations as s", "s.id", "artisans.association_id")
    .select([
      "artisans.id",
      "artisans.name",
      "artisans.owner_name",
      "artisans.village",
      "artisans.district",
      "artisans.regency",
      "artisans.techniques",
      "artisans.created_at",
      "artisans.association_id",
      "s.short_name as association_short_name",
    ])
    .where("artisans.status", "=", "active")
    .where("artisans.membership_status", "=", "pending")
    .where(inOfficerScope(args.associationIds))
    .orderBy("artisans.created_at")
    .orderBy("artisans.id")
    .execute();
  const facts = await getLatestArtisanFactsOf({ artisanIds: rows.map((r) => r.id) }, db);
  return rows.map(
    (r): MembershipQueueItem => ({
      id: r.id,
      name: r.name,
      owner_name: r.owner_name,
      village: r.village,
      district: r.district,
      regency: r.regency,
      techniques: parseStringArray(r.techniques),
      created_at: r.created_at,
      association: r.association_id != null && r.association_short_name ? { id: r.association_id, short_name: r.association_short_name } : null,
      facts: facts.get(r.id) ?? null,
    }),
  );
}

/**
 * Where a shop stands for an officer about to decide on it: null when it does
 * not exist; `inScope` false when it belongs to another association.
 */
export async function getShopForDecision(args: { artisanId: number; associationIds: number[] }, db: DB = getDb()) {
  const row = await db
    .selectFrom("artisans")
    .select((eb) => ["id", "association_id", "membership_status", inOfficerScope(args.associationIds)(eb).as("in_scope")])
    .where("id", "=", args.artisanId)
    .executeTakeFirst();
  return row ? { id: row.id, association_id: row.association_id, membership_status: row.membership_status, inScope: Boolean(row.in_scope) } : null;
}

export type DocumentQueueItem = {
  id: number;
  kind: LegalDocumentKind;
  number: string;
  issuer: string | null;
  grade: BatikmarkGrade | null;
  issued_on: string | null;
  expires_on: string | null;
  /** The expiry date lies before today (WIB). */
  expired: boolean;
  /** Submitted as the renewal of an earlier document. */
  renewal: boolean;
  submitted_at: string;
  /** A scan was uploaded (served to officers at /association/documents/:id/file). */
  has_file: boolean;
  artisan: { id: number; name: string; membership_status: "pending" | "verified" | "rejected" | "lapsed" };
};

/**
 * Legality documents waiting for a decision (pending, not superseded by a
 * newer upload) of the active shops these associations' officers may see,
 * oldest first. `now` decides which have expired.
 */
export async function listDocumentQueue(args: { associationIds: number[]; now?: Date }, db: DB = getDb()): Promise<DocumentQueueItem[]> {
  const today = wibDayOf(args.now ?? new Date());
  const rows = await db
    .selectFrom("legal_documents as d")
    .innerJoin("artisans", "artisans.id", "d.artisan_id")
    .select([
      "d.id",
      "d.kind",
      "d.number",
      "d.issuer",
      "d.grade",
      "d.issued_on",
      "d.expires_on",
      "d.supersedes_id",
      "d.created_at",
      "d.file_key",
      "artisans.id as artisan_id",
      "artisans.name as artisan_name",
      "artisans.membership_status",
    ])
    .where("d.status", "=", "pending")
    .where("d.superseded_at", "is", null)
    .where("artisans.status", "=", "active")
    .where(inOfficerScope(args.associationIds))
    .orderBy("d.created_at")
    .orderBy("d.id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    number: r.number,
    issuer: r.issuer,
    grade: isGrade(r.grade) ? r.grade : null,
    issued_on: r.issued_on,
    expires_on: r.expires_on,
    expired: r.expires_on != null && r.expires_on < today,
    renewal: r.supersedes_id != null,
    submitted_at: r.created_at,
    has_file: r.file_key != null,
    artisan: { id: r.artisan_id, name: r.artisan_name, membership_status: r.membership_status },
  }));
}

export async function setArtisanProfileImage(args: { artisanId: number; imageId: number | null; now?: Date }, db: DB = getDb()): Promise<void> {
  await db
    .updateTable("artisans")
    .set({ profile_image_id: args.imageId, updated_at: isoAt(args.now) })
    .where("id", "=", args.artisanId)
    .execute();
}

/** Features an artisan on the home page (or stops); false when there is no such shop. */
export async function setArtisanFeatured(args: { artisanId: number; featured: boolean; now?: Date }, db: DB = getDb()): Promise<boolean> {
  const result = await db
    .updateTable("artisans")
    .set({ featured: args.featured ? 1 : 0, updated_at: isoAt(args.now) })
    .where("id", "=", args.artisanId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
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

export type DocumentDecision = {
  documentId: number;
  kind: LegalDocumentKind;
  number: string;
  artisanId: number;
  shopName: string;
  ownerUserId: number | null;
  status: "verified" | "rejected";
  reason: string | null;
};

/**
 * The association (or admin) verifies or rejects a document. Only a pending,
 * current (not superseded) document can be decided, checked in the UPDATE's
 * WHERE so concurrent decisions cannot both win (409 `not_pending`). With
 * `associationIds` the document's shop must be in the officer's scope (their
 * associations' shops or unassigned ones), else 404. A rejection needs a
 * reason (≤ 500 characters). Audited with `{ before, after, reason }`.
 */
export async function decideLegalDocument(
  args: {
    documentId: number;
    status: "verified" | "rejected";
    actorUserId: number | null;
    associationIds?: number[];
    reason?: string | null;
    now?: Date;
  },
  db: DB = getDb(),
): Promise<DocumentDecision> {
  const at = isoAt(args.now);
  const reason = decisionReason(args.reason, args.status === "rejected");
  return inTransaction(db, async (trx) => {
    let read = trx
      .selectFrom("legal_documents as d")
      .innerJoin("artisans", "artisans.id", "d.artisan_id")
      .select(["d.id", "d.kind", "d.number", "d.status", "artisans.id as artisan_id", "artisans.name as shop_name", "artisans.owner_user_id"])
      .where("d.id", "=", args.documentId);
    if (args.associationIds) read = read.where(inOfficerScope(args.associationIds));
    const before = await read.executeTakeFirst();
    if (!before) throw new ModelError("not_found", "No such document in this association", 404);
    const result = await trx
      .updateTable("legal_documents")
      .set({ status: args.status, verified_at: at, verified_by: args.actorUserId, decision_reason: reason })
      .where("id", "=", args.documentId)
      .where("status", "=", "pending")
      .where("superseded_at", "is", null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw new ModelError("not_pending", "The document is not waiting for a decision", 409);
    await recordAudit(
      {
        actorUserId: args.actorUserId,
        action: `legal_document.${args.status}`,
        subjectType: "legal_document",
        subjectId: args.documentId,
        details: { before: { status: before.status }, after: { status: args.status }, reason },
        now: args.now,
      },
      trx,
    );
    return {
      documentId: before.id,
      kind: before.kind,
      number: before.number,
      artisanId: before.artisan_id,
      shopName: before.shop_name,
      ownerUserId: before.owner_user_id,
      status: args.status,
      reason,
    };
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

// ---------------------------------------------------------------- the artisan's dashboard: shop profile

export const PROFILE_LIMITS = { storyMax: 5000, villageMax: 80, shippingMax: 1_000_000, foundedMin: 1900 } as const;

export type ShopProfile = {
  id: number;
  slug: string;
  name: string;
  story_id: string;
  story_en: string;
  village: string;
  district: string;
  regency: "kabupaten" | "kota";
  techniques: string[];
  founded_year: number | null;
  /** The owner's own number: shown on their dashboard only, never on a public page. */
  whatsapp_number: string | null;
  shipping_flat_rate: number;
  membership_status: "pending" | "verified" | "rejected" | "lapsed";
  membership_reason: string | null;
  status: "active" | "archived";
};

/** The shop's profile as its owner edits it (includes the private WhatsApp number). */
export async function getShopProfile(args: { artisanId: number }, db: DB = getDb()): Promise<ShopProfile | null> {
  const row = await db
    .selectFrom("artisans")
    .select([
      "id",
      "slug",
      "name",
      "story_id",
      "story_en",
      "village",
      "district",
      "regency",
      "techniques",
      "founded_year",
      "whatsapp_number",
      "shipping_flat_rate",
      "membership_status",
      "membership_reason",
      "status",
    ])
    .where("id", "=", args.artisanId)
    .executeTakeFirst();
  return row ? { ...row, techniques: parseStringArray(row.techniques) } : null;
}

/**
 * An Indonesian mobile number as wa.me digits (628…, 11–15 digits), or null.
 * Mobile numbers start 08 nationally; landlines (0342 …) cannot take WhatsApp
 * messages for a shop reliably, so they are refused.
 */
export function indonesianMobileNumber(raw: string): string | null {
  const digits = normaliseIndonesianNumber(raw);
  return digits && /^628\d{8,12}$/.test(digits) ? digits : null;
}

/** A phone number for logs and audit details: the country code and the last three digits only. */
export function maskPhone(number: string | null): string | null {
  if (!number) return null;
  const digits = number.replace(/\D/g, "");
  return `+${digits.slice(0, 2)}…${digits.slice(-3)}`;
}

export type ShopProfileInput = {
  artisanId: number;
  actorUserId: number | null;
  storyId: string;
  storyEn: string;
  village: string;
  district: string;
  techniques: Technique[];
  foundedYear: number | null;
  /** As typed; stored normalised as +628…; empty = no WhatsApp button. */
  whatsappNumber: string | null;
  shippingFlatRate: number;
  now?: Date;
};

/**
 * The owner edits the shop's profile. The shop's name stays what the
 * association verified. The district decides the regency (Kabupaten or Kota
 * Blitar). Audited as `artisan.profile_update` with the changed fields before
 * and after; the WhatsApp number appears there masked only.
 */
export async function updateArtisanProfile(args: ShopProfileInput, db: DB = getDb()): Promise<{ changed: boolean }> {
  const storyId = args.storyId.trim();
  const storyEn = args.storyEn.trim();
  if (storyId.length > PROFILE_LIMITS.storyMax || storyEn.length > PROFILE_LIMITS.storyMax) throw new ModelError("invalid_story");
  const village = args.village.trim();
  if (!village || village.length > PROFILE_LIMITS.villageMax) throw new ModelError("invalid_village");
  const regency = regencyOfDistrict(args.district);
  if (!regency) throw new ModelError("invalid_district");
  const techniques = [...new Set(args.techniques)];
  if (techniques.some((t) => !TECHNIQUES.includes(t))) throw new ModelError("invalid_technique");
  const year = new Date(isoAt(args.now)).getUTCFullYear();
  if (args.foundedYear != null && (!Number.isSafeInteger(args.foundedYear) || args.foundedYear < PROFILE_LIMITS.foundedMin || args.foundedYear > year)) {
    throw new ModelError("invalid_founded_year");
  }
  let whatsapp: string | null = null;
  if (args.whatsappNumber?.trim()) {
    const digits = indonesianMobileNumber(args.whatsappNumber);
    if (!digits) throw new ModelError("invalid_whatsapp_number");
    whatsapp = `+${digits}`;
  }
  assertNonNegativeInt(args.shippingFlatRate, "invalid_shipping_rate");
  if (args.shippingFlatRate > PROFILE_LIMITS.shippingMax) throw new ModelError("invalid_shipping_rate");
  const next = {
    story_id: storyId,
    story_en: storyEn,
    village,
    district: args.district,
    regency,
    techniques: JSON.stringify(techniques),
    founded_year: args.foundedYear,
    whatsapp_number: whatsapp,
    shipping_flat_rate: args.shippingFlatRate,
  };
  return inTransaction(db, async (trx) => {
    const current = await trx
      .selectFrom("artisans")
      .select(["story_id", "story_en", "village", "district", "regency", "techniques", "founded_year", "whatsapp_number", "shipping_flat_rate"])
      .where("id", "=", args.artisanId)
      .executeTakeFirst();
    if (!current) throw new ModelError("not_found", "No such artisan", 404);
    const keys = Object.keys(next) as (keyof typeof next)[];
    const changedKeys = keys.filter((k) => current[k] !== next[k]);
    if (!changedKeys.length) return { changed: false };
    await trx
      .updateTable("artisans")
      .set({ ...next, updated_at: isoAt(args.now) })
      .where("id", "=", args.artisanId)
      .execute();
    const view = (values: typeof next, k: keyof typeof next) => {
      if (k === "whatsapp_number") return maskPhone(values.whatsapp_number);
      if (k === "story_id" || k === "story_en") return `${values[k].length} characters`;
      return values[k];
    };
    await recordAudit(
      {
        actorUserId: args.actorUserId,
        action: "artisan.profile_update",
        subjectType: "artisan",
        subjectId: args.artisanId,
        details: {
          before: Object.fromEntries(changedKeys.map((k) => [k, view(current as typeof next, k)])),
          after: Object.fromEntries(changedKeys.map((k) => [k, view(next, k)])),
        },
        now: args.now,
      },
      trx,
    );
    return { changed: true };
  });
}

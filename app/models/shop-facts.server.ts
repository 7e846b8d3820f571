/**
 * What an artisan's dashboard reads about its own shop: the facts history,
 * its legality documents (with superseded versions and the association's
 * reasons), its facility needs with their history, and its motif proposals.
 * Every read is scoped by `artisanId` in the query: another shop's row does
 * not exist for the caller.
 */
import { getDb } from "~/utils/db.server";
import { recordAudit } from "./audit.server";
import { inTransaction, isoAt, ModelError, type DB } from "./common.server";
import type { FacilityNeedKind, LegalDocumentKind } from "./artisan.server";

// ---------------------------------------------------------------- facts

export type FactsReport = { id: number; workers_men: number; workers_women: number; monthly_capacity: number; reported_on: string; created_at: string };

/** Every facts report of a shop, latest first (by reported day, then entry). Nothing is ever overwritten. */
export async function listArtisanFactsHistory(args: { artisanId: number }, db: DB = getDb()): Promise<FactsReport[]> {
  return db
    .selectFrom("artisan_facts")
    .select(["id", "workers_men", "workers_women", "monthly_capacity", "reported_on", "created_at"])
    .where("artisan_id", "=", args.artisanId)
    .orderBy("reported_on", "desc")
    .orderBy("id", "desc")
    .execute();
}

// ---------------------------------------------------------------- documents

export type ShopDocument = {
  id: number;
  kind: LegalDocumentKind;
  number: string;
  issuer: string | null;
  grade: string | null;
  issued_on: string | null;
  expires_on: string | null;
  status: "pending" | "verified" | "rejected";
  /** The association's reason (shown to the owner; required for a rejection). */
  decision_reason: string | null;
  verified_at: string | null;
  has_file: boolean;
  supersedes_id: number | null;
  superseded_at: string | null;
  created_at: string;
};

/** All of a shop's documents, current and superseded, newest first. */
export async function listShopDocuments(args: { artisanId: number }, db: DB = getDb()): Promise<ShopDocument[]> {
  const rows = await db
    .selectFrom("legal_documents")
    .select([
      "id",
      "kind",
      "number",
      "issuer",
      "grade",
      "issued_on",
      "expires_on",
      "status",
      "decision_reason",
      "verified_at",
      "file_key",
      "supersedes_id",
      "superseded_at",
      "created_at",
    ])
    .where("artisan_id", "=", args.artisanId)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .execute();
  return rows.map(({ file_key, ...r }) => ({ ...r, has_file: file_key != null }));
}

/** A current (not superseded) document of the shop, or null: what a new version may replace. */
export async function getCurrentShopDocument(args: { artisanId: number; documentId: number }, db: DB = getDb()) {
  return (
    (await db
      .selectFrom("legal_documents")
      .select(["id", "kind", "number"])
      .where("id", "=", args.documentId)
      .where("artisan_id", "=", args.artisanId)
      .where("superseded_at", "is", null)
      .executeTakeFirst()) ?? null
  );
}

/**
 * The stored file of a document, for its owner (`artisanId`) or for an
 * officer (`associationIds`: the shops of their associations and unassigned
 * ones, as in the verification queue). null when there is no such document
 * in that scope or it has no file: the route answers 404 either way.
 */
export async function getDocumentFileKey(
  args: { documentId: number } & ({ artisanId: number } | { associationIds: number[] }),
  db: DB = getDb(),
): Promise<{ fileKey: string; kind: LegalDocumentKind; number: string } | null> {
  let query = db
    .selectFrom("legal_documents as d")
    .innerJoin("artisans as a", "a.id", "d.artisan_id")
    .select(["d.file_key", "d.kind", "d.number"])
    .where("d.id", "=", args.documentId);
  if ("artisanId" in args) {
    query = query.where("d.artisan_id", "=", args.artisanId);
  } else {
    const ids = args.associationIds.filter(Number.isSafeInteger);
    query = query.where((eb) => (ids.length ? eb.or([eb("a.association_id", "in", ids), eb("a.association_id", "is", null)]) : eb("a.association_id", "is", null)));
  }
  const row = await query.executeTakeFirst();
  return row?.file_key ? { fileKey: row.file_key, kind: row.kind, number: row.number } : null;
}

// ---------------------------------------------------------------- facility needs

export type NeedStatus = "open" | "in_progress" | "met" | "withdrawn";

export type NeedVersion = { id: number; status: NeedStatus; closed_on: string | null; created_at: string };

export type ShopNeed = {
  /** The current row's id (the one a status change supersedes). */
  id: number;
  kind: FacilityNeedKind;
  description: string;
  status: NeedStatus;
  opened_on: string;
  closed_on: string | null;
  /** Since when the current status holds (the current row's creation). */
  changed_at: string;
  /** Earlier rows of this need, newest first. */
  history: NeedVersion[];
};

/**
 * A shop's facility needs: one entry per chain of rows (a status change adds
 * a row that supersedes the previous one, which is kept unchanged), current
 * state first, open and in-progress needs before closed ones.
 */
export async function listShopNeeds(args: { artisanId: number }, db: DB = getDb()): Promise<ShopNeed[]> {
  const rows = await db
    .selectFrom("facility_needs")
    .select(["id", "kind", "description", "status", "opened_on", "closed_on", "supersedes_id", "created_at"])
    .where("artisan_id", "=", args.artisanId)
    .orderBy("id")
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const superseded = new Set(rows.flatMap((r) => (r.supersedes_id == null ? [] : [r.supersedes_id])));
  const needs: ShopNeed[] = [];
  for (const current of rows.filter((r) => !superseded.has(r.id))) {
    const history: NeedVersion[] = [];
    const seen = new Set<number>([current.id]);
    let previous = current.supersedes_id == null ? undefined : byId.get(current.supersedes_id);
    while (previous && !seen.has(previous.id)) {
      seen.add(previous.id);
      history.push({ id: previous.id, status: previous.status, closed_on: previous.closed_on, created_at: previous.created_at });
      previous = previous.supersedes_id == null ? undefined : byId.get(previous.supersedes_id);
    }
    needs.push({
      id: current.id,
      kind: current.kind,
      description: current.description,
      status: current.status,
      opened_on: current.opened_on,
      closed_on: current.closed_on,
      changed_at: current.created_at,
      history,
    });
  }
  const openFirst = (n: ShopNeed) => (n.status === "open" || n.status === "in_progress" ? 0 : 1);
  return needs.sort((a, b) => openFirst(a) - openFirst(b) || b.changed_at.localeCompare(a.changed_at) || b.id - a.id);
}

/**
 * Moves a current open or in-progress need of the shop on (in progress, met,
 * withdrawn) by adding a row that supersedes it: same kind, description and
 * opening day, the new status, `closed_on` for met/withdrawn. The old row is
 * kept as it was, so the history shows each state with its date. Another
 * shop's need, a superseded row or a closed need → 404 `not_found`; the same
 * status again → 409 `unchanged`. Audited as `need.update`.
 */
export async function changeFacilityNeedStatus(
  args: { artisanId: number; needId: number; status: "in_progress" | "met" | "withdrawn"; on: string; actorUserId: number | null; now?: Date },
  db: DB = getDb(),
): Promise<{ id: number; kind: FacilityNeedKind }> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(args.on)) throw new ModelError("invalid_date");
  const at = isoAt(args.now);
  return inTransaction(db, async (trx) => {
    const old = await trx
      .selectFrom("facility_needs as n")
      .select(["n.id", "n.kind", "n.description", "n.status", "n.opened_on"])
      .where("n.id", "=", args.needId)
      .where("n.artisan_id", "=", args.artisanId)
      .where("n.status", "in", ["open", "in_progress"])
      .where((eb) => eb.not(eb.exists(eb.selectFrom("facility_needs as newer").select("newer.id").whereRef("newer.supersedes_id", "=", "n.id"))))
      .executeTakeFirst();
    if (!old) throw new ModelError("not_found", "No open need of this artisan", 404);
    if (old.status === args.status) throw new ModelError("unchanged", "The need already has this status", 409);
    const row = await trx
      .insertInto("facility_needs")
      .values({
        artisan_id: args.artisanId,
        kind: old.kind,
        description: old.description,
        status: args.status,
        opened_on: old.opened_on,
        closed_on: args.status === "in_progress" ? null : args.on,
        supersedes_id: old.id,
        created_at: at,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(
      {
        actorUserId: args.actorUserId,
        action: "need.update",
        subjectType: "facility_need",
        subjectId: row.id,
        details: { before: { id: old.id, status: old.status }, after: { id: row.id, status: args.status, closed_on: args.status === "in_progress" ? null : args.on } },
        now: args.now,
      },
      trx,
    );
    return { id: row.id, kind: old.kind };
  });
}

export type NeedQueueItem = {
  id: number;
  kind: FacilityNeedKind;
  description: string;
  status: "open" | "in_progress";
  opened_on: string;
  artisan: { id: number; name: string };
};

/**
 * Current open and in-progress needs of the active shops an officer may see
 * (their associations' shops and unassigned ones), oldest first.
 */
export async function listOpenNeedsQueue(args: { associationIds: number[] }, db: DB = getDb()): Promise<NeedQueueItem[]> {
  const ids = args.associationIds.filter(Number.isSafeInteger);
  const rows = await db
    .selectFrom("facility_needs as n")
    .innerJoin("artisans as a", "a.id", "n.artisan_id")
    .select(["n.id", "n.kind", "n.description", "n.status", "n.opened_on", "a.id as artisan_id", "a.name as artisan_name"])
    .where("n.status", "in", ["open", "in_progress"])
    .where((eb) => eb.not(eb.exists(eb.selectFrom("facility_needs as newer").select("newer.id").whereRef("newer.supersedes_id", "=", "n.id"))))
    .where("a.status", "=", "active")
    .where((eb) => (ids.length ? eb.or([eb("a.association_id", "in", ids), eb("a.association_id", "is", null)]) : eb("a.association_id", "is", null)))
    .orderBy("n.opened_on")
    .orderBy("n.id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    description: r.description,
    status: r.status as "open" | "in_progress",
    opened_on: r.opened_on,
    artisan: { id: r.artisan_id, name: r.artisan_name },
  }));
}

// ---------------------------------------------------------------- motif proposals

export type ShopProposal = {
  id: number;
  slug: string;
  name: string;
  status: "proposed" | "published" | "rejected" | "archived";
  created_at: string;
  approved_at: string | null;
  /** The association's reason, from the latest `motif.reject` audit entry (rejected proposals only). */
  reason: string | null;
};

/** The motifs this shop proposed, newest first, with the approval date or the rejection reason. */
export async function listShopProposals(args: { artisanId: number }, db: DB = getDb()): Promise<ShopProposal[]> {
  const rows = await db
    .selectFrom("motifs")
    .select(["id", "slug", "name", "status", "created_at", "approved_at"])
    .where("proposed_by_artisan_id", "=", args.artisanId)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .execute();
  const rejected = rows.filter((r) => r.status === "rejected").map((r) => String(r.id));
  const reasons = new Map<string, string | null>();
  if (rejected.length) {
    const entries = await db
      .selectFrom("audit_log")
      .select(["subject_id", "details"])
      .where("action", "=", "motif.reject")
      .where("subject_type", "=", "motif")
      .where("subject_id", "in", rejected)
      .orderBy("id")
      .execute();
    for (const e of entries) reasons.set(e.subject_id, reasonOf(e.details));
  }
  return rows.map((r) => ({ ...r, reason: r.status === "rejected" ? (reasons.get(String(r.id)) ?? null) : null }));
}

function reasonOf(details: string): string | null {
  try {
    const value: unknown = JSON.parse(details);
    const reason = value && typeof value === "object" ? (value as { reason?: unknown }).reason : null;
    return typeof reason === "string" ? reason : null;
  } catch {
    return null;
  }
}

/**
 * The association's curation as workflows: a decision on a motif proposal
 * and the proposing shop owner's mail are written in one transaction; a
 * feature toggle and its audit entry likewise.
 */
import { setArtisanFeatured } from "~/models/artisan.server";
import { recordAudit } from "~/models/audit.server";
import { inTransaction, isModelError, ModelError } from "~/models/common.server";
import { decideMotifProposal, setMotifFeatured } from "~/models/motif.server";
import { setProductFeatured } from "~/models/product.server";
import { getDb, type DB } from "~/utils/db.server";
import { queueMail } from "./mail.server";

/**
 * Approves or rejects a proposed motif (see decideMotifProposal) and mails
 * the proposing shop's owner in their language, unless the account is gone.
 * The mail holds the owner's own name and address, the shop's and the
 * motif's names and the officer's reason: nothing of anyone else.
 */
export async function decideMotif(
  args: { motifId: number; decision: "published" | "rejected"; actorUserId: number; reason?: string | null; now?: Date },
  db: DB = getDb(),
) {
  return inTransaction(db, async (trx) => {
    const result = await decideMotifProposal({ id: args.motifId, decision: args.decision, actorUserId: args.actorUserId, reason: args.reason, now: args.now }, trx);
    const ownerId = result.proposer?.ownerUserId;
    if (result.proposer && ownerId != null) {
      const owner = await trx
        .selectFrom("users")
        .select(["email", "name", "locale"])
        .where("id", "=", ownerId)
        .where("deleted_at", "is", null)
        .where("anonymized_at", "is", null)
        .executeTakeFirst();
      if (owner) {
        await queueMail(
          {
            to: owner.email,
            toName: owner.name,
            template: "motifDecision",
            locale: owner.locale,
            data: {
              name: owner.name,
              shopName: result.proposer.name,
              motifName: result.name,
              outcome: result.status,
              reason: result.reason,
              motifPath: result.status === "published" ? `/motifs/${result.slug}` : null,
            },
          },
          trx,
        );
      }
    }
    return result;
  });
}

export const FEATURE_KINDS = ["motif", "product", "artisan"] as const;
export type FeatureKind = (typeof FEATURE_KINDS)[number];

/**
 * Features a public motif, product or artisan on the home page, or stops,
 * audited as `<kind>.feature` / `<kind>.unfeature` with `{ before, after }`.
 * An item that is not public (or does not exist) is a 404 `not_found`.
 * Returns the item's name and whether anything changed (toggling to the current state does not).
 */
export async function setFeatured(
  args: { kind: FeatureKind; id: number; featured: boolean; actorUserId: number; locale?: "id" | "en"; now?: Date },
  db: DB = getDb(),
): Promise<{ changed: boolean; name: string }> {
  return inTransaction(db, async (trx) => {
    const before =
      args.kind === "product"
        ? await trx
            .selectFrom("products")
            .select(["featured", args.locale === "en" ? "title_en as name" : "title_id as name"])
            .where("id", "=", args.id)
            .executeTakeFirst()
        : await trx
            .selectFrom(args.kind === "motif" ? "motifs" : "artisans")
            .select(["featured", "name"])
            .where("id", "=", args.id)
            .executeTakeFirst();
    const changed =
      args.kind === "motif"
        ? await setMotifFeatured({ motifId: args.id, featured: args.featured, now: args.now }, trx)
        : args.kind === "product"
          ? await setProductFeatured({ productId: args.id, featured: args.featured, now: args.now }, trx)
          : await publicArtisan(args.id, trx).then((ok) => ok && setArtisanFeatured({ artisanId: args.id, featured: args.featured, now: args.now }, trx));
    if (!before || !changed) throw new ModelError("not_found", `No public ${args.kind} ${args.id}`, 404);
    const wasFeatured = before.featured === 1;
    if (wasFeatured === args.featured) return { changed: false, name: before.name };
    await recordAudit(
      {
        actorUserId: args.actorUserId,
        action: `${args.kind}.${args.featured ? "feature" : "unfeature"}`,
        subjectType: args.kind,
        subjectId: args.id,
        details: { before: { featured: wasFeatured }, after: { featured: args.featured } },
        now: args.now,
      },
      trx,
    );
    return { changed: true, name: before.name };
  });
}

async function publicArtisan(id: number, db: DB): Promise<boolean> {
  const row = await db.selectFrom("artisans").select("id").where("id", "=", id).where("status", "=", "active").where("membership_status", "=", "verified").executeTakeFirst();
  return Boolean(row);
}

/** The motif form's field a model refusal belongs to, with its message key; null when it is not about one field. */
export function motifFieldError(error: unknown): { field: "slug" | "name" | "year" | "registrationNumber"; key: string } | null {
  if (!isModelError(error)) return null;
  switch (error.code) {
    case "slug_taken":
      return { field: "slug", key: "curation.errors.slugTaken" };
    case "invalid_slug":
      return { field: "slug", key: "curation.errors.slugInvalid" };
    case "invalid_name":
      return { field: "name", key: "curation.errors.nameRequired" };
    case "invalid_year":
      return { field: "year", key: "curation.errors.yearInvalid" };
    case "registration_number_required":
      return { field: "registrationNumber", key: "curation.errors.registrationNumberRequired" };
    default:
      return null;
  }
}

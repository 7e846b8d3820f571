/**
 * The association's decisions as workflows: the decision (state, reason,
 * audit entry) and the owner's notification mail are written in one
 * transaction, so an owner is never told about a decision that did not
 * happen, nor left untold about one that did.
 */
import { decideArtisanMembership, decideLegalDocument } from "~/models/artisan.server";
import { inTransaction } from "~/models/common.server";
import { getDb, type DB } from "~/utils/db.server";
import type { MailTemplateData } from "./mail-templates.server";
import { queueMail } from "./mail.server";

/** The shop owner's address and language, unless the account was deleted or anonymised. */
async function ownerOf(userId: number | null, db: DB) {
  if (userId == null) return null;
  return (
    (await db
      .selectFrom("users")
      .select(["email", "name", "locale"])
      .where("id", "=", userId)
      .where("deleted_at", "is", null)
      .where("anonymized_at", "is", null)
      .executeTakeFirst()) ?? null
  );
}

/** Queues the verificationDecision mail to the shop's owner (in their language), unless the account is gone. */
async function mailOwner(ownerUserId: number | null, mail: Omit<MailTemplateData["verificationDecision"], "name">, db: DB) {
  const owner = await ownerOf(ownerUserId, db);
  if (!owner) return;
  await queueMail({ to: owner.email, toName: owner.name, template: "verificationDecision", locale: owner.locale, data: { name: owner.name, ...mail } }, db);
}

/** Approves or rejects a pending shop for `associationId` (see decideArtisanMembership) and mails its owner. */
export async function decideShopMembership(
  args: { artisanId: number; decision: "verified" | "rejected"; actorUserId: number; associationId: number; reason?: string | null; now?: Date },
  db: DB = getDb(),
) {
  return inTransaction(db, async (trx) => {
    const result = await decideArtisanMembership(
      { artisanId: args.artisanId, status: args.decision, actorUserId: args.actorUserId, associationId: args.associationId, reason: args.reason, now: args.now },
      trx,
    );
    await mailOwner(result.ownerUserId, { shopName: result.name, subject: "membership", outcome: args.decision, reason: result.reason }, trx);
    return result;
  });
}

/** Verifies or rejects a pending legality document in the officer's scope and mails the shop's owner. */
export async function decideShopDocument(
  args: { documentId: number; decision: "verified" | "rejected"; actorUserId: number; associationIds: number[]; reason?: string | null; now?: Date },
  db: DB = getDb(),
) {
  return inTransaction(db, async (trx) => {
    const result = await decideLegalDocument(
      { documentId: args.documentId, status: args.decision, actorUserId: args.actorUserId, associationIds: args.associationIds, reason: args.reason, now: args.now },
      trx,
    );
    const document = { kind: result.kind, number: result.number };
    await mailOwner(result.ownerUserId, { shopName: result.shopName, subject: "document", outcome: args.decision, reason: result.reason, document }, trx);
    return result;
  });
}

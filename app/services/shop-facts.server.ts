/**
 * The artisan dashboard's facts, documents and needs as workflows: each
 * change and its audit entry are written in one transaction.
 */
import { addLegalDocument, openFacilityNeed, recordArtisanFacts, type BatikmarkGrade, type FacilityNeedKind, type LegalDocumentKind } from "~/models/artisan.server";
import { recordAudit } from "~/models/audit.server";
import { inTransaction, ModelError } from "~/models/common.server";
import { getDb, type DB } from "~/utils/db.server";
import { removeDocumentFile, sniffDocumentType, storeDocumentFile, DOCUMENT_MAX_BYTES } from "./document-files.server";

/** Appends a facts report (never overwrites one). Audited as `artisan.facts_report`. */
export async function reportFacts(
  args: { artisanId: number; actorUserId: number; workersMen: number; workersWomen: number; monthlyCapacity: number; reportedOn: string; now?: Date },
  db: DB = getDb(),
): Promise<{ id: number }> {
  return inTransaction(db, async (trx) => {
    const row = await recordArtisanFacts(
      {
        artisanId: args.artisanId,
        workersMen: args.workersMen,
        workersWomen: args.workersWomen,
        monthlyCapacity: args.monthlyCapacity,
        reportedOn: args.reportedOn,
        reportedBy: args.actorUserId,
        now: args.now,
      },
      trx,
    );
    await recordAudit(
      {
        actorUserId: args.actorUserId,
        action: "artisan.facts_report",
        subjectType: "artisan",
        subjectId: args.artisanId,
        details: {
          after: { id: row.id, workers_men: args.workersMen, workers_women: args.workersWomen, monthly_capacity: args.monthlyCapacity, reported_on: args.reportedOn },
        },
        now: args.now,
      },
      trx,
    );
    return row;
  });
}

export type DocumentSubmission = {
  artisanId: number;
  actorUserId: number;
  kind: LegalDocumentKind;
  number: string;
  issuer: string | null;
  grade: BatikmarkGrade | null;
  issuedOn: string | null;
  expiresOn: string | null;
  /** A current document of the same shop and kind that this one replaces. */
  supersedesId: number | null;
  file: Uint8Array;
  now?: Date;
};

/**
 * Submits a document (or a new version of one) with its scan. The scan's
 * type is sniffed first (`file_type` 400 when it is not a PDF, JPEG or PNG;
 * `file_too_large` when over 10 MB), so nothing is written for a refused
 * file; a scan this call stored is removed again when the database refuses
 * the document. The replaced document must be current (not superseded) and
 * of the same kind, else 404. Audited as `document.submit`.
 */
export async function submitDocument(args: DocumentSubmission, db: DB = getDb()): Promise<{ id: number }> {
  if (args.file.byteLength === 0) throw new ModelError("file_required");
  if (args.file.byteLength > DOCUMENT_MAX_BYTES) throw new ModelError("file_too_large", "The scan is larger than 10 MB", 413);
  const type = sniffDocumentType(args.file);
  if (!type) throw new ModelError("file_type", "The scan is not a PDF, JPEG or PNG");
  const stored = await storeDocumentFile(args.file, type);
  try {
    return await inTransaction(db, async (trx) => {
      if (args.supersedesId != null) {
        const old = await trx
          .selectFrom("legal_documents")
          .select("id")
          .where("id", "=", args.supersedesId)
          .where("artisan_id", "=", args.artisanId)
          .where("kind", "=", args.kind)
          .where("superseded_at", "is", null)
          .executeTakeFirst();
        if (!old) throw new ModelError("not_found", "No current document of this kind in this shop", 404);
      }
      const row = await addLegalDocument(
        {
          artisanId: args.artisanId,
          kind: args.kind,
          number: args.number,
          issuer: args.issuer,
          grade: args.kind === "batikmark" ? args.grade : null,
          issuedOn: args.issuedOn,
          expiresOn: args.expiresOn,
          fileKey: stored.key,
          supersedesId: args.supersedesId,
          now: args.now,
        },
        trx,
      );
      await recordAudit(
        {
          actorUserId: args.actorUserId,
          action: "document.submit",
          subjectType: "legal_document",
          subjectId: row.id,
          details: {
            after: {
              artisan_id: args.artisanId,
              kind: args.kind,
              number: args.number.trim(),
              grade: args.kind === "batikmark" ? args.grade : null,
              issued_on: args.issuedOn,
              expires_on: args.expiresOn,
              supersedes_id: args.supersedesId,
              file: stored.key,
            },
          },
          now: args.now,
        },
        trx,
      );
      return row;
    });
  } catch (error) {
    if (stored.created) await removeDocumentFile(stored.key);
    throw error;
  }
}

/** Opens a facility need; it appears in the association's needs list. Audited as `need.open`. */
export async function openNeed(
  args: { artisanId: number; actorUserId: number; kind: FacilityNeedKind; description: string; openedOn: string; now?: Date },
  db: DB = getDb(),
): Promise<{ id: number }> {
  return inTransaction(db, async (trx) => {
    const row = await openFacilityNeed({ artisanId: args.artisanId, kind: args.kind, description: args.description, openedOn: args.openedOn, now: args.now }, trx);
    await recordAudit(
      {
        actorUserId: args.actorUserId,
        action: "need.open",
        subjectType: "facility_need",
        subjectId: row.id,
        details: { after: { artisan_id: args.artisanId, kind: args.kind, description: args.description.trim(), opened_on: args.openedOn } },
        now: args.now,
      },
      trx,
    );
    return row;
  });
}

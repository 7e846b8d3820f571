/**
 * /dashboard/documents: submitting legality documents with a scan, new
 * versions that supersede old ones, the association's rejection reason, the
 * file type read from the bytes, the size limit (nothing written when a file
 * is refused), and who may download a scan.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { addLegalDocument, createArtisan, decideLegalDocument } from "~/models/artisan.server";
import { createAssociation } from "~/models/association.server";
import { listAuditEntries } from "~/models/audit.server";
import { addAssociationOfficer } from "~/models/user.server";
import { loader as associationFile } from "~/routes/($lang).association.documents.$id.file";
import { loader as verificationLoader } from "~/routes/($lang).association.verification";
import { action, loader } from "~/routes/($lang).dashboard.documents";
import { loader as ownerFile } from "~/routes/($lang).dashboard.documents.$id.file";
import { sniffDocumentType } from "~/services/document-files.server";
import { getDb } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { createUserWithSession, ORIGIN, outcome, payloadOf, request } from "../setup/routes";

const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from("rest-of-png")]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from("rest-of-jpeg")]);

let owner: { id: number; cookie: string };
let otherOwner: { id: number; cookie: string };
let buyer: { cookie: string };
let officer: { id: number; cookie: string };
let foreignOfficer: { id: number; cookie: string };
let shopId: number;
let otherShopId: number;

const documentsDir = () => path.join(getEnv().UPLOADS_DIR, "documents");
const storedFiles = () => (fs.existsSync(documentsDir()) ? fs.readdirSync(documentsDir()).sort() : []);
const sha = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
const documentRows = (artisanId: number) =>
  getDb().selectFrom("legal_documents").selectAll().where("artisan_id", "=", artisanId).orderBy("id").execute();

/** A multipart POST as a browser sends the form (the file part named as the user's file). */
function upload(cookie: string | null, fields: Record<string, string>, file?: { bytes: Buffer; name: string; type?: string }, lang?: "en") {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  if (file) body.append("file", new File([new Uint8Array(file.bytes)], file.name, { type: file.type ?? "application/pdf" }));
  const headers = new Headers({ Origin: ORIGIN });
  if (cookie) headers.set("Cookie", cookie.split(";")[0]);
  const url = `${ORIGIN}${lang ? "/en" : ""}/dashboard/documents`;
  return outcome(action({ request: new Request(url, { method: "POST", headers, body }), params: lang ? { lang } : {}, context: {} }));
}

const page = async (cookie: string, query = "") => payloadOf(await loader({ request: request(`/dashboard/documents${query}`, { cookie }), params: {}, context: {} }));
const fileAs = (cookie: string | null, id: number | string) => outcome(ownerFile({ request: request(`/dashboard/documents/${id}/file`, { cookie }), params: { id: String(id) }, context: {} }));
const officerFile = (cookie: string | null, id: number | string) =>
  outcome(associationFile({ request: request(`/association/documents/${id}/file`, { cookie }), params: { id: String(id) }, context: {} }));

async function shop(slug: string, ownerUserId: number, associationId: number) {
  const created = await createArtisan({ slug, ownerUserId, name: `Batik ${slug}`, ownerName: "Bu Sri", village: "Sawentar", district: "Kanigoro", regency: "kabupaten", techniques: ["tulis"], associationId });
  return created.id;
}

beforeAll(async () => {
  const apbb = (await createAssociation({ slug: "apbb", name: "Asosiasi Pengrajin Batik Kabupaten Blitar", shortName: "APBB", region: "kabupaten" })).id;
  const kota = (await createAssociation({ slug: "kota", name: "Paguyuban Batik Kota Blitar", shortName: "PBKB", region: "kota" })).id;
  owner = await createUserWithSession({ email: "doc-owner@example.test", name: "Sri", password: "owner-pass-2026", roles: ["artisan"] });
  otherOwner = await createUserWithSession({ email: "doc-other@example.test", name: "Rini", password: "owner-pass-2026", roles: ["artisan"] });
  buyer = await createUserWithSession({ email: "doc-buyer@example.test", name: "Budi", password: "buyer-pass-2026", roles: ["buyer"] });
  officer = await createUserWithSession({ email: "doc-officer@example.test", name: "Officer", password: "officer-pass-2026", roles: ["association"] });
  foreignOfficer = await createUserWithSession({ email: "doc-kota@example.test", name: "Officer Kota", password: "officer-pass-2026", roles: ["association"] });
  await addAssociationOfficer({ userId: officer.id, associationId: apbb });
  await addAssociationOfficer({ userId: foreignOfficer.id, associationId: kota });
  shopId = await shop("doc-a", owner.id, apbb);
  otherShopId = await shop("doc-b", otherOwner.id, apbb);
});

describe("file type sniffing", () => {
  it("knows PDF, JPEG and PNG by their first bytes, and nothing else", () => {
    expect(sniffDocumentType(PDF)?.ext).toBe("pdf");
    expect(sniffDocumentType(JPEG)?.ext).toBe("jpg");
    expect(sniffDocumentType(PNG)?.ext).toBe("png");
    expect(sniffDocumentType(Buffer.from("just text, named scan.pdf"))).toBeNull();
    expect(sniffDocumentType(Buffer.from("<svg xmlns='http://www.w3.org/2000/svg'/>"))).toBeNull();
    expect(sniffDocumentType(Buffer.from([0xff, 0xd8]))).toBeNull();
  });
});

describe("submitting documents", () => {
  it("stores the scan privately by its hash and records a pending document (audited)", async () => {
    const answer = await upload(owner.cookie, { kind: "nib", number: " 9120001234567 ", issuer: "OSS RBA", issuedOn: "2024-02-01" }, { bytes: PDF, name: "nib.pdf" });
    expect(answer.status).toBe(303);
    expect(answer.headers?.get("Location")).toBe("/dashboard/documents");
    const [doc] = await documentRows(shopId);
    expect(doc).toMatchObject({ kind: "nib", number: "9120001234567", issuer: "OSS RBA", issued_on: "2024-02-01", expires_on: null, status: "pending", grade: null, supersedes_id: null });
    expect(doc.file_key).toBe(`${sha(PDF)}.pdf`);
    expect(fs.readFileSync(path.join(documentsDir(), doc.file_key!))).toEqual(PDF);
    // Never in the public image directory.
    expect(fs.existsSync(path.join(getEnv().UPLOADS_DIR, "variants", doc.file_key!))).toBe(false);
    const audit = (await listAuditEntries({ action: "document.submit" })).find((e) => e.subject_id === String(doc.id));
    expect(audit?.actor_user_id).toBe(owner.id);

    const shown = await page(owner.cookie);
    expect(shown.current.map((d) => [d.id, d.status, d.has_file])).toEqual([[doc.id, "pending", true]]);
    expect(shown.superseded).toEqual([]);
  });

  it("refuses a text file named .pdf (type read from the bytes) and writes nothing", async () => {
    const files = storedFiles();
    const rows = (await documentRows(shopId)).length;
    const answer = await upload(owner.cookie, { kind: "sni", number: "SNI-1" }, { bytes: Buffer.from("I am not a PDF at all"), name: "scan.pdf", type: "application/pdf" });
    expect(answer.status).toBe(400);
    expect((answer.body as { result: { error: Record<string, string[]> } }).result.error.file).toEqual(["shopFacts.documents.errors.fileType"]);
    expect(storedFiles()).toEqual(files);
    expect((await documentRows(shopId)).length).toBe(rows);
  });

  it("refuses a file over 10 MB with 413 and a clear message, writing nothing", async () => {
    const files = storedFiles();
    const rows = (await documentRows(shopId)).length;
    const big = Buffer.alloc(10 * 1024 * 1024 + 1, 0x20);
    PDF.copy(big, 0);
    const answer = await upload(owner.cookie, { kind: "sni", number: "SNI-2" }, { bytes: big, name: "big.pdf" });
    expect(answer.status).toBe(413);
    expect((answer.body as { error: string }).error).toBe("shopFacts.documents.errors.fileTooLarge");
    expect(storedFiles()).toEqual(files);
    expect((await documentRows(shopId)).length).toBe(rows);
  });

  it("refuses a request announcing a body over the limit before reading it", async () => {
    const headers = new Headers({ Cookie: owner.cookie.split(";")[0], "Content-Type": "multipart/form-data; boundary=x", "Content-Length": String(50 * 1024 * 1024) });
    const answer = await outcome(action({ request: new Request(`${ORIGIN}/dashboard/documents`, { method: "POST", headers, body: "--x--" }), params: {}, context: {} }));
    expect(answer.status).toBe(413);
  });

  it("answers a malformed multipart body with 400, not 500", async () => {
    const headers = new Headers({ Cookie: owner.cookie.split(";")[0], "Content-Type": "multipart/form-data; boundary=zzz" });
    const answer = await outcome(action({ request: new Request(`${ORIGIN}/dashboard/documents`, { method: "POST", headers, body: "garbage without parts" }), params: {}, context: {} }));
    expect(answer.status).toBe(400);
  });

  it.each([
    [{ kind: "nib", number: "" }, "number", "shopFacts.documents.errors.numberRequired"],
    [{ kind: "batikmark", number: "BM/1/2026" }, "grade", "shopFacts.documents.errors.gradeRequired"],
    [{ kind: "nib", number: "1", grade: "gold" }, "grade", "shopFacts.documents.errors.gradeOnlyBatikmark"],
    [{ kind: "passport", number: "1" }, "kind", "shopFacts.documents.errors.kind"],
    [{ kind: "nib", number: "1", issuedOn: "2024-05-01", expiresOn: "2024-04-30" }, "expiresOn", "shopFacts.documents.errors.expiresBeforeIssued"],
    [{ kind: "nib", number: "1", issuedOn: "2999-01-01" }, "issuedOn", "shopFacts.documents.errors.issuedFuture"],
    [{ kind: "nib", number: "1", issuedOn: "2024-13-01" }, "issuedOn", "shopFacts.documents.errors.date"],
  ])("refuses %o with a field error and stores no file", async (fields, field, key) => {
    const files = storedFiles();
    const answer = await upload(owner.cookie, fields, { bytes: Buffer.concat([PDF, Buffer.from(field)]), name: "x.pdf" });
    expect(answer.status).toBe(400);
    const result = (answer.body as { result: { error: Record<string, string[]>; initialValue: Record<string, string> } }).result;
    expect(result.error[field]).toEqual([key]);
    if (fields.number) expect(result.initialValue.number).toBe(fields.number);
    expect(storedFiles()).toEqual(files);
  });

  it("needs a file", async () => {
    const answer = await upload(owner.cookie, { kind: "halal", number: "ID-H-1" });
    expect(answer.status).toBe(400);
    expect((answer.body as { result: { error: Record<string, string[]> } }).result.error.file).toEqual(["shopFacts.documents.errors.fileRequired"]);
  });

  it("a new version supersedes the old one, which stays in the history with its date", async () => {
    const [old] = await documentRows(shopId);
    const form = await page(owner.cookie, `?replace=${old.id}`);
    expect(form.replacing).toEqual({ id: old.id, kind: "nib" });
    const answer = await upload(owner.cookie, { kind: "nib", number: "9120001234999", supersedesId: String(old.id), issuedOn: "2025-02-01" }, { bytes: PNG, name: "nib-baru.png", type: "image/png" });
    expect(answer.status).toBe(303);
    const [before, after] = await documentRows(shopId);
    expect(before.id).toBe(old.id);
    expect(before.superseded_at).not.toBeNull();
    expect(before.number).toBe("9120001234567");
    expect(after).toMatchObject({ kind: "nib", number: "9120001234999", supersedes_id: old.id, superseded_at: null, file_key: `${sha(PNG)}.png` });
    const shown = await page(owner.cookie);
    expect(shown.current.map((d) => d.number)).toEqual(["9120001234999"]);
    expect(shown.superseded.map((d) => [d.number, d.superseded_at])).toEqual([["9120001234567", before.superseded_at]]);

    // A superseded version cannot be replaced again, nor a document of another kind or another shop.
    const again = await upload(owner.cookie, { kind: "nib", number: "3", supersedesId: String(old.id) }, { bytes: JPEG, name: "x.jpg" });
    expect(again.status).toBe(400);
    expect((again.body as { result: { error: Record<string, string[]> } }).result.error.supersedesId).toEqual(["shopFacts.documents.errors.replacesUnknown"]);
    const wrongKind = await upload(owner.cookie, { kind: "sni", number: "3", supersedesId: String(after.id) }, { bytes: JPEG, name: "x.jpg" });
    expect((wrongKind.body as { result: { error: Record<string, string[]> } }).result.error.supersedesId).toEqual(["shopFacts.documents.errors.replacesKind"]);
    const foreign = await addLegalDocument({ artisanId: otherShopId, kind: "nib", number: "OTHER-1" });
    const notMine = await upload(owner.cookie, { kind: "nib", number: "3", supersedesId: String(foreign.id) }, { bytes: JPEG, name: "x.jpg" });
    expect((notMine.body as { result: { error: Record<string, string[]> } }).result.error.supersedesId).toEqual(["shopFacts.documents.errors.replacesUnknown"]);
    expect((await getDb().selectFrom("legal_documents").select("superseded_at").where("id", "=", foreign.id).executeTakeFirstOrThrow()).superseded_at).toBeNull();
  });

  it("shows the association's rejection reason to the owner", async () => {
    const answer = await upload(owner.cookie, { kind: "batikmark", number: "BM/0042/2025", grade: "gold", expiresOn: "2028-01-01" }, { bytes: JPEG, name: "bm.jpg", type: "image/jpeg" });
    expect(answer.status).toBe(303);
    const doc = (await documentRows(shopId)).find((d) => d.number === "BM/0042/2025")!;
    expect(doc.grade).toBe("gold");
    await decideLegalDocument({ documentId: doc.id, status: "rejected", actorUserId: officer.id, reason: "Scan tidak terbaca; mohon unggah ulang." });
    const shown = (await page(owner.cookie)).current.find((d) => d.id === doc.id)!;
    expect(shown.status).toBe("rejected");
    expect(shown.decision_reason).toBe("Scan tidak terbaca; mohon unggah ulang.");
  });
});

describe("downloading a scan", () => {
  let docId: number;
  beforeAll(async () => {
    docId = (await documentRows(shopId)).find((d) => d.file_key === `${sha(PDF)}.pdf`)!.id;
  });

  it("serves the owner the bytes with private, no-sniff headers", async () => {
    const res = await ownerFile({ request: request(`/dashboard/documents/${docId}/file`, { cookie: owner.cookie }), params: { id: String(docId) }, context: {} });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("application/pdf");
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(res.headers.get("Cache-Control")).toBe("private, no-store");
    expect(res.headers.get("Content-Disposition")).toBe('inline; filename="nib-9120001234567.pdf"');
    expect(Buffer.from(await res.arrayBuffer())).toEqual(PDF);
  });

  it("serves an officer of the shop's association, not one of another association", async () => {
    const res = await officerFile(officer.cookie, docId);
    expect(res.status).toBe(200);
    expect(res.headers?.get("Cache-Control")).toBe("private, no-store");
    expect((await officerFile(foreignOfficer.cookie, docId)).status).toBe(404);
  });

  it("is a 404 for another artisan, 403 for a buyer, a log-in for anonymous visitors", async () => {
    expect((await fileAs(otherOwner.cookie, docId)).status).toBe(404);
    expect((await fileAs(buyer.cookie, docId)).status).toBe(403);
    const anonymous = await fileAs(null, docId);
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers?.get("Location")).toMatch(/^\/login\?/);
    expect((await officerFile(buyer.cookie, docId)).status).toBe(403);
    expect((await officerFile(owner.cookie, docId)).status).toBe(403);
  });

  it("is a 404 for unknown, garbled and file-less documents", async () => {
    expect((await fileAs(owner.cookie, 999999)).status).toBe(404);
    expect((await fileAs(owner.cookie, "abc")).status).toBe(404);
    const bare = await addLegalDocument({ artisanId: shopId, kind: "other", number: "NO-FILE" });
    expect((await fileAs(owner.cookie, bare.id)).status).toBe(404);
    expect((await officerFile(officer.cookie, bare.id)).status).toBe(404);
  });

  it("is linked from the association's verification queue", async () => {
    const queue = payloadOf(await verificationLoader({ request: request("/association/verification", { cookie: officer.cookie }), params: {}, context: {} }));
    const item = (queue.documents as { id: number; has_file: boolean }[]).find((d) => d.id === docId);
    // The first NIB was superseded: its replacement (a PNG) waits in the queue with its file.
    expect(item).toBeUndefined();
    const current = (await documentRows(shopId)).find((d) => d.number === "9120001234999")!;
    expect((queue.documents as { id: number; has_file: boolean }[]).find((d) => d.id === current.id)?.has_file).toBe(true);
  });
});

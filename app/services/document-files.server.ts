/**
 * Scans of legality documents (PDF, JPEG, PNG; at most 10 MB). The type is
 * read from the file's first bytes, never from its name or the browser's
 * Content-Type. Files are private: stored under UPLOADS_DIR/documents as
 * `<sha256>.<ext>` (written to a temporary name, then renamed, so a reader
 * never sees half a file) and served only by the two download routes
 * (owner and association), never by the static /images handler.
 */
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { MaxPartSizeExceededError, unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";
import { getEnv } from "~/utils/env.server";

export const DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;
/** A text field of the document form is short; anything longer is a tampered request. */
const TEXT_PART_MAX_BYTES = 20_000;
/** The whole request: the file plus the form's few text fields. */
const REQUEST_MAX_BYTES = DOCUMENT_MAX_BYTES + 256 * 1024;

export type DocumentFileType = { ext: "pdf" | "jpg" | "png"; contentType: string };

const KEY_RE = /^[0-9a-f]{64}\.(pdf|jpg|png)$/;
const CONTENT_TYPES: Record<DocumentFileType["ext"], string> = { pdf: "application/pdf", jpg: "image/jpeg", png: "image/png" };

/** The type by magic number: `%PDF-`, JPEG's FF D8 FF, PNG's 8-byte signature; anything else is null. */
export function sniffDocumentType(bytes: Uint8Array): DocumentFileType | null {
  const starts = (sig: number[]) => bytes.length >= sig.length && sig.every((b, i) => bytes[i] === b);
  if (starts([0x25, 0x50, 0x44, 0x46, 0x2d])) return { ext: "pdf", contentType: CONTENT_TYPES.pdf };
  if (starts([0xff, 0xd8, 0xff])) return { ext: "jpg", contentType: CONTENT_TYPES.jpg };
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { ext: "png", contentType: CONTENT_TYPES.png };
  return null;
}

function documentsDir(): string {
  return path.join(getEnv().UPLOADS_DIR, "documents");
}

/**
 * Stores a scan whose type was sniffed; returns its key and whether this
 * call created the file (a identical scan stored before is reused).
 */
export async function storeDocumentFile(bytes: Uint8Array, type: DocumentFileType): Promise<{ key: string; created: boolean }> {
  const key = `${createHash("sha256").update(bytes).digest("hex")}.${type.ext}`;
  const dir = documentsDir();
  const target = path.join(dir, key);
  await fs.mkdir(dir, { recursive: true });
  try {
    await fs.access(target);
    return { key, created: false };
  } catch {
    // not there yet
  }
  const temporary = path.join(dir, `.${key}.${randomBytes(6).toString("hex")}.tmp`);
  await fs.writeFile(temporary, bytes, { flag: "wx", mode: 0o640 });
  await fs.rename(temporary, target);
  return { key, created: true };
}

/** Removes a file this request created when the database refused the document (nothing left behind). */
export async function removeDocumentFile(key: string): Promise<void> {
  if (!KEY_RE.test(key)) return;
  await fs.rm(path.join(documentsDir(), key), { force: true });
}

/** The stored bytes and type of a key, or null (unknown key, malformed key, missing file). */
export async function readDocumentFile(key: string): Promise<{ bytes: Buffer; contentType: string; ext: string } | null> {
  const match = KEY_RE.exec(key);
  if (!match) return null;
  try {
    const bytes = await fs.readFile(path.join(documentsDir(), key));
    const ext = match[1] as DocumentFileType["ext"];
    return { bytes, contentType: CONTENT_TYPES[ext], ext };
  } catch {
    return null;
  }
}

/**
 * The HTTP answer for a stored scan: shown inline (PDF and images only ever
 * get here), never sniffed by the browser, never cached by a shared cache.
 */
export function documentFileResponse(file: { bytes: Buffer; contentType: string; ext: string }, name: string): Response {
  const safe = name.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 80) || "document";
  return new Response(new Uint8Array(file.bytes), {
    status: 200,
    headers: {
      "Content-Type": file.contentType,
      "Content-Length": String(file.bytes.length),
      "Content-Disposition": `inline; filename="${safe}.${file.ext}"`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
      // Nothing may run in the file's origin; the browser's PDF viewer (a plugin) and image view still work.
      "Content-Security-Policy": "default-src 'none'; img-src 'self'; object-src 'self'; frame-ancestors 'none'",
    },
  });
}

export type UploadOutcome = { ok: true; formData: FormData } | { ok: false; status: 400 | 413; error: "tooLarge" | "badRequest" };

/**
 * Reads the document form: multipart with one file part (`file`, ≤ 10 MB,
 * kept in memory) and short text fields. A request announcing more than the
 * limit is refused before its body is read; one that turns out larger while
 * streaming is refused too (413). A form sent without multipart (no file) is
 * read as an ordinary form. Malformed bodies are a 400, never a 500.
 */
export async function parseDocumentUpload(request: Request): Promise<UploadOutcome> {
  const length = Number(request.headers.get("Content-Length") ?? "0");
  if (Number.isFinite(length) && length > REQUEST_MAX_BYTES) return { ok: false, status: 413, error: "tooLarge" };
  const contentType = request.headers.get("Content-Type") ?? "";
  try {
    if (!/^multipart\/form-data/i.test(contentType)) return { ok: true, formData: await request.formData() };
    const handler: UploadHandler = async ({ name, filename, data }) => {
      const isFile = typeof filename === "string";
      if (isFile && name !== "file") {
        for await (const _chunk of data) void _chunk; // drain and drop unexpected files
        return undefined;
      }
      const limit = isFile ? DOCUMENT_MAX_BYTES : TEXT_PART_MAX_BYTES;
      const chunks: Uint8Array[] = [];
      let size = 0;
      for await (const chunk of data) {
        size += chunk.byteLength;
        if (size > limit) throw new MaxPartSizeExceededError(name, limit);
        chunks.push(chunk);
      }
      if (isFile) return new File([new Uint8Array(Buffer.concat(chunks))], filename || "", { type: "application/octet-stream" });
      return Buffer.concat(chunks).toString("utf8");
    };
    return { ok: true, formData: await unstable_parseMultipartFormData(request, handler) };
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) {
      return error.field === "file" ? { ok: false, status: 413, error: "tooLarge" } : { ok: false, status: 400, error: "badRequest" };
    }
    // A malformed multipart body (no boundary, cut short): the input's fault.
    return { ok: false, status: 400, error: "badRequest" };
  }
}

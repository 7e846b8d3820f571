/**
 * Writing in an inquiry thread: reading a reply form (text, and up to three
 * photos through the image pipeline), adding the message with its photos and
 * its mail in one transaction, listing a thread with its photos, and marking
 * the other side's messages read.
 *
 * Photos are checked (type, size, pixels) before anything is written, so a
 * refused photo leaves no message behind and the form comes back with the
 * text kept. Their variants are served from /images/<sha256…> like every
 * other photo: the address cannot be guessed, but is not secret to whoever
 * holds it (decision 012).
 */
import { addInquiryMessage } from "~/models/inquiry.server";
import { getImageRefs, type ImageRef } from "~/models/image.server";
import { inTransaction, isoAt } from "~/models/common.server";
import { getDb, type DB } from "~/utils/db.server";
import { acceptUpload, inspectUpload, isImageRejected } from "./images.server";
import { queueInquiryMail } from "./inquiry-mail.server";
import { readPhotoRequest, type UploadRefusal } from "./photo-actions.server";

/** At most this many photos per message. */
export const MAX_ATTACHMENTS = 3;
/** The file input's name in every inquiry form. */
export const ATTACHMENT_FIELD = "photos";

/** A photo that passed the checks and may be stored. */
export type CheckedImage = { filename: string; bytes: Buffer };

export type MessageRequest =
  | { kind: "ok"; form: FormData; files: CheckedImage[] }
  | { kind: "refused"; form: FormData; refusals: UploadRefusal[] }
  | { kind: "tooLarge" }
  | { kind: "malformed" };

/**
 * Reads a urlencoded or multipart POST. Text fields come back as FormData
 * for parseWithZod; photos (field `photos`) are checked here, before any write.
 */
export async function readMessageRequest(request: Request): Promise<MessageRequest> {
  const read = await readPhotoRequest(request);
  if (read.kind === "tooLarge" || read.kind === "malformed") return read;
  if (read.kind === "fields") return { kind: "ok", form: read.form, files: [] };
  const form = new FormData();
  for (const [name, value] of read.fields) form.append(name, value);
  const files: CheckedImage[] = [];
  const refusals: UploadRefusal[] = [];
  for (const file of read.files) {
    if (file.error || !file.bytes) {
      refusals.push({ filename: file.filename, code: file.error ?? "not_image" });
      continue;
    }
    if (files.length >= MAX_ATTACHMENTS) {
      refusals.push({ filename: file.filename, code: "too_many_files" });
      continue;
    }
    try {
      await inspectUpload(file.bytes);
      files.push({ filename: file.filename, bytes: file.bytes });
    } catch (error) {
      if (!isImageRejected(error)) throw error;
      refusals.push({ filename: file.filename, code: error.code });
    }
  }
  if (refusals.length > 0) return { kind: "refused", form, refusals };
  return { kind: "ok", form, files };
}

/** Stores checked photos and attaches them to a message (inside the caller's transaction). */
export async function storeAttachments(args: { messageId: number; files: CheckedImage[]; uploadedBy?: number | null }, db: DB = getDb()): Promise<number[]> {
  const ids: number[] = [];
  for (const [position, file] of args.files.slice(0, MAX_ATTACHMENTS).entries()) {
    const { imageId } = await acceptUpload({ bytes: file.bytes, filename: file.filename, uploadedBy: args.uploadedBy ?? null }, db);
    await db.insertInto("inquiry_message_images").values({ message_id: args.messageId, image_id: imageId, position }).execute();
    ids.push(imageId);
  }
  return ids;
}

/**
 * The one way to reply in a thread: the message (owner check for artisans,
 * first response time, new → answered; closed and spam threads refuse with
 * a 409 ModelError), its photos and the mail to the other side, atomically.
 */
export async function postInquiryMessage(
  args: { inquiryId: number; author: "buyer" | "artisan"; artisanId?: number; authorUserId?: number | null; body: string; files?: CheckedImage[]; now?: Date },
  db: DB = getDb(),
): Promise<{ messageId: number }> {
  return inTransaction(db, async (trx) => {
    const message = await addInquiryMessage(
      { inquiryId: args.inquiryId, author: args.author, artisanId: args.artisanId, authorUserId: args.authorUserId ?? null, body: args.body, now: args.now },
      trx,
    );
    if (args.files?.length) await storeAttachments({ messageId: message.id, files: args.files, uploadedBy: args.authorUserId ?? null }, trx);
    await queueInquiryMail({ inquiryId: args.inquiryId, event: args.author === "artisan" ? "artisan_reply" : "buyer_reply", messageId: message.id }, trx);
    return { messageId: message.id };
  });
}

export type ThreadMessage = {
  id: number;
  author: "buyer" | "artisan";
  body: string;
  created_at: string;
  read_at: string | null;
  /** Ready photos, in order. */
  attachments: ImageRef[];
  /** Photos whose variants are still being made (or failed): counted, not shown. */
  pendingAttachments: number;
};

/** A thread's messages, oldest first, each with its ready photos in order. */
export async function listThreadMessages(args: { inquiryId: number }, db: DB = getDb()): Promise<ThreadMessage[]> {
  const messages = await db
    .selectFrom("inquiry_messages")
    .select(["id", "author", "body", "created_at", "read_at"])
    .where("inquiry_id", "=", args.inquiryId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  if (messages.length === 0) return [];
  const links = await db
    .selectFrom("inquiry_message_images")
    .select(["message_id", "image_id"])
    .where(
      "message_id",
      "in",
      messages.map((m) => m.id),
    )
    .orderBy("message_id")
    .orderBy("position")
    .execute();
  const refs = await getImageRefs({ ids: links.map((l) => l.image_id) }, db);
  return messages.map((m) => {
    const own = links.filter((l) => l.message_id === m.id);
    const attachments = own.flatMap((l) => (refs.has(l.image_id) ? [refs.get(l.image_id)!] : []));
    return { ...m, author: m.author as "buyer" | "artisan", attachments, pendingAttachments: own.length - attachments.length };
  });
}

/** The reader has seen the thread: the other side's unread messages get read_at. */
export async function markThreadRead(args: { inquiryId: number; reader: "buyer" | "artisan"; now?: Date }, db: DB = getDb()): Promise<number> {
  const result = await db
    .updateTable("inquiry_messages")
    .set({ read_at: isoAt(args.now) })
    .where("inquiry_id", "=", args.inquiryId)
    .where("author", "=", args.reader === "artisan" ? "buyer" : "artisan")
    .where("read_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

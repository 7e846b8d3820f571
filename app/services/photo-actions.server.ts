/**
 * What the photo pages of the dashboard (a product's photos, the shop's
 * profile picture and gallery) do with a POST: read a multipart upload with
 * per-file and total limits, or a small urlencoded form (move, alt text,
 * delete), and call the image service and photo models.
 *
 * Uploads are streamed part by part: a file is held in memory only up to
 * 15 MB + 1 byte (the rest of an over-long file is read and thrown away, so
 * the other files of the form still count), and the whole request stops at
 * MAX_FILES × 15 MB + 1 MB. A request declaring more than that in its
 * Content-Length is refused before its body is read.
 */
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, unstable_parseMultipartFormData } from "@remix-run/node";
import { z } from "zod";
import { AltSchema } from "~/components/photo-manager";
import { isModelError } from "~/models/common.server";
import { detachPhoto, movePhoto, removeProfileImage, updatePhotoAlt, type PhotoOwner, type PhotoScope } from "~/models/photo.server";
import { flashHeader } from "~/utils/flash.server";
import type { Locale } from "~/utils/i18n";
import { i18next } from "~/utils/i18next.server";
import { acceptUpload, isImageRejected, MAX_UPLOAD_BYTES, readLimited, removeImageFiles, type ImageRejectCode, type UploadTarget } from "./images.server";

export const MAX_FILES = 10;
export const MAX_REQUEST_BYTES = MAX_FILES * MAX_UPLOAD_BYTES + 1024 * 1024;
const MAX_FIELD_BYTES = 10_000;

export type UploadRefusalCode = ImageRejectCode | "too_many_files" | "no_file";
export type UploadRefusal = { filename: string; code: UploadRefusalCode };

type UploadedFile = { filename: string; bytes: Buffer | null; error: UploadRefusalCode | null };

class RequestTooLarge extends Error {}

async function* counted(data: AsyncIterable<Uint8Array>, state: { total: number }) {
  for await (const chunk of data) {
    state.total += chunk.length;
    if (state.total > MAX_REQUEST_BYTES) throw new RequestTooLarge("request too large");
    yield chunk;
  }
}

async function drain(data: AsyncIterable<Uint8Array>) {
  for await (const _chunk of data) {
    // discarded
  }
}

export type PhotoRequest =
  | { kind: "fields"; form: FormData }
  | { kind: "upload"; fields: Map<string, string>; files: UploadedFile[] }
  | { kind: "tooLarge" }
  | { kind: "malformed" };

/** Reads the POST: urlencoded forms as FormData, multipart uploads with every limit applied. */
export async function readPhotoRequest(request: Request): Promise<PhotoRequest> {
  const type = request.headers.get("Content-Type") ?? "";
  if (!type.startsWith("multipart/form-data")) {
    try {
      return { kind: "fields", form: await request.formData() };
    } catch {
      return { kind: "malformed" };
    }
  }
  const declared = Number(request.headers.get("Content-Length") ?? "0");
  if (declared > MAX_REQUEST_BYTES) return { kind: "tooLarge" };
  const fields = new Map<string, string>();
  const files: UploadedFile[] = [];
  const state = { total: 0 };
  try {
    await unstable_parseMultipartFormData(request, async ({ name, filename, data: stream }) => {
      const body = counted(stream, state);
      if (filename === undefined) {
        const value = await readLimited(body, MAX_FIELD_BYTES, { drain: true }).catch((error: unknown) => {
          if (isImageRejected(error)) return Buffer.alloc(0);
          throw error;
        });
        if (!fields.has(name)) fields.set(name, value.toString("utf8"));
        return undefined;
      }
      // A file input left empty sends a part with no name and no bytes.
      if (!filename) {
        await drain(body);
        return undefined;
      }
      const shortName = filename.slice(0, 80);
      if (files.length >= MAX_FILES) {
        await drain(body);
        files.push({ filename: shortName, bytes: null, error: "too_many_files" });
        return undefined;
      }
      try {
        files.push({ filename: shortName, bytes: await readLimited(body, MAX_UPLOAD_BYTES, { drain: true }), error: null });
      } catch (error) {
        if (!isImageRejected(error)) throw error;
        files.push({ filename: shortName, bytes: null, error: error.code });
      }
      return undefined;
    });
  } catch (error) {
    if (error instanceof RequestTooLarge) return { kind: "tooLarge" };
    return { kind: "malformed" };
  }
  return { kind: "upload", fields, files };
}

export const MoveSchema = z.object({ intent: z.literal("move"), imageId: z.coerce.number().int().positive(), direction: z.enum(["up", "down"]) });
export const DeleteSchema = z.object({ intent: z.literal("delete"), imageId: z.coerce.number().int().positive() });

export type PhotoPageSlots = {
  /** The ordered photos this page manages (a product's, or the shop's gallery). */
  list: PhotoOwner;
  /** The profile page also manages the single profile picture (target=profile). */
  profileShopId?: number;
};

type Context = {
  request: Request;
  locale: Locale;
  userId: number;
  /** The acting shop, or ASSOCIATION_SCOPE for the association's motif pages. */
  shopId: PhotoScope;
  slots: PhotoPageSlots;
  /** Where to go after a successful POST (the same page). */
  back: string;
};

const notFound = () => new Response("Not Found", { status: 404 });

/**
 * The action of a photo page. Answers a redirect with a flash after a
 * change, 400 with `{ upload: { refused } }` or a Conform reply for bad
 * input, 413 for a request over the total cap, 404 for another shop's photo.
 */
export async function handlePhotoAction(ctx: Context) {
  const { request, locale, shopId, slots } = ctx;
  const viaScript = request.headers.get("X-Photo-Upload") === "xhr";
  const parsed = await readPhotoRequest(request);
  const t = await i18next.getFixedT(locale);
  const done = async (key: string, values: Record<string, string | number> = {}, kind: "success" | "error" = "success") =>
    redirect(ctx.back, { status: 303, headers: { "Set-Cookie": await flashHeader({ kind, key, values }) } });

  if (parsed.kind === "tooLarge") {
    return data({ upload: { refused: [{ filename: "", code: "too_large" as UploadRefusalCode }], accepted: 0 } }, { status: 413 });
  }
  if (parsed.kind === "malformed") return data({ upload: { refused: [{ filename: "", code: "no_file" as UploadRefusalCode }], accepted: 0 } }, { status: 400 });

  if (parsed.kind === "upload") {
    const toProfile = parsed.fields.get("target") === "profile" && slots.profileShopId != null;
    const target: UploadTarget = toProfile ? { kind: "profile", id: slots.profileShopId! } : slots.list;
    const files = toProfile ? parsed.files.slice(0, 1) : parsed.files;
    const refused: UploadRefusal[] = [];
    let accepted = 0;
    if (files.length === 0) refused.push({ filename: "", code: "no_file" });
    for (const file of files) {
      if (file.error || !file.bytes) {
        refused.push({ filename: file.filename, code: file.error ?? "no_file" });
        continue;
      }
      try {
        const result = await acceptUpload({ bytes: file.bytes, filename: file.filename, uploadedBy: ctx.userId, attachTo: target });
        await removeImageFiles(result.orphans);
        accepted++;
      } catch (error) {
        if (!isImageRejected(error)) throw error;
        refused.push({ filename: file.filename, code: error.code });
      }
    }
    if (refused.length === 0) return done("photos.flash.uploaded", { count: accepted });
    if (viaScript) {
      // The script cannot read the page's answer: the refusals travel in the flash of the page it reloads.
      const list = refused
        .slice(0, 5)
        .map((r) => (r.filename ? `${r.filename}: ${t(`photos.errors.${r.code}`)}` : t(`photos.errors.${r.code}`)))
        .join(" · ");
      return done("photos.flash.refused", { accepted, list }, "error");
    }
    return data({ upload: { refused, accepted, target: toProfile ? "profile" : "list" } }, { status: 400 });
  }

  const form = parsed.form;
  const intent = form.get("intent");
  const target = form.get("target") === "profile" && slots.profileShopId != null ? "profile" : "list";
  try {
    if (intent === "move") {
      const move = MoveSchema.safeParse(Object.fromEntries(form));
      if (!move.success) return data({ upload: null }, { status: 400 });
      await movePhoto({ owner: slots.list, shopId, imageId: move.data.imageId, direction: move.data.direction });
      return done("photos.flash.moved");
    }
    if (intent === "delete") {
      const del = DeleteSchema.safeParse(Object.fromEntries(form));
      if (!del.success) return data({ upload: null }, { status: 400 });
      const orphans =
        target === "profile"
          ? await removeProfileImage({ shopId: slots.profileShopId!, imageId: del.data.imageId })
          : await detachPhoto({ owner: slots.list, shopId, imageId: del.data.imageId });
      await removeImageFiles(orphans);
      return done("photos.flash.deleted");
    }
    if (intent === "alt") {
      const submission = parseWithZod(form, { schema: AltSchema });
      if (submission.status !== "success") return data({ alt: submission.reply(), upload: null }, { status: 400 });
      const { imageId, altId, altEn } = submission.value;
      await updatePhotoAlt({ owner: target === "profile" ? { kind: "profile", id: slots.profileShopId! } : slots.list, shopId, imageId, altId, altEn });
      return done("photos.flash.altSaved");
    }
  } catch (error) {
    if (isModelError(error) && error.status === 404) throw notFound();
    if (isModelError(error)) return data({ upload: null }, { status: 400 });
    throw error;
  }
  return data({ upload: null }, { status: 400 });
}

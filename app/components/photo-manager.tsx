/**
 * The photo pages of the dashboard: an upload form (several files, a plain
 * multipart POST without JavaScript; with it, XMLHttpRequest shows the
 * upload progress), and the list of photos with their state (processing,
 * failed, shown), alt text in both languages, up/down buttons and a delete
 * button behind a confirmation. Every control is a plain form.
 */
import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form, useNavigate, useRevalidator } from "@remix-run/react";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { FieldError } from "~/components/field-error";
import { ResponsiveImage } from "~/components/responsive-image";
import type { ImageRef } from "~/models/image.server";

export const AltSchema = z.object({
  intent: z.literal("alt"),
  imageId: z.coerce.number().int().positive(),
  altId: z.string().trim().max(300, "photos.errors.altTooLong").optional().default(""),
  altEn: z.string().trim().max(300, "photos.errors.altTooLong").optional().default(""),
});

export type PhotoView = { id: number; status: "processing" | "ready" | "failed"; alt_id: string; alt_en: string; ref: ImageRef | null };
export type UploadResult = { refused: { filename: string; code: string }[]; accepted: number; target?: string } | null | undefined;

/** While a photo is processing, the page asks the server again every few seconds (with JavaScript; without, a reload link is shown). */
export function useProcessingPoll(photos: PhotoView[]) {
  const { revalidate, state } = useRevalidator();
  const waiting = photos.some((p) => p.status === "processing");
  useEffect(() => {
    if (!waiting || state !== "idle") return;
    const timer = setTimeout(revalidate, 2500);
    return () => clearTimeout(timer);
  }, [waiting, state, revalidate]);
  return waiting;
}

export function UploadForm({ target, multiple, label, result }: { target?: "profile" | "gallery"; multiple: boolean; label: string; result?: UploadResult }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [progress, setProgress] = useState<number | null>(null);
  const [clientError, setClientError] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const inputId = `photo-upload-${target ?? "list"}`;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    if (typeof XMLHttpRequest === "undefined") return;
    event.preventDefault();
    const form = event.currentTarget;
    const body = new FormData(form);
    const xhr = new XMLHttpRequest();
    // The single-fetch data URL: the action's redirect comes back as data (with the flash cookie) instead of being followed.
    const url = `${window.location.pathname.replace(/\/$/, "")}.data`;
    xhr.open("POST", url);
    xhr.setRequestHeader("X-Photo-Upload", "xhr");
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) setProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onload = () => {
      setProgress(null);
      if (xhr.status >= 400) {
        setClientError(t(xhr.status === 413 ? "photos.errors.too_large" : "photos.errors.uploadFailed"));
        return;
      }
      form.reset();
      navigate(window.location.pathname + window.location.search, { replace: true, preventScrollReset: true });
    };
    xhr.onerror = () => {
      setProgress(null);
      setClientError(t("photos.errors.uploadFailed"));
    };
    setClientError(null);
    setProgress(0);
    xhr.send(body);
  }

  return (
    <Form method="post" encType="multipart/form-data" className="stack-form photo-upload" ref={formRef} onSubmit={onSubmit}>
      {target ? <input type="hidden" name="target" value={target} /> : null}
      <div className="field">
        <label htmlFor={inputId}>{label}</label>
        <input id={inputId} type="file" name="photo" accept="image/jpeg,image/png,image/webp" multiple={multiple} required aria-describedby={`${inputId}-hint`} />
        <p className="muted" id={`${inputId}-hint`}>
          {t("photos.upload.hint")}
        </p>
      </div>
      {result?.refused.length ? (
        <div className="form-error" role="alert">
          {result.accepted > 0 ? <p>{t("photos.upload.someAccepted", { count: result.accepted })}</p> : null}
          <ul>
            {result.refused.map((r, i) => (
              <li key={`${r.filename}-${i}`}>
                {r.filename ? <strong>{r.filename}: </strong> : null}
                {t(`photos.errors.${r.code}`)}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {clientError ? (
        <p className="form-error" role="alert">
          {clientError}
        </p>
      ) : null}
      {progress !== null ? (
        <div className="photo-upload__progress">
          <label htmlFor={`${inputId}-progress`}>{t("photos.upload.progress", { percent: progress })}</label>
          <progress id={`${inputId}-progress`} max={100} value={progress}>
            {progress}%
          </progress>
        </div>
      ) : null}
      <button type="submit" className="button" disabled={progress !== null}>
        {t("photos.upload.submit")}
      </button>
    </Form>
  );
}

function PhotoState({ photo }: { photo: PhotoView }) {
  const { t } = useTranslation();
  if (photo.status === "ready" && photo.ref) return <ResponsiveImage image={photo.ref} sizes="160px" decorative className="photo-item__image" />;
  return (
    <span className={`photo-item__state photo-item__state--${photo.status}`} role="status">
      {t(photo.status === "failed" ? "photos.state.failed" : "photos.state.processing")}
    </span>
  );
}

function AltForm({ photo, target, lastResult }: { photo: PhotoView; target?: "profile"; lastResult: SubmissionResult<string[]> | null | undefined }) {
  const { t } = useTranslation();
  const mine = lastResult && (lastResult.initialValue as Record<string, unknown> | undefined)?.imageId === String(photo.id) ? lastResult : undefined;
  const [form, fields] = useForm({
    id: `alt-${photo.id}`,
    lastResult: mine,
    defaultValue: { altId: photo.alt_id, altEn: photo.alt_en },
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AltSchema }),
  });
  void fields.altId.errors;
  void fields.altEn.errors;
  return (
    <Form method="post" className="stack-form photo-item__alt" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="alt" />
      <input type="hidden" name="imageId" value={photo.id} />
      {target ? <input type="hidden" name="target" value={target} /> : null}
      <div className="field">
        <label htmlFor={fields.altId.id}>{t("photos.alt.id")}</label>
        <input {...getInputProps(fields.altId, { type: "text" })} maxLength={300} />
        <FieldError id={fields.altId.errorId} errors={fields.altId.errors} />
      </div>
      <div className="field">
        <label htmlFor={fields.altEn.id}>{t("photos.alt.en")}</label>
        <input {...getInputProps(fields.altEn, { type: "text" })} maxLength={300} />
        <FieldError id={fields.altEn.errorId} errors={fields.altEn.errors} />
      </div>
      <button type="submit" className="button button--small button--secondary">
        {t("photos.alt.save")}
      </button>
    </Form>
  );
}

function DeleteForm({ photo, target, index }: { photo: PhotoView; target?: "profile"; index: number }) {
  const { t } = useTranslation();
  return (
    <details className="photo-item__delete">
      <summary>{target === "profile" ? t("photos.delete.openProfile") : t("photos.delete.open", { n: index + 1 })}</summary>
      <Form method="post">
        <input type="hidden" name="intent" value="delete" />
        <input type="hidden" name="imageId" value={photo.id} />
        {target ? <input type="hidden" name="target" value={target} /> : null}
        <p>{t("photos.delete.confirmText")}</p>
        <button type="submit" className="button button--small button--danger">
          {t("photos.delete.confirm")}
        </button>
      </Form>
    </details>
  );
}

export function PhotoList({ photos, altResult, emptyText }: { photos: PhotoView[]; altResult: SubmissionResult<string[]> | null | undefined; emptyText: string }) {
  const { t } = useTranslation();
  if (photos.length === 0) return <p className="muted">{emptyText}</p>;
  return (
    <ol className="photo-list">
      {photos.map((photo, index) => (
        <li key={photo.id} className="photo-item" data-status={photo.status} data-image-id={photo.id}>
          <div className="photo-item__media">
            <PhotoState photo={photo} />
            <p className="muted">{t("photos.position", { n: index + 1, total: photos.length })}</p>
          </div>
          <div className="photo-item__controls">
            <AltForm photo={photo} lastResult={altResult} />
            <div className="photo-item__order">
              <Form method="post">
                <input type="hidden" name="intent" value="move" />
                <input type="hidden" name="imageId" value={photo.id} />
                <input type="hidden" name="direction" value="up" />
                <button type="submit" className="button button--small button--secondary" disabled={index === 0}>
                  {t("photos.move.up", { n: index + 1 })}
                </button>
              </Form>
              <Form method="post">
                <input type="hidden" name="intent" value="move" />
                <input type="hidden" name="imageId" value={photo.id} />
                <input type="hidden" name="direction" value="down" />
                <button type="submit" className="button button--small button--secondary" disabled={index === photos.length - 1}>
                  {t("photos.move.down", { n: index + 1 })}
                </button>
              </Form>
            </div>
            <DeleteForm photo={photo} index={index} />
          </div>
        </li>
      ))}
    </ol>
  );
}

/** The shop's single profile picture with its alt text and a remove button. */
export function ProfilePhoto({ photo, altResult }: { photo: PhotoView; altResult: SubmissionResult<string[]> | null | undefined }) {
  return (
    <div className="photo-item photo-item--profile" data-status={photo.status} data-image-id={photo.id}>
      <div className="photo-item__media">
        <PhotoState photo={photo} />
      </div>
      <div className="photo-item__controls">
        <AltForm photo={photo} target="profile" lastResult={altResult} />
        <DeleteForm photo={photo} target="profile" index={0} />
      </div>
    </div>
  );
}

/** Shown without JavaScript while photos are processing (with it, the page refreshes itself). */
export function ProcessingNotice({ waiting, href }: { waiting: boolean; href: string }) {
  const { t } = useTranslation();
  if (!waiting) return null;
  return (
    <p className="notice" role="status">
      {t("photos.processingNotice")} <a href={href}>{t("photos.reload")}</a>
    </p>
  );
}

import { useTranslation } from "react-i18next";
import type { ImageRef } from "~/models/image.server";
import { formatDateTime } from "~/utils/format";
import { useLocale } from "~/utils/use-locale";
import { ResponsiveImage } from "./responsive-image";

export type ThreadMessageView = {
  id: number;
  author: "buyer" | "artisan";
  body: string;
  created_at: string;
  attachments: ImageRef[];
  pendingAttachments: number;
};

type ThreadProps = {
  messages: ThreadMessageView[];
  /** Whose page this is: their own messages are labelled "You". */
  viewer: "buyer" | "artisan";
  artisanName: string;
  buyerName: string;
};

/**
 * The messages of an inquiry, oldest first. Bodies are plain text with line
 * breaks kept: nothing in a message is ever turned into a link (a stranger's
 * link must not be one click away), and React escapes every character.
 */
export function InquiryThread({ messages, viewer, artisanName, buyerName }: ThreadProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <ol className="thread" aria-label={t("thread.label")}>
      {messages.map((m) => {
        const mine = m.author === viewer;
        const name = mine ? t("thread.you") : m.author === "artisan" ? artisanName : buyerName;
        return (
          <li key={m.id} className={`thread__message ${mine ? "thread__message--mine" : "thread__message--theirs"}`}>
            <p className="thread__meta">
              <strong>{name}</strong> · <time dateTime={m.created_at}>{formatDateTime(m.created_at, locale)}</time>
            </p>
            <p className="thread__body">{m.body}</p>
            {m.attachments.length > 0 ? (
              <ul className="thread__photos" aria-label={t("thread.photos", { count: m.attachments.length })}>
                {m.attachments.map((image) => {
                  const largest = image.variants.filter((v) => v.format === "jpeg").at(-1) ?? image.variants.at(-1);
                  return (
                    <li key={image.id}>
                      <a href={largest?.url} target="_blank" rel="noreferrer noopener">
                        <ResponsiveImage image={image} sizes="160px" fallbackAlt={t("thread.photoAlt", { name })} />
                      </a>
                    </li>
                  );
                })}
              </ul>
            ) : null}
            {m.pendingAttachments > 0 ? <p className="muted thread__pending">{t("thread.pending", { count: m.pendingAttachments })}</p> : null}
          </li>
        );
      })}
    </ol>
  );
}

/** The optional photo field of a reply form (the form needs encType="multipart/form-data"). */
export function AttachmentInput({ id = "photos" }: { id?: string }) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={id}>{t("thread.attach.label")}</label>
      <input id={id} name="photos" type="file" accept="image/jpeg,image/png,image/webp" multiple aria-describedby={`${id}-hint`} />
      <p className="muted" id={`${id}-hint`}>
        {t("thread.attach.hint")}
      </p>
    </div>
  );
}

/** Why photos of a reply were refused (the text of the reply is kept in the form). */
export function AttachmentRefusals({ refusals }: { refusals: { filename: string; code: string }[] | null | undefined }) {
  const { t } = useTranslation();
  if (!refusals?.length) return null;
  return (
    <div className="form-error" role="alert">
      <p>{t("thread.attach.refused")}</p>
      <ul>
        {refusals.map((r, i) => (
          <li key={`${r.filename}-${i}`}>
            {r.filename ? <strong>{r.filename}: </strong> : null}
            {r.code === "too_many_files" ? t("thread.attach.tooMany") : t(`photos.errors.${r.code}`)}
          </li>
        ))}
      </ul>
    </div>
  );
}

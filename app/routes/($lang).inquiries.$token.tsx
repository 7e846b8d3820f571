import { getFormProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { FieldError } from "~/components/field-error";
import { FormErrors } from "~/components/form-errors";
import { AttachmentInput, AttachmentRefusals, InquiryThread } from "~/components/inquiry-thread";
import { pageMeta } from "~/components/page-meta";
import { isModelError } from "~/models/common.server";
import { getBuyerThread, type BuyerThread } from "~/models/inquiry.server";
import { listThreadMessages, markThreadRead, postInquiryMessage, readMessageRequest } from "~/services/inquiry-thread.server";
import type { UploadRefusal } from "~/services/photo-actions.server";
import { hitRateLimit } from "~/services/rate-limit.server";
import { flashHeader } from "~/utils/flash.server";
import { formatDateTime, formatRupiah } from "~/utils/format";
import { localePath, localized } from "~/utils/i18n";
import { i18next } from "~/utils/i18next.server";
import { getUser } from "~/utils/session.server";
import { useLocale, useLocalePath } from "~/utils/use-locale";

const MAX_REPLY = 5000;
/** Buyer replies per thread and per client IP (each): plenty for a conversation, not for a flood. */
export const REPLY_LIMIT = { limit: 20, windowSeconds: 3600 };

const ReplySchema = z.object({
  message: z
    .string({ required_error: "inquiries.thread.messageRequired", invalid_type_error: "inquiries.thread.messageRequired" })
    .trim()
    .min(1, "inquiries.thread.messageRequired")
    .max(MAX_REPLY, "inquiries.thread.messageTooLong"),
});

/*
 * The token in the URL is the guest's key to the thread: the page is never
 * cached (private, no-store), never indexed, and sends no Referer to any
 * other site (`same-origin`: stricter than the site-wide
 * strict-origin-when-cross-origin, which would still send our origin), so the
 * token cannot leak through a followed link or a loaded image. Not
 * `no-referrer`: under it Chromium posts this page's own reply form with
 * `Origin: null`, which the CSRF guard (scripts/server.ts) rightly refuses;
 * same-origin requests keep their Origin and Referer only go to us.
 */
const THREAD_HEADERS = { "Referrer-Policy": "same-origin", "Cache-Control": "private, no-store", "X-Robots-Tag": "noindex" };
export const headers: HeadersFunction = () => THREAD_HEADERS;

/** The thread for this token, or a 404 (unknown or malformed token alike). */
async function threadOr404(token: string | undefined): Promise<BuyerThread> {
  const thread = await getBuyerThread({ token: token ?? "" });
  if (!thread) throw new Response("Not Found", { status: 404, headers: THREAD_HEADERS });
  return thread;
}

/** The buyer never sees "spam": to them a thread the artisan filed as spam is closed. */
function buyerStatus(status: BuyerThread["status"]) {
  return status === "spam" ? "closed" : status;
}

function isOpen(status: BuyerThread["status"]) {
  return status !== "closed" && status !== "spam";
}

export async function loader({ params }: LoaderFunctionArgs) {
  // Whoever holds the link may read and reply: the token is the credential (as for a password-reset link).
  const locale = params.lang === "en" ? "en" : "id";
  const thread = await threadOr404(params.token);
  const messages = await listThreadMessages({ inquiryId: thread.id });
  await markThreadRead({ inquiryId: thread.id, reader: "buyer" });
  const t = await i18next.getFixedT(locale);
  const { id: _id, buyer_user_id: _owner, artisan, ...shown } = thread;
  return data(
    {
      thread: { ...shown, artisan: { slug: artisan.slug, name: artisan.name }, status: buyerStatus(thread.status), open: isOpen(thread.status) },
      messages,
      meta: { title: `${t("inquiries.thread.title", { name: thread.artisan.name })} · ${t("site.name")}`, description: t("inquiries.thread.privateNote"), noindex: true },
    },
    { headers: THREAD_HEADERS },
  );
}

type ActionResult = { result: SubmissionResult<string[]>; refusals?: UploadRefusal[] | null };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const locale = params.lang === "en" ? "en" : "id";
  const thread = await threadOr404(params.token);
  const reply = (result: ActionResult, status: number, extra: Record<string, string> = {}) =>
    data<ActionResult>(result, { status, headers: { ...THREAD_HEADERS, ...extra } });

  const byToken = await hitRateLimit({ key: `inquiry-reply:token:${thread.token}`, ...REPLY_LIMIT });
  const byIp = await hitRateLimit({ key: `inquiry-reply:ip:${context.clientIp ?? "unknown"}`, ...REPLY_LIMIT });
  if (!byToken.allowed || !byIp.allowed) {
    const seconds = Math.max(byToken.retryAfterSeconds, byIp.retryAfterSeconds);
    const t = await i18next.getFixedT(locale);
    const message = t("inquiries.thread.tooManyReplies", { minutes: Math.max(1, Math.ceil(seconds / 60)) });
    return reply({ result: { status: "error", error: { "": [message] } } }, 429, { "Retry-After": String(seconds) });
  }
  if (!isOpen(thread.status)) return reply({ result: { status: "error", error: { "": ["inquiries.thread.closedNote"] } } }, 409);

  const read = await readMessageRequest(request);
  if (read.kind === "tooLarge") return reply({ result: { status: "error", error: { "": ["inquiries.errors.tooLarge"] } } }, 413);
  if (read.kind === "malformed") return reply({ result: { status: "error", error: { "": ["inquiries.errors.malformed"] } } }, 400);
  const submission = parseWithZod(read.form, { schema: ReplySchema });
  if (submission.status !== "success") return reply({ result: submission.reply(), refusals: read.kind === "refused" ? read.refusals : null }, 400);
  if (read.kind === "refused") return reply({ result: submission.reply(), refusals: read.refusals }, 400);

  const user = await getUser(request);
  try {
    await postInquiryMessage({
      inquiryId: thread.id,
      author: "buyer",
      // Only the buyer's own account is recorded as the author; anyone else holding the link writes as the guest.
      authorUserId: user && user.id === thread.buyer_user_id ? user.id : null,
      body: submission.value.message,
      files: read.files,
    });
  } catch (error) {
    if (!isModelError(error)) throw error;
    const key = error.status === 409 ? "inquiries.thread.closedNote" : "inquiries.thread.messageRequired";
    return reply({ result: submission.reply({ formErrors: [key] }) }, error.status === 409 ? 409 : 400);
  }
  return redirect(localePath(locale, `/inquiries/${thread.token}`), {
    status: 303,
    headers: { ...THREAD_HEADERS, "Set-Cookie": await flashHeader({ kind: "success", key: "inquiries.thread.replied" }) },
  });
}

export default function InquiryThreadPage() {
  const { thread, messages } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const locale = useLocale();
  const to = useLocalePath();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ReplySchema }),
  });
  const about = thread.product
    ? { href: `/products/${thread.product.slug}`, label: localized(locale, thread.product.title_id, thread.product.title_en) }
    : thread.event
      ? { href: `/events/${thread.event.slug}`, label: localized(locale, thread.event.title_id, thread.event.title_en) }
      : null;

  return (
    <div className="container page page--narrow">
      <header className="page-header">
        <h1>{t("inquiries.thread.title", { name: thread.artisan.name })}</h1>
        <p className="page-header__lead muted">{t("inquiries.thread.privateNote")}</p>
      </header>

      <section className="panel" aria-labelledby="thread-facts">
        <h2 id="thread-facts" className="visually-hidden">
          {t("inquiries.thread.about")}
        </h2>
        <dl className="facts">
          <dt>{t("inquiries.thread.about")}</dt>
          <dd>
            {about ? <Link to={to(about.href)}>{about.label}</Link> : t("inquiries.thread.general")}
          </dd>
          <dt>{t("inquiries.thread.kind")}</dt>
          <dd>{t(`inquiries.kinds.${thread.kind}`)}</dd>
          <dt>{t("inquiries.thread.status")}</dt>
          <dd data-testid="thread-status">{t(`inquiries.statuses.${thread.status}`)}</dd>
          <dt>{t("inquiries.thread.started")}</dt>
          <dd>
            <time dateTime={thread.created_at}>{formatDateTime(thread.created_at, locale)}</time>
          </dd>
          {thread.quantity != null ? (
            <>
              <dt>{t("inquiries.thread.quantity")}</dt>
              <dd>{thread.quantity}</dd>
            </>
          ) : null}
          {thread.budget != null ? (
            <>
              <dt>{t("inquiries.thread.budget")}</dt>
              <dd>{formatRupiah(thread.budget)}</dd>
            </>
          ) : null}
        </dl>
      </section>

      <section className="section" aria-labelledby="thread-messages">
        <h2 id="thread-messages">{t("inquiries.thread.messages")}</h2>
        <InquiryThread messages={messages} viewer="buyer" artisanName={thread.artisan.name} buyerName={thread.buyer_name} />
      </section>

      <section className="section" aria-labelledby="thread-reply">
        <h2 id="thread-reply">{t("inquiries.thread.reply")}</h2>
        {thread.open ? (
          <Form method="post" encType="multipart/form-data" className="stack-form inquiry-form" {...getFormProps(form)}>
            <FormErrors id={form.errorId} errors={form.errors} />
            <AttachmentRefusals refusals={actionData?.refusals} />
            <div className="field">
              <label htmlFor={fields.message.id}>{t("inquiries.thread.reply")}</label>
              <textarea
                {...getTextareaProps(fields.message)}
                rows={5}
                maxLength={MAX_REPLY}
                required
                aria-describedby={fields.message.errors ? `${fields.message.errorId} thread-reply-hint` : "thread-reply-hint"}
              />
              <p className="field__hint muted" id="thread-reply-hint">
                {t("inquiries.thread.replyHint")}
              </p>
              <FieldError id={fields.message.errorId} errors={fields.message.errors} />
            </div>
            <AttachmentInput id="thread-photos" />
            <button type="submit" className="button">
              {t("inquiries.thread.replySubmit")}
            </button>
          </Form>
        ) : (
          <div className="notice" data-testid="thread-closed">
            <p>{t("inquiries.thread.closedNote")}</p>
            <p>
              <Link to={to(`/inquiries/new?artisan=${encodeURIComponent(thread.artisan.slug)}`)}>
                {t("inquiries.thread.askAgain", { name: thread.artisan.name })}
              </Link>
            </p>
          </div>
        )}
      </section>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);

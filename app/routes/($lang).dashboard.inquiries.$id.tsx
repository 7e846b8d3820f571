import { getFormProps, getInputProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { DashboardNav } from "~/components/dashboard-nav";
import { FieldError } from "~/components/field-error";
import { FormErrors } from "~/components/form-errors";
import { AttachmentInput, AttachmentRefusals, InquiryThread } from "~/components/inquiry-thread";
import { pageMeta } from "~/components/page-meta";
import { isModelError } from "~/models/common.server";
import {
  blockInquirySender,
  closeInquiry,
  getArtisanInquiry,
  linkInquiryToOrder,
  recordOfflineSaleAudited,
  reopenInquiry,
  unblockInquirySender,
} from "~/models/inquiry.server";
import { listThreadMessages, markThreadRead, postInquiryMessage, readMessageRequest } from "~/services/inquiry-thread.server";
import type { UploadRefusal } from "~/services/photo-actions.server";
import { idParam, requireArtisanShop } from "~/utils/dashboard.server";
import { flashHeader } from "~/utils/flash.server";
import { countryName, formatDate, formatDateTime, formatRupiah, wibDay } from "~/utils/format";
import { localePath, localized } from "~/utils/i18n";
import { i18next } from "~/utils/i18next.server";
import { isCalendarDay, todayWib } from "~/utils/shop-facts";
import { kindKey, statusKey, sourceKey } from "~/utils/inquiry-labels";
import { useLocale, useLocalePath } from "~/utils/use-locale";

/*
 * States and what each form may do (the model enforces them; a form posted
 * in another state is answered 409):
 *   reply        new, answered, converted   (the first reply moves new → answered)
 *   offline_sale new, answered → converted
 *   link_order   new, answered → converted
 *   close        new, answered, converted → closed
 *   reopen       closed → converted (if it holds a sale) / answered (if the shop ever wrote) / new
 *   spam         new, answered, closed → spam
 *   not_spam     spam → as reopen
 *   block        new, answered, closed, spam → spam, sender on the shop's block list (needs an e-mail)
 *   unblock      any state, sender blocked → sender off the list (the thread keeps its state)
 */
const BODY_MAX = 5000;
const MAX_OFFLINE_SALE = 1_000_000_000;
const SIMPLE_INTENTS = ["close", "reopen", "spam", "not_spam", "block", "unblock"] as const;
type SimpleIntent = (typeof SIMPLE_INTENTS)[number];

const ReplySchema = z.object({
  intent: z.literal("reply"),
  body: z
    .string({ required_error: "inbox.thread.errors.bodyRequired" })
    .trim()
    .min(1, "inbox.thread.errors.bodyRequired")
    .max(BODY_MAX, "inbox.thread.errors.bodyTooLong"),
});

/** The sale's day: a real date, not before the inquiry's WIB day and not after today (WIB). */
function saleSchema(firstDay: string, today: string) {
  return z.object({
    intent: z.literal("offline_sale"),
    amount: z
      .number({ required_error: "inbox.thread.errors.amountRequired", invalid_type_error: "inbox.thread.errors.amount" })
      .int("inbox.thread.errors.amount")
      .min(1, "inbox.thread.errors.amount")
      .max(MAX_OFFLINE_SALE, "inbox.thread.errors.amountTooLarge"),
    soldOn: z
      .string({ required_error: "inbox.thread.errors.dateRequired" })
      .trim()
      .superRefine((d, ctx) => {
        if (!isCalendarDay(d)) ctx.addIssue({ code: z.ZodIssueCode.custom, message: "inbox.thread.errors.date" });
        else if (d > today) ctx.addIssue({ code: z.ZodIssueCode.custom, message: "inbox.thread.errors.dateFuture" });
        else if (d < firstDay) ctx.addIssue({ code: z.ZodIssueCode.custom, message: "inbox.thread.errors.dateBeforeInquiry" });
      }),
  });
}

const LinkSchema = z.object({
  intent: z.literal("link_order"),
  orderCode: z
    .string({ required_error: "inbox.thread.errors.orderRequired" })
    .trim()
    .min(1, "inbox.thread.errors.orderRequired")
    .max(40, "inbox.thread.errors.orderNotFound"),
});

/** 409s that are not about the thread's state. */
const CONFLICTS: Record<string, string> = {
  already_blocked: "inbox.thread.errors.alreadyBlocked",
  not_blocked: "inbox.thread.errors.notBlocked",
  no_email: "inbox.thread.errors.noEmail",
};

type Target = "reply" | "offline_sale" | "link_order" | SimpleIntent | "unknown";
type ActionResult = { target: Target; result: SubmissionResult<string[]> | null; error: string | null; refusals?: UploadRefusal[] };

/** The first-response time as "2 h 5 min" / "2 jam 5 menit" (days when longer than a day). */
function responseTime(t: TFunction, createdAt: string, firstResponseAt: string | null): string | null {
  if (!firstResponseAt) return null;
  const minutes = Math.max(0, Math.round((Date.parse(firstResponseAt) - Date.parse(createdAt)) / 60_000));
  if (minutes < 60) return t("inbox.thread.minutes", { count: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return t("inbox.thread.hoursMinutes", { hours, minutes: minutes % 60 });
  return t("inbox.thread.days", { count: Math.floor(hours / 24) });
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { shop } = await requireArtisanShop(request);
  const id = idParam(params.id);
  const locale = params.lang === "en" ? "en" : "id";
  const inquiry = await getArtisanInquiry({ artisanId: shop.id, inquiryId: id });
  if (!inquiry) throw new Response("Not Found", { status: 404 });
  // Opening the thread reads the buyer's messages.
  await markThreadRead({ inquiryId: inquiry.id, reader: "artisan" });
  const messages = await listThreadMessages({ inquiryId: inquiry.id });
  const t = await i18next.getFixedT(locale);
  const buyerName = inquiry.buyer_name || t("inbox.unnamedBuyer");
  return {
    shop: { name: shop.name },
    inquiry: {
      id: inquiry.id,
      kind: inquiry.kind,
      status: inquiry.status,
      source: inquiry.source,
      buyerName,
      buyerCountry: inquiry.buyer_country,
      hasEmail: inquiry.buyer_email !== "",
      blocked: inquiry.blocked,
      quantity: inquiry.quantity,
      budget: inquiry.budget,
      locale: inquiry.locale,
      createdAt: inquiry.created_at,
      firstResponse: responseTime(t, inquiry.created_at, inquiry.first_response_at),
      product: inquiry.product_slug
        ? {
            title: localized(locale, inquiry.product_title_id, inquiry.product_title_en),
            slug: inquiry.product_slug,
            published: inquiry.product_status === "published",
          }
        : null,
      event: inquiry.event_slug ? { title: localized(locale, inquiry.event_title_id, inquiry.event_title_en), slug: inquiry.event_slug } : null,
      orderCode: inquiry.order_code,
      offlineSale: inquiry.offline_sale_amount != null && inquiry.offline_sale_on ? { amount: inquiry.offline_sale_amount, on: inquiry.offline_sale_on } : null,
      whatsappCode: inquiry.whatsapp_code,
    },
    messages,
    firstDay: wibDay(inquiry.created_at),
    today: todayWib(),
    meta: { title: `${t("inbox.thread.title", { name: buyerName })} · ${t("site.name")}`, description: t("inbox.lead"), noindex: true },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, shop } = await requireArtisanShop(request);
  const id = idParam(params.id);
  const locale = params.lang === "en" ? "en" : "id";
  // Another shop's inquiry does not exist for this one, whatever the form says.
  const inquiry = await getArtisanInquiry({ artisanId: shop.id, inquiryId: id });
  if (!inquiry) throw new Response("Not Found", { status: 404 });
  const answer = (status: number, result: ActionResult) => data(result, { status });
  const read = await readMessageRequest(request);
  if (read.kind === "tooLarge") return answer(413, { target: "reply", result: null, error: "inbox.thread.errors.tooLarge" });
  if (read.kind === "malformed") return answer(400, { target: "unknown", result: null, error: "inbox.errors.badRequest" });
  const formData = read.form;
  const intent = String(formData.get("intent") ?? "");
  const done = async (key: string) =>
    redirect(localePath(locale, `/dashboard/inquiries/${inquiry.id}`), { status: 303, headers: { "Set-Cookie": await flashHeader({ kind: "success", key }) } });
  /** A model refusal: a wrong state is a 409, anything else a 400 (ownership was checked above). */
  const refused = (target: Target, error: unknown, result: SubmissionResult<string[]> | null = null) => {
    if (!isModelError(error)) throw error;
    if (error.status === 404 && error.code === "not_found") throw new Response("Not Found", { status: 404 });
    if (error.status === 409) return answer(409, { target, result, error: CONFLICTS[error.code] ?? "inbox.thread.errors.wrongState" });
    return answer(400, { target, result, error: "inbox.errors.badRequest" });
  };

  if (intent === "reply") {
    const submission = parseWithZod(formData, { schema: ReplySchema });
    if (read.kind === "refused") return answer(400, { target: "reply", result: submission.reply(), error: null, refusals: read.refusals });
    if (submission.status !== "success") return answer(400, { target: "reply", result: submission.reply(), error: null });
    try {
      await postInquiryMessage({ inquiryId: inquiry.id, author: "artisan", artisanId: shop.id, authorUserId: user.id, body: submission.value.body, files: read.files });
    } catch (error) {
      return refused("reply", error, submission.reply());
    }
    return done("inbox.thread.replied");
  }

  if (intent === "offline_sale") {
    const submission = parseWithZod(formData, { schema: saleSchema(wibDay(inquiry.created_at), todayWib()) });
    if (submission.status !== "success") return answer(400, { target: "offline_sale", result: submission.reply(), error: null });
    try {
      await recordOfflineSaleAudited({ inquiryId: inquiry.id, artisanId: shop.id, amount: submission.value.amount, soldOn: submission.value.soldOn, actorUserId: user.id });
    } catch (error) {
      return refused("offline_sale", error, submission.reply());
    }
    return done("inbox.thread.saleRecorded");
  }

  if (intent === "link_order") {
    const submission = parseWithZod(formData, { schema: LinkSchema });
    if (submission.status !== "success") return answer(400, { target: "link_order", result: submission.reply(), error: null });
    try {
      await linkInquiryToOrder({ inquiryId: inquiry.id, artisanId: shop.id, orderCode: submission.value.orderCode, actorUserId: user.id });
    } catch (error) {
      if (isModelError(error) && error.code.startsWith("order_")) {
        const message = { order_not_found: "inbox.thread.errors.orderNotFound", order_unpaid: "inbox.thread.errors.orderUnpaid", order_linked: "inbox.thread.errors.orderLinked" }[
          error.code
        ];
        if (message) return answer(error.status, { target: "link_order", result: submission.reply({ fieldErrors: { orderCode: [message] } }), error: null });
      }
      return refused("link_order", error, submission.reply());
    }
    return done("inbox.thread.orderLinked");
  }

  if ((SIMPLE_INTENTS as readonly string[]).includes(intent)) {
    const which = intent as SimpleIntent;
    try {
      if (which === "close") await closeInquiry({ inquiryId: inquiry.id, artisanId: shop.id, status: "closed" });
      else if (which === "spam") await closeInquiry({ inquiryId: inquiry.id, artisanId: shop.id, status: "spam" });
      else if (which === "reopen") await reopenInquiry({ inquiryId: inquiry.id, artisanId: shop.id, from: "closed" });
      else if (which === "not_spam") await reopenInquiry({ inquiryId: inquiry.id, artisanId: shop.id, from: "spam" });
      else if (which === "block") await blockInquirySender({ inquiryId: inquiry.id, artisanId: shop.id, actorUserId: user.id });
      else await unblockInquirySender({ inquiryId: inquiry.id, artisanId: shop.id });
    } catch (error) {
      return refused(which, error);
    }
    return done(`inbox.thread.done.${which}`);
  }
  return answer(400, { target: "unknown", result: null, error: "inbox.errors.badRequest" });
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

/** A one-button form for a state change. */
function StateButton({ intent, label, secondary = true }: { intent: SimpleIntent; label: string; secondary?: boolean }) {
  return (
    <Form method="post" className="inbox-state-form">
      <input type="hidden" name="intent" value={intent} />
      <button type="submit" className={secondary ? "button button--secondary" : "button"} data-intent={intent}>
        {label}
      </button>
    </Form>
  );
}

function About({ inquiry }: { inquiry: LoaderData["inquiry"] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const to = useLocalePath();
  return (
    <dl className="facts" data-testid="inquiry-facts">
      <dt>{t("inbox.status")}</dt>
      <dd>
        <span className={`dash-state inquiry-state--${inquiry.status}`} data-testid="inquiry-status">
          {t(statusKey(inquiry.status))}
        </span>
      </dd>
      <dt>{t("inbox.kind")}</dt>
      <dd>{t(kindKey(inquiry.kind))}</dd>
      {inquiry.product ? (
        <>
          <dt>{t("inbox.thread.product")}</dt>
          <dd>{inquiry.product.published ? <a href={to(`/products/${inquiry.product.slug}`)}>{inquiry.product.title}</a> : inquiry.product.title}</dd>
        </>
      ) : null}
      {inquiry.event ? (
        <>
          <dt>{t("inbox.thread.event")}</dt>
          <dd>
            <a href={to(`/events/${inquiry.event.slug}`)}>{inquiry.event.title}</a>
          </dd>
        </>
      ) : null}
      {inquiry.quantity != null ? (
        <>
          <dt>{t("inbox.thread.quantity")}</dt>
          <dd>{inquiry.quantity}</dd>
        </>
      ) : null}
      {inquiry.budget != null ? (
        <>
          <dt>{t("inbox.thread.budget")}</dt>
          <dd>{formatRupiah(inquiry.budget)}</dd>
        </>
      ) : null}
      {/* A WhatsApp log's language is the dashboard's, not the buyer's. */}
      {inquiry.source === "whatsapp" ? null : (
        <>
          <dt>{t("inbox.thread.language")}</dt>
          <dd>{t(`inbox.thread.languages.${inquiry.locale === "en" ? "en" : "id"}`)}</dd>
        </>
      )}
      <dt>{t("inbox.source")}</dt>
      <dd>
        {t(sourceKey(inquiry.source))}
        {inquiry.whatsappCode ? (
          <>
            {" "}
            (<code>{inquiry.whatsappCode}</code>)
          </>
        ) : null}
      </dd>
      {inquiry.buyerCountry ? (
        <>
          <dt>{t("inbox.thread.country")}</dt>
          <dd>{countryName(inquiry.buyerCountry, locale)}</dd>
        </>
      ) : null}
      <dt>{t("inbox.thread.created")}</dt>
      <dd>{formatDateTime(inquiry.createdAt, locale)}</dd>
      <dt>{t("inbox.thread.firstResponse")}</dt>
      <dd>{inquiry.firstResponse ?? <span className="muted">{t(inquiry.source === "whatsapp" ? "inbox.thread.offPlatform" : "inbox.thread.noResponse")}</span>}</dd>
      {inquiry.offlineSale ? (
        <>
          <dt>{t("inbox.thread.offlineSale")}</dt>
          <dd data-testid="offline-sale">
            {t("inbox.thread.saleOn", { amount: formatRupiah(inquiry.offlineSale.amount), date: formatDate(inquiry.offlineSale.on, locale) })}
          </dd>
        </>
      ) : null}
      {inquiry.orderCode ? (
        <>
          <dt>{t("inbox.thread.order")}</dt>
          <dd data-testid="linked-order">
            <code>{inquiry.orderCode}</code>
          </dd>
        </>
      ) : null}
    </dl>
  );
}

export default function DashboardInquiryPage() {
  const { shop, inquiry, messages, firstDay, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const to = useLocalePath();
  const status = inquiry.status;
  const canReply = status === "new" || status === "answered" || status === "converted";
  const canConvert = status === "new" || status === "answered";
  const canBlock = inquiry.hasEmail && !inquiry.blocked && status !== "converted";
  const resultFor = (target: Target) => (actionData?.target === target ? actionData.result : null);

  const [replyForm, replyFields] = useForm({
    id: "reply",
    lastResult: resultFor("reply"),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ReplySchema }),
  });
  const [saleForm, saleFields] = useForm({
    id: "offline-sale",
    lastResult: resultFor("offline_sale"),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    defaultValue: { soldOn: today },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: saleSchema(firstDay, today) }),
  });
  const [linkForm, linkFields] = useForm({
    id: "link-order",
    lastResult: resultFor("link_order"),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LinkSchema }),
  });

  return (
    <div className="container page page--narrow">
      <DashboardNav />
      <p>
        <a href={to("/dashboard/inquiries")}>{t("inbox.backToInbox")}</a>
      </p>
      <header className="page-header">
        <h1>{t("inbox.thread.title", { name: inquiry.buyerName })}</h1>
      </header>

      {actionData?.error && (actionData.target === "unknown" || (SIMPLE_INTENTS as readonly string[]).includes(actionData.target) || !actionData.result) ? (
        <FormErrors errors={[actionData.error]} />
      ) : null}

      {inquiry.blocked ? (
        <p className="notice inbox-blocked" data-testid="blocked-notice">
          {t("inbox.thread.blockedNotice")}
        </p>
      ) : null}

      <section className="section panel" aria-labelledby="thread-about">
        <h2 id="thread-about">{t("inbox.thread.aboutHeading")}</h2>
        <About inquiry={inquiry} />
      </section>

      <section className="section" aria-labelledby="thread-messages">
        <h2 id="thread-messages">{t("inbox.thread.messagesHeading")}</h2>
        <InquiryThread messages={messages} viewer="artisan" artisanName={shop.name} buyerName={inquiry.buyerName} />
      </section>

      <section className="section" aria-labelledby="thread-reply">
        <h2 id="thread-reply">{t("inbox.thread.replyHeading")}</h2>
        {canReply ? (
          <Form method="post" encType="multipart/form-data" className="stack-form dash-form" {...getFormProps(replyForm)}>
            <input type="hidden" name="intent" value="reply" />
            <FormErrors id={replyForm.errorId} errors={replyForm.errors ?? (actionData?.target === "reply" && actionData.error ? [actionData.error] : undefined)} />
            <div className="field">
              <label htmlFor={replyFields.body.id}>{t("inbox.thread.replyLabel")}</label>
              <textarea {...getTextareaProps(replyFields.body)} rows={5} maxLength={BODY_MAX} aria-describedby={`${replyFields.body.id}-hint ${replyFields.body.errorId}`} />
              <p className="field__hint muted" id={`${replyFields.body.id}-hint`}>
                {inquiry.hasEmail ? t("inbox.thread.replyHint") : t("inbox.thread.replyHintNoEmail")}
              </p>
              <FieldError id={replyFields.body.errorId} errors={replyFields.body.errors} />
            </div>
            <AttachmentInput />
            <AttachmentRefusals refusals={actionData?.target === "reply" ? actionData.refusals : null} />
            <button type="submit" className="button">
              {t("inbox.thread.send")}
            </button>
          </Form>
        ) : (
          <p className="muted">{status === "spam" ? t("inbox.thread.noReplySpam") : t("inbox.thread.noReplyClosed")}</p>
        )}
      </section>

      {canConvert ? (
        <section className="section" aria-labelledby="thread-convert">
          <h2 id="thread-convert">{t("inbox.thread.convertHeading")}</h2>
          <p className="muted">{t("inbox.thread.convertLead")}</p>
          <div className="inbox-convert">
            <Form method="post" className="stack-form dash-form panel" {...getFormProps(saleForm)}>
              <h3>{t("inbox.thread.saleHeading")}</h3>
              <input type="hidden" name="intent" value="offline_sale" />
              <FormErrors id={saleForm.errorId} errors={saleForm.errors ?? (actionData?.target === "offline_sale" && actionData.error ? [actionData.error] : undefined)} />
              <div className="field">
                <label htmlFor={saleFields.amount.id}>{t("inbox.thread.amount")}</label>
                <input {...getInputProps(saleFields.amount, { type: "number" })} min={1} max={MAX_OFFLINE_SALE} step={1} inputMode="numeric" />
                <FieldError id={saleFields.amount.errorId} errors={saleFields.amount.errors} />
              </div>
              <div className="field">
                <label htmlFor={saleFields.soldOn.id}>{t("inbox.thread.soldOn")}</label>
                <input {...getInputProps(saleFields.soldOn, { type: "date" })} min={firstDay} max={today} />
                <FieldError id={saleFields.soldOn.errorId} errors={saleFields.soldOn.errors} />
              </div>
              <button type="submit" className="button">
                {t("inbox.thread.recordSale")}
              </button>
            </Form>
            <Form method="post" className="stack-form dash-form panel" {...getFormProps(linkForm)}>
              <h3>{t("inbox.thread.linkHeading")}</h3>
              <input type="hidden" name="intent" value="link_order" />
              <FormErrors id={linkForm.errorId} errors={linkForm.errors ?? (actionData?.target === "link_order" && actionData.error ? [actionData.error] : undefined)} />
              <div className="field">
                <label htmlFor={linkFields.orderCode.id}>{t("inbox.thread.orderCode")}</label>
                <input {...getInputProps(linkFields.orderCode, { type: "text" })} maxLength={40} autoComplete="off" spellCheck={false} aria-describedby={`${linkFields.orderCode.id}-hint ${linkFields.orderCode.errorId}`} />
                <p className="field__hint muted" id={`${linkFields.orderCode.id}-hint`}>
                  {t("inbox.thread.orderCodeHint")}
                </p>
                <FieldError id={linkFields.orderCode.errorId} errors={linkFields.orderCode.errors} />
              </div>
              <button type="submit" className="button">
                {t("inbox.thread.linkOrder")}
              </button>
            </Form>
          </div>
        </section>
      ) : null}

      <section className="section" aria-labelledby="thread-manage">
        <h2 id="thread-manage">{t("inbox.thread.manageHeading")}</h2>
        <div className="inbox-actions">
          {status === "new" || status === "answered" || status === "converted" ? <StateButton intent="close" label={t("inbox.thread.actions.close")} /> : null}
          {status === "closed" ? <StateButton intent="reopen" label={t("inbox.thread.actions.reopen")} /> : null}
          {status === "new" || status === "answered" || status === "closed" ? <StateButton intent="spam" label={t("inbox.thread.actions.spam")} /> : null}
          {status === "spam" ? <StateButton intent="not_spam" label={t("inbox.thread.actions.not_spam")} /> : null}
          {canBlock ? <StateButton intent="block" label={t("inbox.thread.actions.block")} /> : null}
          {inquiry.blocked ? <StateButton intent="unblock" label={t("inbox.thread.actions.unblock")} /> : null}
        </div>
        {canBlock ? <p className="muted">{t("inbox.thread.manageHint")}</p> : null}
      </section>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);

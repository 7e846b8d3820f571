import { getCollectionProps, getFormProps, getSelectProps, getTextareaProps, useForm, type Submission, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Field } from "~/components/field";
import { FieldError } from "~/components/field-error";
import { FormErrors } from "~/components/form-errors";
import { AttachmentInput, AttachmentRefusals } from "~/components/inquiry-thread";
import { pageMeta } from "~/components/page-meta";
import { ResponsiveImage } from "~/components/responsive-image";
import { isModelError } from "~/models/common.server";
import type { UploadRefusal } from "~/services/photo-actions.server";
import { readAttribution } from "~/services/attribution.server";
import { pageSourceOf, resolveInquiryTarget, submitInquiry, type InquiryTarget, type RateLimited } from "~/services/inquiries.server";
import { readMessageRequest } from "~/services/inquiry-thread.server";
import { flashHeader } from "~/utils/flash.server";
import { localePath, localized, type Locale } from "~/utils/i18n";
import { i18next } from "~/utils/i18next.server";
import { getUser } from "~/utils/session.server";
import { useLocale, useLocalePath } from "~/utils/use-locale";

const KINDS = ["product", "custom", "wholesale", "exhibition"] as const;
export const MAX_MESSAGE = 5000;
const MAX_QUANTITY = 100_000;
const MAX_BUDGET = 10_000_000_000;

/**
 * An optional whole number as people type it: "20", "1500000", "1.500.000"
 * (Indonesian grouping), "1,500,000" or "Rp 1.500.000".
 */
function wholeNumber(max: number, message: string) {
  return z
    .string({ invalid_type_error: message })
    .max(40, message)
    .optional()
    .transform((value, ctx) => {
      const text = value?.trim().replace(/^rp\.?\s*/i, "") ?? "";
      if (!text) return undefined;
      if (!/^\d+$/.test(text) && !/^\d{1,3}([.,\s]\d{3})+$/.test(text)) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message });
        return z.NEVER;
      }
      const n = Number(text.replace(/\D/g, ""));
      if (!Number.isSafeInteger(n) || n < 1 || n > max) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message });
        return z.NEVER;
      }
      return n;
    });
}

/** Messages are translation keys. A signed-in buyer's e-mail is the account's (no field); an event asks which exhibitor. */
export function inquirySchema(options: { guest: boolean; event: boolean }) {
  const text = (required: string, tooLong: string, max: number) =>
    z.string({ required_error: required, invalid_type_error: required }).trim().min(1, required).max(max, tooLong);
  return z.object({
    kind: z.enum(KINDS, { errorMap: () => ({ message: "inquiries.errors.kindRequired" }) }),
    message: text("inquiries.errors.messageRequired", "inquiries.errors.messageTooLong", MAX_MESSAGE),
    quantity: wholeNumber(MAX_QUANTITY, "inquiries.errors.quantityInvalid"),
    budget: wholeNumber(MAX_BUDGET, "inquiries.errors.budgetInvalid"),
    name: text("inquiries.errors.nameRequired", "inquiries.errors.nameTooLong", 120),
    email: options.guest
      ? z
          .string({ required_error: "inquiries.errors.emailInvalid", invalid_type_error: "inquiries.errors.emailInvalid" })
          .trim()
          .max(254, "inquiries.errors.emailInvalid")
          .email("inquiries.errors.emailInvalid")
      : z.unknown().transform(() => undefined),
    locale: z.enum(["id", "en"], { errorMap: () => ({ message: "inquiries.errors.localeInvalid" }) }),
    exhibitor: options.event
      ? z
          .string({ required_error: "inquiries.errors.exhibitorRequired", invalid_type_error: "inquiries.errors.exhibitorRequired" })
          .max(200, "inquiries.errors.exhibitorRequired")
      : z.unknown().transform(() => undefined),
    // Carried from a catalogue search (the product page's link adds src=search).
    src: z.unknown().transform((value) => (value === "search" ? ("search" as const) : undefined)),
  });
}

/** The honeypot's name: a field people never see and bots fill in. */
const HONEYPOT = "website";

type ActionResult = {
  result: SubmissionResult<string[]>;
  refusals?: UploadRefusal[] | null;
  limited?: LimitNotice | null;
};

/** A WIB clock time (UTC+7 all year), "14:32". */
function wibClock(date: Date): string {
  return new Date(date.getTime() + 7 * 60 * 60 * 1000).toISOString().slice(11, 16);
}

/** What the refusal says: the window ("hour", "2 hours", "30 minutes") is translated in the page's language too. */
export type LimitNotice = { key: string; values: { count: number; time: string; minutes: number }; window: { key: string; count: number } };

function limitNotice(limited: RateLimited): LimitNotice {
  const hours = limited.windowSeconds / 3600;
  return {
    key: limited.by === "email" ? "inquiries.errors.tooManyEmail" : "inquiries.errors.tooManyIp",
    values: { count: limited.limit, time: wibClock(limited.retryAt), minutes: Math.max(1, Math.ceil(limited.retryAfterSeconds / 60)) },
    window:
      hours === 1
        ? { key: "inquiries.errors.windowOneHour", count: 1 }
        : Number.isInteger(hours)
          ? { key: "inquiries.errors.windowHours", count: hours }
          : { key: "inquiries.errors.windowMinutes", count: Math.ceil(limited.windowSeconds / 60) },
  };
}

/** The refusal as text: "You have sent 5 inquiries in the last hour. You can send again at 14:32 WIB (in 23 minutes)." */
export function limitText(t: (key: string, values?: Record<string, unknown>) => string, notice: LimitNotice): string {
  return t(notice.key, { ...notice.values, window: t(notice.window.key, { count: notice.window.count }) });
}

function targetTitle(t: (key: string, values?: Record<string, unknown>) => string, locale: Locale, target: InquiryTarget): string {
  if (target.type === "product") return t("inquiries.new.titleProduct", { title: localized(locale, target.product.title_id, target.product.title_en) });
  if (target.type === "event") return t("inquiries.new.titleEvent", { title: localized(locale, target.event.title_id, target.event.title_en) });
  return t("inquiries.new.titleArtisan", { name: target.artisan.name });
}

const SENT_PATH = "/inquiries/new?sent=1";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = params.lang === "en" ? "en" : "id";
  const url = new URL(request.url);
  const t = await i18next.getFixedT(locale);
  if (url.searchParams.get("sent") === "1") {
    // The guest's confirmation: the private link went by e-mail and is not shown here.
    return { state: "sent" as const, meta: { title: `${t("inquiries.sent.title")} · ${t("site.name")}`, description: t("inquiries.sent.lead"), noindex: true } };
  }
  const target = await resolveInquiryTarget(url.searchParams);
  if (!target) throw new Response("Not Found", { status: 404 });
  const user = await getUser(request);
  const title = targetTitle(t, locale, target);
  return {
    state: "form" as const,
    target,
    user: user ? { name: user.name, email: user.email } : null,
    defaults: {
      kind: target.type === "product" ? "product" : target.type === "event" ? "exhibition" : "custom",
      locale,
      name: user?.name ?? "",
      exhibitor: target.type === "event" ? (target.preselected ?? "") : "",
    },
    src: url.searchParams.get("src") === "search" ? "search" : null,
    meta: { title: `${title} · ${t("site.name")}`, description: t("inquiries.new.lead"), noindex: true },
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const locale = params.lang === "en" ? "en" : "id";
  const url = new URL(request.url);
  const target = await resolveInquiryTarget(url.searchParams);
  if (!target) throw new Response("Not Found", { status: 404 });
  const user = await getUser(request);
  const schema = inquirySchema({ guest: !user, event: target.type === "event" });

  const read = await readMessageRequest(request);
  if (read.kind === "tooLarge" || read.kind === "malformed") {
    const key = read.kind === "tooLarge" ? "inquiries.errors.tooLarge" : "inquiries.errors.malformed";
    return data<ActionResult>({ result: { status: "error", error: { "": [key] } } }, { status: read.kind === "tooLarge" ? 413 : 400 });
  }
  const sent = redirect(localePath(locale, SENT_PATH), { status: 303 });
  // A filled honeypot looks exactly like a success to the sender, and nothing is stored or sent.
  const honeypot = read.form.getAll(HONEYPOT);
  if (honeypot.some((v: FormDataEntryValue) => typeof v !== "string" || v.trim() !== "")) return sent;

  const submission = parseWithZod(read.form, { schema });
  if (submission.status !== "success") {
    return data<ActionResult>({ result: submission.reply(), refusals: read.kind === "refused" ? read.refusals : null }, { status: 400 });
  }
  if (read.kind === "refused") return data<ActionResult>({ result: submission.reply(), refusals: read.refusals }, { status: 400 });

  const value = submission.value;
  let artisanId: number;
  let productId: number | null = null;
  let eventId: number | null = null;
  if (target.type === "product") {
    artisanId = target.product.artisan.id;
    productId = target.product.id;
  } else if (target.type === "artisan") {
    artisanId = target.artisan.id;
  } else {
    const exhibitor = target.event.exhibitors.find((x) => x.slug === value.exhibitor);
    if (!exhibitor) {
      return data<ActionResult>({ result: submission.reply({ fieldErrors: { exhibitor: ["inquiries.errors.exhibitorRequired"] } }) }, { status: 400 });
    }
    artisanId = exhibitor.id;
    eventId = target.event.id;
  }
  // A booth or campaign link followed within 30 days wins over the page the form was opened from.
  const attribution = await readAttribution(request, { artisanId });

  let outcome;
  try {
    outcome = await submitInquiry({
      artisanId,
      productId,
      eventId,
      buyerUserId: user?.id ?? null,
      buyerName: value.name,
      buyerEmail: user ? user.email : (value.email ?? ""),
      kind: value.kind,
      quantity: value.quantity ?? null,
      budget: value.budget ?? null,
      locale: value.locale,
      source: attribution ? "link" : pageSourceOf(target, value.src === "search"),
      sourceLinkId: attribution?.linkId ?? null,
      message: value.message,
      files: read.files,
      clientIp: context.clientIp ?? "unknown",
    });
  } catch (error) {
    if (!isModelError(error)) throw error;
    const key = error.code === "artisan_unavailable" ? "inquiries.errors.unavailable" : "inquiries.errors.invalid";
    return data<ActionResult>({ result: submission.reply({ formErrors: [key] }) }, { status: error.status === 404 ? 404 : 400 });
  }
  if (outcome.kind === "rate_limited") {
    return data<ActionResult>(
      { result: submission.reply(), limited: limitNotice(outcome) },
      { status: 429, headers: { "Retry-After": String(outcome.retryAfterSeconds) } },
    );
  }
  if (user) {
    return redirect(localePath(locale, `/inquiries/${outcome.token}`), {
      status: 303,
      headers: { "Set-Cookie": await flashHeader({ kind: "success", key: "inquiries.sent.flash" }) },
    });
  }
  return sent;
}

export default function NewInquiryPage() {
  const page = useLoaderData<typeof loader>();
  if (page.state === "sent") return <SentPage />;
  return <InquiryForm page={page} />;
}

function SentPage() {
  const { t } = useTranslation();
  const to = useLocalePath();
  return (
    <div className="container page page--narrow">
      <header className="page-header">
        <h1>{t("inquiries.sent.title")}</h1>
        <p className="page-header__lead" role="status">
          {t("inquiries.sent.lead")}
        </p>
      </header>
      <div className="notice">
        <p>{t("inquiries.sent.keepLink")}</p>
        <p className="muted">{t("inquiries.sent.spamHint")}</p>
      </div>
      <p>
        <Link to={to("/products")}>{t("inquiries.sent.browse")}</Link>
      </p>
    </div>
  );
}

type FormPage = Extract<ReturnType<typeof useLoaderData<typeof loader>>, { state: "form" }>;

function AskedAbout({ target }: { target: FormPage["target"] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const to = useLocalePath();
  const image = target.type === "product" ? target.product.image : target.type === "event" ? target.event.image : target.artisan.image;
  return (
    <section className="panel inquiry-subject" aria-labelledby="inquiry-subject">
      <h2 id="inquiry-subject" className="inquiry-subject__label">
        {t("inquiries.new.about")}
      </h2>
      <div className="inquiry-subject__body">
        {image ? (
          <div className="inquiry-subject__image">
            <ResponsiveImage image={image} sizes="96px" decorative />
          </div>
        ) : null}
        <div>
          {target.type === "product" ? (
            <>
              <p className="inquiry-subject__title">
                <Link to={to(`/products/${target.product.slug}`)}>{localized(locale, target.product.title_id, target.product.title_en)}</Link>
              </p>
              <p className="muted">{t("inquiries.new.byArtisan", { name: target.product.artisan.name })}</p>
            </>
          ) : target.type === "event" ? (
            <>
              <p className="inquiry-subject__title">
                <Link to={to(`/events/${target.event.slug}`)}>{localized(locale, target.event.title_id, target.event.title_en)}</Link>
              </p>
              {target.event.exhibitors.length > 0 ? (
                <p className="muted">{t("inquiries.new.exhibitorsCount", { count: target.event.exhibitors.length })}</p>
              ) : null}
            </>
          ) : (
            <>
              <p className="inquiry-subject__title">
                <Link to={to(`/artisans/${target.artisan.slug}`)}>{target.artisan.name}</Link>
              </p>
              <p className="muted">{target.artisan.district}</p>
            </>
          )}
        </div>
      </div>
    </section>
  );
}

/** Every field as text, as the form holds it. */
type FormShape = Record<"kind" | "message" | "quantity" | "budget" | "name" | "email" | "locale" | "exhibitor" | "src", string>;

function InquiryForm({ page }: { page: FormPage }) {
  const { target, user, defaults, src } = page;
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const locale = useLocale();
  const to = useLocalePath();
  const schema = inquirySchema({ guest: !user, event: target.type === "event" });
  const [form, fields] = useForm<FormShape>({
    lastResult: actionData?.result,
    defaultValue: defaults,
    shouldValidate: "onBlur",
    // The fields as the browser holds them (text); the schema turns numbers into numbers.
    onValidate: ({ formData }) => parseWithZod(formData, { schema }) as unknown as Submission<FormShape>,
  });
  const title = targetTitle(t, locale, target);
  const noExhibitors = target.type === "event" && target.event.exhibitors.length === 0;

  return (
    <div className="container page page--narrow">
      <header className="page-header">
        <h1>{title}</h1>
        <p className="page-header__lead">{t("inquiries.new.lead")}</p>
      </header>

      <AskedAbout target={target} />

      {noExhibitors ? (
        <div className="notice" data-testid="no-exhibitors">
          <p>{t("inquiries.new.noExhibitors")}</p>
          <p>
            <Link to={to(`/events/${target.event.slug}`)}>{t("inquiries.new.backToEvent")}</Link> ·{" "}
            <Link to={to("/artisans")}>{t("inquiries.new.browseArtisans")}</Link>
          </p>
        </div>
      ) : (
        <Form method="post" encType="multipart/form-data" className="stack-form inquiry-form" {...getFormProps(form)}>
          <FormErrors id={form.errorId} errors={form.errors} />
          {actionData?.limited ? (
            <div className="form-error" role="alert" data-testid="rate-limited">
              <p>{limitText(t as never, actionData.limited)}</p>
            </div>
          ) : null}
          <AttachmentRefusals refusals={actionData?.refusals} />
          {src ? <input type="hidden" name="src" value={src} /> : null}

          {target.type === "event" ? (
            <div className="field">
              <label htmlFor={fields.exhibitor.id}>{t("inquiries.new.exhibitor")}</label>
              <select {...getSelectProps(fields.exhibitor)} required>
                <option value="">{t("inquiries.new.exhibitorPlaceholder")}</option>
                {target.event.exhibitors.map((x) => (
                  <option key={x.slug} value={x.slug}>
                    {x.booth_label ? `${x.name} (${t("inquiries.new.booth", { label: x.booth_label })})` : x.name}
                  </option>
                ))}
              </select>
              <FieldError id={fields.exhibitor.errorId} errors={fields.exhibitor.errors} />
            </div>
          ) : null}

          <fieldset className="field choice-group" aria-describedby={fields.kind.errors ? fields.kind.errorId : undefined}>
            <legend>{t("inquiries.new.kind")}</legend>
            {getCollectionProps(fields.kind, { type: "radio", options: [...KINDS] }).map(({ key, ...radio }) => (
              <label key={key} className="choice" htmlFor={radio.id}>
                <input {...radio} /> {t(`inquiries.kinds.${radio.value}`)}
              </label>
            ))}
            <FieldError id={fields.kind.errorId} errors={fields.kind.errors} />
          </fieldset>

          <div className="field">
            <label htmlFor={fields.message.id}>{t("inquiries.new.message")}</label>
            <textarea
              {...getTextareaProps(fields.message)}
              rows={7}
              maxLength={MAX_MESSAGE}
              required
              aria-describedby={fields.message.errors ? `${fields.message.errorId} inquiry-message-hint` : "inquiry-message-hint"}
            />
            <p className="field__hint muted" id="inquiry-message-hint">
              {t("inquiries.new.messageHint")}
            </p>
            <FieldError id={fields.message.errorId} errors={fields.message.errors} />
          </div>

          <div className="inquiry-form__numbers">
            <Field
              meta={fields.quantity}
              type="text"
              inputMode="numeric"
              label={t("inquiries.new.quantity")}
              aria-describedby={fields.quantity.errors ? `${fields.quantity.errorId} inquiry-numbers-hint` : "inquiry-numbers-hint"}
            />
            <Field
              meta={fields.budget}
              type="text"
              inputMode="numeric"
              label={t("inquiries.new.budget")}
              aria-describedby={fields.budget.errors ? `${fields.budget.errorId} inquiry-numbers-hint` : "inquiry-numbers-hint"}
            />
          </div>
          <p className="field__hint muted" id="inquiry-numbers-hint">
            {t("inquiries.new.numbersHint")}
          </p>

          <Field meta={fields.name} type="text" label={t("inquiries.new.name")} autoComplete="name" maxLength={120} required />
          {user ? (
            <p className="muted" data-testid="account-email">
              {t("inquiries.new.accountEmail", { email: user.email })}
            </p>
          ) : (
            <Field meta={fields.email} type="email" label={t("inquiries.new.email")} autoComplete="email" required>
              <p className="field__hint muted">{t("inquiries.new.emailHint")}</p>
            </Field>
          )}

          <div className="field">
            <label htmlFor={fields.locale.id}>{t("inquiries.new.locale")}</label>
            <select {...getSelectProps(fields.locale)}>
              <option value="id" lang="id">
                {t("inquiries.new.localeNames.id")}
              </option>
              <option value="en" lang="en">
                {t("inquiries.new.localeNames.en")}
              </option>
            </select>
            <FieldError id={fields.locale.errorId} errors={fields.locale.errors} />
          </div>

          <AttachmentInput id="inquiry-photos" />

          {/* The honeypot: off-screen and skipped by keyboard and screen readers; bots fill it in. */}
          <div className="honeypot" aria-hidden="true">
            <label htmlFor="inquiry-website">{t("inquiries.new.honeypot")}</label>
            <input id="inquiry-website" type="text" name={HONEYPOT} tabIndex={-1} autoComplete="off" defaultValue="" />
          </div>

          <p className="muted">{t("inquiries.new.privacy")}</p>
          <button type="submit" className="button">
            {t("inquiries.new.submit")}
          </button>
        </Form>
      )}
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);

import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { DashboardNav } from "~/components/dashboard-nav";
import { FieldError } from "~/components/field-error";
import { FormErrors } from "~/components/form-errors";
import { pageMeta } from "~/components/page-meta";
import { isModelError } from "~/models/common.server";
import { inquiryOfReferenceCode, listUnloggedReferrals, logWhatsappConversation } from "~/models/inquiry.server";
import { requireArtisanShop } from "~/utils/dashboard.server";
import { flashHeader } from "~/utils/flash.server";
import { formatDateTime } from "~/utils/format";
import { localePath, localized } from "~/utils/i18n";
import { i18next } from "~/utils/i18next.server";
import { normaliseReferenceCode } from "~/utils/reference-code";
import { kindKey } from "~/utils/inquiry-labels";
import { useLocale, useLocalePath } from "~/utils/use-locale";

// Declared here, not imported from the model: server modules are stripped from the browser bundle.
const KINDS = ["product", "custom", "wholesale", "exhibition"] as const;
const NOTE_MAX = 2000;
const NAME_MAX = 120;
const MAX_QUANTITY = 100_000;
const MAX_BUDGET = 1_000_000_000;

const optionalWhole = (message: string, max: number) =>
  z.number({ invalid_type_error: message }).int(message).min(1, message).max(max, message).optional();

const Schema = z.object({
  code: z
    .string({ required_error: "inbox.whatsapp.errors.codeRequired" })
    .trim()
    .max(20, "inbox.whatsapp.errors.codeFormat")
    .refine((v) => normaliseReferenceCode(v) !== null, "inbox.whatsapp.errors.codeFormat"),
  kind: z.enum(KINDS, { errorMap: () => ({ message: "inbox.errors.kind" }) }),
  note: z
    .string({ required_error: "inbox.whatsapp.errors.noteRequired" })
    .trim()
    .min(1, "inbox.whatsapp.errors.noteRequired")
    .max(NOTE_MAX, "inbox.whatsapp.errors.noteTooLong"),
  buyerName: z.string().trim().max(NAME_MAX, "inbox.whatsapp.errors.nameTooLong").optional(),
  quantity: optionalWhole("inbox.whatsapp.errors.quantity", MAX_QUANTITY),
  budget: optionalWhole("inbox.whatsapp.errors.budget", MAX_BUDGET),
});

type ActionResult = { result: SubmissionResult<string[]>; loggedId: number | null };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { shop } = await requireArtisanShop(request);
  const locale = params.lang === "en" ? "en" : "id";
  const t = await i18next.getFixedT(locale);
  const referrals = await listUnloggedReferrals({ artisanId: shop.id, days: 30 });
  return {
    referrals: referrals.map((r) => ({
      code: r.code,
      createdAt: r.created_at,
      product: r.product_title_id ? localized(locale, r.product_title_id, r.product_title_en ?? "") : null,
    })),
    meta: { title: `${t("inbox.whatsapp.title")} · ${t("site.name")}`, description: t("inbox.whatsapp.lead"), noindex: true },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, shop } = await requireArtisanShop(request);
  const locale = params.lang === "en" ? "en" : "id";
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: Schema });
  const answer = (status: number, result: ActionResult) => data(result, { status });
  if (submission.status !== "success") return answer(400, { result: submission.reply(), loggedId: null });
  const v = submission.value;
  try {
    const { id } = await logWhatsappConversation({
      artisanId: shop.id,
      code: v.code,
      kind: v.kind,
      note: v.note,
      buyerName: v.buyerName ?? null,
      quantity: v.quantity ?? null,
      budget: v.budget ?? null,
      locale,
      actorUserId: user.id,
    });
    return redirect(localePath(locale, `/dashboard/inquiries/${id}`), {
      status: 303,
      headers: { "Set-Cookie": await flashHeader({ kind: "success", key: "inbox.whatsapp.logged" }) },
    });
  } catch (error) {
    if (!isModelError(error)) throw error;
    // Another shop's code and an unknown one look the same.
    if (error.code === "code_not_found") return answer(404, { result: submission.reply({ fieldErrors: { code: ["inbox.whatsapp.errors.notFound"] } }), loggedId: null });
    if (error.code === "code_logged") {
      const loggedId = await inquiryOfReferenceCode({ artisanId: shop.id, code: v.code });
      return answer(409, { result: submission.reply({ fieldErrors: { code: ["inbox.whatsapp.errors.logged"] } }), loggedId });
    }
    return answer(400, { result: submission.reply({ formErrors: ["inbox.errors.badRequest"] }), loggedId: null });
  }
}

export default function DashboardWhatsappLogPage() {
  const { referrals } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const locale = useLocale();
  const to = useLocalePath();
  const [form, fields] = useForm({
    id: "whatsapp-log",
    lastResult: actionData?.result ?? null,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    defaultValue: { kind: "product" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: Schema }),
  });
  return (
    <div className="container page page--narrow">
      <DashboardNav />
      <p>
        <a href={to("/dashboard/inquiries")}>{t("inbox.backToInbox")}</a>
      </p>
      <header className="page-header">
        <h1>{t("inbox.whatsapp.title")}</h1>
        <p className="page-header__lead">{t("inbox.whatsapp.lead")}</p>
      </header>

      <section className="section" aria-labelledby="wa-form-heading">
        <h2 id="wa-form-heading">{t("inbox.whatsapp.formHeading")}</h2>
        <Form method="post" className="stack-form dash-form" {...getFormProps(form)}>
          <FormErrors id={form.errorId} errors={form.errors} />
          <div className="field">
            <label htmlFor={fields.code.id}>{t("inbox.whatsapp.code")}</label>
            <input {...getInputProps(fields.code, { type: "text" })} maxLength={20} autoComplete="off" spellCheck={false} aria-describedby={`${fields.code.id}-hint ${fields.code.errorId}`} />
            <p className="field__hint muted" id={`${fields.code.id}-hint`}>
              {t("inbox.whatsapp.codeHint")}
            </p>
            <FieldError id={fields.code.errorId} errors={fields.code.errors} />
            {actionData?.loggedId ? (
              <p data-testid="logged-thread">
                <a href={to(`/dashboard/inquiries/${actionData.loggedId}`)}>{t("inbox.whatsapp.openLogged")}</a>
              </p>
            ) : null}
          </div>
          <div className="field">
            <label htmlFor={fields.kind.id}>{t("inbox.kind")}</label>
            <select {...getSelectProps(fields.kind)}>
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(kindKey(k))}
                </option>
              ))}
            </select>
            <FieldError id={fields.kind.errorId} errors={fields.kind.errors} />
          </div>
          <div className="field">
            <label htmlFor={fields.note.id}>{t("inbox.whatsapp.note")}</label>
            <textarea {...getTextareaProps(fields.note)} rows={4} maxLength={NOTE_MAX} aria-describedby={`${fields.note.id}-hint ${fields.note.errorId}`} />
            <p className="field__hint muted" id={`${fields.note.id}-hint`}>
              {t("inbox.whatsapp.noteHint")}
            </p>
            <FieldError id={fields.note.errorId} errors={fields.note.errors} />
          </div>
          <div className="field">
            <label htmlFor={fields.buyerName.id}>{t("inbox.whatsapp.buyerName")}</label>
            <input {...getInputProps(fields.buyerName, { type: "text" })} maxLength={NAME_MAX} autoComplete="off" />
            <FieldError id={fields.buyerName.errorId} errors={fields.buyerName.errors} />
          </div>
          <div className="dash-form__pair">
            <div className="field">
              <label htmlFor={fields.quantity.id}>{t("inbox.whatsapp.quantity")}</label>
              <input {...getInputProps(fields.quantity, { type: "number" })} min={1} max={MAX_QUANTITY} step={1} inputMode="numeric" />
              <FieldError id={fields.quantity.errorId} errors={fields.quantity.errors} />
            </div>
            <div className="field">
              <label htmlFor={fields.budget.id}>{t("inbox.whatsapp.budget")}</label>
              <input {...getInputProps(fields.budget, { type: "number" })} min={1} max={MAX_BUDGET} step={1} inputMode="numeric" />
              <FieldError id={fields.budget.errorId} errors={fields.budget.errors} />
            </div>
          </div>
          <button type="submit" className="button">
            {t("inbox.whatsapp.submit")}
          </button>
        </Form>
      </section>

      <section className="section" aria-labelledby="wa-recent-heading">
        <h2 id="wa-recent-heading">{t("inbox.whatsapp.recentHeading")}</h2>
        <p className="muted">{t("inbox.whatsapp.recentLead")}</p>
        {referrals.length === 0 ? (
          <p className="empty-state">{t("inbox.whatsapp.recentEmpty")}</p>
        ) : (
          <div className="table-scroll">
            <table className="data-table" data-testid="recent-codes">
              <caption className="visually-hidden">{t("inbox.whatsapp.recentHeading")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("inbox.whatsapp.code")}</th>
                  <th scope="col">{t("inbox.whatsapp.clickedAt")}</th>
                  <th scope="col">{t("inbox.whatsapp.product")}</th>
                </tr>
              </thead>
              <tbody>
                {referrals.map((r) => (
                  <tr key={r.code} data-code={r.code}>
                    <td>
                      <code>{r.code}</code>
                    </td>
                    <td>{formatDateTime(r.createdAt, locale)}</td>
                    <td>{r.product ?? <span className="muted">{t("inbox.whatsapp.shopOnly")}</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);

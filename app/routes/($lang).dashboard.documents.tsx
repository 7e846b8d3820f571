import { getFormProps, getInputProps, getSelectProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { DashboardNav } from "~/components/dashboard-nav";
import { FieldError } from "~/components/field-error";
import { FormErrors } from "~/components/form-errors";
import { pageMeta } from "~/components/page-meta";
import { isModelError } from "~/models/common.server";
import { getCurrentShopDocument, listShopDocuments } from "~/models/shop-facts.server";
import { parseDocumentUpload } from "~/services/document-files.server";
import { submitDocument } from "~/services/shop-facts.server";
import { requireArtisanShop } from "~/utils/dashboard.server";
import { flashHeader } from "~/utils/flash.server";
import { formatDate, formatDateTime } from "~/utils/format";
import { localePath } from "~/utils/i18n";
import { i18next } from "~/utils/i18next.server";
import { anyDay, pastDay, todayWib } from "~/utils/shop-facts";
import { useLocale, useLocalePath } from "~/utils/use-locale";

// Declared here, not imported from artisan.server: server modules are stripped from the browser bundle.
const KINDS = ["nib", "trademark", "batikmark", "sni", "halal", "other"] as const;
const GRADES = ["gold", "white", "silver"] as const;
const MAX_MB = 10;

const optionalText = (max: number, key: string) => z.string().trim().max(max, key).optional();

/** Messages are translation keys. The file is checked separately (its bytes, not its name). */
const DocumentSchema = z
  .object({
    kind: z.enum(KINDS, { errorMap: () => ({ message: "shopFacts.documents.errors.kind" }) }),
    number: z
      .string({ required_error: "shopFacts.documents.errors.numberRequired" })
      .trim()
      .min(1, "shopFacts.documents.errors.numberRequired")
      .max(80, "shopFacts.documents.errors.numberTooLong"),
    issuer: optionalText(120, "shopFacts.errors.tooLong"),
    grade: z.enum(GRADES, { errorMap: () => ({ message: "shopFacts.documents.errors.grade" }) }).optional(),
    issuedOn: pastDay({ invalid: "shopFacts.documents.errors.date", future: "shopFacts.documents.errors.issuedFuture" }).optional(),
    expiresOn: anyDay("shopFacts.documents.errors.date").optional(),
    supersedesId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.kind === "batikmark" && !v.grade) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["grade"], message: "shopFacts.documents.errors.gradeRequired" });
    if (v.kind !== "batikmark" && v.grade) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["grade"], message: "shopFacts.documents.errors.gradeOnlyBatikmark" });
    if (v.issuedOn && v.expiresOn && v.expiresOn < v.issuedOn) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["expiresOn"], message: "shopFacts.documents.errors.expiresBeforeIssued" });
    }
  });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { shop } = await requireArtisanShop(request);
  const locale = params.lang === "en" ? "en" : "id";
  const t = await i18next.getFixedT(locale);
  const documents = await listShopDocuments({ artisanId: shop.id });
  const current = documents.filter((d) => d.superseded_at == null);
  const replace = Number(new URL(request.url).searchParams.get("replace"));
  const replacing = current.find((d) => d.id === replace) ?? null;
  return {
    shop: { name: shop.name },
    current,
    superseded: documents.filter((d) => d.superseded_at != null),
    replacing: replacing ? { id: replacing.id, kind: replacing.kind } : null,
    today: todayWib(),
    meta: { title: `${t("shopFacts.documents.title")} · ${t("site.name")}`, description: t("shopFacts.documents.lead"), noindex: true },
  };
}

type ActionResult = { result: SubmissionResult<string[]> | null; error: string | null };

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, shop } = await requireArtisanShop(request);
  const locale = params.lang === "en" ? "en" : "id";
  const upload = await parseDocumentUpload(request);
  if (!upload.ok) {
    return data<ActionResult>({ result: null, error: upload.error === "tooLarge" ? "shopFacts.documents.errors.fileTooLarge" : "shopFacts.errors.badRequest" }, { status: upload.status });
  }
  const formData = upload.formData;
  const submission = parseWithZod(formData, { schema: DocumentSchema });
  const raw = formData.get("file");
  const file = raw instanceof File && raw.size > 0 ? raw : null;
  const reply = (fieldErrors: Record<string, string[]>, status: number) =>
    data<ActionResult>({ result: submission.reply({ fieldErrors, hideFields: ["file"] }), error: null }, { status });
  if (submission.status !== "success") {
    const result = submission.reply({ hideFields: ["file"] });
    if (!file) result.error = { ...result.error, file: ["shopFacts.documents.errors.fileRequired"] };
    return data<ActionResult>({ result, error: null }, { status: 400 });
  }
  if (!file) return reply({ file: ["shopFacts.documents.errors.fileRequired"] }, 400);
  const v = submission.value;
  if (v.supersedesId !== undefined) {
    const old = await getCurrentShopDocument({ artisanId: shop.id, documentId: v.supersedesId });
    if (!old) return reply({ supersedesId: ["shopFacts.documents.errors.replacesUnknown"] }, 400);
    if (old.kind !== v.kind) return reply({ supersedesId: ["shopFacts.documents.errors.replacesKind"] }, 400);
  }
  try {
    await submitDocument({
      artisanId: shop.id,
      actorUserId: user.id,
      kind: v.kind,
      number: v.number,
      issuer: v.issuer ?? null,
      grade: v.grade ?? null,
      issuedOn: v.issuedOn ?? null,
      expiresOn: v.expiresOn ?? null,
      supersedesId: v.supersedesId ?? null,
      file: new Uint8Array(await file.arrayBuffer()),
    });
  } catch (error) {
    if (!isModelError(error)) throw error;
    if (error.code === "file_type") return reply({ file: ["shopFacts.documents.errors.fileType"] }, 400);
    if (error.code === "file_too_large") return reply({ file: ["shopFacts.documents.errors.fileTooLarge"] }, 413);
    if (error.code === "not_found") return reply({ supersedesId: ["shopFacts.documents.errors.replacesUnknown"] }, 400);
    if (error.code === "invalid_document_number") return reply({ number: ["shopFacts.documents.errors.numberRequired"] }, 400);
    return data<ActionResult>({ result: submission.reply({ formErrors: ["shopFacts.errors.badRequest"], hideFields: ["file"] }), error: null }, { status: 400 });
  }
  return redirect(localePath(locale, "/dashboard/documents"), {
    status: 303,
    headers: { "Set-Cookie": await flashHeader({ kind: "success", key: "shopFacts.documents.saved", values: { number: v.number } }) },
  });
}

type Doc = ReturnType<typeof useLoaderData<typeof loader>>["current"][number];

function StatusLine({ doc }: { doc: Doc }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <>
      <span className={`shop-facts__status shop-facts__status--${doc.status}`}>{t(`shopFacts.documents.status.${doc.status}`)}</span>
      {doc.status !== "pending" && doc.verified_at ? ` · ${formatDate(doc.verified_at, locale)}` : ""}
    </>
  );
}

export default function DashboardDocumentsPage() {
  const { shop, current, superseded, replacing, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const locale = useLocale();
  const to = useLocalePath();
  const day = (value: string | null) => (value ? formatDate(value, locale) : t("shopFacts.none"));
  const [form, fields] = useForm({
    id: "document",
    lastResult: actionData?.result ?? null,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    defaultValue: replacing ? { kind: replacing.kind, supersedesId: String(replacing.id) } : { kind: "nib" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: DocumentSchema }),
  });
  const label = (d: { kind: string; number: string }) => `${t(`shopFacts.documents.kinds.${d.kind}`)} ${d.number}`;
  return (
    <div className="container page page--narrow">
      <DashboardNav />
      <header className="page-header">
        <h1>{t("shopFacts.documents.title")}</h1>
        <p className="page-header__lead">{t("shopFacts.documents.lead", { shop: shop.name })}</p>
      </header>

      <FormErrors errors={actionData?.error ? [actionData.error] : undefined} />

      <section className="section" aria-labelledby="documents-current">
        <h2 id="documents-current">{t("shopFacts.documents.currentHeading")}</h2>
        {current.length === 0 ? (
          <p className="empty-state">{t("shopFacts.documents.none")}</p>
        ) : (
          <ul className="shop-facts__list">
            {current.map((doc) => (
              <li key={doc.id} className="panel" data-document-id={doc.id} data-status={doc.status}>
                <h3>{label(doc)}</h3>
                <dl className="facts">
                  <dt>{t("shopFacts.documents.statusLabel")}</dt>
                  <dd>
                    <StatusLine doc={doc} />
                  </dd>
                  {doc.status === "rejected" && doc.decision_reason ? (
                    <>
                      <dt>{t("shopFacts.documents.reason")}</dt>
                      <dd className="shop-facts__reason">{doc.decision_reason}</dd>
                    </>
                  ) : null}
                  {doc.status === "verified" && doc.decision_reason ? (
                    <>
                      <dt>{t("shopFacts.documents.note")}</dt>
                      <dd>{doc.decision_reason}</dd>
                    </>
                  ) : null}
                  {doc.grade ? (
                    <>
                      <dt>{t("shopFacts.documents.grade")}</dt>
                      <dd>{t(`shopFacts.documents.grades.${doc.grade}`)}</dd>
                    </>
                  ) : null}
                  <dt>{t("shopFacts.documents.issuer")}</dt>
                  <dd>{doc.issuer ?? t("shopFacts.none")}</dd>
                  <dt>{t("shopFacts.documents.issuedOn")}</dt>
                  <dd>{day(doc.issued_on)}</dd>
                  <dt>{t("shopFacts.documents.expiresOn")}</dt>
                  <dd>{doc.expires_on ? day(doc.expires_on) : t("shopFacts.documents.noExpiry")}</dd>
                  <dt>{t("shopFacts.documents.submitted")}</dt>
                  <dd>{formatDateTime(doc.created_at, locale)}</dd>
                </dl>
                <p className="shop-facts__actions">
                  {doc.has_file ? (
                    <a href={to(`/dashboard/documents/${doc.id}/file`)}>
                      {t("shopFacts.documents.viewFile")}
                      <span className="visually-hidden"> {label(doc)}</span>
                    </a>
                  ) : null}
                  <Link to={`${to("/dashboard/documents")}?replace=${doc.id}#document-form-heading`}>
                    {t("shopFacts.documents.newVersion")}
                    <span className="visually-hidden"> {label(doc)}</span>
                  </Link>
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="section" aria-labelledby="document-form-heading">
        <h2 id="document-form-heading">{replacing ? t("shopFacts.documents.formHeadingReplace") : t("shopFacts.documents.formHeading")}</h2>
        <p className="muted">{t("shopFacts.documents.formHelp", { max: MAX_MB })}</p>
        <Form method="post" encType="multipart/form-data" className="stack-form" {...getFormProps(form)}>
          <FormErrors id={form.errorId} errors={form.errors} />
          <div className="field">
            <label htmlFor={fields.kind.id}>{t("shopFacts.documents.kind")}</label>
            <select {...getSelectProps(fields.kind)}>
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`shopFacts.documents.kinds.${k}`)}
                </option>
              ))}
            </select>
            <FieldError id={fields.kind.errorId} errors={fields.kind.errors} />
          </div>
          <div className="field">
            <label htmlFor={fields.supersedesId.id}>{t("shopFacts.documents.replaces")}</label>
            <select {...getSelectProps(fields.supersedesId)}>
              <option value="">{t("shopFacts.documents.replacesNone")}</option>
              {current.map((d) => (
                <option key={d.id} value={d.id}>
                  {label(d)}
                </option>
              ))}
            </select>
            <FieldError id={fields.supersedesId.errorId} errors={fields.supersedesId.errors} />
          </div>
          <div className="field">
            <label htmlFor={fields.number.id}>{t("shopFacts.documents.number")}</label>
            <input {...getInputProps(fields.number, { type: "text" })} maxLength={80} autoComplete="off" />
            <FieldError id={fields.number.errorId} errors={fields.number.errors} />
          </div>
          <div className="field">
            <label htmlFor={fields.issuer.id}>{t("shopFacts.documents.issuerLabel")}</label>
            <input {...getInputProps(fields.issuer, { type: "text" })} maxLength={120} />
            <FieldError id={fields.issuer.errorId} errors={fields.issuer.errors} />
          </div>
          <div className="field">
            <label htmlFor={fields.grade.id}>{t("shopFacts.documents.gradeLabel")}</label>
            <select {...getSelectProps(fields.grade)}>
              <option value="">{t("shopFacts.documents.gradeNone")}</option>
              {GRADES.map((g) => (
                <option key={g} value={g}>
                  {t(`shopFacts.documents.grades.${g}`)}
                </option>
              ))}
            </select>
            <FieldError id={fields.grade.errorId} errors={fields.grade.errors} />
          </div>
          <div className="field">
            <label htmlFor={fields.issuedOn.id}>{t("shopFacts.documents.issuedOnLabel")}</label>
            <input {...getInputProps(fields.issuedOn, { type: "date" })} max={today} />
            <FieldError id={fields.issuedOn.errorId} errors={fields.issuedOn.errors} />
          </div>
          <div className="field">
            <label htmlFor={fields.expiresOn.id}>{t("shopFacts.documents.expiresOnLabel")}</label>
            <input {...getInputProps(fields.expiresOn, { type: "date" })} />
            <FieldError id={fields.expiresOn.errorId} errors={fields.expiresOn.errors} />
          </div>
          <div className="field">
            <label htmlFor="document-file">{t("shopFacts.documents.file", { max: MAX_MB })}</label>
            <input
              id="document-file"
              name="file"
              type="file"
              accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"
              required
              aria-invalid={actionData?.result?.error?.file ? true : undefined}
              aria-describedby={actionData?.result?.error?.file ? "document-file-error" : undefined}
            />
            <FieldError id="document-file-error" errors={actionData?.result?.error?.file ?? undefined} />
          </div>
          <button type="submit" className="button">
            {t("shopFacts.documents.submit")}
          </button>
        </Form>
      </section>

      <section className="section" aria-labelledby="documents-history">
        <h2 id="documents-history">{t("shopFacts.documents.historyHeading")}</h2>
        {superseded.length === 0 ? (
          <p className="muted">{t("shopFacts.documents.historyEmpty")}</p>
        ) : (
          <div className="table-scroll">
            <table className="data-table" data-testid="documents-history">
              <thead>
                <tr>
                  <th scope="col">{t("shopFacts.documents.document")}</th>
                  <th scope="col">{t("shopFacts.documents.statusLabel")}</th>
                  <th scope="col">{t("shopFacts.documents.expiresOn")}</th>
                  <th scope="col">{t("shopFacts.documents.submitted")}</th>
                  <th scope="col">{t("shopFacts.documents.supersededOn")}</th>
                </tr>
              </thead>
              <tbody>
                {superseded.map((doc) => (
                  <tr key={doc.id} data-document-id={doc.id}>
                    <td>
                      {doc.has_file ? <a href={to(`/dashboard/documents/${doc.id}/file`)}>{label(doc)}</a> : label(doc)}
                    </td>
                    <td>
                      <StatusLine doc={doc} />
                      {doc.status === "rejected" && doc.decision_reason ? <span className="shop-facts__reason"> — {doc.decision_reason}</span> : null}
                    </td>
                    <td>{doc.expires_on ? day(doc.expires_on) : t("shopFacts.documents.noExpiry")}</td>
                    <td>{formatDate(doc.created_at, locale)}</td>
                    <td>{doc.superseded_at ? formatDate(doc.superseded_at, locale) : ""}</td>
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

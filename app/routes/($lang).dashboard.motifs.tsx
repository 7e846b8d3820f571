import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm } from "@conform-to/react";
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
import { proposeMotif } from "~/models/motif.server";
import { listShopProposals } from "~/models/shop-facts.server";
import { requireArtisanShop } from "~/utils/dashboard.server";
import { flashHeader } from "~/utils/flash.server";
import { formatDate } from "~/utils/format";
import { localePath } from "~/utils/i18n";
import { i18next } from "~/utils/i18next.server";
import { todayWib } from "~/utils/shop-facts";
import { useLocale, useLocalePath } from "~/utils/use-locale";

const REGIONS = ["kabupaten", "kota", "both"] as const;
/** Proposals waiting for the association at once, per shop: more is a 409 (the queue is read by people). */
const MAX_WAITING_PROPOSALS = 5;

const optionalText = (max: number) => z.string().trim().max(max, "shopFacts.errors.tooLong").optional();

const ProposalSchema = z.object({
  name: z
    .string({ required_error: "shopFacts.motifs.errors.nameRequired" })
    .trim()
    .min(1, "shopFacts.motifs.errors.nameRequired")
    .max(120, "shopFacts.motifs.errors.nameTooLong"),
  storyId: optionalText(5000),
  storyEn: optionalText(5000),
  meaningId: optionalText(1000),
  meaningEn: optionalText(1000),
  origin: optionalText(200),
  region: z.enum(REGIONS, { errorMap: () => ({ message: "shopFacts.motifs.errors.region" }) }),
  year: z.coerce
    .number({ invalid_type_error: "shopFacts.motifs.errors.year" })
    .int("shopFacts.motifs.errors.year")
    .min(1900, "shopFacts.motifs.errors.year")
    .refine((y) => y <= Number(todayWib().slice(0, 4)), "shopFacts.motifs.errors.year")
    .optional(),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { shop } = await requireArtisanShop(request);
  const locale = params.lang === "en" ? "en" : "id";
  const t = await i18next.getFixedT(locale);
  return {
    shop: { name: shop.name },
    proposals: await listShopProposals({ artisanId: shop.id }),
    maxYear: Number(todayWib().slice(0, 4)),
    meta: { title: `${t("shopFacts.motifs.title")} · ${t("site.name")}`, description: t("shopFacts.motifs.lead"), noindex: true },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, shop } = await requireArtisanShop(request);
  const locale = params.lang === "en" ? "en" : "id";
  const submission = parseWithZod(await request.formData(), { schema: ProposalSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const waiting = (await listShopProposals({ artisanId: shop.id })).filter((p) => p.status === "proposed").length;
  if (waiting >= MAX_WAITING_PROPOSALS) return data(submission.reply({ formErrors: ["shopFacts.motifs.errors.tooManyWaiting"] }), { status: 409 });
  const v = submission.value;
  try {
    await proposeMotif({
      artisanId: shop.id,
      actorUserId: user.id,
      name: v.name,
      storyId: v.storyId ?? "",
      storyEn: v.storyEn ?? "",
      meaningId: v.meaningId ?? "",
      meaningEn: v.meaningEn ?? "",
      origin: v.origin ?? "",
      region: v.region,
      year: v.year ?? null,
    });
  } catch (error) {
    if (!isModelError(error)) throw error;
    if (error.code === "invalid_name") return data(submission.reply({ fieldErrors: { name: ["shopFacts.motifs.errors.nameRequired"] } }), { status: 400 });
    if (error.code === "invalid_year") return data(submission.reply({ fieldErrors: { year: ["shopFacts.motifs.errors.year"] } }), { status: 400 });
    return data(submission.reply({ formErrors: ["shopFacts.errors.badRequest"] }), { status: 400 });
  }
  return redirect(localePath(locale, "/dashboard/motifs"), {
    status: 303,
    headers: { "Set-Cookie": await flashHeader({ kind: "success", key: "shopFacts.motifs.proposed", values: { name: v.name } }) },
  });
}

export default function DashboardMotifsPage() {
  const { shop, proposals, maxYear } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  const locale = useLocale();
  const to = useLocalePath();
  const [form, fields] = useForm({
    id: "proposal",
    lastResult,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    defaultValue: { region: "kabupaten" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ProposalSchema }),
  });
  const text = (name: "storyId" | "storyEn" | "meaningId" | "meaningEn", rows: number, max: number) => (
    <div className="field">
      <label htmlFor={fields[name].id}>{t(`shopFacts.motifs.${name}`)}</label>
      <textarea {...getTextareaProps(fields[name])} rows={rows} maxLength={max} />
      <FieldError id={fields[name].errorId} errors={fields[name].errors} />
    </div>
  );
  return (
    <div className="container page page--narrow">
      <DashboardNav />
      <header className="page-header">
        <h1>{t("shopFacts.motifs.title")}</h1>
        <p className="page-header__lead">{t("shopFacts.motifs.lead", { shop: shop.name })}</p>
      </header>

      <section className="section" aria-labelledby="proposals-heading">
        <h2 id="proposals-heading">{t("shopFacts.motifs.listHeading", { count: proposals.length })}</h2>
        {proposals.length === 0 ? (
          <p className="empty-state">{t("shopFacts.motifs.none")}</p>
        ) : (
          <ul className="shop-facts__list">
            {proposals.map((p) => (
              <li key={p.id} className="panel" data-motif-id={p.id} data-status={p.status}>
                <h3>{p.status === "published" ? <Link to={to(`/motifs/${p.slug}`)}>{p.name}</Link> : p.name}</h3>
                <dl className="facts">
                  <dt>{t("shopFacts.motifs.statusLabel")}</dt>
                  <dd>
                    <span className={`shop-facts__status shop-facts__status--${p.status}`}>{t(`shopFacts.motifs.status.${p.status}`)}</span>
                  </dd>
                  <dt>{t("shopFacts.motifs.proposedOn")}</dt>
                  <dd>{formatDate(p.created_at, locale)}</dd>
                  {p.approved_at ? (
                    <>
                      <dt>{t("shopFacts.motifs.approvedOn")}</dt>
                      <dd>{formatDate(p.approved_at, locale)}</dd>
                    </>
                  ) : null}
                  {p.status === "rejected" ? (
                    <>
                      <dt>{t("shopFacts.motifs.reason")}</dt>
                      <dd className="shop-facts__reason">{p.reason ?? t("shopFacts.none")}</dd>
                    </>
                  ) : null}
                </dl>
                <p>
                  <Link to={to(`/dashboard/motifs/${p.id}/photos`)}>{t("photos.motif.manage")}</Link>
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="section" aria-labelledby="proposal-form-heading">
        <h2 id="proposal-form-heading">{t("shopFacts.motifs.formHeading")}</h2>
        <p className="muted">{t("shopFacts.motifs.formHelp")}</p>
        <p className="notice">{t("photos.motif.afterSaving")}</p>
        <Form method="post" className="stack-form" {...getFormProps(form)}>
          <FormErrors id={form.errorId} errors={form.errors} />
          <div className="field">
            <label htmlFor={fields.name.id}>{t("shopFacts.motifs.name")}</label>
            <input {...getInputProps(fields.name, { type: "text" })} maxLength={120} />
            <FieldError id={fields.name.errorId} errors={fields.name.errors} />
          </div>
          {text("storyId", 5, 5000)}
          {text("storyEn", 5, 5000)}
          {text("meaningId", 3, 1000)}
          {text("meaningEn", 3, 1000)}
          <div className="field">
            <label htmlFor={fields.origin.id}>{t("shopFacts.motifs.origin")}</label>
            <input {...getInputProps(fields.origin, { type: "text" })} maxLength={200} />
            <FieldError id={fields.origin.errorId} errors={fields.origin.errors} />
          </div>
          <div className="field">
            <label htmlFor={fields.region.id}>{t("shopFacts.motifs.region")}</label>
            <select {...getSelectProps(fields.region)}>
              {REGIONS.map((r) => (
                <option key={r} value={r}>
                  {t(`labels.region.${r}`)}
                </option>
              ))}
            </select>
            <FieldError id={fields.region.errorId} errors={fields.region.errors} />
          </div>
          <div className="field">
            <label htmlFor={fields.year.id}>{t("shopFacts.motifs.year")}</label>
            <input {...getInputProps(fields.year, { type: "number" })} min={1900} max={maxYear} inputMode="numeric" />
            <FieldError id={fields.year.errorId} errors={fields.year.errors} />
          </div>
          <button type="submit" className="button">
            {t("shopFacts.motifs.submit")}
          </button>
        </Form>
      </section>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);

import { getFormProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { FieldError } from "~/components/field-error";
import { FormErrors } from "~/components/form-errors";
import { MotifForm, motifFields, MotifSchema, type MotifDefaults } from "~/components/motif-form";
import { pageMeta } from "~/components/page-meta";
import { listShopOptions } from "~/models/artisan.server";
import { isModelError } from "~/models/common.server";
import { getMotifForCuration, setMotifStatus, updateMotif } from "~/models/motif.server";
import { decideMotif, motifFieldError } from "~/services/curation.server";
import { requireRole } from "~/utils/auth.server";
import { flashHeader } from "~/utils/flash.server";
import { formatDate } from "~/utils/format";
import { localePath } from "~/utils/i18n";
import { i18next } from "~/utils/i18next.server";
import { useLocale, useLocalePath } from "~/utils/use-locale";

// Declared here, not imported from motif.server: server modules are stripped from the browser bundle.
const REASON_MAX = 500;

const RejectSchema = z.object({
  intent: z.literal("reject"),
  reason: z.string({ required_error: "curation.errors.reasonRequired" }).trim().min(1, "curation.errors.reasonRequired").max(REASON_MAX, "curation.errors.reasonTooLong"),
});

/** A motif id from the URL: digits only, or the page does not exist. */
function motifIdParam(raw: string | undefined): number {
  if (!raw || !/^\d{1,15}$/.test(raw) || Number(raw) <= 0) throw new Response("Not Found", { status: 404 });
  return Number(raw);
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "association");
  const locale = params.lang === "en" ? "en" : "id";
  const motif = await getMotifForCuration({ id: motifIdParam(params.id) });
  if (!motif) throw new Response("Not Found", { status: 404 });
  const t = await i18next.getFixedT(locale);
  return {
    motif,
    shops: await listShopOptions(),
    meta: { title: `${motif.name} · ${t("curation.meta.motifs")} · ${t("site.name")}`, description: t("curation.list.lead"), noindex: true },
  };
}

type ActionResult = { form: "motif" | "reject" | null; result: SubmissionResult<string[]> | null; error: string | null };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "association");
  const locale = params.lang === "en" ? "en" : "id";
  const id = motifIdParam(params.id);
  const motif = await getMotifForCuration({ id });
  if (!motif) throw new Response("Not Found", { status: 404 });
  const formData = await request.formData();
  const intent = formData.get("intent");
  const answer = (status: number, result: ActionResult) => data(result, { status });
  const done = async (key: string, name: string) =>
    redirect(localePath(locale, `/association/motifs/${id}`), {
      status: 303,
      headers: { "Set-Cookie": await flashHeader({ kind: key === "curation.flash.unchanged" ? "info" : "success", key, values: { name } }) },
    });

  try {
    if (intent === "save") {
      const submission = parseWithZod(formData, { schema: MotifSchema });
      if (submission.status !== "success") return answer(400, { form: "motif", result: submission.reply(), error: null });
      const fields = motifFields(submission.value);
      if (fields.creatorArtisanId !== null && !(await listShopOptions()).some((s) => s.id === fields.creatorArtisanId)) {
        return answer(400, { form: "motif", result: submission.reply({ fieldErrors: { creatorArtisanId: ["curation.errors.creatorUnknown"] } }), error: null });
      }
      try {
        const result = await updateMotif({ ...fields, id, actorUserId: user.id });
        return done(result.changed ? "curation.flash.saved" : "curation.flash.unchanged", fields.name);
      } catch (error) {
        const field = motifFieldError(error);
        if (field) return answer(400, { form: "motif", result: submission.reply({ fieldErrors: { [field.field]: [field.key] } }), error: null });
        throw error;
      }
    }
    if (intent === "archive" || intent === "restore") {
      const result = await setMotifStatus({ id, status: intent === "archive" ? "archived" : "published", actorUserId: user.id });
      return done(intent === "archive" ? "curation.flash.archived" : "curation.flash.restored", result.name);
    }
    if (intent === "approve") {
      const result = await decideMotif({ motifId: id, decision: "published", actorUserId: user.id });
      return done("curation.flash.approved", result.name);
    }
    if (intent === "reject") {
      const submission = parseWithZod(formData, { schema: RejectSchema });
      if (submission.status !== "success") return answer(400, { form: "reject", result: submission.reply(), error: null });
      const result = await decideMotif({ motifId: id, decision: "rejected", actorUserId: user.id, reason: submission.value.reason });
      return done("curation.flash.rejected", result.name);
    }
    return answer(400, { form: null, result: null, error: "curation.errors.badRequest" });
  } catch (error) {
    if (!isModelError(error)) throw error;
    if (error.code === "not_found") throw new Response("Not Found", { status: 404 });
    if (error.code === "not_pending") return answer(409, { form: null, result: null, error: "curation.errors.alreadyDecided" });
    if (error.code === "bad_state") return answer(409, { form: null, result: null, error: "curation.errors.badState" });
    return answer(400, { form: null, result: null, error: "curation.errors.badRequest" });
  }
}

/** After a 409 the motif changed under the officer: show its current state. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) => actionStatus === 409 || defaultShouldRevalidate;

function RejectForm({ lastResult }: { lastResult: SubmissionResult<string[]> | null }) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "reject",
    lastResult,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RejectSchema }),
  });
  const hintId = `${fields.reason.id}-hint`;
  const textarea = getTextareaProps(fields.reason);
  return (
    <Form method="post" className="stack-form" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="reject" />
      <div className="field">
        <label htmlFor={fields.reason.id}>{t("curation.actions.reason")}</label>
        <textarea {...textarea} rows={3} maxLength={REASON_MAX} aria-describedby={fields.reason.errors?.length ? `${hintId} ${fields.reason.errorId}` : hintId} />
        <p className="field__hint muted" id={hintId}>
          {t("curation.actions.reasonHint")}
        </p>
        <FieldError id={fields.reason.errorId} errors={fields.reason.errors} />
      </div>
      <p>
        <button type="submit" className="button button--secondary">
          {t("curation.actions.reject")}
        </button>
      </p>
    </Form>
  );
}

function StatusForm({ intent, label, help }: { intent: "archive" | "restore" | "approve"; label: string; help: string }) {
  return (
    <Form method="post" className="curation-action">
      <input type="hidden" name="intent" value={intent} />
      <p className="muted">{help}</p>
      <button type="submit" className={intent === "archive" ? "button button--secondary" : "button"}>
        {label}
      </button>
    </Form>
  );
}

export default function EditMotifPage() {
  const { motif, shops } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const locale = useLocale();
  const to = useLocalePath();
  const defaults: MotifDefaults = {
    name: motif.name,
    slug: motif.slug,
    storyId: motif.story_id,
    storyEn: motif.story_en,
    meaningId: motif.meaning_id,
    meaningEn: motif.meaning_en,
    origin: motif.origin,
    region: motif.region,
    creatorArtisanId: motif.creator_artisan_id == null ? "" : String(motif.creator_artisan_id),
    creatorName: motif.creator_name ?? "",
    year: motif.year == null ? "" : String(motif.year),
    registrationStatus: motif.registration_status,
    registrationNumber: motif.registration_number ?? "",
  };
  return (
    <div className="container page page--narrow">
      <p>
        <Link to={to("/association/motifs")}>← {t("curation.form.back")}</Link>
      </p>
      <header className="page-header">
        <h1>{t("curation.form.titleEdit", { name: motif.name })}</h1>
        <p>
          <span className={`curation-status curation-status--${motif.status}`} data-testid="motif-status">
            {t("curation.form.state", { status: t(`curation.status.${motif.status}`) })}
          </span>
          {motif.status === "published" ? (
            <>
              {" · "}
              <Link to={to(`/motifs/${motif.slug}`)}>{t("curation.form.viewPublic")}</Link>
            </>
          ) : null}
        </p>
      </header>

      <FormErrors errors={actionData?.error ? [actionData.error] : undefined} />

      <section className="section panel" aria-labelledby="motif-status">
        <h2 id="motif-status">{motif.status === "proposed" ? t("curation.actions.proposalTitle") : t("curation.actions.title")}</h2>
        {motif.proposed_by ? <p>{t("curation.actions.proposalBy", { shop: motif.proposed_by.name, date: formatDate(motif.created_at, locale) })}</p> : null}
        {motif.status === "proposed" ? (
          <>
            <StatusForm intent="approve" label={t("curation.actions.approve")} help={t("curation.actions.approveHelp")} />
            <RejectForm lastResult={actionData?.form === "reject" ? actionData.result : null} />
          </>
        ) : motif.status === "published" ? (
          <StatusForm intent="archive" label={t("curation.actions.archive")} help={t("curation.actions.archiveHelp")} />
        ) : motif.status === "archived" ? (
          <StatusForm intent="restore" label={t("curation.actions.restore")} help={t("curation.actions.restoreHelp")} />
        ) : (
          <p className="muted">{t("curation.actions.rejectedNote")}</p>
        )}
      </section>

      <section className="section" aria-labelledby="motif-details">
        <h2 id="motif-details">{t("curation.form.details")}</h2>
        <p className="muted">
          {t("curation.form.imageCount", { count: motif.image_count })}{" "}
          <Link to={to(`/association/motifs/${motif.id}/photos`)}>{t("photos.curation.manage")}</Link>
        </p>
        <MotifForm
          key={motif.updated_at}
          lastResult={actionData?.form === "motif" ? actionData.result : null}
          defaults={defaults} shops={shops} submitLabel={t("curation.form.save")} />
      </section>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);

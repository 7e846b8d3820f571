import { getFormProps, getSelectProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { FieldError } from "~/components/field-error";
import { FormErrors } from "~/components/form-errors";
import { pageMeta } from "~/components/page-meta";
import { getShopForDecision, listDocumentQueue, listMembershipQueue } from "~/models/artisan.server";
import { listAssociationsOfUser } from "~/models/association.server";
import { isModelError } from "~/models/common.server";
import { decideShopDocument, decideShopMembership } from "~/services/verification.server";
import { requireRole } from "~/utils/auth.server";
import { flashHeader } from "~/utils/flash.server";
import { formatDate } from "~/utils/format";
import { localePath } from "~/utils/i18n";
import { i18next } from "~/utils/i18next.server";
import { useLocale, useLocalePath } from "~/utils/use-locale";

// Declared here, not imported from artisan.server: server modules are stripped from the browser bundle.
const REASON_MAX = 500;
const Id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** One form per queue item; the submit button says which decision. Messages are translation keys. */
const DecisionSchema = z
  .object({
    intent: z.enum(["shop", "document"]),
    id: Id,
    decision: z.enum(["verified", "rejected"]),
    reason: z.string().trim().max(REASON_MAX, "verification.reasonTooLong").optional(),
    associationId: Id.optional(),
  })
  .refine((v) => v.decision !== "rejected" || Boolean(v.reason), { path: ["reason"], message: "verification.reasonRequired" });

type ActionResult = { target: string | null; result: SubmissionResult<string[]> | null; error: string | null };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "association");
  const locale = params.lang === "en" ? "en" : "id";
  const t = await i18next.getFixedT(locale);
  const meta = { title: `${t("verification.title")} · ${t("site.name")}`, description: t("verification.lead"), noindex: true };
  const associations = (await listAssociationsOfUser({ userId: user.id })).map((a) => ({ id: a.id, name: a.name, short_name: a.short_name }));
  if (!associations.length) return data({ linked: false, associations, shops: [], documents: [], meta }, { status: 403 });
  const associationIds = associations.map((a) => a.id);
  const [shops, documents] = await Promise.all([listMembershipQueue({ associationIds }), listDocumentQueue({ associationIds })]);
  return data({ linked: true, associations, shops, documents, meta });
}

/** After a decision: back to the queue, with a flash naming the shop. */
async function backToQueue(locale: "id" | "en", key: string, name: string) {
  const flash = await flashHeader({ kind: "success", key, values: { name } });
  return redirect(localePath(locale, "/association/verification"), { status: 303, headers: { "Set-Cookie": flash } });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "association");
  const locale = params.lang === "en" ? "en" : "id";
  const associationIds = (await listAssociationsOfUser({ userId: user.id })).map((a) => a.id);
  if (!associationIds.length) throw new Response("Not linked to an association", { status: 403 });
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: DecisionSchema });
  const intent = formData.get("intent");
  const rawId = formData.get("id");
  const target = (intent === "shop" || intent === "document") && typeof rawId === "string" && Id.safeParse(rawId).success ? `${intent}-${rawId}` : null;
  const answer = (status: number, result: ActionResult) => data(result, { status });

  if (submission.status !== "success") {
    const broken = ["intent", "id", "decision", "associationId"].some((name) => submission.error?.[name]);
    // A tampered or garbled request (unknown item kind, non-numeric id): nothing to attach field errors to.
    if (broken || !target) return answer(400, { target: null, result: null, error: "verification.badRequest" });
    return answer(400, { target, result: submission.reply(), error: null });
  }
  const { id, decision, reason } = submission.value;
  try {
    if (submission.value.intent === "shop") {
      const shop = await getShopForDecision({ artisanId: id, associationIds });
      // Another association's waiting shop is not this officer's business: 404. A decided one was
      // decided meanwhile (approval may have moved it into another association): 409.
      if (!shop || (!shop.inScope && shop.membership_status === "pending")) return answer(404, { target: null, result: null, error: "verification.notFound" });
      if (shop.membership_status !== "pending") return answer(409, { target: null, result: null, error: "verification.alreadyDecided" });
      // An unassigned shop joins the association the officer chose (or their only one).
      const chosen = submission.value.associationId;
      if (chosen !== undefined && !associationIds.includes(chosen)) {
        return answer(400, { target, result: submission.reply({ fieldErrors: { associationId: ["verification.chooseAssociation"] } }), error: null });
      }
      let associationId = shop.association_id ?? chosen ?? (associationIds.length === 1 ? associationIds[0] : undefined);
      if (associationId === undefined) {
        if (decision === "verified") {
          return answer(400, { target, result: submission.reply({ fieldErrors: { associationId: ["verification.chooseAssociation"] } }), error: null });
        }
        // A rejection does not assign the shop: any of the officer's associations may reject an unassigned one.
        associationId = associationIds[0];
      }
      const result = await decideShopMembership({ artisanId: id, decision, actorUserId: user.id, associationId, reason });
      return backToQueue(locale, decision === "verified" ? "verification.shopApproved" : "verification.shopRejected", result.name);
    }
    const result = await decideShopDocument({ documentId: id, decision, actorUserId: user.id, associationIds, reason });
    return backToQueue(locale, decision === "verified" ? "verification.documentApproved" : "verification.documentRejected", result.shopName);
  } catch (error) {
    if (!isModelError(error)) throw error;
    if (error.code === "not_found") return answer(404, { target: null, result: null, error: "verification.notFound" });
    if (error.code === "not_pending") return answer(409, { target: null, result: null, error: "verification.alreadyDecided" });
    if (error.code === "reason_required" || error.code === "reason_too_long") {
      const key = error.code === "reason_required" ? "verification.reasonRequired" : "verification.reasonTooLong";
      return answer(400, { target, result: submission.reply({ fieldErrors: { reason: [key] } }), error: null });
    }
    return answer(error.status >= 400 && error.status < 500 ? error.status : 400, { target: null, result: null, error: "verification.badRequest" });
  }
}

/** After "already decided" the queue has changed under the officer: show the current one. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) =>
  actionStatus === 409 || actionStatus === 404 || defaultShouldRevalidate;

type Association = { id: number; name: string; short_name: string };

function DecisionForm({
  intent,
  id,
  name,
  associations,
  lastResult,
}: {
  intent: "shop" | "document";
  id: number;
  name: string;
  /** Offered when approving would assign the shop and the officer acts for several associations. */
  associations: Association[] | null;
  lastResult: SubmissionResult<string[]> | null;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: `${intent}-${id}`,
    lastResult,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: DecisionSchema }),
  });
  return (
    <Form method="post" className="stack-form verification-form" aria-label={t("verification.decisionFor", { name })} {...getFormProps(form)}>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="id" value={id} />
      {associations ? (
        <div className="field">
          <label htmlFor={fields.associationId.id}>{t("verification.assignTo")}</label>
          <select {...getSelectProps(fields.associationId)} defaultValue={fields.associationId.initialValue ?? String(associations[0].id)}>
            {associations.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name} ({a.short_name})
              </option>
            ))}
          </select>
          <FieldError id={fields.associationId.errorId} errors={fields.associationId.errors} />
        </div>
      ) : null}
      <div className="field">
        <label htmlFor={fields.reason.id}>{t("verification.reason")}</label>
        <textarea {...getTextareaProps(fields.reason)} rows={3} maxLength={REASON_MAX} />
        <FieldError id={fields.reason.errorId} errors={fields.reason.errors} />
      </div>
      <div className="verification-form__actions">
        <button type="submit" name="decision" value="verified" className="button">
          {t("verification.approve")}
          <span className="visually-hidden"> {name}</span>
        </button>
        <button type="submit" name="decision" value="rejected" className="button button--secondary">
          {t("verification.reject")}
          <span className="visually-hidden"> {name}</span>
        </button>
      </div>
    </Form>
  );
}

export default function VerificationQueuePage() {
  const { linked, associations, shops, documents } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const locale = useLocale();
  const to = useLocalePath();
  const resultFor = (key: string) => (actionData?.target === key ? actionData.result : null);
  const day = (iso: string | null) => (iso ? formatDate(iso, locale) : t("verification.none"));

  if (!linked) {
    return (
      <div className="container page page--narrow">
        <header className="page-header">
          <h1>{t("verification.notLinkedTitle")}</h1>
        </header>
        <p className="notice" role="alert">
          {t("verification.notLinked")}
        </p>
      </div>
    );
  }

  return (
    <div className="container page">
      <header className="page-header">
        <h1>{t("verification.title")}</h1>
        <p className="page-header__lead">{t("verification.lead")}</p>
        <p>
          <a href={to("/association/needs")}>{t("shopFacts.association.needsLink")}</a>
        </p>
        <p className="muted">{t("verification.actingFor", { associations: associations.map((a) => `${a.name} (${a.short_name})`).join(", ") })}</p>
      </header>

      <FormErrors errors={actionData?.error ? [actionData.error] : undefined} />

      <section className="section" aria-labelledby="verification-shops">
        <h2 id="verification-shops">{t("verification.shopsTitle", { count: shops.length })}</h2>
        {shops.length === 0 ? (
          <p className="empty-state">{t("verification.shopsEmpty")}</p>
        ) : (
          <ul className="verification-list">
            {shops.map((shop) => (
              <li key={shop.id} className="panel verification-item" data-shop-id={shop.id}>
                <h3>{shop.name}</h3>
                <dl className="facts">
                  <dt>{t("verification.owner")}</dt>
                  <dd>{shop.owner_name}</dd>
                  <dt>{t("verification.place")}</dt>
                  <dd>
                    {shop.village}, {shop.district}, {t(`labels.regency.${shop.regency}`)}
                  </dd>
                  <dt>{t("verification.techniques")}</dt>
                  <dd>
                    {shop.techniques.length
                      ? shop.techniques.map((tech) => t(`labels.techniqueShort.${tech}`)).join(", ")
                      : t("verification.noTechniques")}
                  </dd>
                  <dt>{t("verification.signedUp")}</dt>
                  <dd>{day(shop.created_at)}</dd>
                  <dt>{t("verification.association")}</dt>
                  <dd>{shop.association ? shop.association.short_name : t("verification.unassigned")}</dd>
                  <dt>{t("verification.workforce")}</dt>
                  <dd>
                    {shop.facts
                      ? t("verification.workforceValue", {
                          men: shop.facts.workers_men,
                          women: shop.facts.workers_women,
                          capacity: shop.facts.monthly_capacity,
                          date: day(shop.facts.reported_on),
                        })
                      : t("verification.noFacts")}
                  </dd>
                </dl>
                <DecisionForm
                  intent="shop"
                  id={shop.id}
                  name={shop.name}
                  associations={!shop.association && associations.length > 1 ? associations : null}
                  lastResult={resultFor(`shop-${shop.id}`)}
                />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="section" aria-labelledby="verification-documents">
        <h2 id="verification-documents">{t("verification.documentsTitle", { count: documents.length })}</h2>
        {documents.length === 0 ? (
          <p className="empty-state">{t("verification.documentsEmpty")}</p>
        ) : (
          <ul className="verification-list">
            {documents.map((doc) => {
              const label = `${t(`verification.kinds.${doc.kind}`)} ${doc.number}`;
              return (
                <li key={doc.id} className="panel verification-item" data-document-id={doc.id}>
                  <h3>
                    {t(`verification.kinds.${doc.kind}`)}: {doc.artisan.name}
                  </h3>
                  {doc.expired ? (
                    <p className="verification-item__expired">
                      <strong>{t("verification.expired")}</strong>
                    </p>
                  ) : null}
                  <dl className="facts">
                    <dt>{t("verification.shop")}</dt>
                    <dd>{doc.artisan.membership_status === "verified" ? doc.artisan.name : t("verification.shopNotVerified", { name: doc.artisan.name })}</dd>
                    <dt>{t("verification.number")}</dt>
                    <dd>{doc.number}</dd>
                    {doc.grade ? (
                      <>
                        <dt>{t("verification.kinds.batikmark")}</dt>
                        <dd>{t(`labels.badge.grade.${doc.grade}`)}</dd>
                      </>
                    ) : null}
                    <dt>{t("verification.issuer")}</dt>
                    <dd>{doc.issuer ?? t("verification.none")}</dd>
                    <dt>{t("verification.issuedOn")}</dt>
                    <dd>{day(doc.issued_on)}</dd>
                    <dt>{t("verification.expiresOn")}</dt>
                    <dd>
                      {doc.expires_on ? day(doc.expires_on) : t("verification.noExpiry")}
                      {doc.expired ? ` (${t("verification.expired")})` : ""}
                    </dd>
                    <dt>{t("verification.submitted")}</dt>
                    <dd>
                      {day(doc.submitted_at)}
                      {doc.renewal ? ` · ${t("verification.renewal")}` : ""}
                    </dd>
                  </dl>
                  {doc.has_file ? (
                    <p>
                      <a href={to(`/association/documents/${doc.id}/file`)}>
                        {t("shopFacts.association.viewFile")}
                        <span className="visually-hidden"> {label} ({doc.artisan.name})</span>
                      </a>
                    </p>
                  ) : null}
                  <DecisionForm intent="document" id={doc.id} name={`${label} (${doc.artisan.name})`} associations={null} lastResult={resultFor(`document-${doc.id}`)} />
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);

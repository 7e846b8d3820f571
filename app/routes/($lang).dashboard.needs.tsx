import { getFormProps, getSelectProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
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
import { changeFacilityNeedStatus, listShopNeeds } from "~/models/shop-facts.server";
import { openNeed } from "~/services/shop-facts.server";
import { requireArtisanShop } from "~/utils/dashboard.server";
import { flashHeader } from "~/utils/flash.server";
import { formatDate, formatDateTime } from "~/utils/format";
import { localePath } from "~/utils/i18n";
import { i18next } from "~/utils/i18next.server";
import { todayWib } from "~/utils/shop-facts";
import { useLocale } from "~/utils/use-locale";

// Declared here, not imported from artisan.server: server modules are stripped from the browser bundle.
const KINDS = ["ipal", "equipment", "training", "other"] as const;
const CHANGES = ["in_progress", "met", "withdrawn"] as const;
const DESCRIPTION_MAX = 1000;
const Id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

const OpenSchema = z.object({
  intent: z.literal("open"),
  kind: z.enum(KINDS, { errorMap: () => ({ message: "shopFacts.needs.errors.kind" }) }),
  description: z
    .string({ required_error: "shopFacts.needs.errors.descriptionRequired" })
    .trim()
    .min(1, "shopFacts.needs.errors.descriptionRequired")
    .max(DESCRIPTION_MAX, "shopFacts.needs.errors.descriptionTooLong"),
});

const ChangeSchema = z.object({
  intent: z.literal("status"),
  id: Id,
  status: z.enum(CHANGES, { errorMap: () => ({ message: "shopFacts.needs.errors.status" }) }),
});

const Schema = z.discriminatedUnion("intent", [OpenSchema, ChangeSchema]);

type ActionResult = { target: string; result: SubmissionResult<string[]> | null; error: string | null };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { shop } = await requireArtisanShop(request);
  const locale = params.lang === "en" ? "en" : "id";
  const t = await i18next.getFixedT(locale);
  const needs = await listShopNeeds({ artisanId: shop.id });
  return {
    shop: { name: shop.name },
    open: needs.filter((n) => n.status === "open" || n.status === "in_progress"),
    closed: needs.filter((n) => n.status === "met" || n.status === "withdrawn"),
    meta: { title: `${t("shopFacts.needs.title")} · ${t("site.name")}`, description: t("shopFacts.needs.lead"), noindex: true },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, shop } = await requireArtisanShop(request);
  const locale = params.lang === "en" ? "en" : "id";
  const formData = await request.formData();
  const intent = formData.get("intent");
  const answer = (status: number, result: ActionResult) => data(result, { status });
  const done = async (key: string) =>
    redirect(localePath(locale, "/dashboard/needs"), { status: 303, headers: { "Set-Cookie": await flashHeader({ kind: "success", key }) } });

  if (intent === "open") {
    const submission = parseWithZod(formData, { schema: OpenSchema });
    if (submission.status !== "success") return answer(400, { target: "open", result: submission.reply(), error: null });
    try {
      await openNeed({ artisanId: shop.id, actorUserId: user.id, kind: submission.value.kind, description: submission.value.description, openedOn: todayWib() });
    } catch (error) {
      if (isModelError(error)) return answer(400, { target: "open", result: submission.reply({ formErrors: ["shopFacts.errors.badRequest"] }), error: null });
      throw error;
    }
    return done("shopFacts.needs.opened");
  }
  const submission = parseWithZod(formData, { schema: ChangeSchema });
  if (submission.status !== "success") return answer(400, { target: "status", result: null, error: "shopFacts.errors.badRequest" });
  try {
    await changeFacilityNeedStatus({ artisanId: shop.id, needId: submission.value.id, status: submission.value.status, on: todayWib(), actorUserId: user.id });
  } catch (error) {
    if (!isModelError(error)) throw error;
    // Another shop's need, a closed one and an unknown id look the same.
    if (error.code === "not_found") throw new Response("Not Found", { status: 404 });
    if (error.code === "unchanged") return answer(409, { target: "status", result: null, error: "shopFacts.needs.errors.unchanged" });
    return answer(400, { target: "status", result: null, error: "shopFacts.errors.badRequest" });
  }
  return done("shopFacts.needs.updated");
}

type Need = ReturnType<typeof useLoaderData<typeof loader>>["open"][number];

function NeedItem({ need, closed }: { need: Need; closed: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const title = `${t(`shopFacts.needs.kinds.${need.kind}`)}`;
  return (
    <li className="panel" data-need-id={need.id} data-status={need.status}>
      <h3>{title}</h3>
      <p className="shop-facts__description">{need.description}</p>
      <dl className="facts">
        <dt>{t("shopFacts.needs.statusLabel")}</dt>
        <dd>
          <span className={`shop-facts__status shop-facts__status--${need.status}`}>{t(`shopFacts.needs.status.${need.status}`)}</span>
          {/* A closed need shows its closing day below; an open one since when its state holds. */}
          {closed ? null : ` ${t("shopFacts.needs.since", { date: formatDateTime(need.changed_at, locale) })}`}
        </dd>
        <dt>{t("shopFacts.needs.openedOn")}</dt>
        <dd>{formatDate(need.opened_on, locale)}</dd>
        {need.closed_on ? (
          <>
            <dt>{t("shopFacts.needs.closedOn")}</dt>
            <dd>{formatDate(need.closed_on, locale)}</dd>
          </>
        ) : null}
      </dl>
      {need.history.length ? (
        <>
          <h4 className="shop-facts__subheading">{t("shopFacts.needs.historyHeading")}</h4>
          <ul className="shop-facts__history">
            {need.history.map((h) => (
              <li key={h.id}>
                {t(`shopFacts.needs.status.${h.status}`)} — {formatDateTime(h.created_at, locale)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {closed ? null : (
        <Form method="post" className="shop-facts__inline-form" aria-label={t("shopFacts.needs.changeFor", { kind: title })}>
          <input type="hidden" name="intent" value="status" />
          <input type="hidden" name="id" value={need.id} />
          <label htmlFor={`need-status-${need.id}`}>{t("shopFacts.needs.changeLabel")}</label>
          <select id={`need-status-${need.id}`} name="status" defaultValue={need.status === "in_progress" ? "met" : "in_progress"}>
            {CHANGES.filter((c) => c !== need.status).map((c) => (
              <option key={c} value={c}>
                {t(`shopFacts.needs.status.${c}`)}
              </option>
            ))}
          </select>
          <button type="submit" className="button button--secondary">
            {t("shopFacts.needs.changeSubmit")}
            <span className="visually-hidden"> {title}</span>
          </button>
        </Form>
      )}
    </li>
  );
}

export default function DashboardNeedsPage() {
  const { shop, open, closed } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "need",
    lastResult: actionData?.target === "open" ? actionData.result : null,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    defaultValue: { kind: "ipal" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: Schema }),
  });
  return (
    <div className="container page page--narrow">
      <DashboardNav />
      <header className="page-header">
        <h1>{t("shopFacts.needs.title")}</h1>
        <p className="page-header__lead">{t("shopFacts.needs.lead", { shop: shop.name })}</p>
      </header>

      <FormErrors errors={actionData?.error ? [actionData.error] : undefined} />

      <section className="section" aria-labelledby="needs-open">
        <h2 id="needs-open">{t("shopFacts.needs.openHeading", { count: open.length })}</h2>
        {open.length === 0 ? (
          <p className="empty-state">{t("shopFacts.needs.openEmpty")}</p>
        ) : (
          <ul className="shop-facts__list">
            {open.map((need) => (
              <NeedItem key={need.id} need={need} closed={false} />
            ))}
          </ul>
        )}
      </section>

      <section className="section" aria-labelledby="need-form-heading">
        <h2 id="need-form-heading">{t("shopFacts.needs.formHeading")}</h2>
        <p className="muted">{t("shopFacts.needs.formHelp")}</p>
        <Form method="post" className="stack-form" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="open" />
          <FormErrors id={form.errorId} errors={form.errors} />
          <div className="field">
            <label htmlFor={fields.kind.id}>{t("shopFacts.needs.kind")}</label>
            <select {...getSelectProps(fields.kind)}>
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`shopFacts.needs.kinds.${k}`)}
                </option>
              ))}
            </select>
            <FieldError id={fields.kind.errorId} errors={fields.kind.errors} />
          </div>
          <div className="field">
            <label htmlFor={fields.description.id}>{t("shopFacts.needs.description")}</label>
            <textarea {...getTextareaProps(fields.description)} rows={4} maxLength={DESCRIPTION_MAX} />
            <FieldError id={fields.description.errorId} errors={fields.description.errors} />
          </div>
          <button type="submit" className="button">
            {t("shopFacts.needs.submit")}
          </button>
        </Form>
      </section>

      <section className="section" aria-labelledby="needs-closed">
        <h2 id="needs-closed">{t("shopFacts.needs.closedHeading", { count: closed.length })}</h2>
        {closed.length === 0 ? (
          <p className="muted">{t("shopFacts.needs.closedEmpty")}</p>
        ) : (
          <ul className="shop-facts__list">
            {closed.map((need) => (
              <NeedItem key={need.id} need={need} closed />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);

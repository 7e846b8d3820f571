import { getFormProps, getInputProps, useForm } from "@conform-to/react";
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
import { listArtisanFactsHistory } from "~/models/shop-facts.server";
import { reportFacts } from "~/services/shop-facts.server";
import { requireArtisanShop } from "~/utils/dashboard.server";
import { flashHeader } from "~/utils/flash.server";
import { formatDate } from "~/utils/format";
import { localePath } from "~/utils/i18n";
import { i18next } from "~/utils/i18next.server";
import { pastDay, smallCount, todayWib } from "~/utils/shop-facts";
import { useLocale, useLocalePath } from "~/utils/use-locale";

/** Short dates keep the history table narrow enough for a phone. */
const SHORT: Intl.DateTimeFormatOptions = { month: "short" };

const count = smallCount({ required: "shopFacts.facts.errors.required", invalid: "shopFacts.facts.errors.count" });

/** Messages are translation keys. */
const FactsSchema = z.object({
  workersMen: count,
  workersWomen: count,
  monthlyCapacity: count,
  reportedOn: z
    .string({ required_error: "shopFacts.facts.errors.dateRequired" })
    .pipe(pastDay({ invalid: "shopFacts.facts.errors.date", future: "shopFacts.facts.errors.dateFuture" })),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { shop } = await requireArtisanShop(request);
  const locale = params.lang === "en" ? "en" : "id";
  const t = await i18next.getFixedT(locale);
  const history = await listArtisanFactsHistory({ artisanId: shop.id });
  return {
    shop: { name: shop.name },
    current: history[0] ?? null,
    earlier: history.slice(1),
    today: todayWib(),
    meta: { title: `${t("shopFacts.facts.title")} · ${t("site.name")}`, description: t("shopFacts.facts.lead"), noindex: true },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, shop } = await requireArtisanShop(request);
  const locale = params.lang === "en" ? "en" : "id";
  const submission = parseWithZod(await request.formData(), { schema: FactsSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const v = submission.value;
  try {
    await reportFacts({
      artisanId: shop.id,
      actorUserId: user.id,
      workersMen: v.workersMen,
      workersWomen: v.workersWomen,
      monthlyCapacity: v.monthlyCapacity,
      reportedOn: v.reportedOn,
    });
  } catch (error) {
    if (isModelError(error)) return data(submission.reply({ formErrors: ["shopFacts.errors.badRequest"] }), { status: 400 });
    throw error;
  }
  return redirect(localePath(locale, "/dashboard/facts"), {
    status: 303,
    headers: { "Set-Cookie": await flashHeader({ kind: "success", key: "shopFacts.facts.saved" }) },
  });
}

export default function DashboardFactsPage() {
  const { shop, current, earlier, today } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  const locale = useLocale();
  const to = useLocalePath();
  const [form, fields] = useForm({
    id: "facts",
    lastResult,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    defaultValue: {
      workersMen: current ? String(current.workers_men) : "",
      workersWomen: current ? String(current.workers_women) : "",
      monthlyCapacity: current ? String(current.monthly_capacity) : "",
      reportedOn: today,
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: FactsSchema }),
  });
  return (
    <div className="container page page--narrow">
      <DashboardNav />
      <header className="page-header">
        <h1>{t("shopFacts.facts.title")}</h1>
        <p className="page-header__lead">{t("shopFacts.facts.lead", { shop: shop.name })}</p>
        <p className="notice shop-facts__consent">
          {t("shopFacts.facts.consentNote")} <Link to={to("/account/privacy")}>{t("shopFacts.facts.consentLink")}</Link>
        </p>
      </header>

      <section className="section" aria-labelledby="facts-current">
        <h2 id="facts-current">{t("shopFacts.facts.currentHeading")}</h2>
        {current ? (
          <dl className="facts panel" data-testid="facts-current">
            <dt>{t("shopFacts.facts.men")}</dt>
            <dd>{current.workers_men}</dd>
            <dt>{t("shopFacts.facts.women")}</dt>
            <dd>{current.workers_women}</dd>
            <dt>{t("shopFacts.facts.capacity")}</dt>
            <dd>{t("shopFacts.facts.capacityValue", { count: current.monthly_capacity })}</dd>
            <dt>{t("shopFacts.facts.reportedOn")}</dt>
            <dd>{formatDate(current.reported_on, locale)}</dd>
          </dl>
        ) : (
          <p className="empty-state">{t("shopFacts.facts.none")}</p>
        )}
      </section>

      <section className="section" aria-labelledby="facts-report">
        <h2 id="facts-report">{t("shopFacts.facts.reportHeading")}</h2>
        <p className="muted">{t("shopFacts.facts.reportHelp")}</p>
        <Form method="post" className="stack-form" {...getFormProps(form)}>
          <FormErrors id={form.errorId} errors={form.errors} />
          <div className="field">
            <label htmlFor={fields.workersMen.id}>{t("shopFacts.facts.men")}</label>
            <input {...getInputProps(fields.workersMen, { type: "number" })} min={0} max={10000} step={1} inputMode="numeric" />
            <FieldError id={fields.workersMen.errorId} errors={fields.workersMen.errors} />
          </div>
          <div className="field">
            <label htmlFor={fields.workersWomen.id}>{t("shopFacts.facts.women")}</label>
            <input {...getInputProps(fields.workersWomen, { type: "number" })} min={0} max={10000} step={1} inputMode="numeric" />
            <FieldError id={fields.workersWomen.errorId} errors={fields.workersWomen.errors} />
          </div>
          <div className="field">
            <label htmlFor={fields.monthlyCapacity.id}>{t("shopFacts.facts.capacityLabel")}</label>
            <input {...getInputProps(fields.monthlyCapacity, { type: "number" })} min={0} max={10000} step={1} inputMode="numeric" />
            <FieldError id={fields.monthlyCapacity.errorId} errors={fields.monthlyCapacity.errors} />
          </div>
          <div className="field">
            <label htmlFor={fields.reportedOn.id}>{t("shopFacts.facts.reportedOnLabel")}</label>
            <input {...getInputProps(fields.reportedOn, { type: "date" })} max={today} />
            <FieldError id={fields.reportedOn.errorId} errors={fields.reportedOn.errors} />
          </div>
          <button type="submit" className="button">
            {t("shopFacts.facts.submit")}
          </button>
        </Form>
      </section>

      <section className="section" aria-labelledby="facts-history">
        <h2 id="facts-history">{t("shopFacts.facts.historyHeading")}</h2>
        {earlier.length === 0 ? (
          <p className="muted">{t("shopFacts.facts.historyEmpty")}</p>
        ) : (
          <div className="table-scroll">
            <table className="data-table" data-testid="facts-history">
              <thead>
                <tr>
                  <th scope="col">{t("shopFacts.facts.reportedOn")}</th>
                  <th scope="col">{t("shopFacts.facts.men")}</th>
                  <th scope="col">{t("shopFacts.facts.women")}</th>
                  <th scope="col">{t("shopFacts.facts.capacityShort")}</th>
                  <th scope="col">{t("shopFacts.facts.enteredAt")}</th>
                </tr>
              </thead>
              <tbody>
                {earlier.map((row) => (
                  <tr key={row.id}>
                    <td>{formatDate(row.reported_on, locale, SHORT)}</td>
                    <td>{row.workers_men}</td>
                    <td>{row.workers_women}</td>
                    <td>{row.monthly_capacity}</td>
                    <td>{formatDate(row.created_at, locale, SHORT)}</td>
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

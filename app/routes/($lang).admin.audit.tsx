import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { actionLabel, subjectLabel } from "~/components/audit-entry";
import { AuditTable } from "~/components/audit-table";
import { FormErrors } from "~/components/form-errors";
import { pageMeta } from "~/components/page-meta";
import { Pagination } from "~/components/pagination";
import { listAuditActions, listAuditSubjectTypes, pageAuditEntries } from "~/models/audit.server";
import { parseAuditQuery, toModelFilter } from "~/services/audit-log.server";
import { AUDIT_FILTER_KEYS, type AuditQuery } from "~/utils/audit-filter";
import { requireRole } from "~/utils/auth.server";
import { i18next } from "~/utils/i18next.server";
import { useLocalePath } from "~/utils/use-locale";

const PER_PAGE = 50;

/** The filters as a query string (without the page), for the CSV link and the pagination. */
function filterSearch(query: AuditQuery): URLSearchParams {
  const search = new URLSearchParams();
  for (const key of AUDIT_FILTER_KEYS) if (query[key]) search.set(key, query[key]!);
  return search;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const locale = params.lang === "en" ? "en" : "id";
  const t = await i18next.getFixedT(locale);
  const meta = { title: `${t("audit.title")} · ${t("site.name")}`, description: t("audit.lead"), noindex: true };
  const [actions, subjectTypes] = await Promise.all([listAuditActions(), listAuditSubjectTypes()]);
  const query = parseAuditQuery(new URL(request.url));
  if (!query.ok) {
    // Shown on the page next to the fields, with the status saying the request was wrong.
    return data(
      { filter: query.raw, errors: query.errors, entries: [], total: 0, page: 1, pageCount: 1, actions, subjectTypes, meta },
      { status: 400 },
    );
  }
  let result = await pageAuditEntries({ ...toModelFilter(query.filter), page: query.page, perPage: PER_PAGE });
  const pageCount = Math.max(1, Math.ceil(result.total / PER_PAGE));
  if (result.items.length === 0 && result.total > 0 && query.page > pageCount) {
    result = await pageAuditEntries({ ...toModelFilter(query.filter), page: pageCount, perPage: PER_PAGE });
  }
  return {
    filter: query.filter,
    errors: {} as Partial<Record<(typeof AUDIT_FILTER_KEYS)[number], string>>,
    entries: result.items,
    total: result.total,
    page: result.page,
    pageCount,
    actions,
    subjectTypes,
    meta,
  };
}

export default function AuditPage() {
  const { filter, errors, entries, total, page, pageCount, actions, subjectTypes } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const to = useLocalePath();
  const search = filterSearch(filter);
  const hrefFor = (p: number) => {
    const s = new URLSearchParams(search);
    if (p > 1) s.set("page", String(p));
    const q = s.toString();
    return `${to("/admin/audit")}${q ? `?${q}` : ""}`;
  };
  const csvQuery = search.toString();
  const hasErrors = Object.keys(errors).length > 0;
  const fieldProps = (key: (typeof AUDIT_FILTER_KEYS)[number]) => ({
    id: `audit-${key}`,
    name: key,
    defaultValue: filter[key] ?? "",
    "aria-invalid": errors[key] ? true : undefined,
    "aria-describedby": errors[key] ? `audit-${key}-error` : key === "actor" ? "audit-actor-hint" : undefined,
  });
  const fieldError = (key: (typeof AUDIT_FILTER_KEYS)[number]) =>
    errors[key] ? (
      <p className="field__error" id={`audit-${key}-error`}>
        {t(errors[key]!)}
      </p>
    ) : null;

  return (
    <div className="container page">
      <header className="page-header">
        <h1>{t("audit.title")}</h1>
        <p className="page-header__lead">{t("audit.lead")}</p>
      </header>

      <Form method="get" action={to("/admin/audit")} className="filter-form" aria-label={t("audit.filters")}>
        <FormErrors errors={hasErrors ? ["audit.errors.invalid"] : undefined} />
        <div className="filter-form__fields">
          <div className="field">
            <label htmlFor="audit-action">{t("audit.action")}</label>
            <select {...fieldProps("action")} key={`action-${filter.action ?? ""}`}>
              <option value="">{t("audit.anyAction")}</option>
              {actions.map((a) => (
                <option key={a} value={a}>
                  {actionLabel(t, a)}
                </option>
              ))}
            </select>
            {fieldError("action")}
          </div>
          <div className="field">
            <label htmlFor="audit-actor">{t("audit.actor")}</label>
            <input type="text" maxLength={200} {...fieldProps("actor")} key={`actor-${filter.actor ?? ""}`} />
            <p className="field__hint muted" id="audit-actor-hint">
              {t("audit.actorHint")}
            </p>
            {fieldError("actor")}
          </div>
          <div className="field">
            <label htmlFor="audit-subjectType">{t("audit.subjectType")}</label>
            <select {...fieldProps("subjectType")} key={`type-${filter.subjectType ?? ""}`}>
              <option value="">{t("audit.anySubject")}</option>
              {subjectTypes.map((s) => (
                <option key={s} value={s}>
                  {subjectLabel(t, s)}
                </option>
              ))}
            </select>
            {fieldError("subjectType")}
          </div>
          <div className="field">
            <label htmlFor="audit-subjectId">{t("audit.subjectId")}</label>
            <input type="text" inputMode="numeric" maxLength={50} {...fieldProps("subjectId")} key={`id-${filter.subjectId ?? ""}`} />
            {fieldError("subjectId")}
          </div>
          <div className="field">
            <label htmlFor="audit-from">{t("audit.from")}</label>
            <input type="date" {...fieldProps("from")} key={`from-${filter.from ?? ""}`} />
            {fieldError("from")}
          </div>
          <div className="field">
            <label htmlFor="audit-to">{t("audit.to")}</label>
            <input type="date" {...fieldProps("to")} key={`to-${filter.to ?? ""}`} />
            {fieldError("to")}
          </div>
        </div>
        <div className="filter-form__actions">
          <button type="submit" className="button">
            {t("audit.apply")}
          </button>
          <Link to={to("/admin/audit")} className="button button--secondary">
            {t("audit.clear")}
          </Link>
        </div>
      </Form>

      {hasErrors ? null : (
        <>
          <p className="result-count" role="status">
            {t("audit.resultCount", { count: total })}
            {pageCount > 1 ? ` · ${t("audit.pageOf", { page, pages: pageCount })}` : ""}
            {total > 0 ? (
              <>
                {" · "}
                <a href={`${to("/admin/audit.csv")}${csvQuery ? `?${csvQuery}` : ""}`} download>
                  {t("audit.csv")}
                </a>
              </>
            ) : null}
          </p>
          {entries.length === 0 ? (
            <div className="empty-state">
              <p>{t("audit.empty")}</p>
            </div>
          ) : (
            <AuditTable entries={entries} caption={t("audit.title")} withSubject />
          )}
          <Pagination page={page} pageCount={pageCount} hrefFor={hrefFor} />
          <p className="muted">{t("labels.allTimesWib")}</p>
        </>
      )}
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);

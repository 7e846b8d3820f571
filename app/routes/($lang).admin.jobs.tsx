import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { pageMeta } from "~/components/page-meta";
import { countJobsByStatus, listJobs, retryDeadJob } from "~/services/jobs.server";
import { requireRole } from "~/utils/auth.server";
import { flashHeader } from "~/utils/flash.server";
import { formatDateTime } from "~/utils/format";
import { localePath } from "~/utils/i18n";
import { i18next } from "~/utils/i18next.server";
import { useLocale, useLocalePath } from "~/utils/use-locale";

// Declared here, not imported from jobs.server: server modules are stripped from the browser bundle.
const STATUSES = ["queued", "running", "succeeded", "dead"] as const;

/** ?status= narrows the list; anything but a known status is a 400, not an empty page. */
const FilterSchema = z.object({ status: z.enum(STATUSES).optional() });
const RetrySchema = z.object({ intent: z.literal("retry"), id: z.coerce.number().int().positive() });

const PAGE_SIZE = 100;

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const locale = params.lang === "en" ? "en" : "id";
  const url = new URL(request.url);
  const filter = FilterSchema.safeParse({ status: url.searchParams.get("status") || undefined });
  if (!filter.success) throw new Response("Unknown job status", { status: 400 });
  const [counts, jobs] = await Promise.all([countJobsByStatus(), listJobs({ status: filter.data.status, limit: PAGE_SIZE })]);
  const t = await i18next.getFixedT(locale);
  return {
    status: filter.data.status ?? null,
    counts,
    jobs: jobs.map(({ payload: _payload, ...job }) => job),
    meta: { title: `${t("adminJobs.title")} · ${t("site.name")}`, description: t("adminJobs.lead"), noindex: true },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  await requireRole(request, "admin");
  const locale = params.lang === "en" ? "en" : "id";
  const parsed = RetrySchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) throw new Response("Bad request", { status: 400 });
  const result = await retryDeadJob({ id: parsed.data.id });
  if (result === "not-found") throw new Response("Not Found", { status: 404 });
  const flash =
    result === "retried"
      ? { kind: "success" as const, key: "adminJobs.retried", values: { id: parsed.data.id } }
      : { kind: "error" as const, key: result === "duplicate" ? "adminJobs.duplicate" : "adminJobs.notDead", values: { id: parsed.data.id } };
  return redirect(`${localePath(locale, "/admin/jobs")}?status=dead`, {
    status: 303,
    headers: { "Set-Cookie": await flashHeader(flash) },
  });
}

export default function AdminJobsPage() {
  const { status, counts, jobs } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const locale = useLocale();
  const to = useLocalePath();
  return (
    <div className="container">
      <h1>{t("adminJobs.title")}</h1>
      <p className="muted">{t("adminJobs.lead")}</p>
      <nav aria-label={t("adminJobs.filter")} className="job-filter">
        <ul>
          <li>
            <a href={to("/admin/jobs")} aria-current={status === null ? "page" : undefined}>
              {t("adminJobs.all")}
            </a>
          </li>
          {STATUSES.map((s) => (
            <li key={s}>
              <a href={`${to("/admin/jobs")}?status=${s}`} aria-current={status === s ? "page" : undefined}>
                {t(`adminJobs.status.${s}`)} ({counts[s]})
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {jobs.length === 0 ? (
        <p>{t("adminJobs.empty")}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">{t("adminJobs.title")}</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t("adminJobs.name")}</th>
                <th scope="col">{t("adminJobs.state")}</th>
                <th scope="col">{t("adminJobs.attempts")}</th>
                <th scope="col">{t("adminJobs.updated")}</th>
                <th scope="col">{t("adminJobs.lastError")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("adminJobs.actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {jobs.map((job) => (
                <tr key={job.id} data-status={job.status}>
                  <td>{job.id}</td>
                  <td>
                    <code>{job.name}</code>
                  </td>
                  <td>{t(`adminJobs.status.${job.status}`)}</td>
                  <td>
                    {job.attempts}/{job.max_attempts}
                  </td>
                  <td>{formatDateTime(job.updated_at, locale)}</td>
                  <td className="data-table__error">{job.last_error ?? ""}</td>
                  <td>
                    {job.status === "dead" ? (
                      <Form method="post">
                        <input type="hidden" name="intent" value="retry" />
                        <input type="hidden" name="id" value={job.id} />
                        <button type="submit" className="button button--small button--secondary">
                          {t("adminJobs.retry")}
                          <span className="visually-hidden"> #{job.id}</span>
                        </button>
                      </Form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);

import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { pageMeta } from "~/components/page-meta";
import { Pagination } from "~/components/pagination";
import { listUsers } from "~/models/user.server";
import { requireRole } from "~/utils/auth.server";
import { formatDate } from "~/utils/format";
import { i18next } from "~/utils/i18next.server";
import { useLocale, useLocalePath } from "~/utils/use-locale";

// Declared here, not imported from user.server: server modules are stripped from the browser bundle.
const ROLES = ["buyer", "artisan", "organizer", "agency", "association", "admin"] as const;
const PER_PAGE = 25;

/**
 * The search never fails: an over-long q is cut to 100 characters, an unknown
 * role (role=root) or a bad page (page=-1, page=abc) is treated as absent.
 */
const UsersQuerySchema = z.object({
  q: z
    .string()
    .catch("")
    .default("")
    .transform((q) => q.trim().slice(0, 100)),
  role: z.enum(ROLES).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const locale = params.lang === "en" ? "en" : "id";
  const url = new URL(request.url);
  const { q, role, page: requested } = UsersQuerySchema.parse({
    q: url.searchParams.get("q") ?? undefined,
    role: url.searchParams.get("role") || undefined,
    page: url.searchParams.get("page") ?? undefined,
  });
  let result = await listUsers({ q, role, page: requested, perPage: PER_PAGE });
  const pageCount = Math.max(1, Math.ceil(result.total / PER_PAGE));
  if (result.items.length === 0 && result.total > 0 && requested > pageCount) {
    result = await listUsers({ q, role, page: pageCount, perPage: PER_PAGE });
  }
  const t = await i18next.getFixedT(locale);
  return {
    q,
    role: role ?? null,
    users: result.items,
    total: result.total,
    page: result.page,
    pageCount,
    meta: { title: `${t("adminUsers.title")} · ${t("site.name")}`, description: t("adminUsers.lead"), noindex: true },
  };
}

export default function AdminUsersPage() {
  const { q, role, users, total, page, pageCount } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const locale = useLocale();
  const to = useLocalePath();
  const hrefFor = (p: number) => {
    const search = new URLSearchParams();
    if (q) search.set("q", q);
    if (role) search.set("role", role);
    if (p > 1) search.set("page", String(p));
    const query = search.toString();
    return `${to("/admin/users")}${query ? `?${query}` : ""}`;
  };
  return (
    <div className="container page">
      <header className="page-header">
        <h1>{t("adminUsers.title")}</h1>
        <p className="page-header__lead">{t("adminUsers.lead")}</p>
      </header>

      <Form method="get" action={to("/admin/users")} className="search-panel" role="search" aria-label={t("adminUsers.searchLabel")}>
        <div className="search-panel__field">
          <label htmlFor="users-q">{t("adminUsers.q")}</label>
          <input id="users-q" type="search" name="q" defaultValue={q} maxLength={100} key={q} />
        </div>
        <div className="search-panel__field search-panel__field--narrow">
          <label htmlFor="users-role">{t("adminUsers.role")}</label>
          <select id="users-role" name="role" defaultValue={role ?? ""} key={role ?? ""}>
            <option value="">{t("adminUsers.anyRole")}</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`roles.${r}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          {t("adminUsers.search")}
        </button>
      </Form>

      <p className="result-count" role="status">
        {t("adminUsers.resultCount", { count: total })}
        {pageCount > 1 ? ` · ${t("adminUsers.pageOf", { page, pages: pageCount })}` : ""}
        {q || role ? (
          <>
            {" · "}
            <Link to={to("/admin/users")}>{t("adminUsers.clear")}</Link>
          </>
        ) : null}
      </p>

      {users.length === 0 ? (
        <div className="empty-state">
          <p>{t("adminUsers.empty")}</p>
        </div>
      ) : (
        <div className="table-scroll">
          <table className="data-table data-table--wide">
            <caption className="visually-hidden">{t("adminUsers.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("adminUsers.name")}</th>
                <th scope="col">{t("adminUsers.email")}</th>
                <th scope="col">{t("adminUsers.roles")}</th>
                <th scope="col">{t("adminUsers.created")}</th>
                <th scope="col">{t("adminUsers.confirmed")}</th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id} data-user={u.email}>
                  <td>
                    <Link to={to(`/admin/users/${u.id}`)}>{u.name}</Link>
                  </td>
                  <td>{u.email}</td>
                  <td>{u.roles.length ? u.roles.map((r) => t(`roles.${r}`)).join(", ") : <span className="muted">{t("adminUsers.noRoles")}</span>}</td>
                  <td>{formatDate(u.created_at, locale)}</td>
                  <td>{u.email_verified_at ? t("adminUsers.yes") : t("adminUsers.no")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={page} pageCount={pageCount} hrefFor={hrefFor} />
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);

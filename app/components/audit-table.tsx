import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { actionLabel, AuditDetails, subjectLabel } from "~/components/audit-entry";
import type { AuditEntry } from "~/models/audit.server";
import { formatDateTime } from "~/utils/format";
import { useLocale, useLocalePath } from "~/utils/use-locale";

/**
 * Audit entries as a table. The full log (`withSubject`) also shows each
 * entry's subject, links actors and subjects to their user pages and shows
 * the raw action code; a user's own history leaves those out.
 */
export function AuditTable({ entries, caption, withSubject = false }: { entries: AuditEntry[]; caption: string; withSubject?: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const to = useLocalePath();
  return (
    <div className="table-scroll">
      <table className={withSubject ? "data-table data-table--wide audit-table" : "data-table data-table--wide"}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("audit.time")}</th>
            <th scope="col">{t("audit.actor")}</th>
            <th scope="col">{t("audit.action")}</th>
            {withSubject ? <th scope="col">{t("audit.subject")}</th> : null}
            <th scope="col">{t("audit.details")}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id} data-action={e.action}>
              <td>
                <time dateTime={e.created_at}>{formatDateTime(e.created_at, locale)}</time>
              </td>
              {withSubject ? (
                <>
                  <td>
                    {e.actor_user_id === null ? (
                      <span className="muted">{t("audit.system")}</span>
                    ) : (
                      <Link to={to(`/admin/users/${e.actor_user_id}`)}>{e.actor_name ?? `#${e.actor_user_id}`}</Link>
                    )}
                  </td>
                  <td>
                    {actionLabel(t, e.action)}
                    <br />
                    <code className="muted">{e.action}</code>
                  </td>
                  <td>
                    {e.subject_type === "user" ? (
                      <Link to={to(`/admin/users/${e.subject_id}`)}>
                        {subjectLabel(t, e.subject_type)} #{e.subject_id}
                      </Link>
                    ) : (
                      <>
                        {subjectLabel(t, e.subject_type)} #{e.subject_id}
                      </>
                    )}
                  </td>
                </>
              ) : (
                <>
                  <td>{e.actor_user_id === null ? t("audit.system") : (e.actor_name ?? `#${e.actor_user_id}`)}</td>
                  <td>{actionLabel(t, e.action)}</td>
                </>
              )}
              <td>
                <AuditDetails details={e.details} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

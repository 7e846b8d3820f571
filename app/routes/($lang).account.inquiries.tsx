import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { pageMeta } from "~/components/page-meta";
import { listInquiriesOfBuyer } from "~/models/inquiry.server";
import { requireUser } from "~/utils/auth.server";
import { formatDateTime } from "~/utils/format";
import { localized } from "~/utils/i18n";
import { i18next } from "~/utils/i18next.server";
import { useLocale, useLocalePath } from "~/utils/use-locale";

/**
 * /account/inquiries: the threads a signed-in person opened (buyer_user_id),
 * newest activity first, with the artisan's unread replies counted. Open to
 * every signed-in person, whatever their roles. Guests' threads are reached
 * only through the link in their e-mail.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const locale = params.lang === "en" ? "en" : "id";
  const threads = await listInquiriesOfBuyer({ userId: user.id });
  const t = await i18next.getFixedT(locale);
  return {
    // The buyer never sees "spam": a thread the artisan filed as spam is closed to them.
    threads: threads.map((thread) => ({ ...thread, status: thread.status === "spam" ? ("closed" as const) : thread.status })),
    meta: { title: `${t("inquiries.account.title")} · ${t("site.name")}`, description: t("inquiries.account.lead"), noindex: true },
  };
}

export default function AccountInquiriesPage() {
  const { threads } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const locale = useLocale();
  const to = useLocalePath();
  return (
    <div className="container page page--narrow">
      <header className="page-header">
        <h1>{t("inquiries.account.title")}</h1>
        <p className="page-header__lead">{t("inquiries.account.lead")}</p>
      </header>
      {threads.length === 0 ? (
        <div className="notice">
          <p>{t("inquiries.account.empty")}</p>
          <p>
            <Link to={to("/products")}>{t("inquiries.account.browse")}</Link>
          </p>
        </div>
      ) : (
        <ul className="inquiry-list">
          {threads.map((thread) => {
            const subject =
              thread.product_title_id != null
                ? localized(locale, thread.product_title_id, thread.product_title_en)
                : thread.event_title_id != null
                  ? localized(locale, thread.event_title_id, thread.event_title_en)
                  : t("inquiries.thread.general");
            return (
              <li key={thread.token} className={`inquiry-list__item${thread.unread > 0 ? " inquiry-list__item--unread" : ""}`} data-testid="buyer-thread">
                <p className="inquiry-list__title">
                  <Link to={to(`/inquiries/${thread.token}`)} aria-label={t("inquiries.account.open", { name: thread.artisan_name })}>
                    {thread.artisan_name}
                  </Link>
                  {thread.unread > 0 ? (
                    <span className="tag tag--unread" data-testid="unread">
                      {t("inquiries.account.unread", { count: thread.unread })}
                    </span>
                  ) : null}
                </p>
                <p className="inquiry-list__subject">
                  <span className="visually-hidden">{t("inquiries.account.subject")}: </span>
                  {subject} · {t(`inquiries.kinds.${thread.kind}`)}
                </p>
                <p className="muted inquiry-list__meta">
                  <span>
                    <span className="visually-hidden">{t("inquiries.account.status")}: </span>
                    {t(`inquiries.statuses.${thread.status}`)}
                  </span>
                  {" · "}
                  <span>
                    {t("inquiries.account.lastActivity")}: <time dateTime={thread.updated_at}>{formatDateTime(thread.updated_at, locale)}</time>
                  </span>
                </p>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);

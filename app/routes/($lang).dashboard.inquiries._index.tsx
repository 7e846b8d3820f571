import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DashboardNav } from "~/components/dashboard-nav";
import { pageMeta } from "~/components/page-meta";
import { Pagination } from "~/components/pagination";
import { countUnreadOfArtisan, listInbox, type InquiryKind, type InquirySource, type InquiryStatus } from "~/models/inquiry.server";
import { requireArtisanShop } from "~/utils/dashboard.server";
import { formatDateTime } from "~/utils/format";
import { localized } from "~/utils/i18n";
import { i18next } from "~/utils/i18next.server";
import { kindKey, statusKey, sourceKey } from "~/utils/inquiry-labels";
import { useLocale, useLocalePath } from "~/utils/use-locale";

// Declared here, not imported from the model: server modules are stripped from the browser bundle.
const STATUSES = ["new", "answered", "converted", "closed", "spam"] as const;
const KINDS = ["product", "custom", "wholesale", "exhibition"] as const;
const SOURCES = ["product_page", "artisan_page", "event_page", "search", "link", "whatsapp", "direct"] as const;

/** A filter value from the query string, or null for anything unknown (a filter, not an error). */
function pick<T extends string>(allowed: readonly T[], raw: string | null): T | null {
  return (allowed as readonly string[]).includes(raw ?? "") ? (raw as T) : null;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { shop } = await requireArtisanShop(request);
  const locale = params.lang === "en" ? "en" : "id";
  const search = new URL(request.url).searchParams;
  const filter = {
    status: pick<InquiryStatus>(STATUSES, search.get("status")),
    kind: pick<InquiryKind>(KINDS, search.get("kind")),
    source: pick<InquirySource>(SOURCES, search.get("source")),
  };
  const rawPage = search.get("page") ?? "";
  const page = /^[1-9]\d{0,5}$/.test(rawPage) ? Number(rawPage) : 1;
  const inbox = await listInbox({ artisanId: shop.id, filter, page });
  const t = await i18next.getFixedT(locale);
  return {
    filter,
    unreadTotal: await countUnreadOfArtisan({ artisanId: shop.id }),
    threads: inbox.items.map((row) => ({
      id: row.id,
      kind: row.kind,
      status: row.status,
      source: row.source,
      buyerName: row.buyer_name,
      product: row.product_title_id ? localized(locale, row.product_title_id, row.product_title_en ?? "") : null,
      updatedAt: row.updated_at,
      unread: row.unread,
    })),
    total: inbox.total,
    page: inbox.page,
    pageCount: inbox.pageCount,
    meta: { title: `${t("inbox.title")} · ${t("site.name")}`, description: t("inbox.lead"), noindex: true },
  };
}

export default function DashboardInquiriesPage() {
  const { filter, unreadTotal, threads, total, page, pageCount } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const locale = useLocale();
  const to = useLocalePath();
  const query = (p: number) => {
    const q = new URLSearchParams();
    if (filter.status) q.set("status", filter.status);
    if (filter.kind) q.set("kind", filter.kind);
    if (filter.source) q.set("source", filter.source);
    if (p > 1) q.set("page", String(p));
    const text = q.toString();
    return `${to("/dashboard/inquiries")}${text ? `?${text}` : ""}`;
  };
  const filtered = Boolean(filter.status || filter.kind || filter.source);
  return (
    <div className="container page page--narrow">
      <DashboardNav />
      <header className="page-header">
        <h1>{t("inbox.title")}</h1>
        <p className="page-header__lead">{t("inbox.lead")}</p>
        <p className={unreadTotal > 0 ? "inbox-unread-total inbox-unread-total--some" : "inbox-unread-total"} data-testid="unread-total">
          {t("inbox.unreadTotal", { count: unreadTotal })}
        </p>
        <p>
          <a className="button button--secondary" href={to("/dashboard/inquiries/whatsapp")}>
            {t("inbox.whatsappLink")}
          </a>
        </p>
      </header>

      <Form method="get" action={to("/dashboard/inquiries")} className="filter-form" aria-label={t("inbox.filters")}>
        <div className="filter-form__fields">
          <div className="field">
            <label htmlFor="inbox-status">{t("inbox.status")}</label>
            <select id="inbox-status" name="status" defaultValue={filter.status ?? ""} key={`status-${filter.status ?? ""}`}>
              <option value="">{t("inbox.anyStatus")}</option>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(statusKey(s))}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="inbox-kind">{t("inbox.kind")}</label>
            <select id="inbox-kind" name="kind" defaultValue={filter.kind ?? ""} key={`kind-${filter.kind ?? ""}`}>
              <option value="">{t("inbox.anyKind")}</option>
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(kindKey(k))}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="inbox-source">{t("inbox.source")}</label>
            <select id="inbox-source" name="source" defaultValue={filter.source ?? ""} key={`source-${filter.source ?? ""}`}>
              <option value="">{t("inbox.anySource")}</option>
              {SOURCES.map((s) => (
                <option key={s} value={s}>
                  {t(sourceKey(s))}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="filter-form__actions">
          <button type="submit" className="button">
            {t("inbox.apply")}
          </button>
          {filtered ? (
            <Link to={to("/dashboard/inquiries")} className="button button--secondary">
              {t("inbox.clear")}
            </Link>
          ) : null}
        </div>
        {filter.status === "spam" ? null : <p className="muted">{t("inbox.spamHidden")}</p>}
      </Form>

      <p className="muted" data-testid="thread-count">
        {t("inbox.count", { count: total })}
      </p>
      {threads.length === 0 ? (
        <p className="empty-state">{filtered ? t("inbox.emptyFiltered") : t("inbox.empty")}</p>
      ) : (
        <ul className="inbox-list" aria-label={t("inbox.listLabel")}>
          {threads.map((th) => {
            const name = th.buyerName || t("inbox.unnamedBuyer");
            return (
              <li key={th.id} className={th.unread > 0 ? "inbox-item inbox-item--unread" : "inbox-item"} data-inquiry-id={th.id} data-status={th.status}>
                <div className="inbox-item__head">
                  <h2 className="inbox-item__title">
                    <a href={to(`/dashboard/inquiries/${th.id}`)}>
                      {name}
                      <span className="visually-hidden"> — {t(kindKey(th.kind))}</span>
                    </a>
                  </h2>
                  {th.unread > 0 ? (
                    <span className="inbox-unread" data-testid="unread">
                      {t("inbox.unread", { count: th.unread })}
                    </span>
                  ) : null}
                </div>
                <p className="inbox-item__facts">
                  <span className={`dash-state inquiry-state--${th.status}`}>{t(statusKey(th.status))}</span>
                  <span>{t(kindKey(th.kind))}</span>
                  <span>{t(sourceKey(th.source))}</span>
                </p>
                {th.product ? <p className="inbox-item__product">{t("inbox.about", { product: th.product })}</p> : null}
                <p className="inbox-item__time muted">{t("inbox.lastActivity", { time: formatDateTime(th.updatedAt, locale) })}</p>
              </li>
            );
          })}
        </ul>
      )}
      <Pagination page={page} pageCount={pageCount} hrefFor={query} />
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);

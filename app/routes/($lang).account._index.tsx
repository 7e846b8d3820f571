import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Field } from "~/components/field";
import { pageMeta } from "~/components/page-meta";
import { listArtisansOfOwner } from "~/models/artisan.server";
import { favouriteCountsForArtisan } from "~/models/favourite.server";
import { getUserById, getUserForLogin, setUserPassword, type Role } from "~/models/user.server";
import { requireUser } from "~/utils/auth.server";
import { flashHeader } from "~/utils/flash.server";
import { localePath } from "~/utils/i18n";
import { i18next } from "~/utils/i18next.server";
import { verifyPassword } from "~/utils/password.server";
import { destroySession, logoutEverywhere } from "~/utils/session.server";
import { useLocalePath } from "~/utils/use-locale";

const ChangePasswordSchema = z.object({
  intent: z.literal("change-password"),
  currentPassword: z.string({ required_error: "auth.required" }).max(1000),
  newPassword: z.string({ required_error: "auth.required" }).min(10, "account.passwordTooShort").max(1000),
});

/**
 * The pages each role has so far: the landing page after log-in is this
 * account page with these menus, so it only lists what already works.
 */
const ROLE_MENUS: Record<Role, { path: string; label: string }[]> = {
  buyer: [],
  // Shown under the artisan's shops (an artisan account without a shop has no dashboard yet).
  artisan: [{ path: "/dashboard", label: "dashboard.menu.dashboard" }],
  organizer: [],
  agency: [],
  association: [
    { path: "/association/verification", label: "account.menu.verification" },
    { path: "/association/motifs", label: "curation.menu.motifs" },
    { path: "/association/featured", label: "curation.menu.featured" },
  ],
  admin: [
    { path: "/admin/users", label: "account.menu.users" },
    { path: "/admin/audit", label: "account.menu.audit" },
    { path: "/admin/jobs", label: "adminJobs.menuLink" },
  ],
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const locale = params.lang === "en" ? "en" : "id";
  // Only what the owner may see of their shops: names, slugs and states (no phone, no e-mail of others).
  const owned = user.roles.includes("artisan") ? await listArtisansOfOwner({ userId: user.id }) : [];
  const shops = await Promise.all(owned.map(async (s) => ({ ...s, saves: await favouriteCountsForArtisan({ artisanId: s.id }) })));
  const account = await getUserById({ id: user.id });
  const t = await i18next.getFixedT(locale);
  return {
    user: { name: user.name, email: user.email, roles: user.roles, emailConfirmed: Boolean(account?.email_verified_at) },
    shops: shops.map((s) => ({
      slug: s.slug,
      name: s.name,
      membership: s.membership_status,
      // The association's reason is shown to the owner only (rejection or lapse).
      reason: s.membership_status === "rejected" || s.membership_status === "lapsed" ? s.membership_reason : null,
      public: s.status === "active" && s.membership_status === "verified",
      saves: s.saves,
    })),
    meta: { title: `${t("account.title")} · ${t("site.name")}`, description: t("account.title"), noindex: true },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const locale = params.lang === "en" ? "en" : "id";
  const formData = await request.formData();
  if (formData.get("intent") === "logout-everywhere") {
    await logoutEverywhere({ userId: user.id });
    const headers = new Headers();
    headers.append("Set-Cookie", await destroySession(request));
    headers.append("Set-Cookie", await flashHeader({ kind: "success", key: "account.loggedOutEverywhere" }));
    return redirect(localePath(locale, "/login"), { status: 303, headers });
  }
  const submission = parseWithZod(formData, { schema: ChangePasswordSchema });
  if (submission.status !== "success") {
    return data(submission.reply({ hideFields: ["currentPassword", "newPassword"] }), { status: 400 });
  }
  const stored = await getUserForLogin({ email: user.email });
  if (!(await verifyPassword(submission.value.currentPassword, stored?.password_hash))) {
    return data(
      submission.reply({ fieldErrors: { currentPassword: ["account.wrongCurrentPassword"] }, hideFields: ["currentPassword", "newPassword"] }),
      { status: 400 },
    );
  }
  await setUserPassword({ userId: user.id, password: submission.value.newPassword });
  // A changed password must lock out whoever else was logged in with the old one.
  await logoutEverywhere({ userId: user.id, keep: request });
  return redirect(localePath(locale, "/account"), {
    status: 303,
    headers: { "Set-Cookie": await flashHeader({ kind: "success", key: "account.passwordChanged" }) },
  });
}

export default function AccountPage() {
  const { user, shops } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  const to = useLocalePath();
  const [form, fields] = useForm({
    lastResult,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ChangePasswordSchema }),
  });
  return (
    <div className="container page page--narrow">
      <header className="page-header">
        <h1>{t("account.title")}</h1>
        <p className="page-header__lead">{t("account.lead", { name: user.name, email: user.email })}</p>
      </header>

      {user.emailConfirmed ? null : (
        <div className="notice" data-testid="email-unconfirmed">
          <p>
            {t("account.emailUnconfirmed")} <a href={to("/account/confirm-email")}>{t("account.emailConfirmLink")}</a>
          </p>
        </div>
      )}

      <section className="section" aria-labelledby="account-roles">
        <h2 id="account-roles">{t("account.roles")}</h2>
        {user.roles.length === 0 ? <p>{t("account.noRoles")}</p> : null}
        <ul className="account-roles">
          {user.roles.map((role) => (
            <li key={role} data-role={role}>
              <h3>{t(`roles.${role}`)}</h3>
              {role === "artisan" && shops.length > 0 ? (
                <>
                  <ul>
                    {shops.map((shop) => (
                      <li key={shop.slug} data-shop={shop.slug}>
                        {shop.public ? <a href={to(`/artisans/${shop.slug}`)}>{shop.name}</a> : <span>{shop.name}</span>}{" "}
                        <span className="muted">{t("account.shopState", { state: t(`membership.${shop.membership}`) })}</span>
                        {shop.membership === "pending" ? <p className="muted">{t("account.shopPendingHelp")}</p> : null}
                        {shop.reason ? <p className="field__error">{t("account.shopReason", { reason: shop.reason })}</p> : null}
                        <p className="muted favourite-counts" data-testid="shop-saves">
                          {t("favourites.shopSaved", { count: shop.saves.shop })} · {t("favourites.productSaves", { count: shop.saves.products })}
                        </p>
                      </li>
                    ))}
                  </ul>
                  <ul>
                    {ROLE_MENUS.artisan.map((item) => (
                      <li key={item.path}>
                        <a href={to(item.path)}>{t(item.label)}</a>
                      </li>
                    ))}
                  </ul>
                </>
              ) : role !== "artisan" && ROLE_MENUS[role].length > 0 ? (
                <ul>
                  {ROLE_MENUS[role].map((item) => (
                    <li key={item.path}>
                      <a href={to(item.path)}>{t(item.label)}</a>
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="muted">{t("account.noPagesYet")}</p>
              )}
            </li>
          ))}
        </ul>
      </section>

      <section className="section" aria-labelledby="account-favourites">
        <h2 id="account-favourites">{t("favourites.accountLink")}</h2>
        <p>
          {t("favourites.accountHelp")} <a href={to("/account/favourites")}>{t("favourites.accountOpen")}</a>
        </p>
      </section>

      <section className="section" aria-labelledby="account-inquiries">
        <h2 id="account-inquiries">{t("inquiries.account.accountHeading")}</h2>
        <p>
          {t("inquiries.account.accountHelp")} <a href={to("/account/inquiries")}>{t("inquiries.account.accountLink")}</a>
        </p>
      </section>

      <section className="section" aria-labelledby="account-password">
        <h2 id="account-password">{t("account.changePassword")}</h2>
        <Form method="post" className="stack-form" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="change-password" />
          <Field meta={fields.currentPassword} type="password" label={t("account.currentPassword")} autoComplete="current-password" required />
          <Field meta={fields.newPassword} type="password" label={t("account.newPassword")} autoComplete="new-password" minLength={10} required />
          <button type="submit" className="button">
            {t("account.changePasswordSubmit")}
          </button>
        </Form>
      </section>

      <section className="section" aria-labelledby="account-privacy">
        <h2 id="account-privacy">{t("account.privacy")}</h2>
        <p>{t("account.privacyHelp")}</p>
        <p>
          <a href={to("/account/privacy")}>{t("account.privacyLink")}</a>
        </p>
      </section>

      <section className="section" aria-labelledby="account-everywhere">
        <h2 id="account-everywhere">{t("account.logoutEverywhere")}</h2>
        <p>{t("account.logoutEverywhereHelp")}</p>
        <Form method="post">
          <input type="hidden" name="intent" value="logout-everywhere" />
          <button type="submit" className="button button--secondary">
            {t("account.logoutEverywhere")}
          </button>
        </Form>
      </section>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);

import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Field } from "~/components/field";
import { FieldError } from "~/components/field-error";
import { FormErrors } from "~/components/form-errors";
import { pageMeta } from "~/components/page-meta";
import { isModelError } from "~/models/common.server";
import { getUserForLogin } from "~/models/user.server";
import { deleteAccount, findDeletionBlocker, type DeletionBlocker } from "~/services/privacy.server";
import { requireUser } from "~/utils/auth.server";
import { flashHeader } from "~/utils/flash.server";
import { localePath } from "~/utils/i18n";
import { i18next } from "~/utils/i18next.server";
import { verifyPassword } from "~/utils/password.server";
import { destroySession } from "~/utils/session.server";
import { useLocalePath } from "~/utils/use-locale";

const DeleteAccountSchema = z.object({
  password: z.string({ required_error: "auth.required" }).max(1000, "privacy.wrongPassword"),
  confirm: z.literal("on", { errorMap: () => ({ message: "privacy.confirmRequired" }) }),
});

const BLOCKER_MESSAGES: Record<DeletionBlocker["code"], string> = {
  open_orders: "privacy.blockedOpenOrders",
  open_shop_orders: "privacy.blockedOpenShopOrders",
  last_admin: "privacy.blockedLastAdmin",
};

function isBlockerCode(code: string): code is DeletionBlocker["code"] {
  return Object.hasOwn(BLOCKER_MESSAGES, code);
}

/** /account/delete. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const locale = params.lang === "en" ? "en" : "id";
  const blocker = await findDeletionBlocker({ userId: user.id });
  const t = await i18next.getFixedT(locale);
  return {
    blocked: blocker ? BLOCKER_MESSAGES[blocker.code] : null,
    isArtisan: user.roles.includes("artisan"),
    meta: { title: `${t("privacy.deleteTitle")} · ${t("site.name")}`, description: t("privacy.deleteLead"), noindex: true },
  };
}

/**
 * Deletes the account after the current password and the confirmation box.
 * Wrong password: 400 on the field. Unfinished orders (or the last admin):
 * 409 with the reason; nothing changes. Then the cookie is cleared and the
 * person lands on the home page with a flash.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const locale = params.lang === "en" ? "en" : "id";
  const submission = parseWithZod(await request.formData(), { schema: DeleteAccountSchema });
  if (submission.status !== "success") return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  const stored = await getUserForLogin({ email: user.email });
  if (!(await verifyPassword(submission.value.password, stored?.password_hash))) {
    return data(submission.reply({ fieldErrors: { password: ["privacy.wrongPassword"] }, hideFields: ["password"] }), { status: 400 });
  }
  try {
    await deleteAccount({ userId: user.id, locale });
  } catch (error) {
    if (isModelError(error) && isBlockerCode(error.code)) {
      return data(submission.reply({ formErrors: [BLOCKER_MESSAGES[error.code]], hideFields: ["password"] }), { status: 409 });
    }
    throw error;
  }
  const headers = new Headers();
  headers.append("Set-Cookie", await destroySession(request));
  headers.append("Set-Cookie", await flashHeader({ kind: "success", key: "privacy.deleted" }));
  return redirect(localePath(locale, "/"), { status: 303, headers });
}

export default function DeleteAccountPage() {
  const { blocked, isArtisan } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  const to = useLocalePath();
  const [form, fields] = useForm({
    lastResult,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: DeleteAccountSchema }),
  });
  return (
    <div className="container page page--narrow">
      <header className="page-header">
        <h1>{t("privacy.deleteTitle")}</h1>
        <p className="page-header__lead">{t("privacy.deleteLead")}</p>
      </header>

      <section className="section" aria-labelledby="delete-what">
        <h2 id="delete-what">{t("privacy.whatHappens")}</h2>
        <ul className="privacy-list">
          <li>{t("privacy.happensAccount")}</li>
          <li>{t("privacy.happensOrders")}</li>
          <li>{t("privacy.happensInquiries")}</li>
          {isArtisan ? <li>{t("privacy.happensShop")}</li> : null}
          <li>{t("privacy.happensMail")}</li>
          <li>{t("privacy.happensSignup")}</li>
        </ul>
        <p>
          {t("privacy.downloadFirst")}{" "}
          <a href={to("/account/data")} download>
            {t("privacy.downloadLink")}
          </a>
        </p>
      </section>

      <section className="section" aria-labelledby="delete-confirm">
        <h2 id="delete-confirm">{t("privacy.confirmHeading")}</h2>
        {blocked ? (
          // The action would refuse (409) anyway: say why instead of offering a form that cannot work.
          <div className="notice" data-testid="delete-blocked">
            <p>{t(blocked)}</p>
            <p>
              <a href={to("/account/privacy")}>{t("privacy.back")}</a>
            </p>
          </div>
        ) : (
          <Form method="post" className="stack-form" {...getFormProps(form)}>
            <FormErrors id={form.errorId} errors={form.errors} />
            <Field meta={fields.password} type="password" label={t("privacy.password")} autoComplete="current-password" required />
            <div className="field">
              <div className="field--checkbox privacy-confirm">
                <input {...getInputProps(fields.confirm, { type: "checkbox" })} required />
                <label htmlFor={fields.confirm.id}>{t("privacy.confirm")}</label>
              </div>
              <FieldError id={fields.confirm.errorId} errors={fields.confirm.errors} />
            </div>
            <div className="privacy-actions">
              <button type="submit" className="button button--danger">
                {t("privacy.deleteSubmit")}
              </button>
              <a href={to("/account/privacy")}>{t("privacy.cancel")}</a>
            </div>
          </Form>
        )}
      </section>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);

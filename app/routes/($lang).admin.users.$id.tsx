import { getFormProps, getSelectProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { AuditTable } from "~/components/audit-table";
import { FieldError } from "~/components/field-error";
import { FormErrors } from "~/components/form-errors";
import { pageMeta } from "~/components/page-meta";
import { listAgencies, listAgenciesOfUser } from "~/models/agency.server";
import { listAssociations, listAssociationsOfUser } from "~/models/association.server";
import { listAuditEntries } from "~/models/audit.server";
import { isModelError } from "~/models/common.server";
import { getUserById, grantRole, listUserRoles, revokeRole } from "~/models/user.server";
import { requireRole } from "~/utils/auth.server";
import { flashHeader } from "~/utils/flash.server";
import { formatDate } from "~/utils/format";
import { localePath } from "~/utils/i18n";
import { i18next } from "~/utils/i18next.server";
import { destroySession } from "~/utils/session.server";
import { useLocale, useLocalePath } from "~/utils/use-locale";

// Declared here, not imported from user.server: server modules are stripped from the browser bundle.
const ROLES = ["buyer", "artisan", "organizer", "agency", "association", "admin"] as const;
type Role = (typeof ROLES)[number];
const HISTORY_SIZE = 10;

const optionalId = (message: string) => z.coerce.number({ invalid_type_error: message }).int(message).positive(message).max(Number.MAX_SAFE_INTEGER, message).optional();

/** One form per role; granting agency / association must name which one. */
const RoleChangeSchema = z
  .object({
    intent: z.enum(["grant", "revoke"], { errorMap: () => ({ message: "adminUsers.errors.badRequest" }) }),
    role: z.enum(ROLES, { errorMap: () => ({ message: "adminUsers.errors.badRequest" }) }),
    agencyId: optionalId("adminUsers.errors.unknownAgency"),
    associationId: optionalId("adminUsers.errors.unknownAssociation"),
  })
  .superRefine((v, ctx) => {
    if (v.intent !== "grant") return;
    if (v.role === "agency" && v.agencyId === undefined) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["agencyId"], message: "adminUsers.errors.agencyRequired" });
    }
    if (v.role === "association" && v.associationId === undefined) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["associationId"], message: "adminUsers.errors.associationRequired" });
    }
  });

/** A user id from the URL: digits only, or the page does not exist. */
function userIdParam(raw: string | undefined): number {
  if (!raw || !/^\d{1,15}$/.test(raw) || Number(raw) <= 0) throw new Response("Not Found", { status: 404 });
  return Number(raw);
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const locale = params.lang === "en" ? "en" : "id";
  const id = userIdParam(params.id);
  const user = await getUserById({ id });
  if (!user) throw new Response("Not Found", { status: 404 });
  const [roles, agenciesOfUser, associationsOfUser, agencies, associations, history] = await Promise.all([
    listUserRoles({ userId: id }),
    listAgenciesOfUser({ userId: id }),
    listAssociationsOfUser({ userId: id }),
    listAgencies(),
    listAssociations(),
    listAuditEntries({ subjectType: "user", subjectId: id, limit: HISTORY_SIZE }),
  ]);
  const t = await i18next.getFixedT(locale);
  return {
    user: {
      id: user.id,
      name: user.name,
      email: user.email,
      locale: user.locale,
      createdAt: user.created_at,
      emailVerifiedAt: user.email_verified_at,
    },
    roles,
    agenciesOfUser: agenciesOfUser.map((a) => a.name),
    associationsOfUser: associationsOfUser.map((a) => a.name),
    agencies: agencies.map((a) => ({ id: a.id, name: a.name })),
    associations: associations.map((a) => ({ id: a.id, name: a.name })),
    history,
    meta: { title: `${user.name} · ${t("adminUsers.title")} · ${t("site.name")}`, description: t("adminUsers.lead"), noindex: true },
  };
}

type ActionResult = { role: Role | null; result: SubmissionResult<string[]> };

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const locale = params.lang === "en" ? "en" : "id";
  const id = userIdParam(params.id);
  const user = await getUserById({ id });
  if (!user) throw new Response("Not Found", { status: 404 });
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: RoleChangeSchema });
  const postedRole = formData.get("role");
  const formRole = ROLES.find((r) => r === postedRole) ?? null;
  if (submission.status !== "success") {
    return data<ActionResult>({ role: formRole, result: submission.reply() }, { status: 400 });
  }
  const { intent, role, agencyId, associationId } = submission.value;
  let changed: boolean;
  try {
    changed =
      intent === "grant"
        ? await grantRole({
            userId: id,
            role,
            grantedBy: admin.id,
            agencyId: role === "agency" ? agencyId : null,
            associationId: role === "association" ? associationId : null,
          })
        : await revokeRole({ userId: id, role, revokedBy: admin.id });
  } catch (error) {
    if (!isModelError(error)) throw error;
    if (error.code === "user_not_found") throw new Response("Not Found", { status: 404 });
    if (error.code === "own_admin" || error.code === "last_admin") {
      const key = error.code === "own_admin" ? "adminUsers.errors.ownAdmin" : "adminUsers.errors.lastAdmin";
      return data<ActionResult>({ role, result: submission.reply({ formErrors: [key] }) }, { status: 409 });
    }
    if (error.code === "unknown_agency") {
      return data<ActionResult>({ role, result: submission.reply({ fieldErrors: { agencyId: ["adminUsers.errors.unknownAgency"] } }) }, { status: 400 });
    }
    if (error.code === "unknown_association") {
      return data<ActionResult>(
        { role, result: submission.reply({ fieldErrors: { associationId: ["adminUsers.errors.unknownAssociation"] } }) },
        { status: 400 },
      );
    }
    return data<ActionResult>({ role, result: submission.reply({ formErrors: ["adminUsers.errors.badRequest"] }) }, { status: 400 });
  }
  if (intent === "revoke" && changed && id === admin.id) {
    // Revoking one's own (non-admin) role ended this session too: say so on the log-in page.
    const headers = new Headers();
    headers.append("Set-Cookie", await destroySession(request));
    headers.append("Set-Cookie", await flashHeader({ kind: "info", key: "adminUsers.revokedSelf", values: { role } }));
    return redirect(localePath(locale, "/login"), { status: 303, headers });
  }
  const key = !changed ? "adminUsers.unchanged" : intent === "grant" ? "adminUsers.granted" : "adminUsers.revoked";
  return redirect(localePath(locale, `/admin/users/${id}`), {
    status: 303,
    headers: { "Set-Cookie": await flashHeader({ kind: changed ? "success" : "info", key, values: { role, name: user.name } }) },
  });
}

type Option = { id: number; name: string };

function RoleForm(props: { role: Role; held: boolean; lastResult?: SubmissionResult<string[]>; agencies: Option[]; associations: Option[] }) {
  const { role, held, lastResult } = props;
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: `role-${role}`,
    lastResult,
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RoleChangeSchema }),
  });
  const choice = !held && role === "agency" ? fields.agencyId : !held && role === "association" ? fields.associationId : null;
  const options = role === "agency" ? props.agencies : props.associations;
  return (
    <Form method="post" className="role-form" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value={held ? "revoke" : "grant"} />
      <input type="hidden" name="role" value={role} />
      {choice ? (
        <div className="field">
          <label htmlFor={choice.id}>{t(role === "agency" ? "adminUsers.agency" : "adminUsers.association")}</label>
          <select {...getSelectProps(choice)} required>
            <option value="">{t("adminUsers.choose")}</option>
            {options.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
          <FieldError id={choice.errorId} errors={choice.errors} />
        </div>
      ) : null}
      {/* The visible word starts the accessible name, which also says which role (six such buttons on the page). */}
      <button
        type="submit"
        className={held ? "button button--secondary" : "button"}
        aria-label={`${t(held ? "adminUsers.revoke" : "adminUsers.grant")}: ${t(`roles.${role}`)}`}
      >
        {t(held ? "adminUsers.revoke" : "adminUsers.grant")}
      </button>
    </Form>
  );
}

export default function AdminUserPage() {
  const { user, roles, agenciesOfUser, associationsOfUser, agencies, associations, history } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const locale = useLocale();
  const to = useLocalePath();
  const historyHref = `${to("/admin/audit")}?${new URLSearchParams({ subjectType: "user", subjectId: String(user.id) })}`;
  return (
    <div className="container page">
      <p>
        <Link to={to("/admin/users")}>← {t("adminUsers.backToList")}</Link>
      </p>
      <header className="page-header">
        <h1>{user.name}</h1>
      </header>

      <section className="section" aria-labelledby="user-details">
        <h2 id="user-details">{t("adminUsers.details")}</h2>
        <dl className="facts">
          <dt>{t("adminUsers.email")}</dt>
          <dd>{user.email}</dd>
          <dt>{t("adminUsers.created")}</dt>
          <dd>{formatDate(user.createdAt, locale)}</dd>
          <dt>{t("adminUsers.confirmed")}</dt>
          <dd>{user.emailVerifiedAt ? `${t("adminUsers.yes")} (${formatDate(user.emailVerifiedAt, locale)})` : t("adminUsers.no")}</dd>
          <dt>{t("adminUsers.locale")}</dt>
          <dd>{t(`adminUsers.localeName.${user.locale}`)}</dd>
        </dl>
      </section>

      <section className="section" aria-labelledby="user-roles">
        <h2 id="user-roles">{t("adminUsers.rolesHeading")}</h2>
        <p className="muted">{t("adminUsers.rolesHelp")}</p>
        <FormErrors errors={actionData && actionData.role === null ? ["adminUsers.errors.badRequest"] : undefined} />
        <ul className="role-list">
          {ROLES.map((role) => {
            const held = roles.includes(role);
            return (
              <li key={role} data-role={role} data-held={held ? "yes" : "no"} className="role-list__item">
                <div>
                  <h3>{t(`roles.${role}`)}</h3>
                  <p className={held ? "role-list__state role-list__state--held" : "role-list__state muted"}>
                    {t(held ? "adminUsers.holds" : "adminUsers.doesNotHold")}
                  </p>
                  {role === "agency" && agenciesOfUser.length > 0 ? (
                    <p className="muted">{t("adminUsers.agencies", { names: agenciesOfUser.join(", ") })}</p>
                  ) : null}
                  {role === "association" && associationsOfUser.length > 0 ? (
                    <p className="muted">{t("adminUsers.associations", { names: associationsOfUser.join(", ") })}</p>
                  ) : null}
                </div>
                <RoleForm
                  // A fresh form after each change, so old errors do not linger on the other state's form.
                  key={`${role}-${held ? "held" : "not"}`}
                  role={role}
                  held={held}
                  lastResult={actionData?.role === role ? actionData.result : undefined}
                  agencies={agencies}
                  associations={associations}
                />
              </li>
            );
          })}
        </ul>
      </section>

      <section className="section" aria-labelledby="user-history">
        <h2 id="user-history">{t("adminUsers.historyHeading")}</h2>
        {history.length === 0 ? (
          <p className="muted">{t("adminUsers.historyEmpty")}</p>
        ) : (
          <AuditTable entries={history} caption={t("adminUsers.historyHeading")} />
        )}
        <p>
          <Link to={historyHref}>{t("adminUsers.historyAll")}</Link>
        </p>
      </section>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);

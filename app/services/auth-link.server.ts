/**
 * Mail that carries a single-use link (auth_tokens): a password reset
 * (password-reset.server.ts) or a new e-mail confirmation link
 * (email-confirmation.server.ts). The token and its mail are written in one
 * transaction: a link is never stored without its mail, nor mailed unstored.
 */
import { issueAuthToken, type AuthTokenPurpose } from "~/models/auth-token.server";
import { inTransaction } from "~/models/common.server";
import { getDb, type DB } from "~/utils/db.server";
import type { Locale } from "~/utils/i18n";
import type { MailTemplateData } from "./mail-templates.server";
import { queueMail } from "./mail.server";

/** The raw token (it exists only in the mail) and when it expires. */
export type IssuedToken = { token: string; expiresAt: string };

/** Issues a `purpose` token for `user` and queues `template`, in the user's language, with the data built from the token. */
export async function mailAuthLink<T extends "passwordReset" | "confirmEmail">(
  args: {
    user: { id: number; email: string; name: string; locale: Locale };
    purpose: AuthTokenPurpose;
    template: T;
    data: (issued: IssuedToken) => MailTemplateData[T];
    now?: Date;
  },
  db: DB = getDb(),
): Promise<void> {
  const { user } = args;
  await inTransaction(db, async (trx) => {
    const issued = await issueAuthToken({ userId: user.id, purpose: args.purpose, now: args.now }, trx);
    await queueMail({ to: user.email, toName: user.name, template: args.template, locale: user.locale, data: args.data(issued) }, trx);
  });
}

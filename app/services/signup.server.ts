import { createArtisan } from "~/models/artisan.server";
import { inTransaction, slugify } from "~/models/common.server";
import { createUser, grantRole } from "~/models/user.server";
import { getDb, type DB } from "~/utils/db.server";
import { hashPassword } from "~/utils/password.server";
import { issueEmailConfirmation } from "./email-confirmation.server";
import { queueMail } from "./mail.server";

export type SignupInput = {
  name: string;
  email: string;
  password: string;
  locale: "id" | "en";
  /** Present when the person ticked "I am a batik artisan". */
  artisan?: { shopName: string; village: string; district: string; regency: "kabupaten" | "kota" } | null;
  now?: Date;
};

/**
 * Creates the account, its role and (for an artisan) a shop whose membership
 * is 'pending' until the association verifies it, and queues the welcome
 * mail with its e-mail confirmation link — all in one transaction, so a failure leaves no half-made account.
 * A taken e-mail is a ModelError("email_taken").
 */
export async function signUp(input: SignupInput, db: DB = getDb()): Promise<{ userId: number; artisanSlug: string | null }> {
  // Hash outside the transaction: scrypt takes a few hundred ms and SQLite has one writer.
  const passwordHash = await hashPassword(input.password);
  return inTransaction(db, async (trx) => {
    const user = await createUser({ email: input.email, name: input.name, passwordHash, locale: input.locale, now: input.now }, trx);
    let artisanSlug: string | null = null;
    if (input.artisan) {
      await grantRole({ userId: user.id, role: "artisan", now: input.now }, trx);
      const shop = await createArtisan(
        {
          slug: await freeSlug(slugify(input.artisan.shopName) || "toko-batik", trx),
          ownerUserId: user.id,
          name: input.artisan.shopName,
          ownerName: input.name,
          village: input.artisan.village.trim(),
          district: input.artisan.district.trim(),
          regency: input.artisan.regency,
          techniques: [],
          now: input.now,
        },
        trx,
      );
      artisanSlug = shop.slug;
    } else {
      await grantRole({ userId: user.id, role: "buyer", now: input.now }, trx);
    }
    // The welcome mail carries the confirmation link: one mail at sign-up, not two.
    const confirmation = await issueEmailConfirmation({ userId: user.id, locale: input.locale, now: input.now }, trx);
    await queueMail(
      { to: user.email, toName: input.name, template: "welcome", locale: input.locale, data: { name: input.name, confirmUrl: confirmation.confirmUrl } },
      trx,
    );
    return { userId: user.id, artisanSlug };
  });
}

/** The slug itself, or the first of slug-2, slug-3 … that no shop uses yet. */
async function freeSlug(base: string, db: DB): Promise<string> {
  const taken = new Set(
    (await db.selectFrom("artisans").select("slug").where((eb) => eb.or([eb("slug", "=", base), eb("slug", "like", `${base}-%`)])).execute()).map(
      (r) => r.slug,
    ),
  );
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

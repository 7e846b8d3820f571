/**
 * The mail of an inquiry thread, queued through the outbox inside the
 * caller's transaction (so a message and its mail commit together):
 * - created: a receipt with the private thread link to the buyer, and a
 *   notice to the shop owner unless the inquiry was filed as spam;
 * - artisan_reply: the reply and the link, to the buyer;
 * - buyer_reply: a notice to the shop owner (not for spam threads).
 * Threads logged from WhatsApp have no buyer e-mail: nothing goes to a buyer.
 * Buyers' mail names the shop only — never its phone or e-mail — and the
 * messages quoted in any mail are defanged (mail-templates.server.ts).
 */
import type { InquiryMailKind } from "~/services/mail-templates.server";
import { getDb, type DB } from "~/utils/db.server";
import { localized, type Locale } from "~/utils/i18n";
import { queueMail } from "./mail.server";

export type InquiryMailEvent = "created" | "artisan_reply" | "buyer_reply";

/** The thread's private page for the buyer (without the language prefix). */
export function guestThreadPath(token: string): string {
  return `/inquiries/${token}`;
}

/** The thread in the artisan's dashboard (without the language prefix). */
export function artisanThreadPath(inquiryId: number): string {
  return `/dashboard/inquiries/${inquiryId}`;
}

export async function queueInquiryMail(args: { inquiryId: number; event: InquiryMailEvent; messageId?: number }, db: DB = getDb()): Promise<void> {
  const inquiry = await db
    .selectFrom("inquiries as i")
    .innerJoin("artisans as a", "a.id", "i.artisan_id")
    .leftJoin("users as o", (join) => join.onRef("o.id", "=", "a.owner_user_id").on("o.deleted_at", "is", null))
    .leftJoin("products as p", "p.id", "i.product_id")
    .leftJoin("events as e", "e.id", "i.event_id")
    .select([
      "i.id",
      "i.token",
      "i.kind",
      "i.status",
      "i.buyer_name",
      "i.buyer_email",
      "i.locale",
      "i.quantity",
      "i.budget",
      "a.name as shop_name",
      "o.email as owner_email",
      "o.name as owner_name",
      "o.locale as owner_locale",
      "p.title_id as product_title_id",
      "p.title_en as product_title_en",
      "e.title_id as event_title_id",
      "e.title_en as event_title_en",
    ])
    .where("i.id", "=", args.inquiryId)
    .executeTakeFirst();
  if (!inquiry) return;

  let messageQuery = db.selectFrom("inquiry_messages").select(["id", "body"]).where("inquiry_id", "=", inquiry.id);
  messageQuery = args.messageId != null ? messageQuery.where("id", "=", args.messageId) : messageQuery.orderBy("created_at").orderBy("id").limit(1);
  const message = await messageQuery.executeTakeFirst();
  if (!message) return;
  const attachments = Number(
    (
      await db
        .selectFrom("inquiry_message_images")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("message_id", "=", message.id)
        .executeTakeFirst()
    )?.n ?? 0,
  );

  const about = (locale: Locale) =>
    inquiry.product_title_id != null
      ? localized(locale, inquiry.product_title_id, inquiry.product_title_en)
      : inquiry.event_title_id != null
        ? localized(locale, inquiry.event_title_id, inquiry.event_title_en)
        : null;
  const buyerLocale: Locale = inquiry.locale === "en" ? "en" : "id";
  const ownerLocale: Locale = inquiry.owner_locale === "en" ? "en" : "id";
  const kind = inquiry.kind as InquiryMailKind;
  const toBuyer = inquiry.buyer_email !== "";
  const toOwner = inquiry.status !== "spam" && inquiry.owner_email != null;

  const notice = async (event: "created" | "buyer_reply") => {
    if (!toOwner) return;
    await queueMail(
      {
        to: inquiry.owner_email!,
        toName: inquiry.owner_name ?? undefined,
        template: "inquiryNotice",
        locale: ownerLocale,
        data: {
          name: inquiry.owner_name ?? inquiry.shop_name,
          shopName: inquiry.shop_name,
          buyerName: inquiry.buyer_name,
          event,
          kind,
          about: about(ownerLocale),
          quantity: inquiry.quantity,
          budget: inquiry.budget,
          message: message.body,
          attachments,
          threadPath: artisanThreadPath(inquiry.id),
        },
      },
      db,
    );
  };

  if (args.event === "created") {
    if (toBuyer) {
      await queueMail(
        {
          to: inquiry.buyer_email,
          toName: inquiry.buyer_name,
          template: "inquiryReceipt",
          locale: buyerLocale,
          data: { name: inquiry.buyer_name, artisanName: inquiry.shop_name, about: about(buyerLocale), kind, message: message.body, threadPath: guestThreadPath(inquiry.token) },
        },
        db,
      );
    }
    await notice("created");
  } else if (args.event === "artisan_reply") {
    if (!toBuyer) return;
    await queueMail(
      {
        to: inquiry.buyer_email,
        toName: inquiry.buyer_name,
        template: "inquiryReply",
        locale: buyerLocale,
        data: { name: inquiry.buyer_name, artisanName: inquiry.shop_name, about: about(buyerLocale), message: message.body, attachments, threadPath: guestThreadPath(inquiry.token) },
      },
      db,
    );
  } else {
    await notice("buyer_reply");
  }
}

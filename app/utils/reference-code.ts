/**
 * The WhatsApp button's reference codes (BB-XXXXXX), as an artisan types
 * them from a chat. Shared by the dashboard form (browser) and the model.
 */

/** No 0/O, 1/I/L (see REFERENCE_ALPHABET in the referral model). */
const BARE_CODE_RE = /^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{6}$/;

/** A reference code in any case, spaces ignored, the "BB-" optional → "BB-XXXXXX"; null when it cannot be one. */
export function normaliseReferenceCode(raw: string): string | null {
  const text = raw.replace(/\s+/g, "").toUpperCase();
  const bare = text.startsWith("BB-") ? text.slice(3) : text.startsWith("BB") && text.length === 8 ? text.slice(2) : text;
  return BARE_CODE_RE.test(bare) ? `BB-${bare}` : null;
}

/**
 * Building the wa.me link of the WhatsApp button. Pure functions: the route
 * ($lang).artisans.$slug.whatsapp logs the click and redirects to the result,
 * so the artisan's number is only ever in that redirect's Location header,
 * never in a page.
 */

/** Shortest and longest international number (E.164 allows up to 15 digits). */
const MIN_DIGITS = 8;
const MAX_DIGITS = 15;

/**
 * A phone number as the international digits wa.me wants: spaces, dashes,
 * dots, brackets and a leading + removed; an Indonesian national number
 * (08…) becomes 628…, and 8… (the 0 left out) likewise. Null when what is
 * left is not a plausible number.
 */
export function normaliseIndonesianNumber(raw: string): string | null {
  let digits = raw.trim().replace(/[\s\-.()]/g, "");
  if (digits.startsWith("+")) digits = digits.slice(1);
  else if (digits.startsWith("00")) digits = digits.slice(2);
  else if (digits.startsWith("0")) digits = `62${digits.slice(1)}`;
  else if (digits.startsWith("8")) digits = `62${digits}`;
  if (!/^[0-9]+$/.test(digits)) return null;
  if (digits.length < MIN_DIGITS || digits.length > MAX_DIGITS) return null;
  return digits;
}

/** `https://wa.me/<digits>?text=<message>`; throws for a number that cannot be normalised (a data error, not input). */
export function waMeUrl(args: { number: string; text: string }): string {
  const digits = normaliseIndonesianNumber(args.number);
  if (!digits) throw new Error("Not a usable WhatsApp number");
  return `https://wa.me/${digits}?text=${encodeURIComponent(args.text)}`;
}

/**
 * Constants of the indicators that pages render too (the browser bundle
 * cannot import *.server modules): the kinds and sources of inquiries, in
 * the order the tables list them, and the longest range of months.
 */
import type { InquiryKind, InquirySource } from "~/models/inquiry.server";

export const INQUIRY_KINDS: readonly InquiryKind[] = ["product", "custom", "wholesale", "exhibition"];
export const INQUIRY_SOURCES: readonly InquirySource[] = ["product_page", "artisan_page", "event_page", "search", "link", "whatsapp", "direct"];

/** The longest range the statistics answer at once (three years of months). */
export const MAX_MONTHS = 36;

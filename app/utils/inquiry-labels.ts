/**
 * Translation keys of an inquiry's kind, state and source.
 * TEMPORARY: they point at copies in the "inbox" locale section until the
 * asking side's "inquiries" section (inquiries.kinds/statuses/sources) is on
 * main; then set LABELS to "inquiries" and delete inbox.kinds, inbox.statuses
 * and inbox.sources from both locale files.
 */
const LABELS = "inbox";

export const kindKey = (kind: string) => `${LABELS}.kinds.${kind}`;
export const statusKey = (status: string) => `${LABELS}.statuses.${status}`;
export const sourceKey = (source: string) => `${LABELS}.sources.${source}`;

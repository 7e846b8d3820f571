/** Translation keys of an inquiry's kind, state and source (one set for the buyer's and the artisan's pages). */
const LABELS = "inquiries";

export const kindKey = (kind: string) => `${LABELS}.kinds.${kind}`;
export const statusKey = (status: string) => `${LABELS}.statuses.${status}`;
export const sourceKey = (source: string) => `${LABELS}.sources.${source}`;

/** The audit page's filter parameters (GET), shared by the page, its CSV export and the server-side parser. */
export const AUDIT_FILTER_KEYS = ["action", "actor", "subjectType", "subjectId", "from", "to"] as const;
export type AuditFilterKey = (typeof AUDIT_FILTER_KEYS)[number];
export type AuditQuery = { [K in AuditFilterKey]?: string };

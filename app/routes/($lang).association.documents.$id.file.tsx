import type { LoaderFunctionArgs } from "@remix-run/node";
import { listAssociationsOfUser } from "~/models/association.server";
import { getDocumentFileKey } from "~/models/shop-facts.server";
import { documentFileResponse, readDocumentFile } from "~/services/document-files.server";
import { requireRole } from "~/utils/auth.server";
import { idParam } from "~/utils/dashboard.server";

/**
 * The scan of a document for an association officer: only documents of the
 * shops they may verify (their associations' shops and unassigned ones, as
 * in the verification queue); anything else is a 404.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "association");
  const id = idParam(params.id);
  const associationIds = (await listAssociationsOfUser({ userId: user.id })).map((a) => a.id);
  if (!associationIds.length) throw new Response("Not linked to an association", { status: 403 });
  const found = await getDocumentFileKey({ documentId: id, associationIds });
  const file = found ? await readDocumentFile(found.fileKey) : null;
  if (!found || !file) throw new Response("Not Found", { status: 404 });
  return documentFileResponse(file, `${found.kind}-${found.number}`);
}

import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDocumentFileKey } from "~/models/shop-facts.server";
import { documentFileResponse, readDocumentFile } from "~/services/document-files.server";
import { idParam, requireArtisanShop } from "~/utils/dashboard.server";

/**
 * The scan of one of the shop's own documents. Another shop's document, a
 * document without a file and an unknown id are all a 404 (ids do not leak).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { shop } = await requireArtisanShop(request);
  const id = idParam(params.id);
  const found = await getDocumentFileKey({ documentId: id, artisanId: shop.id });
  const file = found ? await readDocumentFile(found.fileKey) : null;
  if (!found || !file) throw new Response("Not Found", { status: 404 });
  return documentFileResponse(file, `${found.kind}-${found.number}`);
}

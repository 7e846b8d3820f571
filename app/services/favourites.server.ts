/**
 * What a page needs to draw the favourite button: null for an anonymous
 * visitor (the page shows "log in to save"), otherwise whether the person
 * saved this thing.
 */
import { isFavourite, type FavouriteKind } from "~/models/favourite.server";
import { getUserId } from "~/utils/session.server";

export async function favouriteState(request: Request, target: { kind: FavouriteKind; id: number }): Promise<boolean | null> {
  const userId = await getUserId(request);
  return userId === null ? null : isFavourite({ userId, ...target });
}

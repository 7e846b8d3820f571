import { Link, useFetcher, useLocation } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { FavouriteActionData } from "~/routes/($lang).favourites";
import { useLocalePath } from "~/utils/use-locale";

type Props = {
  kind: "product" | "artisan";
  id: number;
  /** From the page's loader: null for an anonymous visitor, else whether it is saved. */
  saved: boolean | null;
  /** What is being saved, for screen readers ("Save Kain Kawung"). */
  name: string;
};

/**
 * Save / unsave a product or an artisan. A plain form (POST /favourites,
 * then back here with a flash) without JavaScript; with JavaScript a fetcher
 * that flips the button at once (optimistic) and keeps the page where it is.
 * Anonymous visitors get a link to log in and come back.
 * Give it `key={`${kind}-${id}`}` so moving to another item starts afresh.
 */
export function FavouriteButton({ kind, id, saved, name }: Props) {
  const { t } = useTranslation();
  const to = useLocalePath();
  const location = useLocation();
  const fetcher = useFetcher<FavouriteActionData>();
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const here = `${location.pathname}${location.search}`;

  if (saved === null) {
    return (
      <p className="favourite favourite--anonymous">
        <Link to={`${to("/login")}?${new URLSearchParams({ redirectTo: here })}`}>{t("favourites.logInToSave")}</Link>
      </p>
    );
  }

  // Pending submission first (optimistic), then the last answer, then the loader's value.
  const pendingIntent = fetcher.formData?.get("intent");
  const current = pendingIntent ? pendingIntent === "add" : fetcher.data && !fetcher.data.error ? fetcher.data.favourite : saved;
  const error = fetcher.state === "idle" ? fetcher.data?.error : undefined;

  return (
    <fetcher.Form method="post" action={to("/favourites")} className="favourite">
      <input type="hidden" name="intent" value={current ? "remove" : "add"} />
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="redirectTo" value={here} />
      {hydrated ? <input type="hidden" name="fetcher" value="1" /> : null}
      <button type="submit" className={`button button--small favourite__button${current ? "" : " button--secondary"}`} aria-pressed={current}>
        <span aria-hidden="true" className="favourite__icon">
          {current ? "♥" : "♡"}
        </span>
        {current ? t("favourites.saved") : t("favourites.save")}
        <span className="visually-hidden">: {name}</span>
      </button>
      {error ? (
        <span className="field__error" role="alert">
          {t(error)}
        </span>
      ) : null}
    </fetcher.Form>
  );
}

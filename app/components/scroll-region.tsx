import type { ReactNode } from "react";

/**
 * A wide table's sideways-scrolling wrapper (`.table-scroll`) as a named
 * region that takes keyboard focus, so someone without a mouse can scroll
 * it on a phone (WCAG 2.1.1; axe's scrollable-region-focusable).
 */
export function ScrollRegion({ labelledBy, children }: { labelledBy: string; children: ReactNode }) {
  return (
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrolling region must be focusable to be scrolled by keyboard
    <div className="table-scroll" role="region" aria-labelledby={labelledBy} tabIndex={0}>
      {children}
    </div>
  );
}

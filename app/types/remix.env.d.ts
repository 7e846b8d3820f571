/// <reference types="@remix-run/dev" />
/// <reference types="@remix-run/node" />
import "@remix-run/node";
import type { DataFunctionArgs } from "@remix-run/node";

declare module "@remix-run/server-runtime" {
  interface Future {
    v3_singleFetch: true;
  }
  /** Set by scripts/server.ts; absent when a loader runs outside Express (tests). */
  interface AppLoadContext {
    clientIp?: string;
  }
}

export type { DataFunctionArgs };

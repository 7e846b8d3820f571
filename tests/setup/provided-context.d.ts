// Values the global setup hands to test files through Vitest's provide/inject.
import "vitest";

declare module "vitest" {
  export interface ProvidedContext {
    /** This run's directory for test databases and uploads. */
    testRunDir: string;
  }
}

import type { Host } from "../../host/host";

export type Engine = typeof import("../lazy/engine");
export type Files = typeof import("../lazy/file-host");
export type ImportSource = typeof import("../lazy/import-source");
export type Deck = typeof import("../lazy/deck");
export type Returns = typeof import("../lazy/returns");

/** Caches a dynamic import; forgets a failed one so that a retry loads again. */
function cached<T>(load: () => Promise<T>): { get: () => Promise<T>; now: () => T | null } {
  let promise: Promise<T> | null = null;
  let value: T | null = null;
  return {
    get() {
      if (!promise) {
        promise = load().then(
          (v) => (value = v),
          (e: unknown) => {
            promise = null;
            throw e;
          }
        );
      }
      return promise;
    },
    now: () => value,
  };
}

const engine = cached<Engine>(() => import(/* webpackChunkName: "engine" */ "../lazy/engine"));
const files = cached<Files>(() => import(/* webpackChunkName: "files" */ "../lazy/file-host"));
const importSource = cached<ImportSource>(
  () => import(/* webpackChunkName: "importer" */ "../lazy/import-source")
);
const deck = cached<Deck>(() => import(/* webpackChunkName: "deck" */ "../lazy/deck"));

const returns = cached<Returns>(() => import(/* webpackChunkName: "returns" */ "../lazy/returns"));

export const loadEngine = engine.get;
export const loadReturns = returns.get;
/** The engine if it has loaded already (for re-telling findings in another language). */
export const engineNow = engine.now;
export const loadFiles = files.get;
export const loadImportSource = importSource.get;
/** The briefing deck writer (pptxgenjs), in its own chunk. */
export const loadDeck = deck.get;

/** Inside Excel only: check as you type (its listener and the incremental engine), in its own chunk. */
export function loadLiveCheck(): Promise<typeof import("../../excel/live-check")> {
  return import(/* webpackChunkName: "live-check" */ "../../excel/live-check");
}

/** Inside Excel only: the Office host, in its own chunk. */
export async function createOfficeHost(): Promise<Host> {
  const { OfficeHost } = await import(
    /* webpackChunkName: "office-host" */ "../../excel/office-host"
  );
  return new OfficeHost();
}

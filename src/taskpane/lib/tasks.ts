import type { CellTarget, Host, Progress } from "../../host/host";
import type { PlannerTables, TableData } from "../../model/schema";
import type { WorkbookPlan } from "../../plan/types";

/** The steps the pane names while long work runs (keys of the catalogue). */
export type StepKey =
  "stepReading" | "stepWriting" | "stepOpening" | "stepSaving" | "stepImporting" | "stepLoading";

export interface StepReport {
  (step: StepKey, done?: number, total?: number): void;
}

export function isAbort(e: unknown): boolean {
  return (
    (typeof DOMException !== "undefined" && e instanceof DOMException && e.name === "AbortError") ||
    (e instanceof Error && e.name === "AbortError")
  );
}

export function abortError(): Error {
  const e = new Error("Cancelled");
  e.name = "AbortError";
  return e;
}

export function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw abortError();
}

/** Lets the browser paint and handle a Cancel click before the next step. */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Settles with `work`, or rejects with AbortError as soon as the signal fires. Used where the
 * work cannot be interrupted (ExcelJS reading a file): the pane drops the result and keeps what
 * it had.
 */
export function abortable<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(abortError());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortError());
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(
      (v) => {
        signal.removeEventListener("abort", onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(e);
      }
    );
  });
}

/**
 * A Host that checks the AbortSignal before every call and at every progress report, yields to
 * the browser between calls (so the progress bar paints and Cancel can be clicked), and reports
 * each step. Work stops at the next call after Cancel: a call already made finishes whole, a
 * call not yet made never starts.
 */
export function guardHost(host: Host, signal: AbortSignal, report: StepReport): Host {
  const before = async (step: StepKey) => {
    throwIfAborted(signal);
    report(step);
    await nextTask();
    throwIfAborted(signal);
  };
  const progressFor =
    (step: StepKey, outer?: Progress): Progress =>
    (done, total, label) => {
      throwIfAborted(signal);
      report(step, done, total);
      outer?.(done, total, label);
    };
  // The optional members stay absent where the host has none: the pane asks whether they exist.
  const restore = host.restoreTable?.bind(host);
  const openCopy = host.openCopy?.bind(host);
  return {
    kind: host.kind,
    async readTables(): Promise<PlannerTables> {
      await before("stepReading");
      const tables = await host.readTables();
      throwIfAborted(signal); // cancelled while reading: the pane drops what it read
      return tables;
    },
    async applyPlan(plan: WorkbookPlan, progress?: Progress): Promise<void> {
      await before("stepWriting");
      await host.applyPlan(plan, progressFor("stepWriting", progress));
      throwIfAborted(signal);
    },
    async writeTable(table: TableData, progress?: Progress): Promise<void> {
      await before("stepWriting");
      await host.writeTable(table, progressFor("stepWriting", progress));
      throwIfAborted(signal);
    },
    async select(target: CellTarget): Promise<void> {
      await host.select(target);
    },
    async exportXlsx(): Promise<Uint8Array> {
      await before("stepSaving");
      return abortable(host.exportXlsx(), signal);
    },
    ...(restore && {
      async restoreTable(): Promise<string | null> {
        await before("stepWriting");
        const name = await restore();
        throwIfAborted(signal);
        return name;
      },
    }),
    ...(openCopy && {
      async openCopy(bytes: Uint8Array): Promise<void> {
        await before("stepSaving");
        await openCopy(bytes);
      },
    }),
  };
}

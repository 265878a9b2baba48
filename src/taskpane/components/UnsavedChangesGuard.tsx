import { useEffect } from "react";
import { usePane } from "../state";

/**
 * File mode keeps the workbook in the page: closing or reloading the tab with changes not yet
 * downloaded loses them, so the browser asks first (its own wording; browsers ignore ours).
 */
export function UnsavedChangesGuard() {
  const { mode, host, changed } = usePane();
  const unsaved = mode === "file" && host !== null && changed;
  useEffect(() => {
    if (!unsaved) return;
    const warn = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      // Older Chromium (and Office's webviews) still want returnValue set.
      e.returnValue = "";
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [unsaved]);
  return null;
}

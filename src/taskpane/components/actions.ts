import { useCallback } from "react";
import { baseName, downloadBytes, XLSX_MIME } from "../lib/download";
import { usePane } from "../state";

/** Builds the workbook file from the host and downloads it (file mode's "Download workbook"). */
export function useWorkbookDownload(): () => Promise<void> {
  const pane = usePane();
  const { run, dispatch, setNotice, fileName } = pane;
  return useCallback(async () => {
    const bytes = await run(({ host }) => host.exportXlsx(), { first: "stepSaving" });
    if (!bytes) return;
    const name = `${baseName(fileName, "policy-planner")}.xlsx`;
    downloadBytes(bytes, name, XLSX_MIME);
    dispatch({ type: "saved" });
    setNotice((t) => t.exported(name));
  }, [run, dispatch, setNotice, fileName]);
}

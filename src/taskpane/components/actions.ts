import { useCallback } from "react";
import { downloadBytes, XLSX_MIME } from "../lib/download";
import { datedFileName } from "../lib/file-names";
import { usePane } from "../state";

/** Builds the workbook file from the host and downloads it (file mode's "Download workbook"). */
export function useWorkbookDownload(): () => Promise<void> {
  const pane = usePane();
  const { run, dispatch, setNotice, fileName } = pane;
  return useCallback(async () => {
    const bytes = await run(({ host }) => host.exportXlsx(), { first: "stepSaving" });
    if (!bytes) return;
    const name = datedFileName(fileName, "policy-planner", "xlsx");
    downloadBytes(bytes, name, XLSX_MIME);
    dispatch({ type: "saved" });
    setNotice((t) => t.exported(name));
  }, [run, dispatch, setNotice, fileName]);
}

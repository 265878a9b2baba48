import { useCallback } from "react";
import type { Host } from "../../host/host";
import { XLSX_MIME } from "../lib/download";
import { deliver, paneDeliveryMeans, type Delivered } from "../lib/deliver";
import { datedFileName } from "../lib/file-names";
import { usePane, type Notice } from "../state";

/** What the pane says once a file has gone (or not) to the planner: only what really happened. */
export function deliveredNotice(d: Delivered): Notice {
  switch (d.how) {
    case "downloaded":
      return (t) => t.exported(d.name);
    case "opened":
      return (t) => t.openedCopyNoDownload(d.name);
    case "copied":
      return (t) => t.copiedNoDownload(d.name);
    case "toCopy":
      return (t) => t.toCopyNoDownload(d.name);
    case "browser":
      return (t) => t.openedBrowserNoDownload;
  }
}

/** The means of this webview, with the host's Excel.createWorkbook where it has one. */
export function deliveryMeansFor(host: Host) {
  return paneDeliveryMeans(host.openCopy?.bind(host));
}

/** Builds the workbook file from the host and hands it to the planner (file mode's "Download workbook"). */
export function useWorkbookDownload(): () => Promise<void> {
  const pane = usePane();
  const { run, dispatch, setNotice, fileName } = pane;
  return useCallback(async () => {
    const delivered = await run(
      async ({ host }) => {
        const bytes = await host.exportXlsx();
        const name = datedFileName(fileName, "policy-planner", "xlsx");
        return deliver({ name, mime: XLSX_MIME, content: bytes }, deliveryMeansFor(host));
      },
      { first: "stepSaving" }
    );
    if (!delivered) return;
    // Only a real download saves the planner's file; a copy in Excel or the browser does not yet.
    if (delivered.how === "downloaded") dispatch({ type: "saved" });
    setNotice(deliveredNotice(delivered));
  }, [run, dispatch, setNotice, fileName]);
}

import { downloadBytes, XLSX_MIME } from "./download";
import { downloadsWork, officePlatform, openInBrowser } from "./office";

/**
 * Getting an exported file to the planner, and saying only what really happened. A download
 * where the webview can download; where it cannot (Excel on Mac and iPad), what works there:
 * an .xlsx opened as a new Excel workbook (Excel.createWorkbook) to save from Excel, CSV/JSON
 * copied to the clipboard or shown as text to copy, and otherwise the planner in the browser
 * (file mode), where downloads work.
 */
export type Delivered =
  /** Handed to the browser's downloads. */
  | { how: "downloaded"; name: string }
  /** Opened in Excel as a new, unsaved workbook. */
  | { how: "opened"; name: string }
  /** On the clipboard. */
  | { how: "copied"; name: string }
  /** Nothing saved: the text is for the pane to show, to copy by hand. */
  | { how: "toCopy"; name: string; text: string }
  /** Nothing saved: the planner opened in the browser, to do it there. */
  | { how: "browser"; name: string };

export interface ExportFile {
  name: string;
  mime: string;
  /** The file's content: text for CSV/JSON, bytes for .xlsx. */
  content: string | Uint8Array;
}

/** What this webview and Office offer; tests pass their own. */
export interface DeliveryMeans {
  canDownload: boolean;
  download(content: string | Uint8Array, name: string, mime: string): void;
  /** Excel.createWorkbook through the Office host (absent in file mode). */
  openCopy?: (bytes: Uint8Array) => Promise<void>;
  copyText?: (text: string) => Promise<void>;
  /** Opens the planner's own page in the browser; false when Office cannot. */
  openPlannerInBrowser?: () => boolean;
}

export async function deliver(file: ExportFile, means: DeliveryMeans): Promise<Delivered> {
  const { name, content } = file;
  if (means.canDownload) {
    means.download(content, name, file.mime);
    return { how: "downloaded", name };
  }
  if (typeof content === "string" || file.mime !== XLSX_MIME) {
    // CSV comes as UTF-8 bytes with a BOM (for Excel); as text to paste, without it.
    const text = typeof content === "string" ? content : new TextDecoder().decode(content);
    if (means.copyText) {
      try {
        await means.copyText(text);
        return { how: "copied", name };
      } catch {
        // The clipboard needs focus and permission; the text is shown instead.
      }
    }
    return { how: "toCopy", name, text };
  }
  if (means.openCopy) {
    await means.openCopy(content);
    return { how: "opened", name };
  }
  if (means.openPlannerInBrowser?.()) return { how: "browser", name };
  throw new Error(
    `This version of Excel cannot save ${name} from the add-in. Open the planner in a web browser (the address of this pane, taskpane.html) and export it there.`
  );
}

/** The means of the webview the pane runs in. */
export function paneDeliveryMeans(openCopy?: (bytes: Uint8Array) => Promise<void>): DeliveryMeans {
  const clipboard = typeof navigator !== "undefined" ? navigator.clipboard : undefined;
  return {
    canDownload: downloadsWork(officePlatform()),
    download: downloadBytes,
    openCopy,
    copyText: clipboard?.writeText ? (text) => clipboard.writeText(text) : undefined,
    openPlannerInBrowser: () =>
      typeof window !== "undefined" && openInBrowser(window.location.href.split(/[?#]/)[0]),
  };
}

/**
 * Ribbon function commands (FunctionFile commands.html): "Validate" and "Refresh summary".
 *
 * A function command has no UI of its own. Excel offers it one documented way to tell the
 * planner what happened: a dialog (Office.context.ui.displayDialogAsync; the Office docs call
 * it "a good way to display an error, show progress"). Outlook's notification messages do not
 * exist in Excel. So each command runs the same operation as the task pane (src/host/
 * operations.ts over the OfficeHost), brings the sheet with the results to the front, and
 * shows a short result in a small dialog — this same page, opened with `?dialog` — that the
 * planner closes. `event.completed()` is always called, in a finally, once the dialog is closed
 * (or could not open, or the command's 5 minutes from invocation are nearly up), so Excel never
 * waits on a command.
 */
import { OfficeHost } from "../excel/office-host";
import { NoMeasuresTableError } from "../host/errors";
import { buildSummary, checkWorkbook } from "../host/operations";
import type { Language } from "../model/types";
import type { Severity } from "../rules/finding";

interface Message {
  title: string;
  lines: string[];
  ok: boolean;
}

const TEXT = {
  en: {
    app: "Policy Planner",
    validated: "Validation finished",
    summarised: "Summary, Briefing and Validation rebuilt",
    counts: (e: number, w: number, i: number) => `${e} errors, ${w} warnings, ${i} notes.`,
    clean: "No problems found.",
    noMeasures:
      "This workbook has no Measures table, so nothing was checked or written. Open the Policy Planner pane and choose Set up ▸ Create or repair tables first.",
    seeValidation: "The Validation sheet lists them; the cells are highlighted in the tables.",
    seeSummary: "The Summary sheet is up to date.",
    failed: "Could not finish",
    close: "Close",
  },
  km: {
    app: "កម្មវិធីរៀបចំផែនការគោលនយោបាយ",
    validated: "ការត្រួតពិនិត្យបានបញ្ចប់",
    summarised: "សន្លឹក Summary, Briefing និង Validation ត្រូវបានបង្កើតឡើងវិញ",
    counts: (e: number, w: number, i: number) => `កំហុស ${e}, ការព្រមាន ${w}, ព័ត៌មាន ${i}។`,
    clean: "រកមិនឃើញបញ្ហាទេ។",
    noMeasures:
      "សៀវភៅបញ្ជីនេះគ្មានតារាង Measures ទេ ដូច្នេះគ្មានអ្វីត្រូវបានពិនិត្យ ឬសរសេរទេ។ សូមបើកផ្ទាំង Policy Planner ហើយជ្រើសរើស Set up ▸ Create or repair tables ជាមុនសិន។",
    seeValidation: "សន្លឹក Validation រាយបញ្ជីវា ហើយក្រឡាត្រូវបានបន្លិចនៅក្នុងតារាង។",
    seeSummary: "សន្លឹក Summary ត្រូវបានធ្វើបច្ចុប្បន្នភាព។",
    failed: "មិនអាចបញ្ចប់បានទេ",
    close: "បិទ",
  },
} as const;

/** Office's UI language, when it is Khmer; English otherwise. */
export function language(): Language {
  const lang = typeof Office !== "undefined" ? (Office.context?.displayLanguage ?? "") : "";
  return lang.toLowerCase().startsWith("km") ? "km" : "en";
}

export function countsText(counts: Record<Severity, number>, lang: Language): string {
  return counts.error + counts.warning + counts.info === 0
    ? TEXT[lang].clean
    : TEXT[lang].counts(counts.error, counts.warning, counts.info);
}

/** Brings a sheet to the front (best effort: the results are there even if this fails). */
async function activate(sheet: string): Promise<void> {
  try {
    await Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItemOrNullObject(sheet);
      await context.sync();
      if (!ws.isNullObject) {
        ws.activate();
        await context.sync();
      }
    });
  } catch {
    // not worth a second error
  }
}

/** This page's address opened as a dialog showing `message`. */
export function dialogUrl(base: string, message: Message): string {
  const url = new URL(base);
  // In the query, not the hash: displayDialogAsync mishandles "#" on some platforms (office-js #3057).
  url.search = `?dialog=1&m=${encodeURIComponent(JSON.stringify(message))}`;
  url.hash = "";
  return url.toString();
}

/**
 * Office closes a function command's runtime 5 minutes after the button was pressed, dialog
 * included (docs/design/add-in-commands.md: "when either the function completes or 5 minutes
 * have passed"). The clock starts at invocation: the work and the dialog share it.
 */
export const COMMAND_LIMIT_MS = 5 * 60 * 1000;
/** Finish this long before Office would, so that event.completed() is ours. */
const MARGIN_MS = 20 * 1000;
/** A dialog with less time than this left would vanish before it is read: skip it. */
const MIN_DIALOG_MS = 10 * 1000;

/** When a command invoked at `invokedAt` must have closed its dialog and completed. */
export function commandDeadline(invokedAt: number): number {
  return invokedAt + COMMAND_LIMIT_MS - MARGIN_MS;
}

/** Shows the message in a dialog and resolves when the planner closes it, it cannot open, or the command's time is up. */
export function notify(message: Message, deadline = commandDeadline(Date.now())): Promise<void> {
  return new Promise((resolve) => {
    if (typeof Office === "undefined" || !Office.context?.ui) return resolve();
    const url = dialogUrl(window.location.href, message);
    let done = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const finish = (dialog?: Office.Dialog) => {
      if (done) return;
      done = true;
      if (timer !== undefined) clearTimeout(timer);
      try {
        dialog?.close();
      } catch {
        // already closed
      }
      resolve();
    };
    Office.context.ui.displayDialogAsync(
      url,
      { height: 30, width: 30, displayInIframe: true },
      (result) => {
        if (result.status !== Office.AsyncResultStatus.Succeeded) return finish();
        const dialog = result.value;
        dialog.addEventHandler(Office.EventType.DialogMessageReceived, () => finish(dialog));
        dialog.addEventHandler(Office.EventType.DialogEventReceived, () => finish(dialog));
        // A function command's runtime lives 5 minutes from invocation: close before Excel does.
        timer = setTimeout(() => finish(dialog), Math.max(0, deadline - Date.now()));
      }
    );
  });
}

async function runCommand(
  event: Office.AddinCommands.Event,
  work: (lang: Language) => Promise<Message>
): Promise<void> {
  const deadline = commandDeadline(Date.now());
  const lang = language();
  try {
    let message: Message;
    try {
      message = await work(lang);
    } catch (e) {
      const line =
        e instanceof NoMeasuresTableError
          ? TEXT[lang].noMeasures
          : e instanceof Error
            ? e.message
            : String(e);
      message = { title: TEXT[lang].failed, lines: [line], ok: false };
    }
    // The results are on the sheets whatever happens here; the dialog only says so.
    if (deadline - Date.now() >= MIN_DIALOG_MS) await notify(message, deadline);
  } finally {
    event.completed();
  }
}

export async function validate(event: Office.AddinCommands.Event): Promise<void> {
  await runCommand(event, async (lang) => {
    const { findings, counts } = await checkWorkbook(new OfficeHost(), { language: lang });
    await activate("Validation");
    return {
      title: TEXT[lang].validated,
      lines: [countsText(counts, lang), findings.length > 0 ? TEXT[lang].seeValidation : ""].filter(
        Boolean
      ),
      ok: true,
    };
  });
}

export async function refreshSummary(event: Office.AddinCommands.Event): Promise<void> {
  await runCommand(event, async (lang) => {
    const { counts } = await buildSummary(new OfficeHost(), { language: lang });
    await activate("Summary");
    return {
      title: TEXT[lang].summarised,
      lines: [countsText(counts, lang), TEXT[lang].seeSummary],
      ok: true,
    };
  });
}

/** Dialog mode: this page opened by `notify` shows the message and a Close button. */
function renderDialog(): void {
  let message: Message = { title: TEXT.en.app, lines: [], ok: true };
  try {
    message = JSON.parse(new URLSearchParams(window.location.search).get("m") ?? "") as Message;
  } catch {
    // show the bare title
  }
  const lang = language();
  document.title = TEXT[lang].app;
  const body = document.body;
  body.style.fontFamily = "'Segoe UI', 'Khmer OS Siemreap', 'Noto Sans Khmer', sans-serif";
  body.style.margin = "16px";
  const h = document.createElement("h1");
  h.textContent = message.title;
  h.style.fontSize = "18px";
  h.style.color = message.ok ? "#1F4E79" : "#A4262C";
  body.appendChild(h);
  for (const line of message.lines) {
    const p = document.createElement("p");
    p.textContent = line;
    body.appendChild(p);
  }
  const button = document.createElement("button");
  button.textContent = TEXT[lang].close;
  button.addEventListener("click", () => Office.context.ui.messageParent("close"));
  body.appendChild(button);
  button.focus();
}

if (typeof Office !== "undefined") {
  void Office.onReady(() => {
    if (
      typeof window !== "undefined" &&
      new URLSearchParams(window.location.search).has("dialog")
    ) {
      renderDialog();
      return;
    }
    Office.actions.associate(
      "validate",
      (event: Office.AddinCommands.Event) => void validate(event)
    );
    Office.actions.associate(
      "refreshSummary",
      (event: Office.AddinCommands.Event) => void refreshSummary(event)
    );
  });
}

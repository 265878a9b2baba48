import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";

export function hasSoffice(): boolean {
  return spawnSync("soffice", ["--version"], { encoding: "utf8" }).status === 0;
}

/**
 * A throwaway LibreOffice profile. With `recalculate`, OOXML formulas are recalculated on load
 * (OOXMLRecalcMode 0); by default LibreOffice keeps the cached values of an .xlsx.
 */
export function sofficeProfile(recalculate: boolean): string {
  const profile = mkdtempSync(join(tmpdir(), "lo-profile-"));
  if (recalculate) {
    mkdirSync(join(profile, "user"), { recursive: true });
    writeFileSync(
      join(profile, "user", "registrymodifications.xcu"),
      `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`
    );
  }
  return profile;
}

/** Converts with LibreOffice headless in a throwaway profile; returns the output folder. */
export function sofficeConvert(file: string, to: string, recalculate = false): string {
  const out = mkdtempSync(join(tmpdir(), "lo-out-"));
  const profile = sofficeProfile(recalculate);
  const r = spawnSync(
    "soffice",
    [
      `-env:UserInstallation=file://${profile}`,
      "--headless",
      "--convert-to",
      to,
      "--outdir",
      out,
      file,
    ],
    {
      encoding: "utf8",
      timeout: 120_000,
    }
  );
  if (r.status !== 0) throw new Error(`soffice failed: ${r.stderr}`);
  return out;
}

/** Every sheet of a workbook as CSV text, by sheet name; `recalculate` makes LibreOffice recompute formulas. */
export function sofficeSheetsAsCsv(file: string, recalculate = false): Record<string, string> {
  const out = sofficeConvert(
    file,
    "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
    recalculate
  );
  const stem = basename(file).replace(/\.[^.]+$/, "");
  const sheets: Record<string, string> = {};
  for (const f of readdirSync(out)) {
    if (f.startsWith(`${stem}-`) && f.endsWith(".csv"))
      sheets[f.slice(stem.length + 1, -4)] = readFileSync(join(out, f), "utf8");
  }
  return sheets;
}

/** Minimal RFC 4180 CSV parse for checking what LibreOffice wrote. */
export function parseCsvText(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

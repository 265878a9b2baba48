/**
 * The finding marks refer to another sheet (Validation!$H:$H), which Office allows only in the
 * x14 extension ([MS-OI29500] 3.2.3.1.2: a conditional-formatting formula in the standard block
 * "shall not use 3-D references"; [MS-XLSX] 2.6.1, 2.2.4.12: x14:conditionalFormattings in the
 * worksheet's extLst). The file host writes them there, as Excel does, replaces them on the next
 * check, and keeps the planner's own x14 rules (as Excel writes them) beside them.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import { checkWorkbook, setupWorkbook } from "../../src/host/operations";
import { FileHost } from "../../src/io/file-host";
import { sheetXml, x14Rules } from "../helpers/xlsx-xml";

const USER_RULE_ID = "{0A1B2C3D-0000-4000-8000-00000000BEEF}";

/** A cross-sheet rule of the planner's own, in the form Excel 2010+ saves it. */
function excelStyleRule(sqref: string): string {
  return (
    `<x14:conditionalFormatting xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">` +
    `<x14:cfRule type="expression" priority="7" id="${USER_RULE_ID}"><xm:f>Goals!$A$2="I"</xm:f>` +
    `<x14:dxf><font><b/></font></x14:dxf></x14:cfRule><xm:sqref>${sqref}</xm:sqref></x14:conditionalFormatting>`
  );
}

async function withUserRule(bytes: Uint8Array, sheet: string): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await sheetXml(bytes, sheet);
  const part = Object.keys(zip.files).find(
    (p) => p.startsWith("xl/worksheets/sheet") && zip.files[p] && p.endsWith(".xml")
  );
  // find the part holding this sheet's XML
  let target = part!;
  for (const p of Object.keys(zip.files))
    if (
      p.startsWith("xl/worksheets/") &&
      p.endsWith(".xml") &&
      (await zip.file(p)!.async("string")) === xml
    )
      target = p;
  const ext = `<extLst><ext uri="{78C0D931-6437-407d-A8EE-F0AAD7539E65}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:conditionalFormattings>${excelStyleRule("M2:M9")}</x14:conditionalFormattings></ext></extLst>`;
  const withoutExt = xml.replace(/<extLst>[\s\S]*<\/extLst>/, "");
  const inner =
    /<x14:conditionalFormattings>([\s\S]*?)<\/x14:conditionalFormattings>/.exec(xml)?.[1] ?? "";
  zip.file(
    target,
    withoutExt.replace(
      "</worksheet>",
      ext.replace("</x14:conditionalFormattings>", inner + "</x14:conditionalFormattings>") +
        "</worksheet>"
    )
  );
  return zip.generateAsync({ type: "uint8array" });
}

test("marks are written as Excel writes cross-sheet rules: x14 extension, formula in xm:f, fill inline, none left in the standard block", async () => {
  const host = FileHost.blank();
  await setupWorkbook(host, "despf", 2021);
  await checkWorkbook(host, { asOfYear: 2021 });
  const bytes = await host.exportXlsx();
  const xml = await sheetXml(bytes, "Measures");
  expect(xml).not.toMatch(/<conditionalFormatting\b[^>]*>[\s\S]*?PolicyPlannerMark/);
  // the extension list is the worksheet's last child, under the conditional-formatting ext uri
  expect(xml).toMatch(
    /<extLst><ext uri="\{78C0D931-6437-407d-A8EE-F0AAD7539E65\}" xmlns:x14="http:\/\/schemas.microsoft.com\/office\/spreadsheetml\/2009\/9\/main"><x14:conditionalFormattings>[\s\S]*<\/extLst><\/worksheet>$/
  );
  const marks = await x14Rules(bytes, "Measures");
  expect(marks.map((m) => m.fill)).toEqual(["FFFFC7CE", "FFFFEB9C", "FFDDEBF7"]);
  for (const m of marks) {
    expect(m.sqref).toBe("A2:O140");
    expect(m.formula).toMatch(
      /^AND\(COUNTIFS\(Validation!\$H:\$H,"Measures!"&ADDRESS\(ROW\(\),COLUMN\(\)\),Validation!\$I:\$I,"(error|warning|info)"\)>0,N\("PolicyPlannerMark"\)=0\)$/
    );
    expect(m.id).toMatch(/^\{50504D4B-0000-4000-8000-[0-9A-F]{12}\}$/);
  }
  expect(new Set(marks.map((m) => m.id)).size).toBe(3);
  // well-formed for a real XML parser
  const dir = mkdtempSync(join(tmpdir(), "x14-"));
  writeFileSync(join(dir, "sheet.xml"), xml);
  const lint = spawnSync("xmllint", ["--noout", join(dir, "sheet.xml")], { encoding: "utf8" });
  expect(lint.stderr).toBe("");
  expect(lint.status).toBe(0);
});

test("a file with x14 rules Excel wrote opens, is checked and saved again: the planner's rule kept, the marks rebuilt once", async () => {
  const host = FileHost.blank();
  await setupWorkbook(host, "despf", 2021);
  await checkWorkbook(host, { asOfYear: 2021 });
  const fromExcel = await withUserRule(await host.exportXlsx(), "Measures");
  const again = await FileHost.open(fromExcel);
  await checkWorkbook(again, { asOfYear: 2021 });
  const out = await again.exportXlsx();
  const rules = await x14Rules(out, "Measures");
  expect(rules.filter((r) => r.id === USER_RULE_ID)).toEqual([
    { id: USER_RULE_ID, formula: 'Goals!$A$2="I"', sqref: "M2:M9", fill: null },
  ]);
  expect(rules.filter((r) => r.formula.includes("PolicyPlannerMark"))).toHaveLength(3);
  expect(await sheetXml(out, "Measures")).toContain("<x14:dxf><font><b/></font></x14:dxf>");

  // and opened and saved once more without a check (as an import does): still one of each
  const third = await (await FileHost.open(out)).exportXlsx();
  const rules3 = await x14Rules(third, "Measures");
  expect(rules3.filter((r) => r.id === USER_RULE_ID)).toHaveLength(1);
  expect(rules3.filter((r) => r.formula.includes("PolicyPlannerMark"))).toEqual(
    rules.filter((r) => r.formula.includes("PolicyPlannerMark"))
  );
  for (const sheet of ["Goals", "Committees"]) expect(await x14Rules(third, sheet)).toHaveLength(3);
});

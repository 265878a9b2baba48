import { matches, type Criterion } from "../../src/summary/criteria";
import {
  criterionText,
  escapeStructuredColumn,
  FormulaWriter,
  type Sources,
} from "../../src/summary/formula";
import { summarise, sourcesFromTables } from "../../src/summary";
import { shapes } from "../../src/summary/source-cells";
import { tablesToFramework } from "../../src/model/convert";
import { smallTables } from "./fixtures";

describe("criteria, as COUNTIFS reads them", () => {
  const eq = (text: string): Criterion => ({ column: "x", op: "=", text });
  test("text: whole cell, any case, no trimming", () => {
    expect(matches(eq("DGC"), "dgc")).toBe(true);
    expect(matches(eq("DGC"), "DGC ")).toBe(false);
    expect(matches(eq("DGC"), null)).toBe(false);
    expect(matches({ column: "x", op: "<>", text: "DGC" }, null)).toBe(true);
  });
  test("a number-like criterion also matches the number", () => {
    expect(matches(eq("1"), 1)).toBe(true);
    expect(matches(eq("1"), "1")).toBe(true);
    expect(matches(eq("I"), 1)).toBe(false);
  });
  test("contains: text cells only; numeric comparisons: number cells only", () => {
    expect(matches({ column: "x", op: "contains", text: "dgc" }, "DEBC; DGC")).toBe(true);
    expect(matches({ column: "x", op: "contains", text: "1" }, 1)).toBe(false);
    expect(matches({ column: "x", op: "<=", number: 2025 }, 2025)).toBe(true);
    expect(matches({ column: "x", op: "<=", number: 2025 }, "2020")).toBe(false);
    expect(matches({ column: "x", op: ">=", number: 2025 }, new Date(Date.UTC(2023, 0, 1)))).toBe(
      true
    ); // serial 44927
  });
  test("nonblank", () => {
    expect(matches({ column: "x", op: "nonblank" }, "")).toBe(false);
    expect(matches({ column: "x", op: "nonblank" }, 0)).toBe(true);
  });
});

describe("formula text", () => {
  test("criteria are literal: quotes doubled, wildcards escaped, operators guarded", () => {
    expect(criterionText({ column: "x", op: "=", text: 'say "hi"' })).toBe('"say ""hi"""');
    expect(criterionText({ column: "x", op: "=", text: "a*b?c~" })).toBe('"a~*b~?c~~"');
    expect(criterionText({ column: "x", op: "=", text: "<5" })).toBe('"=<5"');
    expect(criterionText({ column: "x", op: "<>", text: "DGC" })).toBe('"<>DGC"');
    expect(criterionText({ column: "x", op: "contains", text: "DGC" })).toBe('"*DGC*"');
    expect(criterionText({ column: "x", op: "<=", number: 2025 })).toBe('"<=2025"');
    expect(criterionText({ column: "x", op: "nonblank" })).toBe('"<>"');
  });
  test("structured reference columns escape [ ] # ' with '", () => {
    expect(escapeStructuredColumn("No.")).toBe("No.");
    expect(escapeStructuredColumn("Progress %")).toBe("Progress %");
    expect(escapeStructuredColumn("Cost [#1]'s")).toBe("Cost '['#1']''s");
  });

  const tables = smallTables();
  const f = tablesToFramework(tables, 2025);
  const src = sourcesFromTables(tables);
  const s = summarise(f, { sources: src });
  const structured = new FormulaWriter(s.sources);
  const a1 = new FormulaWriter(s.sources, "a1");

  test("the formulas of the brief", () => {
    const dgc = s.committees[0];
    expect(structured.formula(dgc.total.query)).toBe(
      'COUNTIFS(Measures[Lead committee],"DGC")+COUNTIFS(Measures[Lead committee],"<>DGC",Measures[Other committees],"*DGC*")'
    );
    expect(structured.formula(s.goals[0].byTimeframe[0].query)).toBe(
      'COUNTIFS(Measures[Goal],"I",Measures[Timeframe],"Short-term")'
    );
    expect(structured.formula(s.statuses[4].count.query)).toBe(
      'COUNTIFS(Measures[Status],"Completed")'
    );
    // Progress % and the years as the rules read them: text, "50 %", "40,5", dates. A test on
    // the number is ISNUMBER(1/(test)): false where the cell holds no number.
    const p =
      'CLEAN(SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(Measures[Progress %]," ",""),"%",""),",","."))';
    const reported = `(ISNUMBER(1/(ABS(--${p}-50)<=50)))`;
    const pValue = `--(REPT(${p},1*ISNUMBER(--${p}))&REPT(0,1-ISNUMBER(--${p})))`;
    expect(structured.formula(s.progress.goals[0].meanProgress.query)).toBe(
      `IFERROR(SUMPRODUCT((Measures[Goal]="I")*${reported},${pValue})` +
        `/SUMPRODUCT((Measures[Goal]="I")*${reported}),"")`
    );
    const start = '--CLEAN(SUBSTITUTE(Measures[Start year]," ",""))';
    const end = '--CLEAN(SUBSTITUTE(Measures[End year]," ",""))';
    // Start ≤ 2025: a whole year 1000–2025, or a date serial up to 31 Dec 2025 (46022).
    const startBy2025 =
      `(ISNUMBER(1/((ABS(${start}-1512.5)<=512.5)*(MOD(${start},1)=0)))` +
      `+ISNUMBER(1/(ABS(INT(${start})-28011)<=18011)))`;
    // End ≥ 2025: a whole year 2025–9999, or a date serial from 1 Jan 2025 (45658).
    const endFrom2025 =
      `(ISNUMBER(1/((ABS(${end}-6012)<=3987)*(MOD(${end},1)=0)))` +
      `+ISNUMBER(1/(ABS(INT(${end})-72829)<=27171)))`;
    expect(structured.formula(s.timeline.committees[0].values[4].query)).toBe(
      `SUMPRODUCT((Measures[Lead committee]="DGC")*${startBy2025}*${endFrom2025})+` +
        `SUMPRODUCT((1-(Measures[Lead committee]="DGC"))*(ISTEXT(Measures[Other committees])*ISNUMBER(SEARCH("DGC",Measures[Other committees])))*${startBy2025}*${endFrom2025})`
    );
    expect(structured.formula(dgc.expected.query)).toBe(
      'IF(COUNTIFS(Committees[Code],"DGC",Committees[Expected measures],"<>")=0,"",SUMIFS(Committees[Expected measures],Committees[Code],"DGC"))'
    );
    expect(structured.formula(dgc.difference.query)).toBe(
      'IF(COUNTIFS(Committees[Code],"DGC",Committees[Expected measures],"<>")=0,"",' +
        '(COUNTIFS(Measures[Lead committee],"DGC")+COUNTIFS(Measures[Lead committee],"<>DGC",Measures[Other committees],"*DGC*"))' +
        '-SUMIFS(Committees[Expected measures],Committees[Code],"DGC"))'
    );
    // The catch-all counts rows with a No. only, so the table's blank rows are not "Other".
    expect(structured.formula(s.statuses[5].count.query)).toBe(
      'COUNTIFS(Measures[No.],"<>",Measures[Status],"<>Not started",Measures[Status],"<>On track",Measures[Status],"<>At risk",Measures[Status],"<>Delayed",Measures[Status],"<>Completed")'
    );
  });

  test("A1 fallback: absolute ranges from the table's location (Measures at B3, 7 rows)", () => {
    expect(a1.formula(s.statuses[4].count.query)).toBe(
      "COUNTIFS('Measures'!$L$4:$L$10,\"Completed\")"
    );
    expect(a1.formula(s.committees[0].expected.query)).toContain("'Committees'!$E$2:$E$4");
  });

  test("headers as the workbook spells them; a missing column means no formula", () => {
    const sources: Sources = shapes(src);
    const renamed: Sources = {
      ...sources,
      Measures: {
        ...sources.Measures,
        name: "measures",
        columns: { ...sources.Measures.columns, Goal: { header: "GOAL", index: 2 } },
      },
    };
    const w = new FormulaWriter(renamed);
    expect(w.formula(s.goals[0].total.query)).toBe('COUNTIFS(measures[GOAL],"I")');
    const noProgress: Sources = {
      ...sources,
      Measures: {
        ...sources.Measures,
        columns: { ...sources.Measures.columns, "Progress %": undefined },
      },
    };
    expect(new FormulaWriter(noProgress).tryFormula(s.keyFigures.meanProgress.query)).toBeNull();
    expect(new FormulaWriter(noProgress).tryFormula(s.keyFigures.measures.query)).not.toBeNull();
  });
});

/**
 * The planner's conditional formats (finding marks) and dropdowns in a worksheet's XML: ours
 * are replaced, the planner's own are kept.
 */
import { markRules, type TableExtent } from "../../plan/marks";
import type { PlanValidation } from "../../plan/types";
import { escapeXml } from "../read/xml";
import { sqrefBoxes, boxA1, type Box } from "./references";
import { children, insertChild, removeChildren, replaceChild } from "./sheet-tail";
import type { Styles } from "./styles";

export const MARK_TAG = "PolicyPlannerMark";

/** Removes our marks from a sheet's tail. */
export function withoutMarks(tail: string): string {
  return removeChildren(
    tail,
    (c) => c.local === "conditionalFormatting" && c.xml.includes(MARK_TAG)
  );
}

/** Adds the marks over one table (errors first: the lowest priority number wins). */
export function withMarks(tail: string, table: TableExtent, styles: Styles): string {
  const priorities = [...tail.matchAll(/\spriority="(\d+)"/g)].map((m) => Number(m[1]));
  let next = Math.max(0, ...priorities) + 1;
  let out = tail;
  for (const rule of markRules(table)) {
    const dxf = styles.fillDxf(rule.fill);
    const formula = escapeXml(`AND(${rule.formula},N("${MARK_TAG}")=0)`);
    out = insertChild(
      out,
      "conditionalFormatting",
      `<conditionalFormatting sqref="${rule.range}"><cfRule type="expression" dxfId="${dxf}" priority="${next++}"><formula>${formula}</formula></cfRule></conditionalFormatting>`
    );
  }
  // insertChild puts each before the first later element: keep them in severity order.
  return out;
}

export interface ColumnValidation {
  /** The body of one table column, 1-based. */
  box: Box;
  rule: PlanValidation;
  /** For a list from a table column: the formula (`Goals!$A$2:$A$7`); null when the source table is missing. */
  listSource: string | null;
}

function validationXml(v: ColumnValidation): string | null {
  const sq = boxA1(v.box);
  const r = v.rule;
  if (r.kind === "list" && "values" in r) {
    const list = escapeXml(`"${r.values.join(",")}"`);
    return `<dataValidation type="list" errorStyle="warning" allowBlank="1" showErrorMessage="1" error="${escapeXml(`Choose one of: ${r.values.join(", ")}`)}" sqref="${sq}"><formula1>${list}</formula1></dataValidation>`;
  }
  if (r.kind === "list") {
    if (!v.listSource) return null;
    return `<dataValidation type="list" errorStyle="warning" allowBlank="1" showErrorMessage="1" error="${escapeXml(`Choose a value from the ${r.source.table} table.`)}" sqref="${sq}"><formula1>${escapeXml(v.listSource)}</formula1></dataValidation>`;
  }
  return `<dataValidation type="${r.kind}" operator="between" allowBlank="1" showErrorMessage="1" error="${escapeXml(`Enter a number from ${r.min} to ${r.max}.`)}" sqref="${sq}"><formula1>${r.min}</formula1><formula2>${r.max}</formula2></dataValidation>`;
}

/**
 * The sheet's data validations with ours over `validations` (each on one table column): any
 * range within one of those columns that starts in its `clear` box (the body) gives way.
 */
export function withValidations(
  tail: string,
  validations: ColumnValidation[],
  clear: Box[]
): string {
  const block = children(tail).find((c) => c.local === "dataValidations");
  const kept: string[] = [];
  if (block) {
    const re = /<((?:\w+:)?)dataValidation\b([^>]*?)(?:\/>|>([\s\S]*?)<\/\1dataValidation>)/g;
    for (const m of block.xml.matchAll(re)) {
      const sq = /\ssqref="([^"]*)"/.exec(m[2])?.[1] ?? "";
      const rest = sq.split(/\s+/).filter((part) => {
        const b = sqrefBoxes(part)[0];
        return (
          !b ||
          !clear.some(
            (c) => b.left >= c.left && b.right <= c.right && b.top >= c.top && b.top <= c.bottom
          )
        );
      });
      if (rest.length === 0) continue;
      kept.push(
        rest.join(" ") === sq
          ? m[0]
          : m[0].replace(/\ssqref="[^"]*"/, () => ` sqref="${rest.join(" ")}"`)
      );
    }
  }
  const ours = validations.map(validationXml).filter((x): x is string => x !== null);
  const all = [...kept, ...ours];
  const xml = all.length
    ? `<dataValidations count="${all.length}">${all.join("")}</dataValidations>`
    : "";
  if (block) return replaceChild(tail, block, xml);
  return xml ? insertChild(tail, "dataValidations", xml) : tail;
}

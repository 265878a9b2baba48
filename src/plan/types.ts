import type { Cell } from "../model/types";

/** 0-based row and column. */
export interface CellRef {
  row: number;
  col: number;
}

export interface RangeRef {
  sheet: string;
  from: CellRef;
  to: CellRef;
}

export type CellStyle =
  | "title"
  | "subtitle"
  | "header"
  | "note"
  | "total"
  | "error"
  | "warning"
  | "info"
  | "link"
  | "wrap"
  | "center"
  | "warningCenter";

export interface PlanCell {
  row: number;
  col: number;
  value: Cell;
  /** Without the leading "=". `value` is its computed result, cached in the file. */
  formula?: string;
  style?: CellStyle;
  numberFormat?: string;
  /** A link inside the workbook: "'Sheet'!B7". */
  link?: string;
}

export type PlanValidation =
  | { column: string; kind: "list"; source: { sheet: string; table: string; column: string } }
  | { column: string; kind: "list"; values: string[] }
  | { column: string; kind: "whole" | "decimal"; min: number; max: number };

export interface PlanTable {
  name: string;
  topLeft: CellRef;
  headers: string[];
  rows: Cell[][];
  style: string;
  numberFormats?: Record<string, string>;
  validations?: PlanValidation[];
}

export type ChartType = "bar" | "barStacked" | "column" | "columnStacked" | "pie" | "line";

export interface PlanSeries {
  name: string;
  /** The cell holding the series name. */
  nameRef: RangeRef;
  values: RangeRef;
  /** Computed values, cached in the chart so it draws before any recalculation. */
  cache: number[];
  /** Fill of the whole series, hex RGB without "#" (plan/palette.ts). */
  color?: string;
  /** Fill per point (a pie's slices, a single series' bars), aligned with `cache`. */
  pointColors?: string[];
}

export interface PlanChart {
  name: string;
  type: ChartType;
  title: string;
  categories: RangeRef;
  categoryCache: string[];
  series: PlanSeries[];
  /** Where the chart sits: top-left and bottom-right cells (0-based). */
  anchor: { from: CellRef; to: CellRef };
  /** Values written on the bars / slices. */
  dataLabels?: boolean;
  /** Axis titles (bar, column and line charts). */
  axisTitles?: { category?: string; value?: string };
  /** The value axis starts here (counts of stacked columns: 0), not where the program's auto scale would. */
  valueMinimum?: number;
}

/** One side of a page header or footer, in Excel's header codes (&P page, &N pages; "&&" is "&"). */
export interface HeaderFooterText {
  left?: string;
  center?: string;
  right?: string;
}

export interface PrintSetup {
  area: { from: CellRef; to: CellRef };
  landscape: boolean;
  fitToWidth: boolean;
  /** 0-based rows repeated at the top of each printed page: only ever a table's own header row. */
  repeatRows?: { from: number; to: number };
  /** Paper size; A4 on every owned sheet. */
  paper?: "A4";
  header?: HeaderFooterText;
  footer?: HeaderFooterText;
  /** 0-based rows that start a new printed page (manual page breaks before them). */
  rowBreaks?: number[];
}

export interface PlanSheet {
  name: string;
  /** Owned sheets (Summary, Briefing, Validation) are rebuilt whole. */
  owned: boolean;
  cells: PlanCell[];
  tables: PlanTable[];
  charts: PlanChart[];
  columnWidths?: number[];
  /** Row heights in points by 0-based row (rows of wrapped text). */
  rowHeights?: Record<number, number>;
  freeze?: { rows: number; cols: number };
  merges?: Array<{ from: CellRef; to: CellRef }>;
  print?: PrintSetup;
  tabColor?: string;
  /**
   * Sheet protection without a password: every cell locked except the data cells of these
   * columns of the sheet's tables (a return's filled columns). Absent: the sheet is not protected.
   */
  protection?: { unlockedColumns: string[] };
}

/** Everything a host must do to a workbook, as data: the one input of both hosts. */
export interface WorkbookPlan {
  sheets: PlanSheet[];
  /**
   * Re-apply the finding marks over every planner table after the sheets are written: the
   * previous marks are cleared and the conditional formats of plan/marks.ts added again (they
   * look each cell up in the Validation sheet, so they do not depend on the findings).
   */
  marks?: boolean;
  /**
   * Sheets earlier versions of the add-in owned and this plan no longer builds (the single
   * "Briefing" sheet, now one per committee): deleted when they hold no Excel table, so a
   * planner's own sheet of that name is never lost.
   */
  retire?: string[];
}

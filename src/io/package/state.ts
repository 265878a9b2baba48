import type { PackageParts } from "./parts";
import { splitSheet, joinSheet, type SheetParts, type ValueContext } from "./sheet-xml";
import type { Styles } from "./styles";
import type { WorkbookIndex } from "./workbook-index";

/** What the package writer's steps share: the parts, where things are, styles, how to read values. */
export class BookState {
  private readonly sheets = new Map<string, SheetParts>();

  constructor(
    readonly parts: PackageParts,
    public index: WorkbookIndex,
    readonly styles: Styles,
    readonly values: ValueContext
  ) {}

  /** A worksheet cut at its cells, read once and kept while the writer edits it. */
  async sheet(path: string): Promise<SheetParts> {
    let s = this.sheets.get(path);
    if (!s) {
      s = splitSheet(await this.parts.requireText(path));
      this.sheets.set(path, s);
    }
    return s;
  }

  saveSheet(path: string, s: SheetParts): void {
    this.sheets.set(path, s);
    this.parts.set(path, joinSheet(s));
  }

  /** The sheet as this writer holds it, if it has read it (without reading it). */
  loadedSheet(path: string): SheetParts | undefined {
    return this.sheets.get(path);
  }

  forgetSheet(path: string): void {
    this.sheets.delete(path);
  }

  /** styles.xml is written back only when something was appended to it. */
  saveStyles(original: string): void {
    if (this.index.stylesPath && this.styles.xml !== original)
      this.parts.set(this.index.stylesPath, this.styles.xml);
  }
}

/**
 * The file host: ExcelJS and the workbook writer. Heavy; loaded only when the planner opens,
 * creates or writes a workbook file.
 */
export { FileHost } from "../io/file-host";
export { csvToMeasuresHost } from "../io/csv-workbook";

/** The day as "2026-11-30" (the planner's local date: the day they downloaded it). */
export function isoDay(date: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())}`;
}

/**
 * "plan.xlsx" → "plan-2026-11-30.xlsx": a download never takes the original's name, so it cannot
 * overwrite it by accident; a date already there (an earlier download) is replaced, not added to.
 */
export function datedFileName(
  fileName: string | null,
  fallback: string,
  extension: string,
  date: Date = new Date(),
  suffix = ""
): string {
  const base = (fileName ?? "").replace(/\.[^.]+$/, "").trim() || fallback;
  const undated = base.replace(/-\d{4}-\d{2}-\d{2}$/, "") || fallback;
  return `${undated}${suffix}-${isoDay(date)}.${extension.replace(/^\./, "")}`;
}

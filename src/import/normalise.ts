import { cellText, isBlank, measureNo, readNumber, readYear } from "../model/cells";
import { englishTimeframe } from "../model/timeframe-words";
import { CommitteeIndex, committeeKey } from "../model/committees";
import {
  STATUSES,
  type Cell,
  type Committee,
  type Goal,
  type Status,
  type Strategy,
  type Timeframe,
} from "../model/types";
import { closest, MEASURES_HEADERS, synonymKey, type MeasuresHeader } from "./synonyms";

/** `;`, line breaks and Word's vertical-tab line break separate list items (never commas). */
// eslint-disable-next-line no-control-regex -- the vertical tab is a separator on purpose
const LIST_SEPARATORS = /[;\r\n\u000b]+/;

/**
 * Cell by cell normalisation of imported measures, reporting every change it makes. What it
 * cannot place (an unknown committee, a year that is no year) it keeps exactly as sent:
 * validation reports those later, and nothing a ministry sent is lost.
 */

/** The reference tables an import normalises against; a Framework is one. */
export interface ImportReference {
  committees: readonly Committee[];
  timeframes: readonly Timeframe[];
  goals?: readonly Goal[];
  strategies?: readonly Strategy[];
}

export interface CellChange {
  column: MeasuresHeader;
  from: string;
  to: string;
}

export type MeasureValues = Partial<Record<MeasuresHeader, Cell>>;

const LIST_SEPARATOR = "; ";

/** Key for words: case, spaces, hyphens, dashes and punctuation ignored. */
function wordKey(text: string): string {
  return synonymKey(text).replace(/[#%]/g, "");
}

function stripRemark(text: string): string {
  return text.replace(/\([^)]*\)|\[[^\]]*\]/g, " ");
}

// ---------------------------------------------------------------------------------------------
// Committees

/**
 * CommitteeIndex plus a typo or two in longer names ("Committee on Digital Securty"); a name
 * equally close to two committees resolves to neither.
 */
export class CommitteeResolver {
  private readonly keys: Array<readonly [string, string]> = [];

  constructor(readonly index: CommitteeIndex) {
    for (const c of index.committees) {
      for (const name of [c.name, c.nameKm, ...c.aliases]) {
        const k = committeeKey(name);
        if (k) this.keys.push([k, c.code]);
      }
    }
  }

  private readonly cache = new Map<string, string | null>();

  resolve(text: string): string | null {
    const known = this.cache.get(text);
    if (known !== undefined) return known;
    let code = this.index.resolve(text);
    if (!code) {
      const key = committeeKey(text);
      code = key ? (closest(key, this.keys)?.value ?? null) : null;
    }
    if (this.cache.size < 10_000) this.cache.set(text, code);
    return code;
  }
}

/**
 * Committee names in one cell, as codes where they resolve: "Committee on Digital Government;
 * Committee on Digital Security" → ["DGC", "DSC"]. Separators: ; , / | and new lines; "and"
 * or "&" only when every piece then names a committee (names contain "and" themselves).
 */
export function splitCommittees(cell: Cell | undefined, index: CommitteeResolver): string[] {
  const text = cellText(typeof cell === "string" ? cell.replace(/[\r\n]+/g, ";") : cell);
  if (!text) return [];
  const whole = index.resolve(text);
  if (whole) return [whole];
  const out: string[] = [];
  for (const raw of text.split(/[;,/|]+/)) {
    const part = raw.replace(/^\s*(?:[-•·*–]\s*|\d+[.)]\s+)/, "").trim();
    if (!part) continue;
    const code = index.resolve(part);
    if (code) {
      out.push(code);
      continue;
    }
    out.push(...(splitOnAnd(part, index) ?? [part]));
  }
  return dedupe(out);
}

/**
 * "Digital Economy and Business Committee & DSC" → ["DEBC", "DSC"]: the split at "and" / "&"
 * into the fewest pieces that all name committees, or null when there is none.
 */
function splitOnAnd(part: string, index: CommitteeResolver): string[] | null {
  const pieces = part.split(/(\s+and\s+|\s*&\s*)/i); // odd indexes are the separators
  const words = pieces.filter((_, i) => i % 2 === 0);
  if (words.length < 2 || words.length > 9) return null;
  const memo = new Map<number, string[] | null>();
  const from = (i: number): string[] | null => {
    if (i === words.length) return [];
    if (memo.has(i)) return memo.get(i) ?? null;
    let best: string[] | null = null;
    for (let j = words.length - 1; j >= i; j--) {
      const text = pieces.slice(2 * i, 2 * j + 1).join("");
      const code = index.resolve(text);
      if (!code) continue;
      const rest = from(j + 1);
      if (rest && (!best || rest.length + 1 < best.length)) best = [code, ...rest];
    }
    memo.set(i, best);
    return best;
  };
  const result = from(0);
  return result && result.length > 1 ? result : null;
}

function dedupe(items: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const i of items) {
    const k = i.toLowerCase();
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(i);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Timeframes, statuses, codes

export class TimeframeMatcher {
  private readonly exact = new Map<string, string>();
  private readonly keys: Array<readonly [string, string]> = [];

  constructor(names: readonly string[]) {
    const bare = new Map<string, string[]>();
    for (const name of names) {
      const k = wordKey(name);
      if (k && !this.exact.has(k)) this.exact.set(k, name);
      const b = wordKey(stripRemark(name));
      if (b && b !== k) bare.set(b, [...(bare.get(b) ?? []), name]);
    }
    // "Short- to Long-term" names "Short- to Long-term (Regularly implemented)" when that is the only one.
    for (const [b, list] of bare)
      if (list.length === 1 && !this.exact.has(b)) this.exact.set(b, list[0]);
    this.keys = [...this.exact.entries()];
  }

  private readonly cache = new Map<string, string | null>();

  /** The canonical name, or null when the text is no known timeframe. */
  match(text: string): string | null {
    const known = this.cache.get(text);
    if (known !== undefined) return known;
    const found = this.find(text);
    if (this.cache.size < 10_000) this.cache.set(text, found);
    return found;
  }

  private find(text: string): string | null {
    const key = wordKey(text);
    if (!key) return null;
    const hit = this.exact.get(key) ?? this.exact.get(wordKey(stripRemark(text)));
    if (hit) return hit;
    const english = englishTimeframe(text);
    if (english)
      return (
        this.exact.get(wordKey(english)) ?? this.exact.get(wordKey(stripRemark(english))) ?? null
      );
    // Year ranges ("2022-2025") must match exactly: one digit off is another range.
    if (/^\d+$/.test(key)) return null;
    return closest(key, this.keys)?.value ?? null;
  }
}

const STATUS_SYNONYMS: Record<Status, readonly string[]> = {
  "Not started": [
    "not started",
    "not yet started",
    "not yet",
    "not begun",
    "pending",
    "planned",
    "to do",
    "todo",
    "not commenced",
    "មិនទាន់ចាប់ផ្តើម",
    "មិនទាន់ចាប់ផ្ដើម",
    "មិនទាន់អនុវត្ត",
  ],
  "On track": [
    "on track",
    "ongoing",
    "on-going",
    "on going",
    "in progress",
    "in-progress",
    "underway",
    "under way",
    "started",
    "in implementation",
    "being implemented",
    "implementing",
    "កំពុងអនុវត្ត",
    "កំពុងដំណើរការ",
  ],
  "At risk": ["at risk", "risk", "at-risk", "off track", "off-track", "ប្រឈមហានិភ័យ"],
  Delayed: [
    "delayed",
    "delay",
    "behind",
    "behind schedule",
    "late",
    "overdue",
    "stalled",
    "postponed",
    "យឺតយ៉ាវ",
    "ពន្យារពេល",
  ],
  Completed: [
    "completed",
    "complete",
    "done",
    "finished",
    "achieved",
    "accomplished",
    "closed",
    "បានបញ្ចប់",
    "បញ្ចប់",
    "សម្រេច",
    "បានសម្រេច",
  ],
};

const STATUS_KEYS: Array<readonly [string, Status]> = [];
const STATUS_EXACT = new Map<string, Status>();
for (const s of STATUSES) {
  for (const syn of [s, ...STATUS_SYNONYMS[s]]) {
    const k = wordKey(syn);
    if (k && !STATUS_EXACT.has(k)) {
      STATUS_EXACT.set(k, s);
      STATUS_KEYS.push([k, s]);
    }
  }
}

/** One of the five statuses, or null. */
const statusCache = new Map<string, Status | null>();

export function matchStatus(text: string): Status | null {
  const known = statusCache.get(text);
  if (known !== undefined) return known;
  const found = findStatus(text);
  if (statusCache.size < 10_000) statusCache.set(text, found);
  return found;
}

function findStatus(text: string): Status | null {
  const key = wordKey(text);
  if (!key) return null;
  return STATUS_EXACT.get(key) ?? closest(key, STATUS_KEYS)?.value ?? null;
}

/** Resolves goal or strategy codes and names to the reference's code. */
export class CodeMatcher {
  private readonly byCode = new Map<string, string>();
  private readonly byLooseCode = new Map<string, string | null>();
  private readonly byName = new Map<string, string | null>();

  constructor(
    items: ReadonlyArray<{ code: string; name: string }>,
    private readonly prefixes: readonly string[]
  ) {
    const put = (map: Map<string, string | null>, k: string, code: string) => {
      if (!k) return;
      map.set(k, map.has(k) && map.get(k) !== code ? null : code);
    };
    for (const it of items) {
      if (!it.code) continue;
      this.byCode.set(it.code.trim().toLowerCase(), it.code);
      put(this.byLooseCode, synonymKey(it.code), it.code);
      put(this.byName, synonymKey(it.name), it.code);
    }
  }

  match(text: string): string | null {
    const t = text.trim();
    if (!t) return null;
    const direct = this.byCode.get(t.toLowerCase());
    if (direct) return direct;
    const key = synonymKey(t);
    const loose = this.byLooseCode.get(key) ?? this.byName.get(key);
    if (loose) return loose;
    for (const p of this.prefixes) {
      const pk = synonymKey(p);
      if (key.startsWith(pk) && key.length > pk.length) {
        const hit = this.byLooseCode.get(key.slice(pk.length));
        if (hit) return hit;
      }
    }
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Numbers and lists

/** Fractions (0.4 = 40 %) when every plain number in the column is at most 1 and one is above 0. */
export function progressIsFraction(values: readonly Cell[]): boolean {
  let any = false;
  for (const v of values) {
    if (isBlank(v)) continue;
    if (typeof v === "string" && v.includes("%")) continue;
    const n = readNumber(v);
    if (n.kind !== "number") continue;
    if (n.value > 1 || n.value < 0) return false;
    if (n.value > 0) any = true;
  }
  return any;
}

export function normaliseProgress(cell: Cell, fraction: boolean): Cell {
  if (isBlank(cell)) return null;
  const n = readNumber(cell);
  if (n.kind !== "number") return cell;
  const explicitPercent = typeof cell === "string" && cell.includes("%");
  const value = fraction && !explicitPercent ? n.value * 100 : n.value;
  return Math.round(value * 100) / 100;
}

/** A year as a number; anything that is no year stays as it was. */
export function normaliseYear(cell: Cell): Cell {
  const y = readYear(cell);
  return y.kind === "year" ? y.year : cell;
}

/**
 * A list cell as "a; b; c": semicolons and new lines separate, never commas (names hold them:
 * "Ministry of Education, Youth and Sports"); bullets dropped.
 */
export function normaliseList(cell: Cell): Cell {
  if (typeof cell !== "string") return cell;
  const items = cell
    .split(LIST_SEPARATORS)
    .map((s) =>
      s
        .replace(/^\s*[-•·*–]\s*/, "")
        .replace(/\s+/g, " ")
        .trim()
    )
    .filter((s) => s !== "");
  return items.length === 0 ? null : items.join(LIST_SEPARATOR);
}

/** The measure's number as text, canonical (measureNo): 12 → "12", "12." / "12.0" / "012" / "១២" → "12". */
export function normaliseNo(cell: Cell): string {
  return measureNo(cell);
}

function text(cell: Cell): Cell {
  return typeof cell === "string" ? (cell.trim() === "" ? null : cell.trim()) : cell;
}

// ---------------------------------------------------------------------------------------------
// A row

export interface NormaliseOptions {
  /** The Progress % column holds fractions (see progressIsFraction). */
  progressFraction?: boolean;
}

export class MeasureNormaliser {
  readonly committees: CommitteeResolver;
  readonly timeframes: TimeframeMatcher;
  private readonly goals: CodeMatcher | null;
  private readonly strategies: CodeMatcher | null;

  constructor(
    reference: ImportReference,
    private readonly options: NormaliseOptions = {}
  ) {
    this.committees = new CommitteeResolver(new CommitteeIndex(reference.committees));
    this.timeframes = new TimeframeMatcher(reference.timeframes.map((t) => t.name));
    this.goals = reference.goals?.length
      ? new CodeMatcher(reference.goals, ["goal", "pillar", "section", "គោលដៅ"])
      : null;
    this.strategies = reference.strategies?.length
      ? new CodeMatcher(reference.strategies, ["strategy", "cluster", "យុទ្ធសាស្ត្រ"])
      : null;
  }

  /**
   * Normalises the values of one source row (only the columns it has) and lists what changed
   * in a way a planner would notice (not "2025" → 2025). A Lead committee cell naming several
   * committees keeps the first as lead and adds the rest to Other committees.
   */
  row(values: MeasureValues): { values: MeasureValues; changes: CellChange[] } {
    const out: MeasureValues = {};
    const changes: CellChange[] = [];
    const set = (column: MeasuresHeader, before: Cell | undefined, after: Cell) => {
      out[column] = after;
      const from = displayText(before ?? null);
      const to = displayText(after);
      if (from !== to && from.trim() !== to) changes.push({ column, from, to });
    };
    for (const [column, raw] of Object.entries(values) as Array<
      [MeasuresHeader, Cell | undefined]
    >) {
      const cell: Cell = raw ?? null;
      switch (column) {
        case "No.":
          set(column, cell, isBlank(cell) ? null : normaliseNo(cell));
          break;
        case "Lead committee":
        case "Other committees":
          break; // together, below
        case "Goal":
          set(column, cell, this.code(cell, this.goals));
          break;
        case "Strategy":
          set(column, cell, this.code(cell, this.strategies));
          break;
        case "Institutions":
          set(column, cell, normaliseList(cell));
          break;
        case "Timeframe": {
          const t = cellText(cell);
          set(column, cell, t ? (this.timeframes.match(t) ?? text(cell)) : null);
          break;
        }
        case "Start year":
        case "End year":
          set(column, cell, isBlank(cell) ? null : normaliseYear(cell));
          break;
        case "Status": {
          const t = cellText(cell);
          set(column, cell, t ? (matchStatus(t) ?? text(cell)) : null);
          break;
        }
        case "Progress %":
          set(column, cell, normaliseProgress(cell, this.options.progressFraction ?? false));
          break;
        default:
          set(column, cell, text(cell));
      }
    }
    const hasLead = "Lead committee" in values;
    const hasOthers = "Other committees" in values;
    if (hasLead || hasOthers) {
      const lead = splitCommittees(values["Lead committee"], this.committees);
      const others = splitCommittees(values["Other committees"], this.committees);
      if (hasLead) set("Lead committee", values["Lead committee"], lead[0] ?? null);
      const allOthers = dedupe([...lead.slice(1), ...others]).filter(
        (c) => c.toLowerCase() !== (lead[0] ?? "").toLowerCase()
      );
      if (hasOthers || lead.length > 1) {
        set(
          "Other committees",
          values["Other committees"] ?? null,
          allOthers.length ? allOthers.join(LIST_SEPARATOR) : null
        );
      }
    }
    changes.sort((a, b) => MEASURES_HEADERS.indexOf(a.column) - MEASURES_HEADERS.indexOf(b.column));
    return { values: out, changes };
  }

  private code(cell: Cell, matcher: CodeMatcher | null): Cell {
    const t = cellText(cell);
    if (!t) return null;
    return matcher?.match(t) ?? text(cell);
  }
}

/** How a planner sees a cell: numbers as written, dates as yyyy-mm-dd, text with its line breaks. */
export function displayText(cell: Cell): string {
  if (typeof cell === "string") return cell;
  return cellText(cell);
}

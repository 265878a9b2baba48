import { TABLE_HEADERS } from "../model/schema";

/**
 * What ministries and policy texts call the Measures columns, in English and Khmer. Matching
 * ignores case, spaces and punctuation, then tolerates a typo or two in longer headers
 * ("Timefrme", "Comittee"), then tries again without a parenthesised remark
 * ("Progress (%)", "Timeframe (years)").
 */
export type MeasuresHeader = (typeof TABLE_HEADERS.Measures)[number];

export const MEASURES_HEADERS: readonly MeasuresHeader[] =
  TABLE_HEADERS.Measures as readonly MeasuresHeader[];

export const HEADER_SYNONYMS: Record<MeasuresHeader, readonly string[]> = {
  "No.": [
    "No",
    "No.",
    "Nº",
    "#",
    "Number",
    "Measure No",
    "Measure No.",
    "Measure number",
    "Ref",
    "Ref.",
    "Reference",
    "Item",
    "Sr. No.",
    "Sr No",
    "S/N",
    "SN",
    "Serial",
    "Serial No",
    "Action No",
    "Activity No",
    "លេខ",
    "ល.រ",
    "លរ",
    "លេខរៀង",
    "លេខរៀងវិធានការ",
    "លេខវិធានការ",
  ],
  Goal: [
    "Goal",
    "Goals",
    "Pillar",
    "Section",
    "Strategic goal",
    "Objective",
    "Strategic objective",
    "Area",
    "គោលដៅ",
    "គោលដៅយុទ្ធសាស្ត្រ",
    "សសរស្តម្ភ",
    "សសរស្ដម្ភ",
  ],
  Strategy: [
    "Strategy",
    "Strategies",
    "Cluster",
    "Policy direction",
    "Policy cluster",
    "Strategic area",
    "Sub-section",
    "Programme",
    "Program",
    "យុទ្ធសាស្ត្រ",
    "យុទ្ធសាស្រ្ត",
    "ទិសដៅគោលនយោបាយ",
    "ចង្កោម",
  ],
  Measure: [
    "Measure",
    "Measures",
    "Policy measure",
    "Policy measures",
    "Key Policy Measure",
    "Key Policy Measures",
    "Priority action",
    "Priority actions",
    "Priority Activity",
    "Priority Activities",
    "Action",
    "Actions",
    "Activity",
    "Activities",
    "Description",
    "វិធានការ",
    "វិធានការគោលនយោបាយ",
    "វិធានការគោលនយោបាយសំខាន់ៗ",
    "សកម្មភាពអាទិភាព",
    "សកម្មភាព",
  ],
  "Lead committee": [
    "Lead committee",
    "Responsible committee",
    "Committee",
    "Committees",
    "Lead",
    "Committee in charge",
    "Responsible committees",
    "Lead committees",
    "គណៈកម្មាធិការ",
    "គណៈកម្មាធិការទទួលបន្ទុក",
    "គណៈកម្មាធិការដឹកនាំ",
  ],
  "Other committees": [
    "Other committees",
    "Other committee",
    "Supporting committees",
    "Supporting committee",
    "Support committees",
    "Co-responsible committees",
    "Collaborating committees",
    "គណៈកម្មាធិការពាក់ព័ន្ធ",
    "គណៈកម្មាធិការគាំទ្រ",
  ],
  Institutions: [
    "Institutions",
    "Institution",
    "Ministry-Institution",
    "Ministries-Institutions",
    "Ministry/institution",
    "Ministry/institution in charge",
    "Ministries/institutions",
    "Responsible ministries",
    "Responsible ministry",
    "Responsible institutions",
    "Responsible institution",
    "Ministries and institutions",
    "Implementing agencies",
    "Implementing agency",
    "Ministry",
    "Ministries",
    "ក្រសួង-ស្ថាប័ន",
    "ក្រសួង ស្ថាប័ន",
    "ក្រសួងស្ថាប័នទទួលបន្ទុក",
    "ស្ថាប័នទទួលបន្ទុក",
    "ស្ថាប័ន",
  ],
  Timeframe: [
    "Timeframe",
    "Time frame",
    "Time-frame",
    "Timeline",
    "Phase",
    "Period",
    "Duration",
    "Implementation period",
    "រយៈពេល",
    "រយៈពេលអនុវត្ត",
    "ដំណាក់កាល",
  ],
  "Start year": [
    "Start year",
    "From",
    "From year",
    "Start",
    "Starting year",
    "Begin",
    "Year from",
    "Start date",
    "ឆ្នាំចាប់ផ្តើម",
    "ឆ្នាំចាប់ផ្ដើម",
    "ចាប់ផ្តើម",
    "ចាប់ផ្ដើម",
    "ពីឆ្នាំ",
  ],
  "End year": [
    "End year",
    "To",
    "To year",
    "End",
    "Ending year",
    "Deadline",
    "Year to",
    "End date",
    "Due",
    "Due date",
    "Completion year",
    "ឆ្នាំបញ្ចប់",
    "បញ្ចប់",
    "ដល់ឆ្នាំ",
    "ថ្ងៃផុតកំណត់",
  ],
  Status: ["Status", "Current status", "Implementation status", "State", "ស្ថានភាព", "ស្ថានភាពអនុវត្ត"],
  "Progress %": [
    "Progress %",
    "Progress",
    "% complete",
    "Percent complete",
    "% completed",
    "% done",
    "Completion %",
    "Completion",
    "Progress rate",
    "Percentage",
    "វឌ្ឍនភាព",
    "ភាគរយ",
    "វឌ្ឍនភាព %",
  ],
  Indicator: [
    "Indicator",
    "Indicators",
    "KPI",
    "KPIs",
    "Output indicator",
    "Performance indicator",
    "សូចនាករ",
  ],
  Target: ["Target", "Targets", "Target value", "តម្លៃគោលដៅ", "ចំណុចដៅ"],
  Notes: [
    "Notes",
    "Note",
    "Remarks",
    "Remark",
    "Comments",
    "Comment",
    "Observations",
    "កំណត់សម្គាល់",
    "សម្គាល់",
    "ផ្សេងៗ",
  ],
};

/** Case-, space- and punctuation-insensitive key; keeps letters (Khmer marks too), digits, # and %. */
export function synonymKey(text: string): string {
  return text
    .normalize("NFC")
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}#%]+/gu, "");
}

export interface HeaderMatch {
  header: MeasuresHeader;
  /** 0 exact (loose), 1–2 edit distance, 3 matched without a parenthesised remark. */
  distance: number;
}

const EXACT = new Map<string, MeasuresHeader>();
for (const h of MEASURES_HEADERS) {
  for (const s of [h, ...HEADER_SYNONYMS[h]]) {
    const k = synonymKey(s);
    if (k && !EXACT.has(k)) EXACT.set(k, h);
  }
}
const KEYS = [...EXACT.entries()];

/** Typos tolerated: none below 5 letters, 1 from 5, 2 from 10. */
export function typoAllowance(length: number): number {
  return length >= 10 ? 2 : length >= 5 ? 1 : 0;
}

/**
 * Optimal string alignment distance (Levenshtein plus adjacent swaps), giving up early
 * once it exceeds `max`.
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, prev2[j - 2] + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n];
}

/**
 * The closest entry of `candidates` (pre-keyed) to `key` within the typo allowance, or null
 * when none is close or two different values are equally close.
 */
export function closest<T>(
  key: string,
  candidates: ReadonlyArray<readonly [string, T]>
): { value: T; distance: number } | null {
  const allowance = typoAllowance(key.length);
  if (allowance === 0) return null;
  let best: { value: T; distance: number } | null = null;
  let tie = false;
  for (const [k, v] of candidates) {
    if (typoAllowance(k.length) === 0) continue;
    const d = editDistance(key, k, allowance);
    if (d > allowance) continue;
    if (!best || d < best.distance) {
      best = { value: v, distance: d };
      tie = false;
    } else if (d === best.distance && v !== best.value) {
      tie = true;
    }
  }
  return best && !tie ? best : null;
}

const RUNNING_NUMBER = new Set(
  [
    "#",
    "Item",
    "Items",
    "S/N",
    "SN",
    "Sr. No.",
    "Sr No",
    "Serial",
    "Serial No",
    "ល.រ",
    "លរ",
    "លេខរៀង",
  ].map(synonymKey)
);
const MEASURE_NUMBER = new Set(
  [
    "Measure No",
    "Measure No.",
    "Measure number",
    "Ref",
    "Ref.",
    "Reference",
    "Action No",
    "Activity No",
    "លេខរៀងវិធានការ",
    "លេខវិធានការ",
  ].map(synonymKey)
);

/**
 * How surely a header naming No. is the measure's number: 0 "Measure No.", "Ref"; 1 "No.";
 * 2 a running row number ("Item", "#", "S/N", "ល.រ"). With both, the measure's number is the key.
 */
export function noHeaderRank(text: string): number {
  const k = synonymKey(text);
  return MEASURE_NUMBER.has(k) ? 0 : RUNNING_NUMBER.has(k) ? 2 : 1;
}

/** The Measures column this text names exactly (case, spaces, punctuation aside), or null. */
export function exactHeader(text: string): MeasuresHeader | null {
  return EXACT.get(synonymKey(text)) ?? null;
}

/** The Measures column a source header names, or null. */
export function matchHeader(text: string): HeaderMatch | null {
  const key = synonymKey(text);
  if (!key) return null;
  const exact = EXACT.get(key);
  if (exact) return { header: exact, distance: 0 };
  const near = closest(key, KEYS);
  if (near) return { header: near.value, distance: near.distance };
  const bare = synonymKey(text.replace(/\([^)]*\)|\[[^\]]*\]/g, " "));
  if (bare && bare !== key) {
    const again = EXACT.get(bare) ?? closest(bare, KEYS)?.value;
    if (again) return { header: again, distance: 3 };
  }
  return null;
}

import { looseKey } from "../../model/cells";
import type { Measure } from "../../model/types";

/** An institution named in Measures (lead or among Institutions) and the measures it reports on. */
export interface Institution {
  /** The name as first written in Measures. */
  name: string;
  /** looseKey of the name: how a return's Institution is matched. */
  key: string;
  /** Nos of its measures, in Measures order. */
  measures: string[];
  /** Nos of the measures it leads (listed first among Institutions). */
  leads: string[];
}

/** An entry naming no one body ("Relevant Ministries and Institutions"): it gets no return. */
export interface GenericEntry {
  name: string;
  measures: string[];
}

const GENERIC_WORDS =
  /^(all|relevant|other|concerned|related|line|respective)\b.*\b(ministries|institutions|departments|agencies|stakeholders|bodies|authorities)$/;
const GENERIC_KM = /ពាក់ព័ន្ធ$|ទាំងអស់$/;

/** "Relevant Ministries and Institutions", "All line ministries", "ក្រសួង-ស្ថាប័នពាក់ព័ន្ធ". */
export function isGenericInstitution(name: string): boolean {
  const key = looseKey(name).replace(/-/g, " ");
  return GENERIC_WORDS.test(key) || GENERIC_KM.test(name.trim());
}

export function institutionKey(name: string): string {
  return looseKey(name);
}

/** The institutions of the measures (first-seen order) and the generic entries, each with its measures. */
export function institutionsOf(measures: readonly Measure[]): {
  institutions: Institution[];
  generic: GenericEntry[];
} {
  const byKey = new Map<string, Institution>();
  const generic = new Map<string, GenericEntry>();
  for (const m of measures) {
    if (m.no === "") continue;
    m.institutions.forEach((name, i) => {
      const key = institutionKey(name);
      if (key === "") return;
      if (isGenericInstitution(name)) {
        const g = generic.get(key) ?? { name, measures: [] };
        if (!g.measures.includes(m.no)) g.measures.push(m.no);
        generic.set(key, g);
        return;
      }
      const inst = byKey.get(key) ?? { name, key, measures: [], leads: [] };
      if (!inst.measures.includes(m.no)) inst.measures.push(m.no);
      if (i === 0 && !inst.leads.includes(m.no)) inst.leads.push(m.no);
      byKey.set(key, inst);
    });
  }
  return { institutions: [...byKey.values()], generic: [...generic.values()] };
}

/** The lead institution of a measure: the first one listed (its key, or null). */
export function leadInstitutionKey(m: Measure): string | null {
  const first = m.institutions[0];
  return first ? institutionKey(first) : null;
}

const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;

/**
 * A file name safe on Windows, macOS and Linux and in a zip: letters (Khmer included), digits
 * and dashes, at most 80 characters before the period and extension; names already taken
 * (case-insensitively) get "-2", "-3"…
 */
export function safeFileName(institution: string, period: string, taken: Set<string>): string {
  let stem = institution
    .normalize("NFC")
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/, "");
  if (stem === "" || RESERVED.test(stem)) stem = `institution${stem ? `-${stem}` : ""}`;
  const tail = period.replace(/[^A-Za-z0-9-]+/g, "-");
  let name = `${stem}-${tail}.xlsx`;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${stem}-${n}-${tail}.xlsx`;
  taken.add(name.toLowerCase());
  return name;
}

/**
 * The message catalogue: every finding's text, in English and Khmer, made from its params.
 * Rule modules never write text; validate() and the UI call formatFinding.
 */
import { COMMITTEES } from "../model/builtin";
import type { Finding, Language, RuleId } from "./finding";

type Params = Record<string, string | number>;
type Template = (p: Params) => string;

/** Khmer names of the contract headers and Framework settings the messages name. */
const FIELD_KM: Readonly<Record<string, string>> = {
  "No.": "លេខរៀង",
  Goal: "គោលដៅ",
  Strategy: "យុទ្ធសាស្ត្រ",
  Measure: "វិធានការ",
  "Lead committee": "គណៈកម្មាធិការដឹកនាំ",
  "Other committees": "គណៈកម្មាធិការផ្សេងទៀត",
  Institutions: "ស្ថាប័ន",
  Timeframe: "ក្របខណ្ឌពេលវេលា",
  "Start year": "ឆ្នាំចាប់ផ្តើម",
  "End year": "ឆ្នាំបញ្ចប់",
  Status: "ស្ថានភាព",
  "Progress %": "វឌ្ឍនភាព (%)",
  Code: "លេខកូដ",
  Committee: "គណៈកម្មាធិការ",
  Role: "តួនាទី",
  "From year": "ឆ្នាំចាប់ពី",
  "To year": "ឆ្នាំរហូតដល់",
  "Expected measures": "ចំនួនវិធានការរំពឹងទុក",
  "Period start": "ឆ្នាំចាប់ផ្តើមនៃរយៈពេលក្របខណ្ឌ",
  "Period end": "ឆ្នាំបញ្ចប់នៃរយៈពេលក្របខណ្ឌ",
  "As of year": "ឆ្នាំគិតត្រឹម",
  Setting: "ការកំណត់",
  Period: "រយៈពេល",
  Value: "តម្លៃ",
};

const STATUS_KM: Readonly<Record<string, string>> = {
  "not started": "មិនទាន់ចាប់ផ្តើម",
  "on track": "ដំណើរការតាមផែនការ",
  "at risk": "មានហានិភ័យ",
  delayed: "យឺតយ៉ាវ",
  completed: "បានបញ្ចប់",
};

const MAX_QUOTE = 120;

/** A param as text; "" when absent; a very long cell text is cut short (params keep it whole). Never throws. */
function s(p: Params, key: string): string {
  const v = p[key];
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "";
  if (typeof v !== "string") return "";
  return v.length > MAX_QUOTE ? `${v.slice(0, MAX_QUOTE - 1)}…` : v;
}

/** "Start year (ឆ្នាំចាប់ផ្តើម)" style: the Khmer name first, the workbook's English header after. */
function fieldKm(field: string): string {
  const km = FIELD_KM[field];
  return km ? `${km} (${field})` : field;
}

function statusKm(status: string): string {
  const km = STATUS_KM[status.toLowerCase().replace(/\s+/g, " ").trim()];
  return km ? `«${status}» (${km})` : `«${status}»`;
}

function measures(n: string): string {
  return n === "1" ? "1 measure" : `${n} measures`;
}

/** A year window from params `${prefix}Start` / `${prefix}End`, either bound possibly absent. */
function windowEn(p: Params, prefix: string): string {
  const a = s(p, `${prefix}Start`);
  const b = s(p, `${prefix}End`);
  if (a && b) return `${a}–${b}`;
  if (a) return `from ${a}`;
  if (b) return `up to ${b}`;
  return "";
}

function windowKm(p: Params, prefix: string): string {
  const a = s(p, `${prefix}Start`);
  const b = s(p, `${prefix}End`);
  if (a && b) return `${a}–${b}`;
  if (a) return `ចាប់ពីឆ្នាំ ${a}`;
  if (b) return `រហូតដល់ឆ្នាំ ${b}`;
  return "";
}

const committeeEn = (p: Params) => s(p, "committeeName") || s(p, "committee");
const committeeKm = (p: Params) => s(p, "committeeNameKm") || committeeEn(p);

/** The built-in committee codes, "DGC, DEBC, DSC": what is checked when Committees is missing. */
const BUILTIN_CODES = COMMITTEES.map((c) => c.code).join(", ");
const builtIn = (p: Params) => s(p, "against") === "built-in";

const unknownCommittee = {
  en: (p: Params) =>
    builtIn(p)
      ? `"${s(p, "committee")}" is not the code, name or alias of a built-in committee (${BUILTIN_CODES}), and there is no Committees table (or it is empty) to name others.`
      : `"${s(p, "committee")}" is not the code, name or alias of any committee in the Committees table.`,
  km: (p: Params) =>
    builtIn(p)
      ? `«${s(p, "committee")}» មិនមែនជាលេខកូដ ឈ្មោះ ឬឈ្មោះហៅផ្សេងរបស់គណៈកម្មាធិការដែលមានស្រាប់ (${BUILTIN_CODES}) ទេ ហើយគ្មានតារាង Committees (ឬតារាងនៅទទេ) ដើម្បីកំណត់គណៈកម្មាធិការផ្សេងទៀតទេ។`
      : `«${s(p, "committee")}» មិនមែនជាលេខកូដ ឈ្មោះ ឬឈ្មោះហៅផ្សេងរបស់គណៈកម្មាធិការណាមួយក្នុងតារាង Committees ទេ។`,
};

/** reference-missing: what goes unchecked without each reference table, and what it holds. */
interface MissingTable {
  en: string;
  km: string;
  columns: string;
  things: string;
  thingsKm: string;
}

const MISSING_TABLE: Readonly<Record<string, MissingTable>> = {
  Goals: {
    en: "the measures' Goal codes are not checked",
    km: "ដូច្នេះលេខកូដគោលដៅ (Goal) របស់វិធានការមិនត្រូវបានពិនិត្យទេ",
    columns: "Code, Goal, Goal (Khmer)",
    things: "goals",
    thingsKm: "គោលដៅ",
  },
  Strategies: {
    en: "the measures' Strategy codes are not checked",
    km: "ដូច្នេះលេខកូដយុទ្ធសាស្ត្រ (Strategy) របស់វិធានការមិនត្រូវបានពិនិត្យទេ",
    columns: "Code, Goal, Strategy",
    things: "strategies",
    thingsKm: "យុទ្ធសាស្ត្រ",
  },
  Committees: {
    en: `committees are checked only against the built-in ${BUILTIN_CODES}`,
    km: `ដូច្នេះគណៈកម្មាធិការត្រូវបានពិនិត្យតែនឹងគណៈកម្មាធិការដែលមានស្រាប់ ${BUILTIN_CODES} ប៉ុណ្ណោះ`,
    columns: "Code, Committee, Committee (Khmer), Aliases, Expected measures",
    things: "committees",
    thingsKm: "គណៈកម្មាធិការ",
  },
  Timeframes: {
    en: "timeframes are checked only against the built-in names (Short-term … Long-term, Foundation, Adoption, Transformation, 2022-2025 …), without their years",
    km: "ដូច្នេះក្របខណ្ឌពេលវេលាត្រូវបានពិនិត្យតែនឹងឈ្មោះដែលមានស្រាប់ (Short-term … Long-term, Foundation, Adoption, Transformation, 2022-2025 …) ប៉ុណ្ណោះ ដោយមិនពិនិត្យឆ្នាំ",
    columns: "Timeframe, From year, To year",
    things: "timeframes",
    thingsKm: "ក្របខណ្ឌពេលវេលា",
  },
};

function missingTable(p: Params): MissingTable {
  const table = s(p, "table");
  return Object.prototype.hasOwnProperty.call(MISSING_TABLE, table)
    ? MISSING_TABLE[table]
    : {
        en: "its codes are not checked",
        km: "ដូច្នេះលេខកូដមិនត្រូវបានពិនិត្យទេ",
        columns: "",
        things: "entries",
        thingsKm: "ធាតុ",
      };
}

/** The note of a year-out-of-period whose bound(s) the Framework table does not give. */
const ASSUMED_NOTE: Readonly<Record<string, Record<Language, Template>>> = {
  both: {
    en: (p) =>
      `; no Framework table gives a Period start or Period end, so ${windowEn(p, "period")} is assumed`,
    km: (p) =>
      `៖ គ្មានតារាង Framework ផ្ដល់ឆ្នាំចាប់ផ្តើម ឬឆ្នាំបញ្ចប់នៃរយៈពេលក្របខណ្ឌទេ ដូច្នេះយកឆ្នាំ ${windowKm(p, "period")} ជាការសន្មត`,
  },
  start: {
    en: (p) => `; the Framework table gives no Period start, so ${s(p, "periodStart")} is assumed`,
    km: (p) =>
      `៖ តារាង Framework មិនផ្ដល់ឆ្នាំចាប់ផ្តើមនៃរយៈពេលក្របខណ្ឌទេ ដូច្នេះយកឆ្នាំ ${s(p, "periodStart")} ជាការសន្មត`,
  },
  end: {
    en: (p) => `; the Framework table gives no Period end, so ${s(p, "periodEnd")} is assumed`,
    km: (p) =>
      `៖ តារាង Framework មិនផ្ដល់ឆ្នាំបញ្ចប់នៃរយៈពេលក្របខណ្ឌទេ ដូច្នេះយកឆ្នាំ ${s(p, "periodEnd")} ជាការសន្មត`,
  },
};

function assumedNote(p: Params, language: Language): string {
  const which = s(p, "periodAssumed");
  return Object.prototype.hasOwnProperty.call(ASSUMED_NOTE, which)
    ? ASSUMED_NOTE[which][language](p)
    : "";
}

const notAYear = {
  en: (field: string, value: string) =>
    value ? `${field} "${value}" is not a whole year.` : `${field} is not a readable year.`,
  km: (field: string, value: string) =>
    value
      ? `${fieldKm(field)} «${value}» មិនមែនជាឆ្នាំត្រឹមត្រូវទេ។`
      : `${fieldKm(field)} មិនអាចអានជាឆ្នាំបានទេ។`,
};

/** reference-invalid has one text per kind of breakage, chosen by params.problem. */
const REFERENCE: Readonly<Record<string, Record<Language, Template>>> = {
  "value-missing": {
    en: (p) => `${s(p, "field")} is blank; this row needs it.`,
    km: (p) => `ជួរនេះត្រូវតែមាន${fieldKm(s(p, "field"))} ប៉ុន្តែក្រឡានៅទទេ។`,
  },
  "value-duplicate": {
    en: (p) => `${s(p, "field")} "${s(p, "value")}" repeats row ${s(p, "firstRow")}.`,
    km: (p) => `${fieldKm(s(p, "field"))} «${s(p, "value")}» ស្ទួនជាមួយជួរទី ${s(p, "firstRow")}។`,
  },
  "strategy-goal-unknown": {
    en: (p) =>
      `${s(p, "strategy") ? `Strategy "${s(p, "strategy")}"` : "This strategy"} names goal "${s(p, "goal")}", which is not in the Goals table.`,
    km: (p) =>
      `${s(p, "strategy") ? `យុទ្ធសាស្ត្រ «${s(p, "strategy")}»` : "យុទ្ធសាស្ត្រនេះ"} ភ្ជាប់ទៅគោលដៅ «${s(p, "goal")}» ដែលមិនមាននៅក្នុងតារាង Goals ទេ។`,
  },
  "responsibility-goal-unknown": {
    en: (p) => `Goal "${s(p, "goal")}" is not in the Goals table.`,
    km: (p) => `គោលដៅ «${s(p, "goal")}» មិនមាននៅក្នុងតារាង Goals ទេ។`,
  },
  "responsibility-committee-unknown": unknownCommittee,
  "role-invalid": {
    en: (p) => `Role "${s(p, "role")}" is neither Lead nor Support.`,
    km: (p) => `តួនាទី «${s(p, "role")}» មិនមែនជា Lead (ដឹកនាំ) ឬ Support (គាំទ្រ) ទេ។`,
  },
  "timeframe-order": {
    en: (p) =>
      `${s(p, "timeframe") ? `Timeframe "${s(p, "timeframe")}"` : "This timeframe"} runs from ${s(p, "from")} to ${s(p, "to")}: its From year is after its To year.`,
    km: (p) =>
      `${s(p, "timeframe") ? `ក្របខណ្ឌពេលវេលា «${s(p, "timeframe")}»` : "ក្របខណ្ឌពេលវេលានេះ"} មានឆ្នាំចាប់ពី ${s(p, "from")} នៅក្រោយឆ្នាំរហូតដល់ ${s(p, "to")}។`,
  },
  "year-unreadable": {
    en: (p) => notAYear.en(s(p, "field"), s(p, "value")),
    km: (p) => notAYear.km(s(p, "field"), s(p, "value")),
  },
  "number-unreadable": {
    en: (p) =>
      s(p, "value")
        ? `${s(p, "field")} "${s(p, "value")}" is not a whole number.`
        : `${s(p, "field")} is not a readable whole number.`,
    km: (p) =>
      s(p, "value")
        ? `${fieldKm(s(p, "field"))} «${s(p, "value")}» មិនមែនជាចំនួនគត់ទេ។`
        : `${fieldKm(s(p, "field"))} មិនអាចអានជាចំនួនគត់បានទេ។`,
  },
  "period-order": {
    en: (p) => `Period start ${s(p, "start")} is after Period end ${s(p, "end")}.`,
    km: (p) => `ឆ្នាំចាប់ផ្តើមនៃរយៈពេលក្របខណ្ឌ (${s(p, "start")}) នៅក្រោយឆ្នាំបញ្ចប់ (${s(p, "end")})។`,
  },
};

const REFERENCE_FALLBACK: Record<Language, Template> = {
  en: () => "This reference row is not usable.",
  km: () => "ជួរយោងនេះមិនអាចប្រើបានទេ។",
};

function referenceTemplates(p: Params): Record<Language, Template> {
  const problem = s(p, "problem");
  return Object.prototype.hasOwnProperty.call(REFERENCE, problem)
    ? REFERENCE[problem]
    : REFERENCE_FALLBACK;
}

export const MESSAGES: Readonly<Record<RuleId, Record<Language, Template>>> = {
  "column-missing": {
    en: (p) =>
      `The Measures table has no ${s(p, "columns")} column${s(p, "count") === "1" ? "" : "s"} (renamed or deleted?); give the headers back their names, or import the sheet to map them.`,
    km: (p) =>
      `តារាង Measures គ្មានជួរឈរ ${s(p, "columns").split(", ").map(fieldKm).join(", ")} ទេ (ប្រហែលជាបានប្ដូរឈ្មោះ ឬលុប)៖ សូមដាក់ឈ្មោះក្បាលជួរឈរឡើងវិញ ឬនាំចូលសន្លឹកនេះដើម្បីផ្គូផ្គងជួរឈរ។`,
  },
  "reference-missing": {
    en: (p) => {
      const t = missingTable(p);
      const head =
        s(p, "state") === "empty"
          ? `The ${s(p, "table")} table is empty`
          : `The workbook has no ${s(p, "table")} table`;
      const columns = t.columns ? ` (${t.columns})` : "";
      const action =
        s(p, "state") === "empty"
          ? `Fill it${columns} with the framework's ${t.things}.`
          : `Add a ${s(p, "table")} table${columns} holding the framework's ${t.things}.`;
      return `${head}: ${t.en}. ${action}`;
    },
    km: (p) => {
      const t = missingTable(p);
      const head =
        s(p, "state") === "empty"
          ? `តារាង ${s(p, "table")} នៅទទេ`
          : `សៀវភៅបញ្ជីនេះគ្មានតារាង ${s(p, "table")} ទេ`;
      const action = s(p, "state") === "empty" ? `សូមបំពេញតារាងនេះ` : `សូមបន្ថែមតារាង ${s(p, "table")}`;
      return `${head} ${t.km}។ ${action}${t.columns ? ` (${t.columns})` : ""} ដោយ${t.thingsKm}នៃក្របខណ្ឌ។`;
    },
  },
  "key-missing": {
    en: () => "The measure has no No.",
    km: () => "វិធានការនេះមិនមានលេខរៀង (No.) ទេ។",
  },
  "key-duplicate": {
    en: (p) => `No. "${s(p, "no")}" is already used on row ${s(p, "firstRow")}.`,
    km: (p) => `លេខរៀង «${s(p, "no")}» ត្រូវបានប្រើរួចហើយនៅជួរទី ${s(p, "firstRow")}។`,
  },
  "required-missing": {
    en: (p) => `${s(p, "column")} is blank; it is required.`,
    km: (p) => `${fieldKm(s(p, "column"))} ត្រូវតែបំពេញ ប៉ុន្តែក្រឡានេះនៅទទេ។`,
  },
  "goal-unknown": {
    en: (p) => `Goal "${s(p, "goal")}" is not a code in the Goals table.`,
    km: (p) => `គោលដៅ «${s(p, "goal")}» មិនមែនជាលេខកូដក្នុងតារាង Goals ទេ។`,
  },
  "strategy-unknown": {
    en: (p) => `Strategy "${s(p, "strategy")}" is not a code in the Strategies table.`,
    km: (p) => `យុទ្ធសាស្ត្រ «${s(p, "strategy")}» មិនមែនជាលេខកូដក្នុងតារាង Strategies ទេ។`,
  },
  "strategy-goal-mismatch": {
    en: (p) =>
      `Strategy "${s(p, "strategy")}" belongs to goal "${s(p, "strategyGoal")}", not to goal "${s(p, "goal")}".`,
    km: (p) =>
      `យុទ្ធសាស្ត្រ «${s(p, "strategy")}» ស្ថិតនៅក្រោមគោលដៅ «${s(p, "strategyGoal")}» មិនមែនក្រោមគោលដៅ «${s(p, "goal")}» ទេ។`,
  },
  "committee-unknown": unknownCommittee,
  "committee-lead-repeated": {
    en: (p) => `${committeeEn(p)}, the lead committee, is also listed among the other committees.`,
    km: (p) => `${committeeKm(p)} ដែលជាគណៈកម្មាធិការដឹកនាំ ក៏ត្រូវបានរាយនៅក្នុងបញ្ជីគណៈកម្មាធិការផ្សេងទៀតដែរ។`,
  },
  "committee-not-responsible": {
    en: (p) =>
      `${committeeEn(p)} leads this measure, but the Responsibilities table has no Lead row for it under goal "${s(p, "goal")}".`,
    km: (p) =>
      `${committeeKm(p)} ដឹកនាំវិធានការនេះ ប៉ុន្តែតារាង Responsibilities មិនបានកំណត់តួនាទីដឹកនាំ (Lead) ឱ្យគណៈកម្មាធិការនេះសម្រាប់គោលដៅ «${s(p, "goal")}» ទេ។`,
  },
  "committee-support-missing": {
    en: (p) =>
      `The Responsibilities table names ${committeeEn(p)} in support of goal "${s(p, "goal")}", but this measure does not list it.`,
    km: (p) =>
      `តារាង Responsibilities កំណត់ឱ្យ ${committeeKm(p)} គាំទ្រ (Support) គោលដៅ «${s(p, "goal")}» ប៉ុន្តែវិធានការនេះមិនបានរាយឈ្មោះគណៈកម្មាធិការនេះទេ។`,
  },
  "committee-count": {
    en: (p) =>
      `${committeeEn(p)} leads or co-leads ${measures(s(p, "count"))}; the framework expects ${s(p, "expected")}.`,
    km: (p) =>
      `${committeeKm(p)} ដឹកនាំ ឬសហដឹកនាំវិធានការចំនួន ${s(p, "count")} ខណៈដែលក្របខណ្ឌរំពឹងទុកចំនួន ${s(p, "expected")}។`,
  },
  "measure-count": {
    en: (p) =>
      `The Measures table has ${measures(s(p, "count"))}; the framework expects ${s(p, "expected")}.`,
    km: (p) =>
      `តារាង Measures មានវិធានការចំនួន ${s(p, "count")} ខណៈដែលក្របខណ្ឌរំពឹងទុកចំនួន ${s(p, "expected")}។`,
  },
  "timeframe-unknown": {
    en: (p) =>
      builtIn(p)
        ? `Timeframe "${s(p, "timeframe")}" is not a built-in timeframe (such as Short-term, Medium- to Long-term, Foundation or 2022-2025), and there is no Timeframes table (or it is empty) to name others.`
        : `Timeframe "${s(p, "timeframe")}" is not in the Timeframes table.`,
    km: (p) =>
      builtIn(p)
        ? `ក្របខណ្ឌពេលវេលា «${s(p, "timeframe")}» មិនមែនជាក្របខណ្ឌពេលវេលាដែលមានស្រាប់ (ដូចជា Short-term, Medium- to Long-term, Foundation ឬ 2022-2025) ទេ ហើយគ្មានតារាង Timeframes (ឬតារាងនៅទទេ) ដើម្បីកំណត់ក្របខណ្ឌពេលវេលាផ្សេងទៀតទេ។`
        : `ក្របខណ្ឌពេលវេលា «${s(p, "timeframe")}» មិនមាននៅក្នុងតារាង Timeframes ទេ។`,
  },
  "year-invalid": {
    en: (p) => notAYear.en(s(p, "column"), s(p, "value")),
    km: (p) => notAYear.km(s(p, "column"), s(p, "value")),
  },
  "year-order": {
    en: (p) => `Start year ${s(p, "start")} is after End year ${s(p, "end")}.`,
    km: (p) => `ឆ្នាំចាប់ផ្តើម ${s(p, "start")} នៅក្រោយឆ្នាំបញ្ចប់ ${s(p, "end")}។`,
  },
  "year-out-of-period": {
    en: (p) =>
      `${s(p, "column")} ${s(p, "year")} is outside the framework period (${windowEn(p, "period")})${assumedNote(p, "en")}.`,
    km: (p) =>
      `${fieldKm(s(p, "column"))} ${s(p, "year")} ស្ថិតនៅក្រៅរយៈពេលនៃក្របខណ្ឌ (${windowKm(p, "period")})${assumedNote(p, "km")}។`,
  },
  "timeframe-mismatch": {
    en: (p) =>
      `${s(p, "column")} ${s(p, "year")} is outside the years of timeframe "${s(p, "timeframe")}" (${windowEn(p, "window")}).`,
    km: (p) =>
      `${fieldKm(s(p, "column"))} ${s(p, "year")} ស្ថិតនៅក្រៅចន្លោះឆ្នាំនៃក្របខណ្ឌពេលវេលា «${s(p, "timeframe")}» (${windowKm(p, "window")})។`,
  },
  "status-unknown": {
    en: (p) =>
      `Status "${s(p, "status")}" is not one of Not started, On track, At risk, Delayed, Completed.`,
    km: (p) =>
      `ស្ថានភាព «${s(p, "status")}» មិនមែនជាស្ថានភាពមួយក្នុងចំណោម Not started, On track, At risk, Delayed ឬ Completed ទេ។`,
  },
  "progress-invalid": {
    en: (p) =>
      s(p, "value")
        ? `Progress "${s(p, "value")}" is not a number from 0 to 100.`
        : "Progress % is not a readable number from 0 to 100.",
    km: (p) =>
      s(p, "value")
        ? `វឌ្ឍនភាព «${s(p, "value")}» មិនមែនជាចំនួនពី 0 ដល់ 100 ទេ។`
        : "វឌ្ឍនភាព (Progress %) មិនអាចអានជាចំនួនពី 0 ដល់ 100 បានទេ។",
  },
  "progress-status-mismatch": {
    en: (p) => {
      if (s(p, "case") === "completed-below-100")
        return `The status is Completed but progress is ${s(p, "progress")} %.`;
      return `Progress is 100 % but the status is "${s(p, "status")}", not Completed.`;
    },
    km: (p) => {
      if (s(p, "case") === "completed-below-100")
        return `ស្ថានភាពជា «Completed» (បានបញ្ចប់) ប៉ុន្តែវឌ្ឍនភាពមានត្រឹមតែ ${s(p, "progress")}% ប៉ុណ្ណោះ។`;
      return `វឌ្ឍនភាពបាន 100% ហើយ ប៉ុន្តែស្ថានភាពនៅតែជា ${statusKm(s(p, "status"))} មិនមែន «Completed» (បានបញ្ចប់) ទេ។`;
    },
  },
  overdue: {
    en: (p) =>
      `End year ${s(p, "endYear")} has passed (as of ${s(p, "asOfYear")}) and the measure is not Completed.`,
    km: (p) =>
      `ឆ្នាំបញ្ចប់ ${s(p, "endYear")} បានកន្លងផុតទៅហើយ (គិតត្រឹមឆ្នាំ ${s(p, "asOfYear")}) ប៉ុន្តែវិធានការនេះមិនទាន់បានបញ្ចប់នៅឡើយទេ។`,
  },
  "not-started-late": {
    en: (p) =>
      `Start year ${s(p, "startYear")} has passed (as of ${s(p, "asOfYear")}) and the measure is still Not started.`,
    km: (p) =>
      `ឆ្នាំចាប់ផ្តើម ${s(p, "startYear")} បានកន្លងផុតទៅហើយ (គិតត្រឹមឆ្នាំ ${s(p, "asOfYear")}) ប៉ុន្តែវិធានការនេះមិនទាន់ចាប់ផ្តើមនៅឡើយទេ។`,
  },
  "reference-invalid": {
    en: (p) => referenceTemplates(p).en(p),
    km: (p) => referenceTemplates(p).km(p),
  },
  "period-invalid": {
    en: (p) =>
      s(p, "value")
        ? `Period "${s(p, "value")}" is not a period label such as 2026-Q2, 2026-H1 or 2026.`
        : "The Period is blank: give a period label such as 2026-Q2, 2026-H1 or 2026.",
    km: (p) =>
      s(p, "value")
        ? `រយៈពេល «${s(p, "value")}» មិនមែនជាស្លាករយៈពេលដូចជា 2026-Q2, 2026-H1 ឬ 2026 ទេ។`
        : "រយៈពេល (Period) ទទេ៖ សូមបញ្ចូលស្លាករយៈពេលដូចជា 2026-Q2, 2026-H1 ឬ 2026។",
  },
  "progress-key-unknown": {
    en: (p) =>
      s(p, "no")
        ? `No. ${s(p, "no")} is not a measure in the Measures table.`
        : "The No. is blank: this progress row names no measure.",
    km: (p) =>
      s(p, "no")
        ? `លេខរៀង ${s(p, "no")} មិនមែនជាវិធានការក្នុងតារាង Measures ទេ។`
        : "លេខរៀង (No.) ទទេ៖ ជួរវឌ្ឍនភាពនេះមិនបញ្ជាក់វិធានការណាមួយទេ។",
  },
  "progress-decrease": {
    en: (p) =>
      `Progress of No. ${s(p, "no")} went down from ${s(p, "previousProgress")} % (${s(p, "previousPeriod")}) to ${s(p, "progress")} % (${s(p, "period")}) with no note saying why.`,
    km: (p) =>
      `វឌ្ឍនភាពនៃលេខរៀង ${s(p, "no")} បានធ្លាក់ចុះពី ${s(p, "previousProgress")}% (${s(p, "previousPeriod")}) មក ${s(p, "progress")}% (${s(p, "period")}) ដោយគ្មានកំណត់សម្គាល់ពន្យល់មូលហេតុ។`,
  },
};

/** The `problem` values of reference-invalid findings, each with its own text. */
export const REFERENCE_PROBLEMS: readonly string[] = Object.keys(REFERENCE);

/** Tells a finding in the language asked (English by default), from its rule and params. */
export function formatFinding(
  f: Pick<Finding, "rule" | "params">,
  language: Language = "en"
): string {
  const entry = Object.prototype.hasOwnProperty.call(MESSAGES, f.rule)
    ? MESSAGES[f.rule]
    : undefined;
  if (!entry) return String(f.rule);
  const lang: Language = language === "km" ? "km" : "en";
  const params: Params = f.params && typeof f.params === "object" ? f.params : {};
  return entry[lang](params);
}

/**
 * Words of the owned sheets (Summary, Briefing, Validation), in English and Khmer.
 * Sheet and table names stay English: they are the workbook contract.
 */
import type { Status } from "../model/types";
import type { Severity } from "../rules/finding";

import type { Language } from "../model/types";
export type { Language };

const en = {
  summaryTitle: "Summary",
  asOfYear: "As of year",
  period: "Period",
  formulasNote:
    "The numbers are formulas over the Measures and Committees tables: they update as you edit the measures.",
  codesNote:
    "Committees are counted by their code: a measure that names a committee by its full name or an alias is not counted here.",
  keyFigures: "Key figures",
  figure: "Figure",
  value: "Value",
  measures: "Measures",
  completed: "Completed",
  shareCompleted: "Share completed",
  meanProgress: "Mean progress %",
  overdue: "Overdue",
  atRiskOrDelayed: "At risk or delayed",
  leadNotACode: "Lead committee blank or not a committee code",
  perCommittee: "Measures per committee",
  committee: "Committee",
  name: "Name",
  lead: "Lead",
  coLead: "Co-lead",
  total: "Total",
  expected: "Expected",
  difference: "Difference",
  committeeNamesDiffer:
    "{code}: the formulas count {counted} measures by code; {named} measures name this committee by code, name or alias.",
  perGoalCommittee: "Measures per goal and committee (lead or co-lead)",
  perGoalTimeframe: "Measures per goal and timeframe",
  goal: "Goal",
  timeframe: "Timeframe",
  other: "Other",
  otherGoal: "Other or blank goal",
  statusByPeriod: "Measures per status, by reporting period (Progress table)",
  chartStatusByPeriod: "Status by reporting period",
  axisPeriod: "Reporting period",
  changedSince: "Changed since {previous} (reported for {latest})",
  noChangeSince: "No status or progress changed since {previous}.",
  change: "Change",
  changeStatus: "status moved",
  progressUp: "progress up",
  progressDown: "progress down",
  perStatus: "Measures per status",
  status: "Status",
  progressByGoal: "Progress per goal",
  progressByCommittee: "Progress per committee (lead or co-lead)",
  activePerYear: "Measures active per year (lead or co-lead; Start year ≤ year ≤ End year)",
  allMeasures: "All measures",
  attention: "Measures needing attention: overdue, at risk or delayed",
  attentionCount: "The first {shown} of {total}, latest first.",
  noAttention: "No measure is overdue, at risk or delayed.",
  yearsLate: "Years late",
  no: "No.",
  measure: "Measure",
  start: "Start",
  end: "End",
  endYear: "End year",
  progress: "Progress %",
  leadInstitution: "Lead institution",
  chartCommittees: "Measures per committee",
  chartGoalTimeframe: "Measures per goal and timeframe",
  chartStatus: "Measures per status",
  chartActive: "Measures active per year",
  briefingTitle: "{committee} — measures",
  briefingAsOf: "As of {year}",
  noCommittee: "No committee",
  noMeasures: "No measures.",
  validationTitle: "Validation",
  errors: "Errors",
  warnings: "Warnings",
  infos: "Info",
  severity: "Severity",
  rule: "Rule",
  table: "Table",
  row: "Row",
  column: "Column",
  message: "Message",
  cell: "Cell",
  severityId: "Severity id",
  noFindings: "No findings: the tables pass every check.",
  sevError: "error",
  sevWarning: "warning",
  sevInfo: "info",
  stNotStarted: "Not started",
  stOnTrack: "On track",
  stAtRisk: "At risk",
  stDelayed: "Delayed",
  stCompleted: "Completed",
  briefingOrder:
    "Ordered by what needs attention — Delayed, overdue, At risk, On track, Not started, Completed — then by No.",
  briefingNone: "Measures naming no committee",
  coverTitle: "Briefing summary",
  needingAttention: "Needing attention",
  ofExpected: "of {n} expected",
  shareOfMeasures: "{share} % of the measures",
  attentionWhat: "overdue, at risk or delayed",
  statusByCommittee: "Status by committee (lead or co-lead)",
  topAttention: "Measures most needing attention",
  noneNeedAttention: "No measure is overdue, at risk or delayed.",
  shortTitle: "Measure",
  countedTotal: "Counted (lead or co-lead)",
  chartCommitteeExpected: "Measures per committee: counted and expected",
  chartStatusByCommittee: "Status by committee",
  axisMeasures: "Measures",
  axisCommittee: "Committee",
  axisGoal: "Goal",
  axisYear: "Year",
  year: "Year",
  pageOf: "Page &P of &N",
  deckTitle: "Briefing",
  deckOverview: "Overview",
  deckKeyNumbers: "Key numbers",
  deckCommitteeStatus: "{committee}: status of its measures",
  deckCommitteeAttention: "{committee}: measures needing attention",
  deckContinued: "(continued {n})",
  deckAnnex: "Annex: overdue and delayed measures",
  deckNoAttention: "No measure of this committee is overdue, at risk or delayed.",
  deckNoAnnex: "No measure is overdue or delayed.",
  deckSource: "Built by Policy Planner from the workbook's Measures table.",
};

export type LabelKey = keyof typeof en;

const km: Record<LabelKey, string> = {
  summaryTitle: "សេចក្តីសង្ខេប",
  asOfYear: "ឆ្នាំគិតត្រឹម",
  period: "រយៈពេល",
  formulasNote:
    "តួលេខទាំងនេះជារូបមន្តគណនាលើតារាង Measures និង Committees ៖ វាប្រែប្រួលតាមពេលអ្នកកែប្រែវិធានការ។",
  codesNote:
    "គណៈកម្មាធិការត្រូវបានរាប់តាមកូដ ៖ វិធានការដែលសរសេរឈ្មោះពេញ ឬឈ្មោះផ្សេងនៃគណៈកម្មាធិការ មិនត្រូវបានរាប់នៅទីនេះទេ។",
  keyFigures: "តួលេខសំខាន់ៗ",
  figure: "តួលេខ",
  value: "តម្លៃ",
  measures: "វិធានការ",
  completed: "បានបញ្ចប់",
  shareCompleted: "ភាគរយបានបញ្ចប់",
  meanProgress: "វឌ្ឍនភាពមធ្យម (%)",
  overdue: "ហួសកាលកំណត់",
  atRiskOrDelayed: "មានហានិភ័យ ឬយឺតយ៉ាវ",
  leadNotACode: "គណៈកម្មាធិការដឹកនាំទទេ ឬមិនមែនជាកូដគណៈកម្មាធិការ",
  perCommittee: "វិធានការតាមគណៈកម្មាធិការ",
  committee: "គណៈកម្មាធិការ",
  name: "ឈ្មោះ",
  lead: "ដឹកនាំ",
  coLead: "សហដឹកនាំ",
  total: "សរុប",
  expected: "ចំនួនរំពឹងទុក",
  difference: "ភាពខុសគ្នា",
  committeeNamesDiffer:
    "{code} ៖ រូបមន្តរាប់បាន {counted} វិធានការតាមកូដ ប៉ុន្តែមាន {named} វិធានការដែលសំដៅលើគណៈកម្មាធិការនេះ តាមកូដ ឈ្មោះ ឬឈ្មោះផ្សេង។",
  perGoalCommittee: "វិធានការតាមគោលដៅ និងគណៈកម្មាធិការ (ដឹកនាំ ឬសហដឹកនាំ)",
  perGoalTimeframe: "វិធានការតាមគោលដៅ និងរយៈពេលអនុវត្ត",
  goal: "គោលដៅ",
  timeframe: "រយៈពេលអនុវត្ត",
  other: "ផ្សេងៗ",
  otherGoal: "គោលដៅផ្សេង ឬទទេ",
  statusByPeriod: "វិធានការតាមស្ថានភាព តាមរយៈពេលរាយការណ៍ (តារាង Progress)",
  chartStatusByPeriod: "ស្ថានភាពតាមរយៈពេលរាយការណ៍",
  axisPeriod: "រយៈពេលរាយការណ៍",
  changedSince: "ការផ្លាស់ប្តូរចាប់តាំងពី {previous} (របាយការណ៍សម្រាប់ {latest})",
  noChangeSince: "គ្មានស្ថានភាព ឬវឌ្ឍនភាពណាមួយផ្លាស់ប្តូរចាប់តាំងពី {previous} ទេ។",
  change: "ការផ្លាស់ប្តូរ",
  changeStatus: "ស្ថានភាពបានផ្លាស់ប្តូរ",
  progressUp: "វឌ្ឍនភាពកើនឡើង",
  progressDown: "វឌ្ឍនភាពធ្លាក់ចុះ",
  perStatus: "វិធានការតាមស្ថានភាព",
  status: "ស្ថានភាព",
  progressByGoal: "វឌ្ឍនភាពតាមគោលដៅ",
  progressByCommittee: "វឌ្ឍនភាពតាមគណៈកម្មាធិការ (ដឹកនាំ ឬសហដឹកនាំ)",
  activePerYear: "វិធានការកំពុងអនុវត្តតាមឆ្នាំ (ដឹកនាំ ឬសហដឹកនាំ ៖ ឆ្នាំចាប់ផ្តើម ≤ ឆ្នាំ ≤ ឆ្នាំបញ្ចប់)",
  allMeasures: "វិធានការទាំងអស់",
  attention: "វិធានការដែលត្រូវយកចិត្តទុកដាក់ ៖ ហួសកាលកំណត់ មានហានិភ័យ ឬយឺតយ៉ាវ",
  attentionCount: "{shown} ដំបូងក្នុងចំណោម {total} ដោយយឺតជាងគេនៅខាងលើ។",
  noAttention: "គ្មានវិធានការណាហួសកាលកំណត់ មានហានិភ័យ ឬយឺតយ៉ាវទេ។",
  yearsLate: "ចំនួនឆ្នាំយឺត",
  no: "ល.រ",
  measure: "វិធានការ",
  start: "ចាប់ផ្តើម",
  end: "បញ្ចប់",
  endYear: "ឆ្នាំបញ្ចប់",
  progress: "វឌ្ឍនភាព (%)",
  leadInstitution: "ស្ថាប័នដឹកនាំ",
  chartCommittees: "វិធានការតាមគណៈកម្មាធិការ",
  chartGoalTimeframe: "វិធានការតាមគោលដៅ និងរយៈពេលអនុវត្ត",
  chartStatus: "វិធានការតាមស្ថានភាព",
  chartActive: "វិធានការកំពុងអនុវត្តតាមឆ្នាំ",
  briefingTitle: "{committee} — វិធានការ",
  briefingAsOf: "គិតត្រឹមឆ្នាំ {year}",
  noCommittee: "គ្មានគណៈកម្មាធិការ",
  noMeasures: "គ្មានវិធានការទេ។",
  validationTitle: "ការត្រួតពិនិត្យ",
  errors: "កំហុស",
  warnings: "ការព្រមាន",
  infos: "ព័ត៌មាន",
  severity: "កម្រិត",
  rule: "វិធាន",
  table: "តារាង",
  row: "ជួរដេក",
  column: "ជួរឈរ",
  message: "សារ",
  cell: "ក្រឡា",
  severityId: "លេខសម្គាល់កម្រិត",
  noFindings: "មិនមានបញ្ហាទេ ៖ តារាងទាំងអស់ឆ្លងកាត់ការត្រួតពិនិត្យគ្រប់ចំណុច។",
  sevError: "កំហុស",
  sevWarning: "ការព្រមាន",
  sevInfo: "ព័ត៌មាន",
  stNotStarted: "មិនទាន់ចាប់ផ្តើម",
  stOnTrack: "ដំណើរការតាមផែនការ",
  stAtRisk: "មានហានិភ័យ",
  stDelayed: "យឺតយ៉ាវ",
  stCompleted: "បានបញ្ចប់",
  briefingOrder:
    "តម្រៀបតាមតម្រូវការយកចិត្តទុកដាក់ — យឺតយ៉ាវ ហួសកាលកំណត់ មានហានិភ័យ ដំណើរការតាមផែនការ មិនទាន់ចាប់ផ្តើម បានបញ្ចប់ — បន្ទាប់មកតាម ល.រ",
  briefingNone: "វិធានការដែលមិនបញ្ជាក់គណៈកម្មាធិការ",
  coverTitle: "សេចក្តីសង្ខេបសម្រាប់ការបង្ហាញ",
  needingAttention: "ត្រូវយកចិត្តទុកដាក់",
  ofExpected: "ក្នុងចំណោម {n} ដែលរំពឹងទុក",
  shareOfMeasures: "{share} % នៃវិធានការ",
  attentionWhat: "ហួសកាលកំណត់ មានហានិភ័យ ឬយឺតយ៉ាវ",
  statusByCommittee: "ស្ថានភាពតាមគណៈកម្មាធិការ (ដឹកនាំ ឬសហដឹកនាំ)",
  topAttention: "វិធានការដែលត្រូវយកចិត្តទុកដាក់ជាងគេ",
  noneNeedAttention: "គ្មានវិធានការណាហួសកាលកំណត់ មានហានិភ័យ ឬយឺតយ៉ាវទេ។",
  shortTitle: "វិធានការ",
  countedTotal: "ចំនួនរាប់បាន (ដឹកនាំ ឬសហដឹកនាំ)",
  chartCommitteeExpected: "វិធានការតាមគណៈកម្មាធិការ ៖ ចំនួនរាប់បាន និងចំនួនរំពឹងទុក",
  chartStatusByCommittee: "ស្ថានភាពតាមគណៈកម្មាធិការ",
  axisMeasures: "វិធានការ",
  axisCommittee: "គណៈកម្មាធិការ",
  axisGoal: "គោលដៅ",
  axisYear: "ឆ្នាំ",
  year: "ឆ្នាំ",
  pageOf: "ទំព័រ &P នៃ &N",
  deckTitle: "ឯកសារសង្ខេប",
  deckOverview: "ទិដ្ឋភាពទូទៅ",
  deckKeyNumbers: "តួលេខសំខាន់ៗ",
  deckCommitteeStatus: "{committee} ៖ ស្ថានភាពវិធានការ",
  deckCommitteeAttention: "{committee} ៖ វិធានការដែលត្រូវយកចិត្តទុកដាក់",
  deckContinued: "(ត {n})",
  deckAnnex: "ឧបសម្ព័ន្ធ ៖ វិធានការហួសកាលកំណត់ និងយឺតយ៉ាវ",
  deckNoAttention: "គ្មានវិធានការណារបស់គណៈកម្មាធិការនេះហួសកាលកំណត់ មានហានិភ័យ ឬយឺតយ៉ាវទេ។",
  deckNoAnnex: "គ្មានវិធានការណាហួសកាលកំណត់ ឬយឺតយ៉ាវទេ។",
  deckSource: "បង្កើតដោយ Policy Planner ពីតារាង Measures នៃសៀវភៅបញ្ជី។",
};

export const LABELS: Record<Language, Record<LabelKey, string>> = { en, km };

/** A label, with {placeholders} filled. */
export function label(
  language: Language,
  key: LabelKey,
  params: Record<string, string | number> = {}
): string {
  const text = (LABELS[language] ?? LABELS.en)[key];
  if (!text.includes("{")) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) =>
    name in params ? String(params[name]) : m
  );
}

const STATUS_KEYS: Record<Status, LabelKey> = {
  "Not started": "stNotStarted",
  "On track": "stOnTrack",
  "At risk": "stAtRisk",
  Delayed: "stDelayed",
  Completed: "stCompleted",
};

/** The five statuses by their lower-case spelling. */
const STATUS_BY_KEY = new Map(
  (Object.keys(STATUS_KEYS) as Status[]).map((s) => [s.toLowerCase(), s])
);

/** A status as shown: the five in the sheet's language, anything else as written. */
export function statusLabel(language: Language, status: string): string {
  const key = STATUS_BY_KEY.get(status.trim().toLowerCase());
  return key ? label(language, STATUS_KEYS[key]) : status;
}

export function severityLabel(language: Language, severity: Severity): string {
  return label(
    language,
    severity === "error" ? "sevError" : severity === "warning" ? "sevWarning" : "sevInfo"
  );
}

/** A committee's or goal's name in the language, falling back to English. */
export function localName(language: Language, name: string, nameKm: string): string {
  return language === "km" && nameKm.trim() !== "" ? nameKm : name;
}

/** The timeframe words of the built-in frameworks in Khmer (DESPF words, DGP phases). */
const TIMEFRAME_KM: Record<string, string> = {
  "short-term": "រយៈពេលខ្លី",
  "medium-term": "រយៈពេលមធ្យម",
  "long-term": "រយៈពេលវែង",
  "short- to medium-term": "រយៈពេលខ្លី ដល់មធ្យម",
  "medium- to long-term": "រយៈពេលមធ្យម ដល់វែង",
  "short- to long-term": "រយៈពេលខ្លី ដល់វែង",
  foundation: "មូលដ្ឋានគ្រឹះ",
  adoption: "ការទទួលយក",
  transformation: "ការផ្លាស់ប្តូរ",
};
const REGULARLY_KM = "(អនុវត្តជាប្រចាំ)";

/** A timeframe as shown: the built-in words in Khmer when the sheet is Khmer, anything else as written. */
export function timeframeLabel(language: Language, timeframe: string): string {
  if (language !== "km") return timeframe;
  const t = timeframe.replace(/\s+/g, " ").trim();
  const m = /^(.*?)\s*\(regularly implemented\)$/i.exec(t);
  const base = TIMEFRAME_KM[(m ? m[1] : t).toLowerCase()];
  if (!base) return timeframe;
  return m ? `${base} ${REGULARLY_KM}` : base;
}

/** A goal's name for a chart axis: its code and the words before the first ":", cut to about `max` characters. */
export function shortGoalName(
  language: Language,
  code: string,
  name: string,
  nameKm: string,
  max = 34
): string {
  const full = localName(language, name, nameKm).split(":")[0].replace(/\s+/g, " ").trim();
  if (full === "") return code;
  const room = Math.max(8, max - code.length - 1);
  let short = full;
  if (full.length > room) {
    const cut = full.slice(0, room - 1);
    const space = cut.lastIndexOf(" ");
    short = `${(space > room * 0.5 ? cut.slice(0, space) : cut).replace(/[\s,;:.–-]+$/, "")}…`;
  }
  return code ? `${code} ${short}` : short;
}

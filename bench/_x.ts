import { validate } from "../src/rules/validate";
import { generateTables } from "./generate";
const f = validate(generateTables(10000), { asOfYear: 2026 });
const c = new Map<string, number>(); for (const x of f) c.set(x.rule, (c.get(x.rule) ?? 0) + 1);
console.log(c);
for (const r of ["committee-count","measure-count","reference-invalid","overdue","timeframe-mismatch","committee-support-missing","committee-not-responsible"]) console.log(f.filter(x=>x.rule===r).slice(0,2));
console.log(validate(generateTables(139), { asOfYear: 2026, language: "km" }).map(x=>[x.row,x.rule,x.column,x.message]));

import { performance } from "node:perf_hooks";
import { validate } from "../src/rules/validate";
import { generateTables } from "./generate";
const n = Number(process.argv[2] ?? 10000);
const t = generateTables(n);
const times: number[] = [];
for (let i = 0; i < 40; i++) { const t0 = performance.now(); validate(t, { asOfYear: 2026 }); times.push(performance.now() - t0); }
console.log(times.map((x) => x.toFixed(1)).join(" "));

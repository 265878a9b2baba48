/**
 * The project's ESLint configuration keeps DESIGN's arrows: wrong-way imports planted in the
 * core fail lint, the right-way ones pass. ESLint runs in its own Node process (its flat config
 * is an ES module), through its Node API (lintText), with the real eslint.config.mjs.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";

const ROOT = join(__dirname, "../..");

interface Planted {
  file: string;
  code: string;
}
interface Linted {
  file: string;
  messages: Array<{ ruleId: string | null; message: string }>;
}

function lint(planted: Planted[]): Linted[] {
  const script = `
    import { ESLint } from "eslint";
    const eslint = new ESLint({ cwd: process.cwd() });
    const planted = JSON.parse(process.env.PLANTED);
    const out = [];
    for (const p of planted) {
      const [r] = await eslint.lintText(p.code, { filePath: p.file });
      out.push({ file: p.file, messages: r.messages.map((m) => ({ ruleId: m.ruleId, message: m.message })) });
    }
    process.stdout.write(JSON.stringify(out));
  `;
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
    cwd: ROOT,
    env: { ...process.env, PLANTED: JSON.stringify(planted) },
    encoding: "utf8",
  });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as Linted[];
}

let results: Linted[];
beforeAll(() => {
  results = lint([
    {
      file: "src/model/planted.ts",
      code: 'import ExcelJS from "exceljs";\nexport const x = ExcelJS;\n',
    },
    {
      file: "src/model/planted-io.ts",
      code: 'import { FileHost } from "../io/file-host";\nexport const x = FileHost;\n',
    },
    {
      file: "src/host/planted.ts",
      code: 'import { OfficeHost } from "../excel/office-host";\nexport const x = OfficeHost;\n',
    },
    {
      file: "src/plan/planted.ts",
      code: 'import { useState } from "react";\nexport const x = useState;\n',
    },
    {
      file: "src/rules/planted.ts",
      code: 'import { readFileSync } from "node:fs";\nexport const x = readFileSync;\n',
    },
    { file: "src/summary/planted.ts", code: "export const x = () => Office.context;\n" },
    {
      file: "src/import/planted.ts",
      code: 'import { previewImport } from "../host/import";\nexport const x = previewImport;\n',
    },
    // The right way round: allowed.
    {
      file: "src/host/planted-ok.ts",
      code: 'import { validate } from "../rules/validate";\nexport const x = validate;\n',
    },
    {
      file: "src/io/planted-ok.ts",
      code: 'import ExcelJS from "exceljs";\nimport type { Host } from "../host/host";\nexport const x: [unknown, Host | null] = [ExcelJS, null];\n',
    },
  ]);
}, 180_000);

const messagesOf = (file: string) => results.find((r) => r.file.endsWith(file))?.messages ?? [];

test.each([
  ["src/model/planted.ts", "boundaries/dependencies", /exceljs/],
  ["src/model/planted-io.ts", "boundaries/dependencies", /"model" to elements of type "io"/],
  ["src/host/planted.ts", "boundaries/dependencies", /"host" to elements of type "excel"/],
  ["src/plan/planted.ts", "boundaries/dependencies", /react/],
  ["src/rules/planted.ts", "boundaries/dependencies", /node:fs|origin "core"/],
  ["src/summary/planted.ts", "no-restricted-globals", /Office/],
  ["src/import/planted.ts", "boundaries/dependencies", /"import" to elements of type "host"/],
])("a wrong-way import in %s fails lint (%s)", (file, rule, text) => {
  const hits = messagesOf(file).filter((m) => m.ruleId === rule);
  expect(hits.length).toBeGreaterThan(0);
  expect(hits.map((m) => m.message).join("\n")).toMatch(text);
});

test("imports the right way round pass", () => {
  expect(messagesOf("src/host/planted-ok.ts")).toEqual([]);
  expect(messagesOf("src/io/planted-ok.ts")).toEqual([]);
});

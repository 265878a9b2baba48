/**
 * Every Office.js member src/excel and src/commands use, with the requirement set its doc
 * comment in @types/office-js names ("[Api set: ExcelApi 1.x]"), resolved by the TypeScript
 * checker (so `Range.find` 1.9 is not confused with Array.prototype.find). A member newer than
 * the floor manifest.xml declares must sit inside a guard — an `if`, `&&` or `?:` whose
 * condition calls supports("1.x") / isSetSupported("ExcelApi", "1.x") or reads a capability
 * (`caps.api19`) — of at least its version, and be listed in requirements.ts GUARDED.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import ts from "typescript";
import {
  CAPABILITY_SETS,
  EXCEL_API_FLOOR,
  GUARDED,
  MANIFEST_EXCEL_API,
  compareVersions,
} from "../../src/excel/requirements";

const ROOT = path.resolve(__dirname, "../..");
const DTS = path.join("@types", "office-js", "index.d.ts");

interface Use {
  file: string;
  line: number;
  member: string;
  set: string;
  version: string;
  guard: string | null;
}

function listFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory()
        ? listFiles(path.join(dir, e.name))
        : /\.tsx?$/.test(e.name)
          ? [path.join(dir, e.name)]
          : []
    );
}

function apiSetsOf(decl: ts.Declaration): Array<{ set: string; version: string }> {
  const text = ts
    .getJSDocTags(decl)
    .map((t) =>
      typeof t.comment === "string" ? t.comment : (ts.getTextOfJSDocComment(t.comment) ?? "")
    )
    .join("\n");
  const out: Array<{ set: string; version: string }> = [];
  for (const m of text.matchAll(/\[Api set: (Excel\w*) (\d+\.\d+)/g))
    out.push({ set: m[1], version: m[2] });
  return out;
}

/** The version a guard around `node` vouches for, if any. */
function guardOf(node: ts.Node, sf: ts.SourceFile): string | null {
  const versionIn = (expr: ts.Node): string | null => {
    const text = expr.getText(sf);
    const found: string[] = [];
    for (const m of text.matchAll(/supports\(\s*["'](\d+\.\d+)["']\s*\)/g)) found.push(m[1]);
    for (const m of text.matchAll(
      /isSetSupported\(\s*["']ExcelApi["']\s*,\s*["'](\d+\.\d+)["']\s*\)/g
    ))
      found.push(m[1]);
    for (const m of text.matchAll(/\bapi(\d+)\b/g)) {
      const v = (CAPABILITY_SETS as Record<string, string>)[`api${m[1]}`];
      if (v) found.push(v);
    }
    return found.sort(compareVersions).pop() ?? null;
  };
  let best: string | null = null;
  for (let child: ts.Node = node, p = node.parent; p; child = p, p = p.parent) {
    let v: string | null = null;
    if (ts.isIfStatement(p) && p.thenStatement === child) v = versionIn(p.expression);
    else if (ts.isConditionalExpression(p) && p.whenTrue === child) v = versionIn(p.condition);
    else if (
      ts.isBinaryExpression(p) &&
      p.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken &&
      p.right === child
    )
      v = versionIn(p.left);
    if (v && (!best || compareVersions(v, best) > 0)) best = v;
  }
  return best;
}

function scan(files: string[], extra?: { name: string; text: string }): Use[] {
  const config = ts.readConfigFile(path.join(ROOT, "tsconfig.json"), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
  const options = { ...parsed.options, noEmit: true };
  const host = ts.createCompilerHost(options);
  if (extra) {
    const read = host.getSourceFile.bind(host);
    host.getSourceFile = (name, lang, onError, create) =>
      path.resolve(name) === path.resolve(extra.name)
        ? ts.createSourceFile(name, extra.text, lang)
        : read(name, lang, onError, create);
    const exists = host.fileExists.bind(host);
    host.fileExists = (name) => path.resolve(name) === path.resolve(extra.name) || exists(name);
  }
  const roots = extra ? [...files, extra.name] : files;
  const program = ts.createProgram(roots, options, host);
  const checker = program.getTypeChecker();
  const uses: Use[] = [];
  for (const file of roots) {
    const sf = program.getSourceFile(file);
    if (!sf) throw new Error(`not in the program: ${file}`);
    const visit = (node: ts.Node): void => {
      if (ts.isPropertyAccessExpression(node)) {
        let decls: readonly ts.Declaration[] = [];
        const call = node.parent;
        if (ts.isCallExpression(call) && call.expression === node) {
          const d = checker.getResolvedSignature(call)?.getDeclaration();
          if (d) decls = [d];
        }
        if (decls.length === 0) {
          let sym = checker.getSymbolAtLocation(node.name);
          if (sym && sym.flags & ts.SymbolFlags.Alias) sym = checker.getAliasedSymbol(sym);
          decls = sym?.declarations ?? [];
        }
        const officeDecls = decls.filter((d) => d.getSourceFile().fileName.endsWith(DTS));
        const sets = officeDecls.flatMap(apiSetsOf);
        if (sets.length > 0) {
          // Overloads and merged declarations: the most lenient requirement applies.
          const excel = sets
            .filter((s) => s.set === "ExcelApi")
            .sort((a, b) => compareVersions(a.version, b.version));
          const pick = excel[0] ?? sets[0];
          const owner = officeDecls[0].parent;
          const cls =
            owner &&
            (ts.isClassDeclaration(owner) || ts.isInterfaceDeclaration(owner)) &&
            owner.name
              ? owner.name.text
              : "?";
          uses.push({
            file: path.relative(ROOT, file),
            line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1,
            member: `${cls}.${node.name.text}`,
            set: pick.set,
            version: pick.version,
            guard: guardOf(node, sf),
          });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return uses;
}

/** Uses that need more than the floor without a sufficient guard. */
function violations(uses: Use[]): Use[] {
  return uses.filter((u) => {
    const needsGuard = u.set !== "ExcelApi" || compareVersions(u.version, EXCEL_API_FLOOR) > 0;
    if (!needsGuard) return false;
    return u.set !== "ExcelApi" || u.guard === null || compareVersions(u.guard, u.version) < 0;
  });
}

const FILES = [
  ...listFiles(path.join(ROOT, "src/excel")),
  ...listFiles(path.join(ROOT, "src/commands")),
];
let uses: Use[] = [];

beforeAll(() => {
  uses = scan(FILES);
}, 120_000);

test("the scan sees the Office.js members the code uses", () => {
  const members = new Set(uses.map((u) => u.member));
  for (const m of [
    "Range.values",
    "TableCollection.add",
    "Range.dataValidation",
    "ConditionalFormatCollection.add",
    "ChartCollection.add",
    "Worksheet.getRangeByIndexes",
    "Runtime.enableEvents",
    "Application.suspendApiCalculationUntilNextSync",
    "Worksheet.pageLayout",
    "Table.resize",
    "Range.copyFrom",
  ]) {
    expect(members).toContain(m);
  }
  const floor = uses.find((u) => u.member === "Range.dataValidation");
  expect(floor?.version).toBe("1.8");
});

test("no member needs a newer ExcelApi than manifest.xml declares, unless guarded", () => {
  expect(
    violations(uses).map((u) => `${u.file}:${u.line} ${u.member} needs ${u.set} ${u.version}`)
  ).toEqual([]);
});

test("every guarded member is listed in requirements.ts with its set", () => {
  const newer = uses.filter(
    (u) => u.set === "ExcelApi" && compareVersions(u.version, EXCEL_API_FLOOR) > 0
  );
  expect(newer.length).toBeGreaterThan(0);
  for (const u of newer) {
    const listed = GUARDED.find((g) => g.member === u.member);
    expect({ member: u.member, listed: listed?.set }).toEqual({
      member: u.member,
      listed: u.version,
    });
  }
});

test("manifest.xml declares requirements.ts' client floor, at or above what the code needs", () => {
  const xml = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");
  expect(xml).toContain(`<Set Name="ExcelApi" MinVersion="${MANIFEST_EXCEL_API}"/>`);
  expect(compareVersions(MANIFEST_EXCEL_API, EXCEL_API_FLOOR)).toBeGreaterThanOrEqual(0);
});

test("the check catches an unguarded newer member and accepts a guarded one", () => {
  const name = path.join(ROOT, "src/excel/__probe__.ts");
  const text = `
    import { supports } from "./requirements";
    export async function probe(ctx: Excel.RequestContext): Promise<void> {
      const ws = ctx.workbook.worksheets.getItem("Summary");
      ws.pageLayout.setPrintArea("A1:B2");
      if (supports("1.9")) ws.pageLayout.setPrintArea("A1:B2");
      if (supports("1.8")) ctx.workbook.tables.getItem("Goals").resize("A1:C9");
      const found = [1, 2, 3].find((x) => x > 1);
      void found;
      await ctx.sync();
    }`;
  const probe = scan([], { name, text }).filter((u) => u.file.endsWith("__probe__.ts"));
  expect(
    violations(probe)
      .map((u) => `${u.line} ${u.member} ${u.version} guard ${u.guard}`)
      .sort()
  ).toEqual([
    "5 PageLayout.setPrintArea 1.9 guard null",
    "5 Worksheet.pageLayout 1.9 guard null",
    "7 Table.resize 1.13 guard 1.8",
  ]);
}, 120_000);

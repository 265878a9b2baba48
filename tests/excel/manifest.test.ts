/**
 * @jest-environment jsdom
 *
 * manifest.xml checked offline (office-addin-manifest validate needs Microsoft's web service):
 * well-formed, schema element order, a GUID Id, every URL on https://localhost:3000, every icon
 * present at its declared pixel size, the requirement set of requirements.ts, the ribbon's three
 * buttons, and Khmer (km-KH) overrides for every string.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { FIRST_BUILDS, MANIFEST_EXCEL_API } from "../../src/excel/requirements";

const ROOT = path.resolve(__dirname, "../..");
const XML = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");
const OFFICE = "http://schemas.microsoft.com/office/appforoffice/1.1";
const BT = "http://schemas.microsoft.com/office/officeappbasictypes/1.0";
const OV = "http://schemas.microsoft.com/office/taskpaneappversionoverrides";
const XSI = "http://www.w3.org/2001/XMLSchema-instance";
const KHMER = /[\u1780-\u17ff]/;

const doc = new DOMParser().parseFromString(XML, "application/xml");
const root = doc.documentElement;
const all = (ns: string, name: string) => Array.from(doc.getElementsByTagNameNS(ns, name));
const children = (el: Element) => Array.from(el.children);

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const b = fs.readFileSync(file);
  expect(b.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(b.subarray(12, 16).toString("latin1")).toBe("IHDR");
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

test("is well-formed XML", () => {
  expect(doc.getElementsByTagName("parsererror")).toHaveLength(0);
  expect(root.localName).toBe("OfficeApp");
  expect(root.namespaceURI).toBe(OFFICE);
  expect(root.getAttributeNS(XSI, "type")).toBe("TaskPaneApp");
});

test("top-level elements follow the schema's order (OfficeApp then TaskPaneApp sequence)", () => {
  const order = [
    "Id",
    "AlternateId",
    "Version",
    "ProviderName",
    "DefaultLocale",
    "DisplayName",
    "Description",
    "IconUrl",
    "HighResolutionIconUrl",
    "SupportUrl",
    "AppDomains",
    "Hosts",
    "Requirements",
    "DefaultSettings",
    "Permissions",
    "AllowSnapshot",
    "VersionOverrides",
  ];
  const names = children(root).map((e) => e.localName);
  const positions = names.map((n) => order.indexOf(n));
  expect(positions.every((p) => p >= 0)).toBe(true);
  expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  for (const required of [
    "Id",
    "Version",
    "ProviderName",
    "DefaultLocale",
    "DisplayName",
    "Description",
    "DefaultSettings",
    "Permissions",
  ])
    expect(names).toContain(required);
});

test("Id is a GUID; host, permissions and locale are the add-in's", () => {
  const id = root.getElementsByTagNameNS(OFFICE, "Id")[0].textContent ?? "";
  expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i);
  expect(all(OFFICE, "Host").map((h) => h.getAttribute("Name"))).toEqual(["Workbook"]);
  expect(root.getElementsByTagNameNS(OFFICE, "Permissions")[0].textContent).toBe(
    "ReadWriteDocument"
  );
  expect(root.getElementsByTagNameNS(OFFICE, "DefaultLocale")[0].textContent).toBe("en-US");
  expect(
    root.getElementsByTagNameNS(OFFICE, "SourceLocation")[0].getAttribute("DefaultValue")
  ).toBe("https://localhost:3000/taskpane.html");
});

test("every URL is https://localhost:3000/…", () => {
  const urls = [...XML.matchAll(/(?:DefaultValue|Value)="(https?:[^"]*)"/g)].map((m) => m[1]);
  expect(urls.length).toBeGreaterThan(5);
  for (const u of urls) expect(u).toMatch(/^https:\/\/localhost:3000\//);
  // no URL hides anywhere else (element text, other attributes)
  expect(
    [...XML.matchAll(/https?:\/\/(?!localhost:3000\/)[^"\s<]+/g)]
      .map((m) => m[0])
      .filter(
        (u) => !u.startsWith("http://schemas.microsoft.com/") && !u.startsWith("http://www.w3.org/")
      )
  ).toEqual([]);
});

test("every icon exists in assets/ at its declared size", () => {
  const icons: Array<{ url: string; size: number }> = [
    {
      url: root.getElementsByTagNameNS(OFFICE, "IconUrl")[0].getAttribute("DefaultValue") ?? "",
      size: 32,
    },
    {
      url:
        root
          .getElementsByTagNameNS(OFFICE, "HighResolutionIconUrl")[0]
          .getAttribute("DefaultValue") ?? "",
      size: 64,
    },
  ];
  const images = new Map(
    all(BT, "Image")
      .filter((e) => e.getAttribute("id"))
      .map((e) => [e.getAttribute("id") ?? "", e.getAttribute("DefaultValue") ?? ""])
  );
  for (const ref of all(BT, "Image").filter((e) => e.getAttribute("resid"))) {
    const url = images.get(ref.getAttribute("resid") ?? "");
    expect(url).toBeDefined();
    icons.push({ url: url ?? "", size: Number(ref.getAttribute("size")) });
  }
  expect(new Set(icons.map((i) => i.size))).toEqual(new Set([16, 32, 64, 80]));
  for (const { url, size } of icons) {
    const m = /^https:\/\/localhost:3000\/assets\/(icon-\d+\.png)$/.exec(url);
    expect(m).not.toBeNull();
    const file = path.join(ROOT, "assets", m?.[1] ?? "");
    expect(fs.existsSync(file)).toBe(true);
    expect(pngSize(file)).toEqual({ width: size, height: size });
  }
});

test("declares the ExcelApi client floor of requirements.ts", () => {
  const sets = all(OFFICE, "Sets");
  expect(sets).toHaveLength(1);
  expect(sets[0].getAttribute("DefaultMinVersion")).toBe("1.1");
  const set = children(sets[0]).map((s) => [s.getAttribute("Name"), s.getAttribute("MinVersion")]);
  expect(set).toEqual([["ExcelApi", MANIFEST_EXCEL_API]]);
});

test("the Home tab has the three buttons, the function file and resolvable resources", () => {
  const tab = all(OV, "OfficeTab");
  expect(tab.map((t) => t.getAttribute("id"))).toEqual(["TabHome"]);
  const controls = all(OV, "Control");
  const actions = controls.map((c) => {
    const action = children(c).find((e) => e.localName === "Action");
    const fn = action?.getElementsByTagNameNS(OV, "FunctionName")[0]?.textContent ?? null;
    return [action?.getAttributeNS(XSI, "type"), fn];
  });
  expect(actions).toEqual([
    ["ShowTaskpane", null],
    ["ExecuteFunction", "validate"],
    ["ExecuteFunction", "refreshSummary"],
  ]);
  const defined = new Set(
    [...all(BT, "Image"), ...all(BT, "Url"), ...all(BT, "String")]
      .map((e) => e.getAttribute("id"))
      .filter(Boolean)
  );
  const used = [...XML.matchAll(/resid="([^"]+)"/g)].map((m) => m[1]);
  for (const r of used) expect(defined).toContain(r);
  const functionFile = all(OV, "FunctionFile")[0].getAttribute("resid");
  const url = all(BT, "Url")
    .find((u) => u.getAttribute("id") === functionFile)
    ?.getAttribute("DefaultValue");
  expect(url).toBe("https://localhost:3000/commands.html");
  // the group's children in the schema's order: Label, Icon, Control…
  const group = all(OV, "Group")[0];
  expect(children(group).map((e) => e.localName)).toEqual([
    "Label",
    "Icon",
    "Control",
    "Control",
    "Control",
  ]);
});

test("has Khmer (km-KH) overrides for the name, description and every ribbon string", () => {
  for (const name of ["DisplayName", "Description"]) {
    const el = root.getElementsByTagNameNS(OFFICE, name)[0];
    const km = Array.from(el.getElementsByTagNameNS(OFFICE, "Override")).find(
      (o) => o.getAttribute("Locale") === "km-KH"
    );
    expect(km?.getAttribute("Value")).toMatch(KHMER);
  }
  const strings = all(BT, "String");
  expect(strings.length).toBeGreaterThanOrEqual(9);
  for (const s of strings) {
    const km = Array.from(s.getElementsByTagNameNS(BT, "Override")).find(
      (o) => o.getAttribute("Locale") === "km-KH"
    );
    expect({ id: s.getAttribute("id"), km: KHMER.test(km?.getAttribute("Value") ?? "") }).toEqual({
      id: s.getAttribute("id"),
      km: true,
    });
    const limit = s.parentElement?.localName === "ShortStrings" ? 125 : 250;
    expect((s.getAttribute("DefaultValue") ?? "").length).toBeLessThanOrEqual(limit);
    expect((km?.getAttribute("Value") ?? "").length).toBeLessThanOrEqual(limit);
  }
});

test("office-addin-manifest reads it too", () => {
  // Its dependencies are ES modules jest cannot require: ask it in a plain Node process.
  const script = `require("office-addin-manifest").OfficeAddinManifest.readManifestFile(process.argv[1]).then((i) => console.log(JSON.stringify({ id: i.id, displayName: i.displayName, defaultLocale: i.defaultLocale, hosts: i.hosts })))`;
  const out = execFileSync(process.execPath, ["-e", script, path.join(ROOT, "manifest.xml")], {
    cwd: ROOT,
    encoding: "utf8",
  });
  expect(JSON.parse(out)).toEqual({
    id: root.getElementsByTagNameNS(OFFICE, "Id")[0].textContent,
    displayName: "Policy Planner",
    defaultLocale: "en-US",
    hosts: ["Workbook"],
  });
});

test("the README's supported-clients table agrees with the manifest's requirement set", () => {
  const declared =
    all(OFFICE, "Set")
      .find((s) => s.getAttribute("Name") === "ExcelApi")
      ?.getAttribute("MinVersion") ?? "";
  expect(declared).toBe(MANIFEST_EXCEL_API);
  const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("### Supported clients"));
  const lines = section.split("\n");
  const start = lines.findIndex((l) => l.startsWith("|"));
  const end = lines.findIndex((l, i) => i > start && !l.startsWith("|"));
  expect(section).toContain(`**ExcelApi ${declared}**`);
  const rows = new Map(
    lines
      .slice(start, end)
      .filter((l) => !l.startsWith("| client") && !l.startsWith("|---"))
      .map((l) =>
        l
          .split("|")
          .map((c) => c.trim())
          .slice(1, -1)
      )
      .map(([client, from, runs]) => [client, { from, runs }])
  );
  const builds = FIRST_BUILDS[declared];
  expect(builds).toBeDefined();
  expect(rows.get("Excel on Windows, Microsoft 365")?.from).toBe(builds.windows);
  expect(rows.get("Excel 2021 / 2024 on Windows (perpetual)")?.from).toBe(builds.windows);
  expect(rows.get("Excel on Mac")?.from).toBe(builds.mac);
  expect(rows.get("Excel on iPad")?.from).toMatch(
    new RegExp(`^${builds.ipad.replace(".", "\\.")}\\b`)
  );
  expect(rows.get("Excel on the web")?.runs).toBe("the browser");
  // Volume-licensed Office 2016/2019 stops at ExcelApi 1.7: the table must not promise it.
  expect(Number(declared.split(".")[1])).toBeGreaterThan(7);
  expect(rows.get("Excel 2016 / 2019, volume licence")?.from).toMatch(/^not offered/);
  expect(rows.get("Excel 2016 / 2019 retail without the WebView2 Runtime")?.from).toContain(
    "cannot run Policy Planner"
  );
});

/**
 * manifest.xml and the production dist/manifest.xml (ADDIN_URL) checked offline against
 * Microsoft's XML schemas for add-in manifests (tests/fixtures/manifest-schemas, with xmllint
 * from Debian's libxml2-utils), and the webpack configuration that writes them: every URL on
 * the given base, and the dev server on office-addin-dev-certs' certificate.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { X509Certificate } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "../..");
const SCHEMA = path.join(ROOT, "tests/fixtures/manifest-schemas/OfficeAppManifestV1_1.xsd");
const MANIFEST = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");
const { addinBase, rebaseManifest, DEV_BASE } = require(
  path.join(ROOT, "scripts/addin-url.js")
) as {
  addinBase(v: string | undefined): string;
  rebaseManifest(xml: string, base: string): string;
  DEV_BASE: string;
};

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "manifest-schema-"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** xmllint's verdict on `xml` against Microsoft's OfficeApp 1.1 schema. */
function xmllint(xml: string, name = "manifest.xml"): { ok: boolean; output: string } {
  const file = path.join(dir, name);
  fs.writeFileSync(file, xml);
  const r = spawnSync("xmllint", ["--noout", "--nonet", "--schema", SCHEMA, file], {
    encoding: "utf8",
  });
  if (r.error)
    throw new Error(
      `xmllint is missing (Debian: apt-get install -y libxml2-utils): ${r.error.message}`
    );
  return { ok: r.status === 0, output: r.stderr };
}

/** The manifest transform of webpack.config.js's copy step, as `ADDIN_URL=… npm run build` runs it. */
async function builtManifest(addinUrl: string | undefined): Promise<string> {
  const saved = process.env.ADDIN_URL;
  if (addinUrl === undefined) delete process.env.ADDIN_URL;
  else process.env.ADDIN_URL = addinUrl;
  try {
    const make = require(path.join(ROOT, "webpack.config.js")) as (
      env: object,
      argv: object
    ) => Promise<Array<{ name: string; plugins: object[] }>>;
    const configs = await make(
      { WEBPACK_BUNDLE: true, WEBPACK_BUILD: true },
      { mode: "production" }
    );
    const addin = configs.find((c) => c.name === "addin");
    const copy = addin?.plugins.find((p) => p.constructor.name === "CopyPlugin") as
      | { patterns: Array<{ from: string; to: string; transform?: (b: Buffer) => string }> }
      | undefined;
    const pattern = copy?.patterns.find((p) => p.from === "manifest.xml");
    if (!pattern?.transform)
      throw new Error("webpack.config.js copies manifest.xml without a transform");
    expect(pattern.to).toBe("manifest.xml");
    return pattern.transform(Buffer.from(MANIFEST, "utf8"));
  } finally {
    if (saved === undefined) delete process.env.ADDIN_URL;
    else process.env.ADDIN_URL = saved;
  }
}

/** Every URL the manifest gives Office (DefaultValue / Value attributes). */
function urls(xml: string): string[] {
  return [...xml.matchAll(/(?:DefaultValue|Value)="(https?:[^"]*)"/g)].map((m) => m[1]);
}

test("manifest.xml is valid against Microsoft's OfficeApp 1.1 and VersionOverrides schemas", () => {
  const r = xmllint(MANIFEST);
  expect(r.output).toContain("validates");
  expect(r.ok).toBe(true);
});

test("the schema check fails a broken manifest: a missing Version, an overlong label, elements out of order", () => {
  const noVersion = xmllint(MANIFEST.replace(/<Version>[^<]*<\/Version>/, ""), "no-version.xml");
  expect(noVersion.ok).toBe(false);
  expect(noVersion.output).toMatch(/ProviderName': This element is not expected/);

  const long = xmllint(
    MANIFEST.replace('DefaultValue="Validate"', `DefaultValue="${"V".repeat(126)}"`),
    "long.xml"
  );
  expect(long.ok).toBe(false);
  expect(long.output).toMatch(/maxLength/);

  const swapped = MANIFEST.replace(/(\s*<Permissions>[^<]*<\/Permissions>)/, "").replace(
    "<DefaultSettings>",
    "<Permissions>ReadWriteDocument</Permissions>\n  <DefaultSettings>"
  );
  const order = xmllint(swapped, "order.xml");
  expect(order.ok).toBe(false);
});

test("ADDIN_URL unset: the build's manifest is manifest.xml, on https://localhost:3000/", async () => {
  expect(await builtManifest(undefined)).toBe(MANIFEST);
  expect(DEV_BASE).toBe("https://localhost:3000/");
});

test("ADDIN_URL=https://planner.example.org/: every URL on that base, no localhost, valid against the schemas", async () => {
  const base = "https://planner.example.org/";
  const xml = await builtManifest(base);
  expect(xml).not.toMatch(/localhost/i);
  const all = urls(xml);
  expect(all.length).toBe(urls(MANIFEST).length);
  for (const u of all) expect(u.startsWith(base)).toBe(true);
  // SourceLocation, both icons, SupportUrl, the ribbon's images, FunctionFile and pages
  for (const tag of ["SourceLocation", "IconUrl", "HighResolutionIconUrl", "SupportUrl"]) {
    expect(xml).toMatch(new RegExp(`<${tag} DefaultValue="${base.replace(/[.]/g, "\\.")}[^"]+"`));
  }
  expect(xml).toContain(`<bt:Url id="PP.Commands.Url" DefaultValue="${base}commands.html"/>`);
  expect(xml).toContain(`<bt:Url id="PP.Taskpane.Url" DefaultValue="${base}taskpane.html"/>`);
  expect(xml).toContain(`<bt:Image id="PP.Icon.80" DefaultValue="${base}assets/icon-80.png"/>`);
  const r = xmllint(xml, "dist-manifest.xml");
  expect(r.output).toContain("validates");
});

test("ADDIN_URL in a folder, without the trailing slash, is served from that folder", async () => {
  const xml = await builtManifest("https://intranet.mef.gov.kh/apps/planner");
  for (const u of urls(xml))
    expect(u.startsWith("https://intranet.mef.gov.kh/apps/planner/")).toBe(true);
  expect(xml).toContain(
    '<SourceLocation DefaultValue="https://intranet.mef.gov.kh/apps/planner/taskpane.html"/>'
  );
  expect(xmllint(xml, "folder.xml").ok).toBe(true);
});

test("a bad ADDIN_URL stops the build with one clear message", async () => {
  await expect(builtManifest("http://planner.example.org/")).rejects.toThrow(
    "ADDIN_URL must start with https://"
  );
  await expect(builtManifest("planner.example.org")).rejects.toThrow("ADDIN_URL is not a URL");
  await expect(builtManifest("https://planner.example.org/?v=2")).rejects.toThrow(
    "plain folder address"
  );
  expect(addinBase("  ")).toBe(DEV_BASE);
  expect(() =>
    rebaseManifest('<IconUrl DefaultValue="https://localhost:8080/x.png"/>', "https://a.example/")
  ).toThrow("localhost:8080");
});

test("every page and icon the manifest names is a file the build writes", () => {
  const built = new Map<string, string>([
    ["taskpane.html", "src/taskpane/taskpane.html"],
    ["commands.html", "src/commands/commands.html"],
    ["support.html", "src/support.html"],
  ]);
  for (const u of new Set(urls(MANIFEST))) {
    const rel = u.slice(DEV_BASE.length);
    const source = built.get(rel) ?? (rel.startsWith("assets/") ? rel : null);
    expect({ url: u, exists: source !== null && fs.existsSync(path.join(ROOT, source)) }).toEqual({
      url: u,
      exists: true,
    });
  }
});

test("the dev server serves office-addin-dev-certs' certificate (localhost, signed by the Office developer CA)", () => {
  // A fresh home: office-addin-dev-certs keeps its files in ~/.office-addin-dev-certs. On Linux the
  // config makes them without installing the CA (that needs sudo); it never installs anything here.
  const home = fs.mkdtempSync(path.join(dir, "home-"));
  const script = `require(${JSON.stringify(path.join(ROOT, "webpack.config.js"))})({ WEBPACK_SERVE: true }, { mode: "development" }).then((c) => {
    const o = c.devServer.server.options;
    process.stdout.write("\\n" + JSON.stringify({ type: c.devServer.server.type, name: c.name, cert: o.cert.toString(), ca: o.ca.toString(), key: !!o.key }));
  })`;
  const out = execFileSync(process.execPath, ["-e", script], {
    cwd: ROOT,
    env: { ...process.env, HOME: home, HTTPS: "", OFFICE_ADDIN_USAGE_DATA_LEVEL: "Off" },
    encoding: "utf8",
    timeout: 60_000,
  });
  const got = JSON.parse(out.slice(out.lastIndexOf("\n") + 1)) as {
    type: string;
    name: string;
    cert: string;
    ca: string;
    key: boolean;
  };
  expect(got.type).toBe("https");
  expect(got.name).toBe("addin");
  expect(got.key).toBe(true);
  const cert = new X509Certificate(got.cert);
  const ca = new X509Certificate(got.ca);
  expect(cert.issuer).toContain("CN=Developer CA for Microsoft Office Add-ins");
  expect(cert.subjectAltName).toContain("DNS:localhost");
  expect(cert.verify(ca.publicKey)).toBe(true);
  // the very files office-addin-debugging installs the CA from
  expect(fs.readFileSync(path.join(home, ".office-addin-dev-certs/localhost.crt"), "utf8")).toBe(
    got.cert
  );
  expect(out).toContain("npx office-addin-dev-certs install");
});

// The project's one ESLint configuration (ESLint 9, flat config). `npm run lint` runs tsc, then this.
//
// - office-addins: its recommended and react configs, as office-addin-lint sets them up (Office.js
//   load/sync rules), with this project's TypeScript plugin and parser in place of its older copies.
// - typescript-eslint's recommended rules, react-hooks.
// - The architecture (docs/DESIGN.md, "Architecture"): who may import whom, which packages each
//   layer may use, and where the Office globals may be touched.
import js from "@eslint/js";
import boundaries from "eslint-plugin-boundaries";
import officeAddins from "eslint-plugin-office-addins";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

/**
 * office-addins' configs bundle their own (older) copies of @typescript-eslint and @eslint/js;
 * ESLint refuses two different plugin objects under one name, so its configs are used with the
 * project's plugin, parser and language options instead, and without prettier (see below).
 */
function officeAddinsConfig(name) {
  return officeAddins.configs[name]
    .filter((c) => c !== officeAddins.configs.recommended[0]) // @eslint/js recommended: added once, below
    .map((c) => {
      const { plugins = {}, languageOptions, rules = {}, ...rest } = c;
      const { "@typescript-eslint": _ts, prettier: _prettier, ...keep } = plugins;
      // Formatting is one commit at the end of the work (prettier over the whole codebase), not a
      // lint error meanwhile.
      const { "prettier/prettier": _format, ...kept } = rules;
      return {
        ...rest,
        plugins: keep,
        rules: kept,
        ...(languageOptions && {
          languageOptions: { ...languageOptions, parser: tseslint.parser, ecmaVersion: "latest" },
        }),
      };
    });
}

/** The layers, lowest first; each may import itself and the layers below it (DESIGN.md's arrows). */
const CORE = ["model", "rules", "summary", "plan", "import"];
const LAYERS = {
  model: [],
  rules: ["model"],
  summary: ["model", "rules"],
  plan: ["model", "rules", "summary"],
  import: ["model", "rules", "summary", "plan"],
  host: CORE,
  io: [...CORE, "host"],
  excel: [...CORE, "host"],
  taskpane: [...CORE, "host", "io", "excel"],
  commands: [...CORE, "host", "excel"],
  cli: [...CORE, "host", "io"],
};

/** Packages only one layer may use. */
const ONLY_IN = {
  io: ["exceljs", "jszip"],
  taskpane: ["react", "react-dom", "react-dom/*", "react/*", "@fluentui/*"],
};

const boundaryPolicies = [
  ...Object.entries(LAYERS).map(([layer, below]) => ({
    from: { element: { type: layer } },
    allow: { to: { element: { types: [layer, ...below] } } },
  })),
  // Packages and Node's own modules: allowed, except those kept to one layer (the later policy wins).
  { allow: { to: { module: { origin: ["external", "core"] } } } },
  ...Object.entries(ONLY_IN).map(([layer, packages]) => ({
    from: { element: { types: Object.keys(LAYERS).filter((other) => other !== layer) } },
    disallow: { to: { module: { origin: "external", source: packages } } },
  })),
  // The core and the operations touch no files, no network: none of Node's own modules.
  {
    from: { element: { types: [...CORE, "host"] } },
    disallow: { to: { module: { origin: "core" } } },
  },
];

const OFFICE_GLOBALS = ["Office", "Excel", "OfficeExtension", "OfficeRuntime"].map((name) => ({
  name,
  message: `${name} is Office.js: only src/excel and src/commands talk to Office (docs/DESIGN.md, Architecture).`,
}));

export default tseslint.config(
  {
    ignores: [
      "dist/**",
      "coverage/**",
      "node_modules/**",
      "**/*.js",
      "!eslint.config.mjs",
      "tests/fixtures/**",
    ],
  },
  js.configs.recommended,
  ...officeAddinsConfig("react"),
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx,mjs}"],
    languageOptions: {
      parser: tseslint.parser,
      ecmaVersion: "latest",
      sourceType: "module",
      globals: { ...globals.browser, ...globals.node },
    },
    rules: {
      // tsc (strict, noUnusedLocals) already checks these, with the types in hand.
      "no-undef": "off",
      "no-redeclare": "off",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
    },
  },
  {
    files: ["src/taskpane/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    settings: { react: { version: "19.2" } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // The new JSX transform: React need not be in scope; props are typed by TypeScript.
      "react/react-in-jsx-scope": "off",
      "react/prop-types": "off",
    },
  },
  {
    files: ["src/**/*.{ts,tsx}"],
    plugins: { boundaries },
    settings: {
      "import/resolver": { node: { extensions: [".ts", ".tsx", ".js", ".json"] } },
      "boundaries/elements": Object.keys(LAYERS).map((layer) => ({
        type: layer,
        pattern: `src/${layer}`,
      })),
    },
    rules: {
      "boundaries/dependencies": [
        "error",
        { default: "disallow", checkAllOrigins: true, policies: boundaryPolicies },
      ],
      "no-restricted-globals": ["error", ...OFFICE_GLOBALS],
    },
  },
  {
    // Office's own code; and the pane's start-up detection of Office (whether it runs inside
    // Excel at all, before any host exists): the one named exception outside src/excel.
    files: ["src/excel/**", "src/commands/**", "src/taskpane/lib/office.ts"],
    rules: { "no-restricted-globals": "off" },
  },
  {
    // office-addins' Office.js rules know Office's proxy objects by their shape; ExcelJS's rows
    // and cells are plain objects with the same property names (value, values), read at once.
    files: ["src/io/**"],
    rules: {
      "office-addins/load-object-before-read": "off",
      "office-addins/call-sync-before-read": "off",
      "office-addins/call-sync-after-load": "off",
    },
  },
  {
    files: ["tests/**/*.{ts,tsx}", "bench/**/*.ts"],
    languageOptions: { globals: { ...globals.jest } },
    rules: {
      // The new JSX transform, as in the pane.
      "react/react-in-jsx-scope": "off",
      // Tests load CommonJS scripts that are not modules of the project (webpack.config.js,
      // scripts/*.js, acorn) by path, inside jest's module registry.
      "@typescript-eslint/no-require-imports": "off",
      // The fake of Excel's object model answers through getters and nested classes, where an
      // arrow function cannot stand in: they reach the fake by these names.
      "@typescript-eslint/no-this-alias": ["error", { allowedNames: ["fake", "ctx", "self"] }],
    },
  }
);

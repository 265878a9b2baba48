/* eslint-disable */
const fs = require("fs");
const path = require("path");
const webpack = require("webpack");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const { addinBase, rebaseManifest } = require("./scripts/addin-url");

const DIST = path.resolve(__dirname, "dist");
/** Inlined into both pages: the ES5 check for webviews that cannot run the bundle. */
const pageParameters = () => ({
  unsupportedWebview: fs.readFileSync(
    path.resolve(__dirname, "src/unsupported-webview.js"),
    "utf8"
  ),
});
const tsRule = {
  test: /\.tsx?$/,
  exclude: /node_modules/,
  use: { loader: "ts-loader", options: { transpileOnly: true } },
};

/** The task pane, the ribbon commands, and dist/manifest.xml on ADDIN_URL (https://localhost:3000/ when unset). */
function addinConfig(dev, base, server) {
  return {
    name: "addin",
    devtool: dev ? "source-map" : false,
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      commands: "./src/commands/index.ts",
    },
    output: {
      path: DIST,
      filename: "[name].[contenthash:8].js",
      chunkFilename: "[name].[contenthash:8].chunk.js",
      // The CLI bundle (cliConfig) shares dist/: cleaning must not race it away.
      clean: { keep: /^planner\.js$/ },
    },
    resolve: {
      extensions: [".ts", ".tsx", ".js", ".json"],
      fallback: {
        fs: false,
        path: false,
        stream: false,
        crypto: false,
        os: false,
        util: false,
        buffer: false,
        zlib: false,
        timers: false,
        events: false,
        string_decoder: false,
        http: false,
        https: false,
        url: false,
        assert: false,
      },
    },
    module: { rules: [tsRule] },
    performance: { hints: false },
    plugins: [
      // pptxgenjs (the deck chunk) imports node:fs and node:https only when it runs in Node:
      // without the scheme they resolve to the empty fallbacks above.
      new webpack.NormalModuleReplacementPlugin(/^node:(fs|https)$/, (resource) => {
        resource.request = resource.request.replace(/^node:/, "");
      }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["taskpane"],
        templateParameters: pageParameters,
      }),
      new HtmlWebpackPlugin({
        filename: "commands.html",
        template: "./src/commands/commands.html",
        chunks: ["commands"],
        templateParameters: pageParameters,
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets", to: "assets" },
          { from: "src/support.html", to: "support.html" },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform: (content) => rebaseManifest(content.toString("utf8"), base),
          },
        ],
      }),
    ],
    devServer: {
      static: { directory: DIST },
      port: Number(process.env.PORT || 3000),
      host: "localhost",
      headers: { "Access-Control-Allow-Origin": "*" },
      server,
      hot: false,
      client: false,
    },
  };
}

/** `planner` as one Node program (dist/planner.js, package.json "bin"). */
function cliConfig(dev) {
  return {
    name: "cli",
    target: "node20",
    devtool: false,
    entry: { planner: "./src/cli/bin.ts" },
    output: { path: DIST, filename: "planner.js", clean: false },
    resolve: { extensions: [".ts", ".js", ".json"] },
    // Everything but Node's own modules is bundled: one file that starts fast and runs without node_modules.
    externals: [
      ({ request }, callback) =>
        /^node:/.test(request) ? callback(null, `commonjs ${request}`) : callback(),
    ],
    module: { rules: [tsRule] },
    optimization: { minimize: false },
    performance: { hints: false },
    plugins: [
      new webpack.BannerPlugin({ banner: "#!/usr/bin/env node", raw: true, entryOnly: true }),
      // xlsx-book.ts imports its chart writer lazily: keep the program one file.
      new webpack.optimize.LimitChunkCountPlugin({ maxChunks: 1 }),
      {
        apply(compiler) {
          compiler.hooks.afterEmit.tap("executable", () => {
            const file = path.join(DIST, "planner.js");
            if (fs.existsSync(file)) fs.chmodSync(file, 0o755);
          });
        },
      },
    ],
    stats: dev ? "normal" : "errors-warnings",
  };
}

module.exports = async (env = {}, argv = {}) => {
  const dev = argv.mode !== "production";
  const base = addinBase(process.env.ADDIN_URL);
  if (env.WEBPACK_SERVE) {
    // The dev server: https with office-addin-dev-certs' certificate (HTTPS=0: plain http, for a browser only).
    const server =
      process.env.HTTPS === "0"
        ? "http"
        : { type: "https", options: await require("./scripts/dev-certs").devServerHttps() };
    return addinConfig(dev, base, server);
  }
  return [addinConfig(dev, base, "https"), cliConfig(dev)];
};

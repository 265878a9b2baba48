/* eslint-disable */
const path = require("path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");

module.exports = (env, argv) => {
  const dev = argv.mode !== "production";
  return {
    devtool: dev ? "source-map" : false,
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      commands: "./src/commands/index.ts",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].[contenthash:8].js",
      chunkFilename: "[name].[contenthash:8].chunk.js",
      clean: true,
    },
    resolve: {
      extensions: [".ts", ".tsx", ".js", ".json"],
      fallback: { fs: false, path: false, stream: false, crypto: false, os: false, util: false, buffer: false, zlib: false, timers: false, events: false, string_decoder: false, http: false, https: false, url: false, assert: false },
    },
    module: {
      rules: [{ test: /\.tsx?$/, exclude: /node_modules/, use: { loader: "ts-loader", options: { transpileOnly: true } } }],
    },
    performance: { hints: false },
    plugins: [
      new HtmlWebpackPlugin({ filename: "taskpane.html", template: "./src/taskpane/taskpane.html", chunks: ["taskpane"] }),
      new HtmlWebpackPlugin({ filename: "commands.html", template: "./src/commands/commands.html", chunks: ["commands"] }),
      new CopyWebpackPlugin({ patterns: [{ from: "assets", to: "assets" }, { from: "manifest.xml", to: "manifest.xml" }] }),
    ],
    devServer: {
      static: { directory: path.join(__dirname, "dist") },
      port: Number(process.env.PORT || 3000),
      host: "localhost",
      headers: { "Access-Control-Allow-Origin": "*" },
      server: process.env.HTTPS === "0" ? "http" : "https",
      hot: false,
      client: false,
    },
  };
};

#!/usr/bin/env node
/*
 * npm start: as Microsoft's add-in template does on Windows and macOS — office-addin-debugging
 * installs the office-addin-dev-certs CA, starts the dev server on https://localhost:3000 with its
 * certificate (webpack.config.js), and sideloads manifest.xml into Excel desktop. Linux has no
 * Excel desktop: the same https dev server keeps running, and this says how to use it.
 */
const { spawn } = require("child_process");
const port = process.env.PORT || "3000";
const desktop = process.platform === "win32" || process.platform === "darwin";

function run(args, env) {
  const child = spawn("npx", args, {
    stdio: "inherit",
    shell: true,
    env: { ...process.env, PORT: port, ...env },
  });
  child.on("exit", (code) => process.exit(code ?? 0));
}

if (desktop) {
  // office-addin-debugging reads package.json "config" (dev_server_port) and runs `npm run dev-server`.
  run(["office-addin-debugging", "start", "manifest.xml", "desktop"]);
} else {
  const scheme = process.env.HTTPS === "0" ? "http" : "https";
  console.log(`Policy Planner: no Excel desktop on ${process.platform}; serving the add-in on ${scheme}://localhost:${port}/ until you stop it (Ctrl+C).

  In a browser:          ${scheme}://localhost:${port}/taskpane.html   (file mode: open a workbook, download the result)
  In Excel on the web:   trust the dev certificate's CA once (printed below), open a workbook in Excel on the web,
                         Home > Add-ins > More Add-ins > My Add-ins > Upload My Add-in > manifest.xml
                         or, with a network and a Microsoft 365 account: npm run start:web -- --document <workbook URL>
  Command line:          npm run build && npx planner new --framework despf -o despf.xlsx
`);
  run(["webpack", "serve", "--mode", "development"]);
}

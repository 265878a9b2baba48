#!/usr/bin/env node
/*
 * npm start: sideload into Excel where office-addin-debugging can (Windows/macOS desktop),
 * and always serve the task pane so that a browser can open it (this Linux machine has no Excel).
 */
const { spawn, spawnSync } = require("child_process");
const port = process.env.PORT || "3000";
const desktop = process.platform === "win32" || process.platform === "darwin";

if (desktop) {
  const r = spawnSync("npx", ["office-addin-debugging", "start", "manifest.xml", "desktop"], { stdio: "inherit", shell: true });
  process.exit(r.status ?? 0);
}

console.log(`Policy Planner: no Excel desktop on ${process.platform}; serving the task pane instead.

  In a browser:          http://localhost:${port}/taskpane.html   (file mode: open a workbook, download the result)
  In Excel on the web:   Insert > Add-ins > Upload My Add-in > manifest.xml
                         (needs https://localhost:${port}; run with HTTPS=1 and trust the dev certificate,
                          or 'npm run start:web -- --document <workbook URL>' where office-addin-debugging works)
  Command line:          npm run planner -- new --framework despf -o despf.xlsx
`);
const child = spawn("npx", ["webpack", "serve", "--mode", "development"], {
  stdio: "inherit",
  shell: true,
  env: { ...process.env, HTTPS: process.env.HTTPS || "0", PORT: port },
});
child.on("exit", (code) => process.exit(code ?? 0));

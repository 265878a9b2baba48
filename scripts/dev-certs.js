/*
 * The dev server's certificate: the one office-addin-dev-certs makes, signed by its
 * "Developer CA for Microsoft Office Add-ins" — the CA `npm start` (office-addin-debugging)
 * installs and Excel trusts, as in Microsoft's own add-in template.
 *
 * Windows and macOS: getHttpsServerOptions() creates the certificates if needed and installs the
 * CA (the first time it asks to trust it). Linux: installing the CA needs sudo (there is no
 * Excel here to trust it anyway), so the same certificate files are made or reused without
 * installing anything, and the dev server says how to trust the CA.
 */
const crypto = require("crypto");
const fs = require("fs");

function certificatePaths() {
  // office-addin-dev-certs' defaults: ~/.office-addin-dev-certs/{ca.crt,localhost.crt,localhost.key}
  const defaults = require("office-addin-dev-certs/lib/defaults");
  return {
    ca: defaults.caCertificatePath,
    cert: defaults.localhostCertificatePath,
    key: defaults.localhostKeyPath,
  };
}

/** True when the files exist, the key matches the certificate, and it is valid for another day. */
function usable(paths) {
  try {
    const cert = new crypto.X509Certificate(fs.readFileSync(paths.cert));
    const ca = new crypto.X509Certificate(fs.readFileSync(paths.ca));
    const key = crypto.createPrivateKey(fs.readFileSync(paths.key));
    const tomorrow = Date.now() + 24 * 3600 * 1000;
    return (
      cert.checkPrivateKey(key) &&
      cert.verify(ca.publicKey) &&
      Date.parse(cert.validTo) > tomorrow &&
      Date.parse(ca.validTo) > tomorrow
    );
  } catch {
    return false;
  }
}

function read(paths) {
  return {
    ca: fs.readFileSync(paths.ca),
    cert: fs.readFileSync(paths.cert),
    key: fs.readFileSync(paths.key),
  };
}

/** { ca, cert, key } for webpack-dev-server's https server. */
async function devServerHttps(log = console.log) {
  const devCerts = require("office-addin-dev-certs");
  if (process.platform === "win32" || process.platform === "darwin")
    return devCerts.getHttpsServerOptions();
  const paths = certificatePaths();
  if (!usable(paths)) await devCerts.generateCertificates(paths.ca, paths.cert, paths.key);
  log(
    `Dev certificate: ${paths.cert} (signed by ${paths.ca}, "Developer CA for Microsoft Office Add-ins").\n` +
      `  To trust https://localhost in this machine's browsers and Excel on the web, install that CA once:\n` +
      `    npx office-addin-dev-certs install     (asks for sudo)\n` +
      `  or import ${paths.ca} as a trusted authority in the browser's certificate settings.`
  );
  return read(paths);
}

module.exports = { devServerHttps, certificatePaths, usable };

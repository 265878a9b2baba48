/*
 * The add-in's base URL, given at build time (ADDIN_URL), and manifest.xml rebased onto it.
 * manifest.xml in the checkout names every page and icon on DEV_BASE; the production build
 * writes dist/manifest.xml with each of them on the ministry's own https server.
 */
const DEV_BASE = "https://localhost:3000/";

/** ADDIN_URL checked and normalised (a trailing "/"); DEV_BASE when unset. Throws a clear message. */
function addinBase(value) {
  const raw = (value || "").trim();
  if (!raw) return DEV_BASE;
  let url;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(
      `ADDIN_URL is not a URL: "${raw}". Give the https address dist/ will be served from, for example https://planner.example.gov.kh/`
    );
  }
  if (url.protocol !== "https:")
    throw new Error(
      `ADDIN_URL must start with https:// (Office loads add-ins only over https): "${raw}"`
    );
  if (url.search || url.hash || url.username || url.password)
    throw new Error(
      `ADDIN_URL must be a plain folder address, without ?query, #fragment or user name: "${raw}"`
    );
  if (!url.pathname.endsWith("/")) url.pathname += "/";
  return url.href;
}

function escapeXmlAttribute(s) {
  return s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
}

/** manifest.xml with every DEV_BASE URL on `base`; refuses a result that still names localhost. */
function rebaseManifest(xml, base) {
  if (base === DEV_BASE) return xml;
  const out = xml.split(DEV_BASE).join(escapeXmlAttribute(base));
  const left = /https?:\/\/(localhost|127\.0\.0\.1)[^"<\s]*/i.exec(out);
  if (left)
    throw new Error(
      `manifest.xml names ${left[0]}, which is not on ${DEV_BASE}: cannot rebase it onto ${base}`
    );
  return out;
}

module.exports = { DEV_BASE, addinBase, rebaseManifest };

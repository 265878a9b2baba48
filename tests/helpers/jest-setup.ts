// The pane tests render the whole App in jsdom; on a loaded two-core CI machine a
// re-render after an operation can take several seconds, so findBy*/waitFor wait up to
// 30 s instead of Testing Library's default 1 s. A test still fails if the element never
// appears; it only stops failing because the machine was busy.
if (typeof document !== "undefined") {
  // jsdom lacks the encoders every browser has; modules the pane loads create decoders when
  // they are imported, before a test's beforeAll could add them.
  const { TextDecoder, TextEncoder } = require("node:util") as typeof import("node:util");
  const g = globalThis as { TextDecoder?: unknown; TextEncoder?: unknown };
  g.TextDecoder ??= TextDecoder;
  g.TextEncoder ??= TextEncoder;
  const { configure } =
    require("@testing-library/react") as typeof import("@testing-library/react");
  configure({ asyncUtilTimeout: 30_000 });
}

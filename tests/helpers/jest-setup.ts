// The pane tests render the whole App in jsdom; on a loaded two-core CI machine a
// re-render after an operation can take several seconds, so findBy*/waitFor wait up to
// 30 s instead of Testing Library's default 1 s. A test still fails if the element never
// appears; it only stops failing because the machine was busy.
if (typeof document !== "undefined") {
  const { configure } =
    require("@testing-library/react") as typeof import("@testing-library/react");
  configure({ asyncUtilTimeout: 30_000 });
}

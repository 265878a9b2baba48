import { createRoot } from "react-dom/client";
import { App } from "./App";

/**
 * The pane renders at once: office.js loads on its own (async) and, if the pane finds itself
 * inside Excel, the App switches to the Office host. Outside Excel it works on files.
 */
const container = document.getElementById("root");
if (container) {
  createRoot(container).render(<App />);
}

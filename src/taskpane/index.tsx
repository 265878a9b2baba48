import { createRoot } from "react-dom/client";
import { App } from "./App";

/**
 * The pane renders at once: office.js loads on its own (async) and, if the pane finds itself
 * inside Excel, the App switches to the Office host. Outside Excel it works on files.
 */
const container = document.getElementById("root");
// taskpane.html's ES5 check found a webview that cannot run the pane and said so: leave its message.
const unsupported = (window as Window & { __unsupportedWebview?: string }).__unsupportedWebview;
if (container && !unsupported) {
  createRoot(container).render(<App />);
}

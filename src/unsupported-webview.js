/*
 * Inlined into taskpane.html and commands.html (webpack.config.js), before the bundle. ES5 only:
 * it must parse in the webviews it looks for. Office 2016/2019 without the WebView2 runtime host
 * add-ins in Internet Explorer 11 (Trident) or Edge Legacy (EdgeHTML), which cannot parse the
 * ES2020 bundle: Microsoft's docs ("Support older Microsoft webviews and Office versions") advise
 * detecting them from navigator.userAgent and showing a message instead of a blank pane. Any
 * other webview that cannot parse ES2020 syntax is caught by compiling a line of it.
 * The ribbon commands (commands.html, no UI of their own) answer with a dialog saying the same.
 */
(function () {
  var ua = (window.navigator && window.navigator.userAgent) || "";
  var engine = null;
  if (/Trident\/|MSIE /.test(ua)) engine = "Internet Explorer 11 (Trident)";
  else if (/ Edge\/\d/.test(ua)) engine = "Microsoft Edge Legacy (EdgeHTML)";
  else {
    try {
      new Function("var o = {}; return o?.a ?? (() => 1)();");
    } catch (e) {
      // A SyntaxError means this engine is too old; anything else (a page policy forbidding
      // eval) says nothing about it, so the pane is left to start.
      if (e instanceof SyntaxError) engine = "a web view without ES2020 JavaScript";
    }
  }
  if (!engine) return;
  window.__unsupportedWebview = engine;

  var TEXT = {
    title: "This version of Office cannot run Policy Planner",
    body:
      "Office is showing the add-in in " +
      engine +
      ", which cannot run it. " +
      "Policy Planner needs Microsoft 365 or Office 2021 or later, or Office 2016/2019 with the Microsoft Edge WebView2 Runtime installed. " +
      "Ask your IT team to install the WebView2 Runtime, or open the workbook in Excel on the web (office.com), where the add-in works.",
    km: "កំណែ Office នេះមិនអាចដំណើរការកម្មវិធីរៀបចំផែនការគោលនយោបាយបានទេ។ សូមស្នើក្រុមព័ត៌មានវិទ្យាដំឡើង Microsoft Edge WebView2 Runtime ឬបើកសៀវភៅបញ្ជីក្នុង Excel នៅលើបណ្ដាញ (office.com)។",
    close: "Close",
  };

  function el(tag, text, css) {
    var e = document.createElement(tag);
    if (text) e.appendChild(document.createTextNode(text));
    if (css) e.style.cssText = css;
    return e;
  }

  function inDialog() {
    return /[?&](dialog|unsupported)=/.test(window.location.search);
  }

  function show() {
    var body = document.body;
    while (body.firstChild) body.removeChild(body.firstChild);
    var box = el(
      "div",
      null,
      "font-family: 'Segoe UI', 'Khmer OS Siemreap', sans-serif; padding: 12px; color: #242424; line-height: 1.5;"
    );
    box.id = "unsupported-webview";
    box.setAttribute("role", "alert");
    box.appendChild(el("h1", TEXT.title, "font-size: 16px; color: #a4262c; margin: 0 0 8px 0;"));
    box.appendChild(el("p", TEXT.body, "margin: 0 0 8px 0;"));
    var km = el("p", TEXT.km, "margin: 0 0 8px 0;");
    km.setAttribute("lang", "km");
    box.appendChild(km);
    if (
      inDialog() &&
      window.Office &&
      Office.context &&
      Office.context.ui &&
      Office.context.ui.messageParent
    ) {
      var button = el("button", TEXT.close);
      button.onclick = function () {
        Office.context.ui.messageParent("close");
      };
      box.appendChild(button);
    }
    body.appendChild(box);
  }

  if (document.body) show();
  else document.addEventListener("DOMContentLoaded", show);

  // The ribbon's function file: each command opens this page as a dialog showing the message.
  if (document.documentElement.getAttribute("data-page") !== "commands" || inDialog()) return;
  function command(event) {
    var done = false;
    function finish(dialog) {
      if (done) return;
      done = true;
      try {
        if (dialog) dialog.close();
      } catch (e) {
        // already closed
      }
      event.completed();
    }
    var url = window.location.href.split("?")[0].split("#")[0] + "?unsupported=1";
    try {
      Office.context.ui.displayDialogAsync(
        url,
        { height: 40, width: 40, displayInIframe: true },
        function (result) {
          if (result.status !== Office.AsyncResultStatus.Succeeded) return finish(null);
          var dialog = result.value;
          dialog.addEventHandler(Office.EventType.DialogMessageReceived, function () {
            finish(dialog);
          });
          dialog.addEventHandler(Office.EventType.DialogEventReceived, function () {
            finish(dialog);
          });
          // within the 5 minutes Office gives a function command
          setTimeout(
            function () {
              finish(dialog);
            },
            4 * 60 * 1000
          );
        }
      );
    } catch (e) {
      finish(null);
    }
  }
  window.validate = command;
  window.refreshSummary = command;
  if (window.Office && Office.onReady) {
    Office.onReady(function () {
      if (Office.actions && Office.actions.associate) {
        Office.actions.associate("validate", command);
        Office.actions.associate("refreshSummary", command);
      }
    });
  }
})();

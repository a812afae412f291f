// Added by `jobboard serve` only: reloads the page after each rebuild and
// shows the board's errors over it while a posting is broken.
(function () {
  "use strict";
  var overlay = null;

  function show(report) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.setAttribute("role", "alert");
      overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;" +
        "background:#14171b;color:#f3f3f3;padding:1.5rem;font:14px/1.5 ui-monospace,monospace";
      var title = document.createElement("p");
      title.style.cssText = "font:600 16px system-ui,sans-serif;color:#ffb4a8;margin:0 0 1rem";
      title.textContent = "The board has errors. Fix the file and save: the page reloads.";
      var pre = document.createElement("pre");
      pre.style.cssText = "white-space:pre-wrap;margin:0";
      overlay.appendChild(title);
      overlay.appendChild(pre);
      document.body.appendChild(overlay);
    }
    overlay.lastChild.textContent = report;
  }

  var events = new EventSource("/__jobboard/events");
  events.addEventListener("reload", function () { location.reload(); });
  events.addEventListener("problems", function (e) { show(JSON.parse(e.data)); });
})();

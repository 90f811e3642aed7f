// dossier serve: reloads the page when the site is rebuilt, and shows a
// rebuild error over the page until the next good save. Only `dossier serve`
// adds this script; built sites never contain it.
(function () {
  var script = document.currentScript;
  var source = new EventSource(script.getAttribute("data-events"));
  var overlay = null;
  source.addEventListener("reload", function () {
    location.reload();
  });
  source.addEventListener("failed", function (event) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "dossier-error";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText =
        "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;" +
        "margin:0;padding:1rem 1.25rem;background:#2b0d0d;color:#ffe3e3;" +
        "font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;white-space:pre-wrap;" +
        "border-top:4px solid #ff6b6b";
      document.body.appendChild(overlay);
    }
    overlay.textContent = "dossier: the last change did not build; the previous site is shown.\n\n" + event.data;
  });
})();

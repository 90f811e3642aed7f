// dossier default theme: the light/dark choice, and links that work when the
// site is opened straight from disk. Loaded in <head> so the chosen theme
// applies before the page paints. Everything else works without it.
(function () {
  "use strict";
  var KEY = "dossier-theme";
  var root = document.documentElement;

  function stored() {
    try { return localStorage.getItem(KEY); } catch (e) { return null; }
  }
  function store(value) {
    try { localStorage.setItem(KEY, value); } catch (e) { /* private mode: not remembered */ }
  }
  function systemTheme() {
    return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
  }
  function apply(theme) {
    root.dataset.theme = theme;
    var button = document.getElementById("theme-toggle");
    if (button) button.setAttribute("aria-pressed", theme === "dark" ? "true" : "false");
  }

  var saved = stored();
  apply(saved === "dark" || saved === "light" ? saved : systemTheme());

  // Opened from disk, folder links need their index.html spelled out.
  function spellOutIndexes() {
    var withIndex = function (url) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.charAt(0) === "#") return url;
      var cut = url.search(/[?#]/);
      var path = cut < 0 ? url : url.slice(0, cut);
      var rest = cut < 0 ? "" : url.slice(cut);
      return path === "" || path.slice(-1) === "/" ? (path || "./") + "index.html" + rest : url;
    };
    document.querySelectorAll("a[href]").forEach(function (a) {
      a.setAttribute("href", withIndex(a.getAttribute("href")));
    });
    document.querySelectorAll("form[action]").forEach(function (form) {
      form.setAttribute("action", withIndex(form.getAttribute("action")));
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var button = document.getElementById("theme-toggle");
    if (button) {
      button.hidden = false;
      apply(root.dataset.theme);
      button.addEventListener("click", function () {
        var next = root.dataset.theme === "dark" ? "light" : "dark";
        store(next);
        apply(next);
      });
    }
    if (location.protocol === "file:") spellOutIndexes();
  });
})();

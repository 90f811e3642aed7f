// dossier search page: queries the index that the build wrote
// (searchindex.js, an elasticlunr index) with elasticlunr.js. The query is
// folded as the build folded the text (lowercase, no diacritics), so
// "to lam" finds "Tô Lâm". Results are built as DOM nodes, never as HTML.
(function () {
  "use strict";
  var MAX_RESULTS = 30;
  var SNIPPET = 180;

  // Folds one character as the build does: lowercase, diacritics dropped.
  function foldChar(c) {
    if (c === "đ" || c === "Đ") return "d";
    if (/[\u2018\u2019\u201a\u201b]/.test(c)) return "'";
    if (/[\u201c\u201d\u201e\u201f\u00ab\u00bb]/.test(c)) return "\"";
    if (/[\u2013\u2014]/.test(c)) return "-";
    if (/\s/.test(c)) return " ";
    return c.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  // The folded text, and for each of its characters the offset of the
  // original character it came from.
  function fold(text) {
    var folded = "", origin = [];
    for (var i = 0; i < text.length; i++) {
      var f = foldChar(text[i]);
      for (var j = 0; j < f.length; j++) { folded += f[j]; origin.push(i); }
    }
    origin.push(text.length);
    return { text: folded, origin: origin };
  }

  // What to mark in results: the whole query as a phrase, and each of its
  // words but the stop words (elasticlunr's list), folded.
  function terms(query) {
    var phrase = fold(query).text.trim();
    var stop = (window.elasticlunr && elasticlunr.stopWordFilter.stopWords) || {};
    var words = phrase.split(/[\s\-]+/).filter(function (w) { return w.length > 1 && !stop[w]; });
    return phrase.indexOf(" ") > 0 ? [phrase].concat(words) : words;
  }

  // Where each term starts a word of `folded`: [start, end) pairs, in order.
  function hits(folded, words) {
    var found = [];
    words.forEach(function (w) {
      var at = folded.indexOf(w);
      while (at >= 0) {
        if (at === 0 || !/[a-z0-9]/.test(folded[at - 1])) found.push([at, at + w.length]);
        at = folded.indexOf(w, at + 1);
      }
    });
    // In text order, the longest first where two start together.
    return found.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
  }

  // The paragraph of `doc` that holds the most of the query's words.
  function bestParagraph(doc, words) {
    var best = 0, score = -1;
    doc.text.forEach(function (p, i) {
      var f = fold(p).text, s = 0;
      words.forEach(function (w) { if (f.indexOf(w) >= 0) s++; });
      if (s > score) { score = s; best = i; }
    });
    return best;
  }

  // A snippet of `text` around its first hit, with every hit in <mark>.
  function snippet(text, words) {
    var folded = fold(text), found = hits(folded.text, words);
    var centre = found.length ? folded.origin[found[0][0]] : 0;
    var start = Math.max(0, centre - SNIPPET / 3);
    if (start > 0) { var space = text.indexOf(" ", start); start = space >= 0 && space < centre ? space + 1 : start; }
    var end = Math.min(text.length, start + SNIPPET);
    var out = document.createElement("p");
    out.className = "result-snippet";
    var at = start;
    if (start > 0) out.appendChild(document.createTextNode("…"));
    found.forEach(function (h) {
      var from = folded.origin[h[0]], to = folded.origin[h[1]];
      if (from < at || to > end) return;
      out.appendChild(document.createTextNode(text.slice(at, from)));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(from, to);
      out.appendChild(mark);
      at = to;
    });
    out.appendChild(document.createTextNode(text.slice(at, end) + (end < text.length ? "…" : "")));
    return out;
  }

  function render(list, status, query, data, index, root) {
    list.textContent = "";
    var words = terms(query);
    if (!query) { status.textContent = "Type a word or a name to search the site."; return; }
    var found = index.search(fold(query).text, {
      fields: { title: { boost: 3 }, text: { boost: 1 } },
      bool: "AND",
      expand: true
    });
    status.textContent = found.length === 0 ? "Nothing found for “" + query + "”." :
      found.length + (found.length === 1 ? " result" : " results") + " for “" + query + "”" +
      (found.length > MAX_RESULTS ? ", the first " + MAX_RESULTS + " shown." : ".");
    found.slice(0, MAX_RESULTS).forEach(function (result) {
      var doc = data.docs[Number(result.ref)];
      var paragraph = bestParagraph(doc, words);
      var anchor = doc.anchors && doc.anchors[paragraph];
      var item = document.createElement("li");
      var kind = document.createElement("span");
      kind.className = "result-kind tag";
      kind.textContent = doc.kind;
      var link = document.createElement("a");
      link.href = root + doc.url + (anchor ? "#" + anchor : "");
      var titleFolded = fold(doc.title), titleHits = hits(titleFolded.text, words), at = 0;
      titleHits.forEach(function (h) {
        var from = titleFolded.origin[h[0]], to = titleFolded.origin[h[1]];
        if (from < at) return;
        link.appendChild(document.createTextNode(doc.title.slice(at, from)));
        var mark = document.createElement("mark");
        mark.textContent = doc.title.slice(from, to);
        link.appendChild(mark);
        at = to;
      });
      link.appendChild(document.createTextNode(doc.title.slice(at)));
      var heading = document.createElement("h2");
      heading.className = "result-title";
      heading.appendChild(kind);
      heading.appendChild(document.createTextNode(" "));
      heading.appendChild(link);
      item.appendChild(heading);
      item.appendChild(snippet(doc.text[paragraph] || "", words));
      list.appendChild(item);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var input = document.getElementById("search-query");
    var list = document.getElementById("search-results");
    var status = document.getElementById("search-status");
    var data = window.dossierSearch;
    if (!input || !list || !status) return;
    if (!data || !window.elasticlunr) { status.textContent = "The search index could not be loaded."; return; }
    var index = window.elasticlunr.Index.load(data.index);
    var root = list.getAttribute("data-root") || "";
    var params = new URLSearchParams(location.search);
    input.value = params.get("q") || "";
    var update = function () {
      render(list, status, input.value.trim(), data, index, root);
      var url = new URL(location.href);
      if (input.value.trim()) url.searchParams.set("q", input.value.trim()); else url.searchParams.delete("q");
      try { history.replaceState(null, "", url); } catch (e) { /* opened from disk: the address stays */ }
    };
    var timer = null;
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(update, 120); });
    input.form.addEventListener("submit", function (event) { event.preventDefault(); update(); });
    update();
  });
})();

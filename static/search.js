// dossier search page: queries the index the build wrote under
// searchindex/ (see docs/search.md), fetching only the files a query
// needs: the dictionary shards of its words, their postings, and the
// documents of the results shown. The query is folded as the build folded
// the text (lowercase, no diacritics), so "to lam" finds "Tô Lâm" and
// "Tô Lâm" finds "To Lam". Results are built as DOM nodes, never as HTML.
(function () {
  "use strict";
  var PAGE = 20;
  var SNIPPET = 180;
  // How many longer terms the last word, as typed so far, may stand for.
  var EXPANSIONS = 6;
  var ALPHABET = "0123456789abcdefghijklmnopqrstuvABCDEFGHIJKLMNOPQRSTUVWXYZ-_wxyz";
  var DIGIT = {};
  for (var d = 0; d < ALPHABET.length; d++) DIGIT[ALPHABET.charCodeAt(d)] = d;

  // Folds one character as the build does: lowercase, diacritics dropped.
  function foldChar(c) {
    if (c === "đ" || c === "Đ") return "d";
    if (/[\u2018\u2019\u201a\u201b]/.test(c)) return "'";
    if (/[\u201c\u201d\u201e\u201f\u00ab\u00bb]/.test(c)) return "\"";
    if (/[\u2013\u2014]/.test(c)) return "-";
    if (/\s/.test(c)) return " ";
    return c.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  // Folded forms of the non-ASCII characters met so far.
  var FOLDED = new Map();

  // The folded text, and for each of its characters the offset of the
  // original character it came from (`origin` is null when the two are
  // the same: printable ASCII folds one to one).
  function fold(text) {
    if (/^[\x20-\x7e]*$/.test(text)) return { text: text.toLowerCase(), origin: null };
    var folded = "", origin = [];
    for (var i = 0; i < text.length; i++) {
      var c = text[i], code = text.charCodeAt(i), f;
      if (code >= 65 && code <= 90) f = String.fromCharCode(code + 32);
      else if (code >= 32 && code < 127) f = c;
      else {
        f = FOLDED.get(c);
        if (f === undefined) { f = foldChar(c); FOLDED.set(c, f); }
      }
      for (var j = 0; j < f.length; j++) { folded += f[j]; origin.push(i); }
    }
    origin.push(text.length);
    return { text: folded, origin: origin };
  }

  // The offset in the original of folded offset `i`.
  function source(folded, i) {
    return folded.origin ? folded.origin[i] : i;
  }

  // The numbers of an encoded list (see src/render/search/encode.rs).
  function numbers(text) {
    var out = [], value = 0, shift = 0;
    for (var i = 0; i < text.length; i++) {
      var digit = DIGIT[text.charCodeAt(i)];
      if (digit < 32) { out.push(value + digit * Math.pow(2, shift)); value = 0; shift = 0; }
      else { value += (digit - 32) * Math.pow(2, shift); shift += 5; }
    }
    return out;
  }

  // Postings as a map from document number to weight.
  // Postings as parallel arrays of ascending document numbers and weights,
  // decoded in one pass (see src/render/search/encode.rs).
  function postings(text) {
    var docs = new Uint32Array(text.length >> 1), weights = new Uint8Array(text.length >> 1);
    var n = 0, doc = 0, value = 0, shift = 1, odd = false;
    for (var i = 0; i < text.length; i++) {
      var digit = DIGIT[text.charCodeAt(i)];
      if (digit < 32) {
        value += digit * shift;
        if (odd) { weights[n++] = value; } else { doc += value; docs[n] = doc; }
        odd = !odd; value = 0; shift = 1;
      } else { value += (digit - 32) * shift; shift *= 32; }
    }
    return { docs: docs.subarray(0, n), weights: weights.subarray(0, n) };
  }

  // The union of several postings lists, keeping the higher weight.
  function union(lists) {
    if (lists.length === 1) return lists[0];
    var merged = new Map();
    lists.forEach(function (l) {
      for (var i = 0; i < l.docs.length; i++) merged.set(l.docs[i], Math.max(l.weights[i], merged.get(l.docs[i]) || 0));
    });
    var docs = Uint32Array.from(merged.keys()).sort();
    var weights = new Uint8Array(docs.length);
    for (var i = 0; i < docs.length; i++) weights[i] = merged.get(docs[i]);
    return { docs: docs, weights: weights };
  }

  // Ascending document numbers, from gaps.
  function docNumbers(text) {
    var list = numbers(text), doc = 0;
    return list.map(function (gap) { doc += gap; return doc; });
  }

  function Index(base, meta) {
    this.base = base;
    this.meta = meta;
    this.files = new Map();
    this.stop = new Set(meta.stop);
  }

  // A file of the index, fetched once.
  Index.prototype.get = function (path, json) {
    var key = path + (json ? "" : "#text");
    if (!this.files.has(key)) {
      var url = this.base + path;
      this.files.set(key, fetch(url).then(function (response) {
        if (!response.ok) throw new Error("cannot load " + url + " (" + response.status + ")");
        return json ? response.json() : response.text();
      }));
    }
    return this.files.get(key);
  };

  // The query's words, folded, stop words left out.
  Index.prototype.words = function (query) {
    var stop = this.stop, longest = this.meta.longest;
    return fold(query).text.split(/[^a-z0-9]+/)
      .filter(function (w) { return w && !stop.has(w); })
      .map(function (w) { return w.slice(0, longest); });
  };

  // The shard that holds `word`: the longest shard prefix it starts with.
  Index.prototype.shardOf = function (word) {
    var best = null;
    this.meta.shards.forEach(function (s) {
      if (word.lastIndexOf(s, 0) === 0 && (best === null || s.length > best.length)) best = s;
    });
    return best;
  };

  // The dictionary entries for one word: the term itself and, when the
  // word may be unfinished, the most frequent terms it begins.
  Index.prototype.lookup = function (word, expand) {
    var self = this, names = [];
    var own = this.shardOf(word);
    if (own !== null) names.push(own);
    if (expand) {
      this.meta.shards.forEach(function (s) {
        if (s.length > word.length && s.lastIndexOf(word, 0) === 0 && names.length < 4) names.push(s);
      });
    }
    return Promise.all(names.map(function (s) { return self.get("t/_" + s + ".json", true); }))
      .then(function (shards) {
        var exact = [], longer = [];
        shards.forEach(function (shard) {
          Object.keys(shard).forEach(function (term) {
            var entry = { term: term, df: shard[term][0], inline: shard[term][1] };
            if (term === word) exact.push(entry);
            else if (expand && term.lastIndexOf(word, 0) === 0) longer.push(entry);
          });
        });
        longer.sort(function (a, b) { return b.df - a.df || (a.term < b.term ? -1 : 1); });
        return exact.concat(longer.slice(0, EXPANSIONS));
      });
  };

  // One entry's postings: inline, or its file (its best part when `top`).
  Index.prototype.postingsOf = function (entry, top) {
    if (entry.inline !== undefined) return Promise.resolve(postings(entry.inline));
    var best = top && entry.df > this.meta.top;
    return this.get("p/_" + entry.term + (best ? ".top.txt" : ".txt"), false).then(postings);
  };

  // The documents within an entity, as a set, with its title and kind.
  Index.prototype.within = function (entity) {
    return this.get("f/" + entity + ".json", true).then(function (filter) {
      return { title: filter.title, kind: filter.kind, docs: new Set(docNumbers(filter.docs)) };
    });
  };

  // The kind range a document number falls in.
  Index.prototype.kindOf = function (doc) {
    return this.meta.kinds.find(function (k) { return doc >= k.from && doc < k.to; });
  };

  // A document: articles have a file each, the others come in groups.
  Index.prototype.doc = function (n) {
    var meta = this.meta;
    if (n < meta.articles) return this.get("d/" + n + ".json", true);
    var i = n - meta.articles;
    return this.get("g/" + Math.floor(i / meta.group) + ".json", true)
      .then(function (group) { return group[i % meta.group]; });
  };

  // Runs a query: { words, results: [doc numbers, best first], total,
  // partial (only the best postings of a frequent word were read) }.
  Index.prototype.search = function (query, options) {
    var self = this, meta = this.meta;
    var words = this.words(query);
    var unfinished = query.length > 0 && !/[\s]$/.test(query);
    var kind = meta.kinds.find(function (k) { return k.key === options.kind; }) || null;
    var inKind = function (doc) { return !kind || (doc >= kind.from && doc < kind.to); };
    var within = options.entity ? this.within(options.entity) : Promise.resolve(null);
    if (words.length === 0) {
      return within.then(function (filter) {
        var docs = filter ? Array.from(filter.docs).filter(inKind) : [];
        return { words: [], results: docs, total: docs.length, partial: false, filter: filter };
      });
    }
    var top = words.length === 1 && !options.entity && !kind && !options.full;
    var lookups = words.map(function (w, i) {
      // Numbers are taken whole: "59" is not the start of "590".
      return self.lookup(w, unfinished && i === words.length - 1 && w.length >= 2 && /[a-z]/.test(w));
    });
    return Promise.all([within, Promise.all(lookups)]).then(function (found) {
      var filter = found[0], entries = found[1];
      if (entries.some(function (e) { return e.length === 0; })) {
        return { words: words, results: [], total: 0, partial: false, filter: filter };
      }
      var lists = entries.map(function (list) {
        return Promise.all(list.map(function (e) { return self.postingsOf(e, top); }));
      });
      return Promise.all(lists).then(function (found) {
        // Per word: every document and its weight, over the word's terms.
        var perWord = found.map(function (ls, w) {
          var df = 0;
          entries[w].forEach(function (e) { df += e.df; });
          return { list: union(ls), df: df };
        });
        perWord.sort(function (a, b) { return a.df - b.df; });
        // The rarest word's documents within the filters, then kept only
        // where every other word occurs too (a merge of sorted lists).
        var first = perWord[0].list, idf0 = Math.log(1 + meta.docs / perWord[0].df);
        var docs = [], scores = [];
        for (var i = 0; i < first.docs.length; i++) {
          var doc = first.docs[i];
          if (inKind(doc) && (!filter || filter.docs.has(doc))) {
            docs.push(doc);
            scores.push(idf0 * (1 + Math.log(first.weights[i])));
          }
        }
        perWord.slice(1).forEach(function (word) {
          var idf = Math.log(1 + meta.docs / word.df), other = word.list;
          var keptDocs = [], keptScores = [], j = 0;
          for (var k = 0; k < docs.length; k++) {
            while (j < other.docs.length && other.docs[j] < docs[k]) j++;
            if (j < other.docs.length && other.docs[j] === docs[k]) {
              keptDocs.push(docs[k]);
              keptScores.push(scores[k] + idf * (1 + Math.log(other.weights[j])));
            }
          }
          docs = keptDocs; scores = keptScores;
        });
        var order = docs.map(function (_, k) { return k; });
        order.sort(function (a, b) { return scores[b] - scores[a] || docs[a] - docs[b]; });
        var results = order.map(function (k) { return docs[k]; });
        var partial = top && entries[0].some(function (e) { return e.df > meta.top && e.inline === undefined; });
        var total = partial ? perWord[0].df : results.length;
        return { words: words, results: results, total: total, partial: partial, filter: filter };
      });
    });
  };

  // What to mark in results: the query's words, folded.
  function marks(words) {
    return words.filter(function (w) { return w.length > 0; });
  }

  // Where each word starts a word of `folded`: [start, end) pairs, in order.
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
    doc.p.forEach(function (p, i) {
      var f = fold(p).text, s = 0;
      words.forEach(function (w) { if (hits(f, [w]).length) s++; });
      if (s > score) { score = s; best = i; }
    });
    return best;
  }

  // `text` into `parent`, from `start` to `end`, with every hit in <mark>.
  function marked(parent, text, words, start, end) {
    var folded = fold(text), at = start;
    hits(folded.text, words).forEach(function (h) {
      var from = source(folded, h[0]), to = source(folded, h[1]);
      if (from < at || to > end) return;
      parent.appendChild(document.createTextNode(text.slice(at, from)));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(from, to);
      parent.appendChild(mark);
      at = to;
    });
    parent.appendChild(document.createTextNode(text.slice(at, end)));
  }

  // A snippet of `text` around its first hit.
  function snippet(text, words) {
    var folded = fold(text), found = hits(folded.text, words);
    var centre = found.length ? source(folded, found[0][0]) : 0;
    var start = Math.max(0, centre - SNIPPET / 3);
    if (start > 0) { var space = text.indexOf(" ", start); start = space >= 0 && space < centre ? space + 1 : start; }
    var end = Math.min(text.length, start + SNIPPET);
    var out = document.createElement("p");
    out.className = "result-snippet";
    if (start > 0) out.appendChild(document.createTextNode("…"));
    marked(out, text, words, start, end);
    if (end < text.length) out.appendChild(document.createTextNode("…"));
    return out;
  }

  function resultItem(doc, words, root) {
    var paragraph = bestParagraph(doc, words);
    var anchor = doc.a && doc.a[paragraph];
    var item = document.createElement("li");
    var heading = document.createElement("h2");
    heading.className = "result-title";
    var kind = document.createElement("span");
    kind.className = "result-kind tag";
    kind.textContent = doc.k;
    var link = document.createElement("a");
    link.href = root + doc.u + (anchor ? "#" + anchor : "");
    marked(link, doc.t, words, 0, doc.t.length);
    heading.appendChild(kind);
    heading.appendChild(document.createTextNode(" "));
    heading.appendChild(link);
    item.appendChild(heading);
    if (doc.d) {
      var meta = document.createElement("p");
      meta.className = "meta result-date";
      var time = document.createElement("time");
      time.dateTime = doc.d;
      time.textContent = doc.d;
      meta.appendChild(time);
      item.appendChild(meta);
    }
    item.appendChild(snippet(doc.p[paragraph] || "", words));
    return item;
  }

  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

  document.addEventListener("DOMContentLoaded", function () {
    var input = document.getElementById("search-query");
    var list = document.getElementById("search-results");
    var status = document.getElementById("search-status");
    var more = document.getElementById("search-more");
    var kindSelect = document.getElementById("search-kind");
    var entitySelect = document.getElementById("search-entity");
    if (!input || !list || !status) return;
    var root = list.getAttribute("data-root") || "";
    var params = new URLSearchParams(location.search);
    input.value = params.get("q") || "";
    if (kindSelect) kindSelect.value = params.get("kind") || "";
    if (entitySelect) {
      var entity = params.get("entity") || "";
      entitySelect.value = entity;
      if (entitySelect.value !== entity) entitySelect.value = "";
    }
    if (location.protocol === "file:") {
      status.textContent = "Search needs the site to be served: open it through a web server " +
        "(dossier serve, or wherever it is published), not from disk, where the browser " +
        "does not let the page read the search index.";
      return;
    }
    var base = new URL(root + "searchindex/", location.href).href;
    var ready = fetch(base + "meta.json").then(function (response) {
      if (!response.ok) throw new Error("cannot load the search index (" + response.status + ")");
      return response.json();
    }).then(function (meta) { return new Index(base, meta); });

    var generation = 0, current = null;

    // Shows results `from` to `from + PAGE` of the current search.
    function show(index, from) {
      var mine = generation, found = current.found;
      var page = found.results.slice(from, from + PAGE);
      return Promise.all(page.map(function (n) { return index.doc(n); })).then(function (docs) {
        if (mine !== generation) return;
        if (from === 0) list.textContent = "";
        var words = marks(found.words);
        docs.forEach(function (doc) { list.appendChild(resultItem(doc, words, root)); });
        current.shown = from + page.length;
        var left = current.shown < found.results.length || found.partial;
        if (more) more.hidden = !left;
      });
    }

    function describe(query, found, options) {
      var where = found.filter ? " within " + found.filter.kind + ": " + found.filter.title : "";
      var what = options.kind && kindSelect ? " (" + kindSelect.options[kindSelect.selectedIndex].text + ")" : "";
      if (found.total === 0) {
        return "Nothing found" + (query ? " for “" + query + "”" : "") + where + what + ".";
      }
      var count = (found.partial ? "About " : "") + plural(found.total, "result");
      return count + (query ? " for “" + query + "”" : "") + where + what + ".";
    }

    function update(full) {
      var query = input.value.trim();
      var options = {
        kind: kindSelect ? kindSelect.value : "",
        entity: entitySelect ? entitySelect.value : "",
        full: full
      };
      var url = new URL(location.href);
      [["q", query], ["kind", options.kind], ["entity", options.entity]].forEach(function (p) {
        if (p[1]) url.searchParams.set(p[0], p[1]); else url.searchParams.delete(p[0]);
      });
      history.replaceState(null, "", url);
      var mine = ++generation;
      if (!query && !options.entity) {
        list.textContent = "";
        if (more) more.hidden = true;
        status.textContent = "Type a word or a name to search the site.";
        return Promise.resolve();
      }
      status.textContent = "Searching…";
      return ready.then(function (index) {
        return index.search(input.value, options).then(function (found) {
          if (mine !== generation) return;
          current = { found: found, shown: 0, options: options };
          status.textContent = describe(query, found, options);
          if (found.results.length === 0) { list.textContent = ""; if (more) more.hidden = true; return; }
          return show(index, 0);
        });
      }).catch(function (error) {
        if (mine !== generation) return;
        status.textContent = "The search index could not be loaded: " + error.message;
      });
    }

    var timer = null;
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(function () { update(false); }, 60); });
    [kindSelect, entitySelect].forEach(function (select) {
      if (select) select.addEventListener("change", function () { update(false); });
    });
    input.form.addEventListener("submit", function (event) { event.preventDefault(); update(false); });
    if (more) {
      more.addEventListener("click", function () {
        if (!current) return;
        var shown = current.shown;
        ready.then(function (index) {
          if (current.found.partial && shown >= current.found.results.length) {
            // The best postings are used up: read the whole lists.
            return update(true).then(function () {
              if (current && current.found.results.length > shown) return show(index, shown);
            });
          }
          return show(index, shown);
        });
      });
    }
    update(false);
  });
})();

// Full-text search of every live job, in the listing's search box: titles,
// companies, places, types, tags and descriptions, with case and accents
// folded ("zurich" finds Zürich) and English word forms ("engineers" finds
// "engineering"). The index lies in the site's search/ folder, in small
// files that each hand data to jobboardSearch(); they are loaded as
// <script src>, which browsers allow from disk too (fetch() they refuse
// there), and only those a query needs. A filter's listing searches within
// its filter. The query is in the address (?q=), to share or bookmark.
// Without JavaScript the box stays hidden and the listing is as it was.
// Posting text is only ever set with textContent: nothing a posting says
// can run here.
(function () {
  "use strict";
  var box = document.querySelector(".search");
  var list = document.querySelector("ol.jobs");
  if (!box || !list || !box.hasAttribute("data-index")) return;
  var input = box.querySelector("input");
  var status = box.querySelector(".search-status");
  var root = box.getAttribute("data-root") || "./";
  var pagination = document.querySelector(".pagination");
  var PAGE = 20;
  var now = new Date();

  // As text::fold in the tool: lower case, accents off, a few letters spelled out.
  var spelled = { "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ł": "l", "ı": "i" };
  function fold(text) {
    return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase()
      .replace(/[ßæœøđłı]/g, function (c) { return spelled[c]; });
  }

  // The index's files, each loaded once, as a script that calls jobboardSearch.
  var files = {};
  var arrived = {};
  window.jobboardSearch = function (data) {
    var key = data.part !== undefined ? "part:" + data.part
      : data.job !== undefined ? "job:" + data.job
      : data["in"] !== undefined ? "in" : "head";
    arrived[key] = data;
  };
  function load(src, key) {
    if (!files[key]) {
      files[key] = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = src;
        script.async = true;
        script.onload = function () {
          script.remove();
          if (arrived[key]) resolve(arrived[key]); else reject(new Error(src));
        };
        script.onerror = function () { script.remove(); reject(new Error(src)); };
        document.head.appendChild(script);
      });
    }
    return files[key];
  }
  function folder() { return box.getAttribute("data-index").replace(/index\.js$/, ""); }

  // Numbers as the index writes them: base-32 digits, the last of each from LAST.
  var MORE = "abcdefghijklmnopqrstuvwxyz6789-_";
  var LAST = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
  var digit = {};
  for (var d = 0; d < 32; d++) { digit[MORE.charAt(d)] = d; digit[LAST.charAt(d)] = 32 + d; }
  function numbers(text) {
    var out = [];
    var value = 0;
    for (var i = 0; i < text.length; i++) {
      var n = digit[text.charAt(i)];
      if (n >= 32) { out.push(value * 32 + n - 32); value = 0; } else value = value * 32 + n;
    }
    return out;
  }
  function ascending(text) {
    var gaps = numbers(text);
    var next = 0;
    return gaps.map(function (gap) { next += gap; return next++; });
  }

  var head = null;
  var within = null;
  var alive = null;
  var started = null;
  function start() {
    if (!started) started = begin();
    return started;
  }
  function begin() {
    var wait = [load(box.getAttribute("data-index"), "head")];
    if (box.hasAttribute("data-in")) wait.push(load(box.getAttribute("data-in"), "in"));
    return Promise.all(wait).then(function (got) {
      head = got[0];
      if (got[1]) within = new Set(ascending(got[1].jobs));
      // A stale site: jobs past their last day by the reader's date are not found.
      var built = new Date(head.built + "T00:00:00");
      var today = new Date(now.getFullYear(), now.getMonth(), now.getDate());
      var past = Math.round((today - built) / 86400000);
      alive = numbers(head.ends).map(function (days) { return days >= past; });
    });
  }

  // Each word of the index: [word, stem (empty: the word), jobs and weights].
  function part(n) { return load(folder() + "words/" + n + ".js", "part:" + n).then(function (p) { return p.words; }); }
  function partOf(word) {
    var lo = 0;
    var hi = head.parts.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (head.parts[mid] <= word) lo = mid; else hi = mid - 1;
    }
    return lo;
  }
  // The words from `from` to every word that begins with `to` (at most three parts).
  function range(from, to) {
    var first = partOf(from);
    var last = Math.min(partOf(to + "\uffff"), first + 2);
    var wait = [];
    for (var n = first; n <= last; n++) wait.push(part(n));
    return Promise.all(wait).then(function (parts) { return [].concat.apply([], parts); });
  }
  var stemOf = function (entry) { return entry[1] || entry[0]; };

  // What a word of a query finds: the word itself, other words of its stem,
  // and words that begin with it (it may be half typed), each with how much
  // such a match counts.
  function find(word) {
    return range(word, word).then(function (entries) {
      var exact = entries.filter(function (e) { return e[0] === word; })[0];
      var stem = exact ? stemOf(exact) : guess(word, entries);
      var found = [];
      entries.forEach(function (e) {
        if (e === exact) found.push([e, 1]);
        else if (e[0].lastIndexOf(word, 0) === 0 && found.length < 60) found.push([e, 0.4]);
      });
      if (!stem) return found;
      return range(stem, stem).then(function (more) {
        more.forEach(function (e) {
          if (e !== exact && stemOf(e) === stem && found.every(function (f) { return f[0] !== e; })) found.push([e, 0.6]);
        });
        return found;
      });
    });
  }
  // The stem of a word no job has ("engineers" when jobs say "engineer" and
  // "engineering"): the longest stem of the words near it that it begins with.
  function guess(word, entries) {
    var best = "";
    entries.forEach(function (e) {
      var stem = stemOf(e);
      if (stem.length >= 3 && stem.length > best.length && word.length - stem.length <= 4 && word.lastIndexOf(stem, 0) === 0) best = stem;
    });
    return best;
  }

  var weights = {};
  function jobsOf(entry) {
    if (!weights[entry[0]]) {
      var pairs = numbers(entry[2]);
      var jobs = [];
      var next = 0;
      for (var i = 0; i + 1 < pairs.length; i += 2) {
        next += pairs[i];
        jobs.push([next, pairs[i + 1]]);
        next += 1;
      }
      weights[entry[0]] = jobs;
    }
    return weights[entry[0]];
  }

  // The jobs that have every word of the query, best first: a word in a
  // title or company counts above one in a description, an exact word above
  // another form of it above a word it only begins, a rare word above a
  // common one; ties go to the newest.
  function rank(matches) {
    var total = null;
    matches.forEach(function (found) {
      var scores = new Map();
      found.forEach(function (f) {
        var jobs = jobsOf(f[0]);
        var rare = Math.log(1 + head.jobs / jobs.length);
        jobs.forEach(function (jw) {
          var score = jw[1] * f[1] * rare;
          if (!(scores.get(jw[0]) >= score)) scores.set(jw[0], score);
        });
      });
      if (total === null) total = scores;
      else {
        var both = new Map();
        total.forEach(function (score, job) { if (scores.has(job)) both.set(job, score + scores.get(job)); });
        total = both;
      }
    });
    var hits = [];
    (total || new Map()).forEach(function (score, job) {
      if (alive[job] && (!within || within.has(job))) hits.push([job, score]);
    });
    return hits.sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; }).map(function (h) { return h[0]; });
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  // A job as card.html writes it, with the words found marked in an excerpt.
  function card(job, marked) {
    var li = element("li", "job");
    var h2 = element("h2", "job-title");
    var a = element("a", null, job.title);
    a.href = root + job.url;
    h2.appendChild(a);
    li.appendChild(h2);
    var company = element("p", "job-company", job.company);
    if (job.agency) {
      company.appendChild(document.createTextNode(" "));
      company.appendChild(element("span", "badge", "Agency"));
    }
    li.appendChild(company);
    var facts = element("ul", "facts");
    [job.place, job.remote, job.types].forEach(function (fact) { facts.appendChild(element("li", null, fact)); });
    if (job.salary) facts.appendChild(element("li", "salary", job.salary));
    li.appendChild(facts);
    var date = element("p", "job-date");
    var time = element("time", null, job.posted_label);
    time.setAttribute("datetime", job.posted);
    date.appendChild(time);
    li.appendChild(date);
    li.appendChild(excerpt(job.text, marked));
    return li;
  }

  // About 30 words of the description around where the words found stand
  // closest together, those words in <mark>: built from text nodes.
  var SPAN = 30;
  function excerpt(text, marked) {
    var pieces = text.split(/([\p{L}\p{N}\p{M}]+)/u);
    var hits = [];
    for (var i = 1; i < pieces.length; i += 2) if (marked.has(fold(pieces[i]))) hits.push(i);
    var from = 1;
    var best = -1;
    hits.forEach(function (at, k) {
      var n = 0;
      while (k + n < hits.length && hits[k + n] < at + 2 * SPAN) n++;
      if (n > best) { best = n; from = at; }
    });
    from = Math.max(1, from - 10);
    var to = Math.min(pieces.length, from + 2 * SPAN);
    var p = element("p", "excerpt");
    if (from > 1) p.appendChild(document.createTextNode("… "));
    for (var j = from; j < to; j++) {
      if (j % 2 === 1 && marked.has(fold(pieces[j]))) p.appendChild(element("mark", null, pieces[j]));
      else p.appendChild(document.createTextNode(pieces[j]));
    }
    if (to < pieces.length) p.appendChild(document.createTextNode(" …"));
    return p;
  }

  // The query's words, cut as the index cuts them (search/mod.rs).
  function words(query) {
    var all = fold(query).match(/[\p{L}\p{N}]+/gu) || [];
    var seen = {};
    return all.filter(function (w) {
      var keep = w.length > 1 && w.length <= 32 && head.stop.indexOf(w) < 0 && !seen[w];
      seen[w] = true;
      return keep;
    });
  }

  var results = null;
  var more = null;
  var shown = 0;
  var hits = [];
  var marked = new Set();
  var asked = 0;

  function show(listing) {
    list.hidden = !listing;
    if (pagination) pagination.hidden = !listing;
    if (results) results.hidden = listing;
  }

  function say(text, back) {
    status.textContent = text;
    if (back) {
      var button = element("button", "search-clear", "Show all jobs");
      button.type = "button";
      button.addEventListener("click", function () {
        input.value = "";
        update();
        input.focus();
      });
      status.appendChild(document.createTextNode(" "));
      status.appendChild(button);
    }
  }

  function remember(query) {
    try {
      var url = new URL(window.location.href);
      if (query) url.searchParams.set("q", query); else url.searchParams.delete("q");
      window.history.replaceState(null, "", url.href);
    } catch (e) { /* an address that cannot change (some browsers from disk) */ }
  }

  // The next results, as cards.
  function showMore(ask) {
    var batch = hits.slice(shown, shown + PAGE);
    shown += batch.length;
    return Promise.all(batch.map(function (job) { return load(folder() + "jobs/" + job + ".js", "job:" + job); }))
      .then(function (jobs) {
        if (ask !== asked) return;
        jobs.forEach(function (job) { results.appendChild(card(job, marked)); });
        more.hidden = shown >= hits.length;
      });
  }

  function update() {
    var query = input.value.trim();
    var ask = ++asked;
    remember(query);
    if (!query) { show(true); say(""); return; }
    start().then(function () {
      var all = words(query);
      if (!all.length) { show(true); say("Type a whole word to search."); return null; }
      return Promise.all(all.map(find)).then(function (matches) {
        if (ask !== asked) return null;
        hits = rank(matches);
        marked = new Set();
        matches.forEach(function (found) { found.forEach(function (f) { marked.add(f[0][0]); }); });
        if (!results) {
          results = element("ol", "jobs search-results");
          list.parentNode.insertBefore(results, list.nextSibling);
          more = element("button", "search-more", "Show more results");
          more.type = "button";
          more.addEventListener("click", function () { showMore(asked); });
          results.parentNode.insertBefore(more, results.nextSibling);
        }
        results.textContent = "";
        more.hidden = true;
        shown = 0;
        show(false);
        if (!hits.length) {
          say("No jobs match \u201c" + query + "\u201d.", true);
          return null;
        }
        say(hits.length + (hits.length === 1 ? " job matches " : " jobs match ") + "\u201c" + query + "\u201d");
        return showMore(ask);
      });
    }).catch(function () {
      if (ask === asked) { show(true); say("Search is not available here."); }
    });
  }

  var timer = 0;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(update, 80);
  });
  input.addEventListener("focus", function () { if (!head) start().catch(function () {}); });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter") { clearTimeout(timer); update(); }
  });
  box.hidden = false;
  var initial = new URLSearchParams(window.location.search).get("q");
  if (initial) {
    input.value = initial;
    update();
  }
})();

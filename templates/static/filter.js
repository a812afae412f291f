// An instant text filter over a listing: what each card shows (title,
// company, place, remote, type, salary), its category and its tags, with case
// and accents folded ("zurich" finds Zürich).
// Without JavaScript the box stays hidden and every filter is a plain link.
// It reads this site's jobs.json to search every page of a listing; opened
// from disk (where browsers refuse to read files), it filters this page.
// Text is only ever set with textContent: nothing a posting says runs here.
(function () {
  "use strict";
  var box = document.querySelector(".search");
  var list = document.querySelector("ol.jobs");
  if (!box || !list) return;
  var input = box.querySelector("input");
  var status = box.querySelector(".search-status");
  var root = box.getAttribute("data-root") || "./";
  var pages = parseInt(box.getAttribute("data-pages") || "1", 10);
  var local = box.hasAttribute("data-local") || pages <= 1;
  var items = Array.prototype.slice.call(list.querySelectorAll("li.job"));
  var pagination = document.querySelector(".pagination");
  var all = null;
  var now = new Date();
  var two = function (n) { return (n < 10 ? "0" : "") + n; };
  var today = now.getFullYear() + "-" + two(now.getMonth() + 1) + "-" + two(now.getDate());
  var results = null;
  box.hidden = false;

  // As text::fold in the tool: lower case, accents off, a few letters spelled out.
  var spelled = { "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ł": "l", "ı": "i" };
  function fold(text) {
    return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase()
      .replace(/[ßæœøđłı]/g, function (c) { return spelled[c]; });
  }

  function words(text) {
    return fold(text).split(/\s+/).filter(Boolean);
  }

  function matches(haystack, query) {
    return query.every(function (w) { return haystack.indexOf(w) !== -1; });
  }

  function say(shown, total) {
    status.textContent = input.value.trim() ? shown + " of " + total + " jobs match" : "";
  }

  function filterPage(query) {
    var shown = 0;
    items.forEach(function (li) {
      // A job past its last day stays hidden (static/expiry.js).
      var hit = !li.classList.contains("ended") && matches(li.getAttribute("data-search") || "", query);
      li.hidden = !hit;
      if (hit) shown += 1;
    });
    say(shown, items.length);
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  // The same item as listing.html writes, from the same labels.
  function render(job) {
    var li = element("li", "job");
    var h2 = element("h2", "job-title");
    var a = element("a", null, job.title);
    a.href = root + "jobs/" + encodeURIComponent(job.slug) + "/index.html";
    h2.appendChild(a);
    li.appendChild(h2);
    var company = element("p", "job-company", job.company);
    if (job.agency) {
      company.appendChild(document.createTextNode(" "));
      company.appendChild(element("span", "badge", "Agency"));
    }
    li.appendChild(company);
    var facts = element("ul", "facts");
    [job.place, job.remote_label, job.type_label].forEach(function (fact) {
      facts.appendChild(element("li", null, fact));
    });
    if (job.salary) facts.appendChild(element("li", "salary", job.salary.text));
    li.appendChild(facts);
    var date = element("p", "job-date");
    var time = element("time", null, job.posted_label);
    time.setAttribute("datetime", job.posted);
    date.appendChild(time);
    li.appendChild(date);
    return li;
  }

  function searchAll(query) {
    if (!query.length) {
      if (results) results.hidden = true;
      list.hidden = false;
      if (pagination) pagination.hidden = false;
      say(0, 0);
      return;
    }
    var hits = all.filter(function (job) { return job.expires >= today && matches(job.search, query); });
    if (!results) {
      results = element("ol", "jobs");
      list.parentNode.insertBefore(results, list.nextSibling);
    }
    results.textContent = "";
    hits.slice(0, 200).forEach(function (job) { results.appendChild(render(job)); });
    results.hidden = false;
    list.hidden = true;
    if (pagination) pagination.hidden = true;
    say(hits.length, all.length);
  }

  function load() {
    if (local || all) return;
    all = [];
    fetch(root + "jobs.json")
      .then(function (response) { return response.ok ? response.json() : Promise.reject(); })
      .then(function (data) {
        all = data.jobs.map(function (job) {
          job.search = fold([job.title, job.company, job.place, job.remote_label, job.type_label,
            job.category_label, job.salary ? job.salary.text : "", job.tags.join(" ")].join(" "));
          return job;
        });
        update();
      })
      .catch(function () { local = true; update(); });
  }

  function update() {
    var query = words(input.value);
    if (local || !all || !all.length) filterPage(query);
    else searchAll(query);
  }

  input.addEventListener("focus", load);
  input.addEventListener("input", update);
})();

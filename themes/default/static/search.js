// Search page: a small search UI on Pagefind's JS API (pagefind.js of the search bundles).
//
// One index serves both languages (generator/search/index.py): it holds the Japanese company pages, whose filters are
// vocabulary keys and whose meta fields carry the English name and summary too. This page labels the filters in its
// own language (the filter panel is rendered by templates/site/search.html), and on the English page a result links
// the English company page and shows its English name and summary. Every text goes in by textContent.

// The query-time half of the search variants (generator/search/variants.py): full-width letters and digits
// (ＩＳＯ９００１) and half-width katakana (ﾒｯｷ) become the forms the index holds, so pages need not carry them.
// generator/search/recall.py runs every query of the test set through this same function.
window.guidebookSearchTerm = function (term) {
  return String(term || "").normalize("NFKC");
};

(function () {
  var box = document.getElementById("search");
  if (!box) return;
  if (location.protocol === "file:") {
    document.getElementById("search-file-notice").hidden = false;
    return;
  }
  box.hidden = false;
  var PAGE = 10;
  var T = JSON.parse(document.getElementById("search-texts").textContent);
  var en = box.dataset.lang === "en";
  var rootUrl = new URL(box.dataset.root, location.href);
  var root = rootUrl.pathname;
  // A big directory has several search bundles (generator/search/shards.py): search them together
  var bundles = (box.dataset.bundles || "pagefind").split(" ").filter(Boolean);
  var form = box.querySelector(".search-form");
  var input = document.getElementById("search-q");
  var boxes = Array.prototype.slice.call(form.querySelectorAll(".facet input"));
  var clear = box.querySelector(".search-clear");
  var status = box.querySelector(".search-status");
  var list = box.querySelector(".results");
  var more = box.querySelector(".search-more");

  var labels = {}; // filter -> term key -> [label, its place in the vocabulary]
  boxes.forEach(function (el, i) {
    (labels[el.name] = labels[el.name] || {})[el.value] = [el.parentNode.querySelector(".facet-label").textContent, i];
  });

  // The query and filters come from the address (the search bars of the other pages send ?q=)
  var params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  boxes.forEach(function (el) {
    el.checked = params.getAll(el.name).indexOf(el.value) >= 0;
  });
  // On a phone the filters sit above the results: keep them folded there, and open where one is chosen
  var wide = window.matchMedia("(min-width: 800px)").matches;
  box.querySelectorAll(".facet").forEach(function (facet) {
    facet.open = (wide && facet.hasAttribute("data-open-wide")) || !!facet.querySelector("input:checked");
  });

  var pagefind = null;
  function load() {
    if (!pagefind) {
      pagefind = import(new URL(bundles[0] + "/pagefind.js", rootUrl).href).then(function (pf) {
        return pf.options({ baseUrl: root }).then(function () {
          return bundles.slice(1).reduce(function (done, b) {
            return done.then(function () { return pf.mergeIndex(new URL(b + "/", rootUrl).href, { baseUrl: root }); });
          }, Promise.resolve());
        }).then(function () {
          return pf.filters(); // loads the filter index: without it a search returns no counts
        }).then(function () { return pf; });
      });
      pagefind.catch(function () { pagefind = null; }); // try again on the next search
    }
    return pagefind;
  }

  function chosen() {
    var filters = {};
    boxes.forEach(function (el) {
      if (el.checked) (filters[el.name] = filters[el.name] || []).push(el.value);
    });
    return filters;
  }

  function say(template, q, n) {
    return template.replace("{q}", q).replace("{n}", String(n));
  }

  // Counts of the current results per filter value; a value no result has is hidden unless it is chosen
  function showCounts(counts) {
    boxes.forEach(function (el) {
      var count = el.parentNode.querySelector(".facet-count");
      var n = counts ? ((counts[el.name] || {})[el.value] || 0) : +count.dataset.total;
      count.textContent = String(n);
      el.parentNode.hidden = n === 0 && !el.checked;
    });
    box.querySelectorAll(".facet").forEach(function (facet) {
      facet.hidden = !facet.querySelector(".facet-value:not([hidden])");
    });
  }

  function remember(q, filters) {
    var p = new URLSearchParams();
    if (q) p.set("q", q);
    Object.keys(filters).forEach(function (name) {
      filters[name].forEach(function (key) { p.append(name, key); });
    });
    var query = p.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : ""));
  }

  var serial = 0;
  var results = [];
  var shown = 0;

  function search() {
    var mine = ++serial;
    var q = input.value.trim();
    var filters = chosen();
    var filtered = Object.keys(filters).length > 0;
    remember(q, filters);
    clear.hidden = !filtered;
    if (!q && !filtered) {
      results = [];
      list.textContent = "";
      more.hidden = true;
      status.textContent = T.hint;
      showCounts(null);
      return Promise.resolve();
    }
    status.textContent = T.searching;
    return load().then(function (pf) {
      var options = { filters: filters };
      if (!q) options.sort = { kana: "asc" }; // filters alone: in 50音 order
      return pf.search(q ? window.guidebookSearchTerm(q) : null, options);
    }).then(function (found) {
      if (mine !== serial || !found) return; // a newer search has started
      results = found.results;
      shown = 0;
      list.textContent = "";
      showCounts(found.filters);
      return showMore(false, mine).then(function () {
        var n = results.length;
        if (q) status.textContent = n ? say(n === 1 ? T.results_one : T.results, q, n) : say(T.none, q, 0);
        else status.textContent = n ? say(n === 1 ? T.filtered_one : T.filtered, q, n) : T.none_filtered;
      });
    }).catch(function () {
      if (mine === serial) status.textContent = T.error;
    });
  }

  function label(name, key) {
    return (labels[name] || {})[key] || [key, 0];
  }

  function item(d) {
    var m = d.meta || {};
    var li = document.createElement("li");
    li.className = "result";
    if (m.image) {
      var img = document.createElement("img");
      img.className = "result-thumb";
      img.src = /^([a-z]+:)?\//i.test(m.image) ? m.image : root + m.image;
      img.alt = ""; // the name beside it says what it is
      img.loading = "lazy";
      li.appendChild(img);
    }
    var body = document.createElement("div");
    body.className = "result-body";
    var title = document.createElement("h2");
    title.className = "result-title";
    var link = document.createElement("a");
    link.href = en ? root + "en/" + d.url.slice(root.length) : d.url;
    link.textContent = (en && m.title_en) || m.title;
    if (en && !m.title_en) link.lang = "ja";
    title.appendChild(link);
    body.appendChild(title);
    var summary = (en && m.summary_en) || m.summary;
    if (summary) {
      var p = document.createElement("p");
      p.className = "result-summary";
      p.textContent = summary;
      if (en && !m.summary_en) p.lang = "ja";
      body.appendChild(p);
    }
    var f = d.filters || {};
    var techs = (f.technologies || []).map(function (k) { return label("technologies", k); })
      .sort(function (a, b) { return a[1] - b[1]; }).map(function (l) { return l[0]; });
    var where = (f.areas || []).map(function (k) { return label("areas", k)[0]; });
    var line = where.concat(techs.length ? [techs.join(en ? ", " : "、")] : []).join(" ・ ");
    if (line) {
      var meta = document.createElement("p");
      meta.className = "result-meta";
      meta.textContent = line;
      body.appendChild(meta);
    }
    li.appendChild(body);
    return li;
  }

  function showMore(focus, mine) {
    var next = results.slice(shown, shown + PAGE);
    return Promise.all(next.map(function (r) { return r.data(); })).then(function (data) {
      if (mine !== serial) return;
      var first = null;
      data.forEach(function (d) {
        var li = item(d);
        list.appendChild(li);
        first = first || li;
      });
      shown += next.length;
      more.hidden = shown >= results.length;
      if (focus && first) first.querySelector("a").focus(); // the keyboard goes on from the first new result
    });
  }

  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(search, 250);
  });
  input.addEventListener("focus", function () { load(); }, { once: true });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    search();
  });
  boxes.forEach(function (el) { el.addEventListener("change", search); });
  clear.addEventListener("click", function () {
    boxes.forEach(function (el) { el.checked = false; });
    search();
    input.focus();
  });
  more.addEventListener("click", function () { showMore(true, serial); });
  search();
})();

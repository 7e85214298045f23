// The shortlist: companies a buyer collects while browsing, kept in this browser's localStorage (never sent anywhere).
//
// On every page: the header link to the comparison page with the count, and a "Add to shortlist" toggle on company
// pages (rendered hidden by templates/site/company.html), on company cards of list pages and on search results
// (added here). On the search page: "export these results" as CSV. The CSV is the published open data
// (open-data/companies.csv, generator/opendata.py; companies-en.csv on the English pages, generator/opendata_en.py),
// cut down to the chosen rows: the same columns, quoting and BOM.
//
// The list read from storage (or from an address, compare.js) is untrusted: only slugs of the site's own form are
// kept, and every text goes into the page by textContent. window.GuidebookShortlist is what compare.js uses.

(function () {
  var script = document.currentScript;
  if (!script) return;
  var root = new URL(script.dataset.root || "./", location.href);
  var T = JSON.parse(script.dataset.texts || "{}");
  // one list per guidebook: two sites on one host (user.github.io/a/, /b/) keep theirs apart
  var KEY = "guidebook-shortlist:" + root.pathname;
  var SLUG = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/; // generator/load/content.py SLUG
  var MAX = 50;

  function clean(values) {
    var seen = {};
    var out = [];
    (Array.isArray(values) ? values : []).forEach(function (v) {
      if (typeof v === "string" && SLUG.test(v) && !seen[v] && out.length < MAX) { seen[v] = true; out.push(v); }
    });
    return out;
  }

  function read() {
    try { return clean(JSON.parse(localStorage.getItem(KEY) || "[]")); } catch (e) { return []; }
  }

  var listeners = [];
  function changed() { var list = read(); listeners.forEach(function (fn) { fn(list); }); }

  function write(list) {
    try { localStorage.setItem(KEY, JSON.stringify(clean(list))); } catch (e) { /* storage full or off */ }
    changed();
  }

  function has(slug) { return read().indexOf(slug) >= 0; }

  function toggle(slug) {
    var list = read();
    var at = list.indexOf(slug);
    if (at >= 0) list.splice(at, 1); else list.push(slug);
    write(list);
  }

  function onChange(fn) { listeners.push(fn); fn(read()); }
  window.addEventListener("storage", function (e) { if (e.key === KEY || e.key === null) changed(); });

  // --- CSV: the published open data, only the chosen rows ---

  function parseCsv(text) { // RFC 4180: quoted cells, "" inside quotes, CRLF
    var rows = [], row = [], cell = "", quoted = false;
    for (var i = 0; i < text.length; i++) {
      var ch = text[i];
      if (quoted) {
        if (ch === '"') { if (text[i + 1] === '"') { cell += '"'; i++; } else quoted = false; }
        else cell += ch;
      } else if (ch === '"') quoted = true;
      else if (ch === ",") { row.push(cell); cell = ""; }
      else if (ch === "\n" || ch === "\r") {
        if (ch === "\r" && text[i + 1] === "\n") i++;
        row.push(cell); rows.push(row); row = []; cell = "";
      } else cell += ch;
    }
    if (cell || row.length) { row.push(cell); rows.push(row); }
    return rows;
  }

  // A cell a spreadsheet would run as a formula gets a leading "'", as generator/opendata.py writes it: the rows of
  // another guidebook searched together come from its file, which this tool did not write (outside attacker)
  var FORMULA = /^[ \u00a0\u3000]*[=+\-@\t\r\n\uff1d\uff0b\uff0d\uff20]/;
  function neutralise(c) { return FORMULA.test(c) ? "'" + c : c; }

  function toCsv(rows) { // as generator/opendata.py writes it: every cell quoted, CRLF
    return rows.map(function (r) {
      return r.map(function (c) { return '"' + neutralise(String(c)).replace(/"/g, '""') + '"'; }).join(",");
    }).join("\r\n") + "\r\n";
  }

  // The open data of a guidebook: this one's, or (export of a regional search) another's searched together, which
  // this tool made with the same columns; a column it lacks stays empty
  var openData = {};
  function openDataRows(base) {
    var key = (base || root).href;
    if (!openData[key]) {
      // the English pages export the English CSV: English headers and vocabulary, +81 numbers (opendata_en.py)
      var file = script.dataset.lang === "en" ? "open-data/companies-en.csv" : "open-data/companies.csv";
      openData[key] = fetch(new URL(file, base || root).href).then(function (r) {
        if (!r.ok) throw new Error("open data " + r.status);
        return r.text();
      }).then(function (text) { return parseCsv(text.replace(/^\ufeff/, "")); });
      openData[key].catch(function () { delete openData[key]; });
    }
    return openData[key];
  }

  // The CSV of these companies in this order ([guidebook root URL or null for this one, slug] or slugs): this
  // guidebook's open-data header and their rows, with a BOM for Excel; resolves to [text, how many were left out]
  function csvOf(chosen) {
    var pairs = chosen.map(function (c) { return typeof c === "string" ? [null, c] : c; });
    var bases = {};
    pairs.forEach(function (p) { if (p[0]) bases[p[0].href] = p[0]; });
    var others = Object.keys(bases);
    return Promise.all([openDataRows(null)].concat(others.map(function (k) {
      return openDataRows(bases[k]).catch(function () { return null; }); // unreadable: its companies left out
    }))).then(function (tables) {
      var header = tables[0][0];
      function index(rows) { // slug -> the row in this guidebook's column order
        var bySlug = {};
        if (!rows) return bySlug;
        var at = header.map(function (h) { return rows[0].indexOf(h); });
        var id = rows[0].indexOf("ID");
        rows.slice(1).forEach(function (r) { bySlug[r[id]] = at.map(function (i) { return i < 0 ? "" : r[i]; }); });
        return bySlug;
      }
      var own = index(tables[0]);
      var theirs = {};
      others.forEach(function (k, i) { theirs[k] = index(tables[i + 1]); });
      var rows = [];
      pairs.forEach(function (p) {
        var row = (p[0] ? theirs[p[0].href] : own)[p[1]];
        if (row) rows.push(row);
      });
      return ["\ufeff" + toCsv([header].concat(rows)), pairs.length - rows.length];
    });
  }

  function download(text, name) {
    var url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
    var a = document.createElement("a");
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
  }

  function today() { return new Date().toISOString().slice(0, 10); }

  function exportCsv(chosen, name) {
    return csvOf(chosen).then(function (made) {
      download(made[0], name + "-" + today() + ".csv");
      return made[1];
    });
  }

  window.GuidebookShortlist = {
    root: root, clean: clean, read: read, write: write, has: has, toggle: toggle, onChange: onChange,
    exportCsv: exportCsv, csvOf: csvOf, slugOf: slugOf, MAX: MAX
  };

  // --- on the page ---

  // The slug of a link to a company page (../companies/x/index.html, /en/companies/x/)
  function slugOf(href) {
    var m = /(?:^|\/)companies\/([^/?#]+)\/(?:index\.html)?(?:[?#].*)?$/.exec(href || "");
    return m && SLUG.test(m[1]) ? m[1] : null;
  }

  var header = document.querySelector(".shortlist-link");
  var toggles = [];

  function paint(list) {
    if (header) {
      header.hidden = false;
      header.querySelector(".shortlist-count").textContent = String(list.length);
    }
    toggles.forEach(function (b) {
      var on = list.indexOf(b.dataset.slug) >= 0;
      b.setAttribute("aria-pressed", on ? "true" : "false");
      b.textContent = on ? T.added : T.add;
      b.title = (on ? T.remove_name : T.add_name).replace("{name}", b.dataset.name || "");
    });
  }

  function hook(button) {
    button.hidden = false;
    button.addEventListener("click", function () { toggle(button.dataset.slug); });
    toggles.push(button);
  }

  function addToggle(container, slug, name, before) {
    if (!slug || container.querySelector(".shortlist-toggle")) return;
    var b = document.createElement("button");
    b.type = "button";
    b.className = "shortlist-toggle shortlist-toggle-small";
    b.dataset.slug = slug;
    b.dataset.name = name || "";
    hook(b);
    container.insertBefore(b, before || null);
  }

  document.querySelectorAll("button.shortlist-toggle[data-slug]").forEach(function (b) {
    if (SLUG.test(b.dataset.slug)) hook(b);
  });
  document.querySelectorAll(".card").forEach(function (card) {
    var link = card.querySelector(".card-link");
    if (link) addToggle(card, slugOf(link.getAttribute("href")), link.textContent.trim());
  });

  // Search results are drawn by search.js: give each a toggle as it appears
  var results = document.querySelector("#search .results");
  if (results) {
    var observer = new MutationObserver(function () {
      results.querySelectorAll(".result").forEach(function (li) {
        var link = li.querySelector(".result-title a");
        var body = li.querySelector(".result-body") || li;
        // a company of another guidebook searched together is not one of this guidebook's to compare
        if (link && link.href.indexOf(root.href) === 0) {
          addToggle(body, slugOf(link.getAttribute("href")), link.textContent.trim());
        }
      });
      paint(read());
    });
    observer.observe(results, { childList: true });
    exportResults(document.getElementById("search"));
  }

  // "Export these results": search.js announces every finished search with all its results (Pagefind's, whose
  // data() gives the page address)
  function exportResults(box) {
    var status = box.querySelector(".search-status");
    var tools = document.createElement("p");
    tools.className = "search-tools";
    tools.hidden = true;
    var b = document.createElement("button");
    b.type = "button";
    b.className = "results-export";
    b.textContent = T.export;
    tools.appendChild(b);
    var note = document.createElement("span");
    note.className = "search-tools-note";
    note.setAttribute("role", "status");
    tools.appendChild(note);
    status.parentNode.insertBefore(tools, status.nextSibling);
    var current = [];
    box.addEventListener("guidebook:results", function (e) {
      current = e.detail || [];
      tools.hidden = !current.length;
    });
    b.addEventListener("click", function () {
      var these = current;
      b.disabled = true;
      b.textContent = T.exporting;
      note.textContent = "";
      Promise.all(these.map(function (r) { return r.data(); })).then(function (data) {
        var seen = {};
        var chosen = [];
        data.forEach(function (d) {
          var s = slugOf(d.url);
          // the guidebook it belongs to: this one, or another searched together (its result address is absolute)
          var base = new URL(String(d.url).replace(/companies\/[^/]+\/(?:index\.html)?$/, ""), location.href);
          var other = base.href === root.href ? null : base;
          if (s && !seen[base.href + s]) { seen[base.href + s] = true; chosen.push([other, s]); }
        });
        return exportCsv(chosen, "search-results").then(function (left) {
          if (left) note.textContent = T.csv_partial.replace("{n}", String(left));
        });
      }).catch(function () { note.textContent = T.csv_failed; }).then(function () {
        b.disabled = false;
        b.textContent = T.export;
      });
    });
  }

  onChange(paint);
})();

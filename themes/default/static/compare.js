// The comparison page (templates/site/compare.html): the shortlist side by side.
//
// Which companies: ?ids=a,b,c in the address (a shared link) or else the browser's shortlist (static/shortlist.js).
// Every slug is checked against the site's companies (listed in the page); each company's own page, in this page's
// language, gives what is shown: the parts company.html marks with data-compare. Only their text is taken, and links
// are made here from checked values (tel:, mailto:, http(s)), so nothing of a page or an address becomes markup.

(function () {
  var box = document.getElementById("compare");
  var S = window.GuidebookShortlist;
  if (!box || !S) return;
  if (location.protocol === "file:") {
    document.getElementById("compare-file-notice").hidden = false;
    return;
  }
  box.hidden = false;
  var config = JSON.parse(document.getElementById("compare-config").textContent);
  var T = config.texts;
  var known = {};
  config.known.forEach(function (s) { known[s] = true; });
  var en = box.dataset.lang === "en";
  var root = new URL(box.dataset.root, location.href);
  var status = box.querySelector(".compare-status");
  var empty = box.querySelector(".compare-empty");
  var body = box.querySelector(".compare-body");
  var table = box.querySelector(".compare-table");
  var shared = box.querySelector(".compare-shared");
  var linkField = document.getElementById("compare-link");
  var MAX_LINES = 6;

  function say(template, values) {
    return Object.keys(values).reduce(function (s, k) { return s.replace("{" + k + "}", values[k]); }, template);
  }

  // --- which companies ---

  var params = new URLSearchParams(location.search);
  var fromAddress = params.has("ids");
  function checked(list) {
    var all = S.clean(list);
    var kept = all.filter(function (s) { return known[s]; });
    return { kept: kept, gone: all.length - kept.length };
  }
  var asked = fromAddress ? checked(String(params.get("ids")).split(",").map(function (s) { return s.trim(); }))
    : checked(S.read());
  var viewing = asked.kept;
  // a list from a link is shown as the sender's; it becomes the reader's only when they save it (compare-save)
  var own = function () { return !fromAddress || same(viewing, S.read()); };

  function same(a, b) { return a.length === b.length && a.every(function (s, i) { return s === b[i]; }); }

  function shareUrl() {
    var url = new URL(location.href);
    url.search = viewing.length ? "?ids=" + viewing.join(",") : "";
    url.hash = "";
    return url.href;
  }

  // --- reading a company's page ---

  var cache = {};
  function pageOf(slug) {
    return new URL((en ? "en/" : "") + "companies/" + slug + "/index.html", root).href;
  }
  function load(slug) {
    if (!cache[slug]) {
      cache[slug] = fetch(pageOf(slug)).then(function (r) {
        if (!r.ok) throw new Error(String(r.status));
        return r.text();
      }).then(function (html) { return facts(slug, new DOMParser().parseFromString(html, "text/html")); });
      cache[slug].catch(function () { delete cache[slug]; });
    }
    return cache[slug];
  }

  function text(el) { return el ? el.textContent.replace(/\s+/g, " ").trim() : ""; }
  // The language of a text the page marked as not in its own (an English page showing a Japanese name): "ja" or ""
  function langOf(el) {
    if (!el) return "";
    var marked = el.hasAttribute("lang") ? el : el.querySelector("[lang]");
    var lang = marked && text(marked) === text(el) ? marked.getAttribute("lang") : "";
    return /^[a-z]{2}$/.test(lang) && lang !== box.dataset.lang ? lang : "";
  }

  // A text as the company page shows it, in pieces [text, kind]: kind "" (the page's language), "ja" (what the page
  // marked lang="ja": Japanese for want of English) or "note" (its ローマ字表記 / romanised note). The page's
  // 日本語のみ / Japanese only mark is left out: this page says it once per cell (mark()), as the company page says
  // it once per section.
  function pieces(el) {
    var out = [];
    if (!el) return out;
    var start = el.closest("[lang]");
    (function walk(node, lang) {
      if (node.nodeType === 3) { out.push([node.data, lang]); return; }
      if (node.nodeType !== 1 || node.hidden) return;
      if (node.classList.contains("ja-only")) return;
      if (node.classList.contains("romanised-note")) { out.push([" " + node.textContent + " ", "note"]); return; }
      var own = node.getAttribute("lang") || lang;
      node.childNodes.forEach(function (child) { walk(child, own); });
    })(el, start ? start.getAttribute("lang") : box.dataset.lang);
    var merged = [];
    out.forEach(function (p) {
      var kind = p[1] === "note" ? "note" : p[1] && p[1] !== box.dataset.lang ? "ja" : "";
      var t = p[0].replace(/\s+/g, " ");
      var last = merged[merged.length - 1];
      if (last && last[1] === kind) last[0] += t; else if (t) merged.push([t, kind]);
    });
    if (merged.length) merged[0][0] = merged[0][0].replace(/^ /, "");
    if (merged.length) merged[merged.length - 1][0] = merged[merged.length - 1][0].replace(/ $/, "");
    return merged.filter(function (p) { return p[0]; });
  }
  function plainOf(ps) { return ps.map(function (p) { return p[0]; }).join(""); }
  function join() { // pieces and strings as one text's pieces
    var out = [];
    Array.prototype.forEach.call(arguments, function (x) {
      (typeof x === "string" ? (x ? [[x, ""]] : []) : x).forEach(function (p) { out.push(p); });
    });
    return out;
  }
  function items(el) { // a list's items, or the element's text as one item
    if (!el) return [];
    var lis = el.querySelectorAll("li");
    if (lis.length) return Array.prototype.map.call(lis, pieces).filter(function (p) { return p.length; });
    var whole = pieces(el);
    return whole.length ? [whole] : [];
  }
  function href(el, scheme) {
    var a = el && el.querySelector("a[href]");
    var h = a ? a.getAttribute("href") : "";
    return scheme.test(h) ? h : "";
  }
  // Rows of a table or definitions of a list, as [main, [details]]. A table of machines grouped by type (a row of
  // class eq-type heads each group) gives one line per type with its machines as details.
  function lines(el) {
    if (!el) return [];
    var rows = el.querySelectorAll("tbody tr");
    if (rows.length) {
      var out = [];
      Array.prototype.forEach.call(rows, function (tr) {
        if (tr.classList.contains("eq-type")) { var head = [pieces(tr), []]; head.grouped = true; out.push(head); return; }
        var first = tr.querySelector("[data-part=name]") || tr.cells[0];
        var countCell = tr.querySelector("[data-part=count]") || tr.querySelector(".num");
        var count = text(countCell);
        var main = join(pieces(first), count ? " ×" + count : "");
        var rest = Array.prototype.filter.call(tr.cells, function (c) { return c !== first && c !== countCell; })
          .map(pieces).filter(function (p) { return p.length; });
        var all = [main].concat(rest).filter(function (p) { return p.length; })
          .reduce(function (a, p, i) { return i ? join(a, " ・ ", p) : p; }, []);
        if (out.length && out[out.length - 1].grouped) out[out.length - 1][1].push(all); // a machine of the type above
        else out.push([main, rest.length ? [rest.reduce(function (a, p, i) { return i ? join(a, " ・ ", p) : p; }, [])] : []]);
      });
      out.forEach(function (line) { delete line.grouped; });
      return out;
    }
    // a fact the comparison shows in a row of its own (employees, factory visits) is not repeated in this cell
    var dts = el.querySelectorAll("dt");
    if (dts.length) {
      return Array.prototype.filter.call(dts, function (dt) { return !dt.closest("[data-compare-elsewhere]"); }).map(function (dt) {
        var dd = dt.nextElementSibling;
        return [join(pieces(dt), en ? ": " : "：", pieces(dd && dd.tagName === "DD" ? dd : null)), []];
      });
    }
    return items(el).map(function (i) { return [i, []]; });
  }

  // A list of words as tags, or a list of definitions (materials by group) as lines
  function wordsOrLines(el) {
    return el && el.querySelector("dt") ? lines(el) : items(el);
  }

  function facts(slug, doc) {
    // what company.html marks data-compare, or else the part as the v2 company page draws it
    var FALLBACK = { capacity: ".company-facts .facts-box", qualifications: ".company-facts .quals",
                     equipment: "table.equipment", materials: "dl.materials" };
    function part(name) {
      return doc.querySelector('[data-compare="' + name + '"]') || (FALLBACK[name] ? doc.querySelector(FALLBACK[name]) : null);
    }
    var phone = part("phone"), email = part("email"), website = part("website");
    var address = part("address");
    var map = address && address.querySelector(".map-link");
    if (map) map.remove(); // a link of the company page, not part of the address
    return {
      slug: slug,
      name: text(doc.querySelector(".company-head h1")),
      nameLang: langOf(doc.querySelector(".company-head h1")),
      kana: pieces(doc.querySelector(".company-kana")),
      cells: {
        summary: items(doc.querySelector(".company-summary")),
        area: items(part("area")),
        industries: items(part("industries")),
        technologies: items(part("technologies")),
        certifications: items(part("certifications")),
        capabilities: items(part("capabilities")),
        equipment: lines(part("equipment")),
        capacity: lines(part("capacity")),
        accepts: items(part("accepts")),
        outsources: items(part("outsources")),
        limits: items(part("limits")).map(function (i) { return [i, []]; }),
        customers: items(part("customers")),
        confirmed: items(part("confirmed")),
        visits: items(part("visits")),
        access: items(part("access")).map(function (i) { return [i, []]; }),
        qualifications: lines(part("qualifications")),
        materials: wordsOrLines(part("materials")),
        employees: items(part("employees")),
        address: items(address)
      },
      contact: {
        phone: [text(phone), href(phone, /^tel:[0-9+()\- ]+$/)],
        email: [text(email), href(email, /^mailto:[^\s<>"]+$/)],
        website: [text(website), href(website, /^https?:\/\/[^\s<>"]+$/)]
      }
    };
  }

  // --- drawing ---

  function el(tag, cls, content) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (content !== undefined) e.textContent = content;
    return e;
  }

  // Pieces into an element: Japanese marked lang="ja", a romanised note as the company page shows it
  function put(parent, ps) {
    ps.forEach(function (p) {
      if (!p[1]) { parent.appendChild(document.createTextNode(p[0])); return; }
      var span = el(p[1] === "note" ? "small" : "span", p[1] === "note" ? "romanised-note" : "", p[1] === "note" ? p[0].trim() : p[0]);
      if (p[1] === "ja") span.lang = "ja";
      if (p[1] === "note") parent.appendChild(document.createTextNode(" "));
      parent.appendChild(span);
    });
    return parent;
  }
  function hasJa(values) {
    return values.some(function (v) {
      return Array.isArray(v) && (typeof v[0] === "string" ? v[1] === "ja" : hasJa(v));
    });
  }
  // 日本語のみ / Japanese only, once in a cell that shows any text in Japanese for want of English (company.html ja_only)
  function mark(td, values) {
    if (!en || !hasJa(values)) return;
    td.appendChild(document.createTextNode(" "));
    td.appendChild(el("small", "ja-only", T.ja_only));
  }

  function cell(row, f) {
    var td = el("td");
    if (row === "contact") {
      var ul = el("ul", "compare-contact");
      [["phone", T.phone], ["email", T.email], ["website", T.website]].forEach(function (k) {
        var v = f.contact[k[0]];
        if (!v[0]) return;
        var li = el("li");
        li.appendChild(el("span", "compare-contact-kind", k[1] + " "));
        if (v[1]) {
          var a = el("a", "", v[0]);
          a.href = v[1];
          if (k[0] === "website") a.rel = "noopener nofollow";
          li.appendChild(a);
        } else li.appendChild(document.createTextNode(v[0]));
        ul.appendChild(li);
      });
      td.appendChild(ul);
      return td;
    }
    var values = f.cells[row] || [];
    if (values.length && Array.isArray(values[0][0][0])) { // lines, each [main pieces, [details' pieces]]
      var list = el("ul", "compare-lines");
      // a long list of machines: the first ones here, all on the company page; the capacity is short and whole
      if (row !== "capacity" && values.length > MAX_LINES + 1) {
        values = values.slice(0, MAX_LINES).concat([[[[say(T.more, { n: values.length - MAX_LINES }), ""]], []]]);
      }
      values.forEach(function (v) {
        var li = put(el("li"), v[0]);
        v[1].forEach(function (d) { li.appendChild(put(el("span", "compare-detail"), d)); });
        list.appendChild(li);
      });
      if (values.length) td.appendChild(list);
      mark(td, values);
      return td;
    }
    if (row === "summary" || row === "employees" || row === "address" || values.length < 2) {
      values.forEach(function (v, i) {
        if (i) td.appendChild(document.createTextNode(" "));
        put(td, v);
      });
      mark(td, values);
      return td;
    }
    var tags = el("ul", "compare-tags");
    values.forEach(function (v) { tags.appendChild(put(el("li"), v)); });
    td.appendChild(tags);
    mark(td, values);
    return td;
  }

  function filled(row, all) {
    if (row === "contact") return true;
    return all.some(function (f) { return (f.cells[row] || []).length; });
  }

  function draw(all) {
    var head = table.tHead.rows[0];
    while (head.cells.length > 1) head.deleteCell(1);
    all.forEach(function (f) {
      var th = el("th", "compare-company");
      th.scope = "col";
      var a = el("a", "compare-name", f.name || f.slug);
      if (f.nameLang) a.lang = f.nameLang;
      a.href = pageOf(f.slug);
      th.appendChild(a);
      if (f.kana.length) th.appendChild(put(el("span", "compare-kana"), f.kana));
      var remove = el("button", "compare-remove", T.remove);
      remove.type = "button";
      remove.setAttribute("aria-label", say(T.remove_name, { name: f.name || f.slug }));
      remove.addEventListener("click", function () { drop(f.slug); });
      th.appendChild(remove);
      head.appendChild(th);
    });
    var tbody = table.tBodies[0];
    tbody.textContent = "";
    config.rows.forEach(function (r) {
      if (!filled(r[0], all)) return;
      var tr = el("tr");
      tr.dataset.row = r[0];
      var th = el("th", "", r[1]);
      th.scope = "row";
      tr.appendChild(th);
      all.forEach(function (f) { tr.appendChild(cell(r[0], f)); });
      tbody.appendChild(tr);
    });
    box.querySelector(".compare-printed").textContent =
      config.title + " — " + say(T.printed, { date: new Date().toISOString().slice(0, 10) }) + " — " + shareUrl();
  }

  var serial = 0;
  function show() {
    var mine = ++serial;
    box.dataset.done = "";
    history.replaceState(null, "", shareUrl());
    linkField.value = shareUrl();
    empty.hidden = viewing.length > 0;
    body.hidden = !viewing.length;
    shared.hidden = own() || !viewing.length;
    box.querySelector(".compare-clear").hidden = !shared.hidden; // a shared list is not the reader's to empty
    if (!shared.hidden) box.querySelector(".compare-shared-text").textContent = say(T.shared, { n: viewing.length });
    box.querySelector(".compare-add").hidden = !S.read().length; // adding differs from saving only then
    var notes = asked.gone ? [say(T.gone, { n: asked.gone })] : [];
    if (!viewing.length) {
      status.textContent = notes.join(" ");
      table.tBodies[0].textContent = "";
      box.dataset.done = String(mine);
      return Promise.resolve();
    }
    status.textContent = T.loading;
    return Promise.all(viewing.map(function (slug) {
      return load(slug).catch(function () { return null; });
    })).then(function (all) {
      if (mine !== serial) return;
      var failed = viewing.filter(function (s, i) { return !all[i]; });
      if (failed.length) notes.push(say(T.failed, { names: failed.join(", ") }));
      draw(all.filter(Boolean));
      status.textContent = notes.join(" ");
      box.dataset.done = String(mine);
    });
  }

  function drop(slug) {
    var mine = own();
    viewing = viewing.filter(function (s) { return s !== slug; });
    if (mine) S.write(S.read().filter(function (s) { return s !== slug; }));
    show();
  }

  box.querySelector(".compare-csv").addEventListener("click", function () {
    S.exportCsv(viewing, "shortlist").catch(function () { status.textContent = T.csv_failed; });
  });
  box.querySelector(".compare-print").addEventListener("click", function () { window.print(); });
  box.querySelector(".compare-clear").addEventListener("click", function () {
    if (own()) S.write([]);
    viewing = [];
    fromAddress = false;
    show();
  });
  box.querySelector(".compare-copy").addEventListener("click", function () {
    var done = function () { status.textContent = T.copied; };
    linkField.select();
    if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(linkField.value).then(done, function () {});
    else if (document.execCommand && document.execCommand("copy")) done();
  });
  // Save: the shared list becomes the reader's shortlist; one they already have is replaced only when they say so
  function adopt(list, said) {
    S.write(list);
    fromAddress = false;
    viewing = checked(S.read()).kept;
    show().then(function () { status.textContent = said; });
  }
  box.querySelector(".compare-save").addEventListener("click", function () {
    var mine = S.read();
    if (mine.length && !window.confirm(say(T.replace, { n: mine.length }))) return;
    adopt(viewing, T.saved);
  });
  box.querySelector(".compare-add").addEventListener("click", function () {
    adopt(S.read().concat(viewing), T.added);
  });
  // the list changed in another tab (or by a toggle): follow it when this page shows the browser's own list
  S.onChange(function (list) {
    if (fromAddress && !own()) return;
    var now = checked(list).kept;
    if (!same(now, viewing)) { viewing = now; show(); }
  });
  show();
})();

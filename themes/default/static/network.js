// Regional search (広域): the other guidebooks listed in site.yaml `network:`, searched together with this one.
//
// Loaded before search.js, only on a search page with a network; search.js calls the few hooks below. Each other
// guidebook publishes guidebook.json at its root (generator/search/network.py): its search bundles, the Pagefind
// version that made them, its languages, its areas and its municipality, which its company pages carry as the
// `municipality` filter. Its bundles are merged into this page's Pagefind with mergeIndex, its result links made absolute from its
// base URL. A guidebook that cannot be reached (network error, 404, CORS refused, no answer in TIMEOUT ms) or whose
// index another Pagefind version made (which this page's Pagefind cannot read) is left out, and the page says which
// one and why, in Japanese and English, above the results. Each merged guidebook's areas join the area filter
// (places(): the `place` filter, "municipality/area", which every company page carries).
// A merged guidebook that stops answering later is noticed by its failed requests (lost(), recheck()); search.js then
// loads a fresh Pagefind without it (Pagefind cannot drop a merged index) and searches again.

window.GuidebookNetwork = (function () {
  var data = document.getElementById("search-network");
  if (!data) return null;
  var N = JSON.parse(data.textContent);
  var TIMEOUT = 6000; // ms; the files asked for are a few hundred bytes
  var notice = document.querySelector(".search-network-down");
  var en = document.getElementById("search").dataset.lang === "en";
  var sites = N.sites.map(function (s) { return { url: s.url, name: s.name, id: s.id, down: false }; });

  function timed(url) { // fetch with a time limit: a host that never answers must not hold up the search
    var control = window.AbortController ? new AbortController() : null;
    var timer = setTimeout(function () { if (control) control.abort(); }, TIMEOUT);
    return fetch(url, { signal: control ? control.signal : undefined, cache: "no-cache" }).then(function (r) {
      clearTimeout(timer);
      if (!r.ok) throw new Error(r.status + " " + url);
      return r.json();
    }, function (error) { clearTimeout(timer); throw error; });
  }

  // Its guidebook.json, then each bundle's entry file: everything mergeIndex will ask for first, within the time
  // limit, so that a guidebook that cannot be reached is known before it is merged
  function probe(site, version) {
    return timed(new URL("guidebook.json", site.url).href).then(function (info) {
      var bundles = (info && info.bundles) || ["pagefind"];
      return Promise.all(bundles.map(function (b) { return timed(new URL(b + "/pagefind-entry.json", site.url).href); }))
        .then(function (entries) {
          entries.forEach(function (e) {
            if (version && e.version !== version) throw { version: e.version, ours: version };
          });
          site.info = info;
          site.bundles = bundles;
          return site;
        });
    });
  }

  // Which guidebooks are left out and why, Japanese first: not reached, or made with another Pagefind version
  function say() {
    var down = sites.filter(function (s) { return s.down; });
    if (!notice) return;
    notice.textContent = "";
    notice.hidden = !down.length;
    if (!down.length) return;
    var unreachable = down.filter(function (s) { return !s.version; });
    ["ja", "en"].forEach(function (lang) {
      var names = function (list) {
        return list.map(function (s) { return s.name[lang] || s.name.ja; }).join(lang === "ja" ? "・" : ", ");
      };
      if (unreachable.length) line(lang, N.down[lang].replace("{names}", names(unreachable)));
      down.filter(function (s) { return s.version; }).forEach(function (s) {
        line(lang, N.version[lang].replace("{names}", names([s])).replace("{theirs}", s.version.version)
          .replace("{ours}", s.version.ours));
      });
    });
  }
  function line(lang, text) {
    var p = document.createElement("p");
    p.lang = lang;
    p.textContent = text;
    notice.appendChild(p);
  }

  // Merge every other guidebook that answers into `pf` (this page's Pagefind), one after another as Pagefind wants
  function merge(pf, options, ownEntry) {
    var version = null;
    return timed(ownEntry).then(function (own) {
      version = own.version;
    }, function () {}).then(function () {
      return Promise.all(sites.map(function (site) {
        if (site.down) return null;
        return probe(site, version).catch(function (error) {
          site.down = true;
          site.version = error && error.version ? error : null; // reached, but its index cannot be merged
          if (window.console) {
            console.warn("guidebook network: " + site.url + (site.version ? " was made with Pagefind " +
              error.version + ", this page has " + error.ours : " could not be reached: " + error));
          }
          return null;
        });
      }));
    }).then(function (reached) {
      return reached.filter(Boolean).reduce(function (done, site) {
        return done.then(function () {
          return site.bundles.reduce(function (d, b) {
            return d.then(function () {
              var o = { baseUrl: site.url };
              Object.keys(options || {}).forEach(function (k) { o[k] = options[k]; });
              return pf.mergeIndex(new URL(b + "/", site.url).href, o);
            });
          }, Promise.resolve());
        });
      }, Promise.resolve());
    }).then(function () {
      say();
      suspect = false; // the probes of the guidebooks left out
      document.getElementById("search").dataset.network = "merged";
    });
  }

  // Pagefind skips an index file that fails to load and searches on without it, saying nothing: search.js runs
  // Pagefind in the page (noWorker) on a network search page, so that its requests pass here and such a failure is
  // noticed, then asks lost() after each search
  var suspect = false;
  var pageFetch = window.fetch.bind(window);
  window.fetch = function (input, init) {
    var request = pageFetch(input, init);
    if (!siteOf(typeof input === "string" ? input : (input && input.url) || "")) return request;
    return request.then(function (r) { if (!r.ok) suspect = true; return r; },
      function (error) { suspect = true; throw error; });
  };

  // After a search: whether a merged guidebook failed to answer one of its requests and no longer answers now
  function lost() {
    if (!suspect) return Promise.resolve(false);
    suspect = false;
    return recheck();
  }

  // After a search failed: whether a merged guidebook no longer answers (then it is left out from now on)
  function recheck() {
    var merged = sites.filter(function (s) { return !s.down; });
    return Promise.all(merged.map(function (site) {
      return probe(site, null).then(function () { return false; }, function () { site.down = true; return true; });
    })).then(function (lost) {
      say();
      return lost.some(Boolean);
    });
  }

  // The counts of every filter value over all the guidebooks searched (Pagefind's filters() of the merged index),
  // as the totals shown when nothing is chosen; a value no guidebook uses stays hidden
  function totals(filters, boxes) {
    boxes.forEach(function (el) {
      var n = ((filters || {})[el.name] || {})[el.value] || 0;
      el.parentNode.querySelector(".facet-count").dataset.total = String(n);
      el.parentNode.hidden = n === 0 && !el.checked;
    });
  }

  // The areas of the merged guidebooks as values of the area filter (templates/site/search.html draws this
  // guidebook's): one part per guidebook, titled with its name; returns the new checkboxes for search.js
  function places() {
    var facet = document.querySelector(".facet[data-facet='place']");
    if (!facet) return [];
    var added = [];
    sites.forEach(function (site) {
      var info = site.info;
      if (site.down || site.placed || !info || !info.areas || !info.filter) return;
      site.placed = true;
      var fieldset = document.createElement("fieldset");
      fieldset.className = "facet-part";
      var title = (en && site.name.en) || site.name.ja;
      fieldset.dataset.title = title;
      var legend = document.createElement("legend");
      legend.textContent = title;
      fieldset.appendChild(legend);
      Object.keys(info.areas).forEach(function (key) {
        var label = document.createElement("label");
        label.className = "facet-value";
        var box = document.createElement("input");
        box.type = "checkbox";
        box.name = "place";
        box.value = info.filter.municipality + "/" + key;
        var text = document.createElement("span");
        text.className = "facet-label";
        text.textContent = (en && info.areas[key].en) || info.areas[key].ja;
        if (en && /[\u3040-\u30ff\u3400-\u9fff]/.test(text.textContent)) text.lang = "ja"; // no English given
        var count = document.createElement("span");
        count.className = "facet-count";
        count.dataset.total = "0";
        count.textContent = "0";
        label.appendChild(box);
        label.appendChild(document.createTextNode(" "));
        label.appendChild(text);
        label.appendChild(document.createTextNode(" "));
        label.appendChild(count);
        fieldset.appendChild(label);
        added.push(box);
      });
      facet.appendChild(fieldset);
    });
    return added;
  }

  // The other guidebook a result belongs to (its URL starts with that guidebook's address), or null for this one
  function siteOf(url) {
    for (var i = 0; i < sites.length; i++) {
      if (String(url).indexOf(sites[i].url) === 0) return sites[i];
    }
    return null;
  }

  // Where a result of another guidebook links: its English page on the English search page, when it has one
  function link(site, url) {
    var languages = (site.info && site.info.languages) || ["ja"];
    if (!en || languages.indexOf("en") < 0) return url;
    return site.url + "en/" + url.slice(site.url.length);
  }

  // An area of another guidebook, named as that guidebook names it (its areas are not this guidebook's)
  function area(site, key) {
    var term = ((site.info && site.info.areas) || {})[key];
    return term ? (en && term.en) || term.ja : null;
  }

  return { merge: merge, lost: lost, recheck: recheck, totals: totals, siteOf: siteOf, link: link, area: area,
           places: places };
})();

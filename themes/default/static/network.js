// Regional search (広域): the other guidebooks listed in site.yaml `network:`, searched together with this one.
//
// Loaded before search.js, only on a search page with a network; search.js calls the few hooks below. Each other
// guidebook publishes guidebook.json at its root (generator/search/network.py): its search bundles, the Pagefind
// version that made them, its languages, its areas and its municipality, which its company pages carry as the
// `municipality` filter. Its bundles are merged into this page's Pagefind with mergeIndex, its result links made absolute from its
// base URL. A guidebook that cannot be reached (network error, 404, CORS refused, no answer in TIMEOUT ms, another
// Pagefind version) is left out, and the page says which one, in Japanese and English, above the results.
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
            if (version && e.version !== version) throw new Error("Pagefind " + e.version + " ≠ " + version);
          });
          site.info = info;
          site.bundles = bundles;
          return site;
        });
    });
  }

  function say() {
    var down = sites.filter(function (s) { return s.down; });
    if (!notice) return;
    notice.textContent = "";
    notice.hidden = !down.length;
    if (!down.length) return;
    ["ja", "en"].forEach(function (lang) {
      var p = document.createElement("p");
      p.lang = lang;
      var names = down.map(function (s) { return s.name[lang] || s.name.ja; });
      p.textContent = N.down[lang].replace("{names}", names.join(lang === "ja" ? "・" : ", "));
      notice.appendChild(p);
    });
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
          if (window.console) console.warn("guidebook network: " + site.url + " could not be reached: " + error);
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

  return { merge: merge, lost: lost, recheck: recheck, totals: totals, siteOf: siteOf, link: link, area: area };
})();

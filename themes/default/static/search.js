// Search page: a small search UI on Pagefind's JS API (pagefind.js of the search bundles).
//
// One index serves both languages (generator/search/index.py): it holds the Japanese company pages, whose filters are
// vocabulary keys and whose meta fields carry the English name and summary too. This page labels the filters in its
// own language (the filter panel is rendered by templates/site/search.html), and on the English page a result links
// the English company page and shows its English name and summary. Every text goes in by textContent.
//
// Filters work as on a shop: values ticked in one group are alternatives (OR), groups narrow each other (AND); every
// value stays on screen with the number of companies ticking it would give; ticked values show as chips above the
// results. The address keeps the query and the filters (?q=…&areas=kita&areas=minato), so a search can be shared.
// search/terms.json (generator/search/vocabulary.py) gives the vocabulary: why a result matched, readings typed in
// kana or romaji (ようせつ → 溶接, with search/readings-<n>.json of the words typed), and "did you mean" with
// search/names-<n>.json when a query finds nothing.

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
  // links and pictures of the results relative to this page, as every other link of the site (a guidebook hosted
  // under a sub-path, or moved, keeps working)
  var relRoot = box.dataset.root;
  // A big directory has several search bundles (generator/search/shards.py): search them together
  var bundles = (box.dataset.bundles || "pagefind").split(" ").filter(Boolean);
  var NET = window.GuidebookNetwork || null; // other guidebooks searched together (static/network.js), or none
  var generation = 0; // a fresh Pagefind after a merged guidebook stopped answering (network.js)
  var form = box.querySelector(".search-form");
  var input = document.getElementById("search-q");
  var boxes = Array.prototype.slice.call(form.querySelectorAll(".facet input"));
  var clear = box.querySelector(".search-clear");
  var chips = box.querySelector(".search-chips");
  var status = box.querySelector(".search-status");
  var help = box.querySelector(".search-help");
  var list = box.querySelector(".results");
  var more = box.querySelector(".search-more");
  var groups = []; // filter names in the panel's order
  var labels = {}; // filter -> term key -> [label, its place in the vocabulary]
  boxes.forEach(function (el, i) {
    if (!labels[el.name]) { labels[el.name] = {}; groups.push(el.name); }
    var text = el.parentNode.querySelector(".facet-label").textContent;
    var facet = el.closest(".facet");
    // a threshold says what it measures on a chip: 切削・研削のX軸ストローク 1,000 mm 以上
    if (facet && facet.hasAttribute("data-range")) text = groupName(el) + " " + text;
    labels[el.name][el.value] = [text, i];
  });
  var groupTitle = {};
  box.querySelectorAll(".facet").forEach(function (facet) {
    groupTitle[facet.dataset.facet] = facet.querySelector("summary").textContent;
  });
  // a filter that is a part of a panel of several is titled by its part; one filter in parts (the areas of several
  // guidebooks) by its panel
  boxes.forEach(function (el) { if (el.closest(".facet").dataset.facet !== el.name) groupTitle[el.name] = groupName(el); });
  // The title of a filter: its panel's, or its own part's in a panel of several (search/facets.py Panel)
  function groupName(el) {
    var part = el.closest(".facet-part");
    return part ? part.dataset.title : el.closest(".facet").querySelector("summary").textContent;
  }

  // The query and filters come from the address (the search bars of the other pages send ?q=)
  function fromAddress() {
    var params = new URLSearchParams(location.search);
    input.value = params.get("q") || "";
    boxes.forEach(function (el) { el.checked = params.getAll(el.name).indexOf(el.value) >= 0 || ownArea(el, params); });
  }
  // With other guidebooks the areas are places (search/network.py): an address of this guidebook's own area filter
  // (?areas=kita, shared before the network was added) ticks its place, this guidebook's part of the filter
  function ownArea(el, params) {
    if (el.name !== "place") return false;
    var own = el.closest(".facet").querySelector("fieldset");
    return el.closest("fieldset") === own && params.getAll("areas").some(function (k) {
      return el.value.slice(-(k.length + 1)) === "/" + k;
    });
  }

  // --- facts of format v2 (generator/search/facets.py) ---
  // A range filter (プレス機 加圧能力: 100 t 以上 / 200 t 以上 …) is a choice of one threshold: ticking one unticks the
  // others of its group, as "200 t or more" already holds "500 t or more"
  box.querySelectorAll(".facet[data-range] input").forEach(function (el) {
    el.addEventListener("change", function () {
      if (el.checked) boxes.forEach(function (other) { if (other.name === el.name && other !== el) other.checked = false; });
    }, true);
  });
  // A machine type typed in the box (5軸, 5-axis, ５軸, マシニングセンタ, press brake) is its filter: the companies that
  // list such a machine, not every page that mentions the word. A word of another vocabulary stays a word (プレス is
  // press work). Up to three words in a row name one type (press brake is no press; printing press is no press).
  // The word of one type that heads others' names of its group is every type of that kind (search-typed.js
  // machineTypes): a buyer typing 旋盤 means any lathe, press any stamping press, not a printing press.
  function liftMachines(vocab) {
    var terms = (vocab && vocab.terms) || {};
    var machines = terms.machines || {};
    var typed = window.GuidebookTyped;
    if (!typed || !Object.keys(machines).length || !input.value.trim()) return liftYesNo();
    var other = {};
    Object.keys(terms).forEach(function (name) {
      if (name === "machines") return;
      Object.keys(terms[name]).forEach(function (k) { terms[name][k].forEach(function (w) { other[fold(w)] = true; }); });
    });
    var readings = vocab.readings || {};
    var kept = [];
    var lifted = false;
    var shown = function (k) { return boxes.some(function (el) { return el.name === "machines" && el.value === k; }); };
    var words = input.value.normalize("NFKC").trim().split(/\s+/);
    for (var i = 0; i < words.length; i++) {
      var keys = [], n;
      for (n = Math.min(3, words.length - i); n >= 1 && !keys.length; n--) {
        var w = words.slice(i, i + n).join(" ");
        var f = fold(readings[fold(w)] || w);
        if (!other[f]) keys = typed.machineTypes(f, vocab, fold, true).filter(shown);
      }
      if (!keys.length) { kept.push(words[i]); continue; }
      boxes.forEach(function (el) { if (el.name === "machines" && keys.indexOf(el.value) >= 0) el.checked = true; });
      lifted = true;
      i += n; // n is one below the words taken
    }
    if (lifted) input.value = kept.join(" ");
    return liftYesNo() || lifted;
  }
  // A yes/no filter named in the box (工場見学, factory visits) is that filter, ticked: the companies that say yes,
  // not the pages that mention the word (the filter's titles in both languages are on its panel, data-words)
  function liftYesNo() {
    // compared as fold() does, but keeping the spaces, so that the place found is the place in the box
    var same = function (t) { return fold(String(t).replace(/\s+/g, "\u0000")).replace(/\u0000/g, " ").trim(); };
    var typed = input.value.normalize("NFKC").replace(/\s+/g, " ").trim();
    var lifted = false;
    box.querySelectorAll(".facet[data-words]").forEach(function (facet) {
      var yes = facet.querySelector("input");
      facet.dataset.words.split("|").forEach(function (phrase) {
        var f = same(phrase), at = f ? same(typed).indexOf(f) : -1;
        if (at < 0 && /s$/.test(f)) at = same(typed).indexOf(f = f.slice(0, -1)); // factory visit(s)
        if (at < 0 || lifted || !yes) return;
        yes.checked = true;
        typed = (typed.slice(0, at) + typed.slice(at + f.length)).replace(/\s+/g, " ").trim();
        input.value = typed;
        lifted = true;
      });
    });
    return lifted;
  }
  fromAddress();
  // On a phone the filters are one control (絞り込み (2)) that unfolds them all (site.css): the results come first
  var filterBar = form.querySelector(".search-filters");
  var filterToggle = filterBar.querySelector(".filters-toggle");
  function unfold(open) {
    filterBar.classList.toggle("is-open", open);
    filterToggle.setAttribute("aria-expanded", String(open));
  }
  filterToggle.addEventListener("click", function () { unfold(!filterBar.classList.contains("is-open")); });
  // On a phone the filters sit above the results: keep them folded there (the chosen ones show as chips), so that
  // the results start on the first screen
  var wideQuery = window.matchMedia("(min-width: 800px)");
  var wide = wideQuery.matches;
  box.querySelectorAll(".facet").forEach(function (facet) {
    facet.open = wide && (facet.hasAttribute("data-open-wide") || !!facet.querySelector("input:checked"));
  });

  function fetchJson(name) {
    return fetch(new URL("search/" + name, rootUrl).href).then(function (r) {
      return r.ok ? r.json() : null;
    }).catch(function () { return null; });
  }
  var stored = { names: [], readings: [] }; // the buckets that have a file (terms.json "files"): no request for others
  var vocabulary = fetchJson("terms.json").then(function (v) { // small: the used terms and their aliases
    if (v) v.readings = {}; // the readings of the words typed so far (withReadings)
    if (v && v.files) stored = v.files;
    return v;
  });
  var names = {}; // bucket -> the company names starting there, loaded when a query finds nothing (or nothing exact)
  var NAME_BUCKETS = 64; // generator/search/vocabulary.py
  function namesFor(words) {
    var buckets = {};
    words.forEach(function (w) {
      var f = fold(w), b = f ? f.codePointAt(0) % NAME_BUCKETS : -1;
      if (stored.names.indexOf(b) >= 0) buckets[b] = true;
    });
    return Promise.all(Object.keys(buckets).map(function (b) {
      if (!names[b]) names[b] = fetchJson("names-" + b + ".json");
      return names[b];
    })).then(function (lists) { return [].concat.apply([], lists.map(function (l) { return l || []; })); });
  }
  // The vocabulary with the readings of the words of `text` (ようせつ, yosetsu → 溶接): only a word without kanji
  // can be a reading, and each is looked up in the file of its first character (generator/search/vocabulary.py)
  var readingFiles = {}; // bucket -> its readings
  function withReadings(vocab, text) {
    if (!vocab) return Promise.resolve(vocab);
    var buckets = {};
    String(text || "").normalize("NFKC").trim().split(/\s+/).forEach(function (w) {
      var f = fold(w);
      var b = f ? f.codePointAt(0) % NAME_BUCKETS : -1;
      if (f && !/[\u3400-\u9fff\uf900-\ufaff]/.test(f) && stored.readings.indexOf(b) >= 0) buckets[b] = true;
    });
    return Promise.all(Object.keys(buckets).map(function (b) {
      if (!readingFiles[b]) readingFiles[b] = fetchJson("readings-" + b + ".json");
      return readingFiles[b];
    })).then(function (lists) {
      lists.forEach(function (l) { if (l) Object.assign(vocab.readings, l); });
      return vocab;
    });
  }

  // pageLength 0: the bundles give every page one word count (generator/search/compact.py WORDS)
  var RANKING = { pageLength: 0, termSimilarity: 2.0 };
  var pagefind = null;
  function load() {
    if (!pagefind) {
      var fresh = generation ? "?g=" + generation : ""; // a new module: Pagefind cannot drop a merged index
      pagefind = import(new URL(bundles[0] + "/pagefind.js" + fresh, rootUrl).href).then(function (pf) {
        // a profile is long or short as its company wrote it: the length of the page should not decide the order.
        // In the page rather than a worker: a search over a few thousand companies takes milliseconds, the worker's
        // script is a download as big as pagefind.js, and with a network network.js sees a merged guidebook fail.
        return pf.options({ baseUrl: root, ranking: RANKING, noWorker: true }).then(function () {
          return bundles.slice(1).reduce(function (done, b) {
            return done.then(function () { return pf.mergeIndex(new URL(b + "/", rootUrl).href, { baseUrl: root }); });
          }, Promise.resolve());
        }).then(function () {
          return NET && NET.merge(pf, { ranking: RANKING }, new URL(bundles[0] + "/pagefind-entry.json", rootUrl).href);
        }).then(function () {
          if (!NET) return pf;
          adopt(NET.places()); // the merged guidebooks' areas join the area filter
          // the counts of every guidebook searched, shown before any search: every filter file of every guidebook
          return pf.filters().then(function (all) {
            NET.totals(all, boxes);
            groups.forEach(function (name) { counted[name] = true; });
            return pf;
          });
        });
      });
      pagefind.catch(function () { pagefind = null; }); // try again on the next search
    }
    return pagefind;
  }

  // --- words ---

  function fold(s) { // what makes two spellings the same here: width, case, katakana/hiragana
    return String(s || "").normalize("NFKC").toLowerCase().replace(/[\u30a1-\u30f6]/g, function (c) {
      return String.fromCharCode(c.charCodeAt(0) - 0x60);
    }).replace(/\s+/g, "");
  }

  // The query as the index holds it: NFKC (ＩＳＯ９００１, ﾒｯｷ), and a word typed as its reading (ようせつ, yosetsu)
  // as the vocabulary word it reads
  // and a word in hiragana (すぎうら, めっき) in katakana, as the index holds kana words (generator/search/variants.py),
  // ヴ as バ行 (ヴァルブ → バルブ)
  var VU = { "ヴァ": "バ", "ヴィ": "ビ", "ヴェ": "ベ", "ヴォ": "ボ", "ヴ": "ブ" };
  function term(q, vocab) {
    var readings = (vocab && vocab.readings) || {};
    aliases = aliasLabels(vocab);
    var spaced = spacedWords(vocab);
    inJapanese = conceptsInJapanese(vocab);
    return String(q || "").normalize("NFKC").trim().split(/\s+/).map(function (w) {
      var word = readings[fold(w)] || spaced[fold(w)] || w;
      if (/^[\u3041-\u309fー]+$/.test(word)) {
        word = word.replace(/[\u3041-\u3096]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) + 0x60); });
      }
      return word.replace(/ヴ[ァィェォ]?/g, function (v) { return VU[v] || v; });
    }).join(" ");
  }

  // {folded word: the vocabulary's spelling} of the Latin words of the vocabulary written in parts (ISO 9001, IATF
  // 16949): typed as one (ISO9001, ＩＳＯ９００１) it is searched in its parts, as the pages write it. Pagefind finds
  // no word "iso9001" and falls back to the pages with "ISO" (every certified company, ISO 14001 too)
  function spacedWords(vocab) {
    if (!vocab) return {};
    if (vocab.spacedWords) return vocab.spacedWords;
    var out = {};
    var terms = vocab.terms || {};
    Object.keys(terms).forEach(function (name) {
      Object.keys(terms[name]).forEach(function (key) {
        terms[name][key].forEach(function (w) {
          w = String(w).normalize("NFKC").trim();
          if (/^[A-Za-z]+(?: [A-Za-z]+)* [0-9]+$/.test(w) && !out[fold(w)]) out[fold(w)] = w;
        });
      });
    });
    return (vocab.spacedWords = out);
  }

  // A vocabulary alias in the query (窒化, annealing, rubber moulding: up to three words) as its term's Japanese label
  // (熱処理), which every page of the term carries: the pages do not carry the aliases (generator/search/variants.py)
  var aliases = {}; // aliasLabels of the vocabulary, once it is loaded (term)
  var inJapanese = {}; // conceptsInJapanese of the vocabulary, once it is loaded (term)
  function labelled(q) {
    var typed = String(q || "").split(/\s+/);
    var words = [];
    for (var i = 0; i < typed.length; i++) {
      var label = null, n;
      for (n = Math.min(3, typed.length - i); n >= 1 && !label; n--) {
        var f = fold(typed.slice(i, i + n).join(""));
        label = aliases[f] || inJapanese[f];
      }
      words.push(label || typed[i]);
      if (label) i += n; // n is one below the words taken
    }
    return words.join(" ");
  }

  // {folded alias: its term's Japanese label} of the vocabulary (search/terms.json: [ja, en, alias…]), once per load.
  // Not a word that is also a label or a part of its own, nor a word of a concept that names more than this one term (the pages carry
  // the concept's words, and the pages that write it in their own text are found by it: 半導体), nor a machine
  // type's alias (liftMachines makes it the machine filter)
  function aliasLabels(vocab) {
    if (!vocab) return {};
    if (vocab.aliasLabels) return vocab.aliasLabels;
    var out = {}, kept = {};
    var terms = vocab.terms || {};
    Object.keys(terms).forEach(function (name) {
      Object.keys(terms[name]).forEach(function (key) {
        var words = terms[name][key];
        kept[fold(words[0])] = kept[fold(words[1])] = true;
        if (name === "machines") return;
        var own = [fold(words[0]), fold(words[1])];
        words.slice(2).forEach(function (w) {
          var f = fold(w);
          // a part of the label (切削 of 切削加工, laser of Laser cutting) is a word of its pages already, and one
          // word costs less to look up than the label's two (加工 is on every other page)
          if (!out[f] && own.every(function (l) { return l.indexOf(f) < 0; })) out[f] = words[0];
        });
      });
    });
    (vocab.concepts || []).forEach(function (group) {
      var labelsOf = group.map(function (w) { return out[fold(w)]; });
      // 焼入れ, 焼き入れ, hardening: every word an alias of 熱処理, so the concept is the term
      if (labelsOf.every(function (l) { return l && l === labelsOf[0]; })) return;
      group.forEach(function (w) { kept[fold(w)] = true; });
    });
    Object.keys(kept).forEach(function (f) { delete out[f]; });
    return (vocab.aliasLabels = out);
  }

  // {folded Latin word of a concept: the concept's first Japanese word} (bolt: ボルト, zinc: 亜鉛). The pages carry a
  // concept's words for their summary, products, materials and machines (generator/search/variants.py), not for the
  // PR text, which is often the only place a Japanese-only profile names a thing (aoba-mekki's ボルト): a Latin word
  // is searched in Japanese too, as an alias is with its label (runBoth)
  function conceptsInJapanese(vocab) {
    if (!vocab) return {};
    if (vocab.inJapanese) return vocab.inJapanese;
    // not a word of the vocabulary (plating, welding): every page of its term carries it, and its Japanese word in
    // other pages' text is mostly what they use or buy (電気亜鉛めっき鋼板), not what they do
    var out = {}, term = {};
    var terms = vocab.terms || {};
    Object.keys(terms).forEach(function (name) {
      Object.keys(terms[name]).forEach(function (key) { terms[name][key].forEach(function (w) { term[fold(w)] = true; }); });
    });
    (vocab.concepts || []).forEach(function (group) {
      var ja = group.filter(function (w) { return CJK.test(w); })[0];
      if (ja) group.forEach(function (w) { if (!CJK.test(w) && !out[fold(w)] && !term[fold(w)]) out[fold(w)] = ja; });
    });
    return (vocab.inJapanese = out);
  }

  var CJK = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]/;

  // --- searching ---

  function pfFilters(filters) {
    var out = {}, kept = {};
    Object.keys(filters).forEach(function (name) {
      if (filters[name].length) { out[name] = { any: filters[name] }; kept[name] = filters[name]; }
    });
    // a typed figure between steps: the companies' exact figures too (search-typed.js)
    return window.GuidebookTyped ? window.GuidebookTyped.narrow(out, kept) : out;
  }

  // The ticked filters without one value of a group (or without the whole group)
  function minus(filters, without, value) {
    var out = {};
    Object.keys(filters).forEach(function (name) {
      var values = filters[name].filter(function (v) { return !(name === without && (value === undefined || v === value)); });
      if (values.length) out[name] = values;
    });
    return out;
  }

  // One search: Pagefind's ranking, narrowed to the pages holding a Japanese query as written when there are any
  // (Pagefind matches the words of 金型 — 金 and 型 — anywhere on a page; as a phrase, only side by side)
  var segmenter = window.Intl && Intl.Segmenter ? new Intl.Segmenter("ja", { granularity: "word" }) : null;
  function words(q) { // how many words Pagefind makes of a query (it segments Japanese the same way)
    if (!segmenter) return 1;
    var n = 0;
    for (var s of segmenter.segment(q)) if (s.isWordLike) n++;
    return n;
  }

  // Pagefind splits a query into words by the language of the page (<html lang>), and only Japanese, Chinese and
  // Thai pages are split at all; the index is Japanese (it holds the English words too). The English page splits
  // the query itself, as Pagefind does on a Japanese page (Intl.Segmenter "ja"), so 切削加工 finds 切削 加工 there
  // too, and keeps its own lang="en" (Pagefind has no option to choose the language otherwise).
  function asIndexed(q) {
    if (!en || !q || !segmenter || !CJK.test(q)) return q;
    var out = [];
    for (var s of segmenter.segment(q)) out.push(s.segment);
    return out.join(" ").replace(/\s+/g, " ").trim();
  }

  // A Latin word of two or three letters is an abbreviation (TIG, MIG, SUS), matched whole: Pagefind matches the start
  // of longer words too, and TIG found three companies through "leak-tight" of their English text (outsider buyer,
  // session 16). A quoted word is matched whole; the words' search is kept when nothing has the word whole.
  var SHORT = /^[a-z]{2,3}$/i;
  function run(pf, q, filters) {
    var short = q ? q.split(/\s+/).filter(function (w) { return SHORT.test(w); }) : [];
    if (!short.length) return runWords(pf, q, filters);
    var options = { filters: filters };
    if (short.length === 1 && !/\s/.test(q)) {
      return pf.search('"' + q + '"', options).then(function (whole) {
        return whole.results.length ? whole : runWords(pf, q, filters);
      });
    }
    return Promise.all([runWords(pf, q, filters)].concat(short.map(function (w) {
      return pf.search('"' + w + '"', options);
    }))).then(function (got) {
      var found = got[0];
      var results = found.results.filter(function (r) {
        return got.slice(1).every(function (whole) {
          return !whole.results.length || whole.results.some(function (x) { return x.id === r.id; });
        });
      });
      return results.length ? Object.assign({}, found, { results: results }) : found;
    });
  }

  function runWords(pf, q, filters) {
    var options = { filters: filters };
    if (!q) options.sort = { [SORT]: "asc" }; // a merged guidebook whose index still holds its sort orders
    var plain = pf.search(asIndexed(q) || null, options);
    if (!q) return plain.then(inOrder); // filters alone: A–Z, or in 50音 order
    // one word is matched as the start of a word (モミジ finds モミジデンキ): only a query split into words needs this
    if (/\s/.test(q) || !CJK.test(q) || words(q) < 2) return plain;
    // レーザ加工 and レーザー加工, ワイヤ放電 and ワイヤー放電 are one phrase: either spelling as written counts
    var other = longVowel(q);
    return Promise.all([plain, pf.search('"' + asIndexed(q) + '"', options),
      other !== q ? pf.search('"' + asIndexed(other) + '"', options) : null]).then(function (both) {
      var all = both[0], phrase = both[1];
      if (both[2] && both[2].results.length > phrase.results.length) phrase = both[2]; // its counts, the larger
      if (!phrase || !phrase.results.length) return all;
      var keep = {};
      both.slice(1).forEach(function (p) { if (p) p.results.forEach(function (r) { keep[r.id] = true; }); });
      var results = all.results.filter(function (r) { return keep[r.id]; });
      // A page holding the phrase holds every word of it, yet the words search may miss it: Pagefind 1.6 looks each
      // word up in one index file only (the one whose range holds it), so a page whose form of a word sits in the
      // next file is not found by that word (マシニングセンター lost arai-kanagata when the files' bounds moved).
      // The phrase found it: it comes after the pages both found, in the phrase's order.
      results.forEach(function (r) { keep[r.id] = "shown"; });
      both.slice(1).forEach(function (p) {
        if (p) p.results.forEach(function (r) { if (keep[r.id] !== "shown") { keep[r.id] = "shown"; results.push(r); } });
      });
      return { results: results, filters: phrase.filters, unfilteredResultCount: phrase.unfilteredResultCount };
    });
  }

  // Results found by filters alone, in the order of names: each bundle's order is a file of its own
  // (generator/search/compact.py), loaded by such a search only. A result's id names its bundle's digest and its page
  // number there; each bundle's first page comes first, as Pagefind merges sorted bundles (its score is minus the
  // place), which also places the results of a merged guidebook that still sorts its own (ids of Pagefind's hashes);
  // a result of a compacted bundle without its order file comes last, in Pagefind's order.
  var SORT = en ? "name_en" : "kana";
  var orders = null; // bundle digest -> page number -> its place
  function inOrder(found) {
    if (!orders) {
      orders = Promise.all(bundles.map(function (b) {
        return fetch(new URL(b + "/order-" + SORT + ".json", rootUrl).href, { cache: "no-cache" }).then(function (r) {
          return r.ok ? r.json() : null;
        }).catch(function () { return null; });
      })).then(function (files) {
        var byDigest = {};
        files.forEach(function (f) {
          if (!f || !f.digest || !f.pages || !(f.width > 0)) return;
          var place = byDigest[f.digest] = {};
          // the page numbers in order, base-36 numerals of f.width letters each
          for (var i = 0; i * f.width < f.pages.length; i++) place[parseInt(f.pages.substr(i * f.width, f.width), 36)] = i;
        });
        return byDigest;
      });
    }
    return orders.then(function (byDigest) {
      var keyed = found.results.map(function (r, i) {
        var m = /^([0-9a-f]+)-([0-9a-f]+)$/.exec(r.id);
        var place = !m ? -r.score : byDigest[m[1]] ? byDigest[m[1]][parseInt(m[2], 16)] : undefined;
        return [place === undefined ? Infinity : place, i, r]; // a page without the sort value: last
      });
      keyed.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; }); // Infinity - Infinity: NaN, falls to i
      return Object.assign({}, found, { results: keyed.map(function (k) { return k[2]; }) });
    });
  }

  // The other spelling of each katakana word of 3+ letters: with its final ー or without it (レーザ ↔ レーザー)
  function longVowel(q) {
    return q.replace(/[\u30a1-\u30fa\u30fc]{3,}/g, function (w) {
      return /ー$/.test(w) ? w.slice(0, -1) : w + "ー";
    });
  }

  // A Latin query of several words that finds nothing may be one name typed apart (arai kanagata → araikanagata)
  function runJoined(pf, q, filters) {
    return runBoth(pf, q, filters).then(function (found) {
      if (found.results.length || !/^[0-9a-z]+( [0-9a-z]+)+$/i.test(q)) return found;
      return runBoth(pf, q.replace(/ /g, ""), filters);
    });
  }

  // A query with an alias in it is searched as typed (the pages that write it) and with the labels (the companies of
  // the term), as one list: a company found both ways adds its scores and comes first (thermo-giken writes 窒化 and
  // lists 熱処理). The counts of a filter value are those of either search less those of both (one search for all the
  // words: Pagefind looks for every word typed).
  function runBoth(pf, q, filters) {
    var other = labelled(q);
    if (!q || other === q) return run(pf, q, filters);
    return Promise.all([run(pf, q, filters), run(pf, other, filters),
      pf.search(asIndexed(q + " " + other), { filters: filters })]).then(function (got) {
      var byId = {};
      var results = [];
      got.slice(0, 2).forEach(function (found) {
        found.results.forEach(function (r) {
          if (byId[r.id]) { byId[r.id].score += r.score; return; }
          results.push(byId[r.id] = Object.assign({}, r));
        });
      });
      results.sort(function (a, b) { return b.score - a.score; });
      var filtersOut = {};
      got.slice(0, 2).forEach(function (found) {
        Object.keys(found.filters || {}).forEach(function (name) {
          var mine = filtersOut[name] = filtersOut[name] || {};
          Object.keys(found.filters[name]).forEach(function (v) { mine[v] = (mine[v] || 0) + found.filters[name][v]; });
        });
      });
      Object.keys(got[2].filters || {}).forEach(function (name) {
        Object.keys(got[2].filters[name]).forEach(function (v) {
          if (filtersOut[name]) filtersOut[name][v] = Math.max(0, (filtersOut[name][v] || 0) - got[2].filters[name][v]);
        });
      });
      return { results: results, filters: filtersOut,
        unfilteredResultCount: got[0].unfilteredResultCount + got[1].unfilteredResultCount - got[2].unfilteredResultCount };
    });
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

  // Counts cost a download: Pagefind loads a filter's file (every value's companies, in every bundle) only when a
  // search names that filter. So a search counts the groups on screen — the open panels and the ticked filters —
  // and a panel opened later is counted then (countOpened). A filter named with a value no company has, under
  // "none", narrows nothing but makes Pagefind load its file.
  var counted = {}; // filter -> its file is asked for, so every search returns its counts
  var NOTHING = "\u0000";
  function onScreen(filters) {
    var names = Object.keys(filters);
    boxes.forEach(function (el) {
      if (el.closest(".facet").open && names.indexOf(el.name) < 0) names.push(el.name);
    });
    return names;
  }
  // The filters of a search, and each group on screen not counted yet, so that its counts come back with it
  function countingToo(pfFilter, names) {
    names.forEach(function (name) {
      if (!pfFilter[name]) pfFilter[name] = { none: NOTHING };
      counted[name] = true;
    });
    return pfFilter;
  }

  // The groups of the panels are counted and narrowed from small files of each bundle instead
  // (generator/search/compact.py: each page's values): facets.json, with the panels a wide screen opens, and
  // facets-<group>.json for each other group, loaded when the group is on screen. Not with other guidebooks, whose
  // results they cannot count.
  var facetFiles = null; // facets.json of every bundle, as one: {digests: {digest: {group: [values, pages]}}, groups}
  var groupFiles = {}; // group -> its facets-<group>.json of every bundle (missing for a group of too many values)
  function facetsOf(file) {
    return Promise.all(bundles.map(function (b) {
      return fetch(new URL(b + "/" + file, rootUrl).href, { cache: "no-cache" }).then(function (r) {
        return r.ok ? r.json() : null;
      }).catch(function () { return null; });
    }));
  }
  function adoptFacets(own, files) {
    files.forEach(function (f) {
      if (!f || !f.digest || !f.groups) return;
      var mine = own.digests[f.digest] = own.digests[f.digest] || {};
      Object.keys(f.groups).forEach(function (name) {
        mine[name] = [f.groups[name].values, f.groups[name].pages.split(" ")];
        own.groups[name] = (own.groups[name] || 0) + 1;
      });
    });
  }
  function ownFacets(names) {
    if (NET || !names.length) return Promise.resolve(facetFiles);
    if (!facetFiles) {
      facetFiles = facetsOf("facets.json").then(function (files) {
        var own = { digests: {}, groups: {}, first: {} };
        adoptFacets(own, files);
        Object.keys(own.groups).forEach(function (name) { own.first[name] = true; }); // facets.json's own groups
        return own;
      });
    }
    return facetFiles.then(function (own) {
      return Promise.all(names.map(function (name) {
        if (own.first[name]) return null;
        if (!groupFiles[name]) groupFiles[name] = facetsOf("facets-" + name + ".json").then(function (files) { adoptFacets(own, files); });
        return groupFiles[name];
      })).then(function () { return own; });
    });
  }
  // a group counts here only when every bundle's file has it
  function ownCounts(own, name) { return !!(own && own.groups[name] === bundles.length); }
  var LETTERS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  // The number of results with each value of the group, or null when a result is of no bundle the files know
  function tally(own, name, results) {
    var out = {};
    for (var i = 0; i < results.length; i++) {
      var m = /^([0-9a-f]+)-([0-9a-f]+)$/.exec(results[i].id);
      var mine = m && own.digests[m[1]] && own.digests[m[1]][name];
      if (!mine) return null;
      var letters = mine[1][parseInt(m[2], 16)] || "";
      for (var j = 0; j < letters.length; j++) {
        var value = mine[0][LETTERS.indexOf(letters[j])];
        out[value] = (out[value] || 0) + 1;
      }
    }
    return out;
  }
  // The groups a search names to Pagefind for their counts: those on screen the files do not count
  function pagefindCounts(names, filters, own) {
    return names.filter(function (name) { return !ownCounts(own, name); });
  }
  // Whether a result has one of the ticked values of every group of `here` (true, false), or null when it is of no
  // bundle the files know
  function holds(own, result, here) {
    var m = /^([0-9a-f]+)-([0-9a-f]+)$/.exec(result.id);
    var mine = m && own.digests[m[1]];
    if (!mine) return null;
    return Object.keys(here).every(function (name) {
      var letters = (mine[name] && mine[name][1][parseInt(m[2], 16)]) || "";
      return here[name].some(function (value) {
        var i = mine[name] ? mine[name][0].indexOf(value) : -1;
        return i >= 0 && letters.indexOf(LETTERS[i]) >= 0;
      });
    });
  }

  // One search with the ticked `filters` ({group: values}). The groups the files count are applied here, to
  // Pagefind's results, when no count is asked of Pagefind (`ask`: the groups on screen that only Pagefind counts):
  // their filter files, every value's companies in every bundle, are then not downloaded at all. Pagefind's counts
  // of such a search do not know of those groups, so it returns none (found.here).
  function find(pf, q, filters, own, ask) {
    var all = pfFilters(filters); // with a typed figure's exact figures (they may replace its step)
    var here = {}, rest = {};
    Object.keys(all).forEach(function (name) {
      if (!ask.length && ownCounts(own, name) && filters[name] && all[name].any) here[name] = all[name].any;
      else rest[name] = all[name];
    });
    return runJoined(pf, q, countingToo(rest, ask)).then(function (found) {
      if (!Object.keys(here).length) return found;
      var judged = found.results.map(function (r) { return holds(own, r, here); });
      // a result the files do not know (not ours): Pagefind applies every filter after all
      if (judged.indexOf(null) >= 0) return runJoined(pf, q, countingToo(pfFilters(filters), ask));
      return Object.assign({}, found, { results: found.results.filter(function (r, i) { return judged[i]; }),
        filters: {}, here: true });
    }).then(function (found) { return mentionsApart(q, filters, found); });
  }

  // A query naming a process (溶接, welding) lists the companies that do it: that list the process among their
  // technologies or the work they take on, or own a machine the query names (レーザー切断: a laser cutter). Those that
  // only mention it (a die-caster's "castings that can be welded") are kept apart (`mentions`), out of the list and its
  // counts, behind a button: 溶接 and welding then list the same companies, and 溶接 + ISO 9001 counts welders only
  // (outsider buyer, session 16). Judged from the facet files (search/compact.py) the doers-first order loads anyway;
  // a result they do not know (another guidebook) keeps the list whole.
  var withMentions = null; // the query whose mentions the buyer asked to see
  // The processes a word of the query is a word of (溶接, welding, プレス, 切断), with those that have a word holding it
  // (切断: レーザー切断, laser): whoever does one of them does what was typed. None for a query that only holds a
  // process word (外観検査装置 is a machine, not inspection work)
  function processesTyped(q, vocab) {
    var techs = (vocab && vocab.terms && vocab.terms.technologies) || {};
    var plain = function (w) { return fold(w).replace(/ー/g, ""); }; // ワイヤカット and ワイヤーカット are one word
    var typed = q.split(/\s+/).map(plain).filter(function (w) { return w.length >= (CJK.test(w) ? 2 : 4); });
    var named = typed.filter(function (w) {
      return Object.keys(techs).some(function (key) { return techs[key].some(function (t) { return plain(t) === w; }); });
    });
    return Object.keys(techs).filter(function (key) {
      return techs[key].some(function (t) { return named.some(function (w) { return plain(t).indexOf(w) >= 0; }); });
    });
  }
  function mentionsApart(q, filters, found) {
    if (!q || filters.technologies || filters.accepts || NET || withMentions === q || !found.results.length) {
      return Promise.resolve(found);
    }
    return vocabulary.then(function (vocab) {
      var keys = processesTyped(q, vocab);
      if (!keys.length) return found;
      return ownFacets(["technologies", "accepts"]).then(function (own) {
        var names = ["technologies", "accepts"].filter(function (name) { return ownCounts(own, name); });
        if (!names.length) return found;
        var judged = found.results.map(function (r) {
          var any = false;
          for (var i = 0; i < names.length && !any; i++) {
            var one = {};
            one[names[i]] = keys;
            var held = holds(own, r, one);
            if (held === null) return null;
            any = held;
          }
          return any;
        });
        if (judged.indexOf(null) >= 0 || judged.indexOf(true) < 0 || judged.indexOf(false) < 0) return found;
        // the machines of every result are one file more (about 1.8 KB a bundle at gzip size): asked only of a
        // directory of one bundle (up to 1,500 companies); a bigger one keeps a machine's owner that does not list
        // the process among the mentions (what one search downloads at 5,000 stays within its budget)
        var types = bundles.length === 1 ? machinesNamed(q, vocab) : [];
        return (types.length ? ownFacets(["machines"]) : Promise.resolve(null)).then(function (withMachines) {
          if (withMachines && ownCounts(withMachines, "machines")) {
            judged = judged.map(function (j, i) {
              return j || holds(withMachines, found.results[i], { machines: types }) === true;
            });
          }
          return Object.assign({}, found, {
            results: found.results.filter(function (r, i) { return judged[i]; }),
            mentions: found.results.filter(function (r, i) { return !judged[i]; }) });
        });
      });
    }, function () { return found; });
  }

  // The number each value would give: for a group with ticked values, counted without that group's own filter
  // (a group whose filter file is not loaded has no counts: its panel is closed). A group the files count is
  // tallied from the results; another is Pagefind's count.
  function counts(pf, q, filters, found, own) {
    var out = {};
    return Promise.all(groups.map(function (name) {
      var mine = ownCounts(own, name);
      if (!filters[name]) {
        var n = mine ? tally(own, name, found.results) : null;
        if (n) out[name] = n;
        else if (!found.here && found.filters && found.filters[name]) out[name] = found.filters[name];
        return null;
      }
      return find(pf, q, minus(filters, name), own, mine ? [] : [name]).then(function (other) {
        var n = mine ? tally(own, name, other.results) : null;
        out[name] = n || (other.filters || {})[name] || {};
      });
    })).then(function () { return out; });
  }

  function showCounts(byGroup) {
    boxes.forEach(function (el) {
      var count = el.parentNode.querySelector(".facet-count");
      if (byGroup && !byGroup[el.name]) { // not counted yet (a closed panel): no number rather than a wrong one
        count.textContent = "";
        el.parentNode.classList.remove("facet-zero");
        return;
      }
      var n = byGroup ? (byGroup[el.name][el.value] || 0) : +count.dataset.total;
      count.textContent = String(n);
      el.parentNode.classList.toggle("facet-zero", n === 0 && !el.checked);
    });
  }

  function remember(q, filters) {
    var p = new URLSearchParams();
    if (q) p.set("q", q);
    Object.keys(filters).forEach(function (name) {
      filters[name].forEach(function (key) { p.append(name, key); });
    });
    var query = p.toString();
    var url = location.pathname + (query ? "?" + query : "");
    // a step the buyer took (a filter ticked, a search sent) is an entry of its own, so that Back steps back through
    // the searches; what is typed letter by letter, and the first search of the page, replace the current one
    if (step && url !== location.pathname + location.search) history.pushState(null, "", url);
    else history.replaceState(null, "", url);
    step = false;
  }
  var step = false; // the next search is a step of the buyer's (remember)
  function stepped() { step = true; return search(); }
  window.addEventListener("popstate", function () {
    step = false;
    fromAddress();
    box.querySelectorAll(".facet").forEach(function (facet) {
      facet.open = wideQuery.matches && (facet.hasAttribute("data-open-wide") || !!facet.querySelector("input:checked"));
    });
    search();
  });

  function label(name, key) {
    return (labels[name] || {})[key] || [key, 0];
  }

  function untick(name, value) {
    boxes.forEach(function (el) {
      if (name === undefined || (el.name === name && (value === undefined || el.value === value))) el.checked = false;
    });
  }

  function showChips(filters) {
    chips.textContent = "";
    Object.keys(filters).forEach(function (name) {
      filters[name].forEach(function (value) {
        var li = document.createElement("li");
        var b = document.createElement("button");
        b.type = "button";
        b.className = "chip";
        b.textContent = label(name, value)[0];
        b.setAttribute("aria-label", say(T.remove, label(name, value)[0], 0));
        b.dataset.name = name;
        b.dataset.value = value;
        b.addEventListener("click", function () { untick(name, value); dropLifted(); stepped(); input.focus(); });
        li.appendChild(b);
        chips.appendChild(li);
      });
    });
    chips.hidden = !chips.firstChild;
    var n = Object.keys(filters).reduce(function (sum, name) { return sum + filters[name].length; }, 0);
    filterToggle.querySelector(".filters-count").textContent = n ? (en ? " (" + n + ")" : "（" + n + "）") : "";
  }

  var serial = 0;
  var results = [];
  var shown = 0;
  var matchedWords = [];

  // Machine words typed in the box become their filters first (liftMachines), once the vocabulary is there; with
  // other guidebooks, once they are merged, so that a filter of theirs in the address (?place=…) is on the page
  function search() {
    var merged = NET ? load().catch(function () { return null; }) : null;
    searching = Promise.all([vocabulary, merged]).then(function (got) {
      return withReadings(got[0], input.value);
    }).then(function (vocab) {
      // The box keeps what the buyer typed; the words read as filters are lifted once per text (a chip removed
      // stays removed), and what the last text ticked is unticked when the text changes
      var full = input.value, again = full === lifted.from;
      if (!again) {
        lifted.ticked.forEach(function (el) { el.checked = false; });
        var before = boxes.filter(function (el) { return el.checked; });
      }
      if (window.GuidebookTyped) { // a typed figure (プレス 200t) or kind of material (アルミ): static/search-typed.js
        window.GuidebookTyped.lift({ box: box, input: input, boxes: boxes, vocab: vocab || {}, fold: fold, en: en, texts: T,
          again: again, label: function (name, value) { return label(name, value)[0]; } });
      }
      if (!again) {
        liftMachines(vocab);
        lifted = { from: full, rest: input.value.trim(),
          ticked: boxes.filter(function (el) { return el.checked && before.indexOf(el) < 0; }) };
        input.value = full;
      }
      return searchNow();
    });
    return searching;
  }
  var searching = Promise.resolve(); // the last search, until its results and counts are on screen
  var lifted = { from: null, rest: "", ticked: [] }; // the text last read for filters, its other words, what it ticked
  function searched() { return input.value === lifted.from ? lifted.rest : input.value.trim(); } // the words searched
  // The words of the box read as filters, but for figures (300t, 1000mm): what a filter search was asked for
  function liftedWords() {
    if (input.value !== lifted.from || !lifted.from) return [];
    var rest = lifted.rest.normalize("NFKC").split(/\s+/);
    return lifted.from.normalize("NFKC").trim().split(/\s+/).filter(function (w) {
      return w && rest.indexOf(w) < 0 && !/^[\d.,±φΦØø⌀]/.test(w);
    });
  }

  // A panel opened after a search: its counts, from the same search naming its filters too (the results stay)
  function countOpened(facet) {
    var names = [];
    facet.querySelectorAll("input").forEach(function (el) {
      if (!counted[el.name] && names.indexOf(el.name) < 0) names.push(el.name);
    });
    if (!names.length) return;
    searching.then(function () {
      var typed = searched();
      var filters = chosen();
      if (!typed && !Object.keys(filters).length) return; // no search: the totals are on the page
      var mine = serial;
      var pf, q, own;
      box.dataset.counting = "1";
      return Promise.all([load(), vocabulary, ownFacets(names)]).then(function (loaded) {
        pf = loaded[0];
        q = term(typed, loaded[1]);
        own = loaded[2];
        names.forEach(function (name) { if (ownCounts(own, name)) counted[name] = true; });
        return find(pf, q, filters, own, pagefindCounts(onScreen(filters), filters, own));
      }).then(function (found) {
        return counts(pf, q, filters, found, own);
      }).then(function (byGroup) {
        if (mine === serial) showCounts(byGroup);
      });
    }).catch(function () {
      names.forEach(function (name) { delete counted[name]; }); // asked again when it is opened again
    }).then(function () { box.dataset.counting = ""; });
  }
  box.querySelectorAll(".facet").forEach(function (facet) {
    facet.addEventListener("toggle", function () { if (facet.open) countOpened(facet); });
  });

  // Filter values added after the page was drawn (network.js: another guidebook's areas): known, ticked as the
  // address says, and searched on change like the others
  function adopt(added) {
    var params = new URLSearchParams(location.search);
    added.forEach(function (el) {
      if (!labels[el.name]) { labels[el.name] = {}; groups.push(el.name); }
      labels[el.name][el.value] = [el.parentNode.querySelector(".facet-label").textContent, boxes.length];
      boxes.push(el);
      el.checked = params.getAll(el.name).indexOf(el.value) >= 0;
      el.addEventListener("change", function () { changed(el); });
      if (el.checked) el.closest(".facet").open = wideQuery.matches;
    });
  }

  function searchNow() {
    var mine = ++serial;
    var typed = searched();
    var filters = chosen();
    var filtered = Object.keys(filters).length > 0;
    remember(input.value.trim(), filters);
    clear.hidden = !filtered;
    showChips(filters);
    help.textContent = "";
    box.dataset.done = "";
    box.dataset.approximate = "";
    if (!typed && !filtered) {
      results = [];
      box.dispatchEvent(new CustomEvent("guidebook:results", { detail: results })); // static/shortlist.js
      list.textContent = "";
      more.hidden = true;
      status.textContent = T.hint;
      showCounts(null);
      box.dataset.done = String(mine);
      // with other guidebooks, the counts shown before any search are theirs too
      return NET ? load().then(function () { if (mine === serial) showCounts(null); }, function () {}) : Promise.resolve();
    }
    status.textContent = T.searching;
    var pf, vocab, q, found, own;
    var screen = onScreen(filters);
    return Promise.all([load(), vocabulary, ownFacets(screen)]).then(function (loaded) {
      pf = loaded[0];
      vocab = loaded[1];
      q = term(typed, vocab);
      own = loaded[2];
      screen.forEach(function (name) { if (ownCounts(own, name)) counted[name] = true; });
      return window.GuidebookTyped && window.GuidebookTyped.ready(pf);
    }).then(function () {
      return find(pf, q, filters, own, pagefindCounts(screen, filters, own));
    }).then(function (f) {
      found = f;
      return counts(pf, q, filters, found, own);
    }).then(function (byGroup) {
      var keys = q && !filters.technologies && !filters.accepts ? processesNamed(q, vocab) : [];
      var wider = keys.slice();
      if (q && !filters.technologies && !filters.accepts) {
        processesTyped(q, vocab).forEach(function (k) { if (wider.indexOf(k) < 0) wider.push(k); });
      }
      return doersOverall(found.results, keys).then(function (ordered) {
        found.results = ordered;
        doerKeys = keys;
        widerKeys = wider;
        doerMachines = wider.length ? machinesNamed(q, vocab) : [];
        return byGroup;
      });
    }).then(function (byGroup) {
      if (mine !== serial) return; // a newer search has started
      results = found.results;
      others = {};
      doerWords = q ? q.split(/\s+/).map(fold).filter(function (w) { return w.length >= (CJK.test(w) ? 2 : 4); }) : [];
      box.dispatchEvent(new CustomEvent("guidebook:results", { detail: results })); // static/shortlist.js
      shown = 0;
      // the words read as filters (stainless, セラミック, プレス of プレス 300t) say why too: a result of a filter named in
      // the box is there for that word, and says so (outsider buyer, session 16: sixteen results and no line)
      matchedWords = (q ? q.split(/\s+/).concat(labelled(q).split(/\s+/)) : []).concat(liftedWords())
        .filter(function (w, i, all) { return w && all.indexOf(w) === i; });
      if (!doerWords.length && !q) doerWords = matchedWords.map(fold).filter(function (w) { return w.length >= (CJK.test(w) ? 2 : 4); });
      typedWords = (q ? q.split(/\s+/) : []).concat(liftedWords()).map(fold).filter(Boolean);
      list.textContent = "";
      showCounts(byGroup);
      return showMore(false, mine, q).then(function (data) {
        var n = results.length;
        // nothing with filters ticked: say so, not "try other words" (helpWithNothing names the filter to remove)
        var asTyped = input.value.trim() || typed; // as the buyer typed it, figures and machine words too
        if (typed) status.textContent = n ? say(n === 1 ? T.results_one : T.results, asTyped, n)
          : say(filtered ? T.none_with_filters : T.none, asTyped, 0);
        else status.textContent = n ? say(n === 1 ? T.filtered_one : T.filtered, typed, n) : T.none_filtered;
        if (found.mentions && found.mentions.length) { // the companies that only mention the process, one click away
          helpLine("", say(T.text_only, typed, found.mentions.length), function () {
            withMentions = q;
            search();
          });
        }
        // the words typed are all in the results' terms and names (showMore: their texts were not needed)
        var close = q && n && textsNeeded && !exact(q, data || []) && !exact(labelled(q), data || []);
        var nothing = function () {
          if (!n) return helpWithNothing(pf, q, typed, filters, vocab, mine, own);
          // Pagefind also finds words close to a misspelt one (weldng: weld…): offer the word that was probably meant
          if (close) {
            box.dataset.approximate = "1";
            return partly(pf, typed, vocab, data || [], mine).then(function () {
              return suggest(pf, typed, vocab, mine, data || []);
            });
          }
        };
        if (corrected && input.value.trim() === corrected.to) {
          var from = corrected.from;
          helpLine(say(corrected.word ? T.corrected_word : T.corrected, corrected.to, 0).replace("{typed}", from),
            say(T.as_typed, from, 0), function () {
            noFix = from;
            input.value = from;
            stepped();
          });
          return nothing();
        }
        corrected = null;
        if ((n && !close) || filtered || !typed || input.value.trim() === noFix) return nothing();
        // a company's name misspelt in kana or romaji (sugiyra, すぎうろ, okouchi): that company's results at once
        return nameFixed(typed).then(function (fixed) {
          if (mine !== serial) return;
          var word = !fixed && wordFixed(typed, vocab);
          if (!fixed && !word) return nothing();
          corrected = { from: input.value.trim(), to: fixed || word, word: !!word };
          input.value = corrected.to;
          return search();
        });
      });
    }).then(function () {
      return NET && mine === serial ? NET.lost() : false;
    }).then(function (lost) {
      if (!again(mine, lost) && mine === serial) box.dataset.done = String(mine);
    }).catch(function () {
      return (NET && mine === serial ? NET.recheck() : Promise.resolve(false)).then(function (lost) {
        if (again(mine, lost) || mine !== serial) return;
        status.textContent = T.error;
        box.dataset.done = String(mine);
      });
    });
  }

  // A query naming a process (めっき, heat treatment) lists first the companies that do it — its technology or a
  // process they take on — then those that only mention it: a sheet-metal shop's SECC（電気亜鉛めっき鋼板）, a
  // machining shop that gives heat treatment out. Pagefind weighs words, not who does what (outsider buyer).
  var others = {}; // result id -> it does not list the process the query names
  function processesNamed(q, vocab) {
    var techs = (vocab && vocab.terms && vocab.terms.technologies) || {};
    var typed = fold(q);
    return Object.keys(techs).filter(function (key) {
      return techs[key].some(function (w) {
        var f = fold(w);
        return f.length >= (CJK.test(f) ? 2 : 4) && typed.indexOf(f) >= 0;
      });
    });
  }
  // The machine types a word of the query names as a machine (レーザー切断: レーザー切断機, a laser cutter; 溶接: 溶接機)
  // (a word of the type, or one with 機 / -er after it: レーザー切断機, 溶接機, プレス機, welder, laser cutter)
  function machinesNamed(q, vocab) {
    var machines = (vocab && vocab.terms && vocab.terms.machines) || {};
    var typed = [];
    var plain = function (w) { return fold(w).replace(/ー/g, ""); }; // ワイヤカット, ワイヤーカット
    q.split(/\s+/).concat(/\s/.test(q) ? [q] : []).map(plain).forEach(function (f) {
      if (f.length < (CJK.test(f) ? 2 : 4)) return;
      typed.push(f, f.replace(/ing$/, "er"));
      ["機", "設備", "ライン", "装置", "machine", "line"].forEach(function (end) { typed.push(f + end); });
    });
    return Object.keys(machines).filter(function (k) {
      return machines[k].some(function (m) { return typed.indexOf(plain(m)) >= 0; });
    });
  }
  // Over the whole list, not page by page: a company that lists the process on page 2 comes before one that only
  // mentions it on page 1. Each result's technologies and accepted processes are read from the small per-page
  // value files of the bundles (generator/search/compact.py), asked only when there is more than one page; a result
  // of a bundle they do not know (another guidebook) leaves Pagefind's order as it is.
  function doersOverall(list, keys) {
    if (!keys.length || list.length <= PAGE || NET) return Promise.resolve(list);
    return ownFacets(["technologies", "accepts"]).then(function (own) {
      if (!own) return list;
      var names = ["technologies", "accepts"].filter(function (name) { return ownCounts(own, name); });
      if (!names.length) return list;
      var judged = list.map(function (r) {
        var any = null;
        for (var i = 0; i < names.length && any !== true; i++) {
          var one = {};
          one[names[i]] = keys;
          var held = holds(own, r, one);
          if (held === null) return null;
          any = any || held;
        }
        return any;
      });
      if (judged.indexOf(null) >= 0 || judged.indexOf(true) < 0) return list;
      return list.filter(function (r, i) { return judged[i]; }).concat(list.filter(function (r, i) { return !judged[i]; }));
    }, function () { return list; });
  }

  // Within each page of results (their data is loaded to show them: no other download), the companies that do what
  // the query names first: they list the process (a technology, a process they take on) or own a machine the query
  // names (レーザー切断: a fiber laser cutter, outsider buyer, session 16), the others marked (item: a note says the
  // process is not theirs). Then, in each, by why they matched (why: `tiers`): the catchphrase, industries,
  // certifications and processes before products, machines and materials, before customers and text; Pagefind's
  // order within each. A product for the thing (食品機械用ゴム部品: X用, X向け) is not the thing: it ranks with customers.
  var doerKeys = [];
  var doerWords = []; // the folded words of the query, long enough to say something
  var doerMachines = []; // the machine types the query names (レーザー切断: laser-cutter)
  var widerKeys = []; // the processes of doerKeys and those with a word holding the word typed (切断: laser)
  function doersFirst(pairs, vocab) {
    var lists = function (d, keys) {
      var f = d.filters || {};
      return keys.some(function (k) { return (f.technologies || []).concat(f.accepts || []).indexOf(k) >= 0; });
    };
    var owns = function (d) {
      var f = d.filters || {};
      return doerMachines.some(function (k) { return (f.machines || []).indexOf(k) >= 0; });
    };
    // 0: lists the process named, or owns the machine named; 1: lists a process with a word holding it; 2: neither
    var doer = pairs.map(function (p) {
      return !doerKeys.length && !widerKeys.length ? 0 : lists(p[0], doerKeys) || owns(p[0]) ? 0 : lists(p[0], widerKeys) ? 1 : 2;
    });
    // nobody does it: the words' order is all there is
    if (doer.every(function (x) { return x === 2; }) && !Object.keys(others).length) doer = doer.map(function () { return 0; });
    var keyed = pairs.map(function (p, i) {
      if (doer[i] === 2) others[p[1].id] = true;
      // of two as close, the one that owns the machine named comes first (a cutter's owner before a marker's)
      return [doer[i], tierOf(p[0], vocab), doerMachines.length && !owns(p[0]) ? 1 : 0, i, p];
    });
    keyed.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || a[2] - b[2] || a[3] - b[3]; });
    return keyed.map(function (k) { return k[4]; });
  }
  // The best rank of why a result matched (why), 0 for its name; 3 when nothing says why
  function tierOf(d, vocab) {
    if (!matchedWords.length || !d) return 0;
    var m = d.meta || {};
    var direct = marked(d.excerpt, !d.content && !!d.text && !d.excerpt);
    var typed = directMarks(direct);
    if (contains(m.title || "", typed) || contains(m.title_en || "", typed)) return 0;
    var reasons = why(d, direct, null, vocab);
    return reasons.length ? reasons[0][2] : 3;
  }
  // Whether one of the company's products or machines is named by all the query (外観検査装置, 自動外観検査装置（AOI）)
  function makes(d) {
    var m = d.meta || {}, q = typedWords.join("");
    return q.length >= 2 && ["products", "equipment"].some(function (field) {
      return (m[field] || "").split(" / ").some(function (item) { return fold(item).indexOf(q) >= 0; });
    });
  }
  // Whether a product's or machine's name holds a word typed only as what it is for (食品機械用, 自動車向け)
  function forIt(item) {
    var f = fold(item), found = false;
    return doerWords.every(function (w) {
      var at = f.indexOf(w);
      if (at < 0) return true;
      found = true;
      return /^(用|向け|むけ)/.test(f.slice(at + w.length));
    }) && found;
  }

  // A merged guidebook stopped answering (network.js): search again with a fresh Pagefind, without it
  function again(mine, lost) {
    if (!lost || mine !== serial) return false;
    pagefind = null;
    counted = {}; // a fresh Pagefind has loaded no filter file
    generation++;
    search();
    return true;
  }

  // --- when nothing is found: the filter that emptied the list, and the words the buyer may have meant ---

  function helpWithNothing(pf, q, typed, filters, vocab, mine, own) {
    var tries = [];
    Object.keys(filters).forEach(function (name) {
      filters[name].forEach(function (value) {
        tries.push(find(pf, q, minus(filters, name, value), own, []).then(function (f) {
          return { name: name, value: value, n: f.results.length };
        }));
      });
    });
    // a typed word the index cannot match (φ400 unread, a code) must not leave a dead end: offer the search without it
    var typedWords = q ? q.split(/\s+/) : [];
    if (typedWords.length > 1 || (typedWords.length && Object.keys(filters).length)) {
      typedWords.slice(0, 4).forEach(function (w, i) {
        var rest = typedWords.filter(function (x, j) { return j !== i; }).join(" ");
        tries.push(find(pf, rest, filters, own, []).then(function (f) {
          return { word: typed.split(/\s+/)[i] || w, n: f.results.length };
        }));
      });
    }
    return Promise.all(tries).then(function (removals) {
      if (mine !== serial) return;
      removals = removals.filter(function (r) { return r.n > 0; }).sort(function (a, b) { return b.n - a.n; });
      var drops = removals.filter(function (r) { return r.word; });
      removals = removals.filter(function (r) { return !r.word; });
      removals.slice(0, 3).forEach(function (r) {
        var l = label(r.name, r.value)[0];
        // a threshold's label already says what it measures (プレス機の加圧能力 200 t 以上): its title once, not twice
        var g = groupTitle[r.name] || "";
        if (g && l.indexOf(g) === 0) g = "";
        helpLine(say(T.filter_emptied, l, r.n).replace("{group}", g).trim(), T.remove_filter.replace("{q}", l),
          function () { untick(r.name, r.value); dropLifted(); stepped(); });
      });
      drops.slice(0, 2).forEach(function (r) {
        helpLine(say(T.drop_word, r.word, r.n), T.remove_filter.replace("{q}", r.word), function () {
          input.value = input.value.split(/\s+/).filter(function (x) { return x !== r.word; }).join(" ");
          search();
        });
      });
      if (removals.length || !q) return;
      return runJoined(pf, q, {}).then(function (unfiltered) {
        if (mine !== serial) return;
        if (unfiltered.results.length) {
          helpLine(say(T.filters_emptied, typed, unfiltered.results.length), T.clear_filters,
            function () { untick(); dropLifted(); stepped(); });
          return;
        }
        return suggest(pf, typed, vocab, mine);
      });
    });
  }

  // A query of which some words match nothing (XYZ合金: Pagefind drops XYZ and finds 合金): say which words match
  // nothing and offer the search of the others, rather than show the list as if it answered the whole query. The
  // words are those Pagefind makes of the query (Intl.Segmenter); one not marked in the first results is searched
  // alone (the index files of its words are loaded already; up to three fragments more, mostly of results already
  // shown), and it matches nothing when no first result of that search marks it.
  function partly(pf, typed, vocab, data, mine) {
    if (!segmenter) return Promise.resolve();
    var found = [];
    data.forEach(function (d) { found = found.concat(marks(d.excerpt).map(fold)); });
    var pieces = [];
    typed.normalize("NFKC").trim().split(/\s+/).forEach(function (w) {
      for (var s of segmenter.segment(w)) if (s.isWordLike) pieces.push(s.segment);
    });
    var unsure = pieces.filter(function (p) {
      var forms = [fold(p), fold(term(p, vocab))];
      return !found.some(function (m) { return forms.some(function (f) { return f && m.indexOf(f) >= 0; }); });
    });
    if (!unsure.length || unsure.length === pieces.length) return Promise.resolve();
    return Promise.all(unsure.map(function (p) {
      // Pagefind falls back to a shorter start of a word it does not have (XYZ: the X of 蛍光X線): a piece matches
      // when a first result of its own marks it whole
      var forms = [fold(p), fold(term(p, vocab))];
      return pf.search(term(p, vocab)).then(function (r) {
        return Promise.all(r.results.slice(0, 3).map(function (x) { return x.data(); })).then(withTexts);
      }).then(function (own) {
        var hit = own.some(function (d) {
          return marks(d.excerpt).some(function (m) { m = fold(m); return forms.some(function (f) { return f && m.indexOf(f) >= 0; }); });
        });
        return hit ? null : p;
      });
    })).then(function (missing) {
      missing = missing.filter(Boolean);
      if (mine !== serial || !missing.length) return;
      var rest = typed.normalize("NFKC");
      missing.forEach(function (p) { rest = rest.replace(p, " "); });
      rest = rest.replace(/\s+/g, " ").trim();
      if (!rest) return;
      helpLine(say(T.partly, rest, 0).replace("{missing}", missing.join(" ")), say(T.partly_search, rest, 0), function () {
        input.value = rest;
        stepped();
      });
    });
  }

  function helpLine(text, action, onClick) {
    var p = document.createElement("p");
    p.className = "search-help-line";
    p.appendChild(document.createTextNode(text + " "));
    var b = document.createElement("button");
    b.type = "button";
    b.className = "search-help-action";
    b.textContent = action;
    b.addEventListener("click", onClick);
    p.appendChild(b);
    help.appendChild(p);
  }

  // --- a company's name typed in kana or romaji with a typo ---

  var corrected = null; // {from, to}: the search shown is the name `to` for the words typed, `from`
  var noFix = null; // the text the buyer asked to search as typed, not as the name it is close to
  // katakana -> Hepburn romaji; ャュョ after an i-syllable, small ァィゥェォ after any, ッ doubles what follows
  var KANA = {};
  ("ア a イ i ウ u エ e オ o カ ka キ ki ク ku ケ ke コ ko サ sa シ shi ス su セ se ソ so タ ta チ chi ツ tsu テ te ト to " +
    "ナ na ニ ni ヌ nu ネ ne ノ no ハ ha ヒ hi フ fu ヘ he ホ ho マ ma ミ mi ム mu メ me モ mo ヤ ya ユ yu ヨ yo " +
    "ラ ra リ ri ル ru レ re ロ ro ワ wa ヰ i ヱ e ヲ o ン n ガ ga ギ gi グ gu ゲ ge ゴ go ザ za ジ ji ズ zu ゼ ze ゾ zo " +
    "ダ da ヂ ji ヅ zu デ de ド do バ ba ビ bi ブ bu ベ be ボ bo パ pa ピ pi プ pu ペ pe ポ po ヴ bu").split(" ")
    .forEach(function (x, i, all) { if (i % 2 === 0) KANA[x] = all[i + 1]; });
  var SMALL = { "ャ": "a", "ュ": "u", "ョ": "o", "ァ": "a", "ィ": "i", "ゥ": "u", "ェ": "e", "ォ": "o" };
  function romaji(kana) {
    var k = String(kana).normalize("NFKC").replace(/[\u3041-\u3096]/g, function (c) {
      return String.fromCharCode(c.charCodeAt(0) + 0x60);
    });
    var out = "", double = false;
    for (var i = 0; i < k.length; i++) {
      var c = k[i];
      if (c === "ッ") { double = true; continue; }
      if (c === "ー") continue; // long vowels are dropped (plainRomaji)
      var r = KANA[c];
      if (r === undefined) return null; // not a reading
      var small = SMALL[k[i + 1]];
      if (small) {
        i++;
        if (/[ャュョ]/.test(k[i])) r = /^(shi|chi|ji)$/.test(r) ? r.slice(0, -1) + small : r.slice(0, -1) + "y" + small;
        else r = r.replace(/[aiueo]$/, "") + small;
      }
      if (double) { r = r[0] + r; double = false; }
      out += r;
    }
    return out;
  }
  // Romaji as the index's readings write it: Hepburn without long vowels (ookouchi, ohkochi, okouchi → okochi)
  function plainRomaji(word) {
    var w = String(word).normalize("NFKC").toLowerCase();
    if (!/^[a-z]+$/.test(w)) w = /^[\u3041-\u3096\u30a1-\u30fcー]+$/.test(w) ? romaji(w) : null;
    if (!w) return null;
    KUNREI.forEach(function (r) { w = w.replace(r[0], r[1]); });
    return w.replace(/shh/g, "sh").replace(/chh/g, "ch");
  }
  // The kana a romaji word starts with (sugiyra: す), for the names file of its first character
  var ROMAJI_KANA = null;
  function firstKana(w) {
    if (!ROMAJI_KANA) {
      ROMAJI_KANA = {};
      Object.keys(KANA).forEach(function (k) { if (!ROMAJI_KANA[KANA[k]]) ROMAJI_KANA[KANA[k]] = k; });
    }
    for (var n = 3; n >= 1; n--) if (ROMAJI_KANA[w.slice(0, n)]) return ROMAJI_KANA[w.slice(0, n)];
    return null;
  }
  // The name of the one company whose reading starts with a word of the query one letter away (edit distance 1, or
  // the same but for long vowels and Kunrei spellings), the query with that name in place of the word; null when no
  // word is such, or when two companies are as close (the buyer chooses from "did you mean" then)
  function nameFixed(typed) {
    var words = typed.normalize("NFKC").trim().split(/\s+/);
    var look = words.map(function (w) { return /^[a-z]+$/i.test(w) ? firstKana(w.toLowerCase()) || w : w; });
    return namesFor(look).then(function (companies) {
      var fixed = words.slice(), changed = false;
      words.forEach(function (word, at) {
        var w = plainRomaji(word);
        if (!w || w.length < 5) return;
        var hits = {};
        (companies || []).forEach(function (c) {
          var r = plainRomaji(c[1]);
          if (!r) return;
          for (var n = w.length - 1; n <= w.length + 1; n++) {
            if (n <= r.length && near(w, r.slice(0, n))) { hits[c[0]] = true; return; }
          }
        });
        var found = Object.keys(hits);
        if (found.length === 1) { fixed[at] = found[0]; changed = true; }
      });
      return changed ? fixed.join(" ") : null;
    });
  }

  // The query with a misspelt Latin word of 5 letters or more (weldng) as the one vocabulary word one letter away
  // (welding), when the index has no such word: Pagefind matches what starts like it (weld…: Welding, but also every
  // page with a word close to it), a long list that is partly unrelated and misses companies. Null when no word is
  // such, or when two vocabulary words are as close ("did you mean" then lets the buyer choose).
  function wordFixed(typed, vocab) {
    if (!vocab) return null;
    var forms = {};
    Object.keys(vocab.terms || {}).forEach(function (name) {
      Object.keys(vocab.terms[name]).forEach(function (key) {
        vocab.terms[name][key].forEach(function (w) { forms[fold(w)] = w; });
      });
    });
    (vocab.concepts || []).forEach(function (group) { group.forEach(function (w) { forms[fold(w)] = w; }); });
    var words = typed.normalize("NFKC").trim().split(/\s+/), changed = false;
    var fixed = words.map(function (word) {
      var f = fold(word);
      if (!/^[a-z]{5,}$/.test(f) || forms[f]) return word;
      var close = Object.keys(forms).filter(function (form) { return /^[a-z]+$/.test(form) && near(f, form); });
      if (close.length !== 1) return word;
      changed = true;
      return close[0];
    });
    return changed ? fixed.join(" ") : null;
  }

  // Levenshtein distance, stopping early above 1
  function near(a, b) {
    if (a === b || Math.abs(a.length - b.length) > 1) return false;
    var i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    var j = 0;
    while (j < a.length - i && j < b.length - i && a[a.length - 1 - j] === b[b.length - 1 - j]) j++;
    return a.length - i - j <= 1 && b.length - i - j <= 1;
  }

  // A word respelt as a buyer may have meant it: romaji in Kunrei/Nihon-shiki or with ō as oh/ou/oo written in
  // Hepburn without long vowels, as the readings are indexed (hosino → hoshino, ohkochi → okochi); つ/や/ゆ/よ that
  // should be small (せつさく → せっさく)
  var KUNREI = [[/sy([aueo])/g, "sh$1"], [/ty([aueo])/g, "ch$1"], [/zy([aueo])/g, "j$1"], [/si/g, "shi"], [/ti/g, "chi"],
    [/tu/g, "tsu"], [/hu/g, "fu"], [/zi/g, "ji"], [/di/g, "ji"], [/du/g, "zu"], [/oh(?![aiueoy])/g, "o"], [/o[ou]/g, "o"],
    [/uu/g, "u"]];
  var ROMAJI = /^(?:(?:[kgsztdnhbpmrwfjy]|[kgsztdnhbpmr]y|sh|ch|ts)?[aiueo]h?|n(?![aiueoy])|([kgstpbdc])(?=\1))+$/i;
  function respell(word) {
    var w = word.normalize("NFKC");
    if (ROMAJI.test(w)) {
      w = w.toLowerCase();
      KUNREI.forEach(function (r) { w = w.replace(r[0], r[1]); });
      return w.replace(/shh/g, "sh").replace(/chh/g, "ch");
    }
    return w.replace(/[つツ](?=[かきくけこさしすせそたちつてとぱぴぷぺぽカキクケコサシスセソタチツテトパピプペポ])/g, function (c) {
      return c === "つ" ? "っ" : "ッ";
    }).replace(/([きしちにひみりぎじびぴ])([やゆよ])/g, function (all, a, b) {
      return a + String.fromCharCode(b.charCodeAt(0) - 1);
    });
  }

  // "Did you mean": respellings, vocabulary words and names one letter away; never the words the results already
  // hold (TIG is not jig) nor a suggestion that gives the very same companies
  function suggest(pf, typed, vocab, mine, data) {
    var words = typed.normalize("NFKC").trim().split(/\s+/);
    var present = [];
    (data || []).forEach(function (d) { present = present.concat(marks(d.excerpt).map(fold)); });
    var respelt = words.map(respell).join(" ");
    return namesFor(words).then(function (companies) {
      var candidates = []; // [what to show, the spellings it is matched by, whether a start of it counts]
      Object.keys((vocab && vocab.terms) || {}).forEach(function (name) {
        Object.keys(vocab.terms[name]).forEach(function (key) {
          vocab.terms[name][key].forEach(function (w) { candidates.push([w, [fold(w)], false]); });
        });
      });
      ((vocab && vocab.concepts) || []).forEach(function (group) {
        group.forEach(function (w) { candidates.push([w, [fold(w)], false]); });
      });
      // a company by its name or reading, typed from the start (スギウワ for スギウラセイサクショ): suggest the name
      (companies || []).forEach(function (c) { candidates.push([c[0], [fold(c[0]), fold(c[1])], true]); });
      var seen = {};
      var found = [];
      if (respelt !== words.join(" ")) found.push(respelt);
      words.forEach(function (word, at) {
        var f = fold(word);
        // a short Latin word is an abbreviation more often than a typo (TIG is not jig, SUS not bus); two kanji are a
        // whole word, one of them wrong in a typo (溶節 for 溶接: the buyer of session 16 got 溶's 13 companies)
        var shortest = /^[a-z0-9]+$/.test(f) ? 4 : /^[\u3400-\u9fff\uf900-\ufaff々]+$/.test(f) ? 2 : 3;
        if (f.length < shortest || present.some(function (m) { return m.indexOf(f) >= 0; })) return;
        candidates.forEach(function (c) {
          var close = c[1].some(function (form) {
            return near(f, form) || (c[2] && form.length > f.length &&
              (near(f, form.slice(0, f.length)) || near(f, form.slice(0, f.length + 1))));
          });
          // with results, the typed word with a letter more is the same search (ワイヤ放電 → ワイヤ放電機)
          if ((data || []).length && fold(c[0]).indexOf(f) === 0) return;
          if (!close || seen[fold(c[0])]) return; // Welding and welding are one suggestion
          seen[fold(c[0])] = true;
          var fixed = words.slice();
          fixed[at] = c[0];
          found.push(fixed.join(" "));
        });
      });
      found = found.slice(0, 5);
      return withReadings(vocab, found.join(" ")).then(function () {
        return Promise.all(found.map(function (s) {
          return runJoined(pf, term(s, vocab), {}).then(function (f) {
            return [s, f.results.length, f.results.map(function (r) { return r.id; }).sort().join(" ")];
          });
        }));
      });
    }).then(function (tried) {
      if (mine !== serial) return;
      var now = results.map(function (r) { return r.id; }).sort().join(" ");
      tried = tried.filter(function (t) { return t[1] > 0 && t[2] !== now; }).sort(function (a, b) { return b[1] - a[1]; }).slice(0, 3);
      if (!tried.length) return;
      var p = document.createElement("p");
      p.className = "search-help-line search-suggest";
      p.appendChild(document.createTextNode(T.did_you_mean + " "));
      tried.forEach(function (t, i) {
        if (i) p.appendChild(document.createTextNode(en ? ", " : "、"));
        var a = document.createElement("a");
        var params = new URLSearchParams(location.search);
        params.set("q", t[0]);
        a.href = "?" + params.toString();
        a.textContent = t[0];
        a.addEventListener("click", function (event) {
          event.preventDefault();
          input.value = t[0];
          stepped();
        });
        p.appendChild(a);
        p.appendChild(document.createTextNode(say(T.count, "", t[1])));
      });
      help.appendChild(p);
    });
  }

  // --- results ---

  // The query's own words and the words Pagefind marked in a result's excerpt. A Japanese mark that neither holds a
  // word of the query nor is held by one is where a piece of it matched the start of another word (金型 is searched
  // as 金 and 型: 金 marks 金属 of 金属熱処理技能士), not a reason to show
  // (`typedOnly`: the result's text was not loaded; the pieces Pagefind makes of the words typed stand for its marks)
  function marked(excerpt, typedOnly) {
    var typed = matchedWords.map(fold).filter(Boolean);
    var found = marks(excerpt);
    if (typedOnly && segmenter) {
      matchedWords.forEach(function (w) {
        for (var s of segmenter.segment(w.normalize("NFKC"))) {
          // Japanese pieces only: a Latin word is searched whole (the O of Oリング would be in every label)
          if (s.isWordLike && s.segment !== w && s.segment.length > 1 && CJK.test(s.segment)) found.push(s.segment);
        }
      });
    }
    return matchedWords.concat(found.filter(function (m) {
      var f = fold(m);
      return !CJK.test(f) || typed.some(function (w) { return f.indexOf(w) >= 0 || (f.length > 1 && w.indexOf(f) >= 0); });
    }));
  }

  // The words Pagefind marked in an excerpt (<mark>…</mark>, neighbours joined)
  function marks(excerpt) {
    var words = [];
    var doc = new DOMParser().parseFromString("<p>" + (excerpt || "") + "</p>", "text/html");
    var run = "";
    doc.body.firstChild.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") { run += node.textContent; }
      else if (run) { words.push(run); run = ""; }
    });
    if (run) words.push(run);
    return words.map(function (w) { return w.trim(); }).filter(function (w) { return w.length > 1 || CJK.test(w); });
  }

  function contains(text, words) {
    var f = fold(text);
    return words.some(function (w) { var fw = fold(w); return fw && f.indexOf(fw) >= 0; });
  }

  // Text with the matched words marked, built from text nodes (never from HTML)
  function highlighted(el, text, words) {
    var parts = words.map(function (w) { return w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }).filter(Boolean);
    if (!parts.length) { el.textContent = text; return el; }
    var re = new RegExp("(" + parts.sort(function (a, b) { return b.length - a.length; }).join("|") + ")", "gi");
    String(text).split(re).forEach(function (piece, i) {
      if (!piece) return;
      if (i % 2) { var m = document.createElement("mark"); m.textContent = piece; el.appendChild(m); }
      else el.appendChild(document.createTextNode(piece));
    });
    return el;
  }

  // Why the company matched: the vocabulary terms, products, materials and machines that hold a matched word, by kind
  // ([kind, [what…]]). A term counts when one of its words is a matched word or holds one the buyer typed or Pagefind
  // marked (not one only of the concept: "machining" is in the label of EDM too)
  //
  // Honest about what matched: a piece of a typed compound that Pagefind marked on its own (機械 of 産業機械) is no
  // reason (機械加工 is not 産業機械), and a place (an area, a municipality) is a reason only when the buyer typed its
  // name (紅葉台, kita), not when a word of the query starts it (momiji: Momijidai District) or is found in an address
  // or a name: the place is on the result's last line anyway.
  //
  // Each reason has a rank (`tiers`): what the company is — its catchphrase (概要), its industries, certifications,
  // processes — before what it makes or owns (products, machines, materials), before what it only names (customers,
  // a process it gives out, its text). A buyer's 医療 wants the maker of medical devices before a shop with one
  // 医療機器用 product, and 自動車 the IATF 16949 suppliers before a shop that sells to 自動車部品メーカー (outsider buyer,
  // session 16).
  var PLACES = { areas: true, municipality: true, place: true };
  var typedWords = []; // the words the buyer typed (not the labels of the aliases among them), folded
  var TIER = { industries: 0, certifications: 0, technologies: 0, accepts: 0, capabilities: 0, areas: 0,
    municipality: 0, place: 0, summary: 0, machines: 1.5, materials: 1, material_groups: 1, qualifications: 1.5,
    products: 1, equipment: 1.5, alias: 1.5, customers: 2, outsources: 2, text: 2, address: 2 };
  function why(d, marked, words, vocab) {
    var typed = matchedWords.map(fold).filter(Boolean);
    var direct = directMarks(marked);
    words = withConcepts(direct, vocab);
    var reasons = [];
    function add(kind, what, source) {
      var r = reasons.filter(function (x) { return x[0] === kind; })[0];
      var tier = TIER[source] === undefined ? 1 : TIER[source];
      if (!r) reasons.push(r = [kind, [], tier]);
      r[2] = Math.min(r[2], tier);
      if (r[1].indexOf(what) < 0 && r[1].length < 3) r[1].push(what);
    }
    var folded = words.map(fold);
    var f = d.filters || {};
    var m = d.meta || {};
    // the catchphrase first: what the company is (it is shown above, marked; the line names the words it holds)
    var summary = (en && m.summary_en) || m.summary || "";
    phrases(summary).forEach(function (part) { if (contains(part, words)) add(T.why_summary, part, "summary"); });
    if (en && m.summary_en && m.summary && !reasons.length) {
      phrases(m.summary).forEach(function (part) { if (contains(part, words)) add(T.why_summary, part, "summary"); });
    }
    groups.forEach(function (name) {
      (f[name] || []).forEach(function (key) {
        var all = ((vocab && vocab.terms && vocab.terms[name]) || {})[key] || [];
        if (PLACES[name]) all = all.concat([label(name, key)[0]]);
        var hit = function (w) { return folded.indexOf(fold(w)) >= 0 || contains(w, direct); };
        if (PLACES[name] ? all.some(function (w) { return placeNamed(w, typed); }) : all.some(hit)) {
          // a process by an alias only (レーザー切断 of レーザー加工, which a laser marker's owner lists too): no more
          // than a machine
          var byAlias = (name === "technologies" || name === "accepts") && !all.slice(0, 2).some(function (w) {
            return fold(w).replace(/ー/g, "").indexOf(typedWords.join("").replace(/ー/g, "")) >= 0;
          });
          add(groupTitle[name], label(name, key)[0], byAlias ? "alias" : name);
        }
      });
    });
    // the English page names them in English (the _en list, item by item beside the Japanese one), matched in either
    // a process the company gives out (a filter of its page, not a searched word): said, as it is not theirs
    (f.outsources || []).forEach(function (key) {
      var all = ((vocab && vocab.terms && vocab.terms.technologies) || {})[key] || [];
      if (all.some(function (w) { return folded.indexOf(fold(w)) >= 0 || contains(w, direct); })) {
        add(T.why_outsources, all[en ? 1 : 0] || key, "outsources");
      }
    });
    [["products", T.why_product], ["materials", T.why_material], ["equipment", T.why_equipment],
      ["customers", T.why_customers]].forEach(function (pair) {
      var ja = (m[pair[0]] || "").split(" / ");
      var shown = en && m[pair[0] + "_en"] ? m[pair[0] + "_en"].split(" / ") : ja;
      if (shown.length !== ja.length) ja = shown;
      shown.forEach(function (item, i) {
        if (item && (contains(item, words) || contains(ja[i], words))) {
          add(pair[1], item, pair[0] === "products" && (forIt(ja[i]) || forIt(item)) ? "customers" : pair[0]);
        }
      });
    });
    // nothing else: the address, when a word the buyer typed is in it (桜ケ丘, Sakuragaoka), as the excerpt shows it,
    // or else the words of its text around what matched (本文：…leak-tight…), when its text was loaded
    if (!reasons.length) {
      var at = addressIn(d.excerpt, direct);
      if (at) add(T.why_address, at, "address");
      else {
        // not a place's name (momiji: Momijidai District): a place is a reason only when typed (above)
        var places = [];
        Object.keys(PLACES).forEach(function (name) {
          var terms = (vocab && vocab.terms && vocab.terms[name]) || {};
          Object.keys(terms).forEach(function (k) { places = places.concat(terms[k].map(fold)); });
        });
        var said = textAround(d.excerpt, direct.filter(function (w) {
          return !places.some(function (p) { return p.indexOf(fold(w)) >= 0; });
        }));
        if (said) add(T.why_text, said, "text");
      }
    }
    reasons.sort(function (a, b) { return a[2] - b[2]; });
    return reasons.slice(0, 4);
  }

  // The marks that are a word the buyer typed: a Japanese mark that holds a word typed, a Latin mark that is a word
  // typed or starts with one of 4 letters or more (weld: welding; not tig: tight of leak-tight)
  function directMarks(marked) {
    var typed = matchedWords.map(fold).filter(Boolean);
    return marked.filter(function (m) {
      var f = fold(m);
      if (CJK.test(f)) return typed.some(function (w) { return f.indexOf(w) >= 0; });
      return typed.some(function (w) { return f === w || (w.length >= 4 && f.indexOf(w) === 0) || w.indexOf(f) >= 0; });
    });
  }

  // The phrases of a catchphrase (医療機器・手術器具の精密加工とレーザーマーキング: 医療機器, 手術器具, 精密加工 …):
  // split at punctuation and at the kana between words, so that the line names the phrase, not the sentence
  function phrases(text) {
    var t = String(text || "").normalize("NFKC");
    var parts = CJK.test(t) ? t.split(/[\s・、。,，「」（）()]+|[\u3041-\u309f]+/)
      : t.split(/[,;:.()]+|\s(?:and|of|for|with|from|to|in|by)\s/i);
    return parts.map(function (p) { return p.trim(); }).filter(function (p) { return p.length > 1; });
  }

  // A few words of the excerpt around its first mark that is a word typed (…鋳巣を抑え、溶接・熱処理が可能な…)
  function textAround(excerpt, direct) {
    if (!excerpt || !direct.length) return null;
    var doc = new DOMParser().parseFromString("<p>" + excerpt + "</p>", "text/html");
    var text = "", at = -1;
    doc.body.firstChild.childNodes.forEach(function (node) {
      if (at < 0 && node.nodeName === "MARK" && contains(node.textContent, direct)) at = text.length;
      text += node.textContent;
    });
    if (at < 0) return null;
    var start = Math.max(0, at - 12), end = Math.min(text.length, at + 24);
    return (start > 0 ? "…" : "") + text.slice(start, end).trim() + (end < text.length ? "…" : "");
  }

  // The company's address in the excerpt Pagefind cut around a matched word of its hidden words (〒437-0318
  // 静岡県紅葉川市桜ケ丘2-3-11 2-3-11 Sakuragaoka, Momijigawa, Shizuoka 437-0318: the Japanese address is one word
  // from the prefecture on, the English one ends with the postal code), when one of `words` is in it; the English
  // page shows the English address when the excerpt has it whole
  function addressIn(excerpt, words) {
    var doc = new DOMParser().parseFromString("<p>" + (excerpt || "") + "</p>", "text/html");
    var text = doc.body.textContent.normalize("NFKC");
    var ja = /\S*?[都道府県]\S*?[市区町村郡]\S*/.exec(text);
    if (!ja) return null;
    var after = text.slice(ja.index + ja[0].length);
    var latin = /^\s+([0-9A-Za-z][^\u3040-\u30ff\u3400-\u9fff]*?\d{3}-\d{4})/.exec(after);
    var typed = words.map(fold).filter(function (w) { return w.length > 1 || CJK.test(w); });
    var holds = function (a) { return a && typed.some(function (w) { return fold(a).indexOf(w) >= 0; }); };
    if (!holds(ja[0]) && !(latin && holds(latin[1]))) return null;
    return en && latin ? latin[1] : ja[0];
  }

  // Whether the buyer typed the name of a place (紅葉台 or 紅葉台地区 for 紅葉台地区, kita for Kita District): a typed word
  // that is the name, or its start before 地区/団地/District, or one whole word of an English name
  function placeNamed(name, typed) {
    var f = fold(name);
    var bare = f.replace(/(工業団地|地区|団地|district|industrialpark|industrialestate)$/, "");
    var parts = String(name).normalize("NFKC").toLowerCase().split(/[\s,・]+/);
    return typed.some(function (w) {
      return w === f || (bare.length >= 2 && w === bare) || (!CJK.test(w) && w.length >= 3 && parts.indexOf(w) >= 0);
    });
  }

  // The words and the other words of their concepts (semiconductor: 半導体 …), to show where a result says it
  function withConcepts(words, vocab) {
    var folded = words.map(fold);
    var out = words.slice();
    ((vocab && vocab.concepts) || []).forEach(function (group) {
      if (group.some(function (w) { return folded.indexOf(fold(w)) >= 0; })) out = out.concat(group);
    });
    return out;
  }

  var ABSOLUTE = /^([a-z][a-z0-9+.-]*:|\/\/)/i;
  var JAPANESE = /[\u3040-\u30fa\u30fc-\u30ff\u3400-\u9fff\uff66-\uff9f]/; // kana and kanji (templates.py JAPANESE)

  // The English page's small notes, as its company pages show them: 日本語のみ / Japanese only, ローマ字表記
  function note(cls, text) {
    var small = document.createElement("small");
    small.className = cls;
    small.textContent = text;
    return small;
  }

  function item(d, vocab, id) {
    var m = d.meta || {};
    var other = NET && NET.siteOf(d.url); // a company of another guidebook: its page and pictures are there
    // A merged index is another site's data: a result must link into its own guidebook (or this one), and its
    // picture come from there, never from an address the index names.
    if (!other && (d.url.indexOf(root) !== 0 || ABSOLUTE.test(d.url))) return null;
    if (m.image && ABSOLUTE.test(m.image) && m.image.indexOf(other ? other.url : rootUrl.origin + root) !== 0) {
      m = Object.assign({}, m, { image: null });
    }
    var direct = marked(d.excerpt, !d.content && !!d.text && !d.excerpt);
    var words = withConcepts(direct, vocab);
    var li = document.createElement("li");
    li.className = "result";
    if (m.image) {
      var img = document.createElement("img");
      img.className = "result-thumb";
      img.src = /^([a-z]+:)?\//i.test(m.image) ? m.image : (other ? other.url : relRoot) + m.image;
      img.alt = ""; // the name beside it says what it is
      img.loading = "lazy";
      li.appendChild(img);
    }
    var body = document.createElement("div");
    body.className = "result-body";
    var title = document.createElement("h2");
    title.className = "result-title";
    var link = document.createElement("a");
    link.href = other ? NET.link(other, d.url) : relRoot + (en ? "en/" : "") + d.url.slice(root.length);
    highlighted(link, (en && m.title_en) || m.title, words);
    title.appendChild(link);
    if (en && !m.title_en) { // a guidebook that gives no English name (an older one searched together)
      link.lang = "ja";
      title.appendChild(document.createTextNode(" "));
      title.appendChild(note("ja-only", T.ja_only));
    }
    if (en && m.title_en && m.title_romanised) { // as the English company page says it: romanised by this tool
      title.appendChild(document.createTextNode(" "));
      title.appendChild(note("romanised-note", T.romanised));
    }
    body.appendChild(title);
    var summary = (en && m.summary_en) || m.summary;
    if (summary) {
      var p = document.createElement("p");
      p.className = "result-summary";
      highlighted(p, summary, words);
      body.appendChild(p);
      if (en && !m.summary_en) {
        p.lang = "ja";
        p.appendChild(document.createTextNode(" "));
        p.appendChild(note("ja-only", T.ja_only));
      }
    }
    var reasons = why(d, direct, words, vocab);
    if (reasons.length) {
      var w = document.createElement("p");
      w.className = "result-why";
      w.appendChild(document.createTextNode(T.why + " "));
      var japanese = false; // a name the company gave only in Japanese, on the English page
      reasons.forEach(function (r, i) {
        if (i) w.appendChild(document.createTextNode(" ・ "));
        w.appendChild(document.createTextNode(r[0] + (en ? ": " : "：")));
        r[1].forEach(function (what, j) {
          if (j) w.appendChild(document.createTextNode(en ? ", " : "、"));
          var span = highlighted(document.createElement("span"), what, words);
          if (en && JAPANESE.test(what)) { span.lang = "ja"; japanese = true; }
          w.appendChild(span);
        });
      });
      if (japanese) {
        w.appendChild(document.createTextNode(" "));
        w.appendChild(note("ja-only", T.ja_only));
      }
      body.appendChild(w);
    }
    var fit = sizes(d, vocab);
    if (fit.length) {
      var fp = document.createElement("p");
      fp.className = "result-figures";
      fp.textContent = T.sizes + " " + fit.join(en ? ", " : "、");
      body.appendChild(fp);
    }
    // a maker of the thing typed (外観検査装置 among its products) is not told that it is no process of theirs
    if (id && others[id] && !makes(d)) {
      var not = document.createElement("p");
      not.className = "result-note";
      not.textContent = say(T.not_theirs, input.value.trim() || matchedWords.join(" "), 0);
      body.appendChild(not);
    }
    // a lot typed (ロット 50000個): the company's lot range (the sizes above say its machines)
    var figures = !fit.length && window.GuidebookTyped && window.GuidebookTyped.figureLine(d, en, T);
    if (figures) {
      var fl = document.createElement("p");
      fl.className = "result-why result-figures";
      fl.textContent = figures;
      body.appendChild(fl);
    }
    var f = d.filters || {};
    var techs = (f.technologies || []).map(function (k) { return label("technologies", k); })
      .sort(function (a, b) { return a[1] - b[1]; }).map(function (l) { return l[0]; });
    var where = (NET ? f.municipality || [] : []).map(function (k) { return label("municipality", k)[0]; })
      .concat((f.areas || []).map(function (k) { return (other && NET.area(other, k)) || label("areas", k)[0]; }));
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

  // After a size search (プレス機の加圧能力 200 t 以上, 最大加工寸法 1,000 mm 以上): the company's machines that meet it
  // with their own figures (プレス機 最大300 t ×12), from the values of its page's "figures-<range>" filters
  // (site/facts.py range_figures), so that a buyer need not open every page
  function sizes(d, vocab) {
    var ticked = chosen();
    var ranges = (vocab && vocab.ranges) || {};
    var machines = (vocab && vocab.terms && vocab.terms.machines) || {};
    var out = [];
    var f = d.filters || {};
    var values = [];
    Object.keys(f).forEach(function (name) { if (name.indexOf("figures-") === 0) values = values.concat(f[name]); });
    values.forEach(function (v) {
      var p = v.split("|");
      var want = (ticked[p[0]] || [])[0];
      var typed = window.GuidebookTyped && window.GuidebookTyped.floor(p[0]); // プレス 1000t: 1,000, not the step
      if (want !== undefined && typed > +want) want = typed;
      if (want === undefined || +p[2] < +want) return;
      if (p[1] && ticked.machines && ticked.machines.indexOf(p[1]) < 0) return; // only the machine types ticked
      var range = ranges[p[0]] || {};
      var unit = (range.unit || [""])[en ? 1 : 0] || (range.unit || [""])[0];
      var what = p[1] ? (machines[p[1]] || [])[en ? 1 : 0] || p[1] : (range.title || [""])[en ? 1 : 0];
      var count = parseInt(p[3], 10) || 1;
      var most = /\+$/.test(p[3]) ? (en ? "up to " : "最大") : "";
      out.push(what + " " + most + (+p[2]).toLocaleString("en") + " " + unit + (count > 1 ? " ×" + count : ""));
    });
    return out.slice(0, 4);
  }

  // Whether every word of the query is found as written (or as the start of a word) in the first results
  function exact(q, data) {
    var found = [];
    data.forEach(function (d) { found = found.concat(marks(d.excerpt)); });
    found = found.map(fold);
    return q.split(/\s+/).every(function (w) {
      var f = fold(w);
      return found.some(function (m) { return m.indexOf(f) >= 0; });
    });
  }

  // --- the results' texts ---
  // A result's fragment holds no text (generator/search/compact.py): its words are in a file of their own, loaded only
  // for a query whose words are not all in the first results' terms, names, products, materials and machines (a
  // misspelt word, a word of a company's prose, a reading), where the marks of Pagefind's excerpt say what matched.
  // Otherwise the words typed are the marks (why, highlighted).
  var texts = {}; // address -> the promise of a text
  var textsNeeded = false; // for this search: the results shown are given their excerpts from their texts

  // Pagefind 1.6's excerpt (pagefind.js: the window of `length` words of the most weight, every matched word marked),
  // of a text loaded apart; the same words, marks and window as Pagefind makes of a fragment that holds its text
  function excerptOf(content, weighted, length) {
    var at = [];
    weighted.forEach(function (w) { at[w.location] = (at[w.location] || 0) + w.balanced_score; });
    var start = 0;
    if (weighted.length && at.length > length) {
      var best = at.slice(0, length).reduce(function (a, b) { return a + b; }, 0), sum = best, starts = [0];
      for (var i = 0; i < at.length; i++) {
        sum += (at[i + length] || 0) - (at[i] || 0);
        if (sum > best) { best = sum; starts = [i]; }
        else if (sum === best && starts[starts.length - 1] === i - 1) starts.push(i);
      }
      start = starts[Math.floor(starts.length / 2)];
    }
    var raw = content.replace(/</g, "&lt;").replace(/>/g, "&gt;");
    var zw = raw.indexOf("\u200b") >= 0;
    var words = zw ? raw.split("\u200b") : raw.split(/[^\S\uFEFF]+/g);
    var n = words.length;
    if (n < length) length = n;
    if (start + length > n) start = n - length;
    if (start < 0) start = 0;
    weighted.forEach(function (w) {
      var k = w.location;
      if (k < n && words[k].indexOf("<mark>") !== 0) words[k] = "<mark>" + words[k] + "</mark>";
    });
    return words.slice(start, start + length).join(zw ? "" : " ").trim();
  }

  // The results with Pagefind's excerpts, from their texts where their fragments hold none: copies (Pagefind keeps one
  // object per page, and gives it the word places of the latest search that loaded it)
  function withTexts(data) {
    return Promise.all(data.map(function (d) {
      if (!d || !d.text || d.content) return d;
      var weighted = (d.weighted_locations || []).slice();
      var other = NET && NET.siteOf(d.url);
      var url = new URL(d.text, other ? other.url : rootUrl).href;
      if (!texts[url]) {
        texts[url] = fetch(url).then(function (r) { if (!r.ok) throw new Error(url); return r.json(); });
        texts[url].catch(function () { delete texts[url]; });
      }
      return texts[url].then(function (content) {
        return Object.assign({}, d, { excerpt: excerptOf(String(content || ""), weighted, 30) });
      });
    }));
  }

  // Whether every word of `q` is in the terms, names, products, materials or machines of one of the results (then
  // the results need no text: what the buyer typed is what matched, exact() would find it marked)
  function inTerms(q, data, vocab) {
    var held = [];
    data.forEach(function (d) {
      if (!d) return;
      var m = d.meta || {}, f = d.filters || {};
      ["title", "title_en", "summary", "summary_en", "products", "products_en", "materials", "materials_en",
        "equipment", "equipment_en"].forEach(function (k) { if (m[k]) held.push(fold(m[k])); });
      Object.keys(f).forEach(function (name) {
        if (name === "outsources") return; // given out: not among its searched words
        var terms = (vocab && vocab.terms && vocab.terms[name]) || {};
        (f[name] || []).forEach(function (key) { (terms[key] || []).forEach(function (w) { held.push(fold(w)); }); });
      });
    });
    var words = String(q || "").split(/\s+/).map(fold).filter(Boolean);
    return words.length > 0 && words.every(function (w) { return held.some(function (h) { return h.indexOf(w) >= 0; }); });
  }

  function showMore(focus, mine, q) {
    var next = results.slice(shown, shown + PAGE);
    return Promise.all([vocabulary].concat(next.map(function (r) { return r.data(); }))).then(function (data) {
      if (mine !== serial) return;
      var vocab = data.shift();
      if (!shown) textsNeeded = !!q && !inTerms(q, data, vocab) && !inTerms(labelled(q), data, vocab);
      if (!textsNeeded) {
        return [vocab].concat(data.map(function (d) { return d && !d.content && d.text ? Object.assign({}, d, { excerpt: "" }) : d; }));
      }
      return withTexts(data).then(function (full) { return [vocab].concat(full); });
    }).then(function (data) {
      if (!data || mine !== serial) return;
      var vocab = data.shift();
      var shownNow = [];
      var late = []; // results that show nothing of why they matched (an address): their texts say
      doersFirst(data.map(function (d, i) { return [d, next[i]]; }), vocab).forEach(function (pair) {
        var d = pair[0];
        var li = item(d, vocab, pair[1].id);
        if (!li) return;
        list.appendChild(li);
        shownNow.push(li);
        if (matchedWords.length && !d.content && d.text && !d.excerpt && !li.querySelector(".result-why, mark")) {
          late.push([d, shownNow.length - 1, pair[1].id]);
        }
      });
      shown += next.length;
      more.hidden = shown >= results.length;
      return withTexts(late.map(function (x) { return x[0]; })).then(function (full) {
        if (mine !== serial) return data;
        full.forEach(function (d, i) {
          var at = late[i][1], li = item(d, vocab, late[i][2]);
          if (!li || !li.querySelector(".result-why")) return;
          list.replaceChild(li, shownNow[at]);
          shownNow[at] = li;
        });
        if (focus && shownNow.length) shownNow[0].querySelector("a").focus(); // the keyboard goes on from there
        return data;
      });
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
    stepped();
  });
  function changed(el) {
    if (!el.checked) dropLifted();
    stepped();
    if (!wideQuery.matches) { el.closest(".facet").open = false; unfold(false); } // a phone: the results come next
  }
  boxes.forEach(function (el) {
    el.addEventListener("change", function () { changed(el); });
  });
  // The words of the box that were read as filters (プレス 200t: the press filter and its size) go with them: once
  // one of those filters is unticked (絞り込みを解除, its chip, its box), the box keeps only the words that are
  // searched as words and the filters still ticked stay as chips, so that the box, the chips and the address say the
  // same search (the address with the old text would tick them all again when opened)
  function dropLifted() {
    if (input.value !== lifted.from || !lifted.ticked.length) return;
    if (lifted.ticked.every(function (el) { return el.checked; })) return;
    input.value = lifted.rest;
    lifted = { from: lifted.rest, rest: lifted.rest, ticked: [] };
  }
  clear.addEventListener("click", function () {
    untick();
    dropLifted();
    stepped();
    input.focus();
  });
  more.addEventListener("click", function () {
    var mine = serial;
    box.dataset.done = "";
    showMore(true, mine).then(function () { if (mine === serial) box.dataset.done = String(mine); }, function () {
      // a result of a merged guidebook that stopped answering (network.js): search again without it
      return (NET ? NET.recheck() : Promise.resolve(false)).then(function (lost) {
        if (!again(mine, lost) && mine === serial) box.dataset.done = String(mine);
      });
    });
  });
  search();
})();

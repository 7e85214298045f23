// Facts typed in the search box (outsider buyer, issue 22): a figure with a unit beside a machine word ("プレス 200t",
// "200トン プレス", "press 300 t") or alone ("1000mm") is the range filter the site already has (プレス機の加圧能力
// 200 t 以上, 最大加工寸法 1,000 mm 以上), and a word naming a kind of material (アルミ, ステン, SUS, チタン, 樹脂) is
// its material-group filter: the companies that list that material or one of its grades, not every page with a word
// that starts the same way (アルミ is not アルミナ, a ceramic). What is applied shows as its chip, and a line says how a
// figure became a threshold. The words come from search/terms.json ("ranges", "material_groups":
// generator/search/facets.py typed_data); search.js calls lift() before it makes machine words their filters.
window.GuidebookTyped = (function () {
  // units as a buyer types them, by the unit the vocabulary gives (machines.yaml figures, the capacity fields)
  // (a lot in pieces: 個, pcs)
  var UNITS = { mm: "mm", "ミリ": "mm", "ミリメートル": "mm", t: "t", ton: "t", tons: "t", "トン": "t", kw: "kw", "キロワット": "kw",
    "個": "個", pcs: "個", pc: "個", pieces: "個", m: "mm", "メートル": "mm", "メーター": "mm",
    "日": "日", days: "日", day: "日", "μm": "mm", "ミクロン": "mm",
    kg: "kg", kgs: "kg", "キロ": "kg", "キログラム": "kg" };
  var METRES = { m: 1, "メートル": 1, "メーター": 1 }; // 4m, 4 メートル: a bed of 4,000 mm
  var MICRONS = { "μm": 1, "ミクロン": 1 }; // 公差 5μm: 0.005 mm
  // a diameter sign (φ400, Φ400, Ø400, ⌀400) says the figure is a diameter in mm; a figure without a unit counts
  // only right after a machine word whose filters measure in one unit (ベンダー 4000: a bed of 4,000 mm)
  // (± before a tolerance says nothing more: 公差 ±0.01)
  var FIGURE = /(?:±\s*)?([φΦØø⌀]\s*)?(\d+(?:,\d{3})*(?:\.\d+)?)\s*(万|千)?\s*(mm|μm|ミクロン|ミリメートル|ミリ|メートル|メーター|m|tons|ton|t|トン|kw|kgs|kg|キロワット|キログラム|キロ|個|pcs|pc|pieces|日|days|day)?(?![a-z\d.,])\s*(以上|超|以内|以下|まで|から|〜|~|or more|and over|or less|\+)?/gi;
  // a number right after a lot word is pieces even without a unit (lot 1000, ロット100)
  var LOT = /(ロット|\blot(?:s|\s+size)?)(\s*[:：]?\s*)(\d+(?:,\d{3})*(?:\s*[万千])?)(?![\d.,万千]|\s*(?:mm|ミリ|tons?\b|t\b|トン|kw|キロ|個|pcs|pc\b|pieces))/gi;
  var notes = []; // [{name, value, typed, text}]: the lines said about what a typed figure became
  // a typed figure between two steps, filtered on the companies' exact figures (the hidden fig-… filters,
  // search/facets.py company_figures) while its step (or machine) stays ticked: [{figure, kind, n, types, anchor}]
  var exact = [];
  var known = {}; // fig-… filter -> every value the index holds (asked once: one small filter file)
  var shown = null; // the element the lines are in

  function lift(ctx) {
    var vocab = ctx.vocab || {};
    var fold = ctx.fold;
    var made = [];
    var text = ctx.again ? "" : ctx.input.value.normalize("NFKC").trim(); // again: the box as last read
    if (!ctx.again) exact = [];
    if (text) {
      var byRange = liftFigures(ctx, text, vocab, fold, made);
      text = liftMaterials(ctx, byRange, vocab, fold);
      if (text !== ctx.input.value.normalize("NFKC").trim()) ctx.input.value = text;
    }
    // a line stays while what it explains is ticked (or, for a figure nothing reaches, while the box says it)
    var boxes = ctx.boxes;
    notes = made.length ? made : notes.filter(function (n) {
      return n.value ? boxes.some(function (el) { return el.name === n.name && el.value === n.value && el.checked; })
        : ctx.input.value.normalize("NFKC").trim() === n.typed;
    });
    show(ctx);
  }

  function box(ctx, name, value) {
    return ctx.boxes.filter(function (el) { return el.name === name && el.value === value; })[0] || null;
  }

  function onPage(ctx, name) {
    return ctx.boxes.some(function (el) { return el.name === name; });
  }

  // The machine type keys a typed word names. As a type's name or alias (press, 旋盤), or as its name without 機 /
  // machine (プレス: プレス機), it is the head noun of a kind: every type of that type's vocabulary group whose name
  // ends with it (旋盤: 立旋盤, 自動旋盤; press: stamping press, turret punch press), but not a type of another group
  // that merely ends alike (printing press, compression molding press, はんだ印刷機): those only when typed as such.
  // exactOnly: nothing else; otherwise, failing those, the end of some names, the start (レーザー: レーザー加工機),
  // inside one (マシニング: 立形マシニングセンタ).
  function machineTypes(word, vocab, fold, exactOnly) {
    var machines = (vocab.terms && vocab.terms.machines) || {};
    var groupOf = vocab.machine_groups || {};
    var f = fold(word);
    if (!f) return [];
    var keys = Object.keys(machines);
    var names = function (k) { return machines[k].map(fold); };
    var head = keys.filter(function (k) { return names(k).indexOf(f) >= 0; });
    // an English plural (presses, lathes, press brakes) names the machine of its singular
    [f.slice(0, -2), f.slice(0, -1)].forEach(function (one) {
      if (head.length || !/^[a-z]{3,}s$/.test(f)) return;
      head = keys.filter(function (k) { return names(k).indexOf(one) >= 0; });
      if (head.length) f = one;
    });
    if (!head.length && /^\d/.test(f)) return []; // a figure is no part of a name (200 is not 5軸's end)
    if (!head.length && !exactOnly) {
      head = keys.filter(function (k) {
        return machines[k].slice(0, 2).some(function (m) { m = fold(m); return m === f + "機" || m === f + "machine"; });
      });
    }
    if (head.length) {
      if (f.length < 2) return head;
      var groups = head.map(function (k) { return groupOf[k]; });
      return keys.filter(function (k) {
        return head.indexOf(k) >= 0 || (groups.indexOf(groupOf[k]) >= 0 &&
          names(k).some(function (m) { return m.slice(-f.length) === f; }));
      });
    }
    if (exactOnly) return [];
    var tests = [function (m) { return m.slice(-f.length) === f; },
      function (m) { return m.indexOf(f) === 0; }, function (m) { return f.length >= 3 && m.indexOf(f) >= 0; }];
    for (var i = 0; i < tests.length; i++) {
      var found = keys.filter(function (k) { return names(k).some(tests[i]); });
      if (found.length) return found;
    }
    return [];
  }

  function liftFigures(ctx, text, vocab, fold, made) {
    var ranges = vocab.ranges || {};
    var T = ctx.texts;
    var figures = [];
    var rest = text.replace(LOT, "$1$2$3個").replace(FIGURE, function (all, sign, n, times, unit, more, at, whole) {
      var ends = /^(\s|$)/.test(whole.slice(at + all.length)) || /\s$/.test(all);
      if (at > 0 && /[a-z\d.,_-]/i.test(whole[at - 1])) return all; // inside a word: A5052, M8, X500
      if (!unit && !sign) { // a bare number: the unit of the machine word before it, if it has one
        unit = ends ? bareUnit(whole.slice(0, at), ranges, vocab, fold) : null;
        if (!unit) return all;
      }
      var x = times === "万" ? 10000 : times === "千" ? 1000 : 1; // 5万個: 50,000 pieces
      if (unit && METRES[unit.toLowerCase()]) x *= 1000;
      if (unit && MICRONS[unit.toLowerCase()]) x /= 1000;
      figures.push({ typed: all.trim(), n: parseFloat(n.replace(/,/g, "")) * x, unit: UNITS[(unit || "mm").toLowerCase()],
        diameter: !!sign });
      return " ";
    });
    if (!figures.length) return text;
    // the words that only say "or more" before a figure (presses over 200 tons): the step is a minimum already
    // (and "at most" before a lead time or a tolerance: within 7 days; the step is a maximum then)
    var words = rest.replace(/(^|\s)(?:over|above|min|minimum|at\s+least|more\s+than|within|in|under|at\s+most)(?=\s|$)/gi, " ")
      .split(/\s+/).filter(Boolean);
    var keep = true;
    // a ton that is no machine's force is a weight (鋳物 1t: the heaviest part, 1,000 kg): without a machine word, when a
    // weight word is typed or the figure is below every step of the ranges in tons (a 1 t press is no filter anyway)
    var weight = Object.keys(ranges).filter(function (name) { return ranges[name].kind === "weight" && onPage(ctx, name); })[0];
    var machineWord = words.some(function (w) { return machineTypes(w, vocab, fold).length; });
    var weightWord = weight && words.some(function (w) {
      return ranges[weight].words.some(function (t) { return fold(t) === fold(w); });
    });
    var tonSteps = [];
    Object.keys(ranges).forEach(function (name) {
      if (ranges[name].unit.some(function (u) { return UNITS[u.toLowerCase()] === "t"; })) tonSteps = tonSteps.concat(ranges[name].thresholds);
    });
    figures.forEach(function (fig) {
      if (weight && fig.unit === "t" && !machineWord && (weightWord || !tonSteps.length || fig.n < Math.min.apply(null, tonSteps))) {
        fig.unit = "kg";
        fig.n *= 1000;
      }
      var candidates = Object.keys(ranges).filter(function (name) {
        return onPage(ctx, name) && (!fig.diameter || /diameter/.test(name)) &&
          ranges[name].unit.some(function (u) { return (UNITS[u.toLowerCase()] || fold(u)) === fig.unit; });
      });
      if (!candidates.length) return;
      var pick = null, used = -1, span = 1, types = [];
      // a word or up to three in a row (clamping force, press brake) naming the machine or the figure
      // (the longest that names a machine decides: "press brake 200 t" is no press of 200 t)
      words.forEach(function (x, i) {
        for (var n = Math.min(3, words.length - i); n >= 1 && !pick; n--) if (tryWords(i, n)) break;
      });
      function tryWords(i, n) {
        var w = words.slice(i, i + n).join(" ");
        if (!w || words.slice(i, i + n).some(function (x) { return !x; })) return;
        var named = machineTypes(w, vocab, fold);
        var hit = candidates.filter(function (name) {
          return named.some(function (k) { return ranges[name].types.indexOf(k) >= 0; }) ||
            ranges[name].words.some(function (t) { // the figure's name or its start: 型締 of 型締力, 加圧 of 加圧能力
              var ft = fold(t), fw = fold(w);
              return ft === fw || (fw.length >= 2 && ft.indexOf(fw) === 0);
            });
        });
        if (hit.length) { pick = hit[0]; used = i; span = n; types = named; }
        return named.length > 0;
      }
      if (!pick) {
        // no machine word: the unit alone decides (a bare length is the largest part), unless a machine word names
        // a type that has no such range (マシニングセンタ 200t): then the figure stays a word
        if (words.some(function (w) { return machineTypes(w, vocab, fold).length; })) return;
        // a lead time or a tolerance only when it is named (0.01mm alone is no tolerance), or by a unit of its own (7日)
        var plain = candidates.filter(function (name) { return ranges[name].kind !== "at_most"; });
        pick = plain.filter(function (name) { return !ranges[name].types.length; })[0] || plain[0] ||
          (fig.unit === "日" ? candidates[0] : null);
        if (!pick) return;
      }
      var range = ranges[pick];
      var steps = range.thresholds.slice().sort(function (a, b) { return a - b; });
      // a lead time or a tolerance: the smallest step that holds the figure (公差 0.02: ±0.05 mm 以内), as "or more"
      // ranges take the largest step below it; the companies' own figures are not in the index for these
      var atMost = range.kind === "at_most";
      var step = atMost ? steps.filter(function (s) { return s >= fig.n; })[0] : steps.filter(function (s) { return s <= fig.n; }).pop();
      var unitShown = range.unit[ctx.en ? range.unit.length - 1 : 0];
      var stepsShown = steps.map(function (s) { return s.toLocaleString("en") + " " + unitShown; }).join(ctx.en ? ", " : "・");
      var typedShown = text; // as the buyer typed it
      if (step === undefined && atMost) { // longer or looser than every step: the filter says nothing of it
        keep = false;
        made.push({ name: pick, value: "", typed: text, text: say(T.typed_at_most_none, { typed: typedShown,
          title: range.title[ctx.en ? 1 : 0], steps: stepsShown }) });
        return;
      }
      if (step === undefined) {
        // below the smallest step: every machine of the type named reaches it as far as the filters can tell
        var machineBoxes = ctx.boxes.filter(function (el) {
          return el.name === "machines" && types.indexOf(el.value) >= 0 && range.types.indexOf(el.value) >= 0;
        });
        if (!machineBoxes.length) return;
        machineBoxes.forEach(function (el) { el.checked = true; });
        remember(pick, range, fig, types, { name: "machines", value: machineBoxes[0].value });
        made.push({ name: "machines", value: machineBoxes[0].value, typed: text,
          text: say(T.typed_below, { typed: typedShown, steps: stepsShown }) });
      } else {
        var el = box(ctx, pick, String(step));
        if (!el) { // nobody reaches that step: say so, and search the words as typed
          keep = false;
          made.push({ name: pick, value: "", typed: text, text: say(range.kind === "lot" ? T.typed_lot_none : T.typed_none, {
            typed: typedShown, title: range.title[ctx.en ? 1 : 0], n: step.toLocaleString("en"), unit: unitShown }) });
          return;
        }
        var label = ctx.label(pick, String(step));
        ctx.boxes.forEach(function (other) { if (other.name === pick) other.checked = other === el; });
        // the machine named stays the buyer's: ダイカスト 800t is die-casting machines, not every clamping force
        ctx.boxes.forEach(function (other) {
          if (other.name === "machines" && types.indexOf(other.value) >= 0 && range.types.indexOf(other.value) >= 0) other.checked = true;
        });
        // the exact figures (a filter file more to load) only where the step or the range's types say more than asked
        var own = types.filter(function (k) { return range.types.indexOf(k) >= 0; });
        if (!atMost && (step !== fig.n || (own.length && own.length < range.types.length))) {
          remember(pick, range, fig, types, { name: pick, value: el.value });
        }
        made.push({ name: pick, value: el.value, typed: text,
          text: say(step === fig.n ? T.typed_applied : atMost ? T.typed_at_most_step : range.kind === "lot" ? T.typed_lot_step : T.typed_step, {
            typed: typedShown, filter: label, steps: stepsShown, // a lot in the page's words (lot 1000: 1,000 pcs)
            figure: range.kind === "lot" ? fig.n.toLocaleString("en") + " " + unitShown : fig.typed }) });
      }
      for (var k = 0; used >= 0 && k < span; k++) words[used + k] = "";
      fig.done = true;
    });
    if (!keep || !figures.some(function (f) { return f.done; })) {
      made.forEach(function (n) { if (n.value === "") n.typed = text; });
      return text;
    }
    // the figures not read stay in the box, as typed
    var left = figures.filter(function (f) { return !f.done; }).map(function (f) { return f.typed; });
    return words.filter(Boolean).concat(left).join(" ");
  }

  // The unit of a bare number typed right after a machine word: the one unit of the range filters about that machine
  function bareUnit(before, ranges, vocab, fold) {
    var words = before.trim().split(/\s+/).filter(Boolean);
    for (var n = Math.min(3, words.length); n >= 1; n--) {
      var named = fold(words.slice(-n).join(" "));
      // a lead time or a tolerance named (納期 7, 公差 0.01): its unit
      var field = Object.keys(ranges).filter(function (name) {
        return ranges[name].kind === "at_most" && ranges[name].words.some(function (t) {
          var ft = fold(t);
          return ft === named || (named.length >= 2 && ft.indexOf(named) === 0);
        });
      });
      if (field.length === 1) return ranges[field[0]].unit[0];
      var types = machineTypes(words.slice(-n).join(" "), vocab, fold);
      if (!types.length) continue;
      var units = {};
      Object.keys(ranges).forEach(function (name) {
        if (ranges[name].types.some(function (k) { return types.indexOf(k) >= 0; })) units[ranges[name].unit[0]] = true;
      });
      var one = Object.keys(units);
      return one.length === 1 ? one[0] : null;
    }
    return null;
  }

  // A figure between steps (or below the first) filtered exactly, on the types named or the range's own
  function remember(name, range, fig, types, anchor) {
    var own = types.filter(function (k) { return range.types.indexOf(k) >= 0; });
    exact.push({ range: name, figure: range.figure, kind: range.kind || "", n: fig.n, types: own.length ? own : range.types,
      anchor: anchor, words: range.words, unit: range.unit });
  }

  // the filters holding the exact figures: a lot's bounds (search/facets.py company_figures), or the figures of a
  // company's machines and largest part in the range's own filter, "figures-<range>", as "range|type|figure|units"
  // (site/facts.py range_figures)
  function names(c) { return c.kind === "lot" ? [c.figure + "_min", c.figure + "_max"] : ["figures-" + c.range]; }

  // The figure typed for a range filter, while it is applied (search.js: a result's sizes that reach it)
  function floor(range) {
    var c = exact.filter(function (x) { return x.range === range; })[0];
    return c ? c.n : undefined;
  }

  // The values of the fig-… filters the typed figures need, asked of Pagefind once each (a filter-only search that
  // names the filter and excludes nothing)
  function ready(pf) {
    var wanted = [];
    exact.forEach(function (c) { names(c).forEach(function (n) { if (!known[n] && wanted.indexOf(n) < 0) wanted.push(n); }); });
    return Promise.all(wanted.map(function (name) {
      var f = {};
      f[name] = { none: "\u0000" };
      return pf.search(null, { filters: f }).then(function (r) {
        known[name] = Object.keys((r.totalFilters || {})[name] || (r.filters || {})[name] || {});
      }, function () {});
    }));
  }

  // The Pagefind filter object with the exact figures of the typed figures whose step (or machine) is in it
  function narrow(out, kept) {
    exact.forEach(function (c) {
      if ((kept[c.anchor.name] || []).indexOf(c.anchor.value) < 0) return;
      // a lot step is a lot taken, not a floor (a shop from 1,000 pieces does not take 100): the bounds replace it
      if (c.kind === "lot" && names(c).every(function (n) { return known[n]; })) delete out[c.anchor.name];
      names(c).forEach(function (name, i) {
        if (!known[name]) return;
        var values = known[name].filter(function (v) {
          if (c.kind === "lot") return v === "none" || (i ? +v >= c.n : +v <= c.n);
          var p = v.split("|");
          return p[0] === c.range && (!p[1] || c.types.indexOf(p[1]) >= 0) && +p[2] >= c.n;
        });
        out[name] = { any: values.length ? values : ["\u0001"] }; // nobody reaches it: nothing, not everything
      });
    });
    return out;
  }

  // "受けられるロット：1〜50,000 個": a result's lot range, after a lot typed (its machines' sizes: search.js sizes)
  function figureLine(d, en, T) {
    var f = (d && d.filters) || {};
    var lines = [];
    exact.forEach(function (c) {
      if (c.kind !== "lot") return;
      var lo = (f[c.figure + "_min"] || [])[0], hi = (f[c.figure + "_max"] || [])[0];
      if (lo === undefined && hi === undefined) return;
      var show = function (v) { return v === undefined || v === "none" ? "" : (+v).toLocaleString("en"); };
      lines.push(say(T.figure_of, { title: c.words[en ? 1 : 0] || c.words[0],
        figures: show(lo) + "〜" + show(hi) + " " + c.unit[en ? c.unit.length - 1 : 0] }));
    });
    return lines.join(" ・ ");
  }

  // A kind of material typed (アルミ, ステン, stainless steel …, one to three words) is its group's filter
  function liftMaterials(ctx, text, vocab, fold) {
    var groups = vocab.material_groups || {};
    var words = text.split(/\s+/).filter(Boolean);
    var out = [];
    for (var i = 0; i < words.length; i++) {
      var found = null;
      // exactly, else one letter off in a Latin name of 7 letters or more (stainles steel is stainless steel): a
      // misspelt kind must not leave its last word to be another kind's filter (steel), which would shut out the
      // companies the words find (stainless-only shops, outsider buyer, session 14)
      for (var n = Math.min(3, words.length - i); n >= 1 && !found; n--) {
        var f = fold(words.slice(i, i + n).join(""));
        for (var loose = 0; loose < 2 && !found; loose++) {
          Object.keys(groups).forEach(function (g) {
            if (!found && box(ctx, "material_groups", g) && groups[g].some(function (w) {
              var m = fold(w);
              return m === f || (loose && /^[a-z]{7,}$/.test(m) && oneOff(m, f));
            })) found = [g, n];
          });
        }
      }
      if (!found) { out.push(words[i]); continue; }
      box(ctx, "material_groups", found[0]).checked = true;
      i += found[1] - 1;
    }
    return out.join(" ");
  }

  // Levenshtein distance of exactly 1
  function oneOff(a, b) {
    if (a === b || Math.abs(a.length - b.length) > 1) return false;
    var i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    var j = 0;
    while (j < a.length - i && j < b.length - i && a[a.length - 1 - j] === b[b.length - 1 - j]) j++;
    return a.length - i - j <= 1 && b.length - i - j <= 1;
  }

  function say(template, values) {
    return String(template || "").replace(/\{(\w+)\}/g, function (all, k) { return values[k] !== undefined ? values[k] : all; });
  }

  function show(ctx) {
    if (!shown) {
      shown = document.createElement("div");
      shown.className = "search-typed";
      shown.setAttribute("aria-live", "polite");
      var chips = ctx.box.querySelector(".search-chips");
      chips.parentNode.insertBefore(shown, chips.nextSibling);
    }
    shown.textContent = "";
    notes.forEach(function (n) {
      var p = document.createElement("p");
      p.className = "search-help-line search-typed-line";
      p.textContent = n.text;
      shown.appendChild(p);
    });
    shown.hidden = !notes.length;
  }

  return { lift: lift, machineTypes: machineTypes, ready: ready, narrow: narrow, figureLine: figureLine,
    floor: floor };
})();

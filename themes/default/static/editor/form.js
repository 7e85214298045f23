/* The profile form: fill it from profile data, read it back as profile data, lists and vocabulary pickers.
   The HTML is generated at build time from the JSON Schema; every field wrapper carries data-key and data-kind,
   and objects and list items are "scopes" (data-scope) whose direct fields are their properties. */
(function () {
  "use strict";
  const GE = (window.GE = window.GE || {});
  let uid = 0;

  /** Whether this is the English form page (en/edit/): it says things in English only. */
  GE.english = function () {
    return document.documentElement.lang === "en";
  };

  /** A "日本語 / English" message as this page says it: whole on the Japanese page, its English part on the English
      page (messages, the validator's included, are written Japanese first, then " / ", then English). */
  GE.t = function (text) {
    const s = String(text == null ? "" : text);
    if (!GE.english()) return s;
    const at = s.indexOf(" / ");
    return at < 0 ? s : s.slice(at + 3).replace(" 例 / e.g.:", " e.g.:");
  };

  /** Normalise a word for matching: NFKC, lower case, no spaces, hiragana as katakana. */
  GE.fold = function (word) {
    return String(word).normalize("NFKC").toLowerCase().replace(/[\s\u3000]/g, "")
      .replace(/[\u3041-\u3096]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60));
  };

  /** The term of a vocabulary named by its key or its Japanese or English label, or null. */
  GE.resolve = function (taxonomy, word) {
    const tax = GE.data.taxonomies[taxonomy];
    if (!tax || word == null) return null;
    const f = GE.fold(word);
    const named = (words) => words.some((w) => w && GE.fold(w) === f);
    // an alias (SUS316L for sus316) is the term too, as the validator reads it; a key or label wins over an alias
    return tax.terms.find((t) => named([t.key, t.ja, t.en])) || tax.terms.find((t) => named(t.aliases || [])) || null;
  };

  /** The fields directly inside a scope (not inside a nested object or list item). */
  GE.directFields = function (scope) {
    return Array.from(scope.querySelectorAll("[data-kind]"))
      .filter((el) => el.parentElement.closest("[data-scope]") === scope);
  };

  function items(listEl) {
    return Array.from(listEl.querySelector(".items").children);
  }

  function inputOf(el) {
    return el.querySelector("input, select, textarea");
  }

  /* ---------- lists: add, move, remove ---------- */

  GE.addItem = function (listEl) {
    const node = listEl.querySelector(":scope > template").content.firstElementChild.cloneNode(true);
    const n = ++uid;
    node.querySelectorAll("*").forEach((el) => {
      for (const attr of ["id", "for", "aria-describedby", "aria-controls", "aria-labelledby"]) {
        const v = el.getAttribute(attr);
        if (v && v.includes("__i__")) el.setAttribute(attr, v.split("__i__").join(String(n)));
      }
    });
    listEl.querySelector(".items").appendChild(node);
    GE.setupControls(node);
    GE.renumber(listEl);
    return node;
  };

  GE.renumber = function (listEl) {
    const all = items(listEl);
    const name = listEl.dataset.itemTitle;
    all.forEach((item, i) => {
      item.querySelector(".item-no").textContent = String(i + 1);
      const label = `${name} ${i + 1}`;
      item.setAttribute("aria-label", label);
      item.querySelector('[data-action="up"]').disabled = i === 0;
      item.querySelector('[data-action="down"]').disabled = i === all.length - 1;
      item.querySelector('[data-action="up"]').setAttribute("aria-label", `${label} を上へ / Move up`);
      item.querySelector('[data-action="down"]').setAttribute("aria-label", `${label} を下へ / Move down`);
      item.querySelector('[data-action="remove"]').setAttribute("aria-label", `${label} を削除 / Remove`);
    });
    const add = listEl.querySelector(':scope > [data-action="add"]');
    const max = Number(listEl.dataset.max || 0);
    if (add) add.disabled = max > 0 && all.length >= max;
  };

  /** Handle the buttons of a list (add, up, down, remove); keeps keyboard focus on something sensible. */
  GE.listAction = function (button) {
    const listEl = button.closest('[data-kind="list"]');
    const item = button.closest(".item");
    const action = button.dataset.action;
    if (action === "add") {
      const node = GE.addItem(listEl);
      const first = node.querySelector("input, textarea, select");
      if (first) first.focus();
      GE.announce(`${listEl.dataset.itemTitle} ${items(listEl).length} を追加しました。 / Added.`);
    } else if (action === "up" && item.previousElementSibling) {
      item.parentElement.insertBefore(item, item.previousElementSibling);
      GE.renumber(listEl);
      (button.disabled ? item.querySelector('[data-action="down"]') : button).focus();
      GE.announce(`${item.getAttribute("aria-label")} に移動しました。 / Moved up.`);
    } else if (action === "down" && item.nextElementSibling) {
      item.parentElement.insertBefore(item.nextElementSibling, item);
      GE.renumber(listEl);
      (button.disabled ? item.querySelector('[data-action="up"]') : button).focus();
      GE.announce(`${item.getAttribute("aria-label")} に移動しました。 / Moved down.`);
    } else if (action === "remove") {
      const next = item.nextElementSibling || item.previousElementSibling;
      const label = item.getAttribute("aria-label");
      item.remove();
      GE.renumber(listEl);
      const target = next ? next.querySelector('[data-action="remove"]') : listEl.querySelector(':scope > [data-action="add"]');
      if (target) target.focus();
      GE.announce(`${label} を削除しました。 / Removed.`);
    } else {
      return false;
    }
    return true;
  };

  /* ---------- vocabulary pickers ---------- */

  function pickerOptions(el) {
    const tax = GE.data.taxonomies[el.dataset.taxonomy];
    const box = el.querySelector(".options");
    if (!tax || box.childElementCount) return;
    const groups = new Map();
    for (const t of tax.terms) {
      if (!groups.has(t.group)) groups.set(t.group, []);
      groups.get(t.group).push(t);
    }
    for (const [group, terms] of groups) {
      const wrap = document.createElement("div");
      wrap.className = "opt-group";
      if (group && tax.groups[group]) {
        const h = document.createElement("p");
        h.className = "opt-group-title";
        h.textContent = GE.t(`${tax.groups[group].ja} / ${tax.groups[group].en}`);
        wrap.appendChild(h);
      }
      for (const t of terms) {
        const label = document.createElement("label");
        label.className = "opt";
        const box = document.createElement("input");
        box.type = "checkbox";
        box.value = t.key;
        box.dataset.match = [t.key, t.ja, t.en, t.kana, ...t.aliases].map(GE.fold).join("\n");
        const ja = document.createElement("span");
        ja.textContent = t.ja;
        const en = document.createElement("span");
        en.className = "opt-en";
        en.lang = "en";
        en.textContent = t.en;
        if (GE.english()) {  // the English word first; the Japanese one as the site will show it
          en.className = "";
          ja.className = "opt-en";
          ja.lang = "ja";
          label.append(box, " ", en, " ", ja);
        } else {
          label.append(box, " ", ja, " ", en);
        }
        wrap.appendChild(label);
      }
      box.appendChild(wrap);
    }
  }

  GE.filterPicker = function (el) {
    const q = GE.fold(el.querySelector(".filter").value);
    let shown = 0;
    el.querySelectorAll(".opt-group").forEach((group) => {
      let any = false;
      group.querySelectorAll(".opt").forEach((opt) => {
        const box = opt.querySelector("input");
        const hit = !q || box.checked || box.dataset.match.includes(q);
        opt.hidden = !hit;
        if (hit) { any = true; shown++; }
      });
      group.hidden = !any;
    });
    el.querySelector(".hits").textContent = GE.t(`${shown} 件 / ${shown} terms`);
  };

  /** The checked terms in the order the clerk chose them (the first technology is the one shown first). */
  function pickedKeys(el) {
    const checked = Array.from(el.querySelectorAll(".options input:checked")).map((b) => b.value);
    el._order = (el._order || []).filter((k) => checked.includes(k));
    for (const k of checked) if (!el._order.includes(k)) el._order.push(k);
    return el._order.slice();
  }

  GE.updateChosen = function (el) {
    const tax = GE.data.taxonomies[el.dataset.taxonomy];
    const keys = pickedKeys(el);
    const chosen = el.querySelector(".chosen");
    const free = el._free || [];
    chosen.textContent = "";
    if (!keys.length && !free.length) {
      chosen.textContent = GE.t("なし / none");
      return;
    }
    for (const key of keys) {
      const term = tax.terms.find((t) => t.key === key);
      const chip = document.createElement("button");
      chip.type = "button";
      chip.className = "chip";
      chip.dataset.action = "unpick";
      chip.dataset.value = key;
      chip.setAttribute("aria-label", GE.t(`${term.ja} を外す / remove ${term.en}`));
      chip.textContent = `${GE.english() ? term.en : term.ja} ✕`;
      chosen.appendChild(chip);
    }
    free.forEach((word, i) => { // a word the vocabulary does not list, kept as written (removable)
      const text = word && typeof word === "object" ? word.ja || word.en || "" : String(word);
      const chip = document.createElement("button");
      chip.type = "button";
      chip.className = "chip chip-free";
      chip.dataset.action = "unfree";
      chip.dataset.index = String(i);
      chip.setAttribute("aria-label", GE.t(`${text} を外す / remove ${text}`));
      chip.textContent = `${text} ✕`;
      chosen.appendChild(chip);
    });
    const max = Number(el.dataset.max || 0);
    if (max) chosen.append(` (${keys.length + free.length}/${max})`);
  };

  /** The free words of an open vocabulary (materials): add the one typed, or remove one; true when handled. */
  GE.freeAction = function (button) {
    const el = button.closest('[data-kind="vocab"]');
    if (!el) return false;
    el._free = el._free || [];
    if (button.dataset.action === "unfree") {
      el._free.splice(Number(button.dataset.index), 1);
      GE.updateChosen(el);
      el.querySelector(".free").focus();
      return true;
    }
    if (button.dataset.action !== "addfree") return false;
    const input = el.querySelector(".free");
    const word = input.value.trim();
    if (!word) return true;
    const term = GE.resolve(el.dataset.taxonomy, word);
    const note = el.querySelector(".free-note");
    let said = GE.t(`「${word}」を追加しました。 / Added.`);
    if (term) { // a word the list has: tick it instead
      const box = el.querySelector(`.options input[value="${CSS.escape(term.key)}"]`);
      if (box) box.checked = true;
      // an alias became a term of another name: say which, so a wrong swap (ハステロイ → インコネル) is seen
      if (![term.key, term.ja, term.en].some((w) => w && GE.fold(w) === GE.fold(word))) {
        said = GE.t(`「${word}」は一覧の「${term.ja}」として選びました。違うものなら「${term.ja} ✕」で外し、市の担当者にお知らせください。`
          + ` / "${word}" was taken as the listed term "${term.en || term.ja}". If that is not the same thing, remove`
          + " it and tell the city office.");
      }
    } else if (!el._free.includes(word)) {
      el._free.push(word);
    }
    if (note) note.textContent = said;
    input.value = "";
    GE.updateChosen(el);
    GE.announce(said);
    return true;
  };

  /* ---------- machine types: the figure inputs of the chosen type ---------- */

  /** Show, in an equipment row, the key figures its machine type has (X/Y/Z mm for a machining centre, t for a
      press); a figure already written stays on screen whatever the type, so nothing is hidden with a value in it. */
  GE.showFigures = function (item) {
    const type = item.querySelector(':scope > [data-key="type"][data-kind="choice"] select, :scope > .f [data-key="type"] select');
    const box = Array.from(item.querySelectorAll('[data-key="figures"][data-kind="object"]'))
      .find((el) => el.parentElement.closest("[data-scope]") === item);
    if (!type || !box) return;
    const term = (GE.data.taxonomies[type.closest("[data-taxonomy]").dataset.taxonomy] || { terms: [] })
      .terms.find((t) => t.key === type.value);
    const wanted = new Set(term ? term.figures || [] : []);
    let shown = 0;
    box.querySelectorAll("[data-figure]").forEach((f) => {
      const on = wanted.has(f.dataset.figure) || !!inputOf(f).value.trim();
      f.hidden = !on;
      if (on) shown++;
    });
    box.hidden = shown === 0;
  };

  /** Make the generated controls usable: options of pickers and selects, counters. */
  GE.setupControls = function (root) {
    root.querySelectorAll('[data-kind="vocab"]').forEach((el) => {
      pickerOptions(el);
      GE.updateChosen(el);
    });
    root.querySelectorAll('[data-kind="choice"]').forEach((el) => {
      const select = el.querySelector("select");
      if (select.options.length > 1) return;
      for (const t of GE.data.taxonomies[el.dataset.taxonomy].terms) {
        select.add(new Option(`${t.ja} / ${t.en}`, t.key));
      }
    });
    root.querySelectorAll("[data-limit]").forEach(GE.updateCount);
    root.querySelectorAll('[data-figure]').forEach((f) => {
      const item = f.closest(".item");
      if (item && !item._figures) {
        item._figures = true;
        const type = item.querySelector('[data-key="type"] select');
        if (type) type.addEventListener("change", () => GE.showFigures(item));
        GE.showFigures(item);
      }
    });
  };

  /** "12 / 40字": characters counted as the validator counts them (code points). */
  GE.updateCount = function (input) {
    const out = document.getElementById(input.id + "-count");
    if (!out) return;
    const n = Array.from(input.value.trim()).length;
    const limit = Number(input.dataset.limit);
    out.textContent = input.dataset.lang === "en" || GE.english() ? `${n} / ${limit}` : `${n} / ${limit}字`;
    out.classList.toggle("over", n > limit);
  };

  /* ---------- profile data <-> form ---------- */

  GE.fill = function (scope, obj) {
    for (const el of GE.directFields(scope)) {
      const value = el.dataset.key === "" ? obj : (obj || {})[el.dataset.key];
      fillField(el, value);
    }
  };

  function fillField(el, value) {
    const kind = el.dataset.kind;
    if (kind === "object") return GE.fill(el, value || {});
    if (kind === "list") {
      items(el).forEach((item) => item.remove());
      for (const v of Array.isArray(value) ? value : []) {
        const item = GE.addItem(el);
        GE.fill(item, v);
        GE.showFigures(item);
      }
      return GE.renumber(el);
    }
    if (kind === "bitext") {
      const [ja, en] = el.querySelectorAll("[data-lang]");
      const isObj = value && typeof value === "object";
      ja.value = isObj ? value.ja || "" : value == null ? "" : String(value);
      en.value = isObj ? value.en || "" : "";
      el.dataset.shape = isObj ? "object" : "string";
      el._loaded = value; // an untouched text keeps its exact shape and spacing (a trailing newline, {ja} alone)
      [ja, en].forEach(GE.updateCount);
      return;
    }
    if (kind === "vocab") {
      // Remember how each term was written (key or label), so an unchanged profile keeps its words.
      el._written = {};
      el._order = [];
      el._free = []; // words that name no term (a material the vocabulary does not list): kept as written
      const keys = new Set();
      for (const word of Array.isArray(value) ? value : []) {
        const term = GE.resolve(el.dataset.taxonomy, word);
        if (term) { keys.add(term.key); el._written[term.key] = word; el._order.push(term.key); }
        else if (word != null) el._free.push(word);
      }
      el.querySelectorAll(".options input").forEach((box) => { box.checked = keys.has(box.value); });
      GE.updateChosen(el);
      return;
    }
    if (kind === "choice") {
      const term = GE.resolve(el.dataset.taxonomy, value);
      el._written = term ? { [term.key]: value } : {};
      el.querySelector("select").value = term ? term.key : "";
      return;
    }
    if (kind === "boolean") {
      el.querySelector("select").value = value === true ? "true" : value === false ? "false" : "";
      return;
    }
    if (kind === "enum") {
      el.querySelector("select").value = value == null ? "" : String(value);
      return;
    }
    const input = inputOf(el);
    if (kind === "date" && value != null && !/^\d{4}-\d{2}-\d{2}$/.test(String(value))) {
      // a date box holds only YYYY-MM-DD: 令和8年7月7日 or 2026/7/7 is written as that, and said (main.js)
      const meant = GE.dateSuggestion("date", value);
      if (meant) {
        (GE.loadNotes || []).push({ key: el.dataset.key, from: String(value), to: meant[0] });
        value = meant[0];
      }
    }
    // a range [5, 20] reads as a clerk writes it: 5〜20 (collectField turns it back)
    input.value = value == null ? "" : kind === "range" && Array.isArray(value) ? value.join("〜") : String(value);
    if (input.dataset.limit) GE.updateCount(input);
  }

  /** Read a scope back into profile data; empty fields are left out, as a clerk would leave a line out. */
  GE.collect = function (scope) {
    const out = {};
    for (const el of GE.directFields(scope)) {
      const v = collectField(el);
      if (el.dataset.key === "") return v;
      if (v !== undefined) out[el.dataset.key] = v;
    }
    return Object.keys(out).length ? out : undefined;
  };

  const FULLWIDTH_RUN = /[０-９Ａ-Ｚａ-ｚ](?:[－．，]?[０-９Ａ-Ｚａ-ｚ])*/g; // as checks.js and japanese.py find them
  const QUOTES = /^["'“”‘’]+|["'“”‘’]+$/g;

  /** A value as the clerk meant it, where that is beyond doubt (the validator names the same slips): full-width
      digits and letters made half-width, ー or － between digits a hyphen, quotes (which the help once asked for) and
      〒 left out, 7 postal digits split 3-4, a phone's bare digits split where its area code ends, hiragana in the
      reading made katakana. `how` is the field's data-tidy (site/editor.py TIDY). */
  GE.tidy = function (how, text) {
    if (!how || typeof text !== "string" || !text) return text;
    if (how === "width") return text.replace(FULLWIDTH_RUN, (run) => run.normalize("NFKC"));
    if (how === "kana") {
      return text.normalize("NFKC").replace(/[\u3041-\u3096]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60));
    }
    let t = text.normalize("NFKC").trim();
    if (how === "ascii") return t;
    t = t.replace(QUOTES, "").replace(/(?<=[0-9])[ー−‐―–—](?=[0-9])/g, "-").trim();
    if (how === "postal") {
      t = t.replace(/^〒\s*/, "");
      if (/^[0-9]{7}$/.test(t)) t = `${t.slice(0, 3)}-${t.slice(3)}`;
    }
    if (how === "phone" && /^[0-9]+$/.test(t) && GE.hyphenated) t = GE.hyphenated(t) || t;
    return t;
  };

  function toInteger(text) {
    const t = text.normalize("NFKC").replace(/[,\s]/g, "");
    return /^-?\d+$/.test(t) ? Number(t) : text;
  }

  function toNumber(text) {
    const t = text.normalize("NFKC").replace(/[,\s]/g, "");
    return /^-?(\d+\.?\d*|\.\d+)$/.test(t) ? Number(t) : text;
  }

  /** A number, or a range written 5〜20 / 5-20 / 5~20 as [5, 20] (the schema's x-range); any other text stays
      text, so that the check says what is wrong. */
  function toRange(text) {
    const t = text.normalize("NFKC").replace(/[,\s]/g, "").replace(/^±/, "").replace(/(日|mm|days?)$/i, "");
    const m = /^(\d+\.?\d*|\.\d+)(?:[~〜\-–]±?(\d+\.?\d*|\.\d+))?$/.exec(t);
    if (!m) return text;
    if (m[2] === undefined || Number(m[1]) === Number(m[2])) return Number(m[1]);
    return [Number(m[1]), Number(m[2])];
  }

  /** A number box as the clerk leaves it: what the file will hold when it reads as a number (３０００ → 3000,
      1,500 → 1500, ２００〜３００ → 200〜300), else the text with its full-width digits made half-width, so that the
      check's message quotes what is in the box. `kind` is the field's data-kind. */
  GE.tidyNumber = function (kind, text) {
    const convert = { integer: toInteger, year: toInteger, number: toNumber, range: toRange }[kind];
    if (!convert || !text) return text;
    const v = convert(text);
    if (typeof v === "number") return String(v);
    if (Array.isArray(v)) return `${v[0]}〜${v[1]}`;
    return text.replace(FULLWIDTH_RUN, (run) => run.normalize("NFKC"));
  };

  function collectField(el) {
    const kind = el.dataset.kind;
    if (kind === "object") return GE.collect(el);
    if (kind === "list") {
      const values = items(el).map((item) => {
        const v = GE.collect(item);
        const scalar = GE.directFields(item).some((f) => f.dataset.key === "");
        return v === undefined && !scalar ? {} : v; // an empty product stays, so its missing name is reported
      }).filter((v) => v !== undefined);
      return values.length ? values : undefined;
    }
    if (kind === "bitext") {
      const [ja, en] = Array.from(el.querySelectorAll("[data-lang]")).map((i) => i.value.trim());
      if (!ja && !en) return undefined;
      const loaded = el._loaded;
      const was = (v) => (v == null ? "" : String(v).trim());
      if (loaded != null && typeof loaded === "object" && was(loaded.ja) === ja && was(loaded.en) === en) return loaded;
      if (typeof loaded === "string" && was(loaded) === ja && !en) return loaded;
      if (!en && el.dataset.shape !== "object") return ja;
      const v = {};
      if (ja) v.ja = ja;
      if (en) v.en = en;
      return v;
    }
    if (kind === "vocab") {
      const keys = pickedKeys(el);
      const words = keys.map((k) => (el._written || {})[k] || k).concat(el._free || []);
      return words.length ? words : undefined;
    }
    if (kind === "boolean") {
      const v = el.querySelector("select").value;
      return v === "true" ? true : v === "false" ? false : undefined;
    }
    if (kind === "enum") return el.querySelector("select").value || undefined;
    if (kind === "choice") {
      const key = el.querySelector("select").value;
      return key ? (el._written || {})[key] || key : undefined;
    }
    const raw = inputOf(el).value;
    const text = kind === "textarea" ? raw.replace(/\s+$/, "") : raw.trim();
    if (!text) return undefined;
    if (kind === "integer") return toInteger(text);
    if (kind === "number") return toNumber(text);
    if (kind === "range") return toRange(text);
    if (kind === "year") {
      const v = toInteger(text);
      return typeof v === "number" ? v : text;
    }
    return el.dataset.tidy ? GE.tidy(el.dataset.tidy, text) : text;
  }

  /** The field (and the exact input) that a JSON pointer such as ["products", 0, "name", "ja"] points at. */
  GE.locate = function (pointer) {
    let scope = document.getElementById("form-root");
    let found = null;
    let input = null;
    for (let i = 0; i < pointer.length; i++) {
      const seg = pointer[i];
      if (found && found.dataset.kind === "list" && typeof seg === "number") {
        const item = items(found)[seg];
        if (!item) break;
        scope = item;
        const self = GE.directFields(item).find((f) => f.dataset.key === "");
        if (self) { found = self; input = inputOf(self); }
        continue;
      }
      if (found && found.dataset.kind === "bitext" && (seg === "ja" || seg === "en")) {
        input = found.querySelector(`[data-lang="${seg}"]`);
        break;
      }
      if (found && found.dataset.kind === "vocab" && typeof seg === "number") break;
      const next = GE.directFields(scope).find((f) => f.dataset.key === String(seg));
      if (!next) break;
      found = next;
      input = next.dataset.kind === "object" || next.dataset.kind === "list" ? null : inputOf(next);
      if (next.dataset.kind === "vocab") input = next.querySelector(".filter");
      if (next.dataset.kind === "object") scope = next;
    }
    return { field: found, input };
  };
})();

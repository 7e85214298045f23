/* The editor page: load a company's profile (?company=slug) or start a new one, check as the clerk types,
   redraw the previews, and make company.yaml when asked. */
(function () {
  "use strict";
  const GE = (window.GE = window.GE || {});
  GE.data = JSON.parse(document.getElementById("editor-data").textContent);

  const root = document.getElementById("form-root");
  const form = document.getElementById("profile-form");
  const slugInput = document.getElementById("f-slug");
  const status = document.getElementById("load-status");
  const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
  let showAll = false;
  let original = null; // {text, data}: the profile as published, edited in place when it is handed in
  let isNew = true;
  let dirty = false;
  let timer = null;

  /** Show a status line, as this page says it (GE.t). */
  function say(text) {
    status.textContent = GE.t(text);
  }

  /** Whether `slug` is a listed company (an own key only: "__proto__" or "constructor" is not a company). */
  function listed(slug) {
    return SLUG.test(slug) && Object.prototype.hasOwnProperty.call(GE.data.companies, slug);
  }

  GE.announce = function (text) {
    const region = document.getElementById("announce");
    region.textContent = "";
    setTimeout(() => { region.textContent = GE.t(text); }, 30);
  };

  function slugProblem() {
    const slug = slugInput.value.trim();
    if (!slug) return "フォルダ名を書いてください。例: yamada-seiki / Write the folder name, e.g. yamada-seiki.";
    if (!SLUG.test(slug)) {
      return GE.say("slug", { slug });
    }
    if (isNew && listed(slug)) {
      return `「${slug}」はすでに掲載されています（${GE.data.companies[slug]}）。その会社のページの「この情報を修正する」から開いてください。` +
        ` / '${slug}' is already listed; open it from its page.`;
    }
    return "";
  }

  function errorBox(field) {
    return field.querySelector(":scope > .err") || field.querySelector(".err");
  }

  function clearErrors() {
    form.querySelectorAll(".err").forEach((e) => { e.textContent = ""; e.classList.remove("has"); });
    form.querySelectorAll("[aria-invalid]").forEach((e) => e.removeAttribute("aria-invalid"));
  }

  function addMessage(box, problem) {
    const line = document.createElement("span");
    line.className = "msg " + (problem.severity === "warning" ? "msg-warn" : "msg-error");
    line.dataset.rule = problem.rule;
    line.dataset.message = problem.message;
    line.textContent = (problem.severity === "warning" ? (GE.english() ? "Note: " : "注意: ") : "") + GE.t(problem.message);
    box.appendChild(line);
    box.classList.add("has");
  }

  /** What a new company's hand-in needs beyond the schema (outside clerk, session 17, finding 11): the day its
      profile was checked, and, handed in through GitHub, the account allowed to change it (the pull-request check
      refuses a new company whose maintainers do not list the account that hands it in). */
  function handInNeeds(data) {
    if (!isNew) return [];
    const found = [];
    const need = (key, message) => found.push({ pointer: [key], at: [key], rule: "handin-" + key, severity: "error", message });
    if (!data.last_confirmed) {
      need("last_confirmed", "「最終確認日」を入力してください。内容を確かめた日です（「今日」を押すと今日の日付が入ります）。 / " +
        "Enter the date you checked the profile (Last confirmed); \"Today\" fills in today's date.");
    }
    if (GE.data.repository && !(Array.isArray(data.maintainers) && data.maintainers.length)) {
      need("maintainers", "「編集できる GitHub アカウント」に、提出するあなたの GitHub アカウント名を入力してください" +
        "（「＋ 追加」を押して、例: yamada-seiki-jp）。GitHub での提出では、新しい会社のファイルに提出した人のアカウントが" +
        "あるかを自動の検査が確かめます。アカウントは https://github.com/signup で無料で作れます。 / Enter the GitHub account " +
        "you hand this in with under Maintainers (press \"+ Add\"): for a new company the pull-request check looks for " +
        "the account that hands it in.");
    }
    return found;
  }

  /** Check the whole form, show the messages of the fields the clerk has been in (or all), redraw previews. */
  function refresh() {
    const data = GE.collect(root) || {};
    const problems = GE.check(data).concat(GE.checkImages(data), handInNeeds(data));
    clearErrors();
    GE.thumbs();
    const shown = [];
    for (const p of problems) {
      const { field, input } = GE.locate(p.at);
      p.field = field;
      p.input = input;
      if (!field || !(showAll || field.closest("[data-touched]"))) continue;
      addMessage(errorBox(field), p);
      if (p.severity !== "warning") {
        if (input) input.setAttribute("aria-invalid", "true");
        else field.querySelectorAll(":scope > * > input, :scope > input, :scope > select").forEach((i) => i.setAttribute("aria-invalid", "true"));
      }
      shown.push(p);
    }
    const slugMsg = slugProblem();
    if (slugMsg && (showAll || slugInput.closest("[data-touched]"))) {
      addMessage(document.getElementById("f-slug-err"), { message: slugMsg, rule: "slug", severity: "error" });
      slugInput.setAttribute("aria-invalid", "true");
    }
    GE.preview(data, slugInput.value.trim());
    if (dirty) GE.saveDraft(data);
    return { data, problems, slugMsg };
  }

  GE.refresh = refresh;

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(refresh, 120);
  }

  function touch(target) {
    for (let el = target.closest("[data-kind], .f"); el; el = el.parentElement && el.parentElement.closest("[data-kind], .f")) {
      el.dataset.touched = "1";
    }
  }

  function summary(problems, slugMsg) {
    const box = document.getElementById("error-summary");
    const errors = problems.filter((p) => p.severity !== "warning");
    box.replaceChildren();
    const entries = (slugMsg ? [{ message: slugMsg, input: slugInput, field: null }] : []).concat(errors);
    if (!entries.length) { box.hidden = true; return false; }
    const h = document.createElement("h3");
    h.textContent = GE.t(`直すところが ${entries.length} 件あります。 / ${entries.length} thing(s) to fix.`);
    const list = document.createElement("ul");
    for (const p of entries) {
      const li = document.createElement("li");
      const a = document.createElement("a");
      const target = p.input || (p.field && p.field.querySelector("input, select, textarea"));
      a.href = target ? "#" + target.id : "#profile-form";
      a.textContent = GE.t(p.message);
      a.addEventListener("click", (ev) => {
        if (!target) return;
        ev.preventDefault();
        target.focus();
        target.scrollIntoView({ block: "center" });
      });
      li.appendChild(a);
      list.appendChild(li);
    }
    box.append(h, list);
    box.hidden = false;
    return true;
  }

  function make() {
    showAll = true;
    const { data, problems, slugMsg } = refresh();
    const hasErrors = summary(problems, slugMsg);
    if (hasErrors) {
      document.getElementById("result").hidden = true;
      document.getElementById("error-summary").focus();
      return;
    }
    const text = original ? GE.editYaml(original.text, original.data, data) : GE.toYaml(data);
    GE.showResult(text, slugInput.value.trim(), isNew);
    GE.showPackage(slugInput.value.trim(), text, data, isNew).then(() => {
      document.getElementById("download-package").dataset.ready = "1";
    });
    dirty = false;
    document.getElementById("download-package").focus();
    GE.announce("提出用ファイルを作りました。 / The package is ready.");
  }

  /* ---------- events ---------- */

  form.addEventListener("input", (ev) => {
    const t = ev.target;
    dirty = true;
    if (t.dataset.limit) GE.updateCount(t);
    if (t.classList.contains("filter")) return GE.filterPicker(t.closest('[data-kind="vocab"]'));
    schedule();
  });
  form.addEventListener("change", (ev) => {
    const t = ev.target;
    dirty = true;
    const mend = t.matches("input") && t.closest("[data-tidy]");
    if (mend) { // the box shows what the file will hold: ０５４８２４３３６６ becomes 0548-24-3366 as the clerk leaves it
      const v = GE.tidy(mend.dataset.tidy, t.value.trim());
      if (v !== t.value.trim()) t.value = v;
    }
    const number = !mend && t.matches("input") && t.closest('[data-kind="integer"], [data-kind="number"], [data-kind="range"], [data-kind="year"]');
    if (number) { // ３０００ shows as 3000 once left, as the guide promises (the file held 3000 already)
      const v = GE.tidyNumber(number.dataset.kind, t.value.trim());
      if (v !== t.value.trim()) t.value = v;
    }
    const picker = t.closest('[data-kind="vocab"]');
    if (picker && t.type === "checkbox") GE.updateChosen(picker);
    // choosing photos is not filling in their descriptions: those are asked for once left or on 提出
    if (t.type !== "file") touch(t);
    schedule();
  });
  form.addEventListener("focusout", (ev) => {
    if (ev.target.matches("input:not([type=file]), textarea, select") && !ev.target.classList.contains("filter")) {
      touch(ev.target);
      schedule();
    }
  });
  form.addEventListener("click", (ev) => {
    const button = ev.target.closest("button[data-action]");
    if (!button) return;
    const action = button.dataset.action;
    if (action === "unpick") {
      const picker = button.closest('[data-kind="vocab"]');
      const box = picker.querySelector(`.options input[value="${CSS.escape(button.dataset.value)}"]`);
      box.checked = false;
      GE.updateChosen(picker);
      picker.querySelector(".filter").focus();
    } else if (action === "unfree" || action === "addfree") {
      GE.freeAction(button);
    } else if (action === "today") {
      const input = button.parentElement.querySelector("input");
      const d = new Date();
      input.value = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
      touch(input);
    } else if (!GE.listAction(button)) {
      return;
    }
    dirty = true;
    schedule();
  });
  form.addEventListener("keydown", (ev) => {
    // Enter in a one-line field must not submit the (never submitted) form.
    if (ev.key === "Enter" && ev.target.matches("input:not([type=checkbox])")) ev.preventDefault();
    if (ev.key === "Enter" && ev.target.matches("input.free")) ev.target.parentElement.querySelector('[data-action="addfree"]').click();
  });
  form.addEventListener("submit", (ev) => ev.preventDefault());
  document.getElementById("make-yaml").addEventListener("click", make);
  document.getElementById("copy-yaml").addEventListener("click", GE.copyResult);
  window.addEventListener("pagehide", () => { if (dirty) GE.saveDraft(GE.collect(root) || {}); });
  window.addEventListener("beforeunload", (ev) => {
    if (dirty) { ev.preventDefault(); ev.returnValue = ""; }
  });

  /* ---------- start ---------- */

  GE.setupControls(root);
  GE.setupPhotos();

  const isEmpty = (v) => v == null || v === "" || (typeof v === "object" && !Object.keys(v).length);

  /** What `loaded` holds that the form did not take (`kept` is the form read back): [{pointer, value}]. */
  function dropped(loaded, kept, pointer) {
    if (isEmpty(loaded)) return [];
    if (isEmpty(kept)) return [{ pointer, value: loaded }];
    if (typeof loaded !== "object" || typeof kept !== "object") return [];
    return Object.keys(loaded).flatMap((k) => dropped(loaded[k], kept[Array.isArray(kept) ? Number(k) : k],
      pointer.concat(Array.isArray(loaded) ? Number(k) : k)));
  }

  /** The edit distance of two short keys (a misspelt key is one or two letters off). */
  function distance(a, b) {
    let row = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const next = [i];
      for (let j = 1; j <= b.length; j++) {
        next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      }
      row = next;
    }
    return row[b.length];
  }

  /** The key of the same object that `key` is a misspelling of, or "". */
  function meantKey(pointer) {
    const key = String(pointer[pointer.length - 1]);
    const parent = GE.subschema(pointer.slice(0, -1)) || {};
    const keys = Object.keys(parent.properties || {});
    if (keys.includes(key)) return "";
    const close = keys.map((k) => [distance(key.toLowerCase(), k), k])
      .filter(([d, k]) => d <= (k.length > 5 ? 2 : 1)).sort((x, y) => x[0] - y[0]);
    return close.length && (close.length === 1 || close[0][0] < close[1][0]) ? close[0][1] : "";
  }

  const shown = (v) => (typeof v === "object" ? JSON.stringify(v) : String(v));
  const at = (obj, pointer) => pointer.reduce((o, k) => (o == null ? undefined : o[k]), obj);

  /** Fill the form from a profile (published, a draft or the clerk's own file); `text` is edited in place later.
      Whatever the form cannot take is not lost without a word: a misspelt key goes to the key it means (when that
      field is empty), a date written 令和8年7月7日 becomes 2026-07-07, and anything else is named on screen. */
  function load(data, text) {
    original = text != null ? { text, data } : original;
    GE.loadNotes = [];
    GE.fill(root, data);
    const notes = GE.loadNotes.map((n) => `「${GE.labels([n.key])[0].replace(/^「(.*)」$/, "$1")}」の「${n.from}」は「${n.to}」として`
      + `入れました。確かめてください。 / '${n.from}' was entered as ${n.to}; please check it.`);
    let lost = dropped(data, GE.collect(root) || {}, []);
    const moved = {};
    for (const item of lost) {
      const key = meantKey(item.pointer);
      const target = item.pointer.slice(0, -1).concat(key);
      if (key && isEmpty(at(data, target)) && !(target.join("/") in moved)) moved[target.join("/")] = item;
    }
    if (Object.keys(moved).length) {
      const fixed = JSON.parse(JSON.stringify(data));
      for (const [target, item] of Object.entries(moved)) {
        const path = target.split("/").map((k, i, all) => (Array.isArray(at(fixed, all.slice(0, i))) ? Number(k) : k));
        at(fixed, path.slice(0, -1))[path[path.length - 1]] = item.value;
        const wrong = item.pointer[item.pointer.length - 1];
        const [field, field_en] = GE.labels(path);
        notes.push(`「${wrong}: ${shown(item.value)}」は ${path[path.length - 1]}（${field.replace(/^「(.*)」$/, "$1")}）の書き間違いと見て、その欄に`
          + `入れました。確かめてください。 / '${wrong}' looked like a misspelling of ${path[path.length - 1]} `
          + `(${field_en}); its value is now in that field.`);
      }
      GE.fill(root, fixed);
      lost = dropped(fixed, GE.collect(root) || {}, []);
    }
    for (const item of lost) {
      const [field, field_en] = GE.labels(item.pointer);
      notes.push(`${field}（${item.pointer.join(".")}）の「${shown(item.value)}」はフォームに入れられなかったため、入っていません。`
        + `必要なら、当てはまる欄に入れ直してください。 / ${field_en} (${item.pointer.join(".")}): `
        + `'${shown(item.value)}' could not be placed in the form and is not in it; enter it again where it belongs.`);
    }
    GE.loadNotes = null;
    showAll = true;
    refresh();
    return notes;
  }

  document.getElementById("open-file").addEventListener("change", async (ev) => {
    const file = ev.target.files[0];
    ev.target.value = "";
    if (!file) return;
    try {
      const { text, data, sjis } = await GE.readProfileFile(file);
      const notes = load(data, text);
      dirty = true;
      say(`「${file.name}」を読み込みました。直したいところを書き換えてください。` + (sjis
        ? "（このファイルは Shift_JIS で保存されていたので読み替えました。作るファイルは UTF-8 になります。）" : "")
        + ` / Loaded ${file.name}.` + (sjis ? " (It was saved as Shift_JIS; the file made here is UTF-8.)" : ""));
      if (notes.length) {
        const list = document.createElement("ul");
        list.className = "load-notes";
        for (const note of notes) {
          const li = document.createElement("li");
          li.textContent = GE.t(note);
          list.appendChild(li);
        }
        status.appendChild(list);
      }
    } catch (e) {
      say(e.message);
    }
  });

  const restore = (draft) => {
    if (draft.slug && !slugInput.readOnly) slugInput.value = draft.slug;
    GE.fill(root, draft.data || {});
    showAll = true;
    dirty = true;
    refresh();
    say("下書きを開きました。 / The draft is open.");
    GE.keptFiles().then((kept) => {
      const pictures = Object.keys(kept).length;
      if (!pictures) return;
      Object.assign(GE.files, kept);
      refresh();
      say(`下書きを開きました（写真・ロゴ ${pictures} 枚も）。 / The draft is open, with its ${pictures} picture(s).`);
    });
  };
  const slug = new URLSearchParams(location.search).get("company");
  GE.draftSlug = slug && listed(slug) ? slug : "";
  if (slug && listed(slug)) {
    isNew = false;
    slugInput.value = slug;
    slugInput.readOnly = true;
    say(`${GE.data.companies[slug]} の現在の内容を読み込んでいます… / Loading…`);
    const get = (ext, how) => fetch(`${GE.data.root || "../"}edit/data/${encodeURIComponent(slug)}.${ext}`)
      .then((r) => { if (!r.ok) throw new Error(r.status); return r[how](); });
    Promise.all([get("json", "json"), get("yaml", "text")])
      .then(([data, text]) => {
        GE.published = data;
        GE.publishedSlug = slug;
        load(data, text);
        GE.offerDraft(restore);
        say(`${GE.data.companies[slug]} の現在の内容です。直したいところを書き換えてください。 / ` +
          "The current profile is loaded; change what needs changing.");
        document.body.dataset.ready = "1";
      })
      .catch(() => {
        say("プロフィールを読み込めませんでした。ウェブサーバー経由（http://）で開いてください。 / " +
          "Could not load the profile; open this page through a web server.");
        document.body.dataset.ready = "1";
      });
  } else {
    const site = GE.data.site;
    GE.fill(root, { address: { prefecture: site.prefecture || "", city: site.municipality || "" } });
    say("新しい会社のプロフィールを作ります。 / A new company's profile.");
    refresh();
    GE.offerDraft(restore);
    document.body.dataset.ready = "1";
  }
})();

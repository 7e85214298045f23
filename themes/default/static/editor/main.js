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

  /** Check the whole form, show the messages of the fields the clerk has been in (or all), redraw previews. */
  function refresh() {
    const data = GE.collect(root) || {};
    const problems = GE.check(data).concat(GE.checkImages(data));
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

  /** Fill the form from a profile (published, a draft or the clerk's own file); `text` is edited in place later. */
  function load(data, text) {
    original = text != null ? { text, data } : original;
    GE.fill(root, data);
    showAll = true;
    refresh();
  }

  document.getElementById("open-file").addEventListener("change", async (ev) => {
    const file = ev.target.files[0];
    ev.target.value = "";
    if (!file) return;
    try {
      const { text, data, sjis } = await GE.readProfileFile(file);
      load(data, text);
      dirty = true;
      say(`「${file.name}」を読み込みました。直したいところを書き換えてください。` + (sjis
        ? "（このファイルは Shift_JIS で保存されていたので読み替えました。作るファイルは UTF-8 になります。）" : "")
        + ` / Loaded ${file.name}.` + (sjis ? " (It was saved as Shift_JIS; the file made here is UTF-8.)" : ""));
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

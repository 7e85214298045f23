/* Handing in: one package (zip) of the company's folder — company.yaml and the photos made on this page — for
   GitHub's upload page or for the city by e-mail; a draft kept in this browser until then; "open my company.yaml". */
(function () {
  "use strict";
  const GE = (window.GE = window.GE || {});
  let zipUrl = null;

  /** The files of the company's folder to hand in: {name: Uint8Array}, company.yaml first. */
  GE.packageFiles = async function (text, data) {
    const files = { "company.yaml": new TextEncoder().encode(text) };
    const images = (data || {}).images || {};
    const wanted = [images.logo].concat((images.photos || []).map((p) => p && p.file)).filter(Boolean);
    for (const name of wanted) {
      if (GE.files[name]) files[name] = new Uint8Array(await GE.files[name].arrayBuffer());
    }
    return files;
  };

  /** The package: a zip holding the folder <slug>/ with those files (photos stored, not compressed again). */
  GE.makePackage = async function (slug, text, data) {
    const files = await GE.packageFiles(text, data);
    const folder = {};
    for (const [name, bytes] of Object.entries(files)) folder[name] = [bytes, { level: name.endsWith(".yaml") ? 6 : 0 }];
    return new Blob([window.fflate.zipSync({ [slug]: folder })], { type: "application/zip" });
  };

  /** GitHub's upload page for the company's folder (the folder above it for a new company), or null. */
  GE.uploadLink = function (slug, isNew) {
    const repo = GE.data.repository;
    if (!repo || !slug) return null;
    const branch = encodeURIComponent(GE.data.branch || "main");
    const path = isNew ? "content/companies" : `content/companies/${encodeURIComponent(slug)}`;
    return `https://github.com/${repo}/upload/${branch}/${path}`;
  };

  /** Show the package download and the hand-in steps for this site (GitHub, or e-mail to the city). */
  GE.showPackage = async function (slug, text, data, isNew) {
    const blob = await GE.makePackage(slug, text, data);
    if (zipUrl) URL.revokeObjectURL(zipUrl);
    zipUrl = URL.createObjectURL(blob);
    const link = document.getElementById("download-package");
    link.href = zipUrl;
    link.download = `${slug}.zip`;
    const count = Object.keys(await GE.packageFiles(text, data)).length;
    document.getElementById("package-contents").textContent = GE.t(
      `${slug}.zip: ${slug}/ フォルダに company.yaml${count > 1 ? ` と画像 ${count - 1} 件` : ""} / ${slug}.zip: company.yaml` +
      (count > 1 ? ` and ${count - 1} image(s)` : "") + ` in the folder ${slug}/`);
    const upload = GE.uploadLink(slug, isNew);
    document.getElementById("handin-github").hidden = !upload;
    document.getElementById("handin-mail").hidden = !!upload;
    if (upload) {
      document.getElementById("upload-link").href = upload;
      document.getElementById("upload-what").textContent = GE.t(isNew
        ? `展開してできた「${slug}」フォルダをそのまま、開いたページにドラッグします。 / Drag the unpacked folder '${slug}' onto the page.`
        : `展開してできた「${slug}」フォルダを開き、中のファイルをすべて選んで（Ctrl+A）、開いたページにドラッグします。 / ` +
          `Open the unpacked folder '${slug}', select all its files (Ctrl+A) and drag them onto the page.`);
    }
    GE.clearDraft();
  };

  /* ---------- the draft ---------- */

  const draftKey = () => "guidebook-draft:" + (GE.draftSlug || "new");

  /** Keep what is in the form in this browser (its text here, its photos with GE.keepFiles). */
  GE.saveDraft = function (data) {
    try {
      localStorage.setItem(draftKey(), JSON.stringify({ at: new Date().toISOString(), data,
        slug: document.getElementById("f-slug").value.trim() }));
    } catch (e) { /* private mode or full: the form still works */ }
  };

  GE.loadDraft = function () {
    try {
      return JSON.parse(localStorage.getItem(draftKey()) || "null");
    } catch (e) {
      return null;
    }
  };

  GE.clearDraft = function () {
    try { localStorage.removeItem(draftKey()); } catch (e) { /* nothing kept */ }
    fileStore("readwrite", (files) => files.delete(draftKey()));
  };

  /* The photos made on this page are kept in IndexedDB beside the draft: localStorage holds only text, and a
     clerk called away mid-form should not have to find and shrink the photos again. */
  function fileStore(mode, work) {
    return new Promise((resolve) => {
      let open;
      try {
        open = indexedDB.open("guidebook-draft-files", 1);
      } catch (e) {
        resolve(null); // private mode or no IndexedDB: the form still works, photos are picked again
        return;
      }
      open.onupgradeneeded = () => open.result.createObjectStore("files");
      open.onerror = () => resolve(null);
      open.onsuccess = () => {
        const db = open.result;
        let request = null;
        try {
          const tx = db.transaction("files", mode);
          request = work(tx.objectStore("files"));
          tx.oncomplete = () => { db.close(); resolve(request ? request.result : null); };
          tx.onerror = tx.onabort = () => { db.close(); resolve(null); };
        } catch (e) {
          db.close();
          resolve(null);
        }
      };
    });
  }

  /** Keep the photos and logo made on this page with the draft. */
  GE.keepFiles = function () {
    return fileStore("readwrite", (files) => files.put(Object.assign({}, GE.files), draftKey()));
  };

  /** The photos and logo kept with the draft: {name: Blob}, empty when none. */
  GE.keptFiles = async function () {
    const kept = await fileStore("readonly", (files) => files.get(draftKey()));
    return kept && typeof kept === "object" ? kept : {};
  };

  /** Offer the draft kept in this browser: open it or throw it away. */
  GE.offerDraft = function (restore) {
    const draft = GE.loadDraft();
    const box = document.getElementById("draft-offer");
    if (!draft || !box) return;
    const when = new Date(draft.at);
    box.querySelector(".draft-when").textContent = isNaN(when) ? "" : when.toLocaleString(GE.english() ? "en-GB" : "ja-JP");
    box.hidden = false;
    box.querySelector('[data-draft="open"]').onclick = () => { restore(draft); box.hidden = true; };
    box.querySelector('[data-draft="drop"]').onclick = () => { GE.clearDraft(); box.hidden = true; };
  };

  /* ---------- open my company.yaml ---------- */

  /** Read a company.yaml the clerk has: {text, data}, or an error message for the page. */
  GE.readProfileFile = async function (file) {
    const bytes = await file.arrayBuffer();
    let text, sjis = false;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch (_) { // Windows Notepad and Excel save Japanese as Shift_JIS: read it as that, as the validator explains
      text = new TextDecoder("shift_jis").decode(bytes);
      sjis = true;
    }
    const before = GE.yamlSlip ? GE.yamlSlip(text) : null; // read "without an error" but not as meant
    if (before) throw new Error(`「${file.name}」の ${before[0]} 行目: ${before[1]}`);
    const doc = GE.parseYaml(text);
    if (doc.errors.length) {
      const e = doc.errors[0];
      const line = e.linePos && e.linePos[0] ? e.linePos[0].line : "?";
      const slip = GE.yamlSlip ? GE.yamlSlip(text, typeof line === "number" ? line : undefined) : null;
      if (slip) throw new Error(`「${file.name}」の ${slip[0]} 行目: ${slip[1]}`);
      throw new Error(`「${file.name}」の ${line} 行目が YAML として読めません。その行と上の行の字下げ（行頭の半角スペースの数）、` +
        `「:」の後の半角スペース、引用符の閉じ忘れを確かめてください。直し方が分からなければ、そのファイルを担当課に送って相談してください。 / ` +
        `line ${line} of '${file.name}' is not valid YAML: check the indentation (spaces) of it and the line above, the space ` +
        `after ':', and unclosed quotes; if it still fails, send the file to the office.`);
    }
    // 0548275858 without quotes is the number 548275858 to YAML; the clerk meant the digits, as the validator reads
    // them (its rule yaml-leading-zero), so the form shows what was written and tidies it as a phone number
    window.YAML.visit(doc, {
      Scalar(_, node) {
        if (typeof node.value === "number" && /^0[0-9]/.test(node.source || "")) node.value = node.source;
      },
    });
    const data = doc.toJS();
    if (!data || typeof data !== "object" || Array.isArray(data)) {
      throw new Error(`「${file.name}」は会社のプロフィールではありません。 / '${file.name}' is not a company profile.`);
    }
    return { text, data, sjis };
  };
})();

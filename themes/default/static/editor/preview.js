/* Live previews: the web list card, the top of the web page and an approximation of the printed page.
   Built with DOM nodes and textContent only, so nothing typed into the form can inject markup. */
(function () {
  "use strict";
  const GE = (window.GE = window.GE || {});

  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") el.className = v;
      else el.setAttribute(k, v);
    }
    for (const c of children.flat(Infinity)) if (c !== null && c !== undefined && c !== "") el.append(c);
    return el;
  }

  const ja = (v) => (v == null ? "" : typeof v === "object" ? v.ja || "" : String(v));
  const labels = (tax, words) => (words || []).map((w) => (GE.resolve(tax, w) || { ja: w }).ja);

  function yen(n) {
    if (typeof n !== "number") return String(n);
    if (n >= 100000000 && n % 1000000 === 0) {
      const man = Math.floor(n / 10000);
      const oku = Math.floor(man / 10000), rest = man % 10000;
      return `${oku.toLocaleString()}億` + (rest ? `${rest.toLocaleString()}万円` : "円");
    }
    if (n >= 10000 && n % 10000 === 0) return `${(n / 10000).toLocaleString()}万円`;
    return `${n.toLocaleString()}円`;
  }

  /** A small part of Markdown (paragraphs and "- " lists): enough to judge length and shape. */
  function prose(text) {
    const out = [];
    for (const block of String(text || "").split(/\n\s*\n/)) {
      const lines = block.split("\n").filter((l) => l.trim());
      if (!lines.length) continue;
      if (lines.every((l) => /^\s*[-*]\s+/.test(l))) out.push(h("ul", {}, lines.map((l) => h("li", {}, l.replace(/^\s*[-*]\s+/, "")))));
      else out.push(h("p", {}, lines.join("\n").replace(/\*\*/g, "")));
    }
    return out;
  }

  function logo(data, slug, cls) {
    const src = GE.imageUrl(data.images && data.images.logo, "logo"); // the published logo-192.png, or a new file
    if (!src) return null;
    const img = h("img", { class: cls, src, alt: "", width: 48, height: 48 });
    img.addEventListener("error", () => img.remove());
    return img;
  }

  function address(a) {
    a = a || {};
    return a.postal_code || a.city ? `〒${a.postal_code || ""} ${a.prefecture || ""}${a.city || ""}${a.street || ""}` : "";
  }

  function card(data, slug) {
    const area = GE.resolve("areas", data.area);
    return h("div", { class: "card" },
      h("p", { class: "card-link" }, logo(data, slug, "card-logo"), h("span", { class: "card-name" }, ja(data.name) || "（会社名）")),
      h("p", { class: "card-summary" }, ja(data.summary) || "（キャッチフレーズ）"),
      h("p", { class: "card-meta" }, [area ? area.ja : "（地区）", labels("technologies", data.technologies).join("、")].join(" ・ ")));
  }

  function page(data, slug) {
    const facts = [
      ["代表者", [ja((data.representative || {}).title), ja((data.representative || {}).name)].join(" ").trim()],
      ["創業・設立", data.established != null ? String(data.established) : ""],
      ["資本金", data.capital != null ? yen(data.capital) : ""],
      ["従業員数", data.employees != null ? `${data.employees}名` : ""],
      ["所在地", address(data.address)],
      ["電話", (data.contact || {}).phone || ""],
    ].filter(([, v]) => v);
    return h("div", {},
      h("div", { class: "pp-head" }, logo(data, slug, "pp-logo"),
        h("div", {}, h("p", { class: "pp-kana" }, (data.name || {}).kana || ""),
          h("p", { class: "pp-name" }, ja(data.name) || "（会社名）"),
          h("p", { class: "pp-summary" }, ja(data.summary)))),
      h("ul", { class: "pp-tags" }, labels("technologies", data.technologies).map((l) => h("li", {}, l))),
      data.pr ? h("div", { class: "pp-pr" }, prose(ja(data.pr))) : null,
      h("dl", { class: "pp-facts" }, facts.map(([k, v]) => [h("dt", {}, k), h("dd", {}, v)])));
  }

  function print(data) {
    const c = data.contact || {};
    const side = [
      ["技術", labels("technologies", data.technologies).join("、")],
      ["業種", labels("industries", data.industries).join("、")],
      ["認証", labels("certifications", data.certifications).join("、")],
      ["対応力", labels("capabilities", data.capabilities).join("、")],
      ["対応材料", (data.materials || []).map(ja).join("、")],
      ["主要取引先", (data.customers || []).map(ja).join("、")],
      ["代表者", [ja((data.representative || {}).title), ja((data.representative || {}).name)].join(" ").trim()],
      ["創業", data.established != null ? String(data.established) : ""],
      ["資本金", data.capital != null ? yen(data.capital) : ""],
      ["従業員", data.employees != null ? `${data.employees}名` : ""],
    ].filter(([, v]) => v);
    const photos = ((data.images || {}).photos || []).slice(0, 3);
    return h("div", { class: "pr-page" },
      h("div", { class: "pr-head" }, h("p", { class: "pr-kana" }, (data.name || {}).kana || ""),
        h("p", { class: "pr-name" }, ja(data.name) || "（会社名）"),
        data.name && data.name.en ? h("p", { class: "pr-name-en", lang: "en" }, data.name.en) : null),
      h("p", { class: "pr-summary" }, ja(data.summary)),
      h("div", { class: "pr-body" },
        h("div", { class: "pr-main" },
          data.pr ? h("div", { class: "pr-pr" }, prose(ja(data.pr))) : null,
          photos.length ? h("div", { class: "pr-photos" }, photos.map((p) => {
            const src = GE.imageUrl(p.file, "photo");
            return h("div", { class: "pr-photo" }, src ? h("img", { src, alt: ja(p.alt) || "" }) : "");
          })) : null,
          (data.products || []).length ? [h("p", { class: "pr-h" }, "主な製品"),
            h("ul", {}, data.products.map((p) => h("li", {}, h("b", {}, ja(p.name)), p.description ? ` — ${ja(p.description)}` : "")))] : null,
          (data.equipment || []).length ? [h("p", { class: "pr-h" }, "主要設備"),
            h("table", {}, h("tbody", {}, data.equipment.map((e) => h("tr", {}, h("td", {}, ja(e.name)),
              h("td", {}, [e.maker, e.model].filter(Boolean).join(" ")), h("td", {}, e.count != null ? String(e.count) : ""),
              h("td", {}, ja(e.spec))))))] : null),
        h("div", { class: "pr-side" },
          h("dl", {}, side.map(([k, v]) => [h("dt", {}, k), h("dd", {}, v)])),
          h("p", {}, address(data.address)),
          h("p", {}, c.phone ? `TEL ${c.phone}` : "", c.fax ? h("br") : null, c.fax ? `FAX ${c.fax}` : ""),
          c.email ? h("p", {}, c.email) : null, c.website ? h("p", {}, c.website) : null)));
  }

  /** Redraw the three previews from the current profile data. */
  GE.preview = function (data, slug) {
    data = data || {};
    document.getElementById("preview-card").replaceChildren(card(data, slug));
    document.getElementById("preview-page").replaceChildren(page(data, slug));
    const frame = document.getElementById("preview-print");
    frame.replaceChildren(print(data));
    const page_ = frame.firstElementChild;
    const over = page_.scrollHeight > frame.clientHeight + 2;
    frame.parentElement.classList.toggle("overflow", over);
    let note = frame.parentElement.nextElementSibling;
    if (!note || !note.classList.contains("print-note")) {
      note = h("p", { class: "print-note", role: "status" });
      frame.parentElement.after(note);
    }
    note.textContent = GE.t(over
      ? "1ページに収まらない可能性があります（文章を短くしてください）。正確には送信時に確認します。 / May not fit one page; checked when you submit."
      : "1ページに収まる見込みです（正確には送信時に確認します）。 / Looks like it fits; checked when you submit.");
  };
})();

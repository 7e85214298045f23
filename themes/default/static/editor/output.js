/* The result: company.yaml text (schema line, a short comment per section) and the links to hand it in. */
(function () {
  "use strict";
  const GE = (window.GE = window.GE || {});

  // Numbers written with hyphens are quoted, as the field help says, so a later hand edit keeps them text.
  const QUOTED = new Set(["phone", "fax", "postal_code", "corporate_number"]);
  const FLOW = new Set(["industries", "technologies", "certifications", "capabilities", "maintainers"]);

  function styleNodes(documents) {
    const y = window.jsyaml;
    y.visit(documents, (node) => {
      if (node.kind !== "mapping") return;
      for (const item of node.items) {
        const key = item.key.kind === "scalar" ? item.key.value : "";
        if (QUOTED.has(key) && item.value.kind === "scalar") item.value.style = y.SCALAR_STYLE.DOUBLE_QUOTED;
        if (FLOW.has(key) && item.value.kind === "sequence") item.value.style = y.COLLECTION_STYLE.FLOW;
      }
    });
  }

  /** The profile as company.yaml text; js-yaml's default schema quotes anything YAML 1.1 or 1.2 would retype. */
  GE.toYaml = function (data) {
    const props = GE.data.schema.properties;
    const name = data.name && data.name.ja ? data.name.ja : "（会社名）";
    const lines = [];
    if (GE.data.schemaLine) lines.push(GE.data.schemaLine);
    lines.push(`# ${name} のプロフィール（${GE.data.site.title}）。「#」で始まる行は説明です。`);
    lines.push("# Company profile; lines starting with '#' are comments. Made with the profile form.");
    for (const key of Object.keys(props)) {
      if (data[key] === undefined) continue;
      const p = props[key];
      lines.push("", `# ${p.title}${p["x-title-en"] ? " / " + p["x-title-en"] : ""}`);
      lines.push(window.jsyaml.dump({ [key]: data[key] }, { lineWidth: -1, transform: styleNodes }).replace(/\n$/, ""));
    }
    return lines.join("\n") + "\n";
  };

  /** GitHub's web editor on this company's file, or a new file for a new company; null without a repository. */
  GE.githubLink = function (slug, isNew) {
    const repo = GE.data.repository;
    if (!repo || !slug) return null;
    const base = `https://github.com/${repo}`;
    const branch = encodeURIComponent(GE.data.branch || "main");
    if (isNew) return `${base}/new/${branch}/content/companies/?filename=${encodeURIComponent(slug)}/company.yaml`;
    return `${base}/edit/${branch}/content/companies/${encodeURIComponent(slug)}/company.yaml`;
  };

  let blobUrl = null;

  /** Show the YAML, the copy and download controls and the GitHub instructions. */
  GE.showResult = function (text, slug, isNew) {
    document.getElementById("result").hidden = false;
    document.getElementById("yaml-out").value = text;
    const download = document.getElementById("download-yaml");
    if (blobUrl) URL.revokeObjectURL(blobUrl);
    blobUrl = URL.createObjectURL(new Blob([text], { type: "text/yaml;charset=utf-8" }));
    download.href = blobUrl;
    download.download = "company.yaml";
  };

  GE.copyResult = async function () {
    const area = document.getElementById("yaml-out");
    const status = document.getElementById("copy-status");
    try {
      await navigator.clipboard.writeText(area.value);
    } catch (e) {
      area.select();
      document.execCommand("copy"); // older browsers and pages opened without https
    }
    status.textContent = GE.t("コピーしました。 / Copied.");
  };
})();

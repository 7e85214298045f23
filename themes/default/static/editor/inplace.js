/* Edit a profile's own YAML text in place: only what the clerk changed is rewritten, with the `yaml` package's
   Document API, so comments, quoting, flow or block style and every other line stay byte for byte as they were. */
(function () {
  "use strict";
  const GE = (window.GE = window.GE || {});

  // Values YAML 1.1 (the validator's PyYAML) would read as something other than text: written in double quotes.
  const RETYPED = /^(?:y|n|yes|no|true|false|on|off|null|~|[-+]?[0-9][0-9_:.,eE+-]*|[-+]?\.(?:inf|nan))$/i;
  const QUOTED = new Set(["phone", "fax", "postal_code", "corporate_number"]);
  const FLOW_LISTS = new Set(["industries", "technologies", "certifications", "capabilities", "maintainers"]);
  const STRINGIFY = { lineWidth: 0, flowCollectionPadding: false };

  const isObj = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
  const canon = (v) => (Array.isArray(v) ? v.map(canon) : isObj(v)
    ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, canon(v[k])])) : v);
  const same = (a, b) => JSON.stringify(canon(a)) === JSON.stringify(canon(b)); // key order is not a change

  /** Parse a profile's text; the Document keeps every comment and style for toString(). */
  GE.parseYaml = function (text) {
    return window.YAML.parseDocument(text, { keepSourceTokens: true });
  };

  /** A new node for `value` at `path`, quoted and styled as the form's own writer would write it. */
  function node(doc, value, path) {
    const key = path[path.length - 1];
    const made = doc.createNode(value);
    window.YAML.visit(made, {
      Scalar(k, n) {
        if (typeof n.value === "string" && (RETYPED.test(n.value) || QUOTED.has(key) || QUOTED.has(String(k)))) {
          n.type = "QUOTE_DOUBLE";
        }
      },
      Map(_, n) {
        if (n.items.every((p) => ["ja", "en", "kana"].includes(String(p.key.value !== undefined ? p.key.value : p.key)))) n.flow = true;
      },
    });
    if (window.YAML.isSeq(made) && FLOW_LISTS.has(key)) made.flow = true;
    return made;
  }

  function set(doc, path, value) {
    const old = doc.getIn(path, true);
    if (window.YAML.isScalar(old) && (value === null || typeof value !== "object")) {
      if (typeof value === "string" && old.type === "PLAIN" && RETYPED.test(value)) old.type = "QUOTE_DOUBLE";
      old.value = value; // keeps its quoting and any comment beside it
      return;
    }
    const made = node(doc, value, path);
    if (window.YAML.isCollection(old) && window.YAML.isCollection(made)) {
      made.flow = old.flow; // a list written [a, b] stays on one line
      made.commentBefore = old.commentBefore;
      made.comment = old.comment;
    }
    doc.setIn(path, made);
  }

  function apply(doc, before, after, path) {
    if (same(before, after)) return;
    if (isObj(before) && isObj(after)) {
      for (const key of Object.keys(before)) if (!(key in after)) doc.deleteIn(path.concat([key]));
      for (const key of Object.keys(after)) {
        if (key in before) apply(doc, before[key], after[key], path.concat([key]));
        else set(doc, path.concat([key]), after[key]);
      }
      return;
    }
    const objects = (list) => Array.isArray(list) && list.every(isObj);
    if (objects(before) && objects(after) && before.length && after.length) {
      const common = Math.min(before.length, after.length);
      for (let i = 0; i < common; i++) apply(doc, before[i], after[i], path.concat([i]));
      for (let i = before.length - 1; i >= after.length; i--) doc.deleteIn(path.concat([i]));
      const seq = doc.getIn(path, true);
      for (let i = before.length; i < after.length; i++) seq.items.push(node(doc, after[i], path.concat([i])));
      return;
    }
    if (after === undefined) doc.deleteIn(path);
    else set(doc, path, after);
  }

  /** The profile's text with the changes from `before` to `after` made in place; the same text when none. */
  GE.editYaml = function (text, before, after) {
    if (same(before, after)) return text;
    const doc = GE.parseYaml(text);
    apply(doc, before, after, []);
    return doc.toString(STRINGIFY);
  };
})();

/* Live checks with the same rules and the same messages as `guidebook validate`.
   The JSON Schema is checked by Ajv (the schema itself is embedded in the page); messages are filled from the
   validator's catalogue (generator/validate/messages.json) exactly as generator/validate/messages.py does, and the
   Japanese data rules mirror generator/validate/japanese.py one for one. Print fit, glyphs and image files need the
   server side and are only named on the page ("送信時に確認します"). */
(function () {
  "use strict";
  const GE = (window.GE = window.GE || {});

  const TYPES_JA = { string: "文字", integer: "整数", number: "数値", object: "項目のまとまり（キー: 値）",
    array: "リスト（- で始まる行、または [a, b]）", boolean: "true / false", null: "空" };
  const TYPES_EN = { string: "text", integer: "a whole number", number: "a number", object: "a mapping (key: value)",
    array: "a list", boolean: "true or false", null: "empty" };
  const PREFECTURES = ["北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県", "茨城県", "栃木県", "群馬県",
    "埼玉県", "千葉県", "東京都", "神奈川県", "新潟県", "富山県", "石川県", "福井県", "山梨県", "長野県", "岐阜県", "静岡県",
    "愛知県", "三重県", "滋賀県", "京都府", "大阪府", "兵庫県", "奈良県", "和歌山県", "鳥取県", "島根県", "岡山県", "広島県",
    "山口県", "徳島県", "香川県", "愛媛県", "高知県", "福岡県", "佐賀県", "長崎県", "熊本県", "大分県", "宮崎県", "鹿児島県",
    "沖縄県"];
  const HALFWIDTH_KANA = /[\uff61-\uff9f]+/g;
  const FULLWIDTH_ALNUM = /[０-９Ａ-Ｚａ-ｚ]+/g;
  const FULLWIDTH_RUN = /[０-９Ａ-Ｚａ-ｚ](?:[－．，]?[０-９Ａ-Ｚａ-ｚ])*/g; // with the hyphens and dots inside it
  const KATAKANA = /^[ァ-ヺー・ヽヾ　 ]+$/;
  const NOT_KATAKANA = /[^ァ-ヺー・ヽヾ　 ]/g;
  const EMAIL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;
  const NOT_PHONE = /[^0-9\-()]/;

  /* ---------- the message catalogue ---------- */

  function fill(template, params) {
    return String(template || "").replace(/\{(\w+)\}/g, (_, name) => (params[name] == null ? "" : String(params[name])));
  }

  /** The full bilingual message of a rule, as messages.say() writes it. */
  GE.say = function (rule, params) {
    const entry = (GE.data.messages || {})[rule];
    if (!entry) return `${params.field || ""} ${rule}: ${params.value || ""}`.trim(); // no catalogue in this build
    const ja = fill(entry.ja, params).trim();
    const en = fill(entry.en, params).trim();
    const example = entry.example ? fill(entry.example, params).trim() : "";
    let text = `${ja} / ${en}`;
    if (example && example !== '""' && example !== '"None"') text += ` 例 / e.g.: ${example}`;
    return text;
  };

  /** JSON as Python's json.dumps(ensure_ascii=False) writes it (", " and ": " separators). */
  function pyJson(v) {
    if (Array.isArray(v)) return "[" + v.map(pyJson).join(", ") + "]";
    if (v && typeof v === "object") return "{" + Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}: ${pyJson(x)}`).join(", ") + "}";
    return JSON.stringify(v);
  }

  const nfkc = (s) => s.normalize("NFKC");
  const isAscii = (s) => /^[\x00-\x7f]*$/.test(s);
  const codepoints = (s) => Array.from(s).length;

  /* ---------- schema helpers (validate/schema.py) ---------- */

  function subschema(pointer) {
    let node = GE.data.schema;
    for (const part of pointer) {
      if (typeof part === "number") {
        node = node.items;
      } else {
        let props = node.properties;
        if (props === undefined) {
          const branch = (node.anyOf || []).find((b) => b.properties);
          props = branch ? branch.properties : undefined;
        }
        node = (props || {})[part];
      }
      if (!node || typeof node !== "object" || Array.isArray(node)) return null;
    }
    return node;
  }

  GE.subschema = subschema;

  /** How a field is named in messages: [「タイトル」, English title]. */
  GE.labels = function (pointer) {
    const strings = pointer.filter((p) => typeof p === "string");
    const key = strings.length ? strings[strings.length - 1] : null;
    const sub = subschema(pointer) || {};
    const last = pointer[pointer.length - 1];
    if (!sub.title && (last === "ja" || last === "en")) {
      const parent = subschema(pointer.slice(0, -1)) || {};
      if (parent.title) {
        const lang = last === "ja" ? "日本語" : "英語";
        return [`「${parent.title}（${lang}）」`, `${parent["x-title-en"] || key} (${last})`];
      }
    }
    if (sub.title) return [`「${sub.title}」`, sub["x-title-en"] || sub.title];
    return key !== null ? [`「${key}」`, String(key)] : ["この項目", "this field"];
  };

  function example(sub) {
    const ex = (sub || {}).examples;
    if (!ex || !ex.length) return "";
    const value = ex[0];
    const taxonomy = sub["x-taxonomy"] || ((sub.items || {})["x-taxonomy"]);
    if (taxonomy && GE.resolve) { // a picker or a drop-down shows the terms' names, not their keys
      const named = (v) => { const t = GE.resolve(taxonomy, v); return t ? t.ja : String(v); };
      return Array.isArray(value) ? value.map(named).join("、") : named(value);
    }
    if (Array.isArray(value)) return "[" + value.map(String).join(", ") + "]";
    return String(value); // what to type in the box: a number-like text needs quotes only in YAML
  }

  const shown = (value) => (typeof value === "string" ? `「${value}」` : pyJson(value));

  function asInteger(text) {
    let t = nfkc(text).replace(/[, 、]/g, "").replace(/^(約|およそ|概ね|おおよそ)/, "")
      .replace(/(円|人|名|社|台|年)?(程度|前後|以上|ほど|くらい|ぐらい)?$/, "");
    const m = /^(?:(\d+(?:\.\d+)?)億)?(?:(\d+(?:\.\d+)?)万)?(\d+)?$/.exec(t);
    if (!m || !(m[1] || m[2] || m[3])) return null;
    const [oku, man, rest] = [m[1], m[2], m[3]].map((g) => (g ? parseFloat(g) : 0));
    return Math.trunc(oku * 100000000 + man * 10000 + rest);
  }

  /** The words for a number written the way people say it (schema.number_reason). */
  function numberReason(text) {
    const ja = [], en = [];
    if (/[万億]/.test(text)) {
      ja.push("「万」「億」は 0 を並べた数字にします（1,000万円 → 10000000）。");
      en.push(" 万 and 億 become the full number (1,000万円 → 10000000).");
    }
    if (/^(約|およそ|概ね|おおよそ)|(程度|前後|以上|ほど|くらい|ぐらい)$/.test(text.trim())) {
      ja.push("「約」などは付けず、おおよその数を書きます。");
      en.push(" Leave out 約 (about) and write the round number.");
    }
    if (/[０-９]/.test(text)) {
      ja.push("全角の数字は半角にします。");
      en.push(" Full-width digits become half-width.");
    }
    return { reason: ja.join(""), reason_en: en.join("") };
  }

  const SHOWN = { "\n": "改行", "\r": "改行", "\t": "タブ", " ": "半角スペース", "\u3000": "全角スペース" };
  const SHOWN_EN = { "\n": "line break", "\r": "line break", "\t": "tab", " ": "space", "\u3000": "full-width space" };

  // The characters a one-class pattern (^[…]+$, possibly after lookaheads) does not allow, named as generator/validate/schema.py's unusable().
  function unusable(pattern, value) {
    const whole = /^\^(?:\(\?![^()]*\))*\[(.+)\]\+\$$/.exec(pattern); // lookaheads first, then one class
    if (!whole || typeof value !== "string") return { unusable: "", unusable_en: "" };
    const allowed = new RegExp(`^[${whole[1]}]$`, "u");
    const chars = [...new Set([...value].filter((c) => !allowed.test(c)))].slice(0, 5);
    if (!chars.length) return { unusable: "", unusable_en: "" };
    return { unusable: chars.map((c) => `「${SHOWN[c] || c}」`).join("") + "は使えません。",
      unusable_en: chars.map((c) => `'${SHOWN_EN[c] || c}'`).join(", ") + " cannot be used. " };
  }

  function pointerOf(instancePath) {
    if (!instancePath) return [];
    return instancePath.slice(1).split("/").map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
      .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  }

  /** Ajv reports the errors of each anyOf branch beside the anyOf error; pick the one that says the most. */
  function branchOf(error, all) {
    if (error.keyword !== "anyOf" && error.keyword !== "oneOf") return error;
    const prefix = error.schemaPath + "/";
    const specific = all.filter((e) => e.schemaPath.startsWith(prefix) && e.keyword !== "type");
    if (!specific.length) return error;
    let best = specific[0];
    for (const e of specific) if (pointerOf(e.instancePath).length > pointerOf(best.instancePath).length) best = e;
    return best;
  }

  function schemaMessage(error) {
    const pointer = pointerOf(error.instancePath);
    const [field, field_en] = GE.labels(pointer);
    const sub = subschema(pointer) || error.parentSchema || {};
    const v = error.keyword;
    const value = error.data;
    const limit = error.schema;
    const common = { field, field_en, value: shown(value), example: example(sub), limit };
    const done = (rule, message, at) => ({ pointer, at: at || pointer, rule, message });
    if (v === "required") {
      const missing = error.params.missingProperty;
      const group = subschema(pointer.concat([missing])) || {};
      const needed = (group.required || [])[0];
      if (group.type === "object" && needed) { // a group left empty (連絡先): name the box to fill in it (電話番号)
        const inner = pointer.concat([missing, needed]);
        const [g] = GE.labels(pointer.concat([missing]));
        const [f, fEn] = GE.labels(inner);
        const shownEx = example(subschema(inner) || {});
        const eg = shownEx ? ` 例 / e.g.: ${shownEx.replace(/^"(.*)"$/, "$1")}` : "";
        return done("required", `${g}の${f}を入力してください。 / Fill in ${fEn}.${eg}`, inner);
      }
      const [f, fEn] = GE.labels(pointer.concat([missing]));
      const shownEx = example(subschema(pointer.concat([missing])) || {});
      // on screen the field has a label and a box: name those, not the YAML key the validator asks for
      const eg = shownEx ? ` 例 / e.g.: ${shownEx.replace(/^"(.*)"$/, "$1")}` : "";
      return done("required", `${f}を入力してください。 / Fill in ${fEn}.${eg}`, pointer.concat([missing]));
    }
    if (v === "additionalProperties") {
      const key = error.params.additionalProperty;
      const allowed = Object.keys(error.parentSchema.properties || {});
      const hint = [`使えるキー: ${allowed.join(", ")}`, `Allowed keys: ${allowed.join(", ")}.`];
      const r = done("unknown-key", GE.say("unknown-key", { key, hint: hint[0], hint_en: hint[1] }));
      r.pointer = pointer.concat([key]);
      return r;
    }
    if (v === "type") {
      const want = Array.isArray(limit) ? limit : [limit];
      if (typeof value === "string" && want.includes("integer")) {
        const n = asInteger(value);
        const last = pointer[pointer.length - 1];
        return done("number-as-text", GE.say("number-as-text", { ...common, ...numberReason(value), value,
          suggestion: n !== null ? String(n) : example(sub) }));
      }
      return done("type", GE.say("type", { ...common, expected: want.map((t) => TYPES_JA[t] || t).join("・"),
        expected_en: want.map((t) => TYPES_EN[t] || t).join(" or ") }));
    }
    if (v === "maxLength") {
      const n = codepoints(value);
      return done("too-long", GE.say("too-long", { ...common, length: n, over: n - limit }));
    }
    if (v === "minLength") return done("empty", GE.say("empty", common));
    if (v === "pattern") {
      return done("format", GE.say("format", { ...common, value, ...unusable(limit, value),
        description: sub.description || "", description_en: sub["x-description-en"] || "" }));
    }
    if (v === "maxItems") return done("too-many", GE.say("too-many", { ...common, count: value.length }));
    if (v === "minItems") return done("too-few", GE.say("too-few", common));
    if (v === "minimum" || v === "maximum") {
      return done("range", GE.say("range", { ...common, bound: v === "minimum" ? "最小" : "最大",
        bound_en: v === "minimum" ? "minimum" : "maximum" }));
    }
    if (v === "uniqueItems") return done("duplicate-item", GE.say("duplicate-item", common));
    if (v === "enum") return done("enum", GE.say("enum", { ...common, options: limit.map(String).join(", ") }));
    if (v === "anyOf" || v === "oneOf") {
      return done("shape", GE.say("shape", { ...common, description: sub.description || "",
        description_en: sub["x-description-en"] || "" }));
    }
    return done(v, `${field}: ${error.message}`);
  }

  /* ---------- Japanese data (validate/japanese.py) ---------- */

  function checkCorporateNumber(value) {
    const digits = nfkc(value);
    if (!/^[0-9]{13}$/.test(digits)) {
      const n = codepoints(digits);
      return ["corporate-number", { value, reason: `半角数字13桁ではありません（${n}文字）`,
        reason_en: `not 13 digits (${n} characters)` }];
    }
    let total = 0;
    Array.from(digits.slice(1)).reverse().forEach((d, i) => { total += Number(d) * (i % 2 === 0 ? 1 : 2); });
    const check = 9 - (total % 9);
    if (Number(digits[0]) !== check) {
      return ["corporate-number", { value, reason: `先頭のチェックデジットが合いません（計算上は ${check}）`,
        reason_en: `the check digit does not match (it should be ${check})` }];
    }
    return null;
  }

  /** The words that say a value was typed in 全角 (japanese.width_reason). */
  function widthReason(value) {
    return /[０-９－ー−‐（）＋]/.test(value)
      ? { reason: "全角の数字や記号は半角にします。", reason_en: " Full-width digits and signs become half-width." }
      : { reason: "", reason_en: "" };
  }

  function checkPostalCode(value) {
    if (/^[0-9]{3}-[0-9]{4}$/.test(value)) return null;
    const digits = nfkc(value).replace(/〒/g, "").replace(/[^0-9]/g, "");
    const suggestion = digits.length === 7 ? `${digits.slice(0, 3)}-${digits.slice(3)}` : "437-0112"; // a box takes no quotes
    return ["postal-code", { value, suggestion, ...widthReason(value) }];
  }

  function phoneDigitsOk(d) {
    if (d.startsWith("0120")) return d.length === 10;
    if (d.startsWith("0800")) return d.length === 11;
    if (["050", "070", "080", "090", "020"].some((p) => d.startsWith(p))) return d.length === 11;
    return d.length === 10 && d[0] === "0" && d[1] !== "0";
  }

  /** Bare digits split where the area code ends (03-1234-5678, 0561-12-3456, 090-1234-5678), by libphonenumber's
      Japanese numbering plan as the validator's phonenumbers has it (GE.data.phone, written at build time by
      generator/validate/japanese.py phone_plan); null for a number the plan does not know, as japanese.hyphenated. */
  function hyphenated(digits) {
    const plan = (GE.data || {}).phone;
    if (!plan || !plan.formats || !digits.startsWith(plan.prefix)) return null;
    const national = digits.slice(plan.prefix.length);
    const whole = (pattern) => new RegExp(`^(?:${pattern})$`);
    if (!plan.valid.some((kind) => (!kind.lengths.length || kind.lengths.includes(national.length))
        && whole(kind.pattern).test(national))) return null;
    for (const f of plan.formats) {
      if (f.leading && !new RegExp(`^(?:${f.leading})`).test(national)) continue;
      if (!whole(f.pattern).test(national)) continue;
      const format = f.prefix ? f.format.replace("\\1", f.prefix) : f.format; // 0\1-\2-\3: the 0 in front again
      return national.replace(whole(f.pattern), format.replace(/\\(\d)/g, "$$$1"));
    }
    return null;
  }

  GE.hyphenated = hyphenated;

  function checkPhone(value, field, field_en) {
    const folded = nfkc(value).replace(/[ー−‐]/g, "-");
    const digits = folded.replace(/[^0-9]/g, "");
    if (folded === digits && phoneDigitsOk(digits)) { // bare digits: split where the area code ends
      const better = hyphenated(digits);
      const suggestion = better || "0548-22-1234";
      return ["phone-hyphens", { value, field, field_en, suggestion, ...widthReason(value) }];
    }
    if (!NOT_PHONE.test(value) && phoneDigitsOk(digits) && !value.startsWith("-") && !value.includes("--")) return null;
    const suggestion = !NOT_PHONE.test(folded) && phoneDigitsOk(digits) ? folded : "0548-22-1234";
    return ["phone", { value, field, field_en, suggestion, ...widthReason(value) }];
  }

  function urlOk(value) {
    const m = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)/.exec(value);
    const scheme = m ? m[1].toLowerCase() : "";
    return (scheme === "http" || scheme === "https") && m[2].includes(".") && !/\s/.test(value) && isAscii(value);
  }

  function checkUrl(value, field, field_en) {
    if (urlOk(value)) return null;
    let folded = nfkc(value).trim();
    let reason = folded !== value.trim() ? ["全角の文字は半角にします。", " Full-width characters become half-width."] : ["", ""];
    if (!/^[A-Za-z][A-Za-z0-9+.-]*:/.test(folded) && /^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+(\/\S*)?$/.test(folded)) {
      folded = "https://" + folded; // www.example.co.jp: the scheme was left out
      reason = [reason[0] + "先頭に https:// を付けます。", reason[1] + " Add https:// in front."];
    }
    const suggestion = urlOk(folded) ? folded : "https://www.example.co.jp/";
    return ["url", { value, field, field_en, suggestion, reason: reason[0], reason_en: reason[1] }];
  }

  function checkEmail(value) {
    let reason = null;
    if (!isAscii(value)) reason = ["全角文字が含まれています。半角で書いてください", "it contains full-width characters"];
    else if (value.split("@").length - 1 !== 1) reason = ["「@」はちょうど1つ必要です", "it needs exactly one '@'"];
    else if (value.includes("..") || value.startsWith(".") || value.split("@")[0].endsWith(".")) {
      reason = ["「.」が続いているか、端にあります", "a '.' is doubled or at an edge"];
    } else if (!EMAIL.test(value)) {
      reason = ["@ の後ろはドメイン名（例: example.co.jp）です", "the part after '@' must be a domain like example.co.jp"];
    }
    if (!reason) return null;
    const folded = nfkc(value).replace(/＠/g, "@");
    return ["email", { value, reason: reason[0], reason_en: reason[1],
      suggestion: EMAIL.test(folded) ? folded : "info@example.co.jp" }];
  }

  function checkPrefecture(value) {
    if (PREFECTURES.includes(value)) return null;
    const close = value ? PREFECTURES.filter((p) => p.startsWith(value)) : [];
    // difflib.get_close_matches has no browser twin; a shared prefix covers the common slip (静岡 → 静岡県).
    const hint = close.length ? `「${close[0]}」ではありませんか？` : "「県」「府」「都」まで書いてください（例: 静岡県）。";
    const hint_en = close.length ? `Did you mean '${close[0]}'?` : "Write it in full, e.g. 静岡県.";
    return ["prefecture", { value, hint, hint_en }];
  }

  function toKatakana(text) {
    return Array.from(nfkc(text)).map((c) => (c >= "ぁ" && c <= "ゖ" ? String.fromCharCode(c.charCodeAt(0) + 0x60) : c)).join("");
  }

  // japanese.py KANA_LEGAL_FORM (model/text.py)
  const KANA_LEGAL_FORM = /^(?:カブシキ|ユウゲン|ゴウドウ|ゴウシ|ゴウメイ)[ガカ]イシャ[ \u3000]*|[ \u3000]*(?:カブシキ|ユウゲン|ゴウドウ|ゴウシ|ゴウメイ)[ガカ]イシャ$/;

  function checkKana(value) {
    if (KATAKANA.test(value)) {
      const legal = KANA_LEGAL_FORM.exec(value);
      const rest = value.replace(new RegExp(KANA_LEGAL_FORM.source, "g"), "");
      return legal && rest ? ["kana-legal-form", { value, form: legal[0].trim(), suggestion: rest }] : null;
    }
    let converted = toKatakana(value);
    for (const w of ["カブシキガイシャ", "ユウゲンガイシャ", "株式会社", "有限会社", "(株)", "(有)"]) converted = converted.split(w).join("");
    converted = converted.trim();
    const chars = Array.from(new Set(value.match(NOT_KATAKANA) || [])).join("");
    const suggestion = converted && KATAKANA.test(converted) ? converted : "ヤマダセイキ";
    const reason = /[ぁ-ゖ]/.test(value) ? ["ひらがなはカタカナにします。", " Hiragana becomes katakana."]
      : HALFWIDTH_KANA.test(value) ? ["半角カタカナは全角にします。", " Half-width katakana becomes full-width."] : ["", ""];
    HALFWIDTH_KANA.lastIndex = 0;
    return ["kana", { value, chars, suggestion, reason: reason[0], reason_en: reason[1] }];
  }

  function checkWidths(value, field, field_en) {
    const found = [];
    for (const [rule, pattern, run] of [["halfwidth-kana", HALFWIDTH_KANA, HALFWIDTH_KANA],
      ["fullwidth-ascii", FULLWIDTH_ALNUM, FULLWIDTH_RUN]]) {
      const chars = (value.match(pattern) || []).join("");
      if (chars) {
        const fixed = value.replace(run, (m) => nfkc(m));
        found.push([rule, { field, field_en, chars, suggestion: codepoints(fixed) <= 60 ? fixed : Array.from(fixed).slice(0, 57).join("") + "…" }]);
      }
    }
    return found;
  }

  const FIELD_CHECKS = {
    "corporate_number": [checkCorporateNumber],
    "address/postal_code": [checkPostalCode],
    "address/prefecture": [checkPrefecture],
    "contact/phone": [checkPhone, "「電話番号」", "Phone"],
    "contact/fax": [checkPhone, "「FAX番号」", "Fax"],
    "contact/email": [checkEmail],
    "contact/website": [checkUrl, "「ウェブサイト」", "Website"],
    "name/kana": [checkKana],
  };

  function* strings(value, pointer) {
    if (typeof value === "string") yield [pointer, value];
    else if (Array.isArray(value)) for (let i = 0; i < value.length; i++) yield* strings(value[i], pointer.concat([i]));
    else if (value && typeof value === "object") for (const k of Object.keys(value)) yield* strings(value[k], pointer.concat([k]));
  }

  function japanese(data) {
    const found = [];
    for (const [pointer, value] of strings(data, [])) {
      const spec = FIELD_CHECKS[pointer.join("/")];
      if (spec) {
        const [fn, ja, en] = spec;
        const hit = ja ? fn(value, ja, en) : fn(value);
        if (hit) found.push({ pointer, at: pointer, rule: hit[0], message: GE.say(hit[0], hit[1]), severity: "error" });
        continue;
      }
      if (!value.match(HALFWIDTH_KANA) && !value.match(FULLWIDTH_ALNUM)) continue;
      const [ja, en] = GE.labels(pointer);
      for (const [rule, params] of checkWidths(value, ja, en)) {
        found.push({ pointer, at: pointer, rule, message: GE.say(rule, params), severity: "warning" });
      }
    }
    return found;
  }

  /** Photos without a real description (validate/images.py): missing, blank, or the file name again. */
  function altText(data) {
    const photos = data.images && Array.isArray(data.images.photos) ? data.images.photos : [];
    const found = [];
    photos.forEach((photo, i) => {
      if (!photo || typeof photo !== "object") return;
      const alt = photo.alt;
      const text = alt && typeof alt === "object" ? alt.ja : alt;
      const file = photo.file == null ? "" : String(photo.file);
      if (text == null || (typeof text === "string" && (!text.trim() || text.trim() === file))) {
        const pointer = ["images", "photos", i, "alt"];
        // on screen the description has its own box: the example is what to type in it, not the YAML line
        // the form's box is 「写真の説明」: the YAML key (alt) is no word of the form's
        const message = GE.say("image-alt", { file }).replace(" 例 / e.g.: alt: ", " 例 / e.g.: ")
          .replace("説明（alt）", "説明").replace("has no alt text", "has no description");
        found.push({ pointer, at: pointer, rule: "image-alt", message, severity: "error" });
      }
    });
    return found;
  }

  /* ---------- dates as people write them (validate/meant.py) ---------- */

  const ERAS = { "令和": 2018, R: 2018, "平成": 1988, H: 1988, "昭和": 1925, S: 1925, "大正": 1911, T: 1911 };
  const WAREKI = /^(令和|平成|昭和|大正|[RHST])\.?\s*(\d{1,2}|元)\s*[年./-]\s*(?:(\d{1,2})\s*[月./-]?\s*(?:(\d{1,2})\s*日?)?)?$/;
  const SEIREKI = /^(\d{4})\s*[年./-]?\s*(?:(\d{1,2})\s*[月./-]?\s*(?:(\d{1,2})\s*日?)?)?$/;
  const DATE_FIELDS = { last_confirmed: "date", established: "year" };
  const pad = (n, w) => String(n).padStart(w, "0");

  /** [year, month, day, was 和暦] of a date as people write it, or null. */
  GE.readDate = function (text) {
    const t = nfkc(String(text)).trim();
    let m = WAREKI.exec(t), year, wareki = !!m;
    if (m) year = ERAS[m[1]] + (m[2] === "元" ? 1 : Number(m[2]));
    else {
      m = SEIREKI.exec(t);
      if (!m) return null;
      year = Number(m[1]);
    }
    const month = m[3] ? Number(m[3]) : null, day = m[4] ? Number(m[4]) : null;
    if ((month !== null && (month < 1 || month > 12)) || (day !== null && (day < 1 || day > 31))) return null;
    return [year, month, day, wareki];
  };

  /** The value to write for a date field of kind "date" or "year" ([text, was 和暦]), or null. */
  GE.dateSuggestion = function (kind, text) {
    const d = GE.readDate(text);
    if (!d) return null;
    const [y, mo, da, wareki] = d;
    if (kind === "date") return mo && da ? [`${pad(y, 4)}-${pad(mo, 2)}-${pad(da, 2)}`, wareki] : null;
    return [mo ? `"${pad(y, 4)}-${pad(mo, 2)}"` : String(y), wareki];
  };

  function meant(data) {
    const found = [];
    for (const [key, kind] of Object.entries(DATE_FIELDS)) {
      const value = data[key];
      if (typeof value !== "string") continue;
      if (kind === "date" ? /^\d{4}-\d{2}-\d{2}$/.test(value) : /^\d{4}-\d{2}$/.test(value)) continue;
      const s = GE.dateSuggestion(kind, value);
      if (!s) continue;
      const [fixed, wareki] = s;
      const [field, field_en] = GE.labels([key]);
      const reason = (wareki ? "和暦は西暦にし、" : "") + (kind === "date" ? "年-月-日を半角の数字とハイフンで書きます"
        : "年だけなら数字だけ、年月なら \"1968-04\" の形で書きます");
      const reason_en = (wareki ? "Japanese era years become Western years; " : "") + (kind === "date"
        ? "write year-month-day with digits and hyphens" : "write a year as a plain number, a year and month as \"1968-04\"");
      found.push({ pointer: [key], at: [key], rule: "date", severity: "error",
        message: GE.say("date", { field, field_en, value, reason, reason_en, suggestion: fixed.replace(/^"(.*)"$/, "$1") }) });
    }
    return found;
  }

  /* ---------- leftovers of the template (validate/leftovers.py) ---------- */

  const MARKS = /[〇○◯●]{2}|[×✕]{2}|000-0000|-00-0000/;
  const EXAMPLES = ["info@example.co.jp", "https://www.example.co.jp/", "your-github-account", "マルマルセイサクショ",
    "Marumaru Seisakusho Co., Ltd.", "1-2-3 Marumaru-cho, Momijigawa, Shizuoka"];

  function leftovers(data) {
    const found = [];
    for (const [pointer, value] of strings(data, [])) {
      const hit = MARKS.exec(value);
      const mark = hit ? hit[0] : EXAMPLES.find((e) => value.includes(e));
      if (!mark) continue;
      const [field, field_en] = GE.labels(pointer);
      found.push({ pointer, at: pointer, rule: "placeholder", severity: "error",
        message: GE.say("placeholder", { field, field_en, value, mark }) });
    }
    return found;
  }

  /* ---------- words a closed vocabulary does not list (validate/vocab.py _unknown) ---------- */

  /** A word of a loaded file that names no term of a closed vocabulary (technologies, industries …): the form
      keeps it as a chip, so the check must say that the automatic check will refuse it, as the validator does. */
  function unknownTerms(data) {
    const found = [];
    const walk = (value, sub, pointer) => {
      if (!sub || value == null) return;
      const tax = sub["x-taxonomy"] || (sub.items || {})["x-taxonomy"];
      if (tax && !sub["x-open-vocabulary"] && !(sub.items || {})["x-open-vocabulary"]) {
        const words = Array.isArray(value) ? value.map((v, i) => [v, pointer.concat(i)]) : [[value, pointer]];
        const vocab = GE.data.taxonomies[tax] || {};
        for (const [word, at] of words) {
          if (typeof word !== "string" || GE.resolve(tax, word)) continue;
          const [field, field_en] = GE.labels(pointer);
          found.push({ pointer: at, at: pointer, rule: "vocabulary", severity: "error", message: GE.say("vocabulary", {
            value: word, taxonomy: field, taxonomy_en: field_en || vocab.name || tax,
            hint: "✕ で外して一覧から選んでください。一覧にない加工や製品は「得意なこと」か「PR文」に書けます。",
            hint_en: "Remove it with ✕ and pick from the list; write what the list lacks in strengths or the PR text.",
            suggestion: "" }) });
        }
        return;
      }
      if (Array.isArray(value)) value.forEach((v, i) => walk(v, sub.items, pointer.concat(i)));
      else if (typeof value === "object") {
        for (const [k, v] of Object.entries(value)) walk(v, subschema(pointer.concat(k)), pointer.concat(k));
      }
    };
    walk(data, GE.data.schema, []);
    return found;
  }

  /* ---------- figures outside their usual range (validate/vocab.py _plausible) ---------- */

  /** A number as the validator writes it in a message: 50,000 and 0.00001. */
  function plainNumber(v) {
    return Number.isInteger(v) ? v.toLocaleString("en-US") : v.toLocaleString("en-US", { maximumFractionDigits: 10 });
  }

  /** 「主要設備 2 番目（プレス機、アマダ SDE-50000）」 as validate/figures.row_name says it, without the file's line
      (the form has no file lines; the message stands beside the row's field). */
  function rowName(row, i) {
    const machines = GE.data.taxonomies.machines || {};
    const name = row.name && typeof row.name === "object" ? row.name.ja : row.name;
    const term = typeof row.type === "string" ? GE.resolve("machines", row.type) : null;
    const shown = typeof name === "string" && name ? name : term ? term.ja : "";
    const shownEn = (term && term.en) || (typeof name === "string" ? name : "");
    const maker = typeof row.maker === "string" ? row.maker : "";
    const model = typeof row.model === "string" ? row.model : "";
    const makerEn = maker ? ((machines.makers || {})[GE.fold(maker)] || maker) : "";
    const ja = [shown, [maker, model].filter(Boolean).join(" ")].filter(Boolean).join("、");
    const en = [shownEn, [makerEn, model].filter(Boolean).join(" ")].filter(Boolean).join(", ");
    return [`主要設備 ${i + 1} 番目` + (ja ? `（${ja}）` : ""), `equipment row ${i + 1}` + (en ? ` (${en})` : "")];
  }

  function outOfRange(value, low, high, params, pointer) {
    if (typeof value !== "number" || !isFinite(value) || (value >= low && value <= high)) return null;
    return { pointer, at: pointer, rule: "implausible", severity: "warning", message: GE.say("implausible",
      { ...params, value: plainNumber(value), min: plainNumber(low), max: plainNumber(high) }) };
  }

  /** [low, high]: a figure given as a range (the schema's x-range). */
  function isPair(value) {
    return Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === "number");
  }

  /** The values to question: a range's two ends, each named as such, or the one figure. */
  function ends(value, ranged = true) {
    if (!ranged || !isPair(value)) return [[value, "", ""]];
    return [[value[0], "（幅の小さい方）", " (the range's lower end)"], [value[1], "（幅の大きい方）", " (the range's upper end)"]];
  }

  /** A range written larger end first (validate/vocab.py _swapped), with the range to write as the form takes it. */
  function swapped(where, whereEn, field, fieldEn, value, pointer) {
    return { pointer, at: pointer, rule: "range-order", severity: "error", message: GE.say("range-order", { where,
      where_en: whereEn, field, field_en: fieldEn, at: "", at_en: "", low: plainNumber(value[0]),
      high: plainNumber(value[1]), suggestion: `${plainNumber(value[1])}〜${plainNumber(value[0])}` }) };
  }

  /** Say it as the validator does (validate/vocab.py), but point at what the form shows: the row as the form
      numbers it and the box by its label and unit (the file's line and the YAML key mean nothing here). */
  function plausible(data) {
    const found = [];
    const figures = (GE.data.taxonomies.machines || {}).figures || {};
    (Array.isArray(data.equipment) ? data.equipment : []).forEach((row, i) => {
      if (!row || typeof row !== "object" || !row.figures || typeof row.figures !== "object") return;
      const term = typeof row.type === "string" ? GE.resolve("machines", row.type) : null;
      if (!term) return;
      for (const [key, value] of Object.entries(row.figures)) {
        const f = figures[key];
        if (!f || !term.figures.includes(key)) continue;
        const [where, whereEn] = rowName(row, i);
        const unitEn = f.unit_en || f.unit;
        let fix = `違っていれば、この行の「${f.ja}（${f.unit}）」の欄の数字を直してください。`;
        let fixEn = `If they are wrong, correct the number in this row's ${f.en} (${unitEn}) box. `;
        if (f.unit === "t") {
          fix += "kN（キロニュートン）の値なら t に直します（1 t ≈ 9.8 kN）。";
          fixEn += "A value in kN becomes t (1 t ≈ 9.8 kN). ";
        }
        const pointer = ["equipment", i, "figures", key];
        for (const [one, end, endEn] of ends(value)) {
          const hit = outOfRange(one, f.min, f.max, { where: `${where}の`, where_en: `${whereEn}: `, field: f.ja + end,
            field_en: f.en + endEn, unit: f.unit, unit_en: unitEn, fix, fix_en: fixEn }, pointer);
          if (hit) found.push(hit);
        }
        if (isPair(value) && value[0] > value[1]) found.push(swapped(`${where}の`, `${whereEn}: `,
          `${f.ja}（${f.unit}）`, `${f.en} (${unitEn})`, value, pointer));
      }
    });
    const capacity = data.capacity && typeof data.capacity === "object" ? data.capacity : {};
    const group = (GE.data.schema.properties || {}).capacity || {};
    const props = group.properties || {};
    for (const [key, value] of Object.entries(capacity)) {
      const sub = props[key] || {};
      const range = sub["x-plausible"];
      if (!range) continue;
      const title = sub.title || key;
      const titleEn = sub["x-title-en"] || key;
      const box = `「${group.title || "capacity"}」の「${title}」の欄`;
      const boxEn = `the ${titleEn} box of ${group["x-title-en"] || "Capacity"}`;
      const pair = sub["x-range"] && isPair(value);
      for (const [one, end, endEn] of ends(value, pair)) {
        const hit = outOfRange(one, range.min, range.max, { where: "", where_en: "", field: title + end,
          field_en: titleEn + endEn, unit: range.unit, unit_en: range.unit_en || range.unit,
          fix: `違っていれば${box}の数字を直してください。`, fix_en: `If they are wrong, correct the number in ${boxEn}. ` },
        ["capacity", key]);
        if (hit) found.push(hit);
      }
      if (pair && value[0] > value[1]) found.push(swapped("", "", title, titleEn, value, ["capacity", key]));
    }
    return found;
  }

  /* ---------- all checks ---------- */

  let validate = null;
  const SKIPPED = new Set(["type", "format", "number-as-text", "empty", "shape", "required"]);

  /** Every problem of a profile: [{pointer, at, rule, message, severity}], as `guidebook validate` finds them. */
  GE.check = function (data) {
    if (!validate) {
      const Ajv = window.ajv2020.default || window.ajv2020;
      validate = new Ajv({ allErrors: true, strict: false, verbose: true }).compile(GE.data.schema);
    }
    const jp = japanese(data);
    const alt = altText(data);
    const dates = meant(data);
    const explained = new Set(alt.concat(dates).map((p) => p.pointer.join("/")));
    const problems = [];
    if (!validate(data)) {
      const all = validate.errors;
      const anyOfs = all.filter((e) => e.keyword === "anyOf" || e.keyword === "oneOf");
      for (const error of all) {
        if (anyOfs.some((a) => a !== error && error.schemaPath.startsWith(a.schemaPath + "/"))) continue; // a branch
        const p = schemaMessage(branchOf(error, all));
        const key = p.pointer.join("/");
        const at = (p.at || p.pointer).join("/"); // a missing key is told at the key (images/photos/0/alt)
        if ((explained.has(at) && SKIPPED.has(p.rule)) || (FIELD_CHECKS[key] && p.rule === "format")) continue;
        p.severity = "error";
        if (!problems.some((q) => q.message === p.message && q.pointer.join("/") === key)) problems.push(p);
      }
    }
    return problems.concat(dates, jp, leftovers(data), alt, plausible(data), unknownTerms(data));
  };
})();

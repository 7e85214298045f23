/* The YAML slips of someone typing with a Japanese IME, named as the validator names them (generator/load/yamlhelp.py
   and the tab rule of generator/load/yamlfile.py; same sentences), so that a clerk who opens a hand-edited
   company.yaml in the form learns what to change on which line instead of "send it to the office". */
(function () {
  "use strict";
  const GE = (window.GE = window.GE || {});
  const KEY = "[A-Za-z_][A-Za-z0-9_-]*";
  const FULLWIDTH_INDENT = /^[ \u3000]*\u3000[ \u3000]*(?=\S)/;
  const FULLWIDTH_COLON = new RegExp(`^(\\s*(?:-\\s+)?)(${KEY})\\s*[：﹕]\\s*(.*)$`);
  const FULLWIDTH_AFTER_COLON = new RegExp(`^(\\s*(?:-\\s+)?)(${KEY}):\u3000[ \u3000]*(.*)$`);
  const NO_SPACE = new RegExp(`^(\\s*(?:-\\s+)?)(${KEY}):(?=[^\\s/:])(.*)$`);
  const DASH_NO_SPACE = new RegExp(`^(\\s*)-(?=(?:${KEY})\\s*:)(.*)$`);
  const ENTRY = new RegExp(`^(\\s*(?:-\\s+)?)(${KEY})\\s*:(?:\\s+(.*))?$`);
  const BLOCK = new RegExp(`^(\\s*)(?:-\\s+)?(?:${KEY}\\s*:\\s*)?[|>][-+1-9]*\\s*(?:#.*)?$`);

  const m = (ja, en, fixed) => `${ja} / ${en} 例 / e.g.: ${fixed.trim()}`;

  /** Indexes of the lines inside block scalars (`pr: |`): the clerk's own text, never YAML structure. */
  function blockLines(lines) {
    const inside = new Set();
    let parent = null;
    lines.forEach((line, i) => {
      const indent = line.length - line.replace(/^ +/, "").length;
      if (parent !== null) {
        if (!line.trim() || indent > parent) { inside.add(i); return; }
        parent = null;
      }
      const found = BLOCK.exec(line);
      if (found) parent = found[1].length;
    });
    return inside;
  }

  function contentAbove(lines, i, skip) {
    for (let j = i - 1; j >= 0; j--) {
      if (lines[j].trim() && !lines[j].trimStart().startsWith("#") && !skip.has(j)) return lines[j];
    }
    return null;
  }

  function slipOf(line, above, everywhere) {
    const tab = /^[ \t]*/.exec(line)[0];
    if (tab.includes("\t")) {
      const fixed = tab.replace(/\t/g, "  ") + line.slice(tab.length);
      return m("字下げにタブ文字が使われています。YAML の字下げは半角スペースで書いてください。",
        "a tab is used for indentation; YAML indents with spaces only.", `「${fixed}」`);
    }
    let found = FULLWIDTH_INDENT.exec(line);
    if (found) {
      const lead = found[0];
      let spaces = lead.replace(/\u3000/g, "  ");
      const entry = above !== null ? ENTRY.exec(above) : null;
      if (entry) spaces = " ".repeat(entry[1].length + (entry[3] ? 0 : 2));
      const fixed = spaces + line.slice(lead.length);
      return m(`行頭に全角スペース（　）が入っています。字下げは半角スペースで書いてください（この行は半角スペース${spaces.length}つで始めます）。`,
        `a full-width space (U+3000) is used for indentation; indent with half-width spaces (${spaces.length} here).`,
        `「${fixed}」`);
    }
    if ((found = FULLWIDTH_COLON.exec(line))) {
      const [, pre, key, rest] = found;
      const fixed = rest ? `${pre}${key}: ${rest}`.trimEnd() : `${pre}${key}:`;
      return m(`「${key}」の後の「：」が全角です。半角の「:」と半角スペースにしてください。`,
        `the colon after '${key}' is full-width (：); write a half-width ':' and a space.`, fixed);
    }
    if ((found = FULLWIDTH_AFTER_COLON.exec(line))) {
      const [, pre, key, rest] = found;
      return m(`「${key}:」の後に全角スペース（　）が入っています。半角スペースにしてください（日本語入力をオフにしてスペース）。`,
        `the space after '${key}:' is full-width (U+3000); type a half-width space (IME off).`,
        `${pre}${key}: ${rest}`.trimEnd());
    }
    if (everywhere) return ""; // the slips below are only looked for above a line the parser could not read
    if ((found = NO_SPACE.exec(line))) {
      const [, pre, key, rest] = found;
      return m(`「${key}:」の後に半角スペースがありません。「:」の後に半角スペースを1つ入れてください。`,
        `no space after '${key}:'; put one half-width space after ':'.`, `${pre}${key}: ${rest}`);
    }
    if ((found = DASH_NO_SPACE.exec(line))) {
      return m("「-」の後に半角スペースがありません。リストの項目は「- 」（ハイフンと半角スペース）で始めてください。",
        "no space after '-'; start a list item with '- ' (a hyphen and a space).", `「${found[1]}- ${found[2]}」`);
    }
    const entry = ENTRY.exec(line);
    const value = entry ? (entry[3] || "").trimStart() : "";
    if (value && (value[0] === '"' || value[0] === "'")) {
      const q = value[0];
      let closed = false;
      for (let i = 1; i < value.length; i++) {
        if (q === '"' && value[i] === "\\") { i++; continue; }
        if (value[i] === q) {
          if (q === "'" && value[i + 1] === "'") { i++; continue; }
          closed = true;
          break;
        }
      }
      if (!closed) {
        return m(`引用符 ${q} が閉じていません。値の終わりにも同じ引用符 ${q} を書いてください。`,
          `the quote ${q} is not closed; end the value with ${q} too.`, line.trimEnd() + q);
      }
    }
    return "";
  }

  /** The column a key starts at: after the indentation and a list item's '- '. */
  function keyColumn(line) {
    const entry = ENTRY.exec(line);
    return entry ? entry[1].length : line.length - line.replace(/^ +/, "").length;
  }

  const ITEM = /^( *)-(?: |$)/;

  /** The slip of line index `i`, indented `indent` spaces, moved to the nearest of `levels` ([column, line index] of
      what it could line up with; the deeper of two as near), or null when it already lines up with one of them;
      `what(j)` names what line index j holds there, [Japanese, English] (yamlhelp._realigned). */
  function realigned(lines, i, indent, levels, what) {
    if (!levels.length || levels.some(([column]) => column === indent)) return null;
    let best = levels[0];
    for (const level of levels) {
      const d = Math.abs(level[0] - indent), b = Math.abs(best[0] - indent);
      if (d < b || (d === b && level[0] > best[0])) best = level;
    }
    const [column, j] = best;
    const fixed = " ".repeat(column) + lines[i].replace(/^ +/, "");
    const start = column ? [`この行は半角スペース${column}つで始めてください`, `start this line with ${column} spaces`]
      : ["この行の行頭のスペースを消してください", "remove the spaces at the start of this line"];
    const [ja, en] = what(j);
    return [i + 1, m(`字下げ（行頭の半角スペースの数）がそろっていません。${start[0]}（${j + 1} 行目の「${ja}」と同じ位置にそろえます）。`,
      `the indentation (the spaces at the start of the line) does not line up; ${start[1]}, level with ${en} ` +
      `on line ${j + 1}.`, `「${fixed}」`)];
  }

  /** Line index `i` is a list item ('- ') whose '-' stands in no column a '-' above it stands in
      (yamlhelp._misaligned_item): it goes to the nearest of those. */
  function misalignedItem(lines, i, skip) {
    const here = lines[i];
    const indent = ITEM.exec(here)[1].length;
    const levels = [];
    let deepest = null;
    for (let j = i - 1; j >= 0; j--) {
      const line = lines[j];
      if (skip.has(j) || !line.trim() || line.trimStart().startsWith("#")) continue;
      const column = line.length - line.replace(/^ +/, "").length;
      if (deepest === null || column < deepest) {
        if (ITEM.exec(line)) levels.push([column, j]);
        deepest = column;
        if (column === 0) break;
      }
    }
    return realigned(lines, i, indent, levels, () => ["-", "the '-'"]);
  }

  /** Line index `i` holds a key indented to no column a key can start at here (yamlhelp.misaligned): it goes to the
      nearest column of the keys above it and the keys they belong to (the deeper of two as near), named by the line
      whose key it lines up with. */
  function misaligned(lines, i, skip) {
    const here = lines[i];
    if (here !== undefined && ITEM.exec(here)) return misalignedItem(lines, i, skip);
    const found = here === undefined ? null : ENTRY.exec(here);
    if (!found || found[1].trim()) return null; // a list item ('- ') is not judged here
    const indent = found[1].length;
    const levels = [];
    let deepest = null;
    for (let j = i - 1; j >= 0; j--) {
      const line = lines[j];
      if (skip.has(j) || !line.trim() || line.trimStart().startsWith("#") || !ENTRY.exec(line)) continue;
      const column = keyColumn(line);
      if (deepest === null && !ENTRY.exec(line)[3] && indent > column) return null; // the first key under `name:`
      if (deepest === null || column < deepest) {
        levels.push([column, j]);
        deepest = column;
        if (column === 0) break;
      }
    }
    return realigned(lines, i, indent, levels, (j) => {
      const key = ENTRY.exec(lines[j])[2];
      return [key, `'${key}'`];
    });
  }

  /** [line, message] of the first slip at or above line `upto` (the parser's error line), or null; with no `upto`,
      only the slips that are mistakes wherever they are (a tab or a 全角 space for indentation, a 全角 colon), which
      a parser may read without an error but not as meant (yamlhelp.prescan). */
  GE.yamlSlip = function (text, upto) {
    const lines = text.split("\n");
    const skip = blockLines(lines);
    const last = Math.min(upto || lines.length, lines.length);
    for (let i = 0; i < last; i++) {
      if (skip.has(i) || lines[i].trimStart().startsWith("#")) continue;
      const message = slipOf(lines[i], contentAbove(lines, i, skip), !upto);
      if (message) return [i + 1, message];
    }
    // a key out of line with its neighbours: the parser stops at it, or at the line above when it is deeper
    return upto ? misaligned(lines, last - 1, skip) || misaligned(lines, last, skip) : null;
  };
})();

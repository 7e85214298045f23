// Search page: Pagefind's UI with faceted filters; result links and thumbnails work from any sub-path of any host.

// The query-time half of the search variants (generator/search/variants.py): full-width letters and digits
// (ＩＳＯ９００１) and half-width katakana (ﾒｯｷ) become the forms the index holds, so pages need not carry them.
// generator/search/recall.py runs every query of the test set through this same function.
window.guidebookSearchTerm = function (term) {
  return String(term || "").normalize("NFKC");
};

(function () {
  var box = document.getElementById("search");
  if (!box) return;
  if (location.protocol === "file:") {
    document.getElementById("search-file-notice").hidden = false;
    return;
  }
  var root = new URL(box.dataset.root, location.href).pathname;
  // A big directory has several search bundles per language (generator/search/shards.py): search them together
  var bundles = (box.dataset.bundles || "pagefind").split(" ").filter(Boolean);
  var esc = function (s) {
    return String(s || "").replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  };
  var ui = new PagefindUI({
    element: "#search",
    baseUrl: root,
    bundlePath: root + bundles[0] + "/",
    mergeIndex: bundles.slice(1).map(function (b) { return { bundlePath: root + b + "/" }; }),
    showImages: true,
    showSubResults: false,
    resetStyles: false,
    pageSize: 10,
    processTerm: window.guidebookSearchTerm,
    excerptLength: 40,
    showEmptyFilters: false,
    // On a phone the filters sit above the results: keep them folded there
    openFilters: window.matchMedia("(min-width: 800px)").matches ? (box.dataset.openFilters || "").split(",").filter(Boolean) : [],
    processResult: function (result) {
      // Show what a buyer compares: the catchphrase, the area and the technologies (not a text fragment)
      var m = result.meta || {};
      if (m.image && !/^([a-z]+:)?\//i.test(m.image)) m.image = root + m.image;
      if (m.summary) {
        result.excerpt = '<span class="r-summary">' + esc(m.summary) + "</span>" +
          '<span class="r-meta">' + esc(m.area) + (m.technologies ? " ・ " + esc(m.technologies) : "") + "</span>";
      }
      delete m.summary; delete m.area; delete m.technologies;  // already in the excerpt, not as tags
      return result;
    }
  });
  var q = new URLSearchParams(location.search).get("q");
  if (q) ui.triggerSearch(q);
})();

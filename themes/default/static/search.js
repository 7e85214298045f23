// Search page: Pagefind's UI, with result links that work from any sub-path of any host.
(function () {
  var box = document.getElementById("search");
  if (!box) return;
  if (location.protocol === "file:") {
    document.getElementById("search-file-notice").hidden = false;
    return;
  }
  var root = new URL(box.dataset.root, location.href).pathname;
  var ui = new PagefindUI({
    element: "#search",
    baseUrl: root,
    bundlePath: root + "pagefind/",
    showImages: true,
    showSubResults: false,
    resetStyles: false,
    pageSize: 10,
    excerptLength: 40
  });
  var q = new URLSearchParams(location.search).get("q");
  if (q) ui.triggerSearch(q);
})();

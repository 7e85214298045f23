"""One structure tree for a tagged PDF made of separately rendered chunks (the screen edition, for accessibility).

WeasyPrint tags each chunk as StructTreeRoot → one /Document element → the elements of the pages, and maps marked
content through a ParentTree keyed by each page's /StructParents (0 … pages-1) and each link annotation's
/StructParent (after the pages). Joining chunks keeps the first chunk's Document element, moves every other chunk's
elements under it, and renumbers the keys over the whole book: pages first, then annotations, in page order.

The joined ParentTree is a number tree with one leaf per chunk for its pages and one for its links (no single leaf
of the whole book: 1.7 MB at 1,000 companies).
"""
from __future__ import annotations

import bisect

import pikepdf


def _number_tree(node: pikepdf.Object) -> dict[int, pikepdf.Object]:
    """The entries of a number tree (a /Nums leaf or /Kids of them)."""
    entries: dict[int, pikepdf.Object] = {}
    if "/Nums" in node:
        nums = node.Nums
        for i in range(0, len(nums) - 1, 2):
            entries[int(nums[i])] = nums[i + 1]
    for kid in node.get("/Kids", []):
        entries.update(_number_tree(kid))
    return entries


def _document(pdf: pikepdf.Pdf) -> pikepdf.Object:
    root = pdf.Root.get("/StructTreeRoot")
    if root is None:
        raise RuntimeError("chunk rendered without a structure tree (pdf_tags)")
    kids = root.K if isinstance(root.K, pikepdf.Array) else pikepdf.Array([root.K])
    if len(kids) != 1 or kids[0].get("/S") != pikepdf.Name.Document:
        raise RuntimeError("unexpected structure tree root: one /Document element expected")
    return kids[0]


class StructureMerger:
    """Collects the structure trees of the chunks as their pages are appended to the first chunk's PDF."""

    def __init__(self, pdf: pikepdf.Pdf):
        self.pdf = pdf
        self.root = pdf.Root.StructTreeRoot
        self.document = _document(pdf)
        if not isinstance(self.document.K, pikepdf.Array):
            self.document.K = pikepdf.Array([self.document.K])
        self.role_map = dict(self.root.get("/RoleMap", {}).items())
        self.pages: dict[int, pikepdf.Object] = {}  # new page key → its array of structure elements
        # (page index, annotation, its element), in page order
        self.annotations: list[tuple[int, pikepdf.Object, pikepdf.Object]] = []
        self.starts: list[int] = [0]  # first page index of each chunk, in order
        self._take(pdf, 0, _number_tree(self.root.ParentTree))

    def append(self, source: pikepdf.Pdf, start: int) -> None:
        """Take the structure of `source`, whose pages were appended to the PDF from page index `start` on."""
        document = _document(source)
        source_root = source.Root.StructTreeRoot
        # Cut the chunk's Document element from its root, so that copying it does not drag the root along; then
        # copy it (with its elements) and the ParentTree in two calls: QPDF copies each object of one source once,
        # so both share the same elements and the pages and annotations already appended. Per-element copies
        # cost several times more.
        if "/P" in document:
            del document["/P"]
        moved = self.pdf.copy_foreign(document)
        parent_tree = source_root.ParentTree
        if not parent_tree.is_indirect:
            parent_tree = source.make_indirect(parent_tree)
        entries = _number_tree(self.pdf.copy_foreign(parent_tree))
        self.starts.append(start)
        for kid in adopt_kids(moved, self.document):
            self.document.K.append(kid)
        for name, role in source_root.get("/RoleMap", {}).items():
            self.role_map.setdefault(name, role)
        self._take(source, start, entries)

    def _take(self, source: pikepdf.Pdf, start: int, entries: dict[int, pikepdf.Object]) -> None:
        pages, annotations = claim([(start + i, self.pdf.pages[start + i].obj) for i in range(len(source.pages))],
                                   entries)
        self.pages.update(pages)
        self.annotations += annotations

    def close(self) -> None:
        """Write the merged ParentTree (pages keyed by their index, then annotations; a leaf per chunk for each) and
        the catalog's marks."""
        chunk_at = self._chunk_at
        ordered, adopted = adopt_orphans(self.document, list(self.document.K), self.pages, self.annotations)
        if adopted:
            self.document.K = pikepdf.Array(ordered)
        for index, value in self.pages.items():
            self.pdf.pages[index].obj.StructParents = index
        key = len(self.pdf.pages)
        page_leaves: list[list] = [[] for _ in self.starts]
        link_leaves: list[list] = [[] for _ in self.starts]
        for index, value in sorted(self.pages.items()):
            page_leaves[chunk_at(index)].extend([index, value])
        for index, annot, element in self.annotations:
            annot.StructParent = key
            link_leaves[chunk_at(index)].extend([key, element])
            key += 1
        kids = pikepdf.Array([number_leaf(self.pdf, nums) for nums in page_leaves + link_leaves if nums])
        self.root.ParentTree = self.pdf.make_indirect(pikepdf.Dictionary(Kids=kids))
        self.root.ParentTreeNextKey = key
        if self.role_map:
            self.root.RoleMap = pikepdf.Dictionary(self.role_map)
        self.pdf.Root.MarkInfo = pikepdf.Dictionary(Marked=True)

    def _chunk_at(self, page: int) -> int:
        return bisect.bisect_right(self.starts, page) - 1


def number_leaf(pdf: pikepdf.Pdf, nums: list) -> pikepdf.Object:
    """An indirect leaf of a number tree holding `nums` (key, value, key, value … in ascending key order)."""
    return pdf.make_indirect(pikepdf.Dictionary(Limits=pikepdf.Array([nums[0], nums[-2]]), Nums=pikepdf.Array(nums)))


def adopt_kids(moved: pikepdf.Object, document: pikepdf.Object) -> list:
    """The elements of a chunk's (copied) Document element, made children of the book's `document`."""
    kids = list(moved.K) if isinstance(moved.K, pikepdf.Array) else [moved.K]
    for kid in kids:
        if isinstance(kid, pikepdf.Dictionary):
            kid.P = document
    return kids


def claim(pages: list[tuple[int, pikepdf.Object]], entries: dict[int, pikepdf.Object]) -> tuple[
        dict[int, pikepdf.Object], list[tuple[int, pikepdf.Object, pikepdf.Object]]]:
    """The ParentTree values of `pages` ((index in the book, page object), copied from one chunk whose ParentTree
    entries are `entries`) by page index, and their link annotations as (page index, annotation, element).
    Keys without an entry are removed: they would point nowhere."""
    values: dict[int, pikepdf.Object] = {}
    annotations: list[tuple[int, pikepdf.Object, pikepdf.Object]] = []
    for index, page in pages:
        key = page.get("/StructParents")
        if key is not None and int(key) in entries:
            values[index] = entries[int(key)]
        elif key is not None:
            del page["/StructParents"]
        for annot in page.get("/Annots", []):
            key = annot.get("/StructParent")
            if key is None:
                continue
            if int(key) in entries:
                annotations.append((index, annot, entries[int(key)]))
            else:
                del annot["/StructParent"]
    return values, annotations


def adopt_orphans(document: pikepdf.Object, kids: list, pages: dict[int, pikepdf.Object],
                  annotations: list[tuple[int, pikepdf.Object, pikepdf.Object]]) -> tuple[
        list, list[tuple[int, pikepdf.Object]]]:
    """`kids` (elements under `document`) with WeasyPrint's page-margin elements (running heads, folios, their
    links) hung in at their page, and each adopted element with its page index.

    WeasyPrint gives the content of page margin boxes elements whose parent is the Document but leaves them out
    of its /K: marked content would then belong to an element outside the tree (and, for a chunk after the
    first, keep the chunk's own Document element alive). Each goes after the element before it in page order.
    `pages` maps page index → the page's ParentTree value, `annotations` lists (page index, annotation, element).
    """
    in_tree = {kid.objgen for kid in kids if isinstance(kid, pikepdf.Dictionary)}
    tops: dict = {}  # element objgen → the ancestor right under a Document (None: not in a tree)
    after: dict[tuple[int, int] | None, list[pikepdf.Object]] = {}
    adopted: list[tuple[int, pikepdf.Object]] = []
    previous = None
    links: dict[int, list[pikepdf.Object]] = {}
    for index, _, element in annotations:
        links.setdefault(index, []).append(element)
    for index, value in sorted(pages.items()):
        items = list(value) if isinstance(value, pikepdf.Array) else [value]
        for item in items + links.get(index, []):
            top = _top(item, tops)
            if top is None:
                continue
            if top.objgen in in_tree:
                previous = top.objgen
                continue
            top.P = document
            in_tree.add(top.objgen)
            after.setdefault(previous, []).append(top)
            adopted.append((index, top))
    if not after:
        return kids, adopted
    ordered = after.get(None, [])
    for kid in kids:
        ordered.append(kid)
        ordered += after.get(kid.objgen, []) if isinstance(kid, pikepdf.Dictionary) else []
    return ordered, adopted


def _top(item: pikepdf.Object, tops: dict) -> pikepdf.Object | None:
    """The ancestor of structure element `item` right under a Document element (memoised in `tops` by element:
    most marked content shares its parent with the one before, so most calls end at the first lookup)."""
    if not isinstance(item, pikepdf.Dictionary):
        return None
    path, node = [], item
    while True:
        parent = node.get("/P")
        if not isinstance(parent, pikepdf.Dictionary):
            top = None
            break
        key = parent.objgen
        if key in tops:
            top = tops[key]
            break
        if parent.get("/S") == pikepdf.Name.Document:
            top = node
            break
        path.append(key)
        node = parent
    for key in path:
        tops[key] = top
    return top

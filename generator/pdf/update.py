"""Replace a few chunks of the previous screen edition by an incremental update instead of merging the whole book.

A full merge of a 1,000-company book takes about 5 s (opening 92 chunks, copying their pages, joining their
structure trees, writing 55 MB); a rebuild after one profile changed has 3 s in all. When the plan is the same as
the previous file's (book.py: same pages, same chunk boundaries, same bookmarks and title), each changed chunk's
pages are written as new versions of the old page objects, under the same object numbers, so that every link,
bookmark and structure element elsewhere that points to those pages stays valid; the chunk's other objects get new
numbers; its structure elements replace its run of the Document's kids, its pages' ParentTree leaf is rewritten and
its links get a new leaf. All of it is appended to a copy of the previous file (increment.py). Of the previous
book only those few objects are read, and none is made in it (see increment.py for why).

The print edition is always merged in full: a press file is made once per print run, and a PDF/X file that carries
the history of its edits (the old pages stay in the file) is not what a prepress operator expects.
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pikepdf

from .book import Book, file_identity
from .compose import linked_page
from .increment import append_update, body, dictionary, renumber, value
from .structure import _document, _number_tree, adopt_orphans, claim, page_runs

GROWTH = 0.25  # at most this much bigger than after the last full merge: the old pages stay in the file


class CannotUpdate(Exception):
    """The previous file cannot be updated in place (the caller merges the whole book instead)."""


REFS = re.compile(rb"\[\s*((?:\d+ 0 R\s*)*)\]")


def _refs(array: pikepdf.Object) -> list[int]:
    """The object numbers of an array of references, read from its syntax: getting the items themselves would make
    QPDF parse the object stream of each (0.8 s for the 4,000 kids of a 1,000-company book's Document)."""
    match = REFS.fullmatch(array.unparse())
    if match is None:
        raise CannotUpdate("an array that is not only references")
    return [int(n) for n in match.group(1).split()[::3]]


def update_book(book: Book, previous: Path, out: Path, replacements: list[tuple[int, int, Path]],
                sheets: dict[int, list[str]], finish: Callable[[pikepdf.Pdf], None]) -> Book:
    """Write `previous` with pages replaced to `out` and return the book that describes `out`: each replacement
    (chunk index, first page within the chunk, PDF) puts the PDF's pages there; `sheets` gives the new page digests
    of the chunks concerned. Raises CannotUpdate when a full merge is needed."""
    if any(index == 0 for index, _, _ in replacements):
        raise CannotUpdate("the front chunk (catalog, named destinations) changed")
    if too_big(book, sum(path.stat().st_size for _, _, path in replacements)):
        raise CannotUpdate("the file would grow too much")
    if not book.describes(previous):
        raise CannotUpdate("the previous file is not the one the book describes")
    chunks = [{**c, "kids": list(c["kids"]), "page_kids": list(c["page_kids"]), "links": list(c["links"]),
               "sheets": sheets.get(i, c["sheets"])} for i, c in enumerate(book.chunks)]
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    try:
        with pikepdf.open(previous) as pdf:
            first_id = bytes(pdf.trailer.ID[0])
            info = pdf.trailer.Info.unparse(resolved=True)
            update = _Update(pdf, chunks)
            for index, offset, path in replacements:
                with pikepdf.open(path) as source:
                    update.replace(index, offset, source)
            finish(pdf)
            if not replacements and pdf.trailer.Info.unparse(resolved=True) == info and "/Metadata" not in pdf.Root:
                # nothing to change: the same file (a rebuild after a change that the PDF does not show)
                if out != previous:
                    shutil.copyfile(previous, out)
                return book
            second_id = hashlib.md5("\0".join([book.file_id, *(d for c in chunks for d in c["sheets"])]).encode())
            append_update(previous, tmp, update.bodies(), size=update.size, root=pdf.Root.unparse(),
                          info=pdf.trailer.Info.unparse(), ids=(first_id, second_id.digest()))
        tmp.replace(out)
    finally:
        tmp.unlink(missing_ok=True)
    size, file_id = file_identity(out)
    return Book(book.signature, size, file_id, book.base_size, chunks, book.updates + 1)


def too_big(book: Book, added: float) -> bool:
    """Whether `added` more bytes would take the book past GROWTH over its size after the last full merge."""
    return book.size + added > book.base_size * (1 + GROWTH)


LINK_NUMS = re.compile(rb"\[\s*((?:\d+ \d+ 0 R\s*)*)\]")


class _Update:
    """The changes to the previous book (never given a new object: see increment.py) and the objects to append."""

    def __init__(self, pdf: pikepdf.Pdf, chunks: list[dict]):
        self.pdf = pdf
        self.chunks = chunks
        self.size = int(pdf.trailer.Size)
        self.next_number = self.size  # new objects are numbered from here on
        self.pages = [page.obj for page in pdf.pages]
        self.root = pdf.Root.StructTreeRoot
        self.document = _document(pdf)
        tree = self.root.ParentTree
        if not tree.is_indirect or "/Kids" not in tree or not isinstance(self.document.K, pikepdf.Array):
            raise CannotUpdate("a structure tree not laid out by chunk")
        if any(obj.objgen[1] for obj in (self.root, self.document, tree, pdf.trailer.Info)):
            raise CannotUpdate("objects of another generation than 0")
        self.tree = tree
        self.kids = _refs(self.document.K)  # the Document's kids and the ParentTree's leaves, as object numbers
        self.leaves = _refs(tree.Kids)
        for facts in chunks:  # leaves by object number while their positions change
            facts["leaf"] = self.leaves[facts["leaf"]] if facts["leaf"] >= 0 else -1
            facts["links"] = [self.leaves[i] for i in facts["links"]]
        self.entries: dict[int, dict[int, bytes]] = {}  # leaf → its entries (key → value), as changed so far
        self.next_key = int(self.root.ParentTreeNextKey)
        self.roles = dict(self.root.get("/RoleMap", {}).items())
        self.bodies_: dict[int, bytes] = {}  # object number → what to write

    def replace(self, index: int, offset: int, source: pikepdf.Pdf) -> None:
        """Put the pages and structure of `source` in place of chunk `index`'s pages from `offset` on."""
        facts = self.chunks[index]
        count = len(source.pages)
        start = facts["start"] - 1 + offset
        if offset + count > facts["pages"]:
            raise CannotUpdate("pages beyond the chunk")
        olds = self.pages[start:start + count]
        if any(old.objgen[1] for old in olds):
            raise CannotUpdate("pages of another generation than 0")
        document = _document(source)
        entries = _number_tree(source.Root.StructTreeRoot.ParentTree)
        news = [page.obj for page in source.pages]
        values, annotations = claim([(start + i, page) for i, page in enumerate(news)], entries)
        page_of: dict = {}
        kids, _ = adopt_orphans(document, list(document.K) if isinstance(document.K, pikepdf.Array) else [document.K],
                                values, annotations, page_of)
        counts = page_runs(kids, page_of, start, count)
        if counts is None:
            raise CannotUpdate("structure elements out of page order")
        # References of the chunk's objects: its pages become the pages they replace (links, bookmarks and other
        # chunks point to those numbers), its Document element the book's, every other object a new number.
        numbers = {new.objgen: (old.objgen[0], old) for new, old in zip(news, olds)}
        numbers[document.objgen] = (self.document.objgen[0], None)
        writer = _Writer(source, numbers, self)
        dropped = set()  # the ParentTree keys of the old pages' links
        for i, (old, new) in enumerate(zip(olds, news)):
            dropped.update(int(a.StructParent) for a in old.get("/Annots", []) if "/StructParent" in a)
            changes = {"/Parent": value(old.get("/Parent")), "/StructParents": None}
            if start + i in values:
                changes["/StructParents"] = b"%d" % (start + i)
            for annot in new.get("/Annots", []):
                writer.annotation(annot)
            self.bodies_[old.objgen[0]] = dictionary(new, changes, writer.ref)
        for name, role in source.Root.StructTreeRoot.get("/RoleMap", {}).items():
            self.roles.setdefault(name, role)
        self._kids(index, offset, count, [writer.number(kid) for kid in kids], counts)
        self._leaves(facts, writer, start, count, values, annotations, dropped)
        writer.flush()

    def _kids(self, index: int, offset: int, count: int, kids: list[int], counts: list[int]) -> None:
        """The new elements in place of the replaced pages' part of the chunk's run of the Document's kids."""
        facts = self.chunks[index]
        page_kids = facts["page_kids"]
        first = facts["kids"][0] + sum(page_kids[:offset])
        old = sum(page_kids[offset:offset + count])
        self.kids[first:first + old] = kids
        page_kids[offset:offset + count] = counts
        facts["kids"][1] += len(kids) - old
        for later in self.chunks[index + 1:]:
            later["kids"][0] += len(kids) - old

    def _entries(self, leaf: int, links: bool) -> dict[int, bytes]:
        """A ParentTree leaf's entries as they stand in this update (read from the book the first time)."""
        if leaf not in self.entries:
            nums = self.pdf.get_object((leaf, 0)).Nums
            match = LINK_NUMS.fullmatch(nums.unparse()) if links else None
            if match is not None:  # a leaf of links: read as text, without parsing every element
                words = match.group(1).split()
                self.entries[leaf] = {int(words[i]): b" ".join(words[i + 1:i + 4]) for i in range(0, len(words), 4)}
            else:
                self.entries[leaf] = {int(nums[i]): value(nums[i + 1]) for i in range(0, len(nums) - 1, 2)}
        return self.entries[leaf]

    def _leaves(self, facts: dict, writer: "_Writer", start: int, count: int, values: dict, annotations: list,
                dropped: set[int]) -> None:
        """The new pages in the chunk's ParentTree leaf; the old pages' links out of the chunk's link leaves, the
        new ones under new keys in a new leaf at the end."""
        if facts["leaf"] < 0:
            if values:
                raise CannotUpdate("structure on pages that had none")
        else:
            entries = self._entries(facts["leaf"], links=False)
            for page in range(start, start + count):
                entries.pop(page, None)
            entries.update({page: writer.value(item) for page, item in values.items()})
            if not entries:
                raise CannotUpdate("a chunk without structure")
        for leaf in facts["links"]:
            entries = self._entries(leaf, links=True)
            for key in dropped:
                entries.pop(key, None)
        if annotations:
            leaf = self.new_number()
            self.entries[leaf] = {}
            for _, annot, element in annotations:
                writer.keys[annot.objgen] = self.next_key
                self.entries[leaf][self.next_key] = writer.value(element)
                self.next_key += 1
            self.leaves.append(leaf)
            facts["links"].append(leaf)

    def new_number(self) -> int:
        """The number of a new object of the update."""
        self.next_number += 1
        return self.next_number - 1

    def bodies(self) -> dict[int, bytes]:
        """Every object to append: the new ones and the book's objects that changed; the chunks' leaves back as
        positions among the ParentTree's kids."""
        for leaf, entries in self.entries.items():
            if entries:
                keys = sorted(entries)
                nums = b" ".join(b"%d %s" % (key, entries[key]) for key in keys)
                self.bodies_[leaf] = b"<< /Limits [ %d %d ] /Nums [ %s ] >>" % (keys[0], keys[-1], nums)
        self.leaves = [leaf for leaf in self.leaves if self.entries.get(leaf, True)]  # an emptied leaf goes
        for facts in self.chunks:
            facts["leaf"] = self.leaves.index(facts["leaf"]) if facts["leaf"] >= 0 else -1
            facts["links"] = [self.leaves.index(leaf) for leaf in facts["links"] if leaf in self.leaves]
        refs = b" ".join(b"%d 0 R" % n for n in self.kids)
        self.bodies_[self.document.objgen[0]] = dictionary(self.document, {"/K": b"[ " + refs + b" ]"})
        self.bodies_[self.tree.objgen[0]] = dictionary(
            self.tree, {"/Kids": b"[ " + b" ".join(b"%d 0 R" % n for n in self.leaves) + b" ]"})
        changes = {"/ParentTreeNextKey": b"%d" % self.next_key}
        if self.roles:
            changes["/RoleMap"] = pikepdf.Dictionary(self.roles).unparse()
        self.bodies_[self.root.objgen[0]] = dictionary(self.root, changes)
        info = self.pdf.trailer.Info
        self.bodies_[info.objgen[0]] = info.unparse(resolved=True)
        if "/Metadata" in self.pdf.Root:
            metadata = self.pdf.Root.Metadata
            self.bodies_[metadata.objgen[0]] = body(metadata, lambda number, generation: b"%d %d R" % (number, generation))
        return self.bodies_


class _Writer:
    """The objects of one chunk written into the update, numbered as they are first referred to."""

    def __init__(self, source: pikepdf.Pdf, numbers: dict, update: _Update):
        self.source = source
        self.numbers = numbers  # objgen in the chunk → (number in the book, the book's object or None)
        self.update = update
        self.todo: list[pikepdf.Object] = []
        self.links: dict[tuple[int, int], bytes] = {}  # annotation → its /Dest to a page of the book
        self.keys: dict[tuple[int, int], int] = {}  # annotation → its /StructParent in the book

    def ref(self, number: int, generation: int) -> bytes:
        """The reference in the book to the chunk's object (number, generation)."""
        known = self.numbers.get((number, generation))
        if known is None:
            known = (self.update.new_number(), None)
            self.numbers[(number, generation)] = known
            self.todo.append(self.source.get_object((number, generation)))
        return b"%d 0 R" % known[0]

    def number(self, obj: pikepdf.Object) -> int:
        """The number in the book of an indirect object of the chunk."""
        return int(self.ref(*obj.objgen).split()[0])

    def value(self, item) -> bytes:
        """A value of the chunk in PDF syntax, its references renumbered."""
        return renumber(value(item), self.ref)

    def annotation(self, annot: pikepdf.Object) -> None:
        """Note where a placeholder link (compose.page_link) leads: that page of the book."""
        number = linked_page(annot)
        if number is not None:
            pages = self.update.pages
            self.links[annot.objgen] = (b"[ %d 0 R /Fit ]" % pages[number - 1].objgen[0]
                                        if 1 <= number <= len(pages) else None)
        if not annot.is_indirect:
            raise CannotUpdate("a direct annotation")

    def flush(self) -> None:
        """Write every chunk object referred to so far (and those they refer to)."""
        while self.todo:
            obj = self.todo.pop()
            number = self.numbers[obj.objgen][0]
            if obj.objgen in self.links or obj.objgen in self.keys:
                changes: dict[str, bytes | None] = {}
                if obj.objgen in self.links:
                    changes.update({"/A": None, "/Dest": self.links[obj.objgen]})
                if obj.objgen in self.keys:
                    changes["/StructParent"] = b"%d" % self.keys[obj.objgen]
                self.update.bodies_[number] = dictionary(obj, changes, self.ref)
            else:
                self.update.bodies_[number] = body(obj, self.ref)

"""The screen edition is tagged: one structure tree over all chunks, every marked content and link in it."""
from __future__ import annotations

import subprocess

import pikepdf


def kids(element) -> list:
    k = element.get("/K")
    if k is None:
        return []
    return list(k) if isinstance(k, pikepdf.Array) else [k]


def parent_tree(pdf) -> dict[int, object]:
    """The ParentTree's entries, checking that its leaves are in key order within their limits."""
    tree = pdf.Root.StructTreeRoot.ParentTree
    assert "/Limits" not in tree, "the root of a number tree has no limits"
    entries, last = {}, -1
    for leaf in tree.get("/Kids", [tree]):
        nums = leaf.Nums
        keys = [int(nums[i]) for i in range(0, len(nums), 2)]
        assert keys == sorted(keys) and keys[0] > last, "keys ascend across the leaves"
        if "/Limits" in leaf:
            assert [int(v) for v in leaf.Limits] == [keys[0], keys[-1]]
        last = keys[-1]
        entries.update({int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)})
    return entries


def tree_elements(pdf) -> set:
    """objgen of every structure element reachable from the root, checking that each names its parent."""
    document = pdf.Root.StructTreeRoot.K[0]
    seen, stack = set(), [(document, None)]
    while stack:
        element, parent = stack.pop()
        assert element.objgen not in seen, "an element hangs in the tree twice"
        seen.add(element.objgen)
        if parent is not None:
            assert element.P.objgen == parent.objgen, element.get("/S")
        for kid in kids(element):
            if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") not in (pikepdf.Name.MCR, pikepdf.Name.OBJR):
                stack.append((kid, element))
    return seen


def test_one_structure_tree_over_all_chunks(screen_ja):
    with pikepdf.open(screen_ja.pdf) as pdf:
        assert len(screen_ja.plan.chunks) > 1, "the fixture must span several chunks"
        root = pdf.Root.StructTreeRoot
        assert pdf.Root.MarkInfo.Marked is True
        assert str(pdf.Root.Lang) == "ja"
        assert len(root.K) == 1 and root.K[0].S == "/Document"
        in_tree = tree_elements(pdf)
        everywhere = [o for o in pdf.objects
                      if isinstance(o, pikepdf.Dictionary) and o.get("/Type") == pikepdf.Name.StructElem]
        assert len(everywhere) == len(in_tree), "no structure element outside the tree (no chunk left its own)"
        assert sum(1 for o in pdf.objects if isinstance(o, pikepdf.Dictionary)
                   and o.get("/Type") == pikepdf.Name.StructTreeRoot) == 1


def check_structure(pdf) -> tuple[int, int]:
    """Every page's marked content and every link annotation resolve, through the ParentTree, to an element of the
    tree on that page; return (pages, links)."""
    tree = parent_tree(pdf)
    in_tree = tree_elements(pdf)
    pages = len(pdf.pages)
    links = 0
    for index, page in enumerate(pdf.pages):
        assert int(page.obj.StructParents) == index
        elements = tree[index]
        for operands, _ in pikepdf.parse_content_stream(page, "BDC"):
            props = operands[1] if len(operands) > 1 else None
            if isinstance(props, pikepdf.Dictionary) and "/MCID" in props:
                element = elements[int(props.MCID)]
                assert element.objgen in in_tree
                assert element.Pg.objgen == page.obj.objgen, "marked content maps to an element of its page"
        for annot in page.obj.get("/Annots", []):
            key = int(annot.StructParent)
            assert key >= pages
            element = tree[key]
            assert element.objgen in in_tree
            assert any(k.get("/Type") == pikepdf.Name.OBJR and k.Obj.objgen == annot.objgen
                       for k in kids(element) if isinstance(k, pikepdf.Dictionary))
            links += 1
    assert links > 0, "the table of contents links are tagged"
    assert len(tree) == pages + links, "no entry for a page or link that is gone"
    assert int(pdf.Root.StructTreeRoot.ParentTreeNextKey) > max(tree)
    return pages, links


def test_every_page_and_link_resolves_in_the_parent_tree(screen_ja):
    with pikepdf.open(screen_ja.pdf) as pdf:
        pages, links = check_structure(pdf)
        assert int(pdf.Root.StructTreeRoot.ParentTreeNextKey) == pages + links


def test_tagged_text_still_reads_in_order(screen_ja):
    text = subprocess.run(["pdftotext", str(screen_ja.pdf), "-"], capture_output=True, text=True, check=True).stdout
    names = [screen_ja.guide.companies[i].name.get("ja") for i in range(len(screen_ja.guide.companies))]
    page_of = screen_ja.plan.company_pages()
    ordered = sorted(names, key=lambda n: page_of[next(c.slug for c in screen_ja.guide.companies
                                                        if c.name.get("ja") == n)])
    # each company's name first appears in the table of contents, in page order
    positions = [text.index(name) for name in ordered]
    assert positions == sorted(positions)


def test_qpdf_finds_no_errors(screen_ja):
    result = subprocess.run(["qpdf", "--check", str(screen_ja.pdf)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_one_page_pdfs_carry_no_dangling_structure_keys(screen_ja, tmp_path):
    from generator.pdf.books import company_pdfs

    company_pdfs(screen_ja.pdf, screen_ja.plan.company_pages(), lambda slug: tmp_path / f"{slug}.pdf")
    with pikepdf.open(tmp_path / "kaede-kogyo.pdf") as single:
        page = single.pages[0].obj
        assert "/StructTreeRoot" not in single.Root and "/StructParents" not in page
        assert all("/StructParent" not in a for a in page.get("/Annots", []))

"""What a page read while it was rendered: the templates it loaded and the data of the model it touched.

A page's HTML is a function of its templates, its place in the plan (path, language, the companies of a list) and
the values it read; record those while rendering, and a later build knows the page is unchanged when they are. The
recording happens where templates meet the model, inside Jinja:

- every template loaded (extends, import, include, get_template) is noted by name;
- `environment.getattr`/`getitem`, through which templates read every attribute and item, note the reads of a
  tracked object (a company, the guide, the resized images): `("c:yamada-seiki", "summary", "")`;
- a method of a tracked object called from a template (`guide.used_terms("areas")`) is noted with its arguments;
- a tracked object handed whole to a Python function or filter counts as read whole (`("c:…", "*", "")`), unless
  the function says what it reads (`reads("slug")`) or records its own reads (a card, made once and replayed).

Values are compared by a fingerprint: a company inside a value stands for its slug (what a page shows of it is
recorded read by read); a vocabulary term for its taxonomy and key (the vocabularies are in every page's key).
"""
from __future__ import annotations

import json
from contextlib import contextmanager
from types import BuiltinFunctionType, BuiltinMethodType, FunctionType, MethodType

import jinja2
from jinja2.runtime import Context, Macro
from markupsafe import Markup

from ..model import Company, Guide, Taxonomy, Term

# one encoder for the many small reads (json.dumps with an option builds a new encoder at every call)
_json = json.JSONEncoder(ensure_ascii=False).encode

_roots: dict[int, str] = {}  # id(object) -> its name, while pages are rendered
_reads: set | None = None  # the reads of the page being rendered
_wholes: set = set()  # the roots it has read whole: their other reads need not be noted (see essential)
_templates: set | None = None


def reads(*attributes: str):
    """Mark a Python function called from templates as reading only these attributes of a tracked argument."""
    def mark(fn):
        fn.tracked_reads = attributes
        return fn
    return mark


def track(guide: Guide, images: dict) -> None:
    """Record the reads of these objects from now on (in this process and the workers forked after)."""
    _roots.clear()
    _roots.update({id(c): "c:" + c.slug for c in guide.companies})
    _roots[id(guide)] = "guide"
    _roots[id(images)] = "images"


def untrack() -> None:
    """Stop recording (the PDF shares the environment and records nothing)."""
    _roots.clear()


@contextmanager
def recording():
    """Collect the reads and templates of the code run in the block: yields (reads, templates), two sets."""
    global _reads, _templates, _wholes
    outer = _reads, _templates, _wholes
    # a recording of its own, wholes too: a card's reads are kept and replayed on pages that did not read it whole
    _reads, _templates, _wholes = set(), set(), set()
    try:
        yield _reads, _templates
    finally:
        inner = _reads, _templates
        _reads, _templates, _wholes = outer
        if _reads is not None:  # nested (a card within a page): the page read it all too
            _reads |= inner[0]
            _templates |= inner[1]


def essential(reads_: set) -> list:
    """The reads that make a page's key, sorted: an object read whole (`("c:…", "*", "")`) makes every other read of
    it redundant, since its fingerprint (repr) covers all its fields and all that its methods derive from them."""
    whole = {root for root, attribute, _ in reads_ if attribute == "*"}
    if whole:
        reads_ = [r for r in reads_ if r[1] == "*" or r[0] not in whole]
    return sorted(reads_)


def note(reads_: set, templates: set) -> None:
    """Add reads recorded earlier (a card made for another page) to the page being rendered."""
    if _reads is not None:
        _reads.update(reads_)
        _templates.update(templates)


_written: dict[tuple, str] = {}  # arguments made only of strings -> their JSON: pages repeat the same few


def _args_json(args: tuple) -> str:
    """The arguments of a recorded read as JSON (a list), or raise TypeError when they cannot be written down."""
    if all(type(a) is str for a in args):  # str only: 1, 1.0 and True are equal keys but differ in JSON
        found = _written.get(args)
        if found is None:
            found = _written[args] = _json(list(args))
        return found
    return _json([_arg(a) for a in args])


def _arg(value):
    """An argument of a recorded method call as JSON, or raise TypeError when it cannot be written down."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, Term):
        return {"term": [value.taxonomy, value.key]}
    if isinstance(value, (list, tuple)):
        return [_arg(v) for v in value]
    raise TypeError(type(value).__name__)


def _whole(values) -> None:
    """Tracked objects among `values` (or one level inside a list, tuple or dict of them) count as read whole."""
    for value in values:
        kind = type(value)
        if kind is str or kind is Markup:  # most arguments (a language, a text): never tracked, nothing inside
            continue
        root = _roots.get(id(value))
        if root is not None:
            _reads.add((root, "*", ""))
            _wholes.add(root)
        elif kind is list or kind is tuple or isinstance(value, (list, tuple)):
            _whole_items(value)
        elif isinstance(value, dict):
            _whole_items(value.values())


def _whole_items(values) -> None:
    for item in values:
        root = _roots.get(id(item))
        if root is not None:
            _reads.add((root, "*", ""))
            _wholes.add(root)


class RecordingContext(Context):
    """A template context that notes calls which read tracked objects."""

    def call(__self, __obj, *args, **kwargs):  # noqa: N805 - Jinja's own signature
        # Context.call's work inlined for the plain functions, methods and macros that templates call hundreds of
        # times a page (it looks for a pass_context marker on the callable and on its __call__ at every call)
        kind = type(__obj)
        given = kwargs
        if kwargs:  # without Jinja's own (the variables of the loop and block), which Context.call drops
            given = {k: v for k, v in kwargs.items() if k != "_block_vars" and k != "_loop_vars"} \
                if len(kwargs) > ("_block_vars" in kwargs) + ("_loop_vars" in kwargs) else _NONE
        if kind is Macro:  # a macro's own reads are recorded as it runs
            return __obj(*args, **given)
        if _reads is not None and _roots:
            _note_call(__obj, kind, args, given)
        if kind in _PLAIN and not hasattr(__obj, "jinja_pass_arg"):
            try:
                return __obj(*args, **given)
            except StopIteration:
                return __self.environment.undefined("value was undefined because a callable raised a"
                                                    " StopIteration exception")
        return super().call(__obj, *args, **kwargs)  # a callable that takes the context or environment


_NONE: dict = {}  # no keyword arguments (never changed: only unpacked)
_PLAIN = {FunctionType, MethodType, BuiltinFunctionType, BuiltinMethodType}  # their __call__ takes no context


def _note_call(fn, kind, args, kwargs) -> None:
    """The reads of calling `fn` from a template: a tracked object's method with its arguments, else the tracked
    objects handed to it (whole, or the attributes it declares with `reads`)."""
    if kind is MethodType:
        root = _roots.get(id(fn.__self__))
        if root is not None:
            if root in _wholes:
                return
            try:
                _reads.add((root, fn.__name__, _args_json(args) if not kwargs else _unwritable()))
            except TypeError:
                _reads.add((root, "*", ""))
                _wholes.add(root)
            return
    attributes = getattr(fn, "tracked_reads", None)
    if attributes is None:
        _whole(args)
        if kwargs:
            _whole(kwargs.values())
    elif attributes:
        for value in args:
            root = _roots.get(id(value))
            if root is not None:
                _reads.update((root, name, "") for name in attributes)


class RecordingEnvironment(jinja2.Environment):
    """A Jinja environment that notes the templates loaded and the attributes and items read of tracked objects."""

    context_class = RecordingContext

    def _load_template(self, name, globals):
        if _templates is not None:
            _templates.add(name)
        return super()._load_template(name, globals)

    def getattr(self, obj, attribute):
        try:  # Jinja's own getattr inlined: this runs for every attribute a template reads
            value = getattr(obj, attribute)
        except AttributeError:
            value = super().getattr(obj, attribute)
        root = _roots.get(id(obj))  # _roots is empty when nothing is recorded
        # a method is noted when called; a root read whole already covers the attribute (essential)
        if root is not None and _reads is not None and type(value) is not MethodType and root not in _wholes:
            _reads.add((root, attribute, ""))
        return value

    def getitem(self, obj, argument):
        value = super().getitem(obj, argument)
        root = _roots.get(id(obj))
        if root is not None and _reads is not None and root not in _wholes:
            try:
                _reads.add((root, "[]", _args_json(argument) if type(argument) is tuple else _json(_arg(argument))))
            except TypeError:
                _reads.add((root, "*", ""))
                _wholes.add(root)
        return value


# Jinja's filters that only arrange the items of a list (an attribute they are given is read through getattr):
# a list of companies given to them reads nothing of each company
ARRANGING = {"length", "count", "first", "last", "batch", "slice", "reverse", "list", "random", "selectattr",
             "rejectattr", "map", "select", "reject"}


def watch_filters(env: jinja2.Environment) -> None:
    """Filters get their arguments straight from the template: a tracked object given to one (or in a list given to
    one that does more than arrange it) counts as read whole."""
    for name, fn in list(env.filters.items()):
        env.filters[name] = _watched(fn, name in ARRANGING)


def _watched(fn, arranging: bool):
    def filter_(*args, **kwargs):
        if _reads is not None and _roots:
            if arranging:
                _whole_items(args)
            else:
                _whole(args)
        return fn(*args, **kwargs)

    filter_.__dict__.update(getattr(fn, "__dict__", {}))  # jinja_pass_arg (pass_context, pass_environment …) stays
    filter_.__name__ = getattr(fn, "__name__", "filter")
    return filter_


class Resolver:
    """The current value of recorded reads, as fingerprints: the same reads with the same fingerprints make the
    same page."""

    def __init__(self, guide: Guide, images: dict):
        self.guide, self.images = guide, images
        self.companies = {c.slug: c for c in guide.companies}
        self.memo: dict[tuple, str] = {}

    def fingerprint(self, read: tuple) -> str:
        """The fingerprint of what `read` ("root", "attribute", "args") gives now."""
        found = self.memo.get(read)
        if found is None:
            found = self.memo[read] = self._evaluate(read)
        return found

    def _root(self, name: str):
        if name == "guide":
            return self.guide
        if name == "images":
            return self.images
        if name.startswith("c:"):
            return self.companies.get(name[2:], _MISSING)
        return _MISSING

    def _evaluate(self, read: tuple) -> str:
        root_name, attribute, args = read
        root = self._root(root_name)
        if root is _MISSING:
            return "missing"
        try:
            if attribute == "*":
                return repr(root)
            if attribute == "[]":
                return fingerprint(root[_unarg(json.loads(args), self.guide)])
            value = getattr(root, attribute)
            if args:
                value = value(*(_unarg(a, self.guide) for a in json.loads(args)))
            return fingerprint(value)
        except Exception as exc:  # noqa: BLE001 - a read that fails now (a key gone) differs from one that worked
            return f"error:{type(exc).__name__}"


_MISSING = object()


def _unarg(value, guide: Guide):
    if isinstance(value, dict) and "term" in value:
        taxonomy, key = value["term"]
        return guide.taxonomies[taxonomy].terms[key]
    if isinstance(value, list):
        return tuple(_unarg(v, guide) for v in value)
    return value


def fingerprint(value) -> str:
    """A stable text for a value read by a page: repr(), with each company standing for its slug, each term for its
    taxonomy and key and each vocabulary for its name (the vocabularies are in every page's key)."""
    return repr(_shallow(value))


def _shallow(value):
    kind = type(value)
    if kind in _ATOMS:  # most values (a path, a title): nothing inside to replace
        return value
    if kind is Company or isinstance(value, Company):
        return ("company", value.slug)
    if kind is Term or isinstance(value, Term):
        return ("term", value.taxonomy, value.key)
    if isinstance(value, Taxonomy):  # its terms, as every vocabulary, are in every page's key (render.py)
        return ("taxonomy", value.name)
    if isinstance(value, (list, tuple)):
        return tuple([_shallow(v) for v in value])
    if isinstance(value, dict):
        return tuple([(_shallow(k), _shallow(v)) for k, v in value.items()])
    return value


_ATOMS = {str, int, float, bool, type(None)}

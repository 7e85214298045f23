"""What a template reads is recorded where Jinja meets the model (generator/site/record.py)."""
from __future__ import annotations

from dataclasses import dataclass

import jinja2
import pytest

from generator.site import record
from generator.site.record import RecordingEnvironment, essential, reads, recording, watch_filters


@dataclass
class Firm:
    slug: str
    name: str
    city: str

    def label(self, lang: str) -> str:
        return f"{self.name} ({lang})"


@pytest.fixture
def firm():
    """A tracked object named c:acme while the test runs."""
    acme = Firm("acme", "Acme", "Kita")
    record._roots.clear()
    record._roots[id(acme)] = "c:acme"
    yield acme
    record.untrack()


def render(source: str, **values) -> tuple[str, set]:
    env = RecordingEnvironment(loader=jinja2.DictLoader({"page.html": source}), autoescape=True)
    env.globals["whole"] = lambda value: "x"
    env.globals["slug_of"] = reads("slug")(lambda value: value.slug)
    env.globals["in_loop"] = jinja2.pass_context(lambda context, item: f"{item}{context.get('n')}")
    watch_filters(env)
    with recording() as (read, _loaded):
        html = env.get_template("page.html").render(**values)
    return html, read


def test_attributes_methods_and_whole_reads_are_recorded(firm):
    html, read = render("{{ c.name }} {{ c.label('en') }} {{ slug_of(c) }}", c=firm)
    assert html == "Acme Acme (en) acme"
    assert read == {("c:acme", "name", ""), ("c:acme", "label", '["en"]'), ("c:acme", "slug", "")}
    _html, read = render("{% for x in [1] %}{{ whole(c) }}{% endfor %}", c=firm)
    assert read == {("c:acme", "*", "")}


def test_a_function_that_takes_the_context_still_gets_it_in_a_loop(firm):
    html, read = render("{% for x in [1, 2] %}{% set n = x * 10 %}{{ in_loop('a') }}{% endfor %}", c=firm)
    assert html == "a10a20"  # a variable set in the loop reaches the function through the context
    assert read == set()


def test_a_whole_read_makes_the_other_reads_of_that_object_redundant():
    reads_ = {("c:a", "name", ""), ("c:a", "*", ""), ("c:a", "terms", '["areas"]'), ("c:b", "name", ""),
              ("images", "[]", '["a", "x.jpg"]')}
    assert essential(reads_) == [("c:a", "*", ""), ("c:b", "name", ""), ("images", "[]", '["a", "x.jpg"]')]
    assert essential({("c:b", "slug", ""), ("c:b", "name", "")}) == [("c:b", "name", ""), ("c:b", "slug", "")]

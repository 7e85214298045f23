"""Even a profile the validator never saw cannot put executable markup into the site or the PDF."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.site.templates import markdown_html

PAYLOADS = [
    "<script>window.__pwned=1</script>",
    "<SCRIPT SRC=http://evil.example/x.js></SCRIPT>",
    "<img src=x onerror=window.__pwned=1>",
    "<svg onload=window.__pwned=1>",
    "<iframe src=javascript:window.__pwned=1></iframe>",
    "<style>@import 'http://evil.example/x.css';</style>",
    "<a href=\"javascript:window.__pwned=1\">x</a>",
    "[click](javascript:window.__pwned=1)",
    "[click](JaVaScRiPt:window.__pwned=1)",
    "[click](&#106;avascript:window.__pwned=1)",
    "[click](java\tscript:window.__pwned=1)",
    "[click](  javascript:window.__pwned=1 \"t\")",
    "[click](vbscript:msgbox(1))",
    "[click](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wd25lZD0xPC9zY3JpcHQ+)",
    "[ref][1]\n\n[1]: javascript:window.__pwned=1",
    "<javascript:window.__pwned=1>",
    "![x](file:///etc/passwd)",
    "![x](https://evil.example/pixel.png)",
    "![x](../../../etc/passwd)",
    "[x](https://ok.example/\" onmouseover=\"window.__pwned=1)",
    "**bold <b onmouseover=window.__pwned=1>x</b>**",
    "`<script>window.__pwned=1</script>`",
    "    <script>window.__pwned=1</script>",
    "<!--><script>window.__pwned=1</script>-->",
    "<math><mi xlink:href=\"javascript:window.__pwned=1\">x</mi></math>",
    "<object data=javascript:window.__pwned=1></object><embed src=x>",
    "<form action=javascript:window.__pwned=1><button>x</button></form>",
    "<meta http-equiv=refresh content=\"0;url=javascript:window.__pwned=1\">",
    "<base href=https://evil.example/>",
    "<link rel=stylesheet href=https://evil.example/x.css>",
    "<div style=\"background:url(https://evil.example/x)\">x</div>",
    "<table background=https://evil.example/x><tr><td>x</td></tr></table>",
    "<<script>script>window.__pwned=1<</script>/script>",
    "\u202e<script>window.__pwned=1</script>",
    "[x](https://ok.example) <a href=https://ok.example onclick=window.__pwned=1>y</a>",
]

DANGEROUS_TAGS = {"script", "style", "iframe", "img", "svg", "math", "object", "embed", "form", "meta", "base", "link",
                  "input", "button", "video", "audio", "source", "frame", "frameset", "template", "textarea"}
SAFE_SCHEMES = ("http", "https", "mailto", "tel")
MARKERS = ("__pwned", "evil.example", "/etc/passwd")


def scheme(url: str) -> str | None:
    """The scheme a browser would see: it drops tabs and newlines anywhere and spaces/controls at the ends."""
    cleaned = url.replace("\t", "").replace("\n", "").replace("\r", "").strip("\x00 \x0b\x0c")
    match = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):", cleaned)
    return match.group(1).lower() if match else None


class Audit(HTMLParser):
    """Collect what in an HTML document could run code or load something from elsewhere.

    With `markers`, tags the page's own templates use (inline theme CSS, the search form) are accepted unless they
    carry one of the markers that every injected payload contains.
    """

    def __init__(self, markers: tuple[str, ...] | None = None, safe: tuple[str, ...] = SAFE_SCHEMES):
        super().__init__(convert_charrefs=True)
        self.findings: list[str] = []
        self.markers = markers
        self.safe = safe
        self.raw_text_tag: str | None = None

    def injected(self, text: str) -> bool:
        return self.markers is None or any(m in text for m in self.markers)

    def handle_starttag(self, tag, attrs):
        # escaped text in these attributes is shown or ignored, never run or loaded
        text_attrs = {"alt", "title", "aria-label", "content", "value", "placeholder", "name", "lang"}
        values = " ".join(v or "" for n, v in attrs if n not in text_attrs and not n.startswith("data-"))
        if tag == "meta" and any(n == "http-equiv" for n, _ in attrs):
            values += " http-equiv " + " ".join(v or "" for _, v in attrs)
        if tag in DANGEROUS_TAGS and (self.markers is None or self.injected(values)):
            self.findings.append(f"<{tag} {values}>")
        if tag in ("script", "style"):
            json_ld = tag == "script" and dict(attrs).get("type") == "application/ld+json"
            self.raw_text_tag = "json-ld" if json_ld else tag
        for name, value in attrs:
            value = value or ""
            if name.startswith("on") or name in ("srcdoc", "formaction", "xlink:href", "background"):
                self.findings.append(f"{tag}[{name}={value}]")
            if name == "style" and self.injected(value):
                self.findings.append(f"{tag}[style={value}]")
            if name in ("href", "src", "action", "data", "poster", "srcset"):
                found = scheme(value)
                if found is not None and (found not in self.safe or self.injected(value) and found == "file"):
                    self.findings.append(f"{tag}[{name}={value}]")
                if name != "href" and found in ("http", "https") and self.injected(value):
                    self.findings.append(f"{tag}[{name}={value}] loads from outside")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.raw_text_tag = None

    def handle_data(self, data):
        if self.raw_text_tag == "json-ld":  # data, never run; it must not be able to end its element early
            if "<" in data:
                self.findings.append(f"<script type=application/ld+json> holds '<': {data[:60]}")
        elif self.raw_text_tag and self.markers is not None and self.injected(data):
            self.findings.append(f"<{self.raw_text_tag}>{data[:60]}")


def audit(html: str, markers: tuple[str, ...] | None = None, safe: tuple[str, ...] = SAFE_SCHEMES) -> list[str]:
    parser = Audit(markers, safe)
    parser.feed(html)
    return parser.findings


@pytest.mark.parametrize("payload", PAYLOADS)
def test_markdown_sanitiser_lets_nothing_executable_through(payload):
    html = markdown_html(payload)
    assert audit(html) == [], html


def test_markdown_keeps_harmless_formatting():
    html = markdown_html("**太字** と [サイト](https://example.jp/) と [メール](mailto:info@example.jp)\n\n- 一\n- 二")
    assert "<strong>太字</strong>" in html
    assert 'href="https://example.jp/"' in html and 'href="mailto:info@example.jp"' in html
    assert 'rel="noopener noreferrer nofollow"' in html
    assert "<li>一</li>" in html


# A profile that fits the schema's shape but carries an injection attempt in every text field.
INJECTED = """\
name:
  ja: 株式会社<script>window.__pwned=1</script>
  kana: テスト
  en: Evil"><img src=x onerror=window.__pwned=1> Co.
address:
  postal_code: "437-0012"
  prefecture: 静岡県
  city: 紅葉川市
  street: "<iframe src=javascript:window.__pwned=1>"
  en: "</dd><script>window.__pwned=1</script>"
area: {area}
contact:
  phone: "0548-22-1234"
  email: "a\\"onmouseover=\\"window.__pwned=1@x.jp"
  website: "https://x.example/\\" onmouseover=\\"window.__pwned=1"
  person: "<svg onload=window.__pwned=1>"
industries: [{industry}]
technologies: [{technology}]
summary:
  ja: "<style>*{{background:url(http://evil.example/s)}}</style>"
  en: "'><script>window.__pwned=1</script>"
pr:
  ja: |
    <script>window.__pwned=1</script>
    [リンク](javascript:window.__pwned=1) ![x](file:///etc/passwd) ![y](http://evil.example/pixel.png)
    <img src=http://evil.example/a.png onerror=window.__pwned=1>
  en: "[x](&#106;avascript:window.__pwned=1) <a href=https://ok.example onclick=window.__pwned=1>y</a>"
products:
  - name: "<b onmouseover=window.__pwned=1>部品</b>"
    description: "<iframe src=https://evil.example/></iframe>[x](data:text/html,<script>window.__pwned=1</script>)"
equipment:
  - name: "</td><script>window.__pwned=1</script>"
    maker: "<script>window.__pwned=1</script>"
    model: "{{{{ 7*7 }}}}"
    spec: "<link rel=stylesheet href=http://evil.example/x.css>"
materials: ["<object data=javascript:window.__pwned=1>"]
customers: ["<meta http-equiv=refresh content=0;url=http://evil.example/>"]
"""


@pytest.fixture(scope="module")
def injected_site(tmp_path_factory):
    """The injected profile rendered straight from the model (validation skipped on purpose)."""
    import shutil

    from conftest import SAMPLE, first_key
    from generator.load import load_content
    from generator.model import make_guide
    from generator.site.render import render_site
    from generator.site.templates import theme_dirs

    root = tmp_path_factory.mktemp("injected") / "content"
    shutil.copytree(SAMPLE / "taxonomies", root / "taxonomies")
    shutil.copytree(SAMPLE / "pages", root / "pages")
    shutil.copy(SAMPLE / "site.yaml", root / "site.yaml")
    folder = root / "companies" / "evil-co"
    folder.mkdir(parents=True)
    (folder / "company.yaml").write_text(INJECTED.format(area=first_key("areas"), industry=first_key("industries"),
                                                         technology=first_key("technologies")), encoding="utf-8")
    content = load_content(root)
    assert not content.problems, content.problems
    guide = make_guide(content)
    out = root.parent / "site"
    render_site(guide, out, theme_dirs(guide.site.theme))
    return out, guide


def company_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("evil-co/index.html"))


def test_validator_refuses_the_injected_profile(injected_site):
    from generator.load import load_content
    from generator.validate import errors_in, validate

    _, guide = injected_site
    root = guide.companies[0].folder.parent.parent
    errors = errors_in(validate(load_content(root)))
    assert len({p.line for p in errors}) >= 10, "each injected field is reported on its own line"


def test_rendered_pages_hold_no_executable_markup(injected_site):
    site, _ = injected_site
    pages = company_pages(site)
    assert len(pages) == 2, "Japanese and English company page"
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "window.__pwned" in html, "the attempts are shown as text, not dropped silently"
        assert audit(html, MARKERS) == [], page
        assert "{{ 7*7 }}" in html, "templates do not evaluate profile text"


def test_print_html_holds_no_executable_markup(injected_site):
    from generator.site.templates import theme_dirs

    _, guide = injected_site
    try:
        from generator.pdf import Run
        from generator.pdf.render import print_html

        html = print_html(Run(guide, theme_dirs(guide.site.theme), Path("content")))
    except Exception as exc:  # noqa: BLE001 - the print templates may be mid-change; the site check still stands
        pytest.skip(f"print templates not renderable here: {exc}")
    assert "window.__pwned" in html
    # file: URLs of the theme and the content folder are how the print HTML names its CSS and images
    assert audit(html, MARKERS, SAFE_SCHEMES + ("file",)) == []


@pytest.mark.browser
def test_chromium_runs_no_injected_script_and_requests_nothing_outside(injected_site, browser, serve):
    site, _ = injected_site
    base = serve(site)
    page = browser.new_page(viewport={"width": 390, "height": 844})
    requests, dialogs, console = [], [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("console", lambda m: console.append(m.text))
    page.route("**/*", lambda route: route.abort() if "127.0.0.1" not in route.request.url
               and not route.request.url.startswith("data:") else route.continue_())
    try:
        for lang in ("", "en/"):
            page.goto(f"{base}{lang}companies/evil-co/", wait_until="load")
            page.wait_for_timeout(300)
            # fire the events an injected handler would wait for, on every element of the page
            page.evaluate("""() => { for (const el of document.querySelectorAll('body *')) {
                for (const type of ['mouseover', 'mouseenter', 'focus', 'load', 'error', 'animationstart'])
                    el.dispatchEvent(new Event(type)); } }""")
            page.wait_for_timeout(100)
            assert page.evaluate("window.__pwned") is None
            assert page.locator("text=window.__pwned").count() >= 1, "the attempts are visible as text"
            runnable = page.evaluate("""() => [...document.scripts].filter(s => !s.src
                && ['', 'text/javascript', 'module'].includes(s.type) && s.textContent.includes('__pwned')).length""")
            assert runnable == 0
    finally:
        page.close()
    outside = [u for u in requests if not u.startswith(base) and not u.startswith("data:")]
    assert outside == []
    assert dialogs == []
    assert not [m for m in console if "pwned" in m]

"""Shared fixtures: the sample content built once per session, small content trees in tmp_path, a local server."""
from __future__ import annotations

import fcntl
import functools
import http.server
import os
import shutil
import subprocess
import textwrap
import threading
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
SAMPLE = PROJECT / "content"

MINIMAL_PROFILE = """\
name:
  ja: 株式会社テスト精機
  kana: テストセイキ
address:
  postal_code: "437-0012"
  prefecture: 静岡県
  city: 紅葉川市
  street: 北部工業団地1-1
area: {area}
contact:
  phone: "0548-22-1234"
industries: [{industry}]
technologies: [{technology}]
summary: 精密な切削加工で試作から量産まで対応
"""


# A hang fails its test after this many seconds: pyproject's timeout for a unit test; a test that builds the whole
# sample (site and PDF, once per session, in the first test that asks) or drives Chromium gets this long.
E2E_TIMEOUT_S = 900


def pytest_collection_modifyitems(items):
    """Tests that build the whole sample or drive Chromium are `e2e` (and `browser`) wherever they are, so that
    `make test-fast` (-m "not e2e and not browser") leaves them out and they get the longer time limit."""
    for item in items:
        names = getattr(item, "fixturenames", ())
        if "browser" in names:
            item.add_marker(pytest.mark.browser)
        if {"sample_build", "browser"} & set(names) or item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.e2e)
        if item.get_closest_marker("e2e") and not item.get_closest_marker("timeout"):
            item.add_marker(pytest.mark.timeout(E2E_TIMEOUT_S))


# The test modules that take longest (set-ups and tests together, in CI's --durations on 2 cores), longest first.
# With `--dist loadscope` a module runs on one worker, and pytest-xdist hands modules out by their number of tests:
# a module of a few long builds came near the end and kept one worker busy for minutes after the other had finished.
# These are handed out first (longest processing time first), the rest after them in xdist's order. The first two
# are test_check_pr (no sample build) and test_recall (which then builds the sample, sample_build): the other worker
# is not kept waiting for that build.
LONGEST_FIRST = (
    "tests/workflow/test_check_pr.py",
    "tests/search/test_recall.py",
    "tests/pdf/test_volumes.py",
    "tests/pdf/test_qr.py",
    "tests/pdf/test_preflight.py",
    "tests/pdf/test_cover.py",
    "tests/test_rebuild.py",
    "tests/search/test_facts_search.py",
    "tests/browser/test_english_pages.py",
    "tests/hardening/test_hostile_build.py",
    "tests/editor/test_editor_browser.py",
    # browser modules of few tests (xdist would hand them out last), by their CPU in a serial run
    "tests/editor/test_phone_browser.py",
    "tests/editor/test_clerk_form_browser.py",
    "tests/editor/test_handin_browser.py",
    "tests/editor/test_form_facts.py",
    "tests/browser/test_site_a11y.py",
    "tests/pdf/test_stale_content.py",
    "tests/pdf/test_cache.py",
    "tests/hardening/test_interrupt_reproduce.py",
    "tests/browser/test_shortlist.py",
    "tests/pdf/test_typesetting.py",
    "tests/site/test_incremental.py",
)


# `-n auto` (make test) starts this many test workers per usable core. Two per core were tried (session 16): the
# suite's CPU (Chromium's renderers included, /proc/stat) kept both cores busy already, so CI took longer with four
# workers than with two, and tests that wait for a page or a file under load started to fail by timing.
WORKERS_PER_CORE = 1


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_auto_num_workers(config):
    """`-n auto`: WORKERS_PER_CORE workers per usable core ($PYTEST_XDIST_AUTO_NUM_WORKERS still decides)."""
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS", "").isdigit():
        return int(os.environ["PYTEST_XDIST_AUTO_NUM_WORKERS"])
    from generator.parallel import usable_cores

    return WORKERS_PER_CORE * usable_cores()


# The modules whose tests take sample_build (test_suite_hygiene checks this against their source).
SAMPLE_MODULES = frozenset({
    "tests/browser/test_english_pages.py", "tests/browser/test_shortlist.py", "tests/browser/test_site_a11y.py",
    "tests/opendata/test_build_open_data.py", "tests/pdf/test_company_pdf.py", "tests/search/test_buyer_ranking.py",
    "tests/search/test_facts_search.py", "tests/search/test_recall.py", "tests/search/test_search_page.py", "tests/site/test_english.py",
    "tests/site/test_facts.py", "tests/site/test_pages.py", "tests/test_build_e2e.py",
})


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """pytest-xdist's `loadscope` scheduling, the modules of LONGEST_FIRST handed out first, and those of
    SAMPLE_MODULES held back while the sample is being built."""
    if config.getvalue("dist") != "loadscope":
        return None
    from xdist.scheduler import LoadScopeScheduling

    # where the workers' shared_folder marks the sample built: the run's basetemp, above each worker's own
    made = config._tmp_path_factory.getbasetemp() / "sample.made"

    class LongestFirst(LoadScopeScheduling):
        sample_started = False

        def _assign_work_unit(self, node):
            for scope in LONGEST_FIRST:
                if scope in self.workqueue:
                    self.workqueue.move_to_end(scope, last=False)
                    break
            # a worker handed a module of the sample while another builds it would wait on the lock, taking nothing
            # else: until the sample is made, the next module that does not need it goes first
            if self.sample_started and not made.exists():
                for scope in self.workqueue:
                    if scope not in SAMPLE_MODULES:
                        self.workqueue.move_to_end(scope, last=False)
                        break
            self.sample_started |= next(iter(self.workqueue)) in SAMPLE_MODULES
            super()._assign_work_unit(node)

    return LongestFirst(config, log)


@pytest.fixture(scope="session", autouse=True)
def photo_cache(tmp_path_factory) -> Path:
    """The resized-photo cache of the whole session: a temporary folder, never the user's ~/.cache/guidebook.

    Set in the environment, so that builds run in subprocesses use it too; shared by the session's builds as a
    user's builds share theirs (a test that needs a cold cache passes its own folder).
    """
    folder = shared_folder(tmp_path_factory, "guidebook-cache", lambda folder: None)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("GUIDEBOOK_CACHE", str(folder))
        yield folder


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory) -> Path:
    """The bundled sample content built once (site and PDF); returns the output folder.

    GUIDEBOOK_TEST_SITE_ONLY=1 builds the site alone, faster while working on the website (PDF tests then fail).
    """
    from generator.build import build

    return shared_folder(tmp_path_factory, "sample",
                         lambda folder: build(SAMPLE, folder / "build",
                                              pdf=not os.environ.get("GUIDEBOOK_TEST_SITE_ONLY"))) / "build"


def shared_folder(tmp_path_factory, name: str, make) -> Path:
    """A session's folder made once by `make(folder)`: with pytest-xdist, by the first worker that asks, while the
    others wait for it and then use the same folder (each building it would cost every worker the time)."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker:
        folder = tmp_path_factory.mktemp(name)
        make(folder)
        return folder
    folder = tmp_path_factory.getbasetemp().parent / name  # the run's folder, above each worker's own
    with open(folder.with_name(name + ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes, also if `make` fails
        made = folder.with_name(name + ".made")
        if not made.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            make(folder)
            made.touch()
    return folder


# A few sample companies, for tests that build the site several times over and need variety, not all 36: one with
# photos, PR text and English (yamada-seiki), companies sharing its technology, area or other terms (two naming them
# by Japanese label, without English) and companies sharing none of its technologies
FEW_COMPANIES = ("yamada-seiki", "ishiguro-chuzo", "sugiura-seisakusho", "nakase-valve", "aoba-mekki",
                 "momijigawa-kogyo")


def guidebook(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """`python -m generator ARGS` (from `cwd`) as its own `main`, called in this process with stdout and stderr
    captured: a Python start-up importing the generator costs seconds of CPU, more than most commands the tests
    run. For tests of what a command says and does; a test of the process itself (exit without a traceback, the
    environment) starts the real command (tests/test_cli.py, tests/validate/test_cli_validate.py)."""
    import contextlib
    import io

    from generator.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.chdir(cwd or os.getcwd()), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as stop:  # argparse's usage errors
            code = stop.code if isinstance(stop.code, int) else 1
    return subprocess.CompletedProcess(["guidebook", *args], code or 0, out.getvalue(), err.getvalue())


def copy_sample(root: Path, companies: tuple[str, ...] = FEW_COMPANIES) -> Path:
    """The sample content copied to `root` (settings, vocabularies, pages) with only the given companies."""
    shutil.copytree(SAMPLE, root, ignore=lambda folder, names: [n for n in names if n not in companies]
                    if Path(folder) == SAMPLE / "companies" else [])
    assert sorted(p.name for p in (root / "companies").iterdir()) == sorted(companies)
    return root


@functools.cache  # read once: every minimal profile asks for three
def first_key(taxonomy: str) -> str:
    """The first term key of one of the sample vocabularies."""
    import yaml

    data = yaml.safe_load((SAMPLE / "taxonomies" / f"{taxonomy}.yaml").read_text(encoding="utf-8"))
    return next(iter(data["terms"]))


@pytest.fixture
def make_content(tmp_path):
    """Factory: a small content tree in tmp_path (sample site.yaml, taxonomies and pages) with the given profiles.

    `make_content({"slug": "yaml text" | None})` writes each profile (None: a minimal valid one) and returns the root.
    """
    def make(profiles: dict[str, str | None] | None = None, site_yaml: str | None = None) -> Path:
        root = tmp_path / "content"
        if not root.exists():
            shutil.copytree(SAMPLE / "taxonomies", root / "taxonomies")
            shutil.copytree(SAMPLE / "pages", root / "pages")
            (root / "site.yaml").write_text(site_yaml or (SAMPLE / "site.yaml").read_text(encoding="utf-8"),
                                            encoding="utf-8")
        for slug, text in (profiles or {"test-seiki": None}).items():
            folder = root / "companies" / slug
            folder.mkdir(parents=True, exist_ok=True)
            if text is None:
                text = minimal_profile()
            (folder / "company.yaml").write_text(textwrap.dedent(text), encoding="utf-8")
        return root
    return make


def minimal_profile(**overrides) -> str:
    """A minimal valid profile as YAML text, using the first terms of the sample vocabularies."""
    values = {"area": first_key("areas"), "industry": first_key("industries"),
              "technology": first_key("technologies")}
    values.update(overrides)
    return MINIMAL_PROFILE.format(**values)


@pytest.fixture
def serve():
    """Factory: serve a folder over http on 127.0.0.1 (a free port) for the test; returns the base URL."""
    servers = []

    def start(folder: Path) -> str:
        handler = functools.partial(QuietHandler, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass


from generator.search.recall import CHROMIUM_ARGS  # noqa: E402 - the benchmark launches it the same way


@pytest.fixture(scope="session")
def browser():
    """Debian's headless Chromium driven by Playwright (no browser download); skipped where Chromium is missing."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("chromium is not installed (make setup installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield b
        b.close()

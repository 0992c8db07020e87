"""Every byte under data/ is untrusted: the files around the entries (changelog, retired list,
vocabularies, the register, the schemas) and the file system tricks around them.

Each case the security review found is a test here or a broken-file fixture in
tests/fixtures/bad/ (run by tests/test_checker.py); the property test at the end plants hostile
strings into every string and every key of every file and builds the site.
"""

from __future__ import annotations

import base64
import copy
import hashlib
import io
import os
import re
import shutil
import signal
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from jinja2 import Environment, FileSystemLoader

from scripts.tracker import export
from scripts.tracker.checks import run_checks
from scripts.tracker.clock import today
from scripts.tracker.dataset import load_dataset
from scripts.tracker.generate import GENERATED_DIRS, GENERATED_FILES, DataError, generate_pages
from scripts.tracker.load import load_file
from scripts.tracker.render import complexity_problem, markdown_to_html, xml_text
from scripts.tracker.writes import UnsafePath, inside, safe_relative

from .conftest import ENV, ROOT, build, copy_site_tree, make_data
from .test_checker import problem_lines

# ---------------------------------------------------------------- the file system


def check(data: Path, timeout: int = 60) -> subprocess.CompletedProcess[str]:
    """`check` as CI runs it, in its own process, killed if it hangs."""
    command = [sys.executable, "-m", "scripts.tracker", "--data", str(data), "check"]
    return subprocess.run(command, cwd=ROOT, env=ENV, capture_output=True, text=True, timeout=timeout, check=False)


def located(result: subprocess.CompletedProcess[str], data: Path) -> list[str]:
    return problem_lines(result.stdout.splitlines(), data)


def test_a_named_pipe_called_yaml_is_refused_without_blocking(tmp_path: Path) -> None:
    data = make_data(tmp_path)
    os.mkfifo(data / "events" / "f.yaml")
    result = check(data)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    message = "E109 a special file (pipe, socket or device), not a regular file, has a data file's name"
    assert located(result, data) == [f"data/events/f.yaml:1:1: {message}"]


def test_a_folder_called_yaml_is_refused(tmp_path: Path) -> None:
    data = make_data(tmp_path)
    (data / "claims" / "x.yaml").mkdir()
    result = check(data)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert located(result, data) == ["data/claims/x.yaml:1:1: E109 a folder, not a regular file, has a data file's name"]


def test_a_loop_of_links_is_refused(tmp_path: Path) -> None:
    data = make_data(tmp_path)
    (data / "events" / "a.yaml").symlink_to(data / "events" / "b.yaml")
    (data / "events" / "b.yaml").symlink_to(data / "events" / "a.yaml")
    result = check(data)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert located(result, data) == [
        "data/events/a.yaml:1:1: E107 the file is a symbolic link that loops or points nowhere",
        "data/events/b.yaml:1:1: E107 the file is a symbolic link that loops or points nowhere",
    ]


def test_a_linked_folder_pointing_out_of_data_is_refused(tmp_path: Path) -> None:
    data = make_data(tmp_path / "repo")
    outside = tmp_path / "elsewhere"
    shutil.move(data / "claims", outside)
    (data / "claims").symlink_to(outside, target_is_directory=True)
    result = check(data)
    assert result.returncode == 1
    assert "data/claims/good-claim.yaml:1:1: E107 the file lies in a linked folder pointing outside data/" in located(result, data)


@pytest.mark.parametrize("secret", ["/etc/passwd", "/proc/self/environ"])
def test_the_register_never_prints_a_file_it_links_to(secret: str, tmp_path: Path) -> None:
    if not Path(secret).exists():
        pytest.skip(f"{secret} does not exist here")
    data = make_data(tmp_path)
    (data / "published-ids.txt").unlink()
    (data / "published-ids.txt").symlink_to(secret)
    result = check(data)
    assert result.returncode == 1
    assert located(result, data) == ["data/published-ids.txt:1:1: E107 the file is a symbolic link pointing outside data/"]
    assert "root:" not in result.stdout and "PATH=" not in result.stdout


def test_an_oversized_register_is_refused(tmp_path: Path) -> None:
    data = make_data(tmp_path)
    with (data / "published-ids.txt").open("a", encoding="utf-8") as register:
        register.write(("events/" + "x" * 80 + "\n") * 100_000)
    result = check(data)
    assert located(result, data) == ["data/published-ids.txt:1:1: E105 the file is 8,800,273 bytes; the limit is 8,388,608"]


# ---------------------------------------------------------------- what the generator writes


@pytest.mark.parametrize("name", ["../index", "../../PWNED", "a/../../b", "/etc/x", "", ".", "a//b", "a\\..\\b", "a\x00b", "x/.."])
def test_a_path_that_would_leave_its_folder_is_refused(name: str, tmp_path: Path) -> None:
    with pytest.raises(UnsafePath):
        inside(tmp_path, name)
    with pytest.raises(UnsafePath):
        safe_relative(name)


def test_a_link_inside_the_folder_cannot_lead_a_write_out(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "events").symlink_to(tmp_path, target_is_directory=True)
    with pytest.raises(UnsafePath):
        inside(tmp_path / "docs", "events/x.md")


def test_archive_members_cannot_climb_out(tmp_path: Path) -> None:
    with pytest.raises(UnsafePath):
        export.archive([("a.json", "{}")], "readme", "1/../../../../../x")
    fine = zipfile.ZipFile(io.BytesIO(export.archive([("a.json", "{}")], "readme", "social-credit-tracker-data-2026.01.01")))
    assert all(not Path(name).is_absolute() and ".." not in name.split("/") for name in fine.namelist())


def _dataset_past_the_check(tmp_path: Path, change) -> tuple[Path, Path, object]:
    """Data the check would refuse, handed to the writer anyway (as if the check had a gap)."""
    data = make_data(tmp_path / "repo")
    docs = tmp_path / "repo" / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("hand-written", encoding="utf-8")
    loaded = load_dataset(data)
    assert not [p for p in run_checks(loaded, today(), style=False) if p.is_error]
    change(loaded)
    return data, docs, loaded


def test_retired_names_that_climb_out_are_never_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    from scripts.tracker import generate

    for old in ("../index", "../../PWNED"):
        info = {"kind": "events", "action": "withdrawn", "date": "2026-01-20", "reason": "x"}
        folder = tmp_path / old.replace("/", "_")
        data, docs, loaded = _dataset_past_the_check(folder, lambda d, old=old, info=info: d.retired.data.update({old: info}))
        monkeypatch.setattr(generate, "load_dataset", lambda _root, loaded=loaded: loaded)
        monkeypatch.setattr(generate, "run_checks", lambda *_args, **_kw: [])
        with pytest.raises(DataError):
            generate_pages(data, docs, tmp_path / "snippets", ROOT / "mkdocs.yml")
        assert "refused to write" in capsys.readouterr().err
        assert (docs / "index.md").read_text(encoding="utf-8") == "hand-written"
        assert not list(tmp_path.rglob("PWNED*"))


# ---------------------------------------------------------------- escaping at every sink


def test_the_footer_escapes_the_version_whatever_it_holds() -> None:
    env = Environment(loader=FileSystemLoader(str(ROOT / "docs" / "overrides")))
    env.filters["url"] = lambda path: path  # MkDocs' filter: a relative URL
    html = env.get_template("partials/copyright.html").render(
        config={"copyright": "Data CC BY 4.0", "extra": {"dataset_version": "2026.11.27<script>alert(document.domain)</script>"}}
    )
    soup = BeautifulSoup(html, "html5lib")
    assert not soup.find("script")
    assert "<script>alert(document.domain)</script>" in soup.get_text()


def test_every_value_the_overrides_print_is_escaped() -> None:
    """A template value is escaped with |e unless it is one of the named exceptions (escaped for
    its context before it reaches the template; see the comment at the top of main.html)."""
    trusted = {"super()", "config.copyright", "page.meta.description", "page.meta.jsonld", "config.extra.dataset_jsonld"}
    found = []
    for template in sorted((ROOT / "docs" / "overrides").rglob("*.html")):
        if template.name == "header.html":  # Material's own partial, changed only in its search field
            continue
        for expression in re.findall(r"{{-?\s*(.*?)\s*-?}}", template.read_text(encoding="utf-8")):
            filters = [f.strip() for f in expression.split("|")[1:]]
            if expression.split("|")[0].strip() not in trusted and not {"e", "url"} & set(filters) and not expression.startswith("'"):
                found.append(f"{template.name}: {{{{ {expression} }}}}")
    assert found == []


def built_with(tmp_path: Path, rel: str, old: str, new: str) -> Path:
    """The good fixtures built with one line of one file changed; the site's folder."""
    data = make_data(tmp_path / "src")
    file = data / rel
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new), encoding="utf-8")
    result = build(copy_site_tree(tmp_path / "root", data), tmp_path / "out")
    assert result.returncode == 0, result.stderr
    return tmp_path / "out"


def test_the_embed_snippet_is_safe_to_paste(tmp_path: Path) -> None:
    built_with(tmp_path, "figures/good-figure.yaml", "title: Purchases blocked (cumulative)", "title: 'Air tickets\"><img src=x onerror=alert(1)>'")
    soup = BeautifulSoup((tmp_path / "out" / "figures" / "good-figure" / "index.html").read_text(encoding="utf-8"), "html5lib")
    snippet = next(code.get_text() for code in soup.select("pre code") if "<figure>" in code.get_text())
    pasted = BeautifulSoup(snippet, "html5lib")  # what a reader's page would make of it
    assert [img.attrs.keys() for img in pasted.find_all("img")] == [{"src", "alt", "width"}]
    assert pasted.find("img")["alt"] == 'Air tickets"><img src=x onerror=alert(1)>'


def test_citation_markers_are_never_replaced_inside_an_attribute() -> None:
    text = 'See [the list](https://example.org/ "[@good-source]") [@good-source].'
    html = markdown_to_html(text, cite=lambda i: f'<sup><a href="#src-{i}">[1]</a></sup>')
    soup = BeautifulSoup(html, "html5lib")
    link = soup.find("a", href="https://example.org/")
    assert link["title"] == "[@good-source]"
    assert len(soup.find_all("sup")) == 1


def test_text_for_xml_is_always_well_formed() -> None:
    hostile = 'a\x00b\x01c\ud800d\ufffee\uffff <&> "quoted" ]]>'
    ET.fromstring(f'<x a="{xml_text(hostile)}">{xml_text(hostile)}</x>')


@pytest.mark.parametrize(
    "summary",
    ["[" * 5900, "![" * 2900, "- " * 1000 + "x", "> " * 3000, "".join("  " * i + "- x\n" for i in range(200)), "<a " * 1900],
    ids=["brackets", "images", "nested-lists", "nested-quotes", "indented-lists", "tags"],
)
def test_costly_markdown_is_refused_by_the_check_and_never_parsed(summary: str) -> None:
    assert complexity_problem(summary) is not None
    signal.signal(signal.SIGALRM, lambda *_a: (_ for _ in ()).throw(TimeoutError("rendering hung")))
    signal.alarm(10)  # a hang guard, not a timing target: the fallback is linear
    try:
        html = markdown_to_html(summary)
    finally:
        signal.alarm(0)
    assert html.startswith("<p>") and "<script" not in html


def test_honest_markdown_stays_well_under_the_limits() -> None:
    worst = {}
    for path in sorted((ROOT / "data").glob("*/*.yaml")):
        summary = yaml.safe_load(path.read_text(encoding="utf-8")).get("summary") if path.parent.name != "vocab" else None
        if isinstance(summary, str):
            assert complexity_problem(summary) is None, path
            worst[path.name] = summary.count("[")
    assert max(worst.values()) < 50


# ---------------------------------------------------------------- the build's own output


def test_the_built_site_is_readable_by_a_web_server_and_leaves_no_stray_folders(tmp_path: Path) -> None:
    root = copy_site_tree(tmp_path / "root", make_data(tmp_path / "src"))
    site = tmp_path / "public"
    command = [sys.executable, "-m", "scripts.tracker", "build", "--site-dir", str(site), "--config", str(root / "mkdocs.yml")]
    old = os.umask(0o022)
    try:
        result = subprocess.run(command, cwd=ROOT, env=ENV, capture_output=True, text=True, check=False)
    finally:
        os.umask(old)
    assert result.returncode == 0, result.stderr
    assert site.stat().st_mode & 0o777 == 0o755
    ignored = subprocess.run(["git", "check-ignore", ".site-build-abc123/", "site.old/"], cwd=ROOT, capture_output=True, text=True, check=False)
    assert ignored.stdout.split() == [".site-build-abc123/", "site.old/"]


def test_an_inline_script_that_is_not_the_themes_gets_no_hash_and_fails_a_strict_build(tmp_path: Path) -> None:
    root = copy_site_tree(tmp_path / "root", make_data(tmp_path / "src"))
    (root / "docs" / "smuggled.md").write_text("# Page\n\n<script>alert(document.domain)</script>\n", encoding="utf-8")
    strict = build(root, tmp_path / "strict")
    assert strict.returncode != 0
    assert "smuggled.md holds 1 inline <script> element(s) that are not the theme's" in strict.stderr
    loose = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(root / "mkdocs.yml"), "-d", str(tmp_path / "loose")],
        cwd=root,
        env=ENV,
        capture_output=True,
        text=True,
        check=False,
    )
    assert loose.returncode == 0, loose.stderr
    html = (tmp_path / "loose" / "smuggled" / "index.html").read_text(encoding="utf-8")
    injected = "'sha256-" + base64.b64encode(hashlib.sha256(b"alert(document.domain)").digest()).decode() + "'"
    policy = BeautifulSoup(html, "html5lib").find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    assert injected not in policy
    assert policy_hashes(policy) and policy_hashes(policy) <= theme_hashes_of(tmp_path / "loose")


# ---------------------------------------------------------------- hostile strings everywhere

PIECES = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(1)>",
    "javascript:alert(1)",
    "[x](javascript:alert(1))",
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    "../../../../x",
    "]]><!--",
    "{{ 7*7 }}{% raw %}",
    "&amp;&lt;",
    "\n\n- item\n",
    "\\u0000",
    "`code`",
    "[@good-source]",
    "*[x]: y",
]
CONTROL = ["\x00", "\x01", "\x1b", "\x85", "\ud800", "\ufffe", "\n", "\r"]
HOSTILE = st.lists(st.sampled_from(PIECES), min_size=1, max_size=4).map(" ".join)
HOSTILE_ANY = st.lists(st.sampled_from(PIECES + CONTROL), min_size=1, max_size=4).map("".join)
SCHEMAS = ROOT / "data" / "schema"


def yaml_files(data: Path) -> list[Path]:
    return sorted(p for p in data.rglob("*.yaml") if p.is_file())


def locations(value, at: tuple = ()) -> list[tuple[tuple, str]]:
    """Every (path, "value" or "key") holding a string, walking parsed YAML."""
    out = []
    if isinstance(value, dict):
        for key, item in value.items():
            out.append(((*at, key), "key"))
            out += locations(item, (*at, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            out += locations(item, (*at, i))
    elif isinstance(value, str):
        out.append((at, "value"))
    return out


def schema_for(data_root: Path, file: Path) -> dict:
    rel = file.relative_to(data_root).as_posix()
    if rel.split("/")[0] in ("events", "figures", "claims", "sources"):
        return yaml.safe_load((SCHEMAS / f"{rel.split('/')[0][:-1]}.schema.json").read_text(encoding="utf-8"))
    from scripts.tracker.validate import FILE_SCHEMAS

    return yaml.safe_load((SCHEMAS / f"{FILE_SCHEMAS[rel]}.schema.json").read_text(encoding="utf-8"))


def _resolve(node: dict, root: dict) -> dict:
    ref = node.get("$ref", "")
    rest = {k: v for k, v in node.items() if k != "$ref"}
    name = ref.rsplit("/", 1)[-1]
    if ref.startswith("#/$defs/") and name in root.get("$defs", {}):  # the schema's own (source's name)
        return {**_resolve(root["$defs"][name], root), **rest}
    if ref:  # common.schema.json, whose own local references are to itself
        common = yaml.safe_load((SCHEMAS / "common.schema.json").read_text(encoding="utf-8"))
        return {**_resolve(common["$defs"][name], common), **rest}
    return node


def _branch(node: dict, part: str | None) -> dict:
    """Of a oneOf, the alternative that holds this key (or, for None, the plain-text one)."""
    for option in node.get("oneOf", []):
        if (option.get("type") == "string") if part is None else part in option.get("properties", {}):
            return option
    return node


def is_free_text(schema: dict, path: tuple) -> bool:
    """Does the schema let this string be any text (no pattern, format or list of values)? Those
    are the fields hostile text must pass through safely; the others must refuse it."""
    node = _resolve(schema, schema)
    for part in path:
        if isinstance(part, int):
            node = _resolve(node.get("items", {}), schema)
            continue
        node = _branch(node, part)
        if part in node.get("properties", {}):
            node = _resolve(node["properties"][part], schema)
        elif isinstance(node.get("additionalProperties"), dict):
            node = _resolve(node["additionalProperties"], schema)
        else:
            return False
    node = _branch(node, None)
    return node.get("type") == "string" and not {"pattern", "format", "enum", "const"} & set(node)


def plant(value, path: tuple, text: str, as_key: bool):
    if as_key:
        *head, last = path
        parent = value
        for part in head:
            parent = parent[part]
        parent[text] = parent.pop(last)
        return
    *head, last = path
    parent = value
    for part in head:
        parent = parent[part]
    parent[last] = text


def tree(root: Path, skip: tuple[str, ...]) -> dict[str, bytes]:
    """Every file under root (outside the folders a build owns), with its content."""
    out = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if path.is_file() and not path.is_symlink() and not rel.startswith(skip):
            out[rel] = path.read_bytes()
    return out


def shape(site: Path) -> tuple[set, set, set]:
    """Element names, (element, attribute) pairs and URL schemes across a built site, as an HTML5
    parser (a browser's) reads them."""
    elements, attributes, schemes = set(), set(), set()
    for html in sorted(site.rglob("*.html")):
        for el in BeautifulSoup(html.read_text(encoding="utf-8"), "html5lib").find_all(True):
            elements.add(el.name)
            for name, value in el.attrs.items():
                attributes.add((el.name, name))
                if name in ("href", "src", "action", "formaction", "srcset", "poster", "data") and isinstance(value, str):
                    schemes.add(urlparse(value.strip()).scheme.lower())
            if el.name == "meta" and isinstance(el.get("content"), str):
                # a meta's content is text, except where the page is sent on or an address is named
                if el.get("http-equiv", "").lower() == "refresh" and "url=" in el["content"].lower():
                    schemes.add(urlparse(el["content"].lower().split("url=", 1)[1].strip()).scheme)
                elif el.get("property", el.get("name", "")) in URL_METAS:
                    schemes.add(urlparse(el["content"].strip()).scheme.lower())
    return elements, attributes, schemes


URL_METAS = {"og:url", "og:image", "twitter:image", "citation_public_url", "citation_pdf_url", "DC.identifier"}


def policy_hashes(policy: str) -> set[str]:
    return set(re.findall(r"'sha256-[^']+'", policy))


def theme_hashes_of(site: Path) -> set[str]:
    """The hashes of the inline scripts Material writes: those in the built 404 page (a template
    rendered with no page and no data) and each depth's __md_scope prelude."""
    found = set()
    for html in sorted(site.rglob("*.html")):
        for body in re.findall(r"<script>(.*?)</script>", html.read_text(encoding="utf-8"), re.S):
            if body.startswith(("__md_scope", "var palette", "var tabs", "var target")):
                found.add("'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'")
    return found


# what a build may write: the site, the generated folders of docs/, build/ (snippets, chart cache)
BUILD_OWNS = (*(f"root/docs/{d}/" for d in GENERATED_DIRS), *(f"root/docs/{f}" for f in GENERATED_FILES), "root/build/", "out/")


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, tuple[set, set, set]]:
    tmp = tmp_path_factory.mktemp("clean")
    data = make_data(tmp / "src")
    root = copy_site_tree(tmp / "root", data)
    result = build(root, tmp / "out")
    assert result.returncode == 0, result.stderr
    return data, shape(tmp / "out")


@given(st.data())
@settings(max_examples=16, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
def test_hostile_strings_in_any_file_are_refused_or_built_harmlessly(clean, tmp_path_factory: pytest.TempPathFactory, data: st.DataObject) -> None:
    good, (elements, attributes, schemes) = clean
    tmp = tmp_path_factory.mktemp("hostile")
    root = copy_site_tree(tmp / "root", good)
    (root / "data" / "register").mkdir(exist_ok=True)  # a per-id register file to plant into too
    (root / "data" / "register" / "good-claim.txt").write_text("claims/good-claim\n", encoding="utf-8")
    files = [*yaml_files(root / "data"), root / "data" / "published-ids.txt", *sorted((root / "data" / "register").glob("*.txt"))]
    planted = []
    # half the examples plant printable markup only where the schemas allow any text (those
    # must build, harmlessly); the rest plant anything anywhere (those are mostly refused)
    free_only = data.draw(st.booleans(), label="free text only")
    for _ in range(data.draw(st.integers(min_value=1, max_value=6), label="how many")):
        file = data.draw(st.sampled_from(files), label="file")
        if file.suffix == ".txt":
            if free_only:
                continue
            lines = file.read_text(encoding="utf-8").splitlines()
            first = 1 if lines[0].startswith("#") else 0  # published-ids.txt opens with a comment
            i = data.draw(st.integers(min_value=first, max_value=len(lines) - 1), label="line")
            lines[i] = data.draw(HOSTILE_ANY, label="register line").replace("\n", " ").replace("\r", " ")
            # a lone surrogate cannot be written as UTF-8: it lands as the bytes a broken editor writes
            file.write_bytes(("\n".join(lines) + "\n").encode("utf-8", "surrogatepass"))
            planted.append((file.name, "line", False))
            continue
        value = yaml.safe_load(file.read_text(encoding="utf-8"))
        schema = schema_for(root / "data", file)
        spots = [(path, where) for path, where in locations(value) if not free_only or (where == "value" and is_free_text(schema, path))]
        if not spots:
            continue
        path, where = data.draw(st.sampled_from(spots), label="where")
        free = where == "value" and is_free_text(schema, path)
        text = data.draw(HOSTILE if free_only else HOSTILE_ANY, label="text")
        if where == "key" and text in (value if len(path) == 1 else {}):
            continue
        plant(value, path, text, where == "key")
        file.write_text(yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=10**6), encoding="utf-8")
        planted.append((file.name, path, free))
    before = tree(tmp, BUILD_OWNS)
    loaded = load_dataset(root / "data")
    problems = run_checks(loaded, today(), style=False)
    assert all(p.line >= 1 and p.col >= 1 for p in problems)
    errors = [p for p in problems if p.is_error]
    if any(not free for _f, _p, free in planted):
        assert errors, f"a hostile string in a constrained field or key passed the check: {planted}"
    result = build(root, tmp / "out")
    assert "Traceback" not in result.stderr
    event("refused by the check" if errors else "built")
    if errors:
        assert result.returncode != 0 and not (tmp / "out" / "index.html").exists()
    else:
        assert result.returncode == 0, result.stderr
        got = shape(tmp / "out")
        assert got[0] <= elements, got[0] - elements
        assert got[1] <= attributes, got[1] - attributes
        assert got[2] <= schemes, got[2] - schemes
        themes = theme_hashes_of(tmp / "out")
        for html in sorted((tmp / "out").rglob("*.html")):
            meta = BeautifulSoup(html.read_text(encoding="utf-8"), "html5lib").find("meta", attrs={"http-equiv": "Content-Security-Policy"})
            if meta:
                assert policy_hashes(meta["content"]) <= themes, html
        for xml in [tmp / "out" / "feed.xml", *sorted((tmp / "out" / "downloads" / "charts").glob("*.svg"))]:
            ET.parse(xml)
    assert tree(tmp, BUILD_OWNS) == before  # nothing written, changed or removed outside what the build owns


def test_the_hostile_alphabet_reaches_free_text_fields_of_every_kind() -> None:
    """The property test plants markup where the schemas allow any text; make sure such fields
    exist in entries, vocabularies and the changelog alike (so the test is not vacuous)."""
    data = ROOT / "data"
    kinds = set()
    for file in yaml_files(data):
        value = yaml.safe_load(file.read_text(encoding="utf-8"))
        if any(where == "value" and is_free_text(schema_for(data, file), path) for path, where in locations(value)):
            kinds.add(file.relative_to(data).parts[0])
    assert {"events", "figures", "claims", "sources", "vocab", "changelog.yaml", "retired.yaml"} <= kinds


def test_loading_any_planted_value_never_raises(tmp_path: Path) -> None:
    for text in [*PIECES, *CONTROL]:
        file = tmp_path / "x.yaml"
        file.write_text(yaml.safe_dump({"id": "x", "title": text, text or "k": 1}, allow_unicode=True), encoding="utf-8")
        doc, problems = load_file(file, tmp_path)
        assert doc is not None or problems
        copy.deepcopy(doc)


def test_a_title_that_looks_like_a_link_stays_text(tmp_path: Path, clean) -> None:
    """Found by the property test: free text such as a title may read like a URL; it must reach
    pages (and meta tags) as text, never as an address a browser follows."""
    built_with(tmp_path, "events/good-event.yaml", "title: Example court publishes a list of debtors", "title: 'javascript:alert(1) [@good-source]'")
    _elements, _attributes, schemes = shape(tmp_path / "out")
    assert schemes <= clean[1][2] and "javascript" not in schemes
    soup = BeautifulSoup((tmp_path / "out" / "events" / "good-event" / "index.html").read_text(encoding="utf-8"), "html5lib")
    assert soup.find("meta", attrs={"name": "citation_title"})["content"] == "javascript:alert(1) [@good-source]"

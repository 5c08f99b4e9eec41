"""The docs stand on their own: README.md, docs/**/*.md and docs/openapi.yaml
cite no absolute filesystem path (a planning note on someone's machine, a
checkout under /home...), no path that climbs out of the repository, and no
relative Markdown link to a file the repository does not have.

API routes (`/products/{product_id}`), URLs (`https://...`, `localhost:8000/health`)
and repository-relative paths (`chalicelib/services/orders.py`) are fine."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

# First segments that only ever start a filesystem path, never one of our routes.
SYSTEM_ROOTS = frozenset(
    {"work", "home", "tmp", "opt", "usr", "etc", "var", "Users", "root", "mnt", "srv", "private", "Volumes"}
)
# A slash that starts a path: not inside a word, a URL (host:port/, a/b), a
# relative path (./x, ../x, .../x), a fragment (#/components) or after a template
# placeholder ({base}/x, <url>/x).
SLASH_PATH = re.compile(r"(?<![\w.:/~#@}>\]-])/(?:[\w.@+~-]+|\{\w+\})(?:/(?:[\w.@+~-]+|\{\w+\}))*/?")
FILE_EXTENSION = re.compile(r"\.[A-Za-z][A-Za-z0-9]{0,7}$")
WINDOWS_PATH = re.compile(r"(?<![\w])[A-Za-z]:\\[\w.$ -]|(?<![\w])[A-Z]:/\w")
HOME_PATH = re.compile(r"(?<![\w/.~-])~/[\w.-]")
FILE_URL = re.compile(r"\bfile:/", re.IGNORECASE)
# ../ that starts a relative path anywhere (a link, a backticked or a bare path).
PARENT_PATH = re.compile(r"(?<![\w./-])(?:\.\./)+[^\s`'\"()<>\[\]|,;]*")
# [text](target) and ![alt](target), text possibly over several lines; [label]: target.
INLINE_LINK = re.compile(r"\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
REFERENCE_LINK = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+\"[^\"]*\")?\s*$", re.MULTILINE)
TRAILING = "`'\".,;:)"  # punctuation after a cited path is not part of it
SCHEME = re.compile(r"^[A-Za-z][\w+.-]*:")
LINK_TARGET = re.compile(r"^[\w./~-][\w./~%-]*$")


def doc_files(root: Path) -> list[Path]:
    """README.md, every Markdown file under docs/, and docs/openapi.yaml."""
    files = [root / "README.md", *sorted((root / "docs").rglob("*.md")), root / "docs" / "openapi.yaml"]
    return [f for f in files if f.is_file()]


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _inside(path: Path, root: Path) -> bool:
    return Path(os.path.normpath(path)).is_relative_to(Path(os.path.normpath(root)))


def is_absolute_path(token: str) -> bool:
    """A token that starts with ``/`` cites the filesystem when it starts at a
    system root (/work, /home, /tmp...) or names a file (an extension) under a
    directory; routes such as /products/{product_id} or /health do neither."""
    segments = [s for s in token.split("/") if s]
    if not segments:
        return False
    if segments[0] in SYSTEM_ROOTS:
        return True
    return len(segments) >= 2 and bool(FILE_EXTENSION.search(segments[-1]))


def problems(doc: Path, root: Path = REPO) -> list[str]:
    """Every citation in ``doc`` that does not stand on its own, as
    ``<file>:<line>: <what> <token>``."""
    text = doc.read_text(encoding="utf-8")
    name = doc.relative_to(root).as_posix() if _inside(doc, root) else str(doc)
    found: list[tuple[int, str]] = []

    def report(offset: int, what: str, token: str) -> None:
        found.append((_line(text, offset), f"{what} {token.rstrip(TRAILING)!r}"))

    # (a) absolute filesystem paths
    for m in SLASH_PATH.finditer(text):
        if is_absolute_path(m.group(0)):
            report(m.start(), "absolute path", m.group(0))
    for pattern in (WINDOWS_PATH, HOME_PATH, FILE_URL):
        for m in pattern.finditer(text):
            report(m.start(), "absolute path", text[m.start() : m.start() + 40].split()[0])

    # (b) relative paths that climb out of the repository
    for m in PARENT_PATH.finditer(text):
        if not _inside(doc.parent / m.group(0), root):
            report(m.start(), "path outside the repository", m.group(0))

    # (c) relative links to files the repository does not have
    links = [(m.start(), m.group(1)) for m in INLINE_LINK.finditer(text)]
    links += [(m.start(), m.group(1)) for m in REFERENCE_LINK.finditer(text)]
    for offset, target in links:
        path = target.split("#", 1)[0].split("?", 1)[0]
        if not path or SCHEME.match(target) or not LINK_TARGET.match(path):
            continue  # an anchor on the same page, a URL, or not a path at all
        if path.startswith("/"):
            report(offset, "link to an absolute path", target)
        elif not _inside(doc.parent / path, root):
            pass  # reported under (b)
        elif not (doc.parent / path).exists():
            report(offset, "link to a missing file", target)

    return [f"{name}:{line}: {what}" for line, what in sorted(set(found))]


# --- the repository's own docs ---------------------------------------------------------------


def test_the_docs_to_check_are_found() -> None:
    names = {f.relative_to(REPO).as_posix() for f in doc_files(REPO)}
    assert {"README.md", "docs/api.md", "docs/data-model.md", "docs/openapi.yaml"} <= names
    assert any(n.startswith("docs/adr/") for n in names)


@pytest.mark.parametrize("doc", doc_files(REPO), ids=lambda p: p.relative_to(REPO).as_posix())
def test_doc_stands_on_its_own(doc: Path) -> None:
    assert problems(doc) == []


# --- the checker itself ----------------------------------------------------------------------


def _repo_with(tmp_path: Path, readme: str, adr: str = "# ADR\n") -> Path:
    (tmp_path / "docs" / "adr").mkdir(parents=True)
    (tmp_path / "README.md").write_text(readme, encoding="utf-8")
    (tmp_path / "docs" / "api.md").write_text("# API\n", encoding="utf-8")
    (tmp_path / "docs" / "adr" / "0001-x.md").write_text(adr, encoding="utf-8")
    (tmp_path / "chalicelib").mkdir()
    (tmp_path / "chalicelib" / "app.py").write_text("", encoding="utf-8")
    return tmp_path


CLEAN = """# Commerce

`GET /products/{product_id}` and `POST /admin/orders/{order_id}/shipments`, `/health`,
`GET /admin/settlements/{day}/csv`, `curl localhost:8000/health`, `127.0.0.1:8000/webhooks/stripe`,
https://docs.aws.amazon.com/lambda/latest/dg/welcome.html and `<EndpointURL>webhooks/stripe`.
`$ref: '#/components/schemas/Money'`, application/problem+json, and/or, `POST .../list`,
`curl -u sk_test_local: localhost:8420/v1/payment_intents/pi_.../confirm`.
Code: `chalicelib/app.py`, `.local/data/dynamodb`, `infra/cdk.out/<stage>/`.
See [the API](docs/api.md#checkout), [ADR
1](docs/adr/0001-x.md), [a section](#commerce), [AWS](https://aws.amazon.com/), [mail](mailto:a@b.c).
"""


def test_checker_passes_routes_urls_and_repo_paths(tmp_path: Path) -> None:
    root = _repo_with(tmp_path, CLEAN, adr="See [the API](../api.md#x) and `../../chalicelib/app.py`.\n")
    assert [p for f in doc_files(root) for p in problems(f, root)] == []


@pytest.mark.parametrize(
    ("line", "what"),
    [
        ("The contract is `/work/shared/API.md`.", "absolute path '/work/shared/API.md'"),
        ("Planning notes live in /work/shared/ARCHITECTURE.md", "absolute path '/work/shared/ARCHITECTURE.md'"),
        ("Run `cd /home/mei/commerce && make run`.", "absolute path '/home/mei/commerce'"),
        ("Its state is in /tmp/localstripe.pickle.", "absolute path '/tmp/localstripe.pickle'"),
        ("Installed under /opt/commerce", "absolute path '/opt/commerce'"),
        ("Reads `/etc/hosts`", "absolute path '/etc/hosts'"),
        ("From /Users/mei/notes.md", "absolute path '/Users/mei/notes.md'"),
        ("Any file cited from the root: `/docs/api.md`", "absolute path '/docs/api.md'"),
        ("On Windows: `C:\\Users\\mei\\notes.md`", "absolute path 'C:\\\\Users\\\\mei\\\\notes.md'"),
        ("A home path `~/notes/api.md`", "absolute path '~/notes/api.md'"),
        ("A [file URL](file:///srv/api.md)", "absolute path 'file:///srv/api.md'"),
        ("An [absolute link](/chalicelib/app.py)", "link to an absolute path '/chalicelib/app.py'"),
        ("Beside the repo: `../shared/API.md`", "path outside the repository '../shared/API.md'"),
        ("A [sibling](../other-repo/README.md)", "path outside the repository '../other-repo/README.md'"),
        ("A [missing page](docs/nowhere.md#top)", "link to a missing file 'docs/nowhere.md#top'"),
        ("A [missing\nADR](docs/adr/0009-y.md)", "link to a missing file 'docs/adr/0009-y.md'"),
    ],
)
def test_checker_fails_on_a_planted_bad_line(tmp_path: Path, line: str, what: str) -> None:
    root = _repo_with(tmp_path, CLEAN + "\n" + line + "\n")
    planted = CLEAN.count("\n") + 2
    found = problems(root / "README.md", root)
    assert f"README.md:{planted}: {what}" in found, found
    assert all(p.startswith(f"README.md:{planted}: ") for p in found), found


def test_checker_resolves_parent_paths_from_the_doc(tmp_path: Path) -> None:
    root = _repo_with(tmp_path, CLEAN, adr="# ADR\n\nSee [outside](../../../elsewhere.md) and [gone](../gone.md).\n")
    assert problems(root / "docs" / "adr" / "0001-x.md", root) == [
        "docs/adr/0001-x.md:3: link to a missing file '../gone.md'",
        "docs/adr/0001-x.md:3: path outside the repository '../../../elsewhere.md'",
    ]


def test_checker_reads_openapi_descriptions(tmp_path: Path) -> None:
    root = _repo_with(tmp_path, CLEAN)
    spec = root / "docs" / "openapi.yaml"
    spec.write_text(
        "openapi: 3.1.0\ninfo:\n  description: The shared contract is `/work/shared/API.md`.\n"
        "paths:\n  /products/{product_id}:\n    get: {}\n",
        encoding="utf-8",
    )
    assert spec in doc_files(root)
    assert problems(spec, root) == ["docs/openapi.yaml:3: absolute path '/work/shared/API.md'"]

"""The documentation stays in the repository and stays true: every rule id the code names is
described in docs/domain.md and points to code that names it; the README's and the docs' links
resolve inside the repository; the files the docs name exist; nothing points to the design or
domain notes that once lived outside the repository."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOMAIN = ROOT / "docs" / "domain.md"
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
CODE_SUFFIXES = {".py", ".html", ".js"}

RULE = re.compile(r"(?<![\w-])R-[A-Z]+(?:-[A-Z]+)*\b")
LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)\)|!\[[^\]]*\]\(([^)\s]+)\)")
REPO_PATH = re.compile(r"`((?:apps|schema|tests|workflows|project|bench|frontend|docs|locale)/[\w./-]*)`")


def code_files(*folders: str) -> list[Path]:
    return [p for folder in folders for p in sorted((ROOT / folder).rglob("*"))
            if p.suffix in CODE_SUFFIXES and "migrations" not in p.parts and p.is_file()]


def rule_sections() -> dict[str, str]:
    """docs/domain.md's rules: id -> the text of its section (a ``### R-…`` heading)."""
    sections = re.split(r"^### ", DOMAIN.read_text(encoding="utf-8"), flags=re.M)[1:]
    return {m.group(0): text for text in sections if (m := RULE.match(text))}


def slug(heading: str) -> str:
    """The anchor GitHub gives a heading."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def anchors(path: Path) -> set[str]:
    text = re.sub(r"^```.*?^```", "", path.read_text(encoding="utf-8"), flags=re.M | re.S)
    return {slug(h) for h in re.findall(r"^#+ (.+)$", text, flags=re.M)}


def test_every_rule_id_in_the_code_is_described_in_docs_domain():
    used: dict[str, Path] = {}
    for path in code_files("apps", "schema"):
        for rule in RULE.findall(path.read_text(encoding="utf-8")):
            used.setdefault(rule, path)
    assert len(used) >= 10, sorted(used)  # the scan itself works
    described = rule_sections()
    missing = {rule: str(path.relative_to(ROOT)) for rule, path in used.items() if rule not in described}
    assert missing == {}, f"rule ids used in the code without a '### R-…' section in docs/domain.md: {missing}"


def test_each_rule_of_docs_domain_points_to_code_that_names_it():
    for rule, text in rule_sections().items():
        where = [ROOT / p.rstrip("/") for p in REPO_PATH.findall(text)]
        assert where, f"docs/domain.md: {rule} says nowhere where the code enforces it"
        files = [f for p in where for f in ([p] if p.is_file() else code_files(str(p.relative_to(ROOT))))]
        assert any(rule in f.read_text(encoding="utf-8") for f in files), (
            f"docs/domain.md: none of the files {rule} points to names it: {[str(p.relative_to(ROOT)) for p in where]}")


def test_readme_links_to_the_docs_and_every_link_resolves_inside_the_repository():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    targets = {a or b for a, b in LINK.findall(readme)}
    assert {"docs/design.md", "docs/domain.md"} <= targets
    broken = []
    for doc in DOCS:
        for a, b in LINK.findall(doc.read_text(encoding="utf-8")):
            target = a or b
            if re.match(r"[a-z]+:", target):  # https:, mailto:
                continue
            file, _sep, anchor = target.partition("#")
            resolved = (doc.parent / file).resolve() if file else doc
            if not resolved.is_relative_to(ROOT) or not resolved.exists():
                broken.append(f"{doc.name}: {target} (no such file in the repository)")
            elif anchor and resolved.suffix == ".md" and anchor not in anchors(resolved):
                broken.append(f"{doc.name}: {target} (no such heading)")
    assert broken == []


def test_the_files_the_docs_name_exist():
    missing = [f"{doc.name}: {p}" for doc in DOCS if doc.parent.name == "docs"
               for p in REPO_PATH.findall(doc.read_text(encoding="utf-8")) if not (ROOT / p).exists()]
    assert missing == []


def test_nothing_points_to_design_or_domain_notes_outside_the_repository():
    names = ("DESIGN" + ".md", "DOMAIN" + ".md", "SPIFFWORKFLOW" + ".md")  # now docs/design.md, domain.md, spiffworkflow.md
    files = [ROOT / "README.md", ROOT / "requirements.txt", *code_files("apps", "schema", "project", "tests", "bench"),
             *[p for p in (ROOT / "frontend" / "src").rglob("*") if p.suffix in {".ts", ".tsx"}]]
    stale = [f"{p.relative_to(ROOT)}:{n}" for p in files
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
             if any(name in line for name in names)]
    assert stale == [], "point these at docs/design.md, docs/domain.md or docs/spiffworkflow.md"

"""One way to read a record about a child (frontdoor/access/records.py, docs/adr/0016).

These tests make forgetting the restriction impossible rather than merely unlikely:

- every model that reaches a child (a person, or a family contact and so its children) is an
  `AboutAChild`, with paths that really lead to the child, so its rows are concealed whenever
  they are read by someone who may not open the child;
- every `get_*_for` reader that returns such a record opens it through `open_record` (scope,
  restriction and the view log at once);
- views and API handlers never reach such a model except through a module's readers.
"""

from __future__ import annotations

import ast
from collections import deque
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models

from frontdoor.access.records import AboutAChild, child_paths

ROOT = Path(settings.BASE_DIR)
PRODUCT = [
    p
    for p in (ROOT / "frontdoor").rglob("*.py")
    if "/tests/" not in str(p) and "/migrations/" not in str(p)
]

# Models that reach a child but are not concealed, each with its reason.
NOT_CONCEALED = {
    # The restriction itself, its allow-list and its break-glass openings: kept and read by the
    # information governance lead, who may see who a restricted record is (policies.py).
    "access.RestrictedRecord",
    "access.AccessGrant",
    "access.BreakGlass",
    # Who viewed what: read only by the information governance lead (SECURITY.md 11).
    "audit.RecordView",
    # The audit trail: shown only on a record already opened through `open_record` (the
    # child's timeline and chronology, a family contact's, an episode's or a notification's
    # history) and to the information governance lead. The audit kernel sits below access,
    # so it cannot lean on it; views may not read it directly (the test below).
    "audit.Event",
    # The links of the audit chain (hashes and positions, no content): read only by the sealer
    # and `verify_audit` (docs/adr/0023).
    "audit.EventSeal",
    "audit.ViewSeal",
    # Search keys (phonetic codes of names): read only by the matcher, never shown.
    "matching.PersonKey",
    # Synthetic identities for measuring matching accuracy: benchmarks only.
    "synthetic.TrueIdentity",
}
CHILD_MODELS = {"people.Person", "contacts.FamilyContact"}


def _reaches_a_child(model: type[models.Model], depth: int = 5) -> bool:
    seen = {model}
    queue = deque([(model, 0)])
    while queue:
        current, level = queue.popleft()
        if current._meta.label in CHILD_MODELS and current is not model:
            return True
        if level >= depth:
            continue
        for field in current._meta.concrete_fields:
            target = field.related_model if field.is_relation else None
            if target is not None and target not in seen and isinstance(target, type):
                seen.add(target)
                queue.append((target, level + 1))
    return False


def product_models() -> list[type[models.Model]]:
    return [m for m in apps.get_models() if m.__module__.startswith("frontdoor.")]


def test_every_model_that_reaches_a_child_is_about_a_child():
    forgotten = [
        m._meta.label
        for m in product_models()
        if (_reaches_a_child(m) or m._meta.label in CHILD_MODELS)
        and not issubclass(m, AboutAChild)
        and m._meta.label not in NOT_CONCEALED
    ]
    assert forgotten == [], "Make these AboutAChild, or excuse them here with a reason"


def _ends_at_a_child(model: type[models.Model], path: str) -> bool:
    current: type[models.Model] = model
    for part in path.split("__") if path else []:
        field = current._meta.get_field(part)
        assert field.related_model is not None, f"{model._meta.label}: {path} is not a relation"
        current = field.related_model  # type: ignore[assignment]
    return current._meta.label == "people.Person"


@pytest.mark.parametrize(
    "model",
    [m for m in product_models() if issubclass(m, AboutAChild)],
    ids=lambda m: m._meta.label,
)
def test_each_path_to_the_child_leads_to_a_person(model):
    paths = child_paths(model)
    assert paths and all(_ends_at_a_child(model, path) for path in paths)


# --- Readers ------------------------------------------------------------------------------------


def _about_a_child_names() -> set[str]:
    return {m.__name__ for m in product_models() if issubclass(m, AboutAChild)}


def _module(path: Path) -> ast.Module:
    return ast.parse(path.read_text(), filename=str(path))


def _calls(node: ast.AST) -> set[str]:
    names = set()
    for inner in ast.walk(node):
        if isinstance(inner, ast.Call):
            func = inner.func
            if isinstance(func, ast.Name):
                names.add(func.id)
            elif isinstance(func, ast.Attribute):
                names.add(func.attr)
    return names


def _returned(function: ast.FunctionDef) -> str:
    annotation = function.returns
    if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
        return annotation.value
    return ast.unparse(annotation) if annotation is not None else ""


def test_every_reader_of_one_record_about_a_child_opens_it_through_open_record():
    """A `get_*_for` that hands back a record about a child either calls `open_record` or
    hands on to another `get_*_for` that does."""
    children = _about_a_child_names()
    offenders = []
    for path in PRODUCT:
        for node in ast.walk(_module(path)):
            if not isinstance(node, ast.FunctionDef) or not node.name.startswith("get_"):
                continue
            if "_for" not in node.name or _returned(node) not in children:
                continue
            calls = _calls(node)
            if "open_record" in calls or any(c.startswith("get_") and "_for" in c for c in calls):
                continue
            offenders.append(f"{path.relative_to(ROOT)}: {node.name}")
    assert offenders == []


def _is_edge(path: Path) -> bool:
    """Views and API handlers: the modules that answer a request."""
    parts = path.relative_to(ROOT / "frontdoor").parts
    return any(p in ("views", "api") for p in parts[1:-1]) or path.stem.endswith(("views", "api"))


# A view may still name a model about a child for what is not a read of one record: nothing is
# listed here today. Add a line only with its reason.
EDGE_READS_ALLOWED: set[str] = set()


def test_views_and_api_reach_records_about_a_child_only_through_readers():
    children = _about_a_child_names() | {"Event", "RecordView"}
    offenders = []
    for path in PRODUCT:
        if not _is_edge(path):
            continue
        rel = str(path.relative_to(ROOT))
        for node in ast.walk(_module(path)):
            if isinstance(node, ast.Attribute) and node.attr in (
                "objects",
                "_default_manager",
                "_base_manager",
            ):
                owner = node.value
                if isinstance(owner, ast.Name) and owner.id in children:
                    where = f"{rel}:{node.lineno}: {owner.id}.{node.attr}"
                    if where.split(":")[0] + f":{owner.id}" not in EDGE_READS_ALLOWED:
                        offenders.append(where)
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("get_object_or_404", "get_list_or_404")
            ):
                offenders.append(f"{rel}:{node.lineno}: {node.func.id}")
    assert offenders == [], "Read these through the app's queries (visible_*, get_*_for)"

"""The figures kernel sits below the domain apps (../shared/STYLE.md, "The kernel"; docs/adr/0021):
it imports nothing from them, only the standard library, Django and the kernel's UK time
(`timescales`). Apps import it; it never names an app. And there is one of each thing it holds."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
KERNEL = ROOT / "frontdoor" / "figures"
ALLOWED = ("frontdoor.figures", "frontdoor.timescales")


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text())
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.append(node.module)
    return found


def _product(root: Path) -> list[Path]:
    return [p for p in root.rglob("*.py") if "/tests/" not in str(p)]


def test_the_figures_kernel_imports_no_domain_app():
    offenders = [
        f"{path.relative_to(ROOT)}: {module}"
        for path in _product(KERNEL)
        for module in _imports(path)
        if module.startswith("frontdoor") and not module.startswith(ALLOWED)
    ]
    assert offenders == []


def test_there_is_one_month_one_chart_renderer_one_percentage_and_one_spike_rule():
    # A second copy is how two pages came to flag different months as spikes (issue 14).
    patterns = {
        "a Month class": r"^class Month\b",
        "an SVG chart module": r"<svg",
        "a percentage helper": r"^def _?percent\w*\(|def percent\(",
        "a spike rule": r"^def (is_)?spikes?\(",
    }
    outside = [p for p in _product(ROOT / "frontdoor") if KERNEL not in p.parents]
    copies = {
        what: [
            str(p.relative_to(ROOT))
            for p in outside
            if re.search(pattern, p.read_text(), re.MULTILINE)
        ]
        for what, pattern in patterns.items()
    }
    assert copies == {what: [] for what in patterns}

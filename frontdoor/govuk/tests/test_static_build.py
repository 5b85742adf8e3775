"""The committed static build: present, pinned, and free of the crown and GDS Transport.

Rebuild with frontend/build.sh (docs/how-to/rebuild-static.md); these tests need no npm.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
STATIC = ROOT / "static" / "frontdoor"
FRONTEND = ROOT / "frontend"


@pytest.fixture(scope="module")
def css() -> str:
    return (STATIC / "frontdoor.css").read_text()


def test_the_build_outputs_exist():
    for name in (
        "frontdoor.css",
        "govuk-frontend.min.js",
        "init.js",
        "js-enabled.js",
        "images/favicon.svg",
        "images/favicon.ico",
    ):
        assert (STATIC / name).is_file(), name
    assert (ROOT / "tests" / "browser" / "vendor" / "axe.min.js").is_file()


def test_css_uses_arial_and_no_gds_transport(css):
    assert "GDS Transport" not in css
    assert "@font-face" not in css
    assert "font-family:arial,sans-serif" in css


def test_every_image_the_css_uses_is_shipped_and_none_is_a_crown_or_logo(css):
    urls = set(re.findall(r"url\(([^)]+)\)", css))
    assert urls, "expected the MOJ filter icons at least"
    for url in urls:
        url = url.strip("\"'")
        assert not re.search(r"crest|crown|logo", url, re.I), url
        assert (STATIC / url).is_file(), f"{url} is referred to by the CSS but not shipped"


def test_no_crown_or_govuk_logo_images_are_shipped():
    names = [p.name for p in (STATIC / "images").iterdir()]
    assert not [n for n in names if re.search(r"crest|crown|govuk-logo|govuk-icon|opengraph", n)]


def test_init_imports_the_shipped_es_module_bundle():
    init = (STATIC / "init.js").read_text()
    assert "from './govuk-frontend.min.js'" in init
    assert "initAll()" in init
    bundle = (STATIC / "govuk-frontend.min.js").read_text()
    assert 'version="6.' in bundle
    assert "initAll" in bundle
    assert "export{" in bundle
    # No source map is shipped, so no comment may point at one (collectstatic would fail).
    assert "sourceMappingURL" not in bundle


def test_package_versions_are_pinned_exactly():
    package = json.loads((FRONTEND / "package.json").read_text())
    deps = package["dependencies"]
    assert deps["govuk-frontend"].startswith("6.")
    assert {"govuk-frontend", "sass", "axe-core"} <= set(deps)
    assert all(re.fullmatch(r"\d+\.\d+\.\d+", v) for v in deps.values()), deps
    lock = json.loads((FRONTEND / "package-lock.json").read_text())
    for name, version in deps.items():
        assert lock["packages"][f"node_modules/{name}"]["version"] == version

"""A tiny HTML reader for the markup tests: find elements by tag, class and attributes."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

_VOID = {"input", "br", "hr", "img", "meta", "link"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    nodes: list[str | Element] = field(default_factory=list)

    @property
    def children(self) -> list[Element]:
        return [node for node in self.nodes if isinstance(node, Element)]

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def find_all(
        self, tag: str | None = None, cls: str | None = None, **attrs: str
    ) -> list[Element]:
        found = []
        for child in self.children:
            if _matches(child, tag, cls, attrs):
                found.append(child)
            found.extend(child.find_all(tag, cls, **attrs))
        return found

    def find(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> Element:
        found = self.find_all(tag, cls, **attrs)
        assert len(found) == 1, f"expected one <{tag} class={cls} {attrs}>, found {len(found)}"
        return found[0]

    def text_content(self) -> str:
        parts = [n if isinstance(n, str) else n.text_content() for n in self.nodes]
        return " ".join(" ".join(parts).split())


def _matches(el: Element, tag: str | None, cls: str | None, attrs: dict[str, str]) -> bool:
    if tag and el.tag != tag:
        return False
    if cls and cls not in el.classes:
        return False
    return all(el.attrs.get(k.replace("_", "-")) == v for k, v in attrs.items())


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        el = Element(tag, {k: (v if v is not None else "") for k, v in attrs})
        self.stack[-1].nodes.append(el)
        if tag not in _VOID:
            self.stack.append(el)

    def handle_endtag(self, tag):  # type: ignore[no-untyped-def]
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):  # type: ignore[no-untyped-def]
        self.stack[-1].nodes.append(data)


def parse(html: str) -> Element:
    parser = _Parser()
    parser.feed(str(html))
    return parser.root

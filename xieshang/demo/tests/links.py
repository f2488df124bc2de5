"""Follow the links of the signed-in pages as one user would, and collect those that fail.

Used on the loaded demo: every page a role reaches from its home page must open (no 404 from a
link, no 500). Paths that differ only in their numbers count as one page kind, visited at most
`per_kind` times, so a role's walk stays short.
"""

from __future__ import annotations

import re
from collections import Counter, deque
from html.parser import HTMLParser

from django.test import Client

# Links the walk does not follow: leaving the session, and downloads the pages only offer.
SKIP = re.compile(r"^/(accounts/logout|admin/|static/|media/)|/(xlsx|docx|export|csv)/?(\?|$)")


class _Anchors(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        if tag == "a":
            self.hrefs.extend(value for name, value in attrs if name == "href" and value)


def _kind(path: str) -> str:
    return re.sub(r"\d+", "N", path.split("?")[0])


def dead_links(user, *, start: str = "/", per_kind: int = 2, limit: int = 60) -> list[tuple]:
    """Return (status, path, linked from) for every followed link that did not answer 200."""
    client = Client()
    client.force_login(user)
    queue, seen, kinds, referrer = deque([start]), set(), Counter(), {start: None}
    failed, visited = [], 0
    while queue and visited < limit:
        path = queue.popleft()
        if path in seen or kinds[_kind(path)] >= per_kind:
            continue
        seen.add(path)
        kinds[_kind(path)] += 1
        visited += 1
        response = client.get(path, follow=True)
        if response.status_code != 200:
            failed.append((response.status_code, path, referrer.get(path)))
            continue
        if "html" not in response.get("Content-Type", ""):
            continue
        anchors = _Anchors()
        anchors.feed(response.content.decode())
        for href in anchors.hrefs:
            href = href.split("#")[0]
            if href.startswith("/") and not href.startswith("//") and not SKIP.search(href):
                referrer.setdefault(href, path)
                queue.append(href)
    return failed

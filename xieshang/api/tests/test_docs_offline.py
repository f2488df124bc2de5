"""The API's documentation page works on an intranet: every script, style and icon it loads is
served by Xieshang itself, none by a CDN."""

import re
from pathlib import Path

import pytest

import xieshang

ASSET = re.compile(r"""<(?:script|link)\b[^>]*?\b(?:src|href)=["']([^"']+)["']""", re.I)


@pytest.mark.django_db
def test_docs_page_loads_only_local_assets(client):
    page = client.get("/api/v1/docs")
    assert page.status_code == 200
    assets = ASSET.findall(page.content.decode())
    assert any(a.endswith("swagger-ui-bundle.js") for a in assets), assets
    for url in assets:
        assert url.startswith("/static/"), f"文档页引用了外部资源：{url}"
        served = client.get(url)
        assert served.status_code == 200, url


def test_no_template_loads_an_outside_asset():
    outside = []
    for path in Path(xieshang.__file__).parent.rglob("templates/**/*.html"):
        outside += [f"{path.name}: {url}" for url in ASSET.findall(path.read_text("utf-8"))
                    if re.match(r"(https?:)?//", url)]
    assert outside == []

"""OpenAPI names a component after its schema class, so every class needs a name of its own."""

from collections import defaultdict

from ninja import Schema

from xieshang.api.root import api


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def test_every_schema_class_has_its_own_name():
    api.get_openapi_schema()  # imports every router
    modules = defaultdict(set)
    for cls in _subclasses(Schema):
        if cls.__module__.startswith("xieshang."):
            modules[cls.__name__].add(cls.__module__)
    assert {name: sorted(m) for name, m in modules.items() if len(m) > 1} == {}


def test_each_body_is_documented_with_its_own_fields():
    doc = api.get_openapi_schema()
    body = doc["paths"]["/api/v1/publishing/replies/{reply_id}/decide"]["post"]["requestBody"]
    ref = body["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
    assert ref == "PublicationDecideIn"
    events = doc["paths"]["/api/v1/handling/cases/{case_id}/events"]["get"]["responses"][200]
    item = events["content"]["application/json"]["schema"]["items"]["$ref"].rsplit("/", 1)[-1]
    assert "assignment_id" in doc["components"]["schemas"][item]["properties"]

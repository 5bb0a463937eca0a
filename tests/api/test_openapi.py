"""The OpenAPI document describes each operation with its own schemas and documents its errors.

Two schemas with one name used to overwrite each other in the document's components, so six
operations were described with another endpoint's schema."""

import enum
import json
import typing
from collections import defaultdict

import pydantic
import pytest

from samspill.api.api import api

pytestmark = pytest.mark.django_db


# The models ninja wraps an operation's parameters and response in: flattened, never components.
NINJA_WRAPPERS = {"NinjaResponseSchema", "PathParams", "QueryParams", "BodyParams", "HeaderParams"}


def openapi() -> dict:
    """The document as clients read it (JSON: statuses are strings)."""
    return json.loads(json.dumps(api.get_openapi_schema(), default=str))


def _named_types(annotation, found: set) -> None:
    """Every model and enum an annotation refers to, however deeply nested."""
    if isinstance(annotation, type) and issubclass(annotation, pydantic.BaseModel):
        if annotation in found:
            return
        found.add(annotation)
        for field in annotation.model_fields.values():
            _named_types(field.annotation, found)
    elif isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        found.add(annotation)
    for argument in typing.get_args(annotation):
        _named_types(argument, found)


def _operations():
    for _prefix, router in api._routers:
        for path_view in router.path_operations.values():
            yield from path_view.operations


def _schemas_by_name() -> dict[str, set[str]]:
    found: set = set()
    for operation in _operations():
        for model in operation.response_models.values():
            _named_types(model, found)
        for model in operation.models:
            _named_types(model, found)
    by_name = defaultdict(set)
    for kind in found:
        if issubclass(kind, pydantic.BaseModel):
            if kind.__name__ in NINJA_WRAPPERS:
                continue
            shape = kind.model_json_schema()
        else:
            shape = sorted(str(member.value) for member in kind)
        by_name[kind.__name__].add(json.dumps(shape, sort_keys=True, default=str))
    return by_name


def test_no_two_distinct_schemas_of_the_api_share_a_name():
    by_name = _schemas_by_name()
    assert {"ErrorOut", "EventDetailOut", "PagedIdeaOut"} <= set(by_name)  # the walk reaches them
    shared = sorted(name for name, shapes in by_name.items() if len(shapes) > 1)
    assert shared == []


def _reached(node, components: dict, seen: set) -> set:
    """The names of the components a part of the document refers to, directly or not."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if ref:
            name = ref.rsplit("/", 1)[-1]
            if name not in seen:
                seen.add(name)
                _reached(components[name], components, seen)
        for value in node.values():
            _reached(value, components, seen)
    elif isinstance(node, list):
        for value in node:
            _reached(value, components, seen)
    return seen


@pytest.mark.parametrize(
    ("path", "method", "status", "component", "field"),
    [
        ("/api/v1/organisations", "get", "200", "MunicipalityOut", "region"),
        ("/api/v1/projects", "get", "200", "ProjectMunicipalityOut", "key"),
        ("/api/v1/actors/{slug}", "get", "200", "ActorLinkOut", "label"),
        ("/api/v1/events/{event_id}", "get", "200", "EventQuestionOut", "choices"),
        ("/api/v1/articles/{article_id}", "get", "200", "ArticleSectionOut", "anchor"),
        ("/api/v1/surveys/{slug}", "get", "200", "SurveySectionOut", "questions"),
    ],
)
def test_an_operation_refers_to_its_own_schema(path, method, status, component, field):
    document = openapi()
    components = document["components"]["schemas"]
    assert field in components[component]["properties"]
    response = document["paths"][path][method]["responses"][status]
    assert component in _reached(response, components, set())


def test_every_operation_documents_its_errors_with_the_error_shape():
    document = openapi()
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            parameters = operation.get("parameters", [])
            has_input = any(p["in"] == "query" for p in parameters) or "requestBody" in operation
            typed_path = any(
                p["in"] == "path" and p["schema"].get("type") != "string" for p in parameters
            )
            if has_input or typed_path:
                assert "422" in responses, f"{method} {path}: 422 not documented"
            if "requestBody" in operation:
                assert "400" in responses, f"{method} {path}: 400 (no JSON) not documented"
            if any(p["in"] == "path" for p in parameters):
                assert "404" in responses, f"{method} {path}: 404 not documented"
            for status, response in responses.items():
                if int(status) >= 400:
                    schema = response["content"]["application/json"]["schema"]
                    assert schema == {"$ref": "#/components/schemas/ErrorOut"}, (method, path)

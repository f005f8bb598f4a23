"""Every JSON route declares its response model, so that /docs shows what each answer holds."""

from __future__ import annotations

from typing import Any

UNTYPED = ({}, {"type": "object"}, {"type": "object", "additionalProperties": True})


def _resolve(spec: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    ref = schema.get("$ref")
    if ref:
        return spec["components"]["schemas"][ref.rsplit("/", 1)[-1]]
    return schema


def _named_fields(spec: dict[str, Any], schema: dict[str, Any]) -> bool:
    """Whether the schema (or, for a list, its items) names the fields of the answer."""
    schema = _resolve(spec, schema)
    if schema.get("type") == "array":
        return _named_fields(spec, schema.get("items", {}))
    return bool(schema.get("properties"))


def test_every_json_route_declares_a_response_model_with_named_fields(client):
    spec = client.get("/openapi.json").json()
    untyped, checked = [], 0
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            for code, response in operation.get("responses", {}).items():
                json_body = response.get("content", {}).get("application/json")
                if not code.startswith("2") or json_body is None:
                    continue
                checked += 1
                schema = {k: v for k, v in json_body.get("schema", {}).items() if k != "title"}
                if schema in UNTYPED or not _named_fields(spec, schema):
                    untyped.append(f"{method.upper()} {path}")
    assert checked >= 40, f"only {checked} JSON answers found: the walk is wrong"
    assert untyped == [], f"JSON routes without a response model: {untyped}"


def test_the_docs_show_the_claim_fields(client):
    spec = client.get("/openapi.json").json()
    page = spec["paths"]["/api/sellers/{seller_id}/claims"]["get"]["responses"]["200"]["content"]
    claim = spec["components"]["schemas"]["Claim"]
    assert page["application/json"]["schema"]["$ref"].endswith("/ClaimPage")
    assert {"id", "type", "status", "amount", "window_closes"} <= set(claim["properties"])
    claim_type = _resolve(spec, claim["properties"]["type"])
    assert "warehouse_lost" in claim_type["enum"] and "removal_shipment_short" in claim_type["enum"]

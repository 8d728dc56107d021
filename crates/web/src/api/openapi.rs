//! `GET /api/v1/openapi.json`: the OpenAPI 3.1 description of `/api/v1`.
//! Written next to the routes it describes; a test checks that it lists
//! every API route of the route table and nothing else.

use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};

fn problem() -> Value {
    json!({ "description": "A problem (RFC 9457) in the reader's language",
            "content": { "application/problem+json": { "schema": { "$ref": "#/components/schemas/Problem" } } } })
}

fn ok(schema: Value) -> Value {
    json!({ "description": "OK", "content": { "application/json": { "schema": schema } } })
}

/// The document.
pub fn document() -> Value {
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "Adaldyq API",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Appeals, the working-day calendar and open data of an Adaldyq installation. \
                            Errors are application/problem+json in the language of Accept-Language (kk, ru, en)."
        },
        "paths": {
            "/api/v1/territories": { "get": {
                "summary": "The territory tree with KATO codes (open data)",
                "responses": { "200": ok(json!({ "type": "object", "properties": { "territories": { "type": "array", "items": { "$ref": "#/components/schemas/Territory" } } } })) }
            }},
            "/api/v1/institutions": { "get": {
                "summary": "The registry of institutions, whole or under a territory",
                "parameters": [{ "name": "territory", "in": "query", "required": false, "schema": { "type": "string", "pattern": "^[0-9]{9}$" } }],
                "responses": { "200": ok(json!({ "type": "object", "properties": { "institutions": { "type": "array", "items": { "$ref": "#/components/schemas/Institution" } } } })) }
            }},
            "/api/v1/calendar/due": { "get": {
                "summary": "Registration and due dates of an appeal received at a given time (Asia/Qyzylorda)",
                "parameters": [
                    { "name": "registered", "in": "query", "required": true, "schema": { "type": "string", "examples": ["2026-03-18T10:00"] } },
                    { "name": "days", "in": "query", "required": false, "schema": { "type": "integer", "minimum": 1, "maximum": 366, "default": 15 } }
                ],
                "responses": {
                    "200": ok(json!({ "type": "object", "required": ["registered_on", "due_on", "skipped"], "properties": {
                        "registered_on": { "type": "string", "format": "date" },
                        "due_on": { "type": "string", "format": "date" },
                        "working_days": { "type": "integer" },
                        "skipped": { "type": "array", "items": { "type": "object", "properties": { "date": { "type": "string", "format": "date" }, "reason": { "type": "string" }, "by_rules": { "type": "boolean" } } } },
                        "by_rules": { "type": "array", "description": "Years of the term whose decree is not entered: counted by the rules (holidays, carry-overs, 7 January; no Kurban Ait, no transfers)", "items": { "type": "integer" } }
                    } })),
                    "400": problem()
                }
            }},
            "/api/v1/appeals": { "post": {
                "summary": "File an appeal, named or anonymous",
                "requestBody": { "required": true, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/NewAppeal" } } } },
                "responses": {
                    "201": { "description": "Registered; the secret is shown only here", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Receipt" } } } },
                    "422": problem(),
                    "429": problem()
                }
            }},
            "/api/v1/appeals/{number}": { "get": {
                "summary": "Follow an appeal with its receipt: header `Authorization: Receipt <secret>`",
                "parameters": [
                    { "name": "number", "in": "path", "required": true, "schema": { "type": "string", "examples": ["43-2026-000123"] } },
                    { "name": "Authorization", "in": "header", "required": true, "schema": { "type": "string", "examples": ["Receipt ABCD-EFGH-…"] } }
                ],
                "responses": { "200": ok(json!({ "$ref": "#/components/schemas/AppealStatus" })), "404": problem(), "429": problem() }
            }},
            "/api/v1/me": { "get": {
                "summary": "The signed-in user and their grants",
                "responses": { "200": ok(json!({ "type": "object" })), "401": problem() }
            }},
            "/api/v1/admin/territories": { "post": {
                "summary": "Load or update territories from a KATO CSV (administrators); nothing changes if a line is bad",
                "requestBody": { "required": true, "content": { "text/csv": { "schema": { "type": "string" } } } },
                "responses": {
                    "200": ok(json!({ "type": "object", "properties": { "added": { "type": "integer" }, "updated": { "type": "integer" } } })),
                    "401": problem(), "403": problem(), "422": problem()
                }
            }},
            "/api/v1/staff/appeals": { "get": {
                "summary": "The inbox of the caller's scope, newest first (session or API token)",
                "security": [{ "bearer": [] }, { "session": [] }],
                "parameters": [
                    { "name": "status", "in": "query", "required": false, "schema": { "type": "string" } },
                    { "name": "q", "in": "query", "required": false, "schema": { "type": "string" }, "description": "full-text search (Kazakh, Russian, English; word forms match)" },
                    { "name": "kind", "in": "query", "required": false, "schema": { "type": "string" } },
                    { "name": "language", "in": "query", "required": false, "schema": { "enum": ["kk", "ru", "en"] } },
                    { "name": "territory", "in": "query", "required": false, "schema": { "type": "string" }, "description": "a KATO code: its subtree only" },
                    { "name": "before", "in": "query", "required": false, "schema": { "type": "integer" }, "description": "keyset: next_before of the previous page" },
                    { "name": "limit", "in": "query", "required": false, "schema": { "type": "integer", "minimum": 1, "maximum": 200 } }
                ],
                "responses": { "200": ok(json!({ "type": "object", "properties": { "appeals": { "type": "array" }, "next_before": { "type": ["integer", "null"] } } })), "401": problem(), "403": problem() }
            }},
            "/api/v1/staff/appeals/{number}/{action}": { "post": {
                "summary": "A staff action on an appeal: answer {text}, clarify {question}, extend {due, reason} (heads), forward {institution, reason}, assign {officer} (heads), note {text}",
                "security": [{ "bearer": [] }, { "session": [] }],
                "parameters": [
                    { "name": "number", "in": "path", "required": true, "schema": { "type": "string" } },
                    { "name": "action", "in": "path", "required": true, "schema": { "enum": ["answer", "clarify", "extend", "forward", "assign", "note"] } }
                ],
                "requestBody": { "required": true, "content": { "application/json": { "schema": { "type": "object", "additionalProperties": false, "properties": {
                    "text": { "type": "string" }, "question": { "type": "string" }, "due": { "type": "string", "format": "date" },
                    "reason": { "type": "string" }, "institution": { "type": "integer" }, "officer": { "type": "integer" }
                } } } } },
                "responses": { "200": ok(json!({ "type": "object" })), "401": problem(), "403": problem(), "404": problem(), "409": problem(), "422": problem() }
            }},
            "/api/v1/openapi.json": { "get": {
                "summary": "This document",
                "responses": { "200": ok(json!({ "type": "object" })) }
            }},
            "/api/v1/log/checkpoint": { "get": {
                "summary": "The latest signed checkpoint of the transparency log (C2SP tlog-checkpoint in a signed note), with the witnesses' cosignature lines",
                "responses": {
                    "200": { "description": "A signed note", "content": { "text/plain": { "schema": { "type": "string" } } } },
                    "404": problem()
                }
            }},
            "/api/v1/log/key": { "get": {
                "summary": "The log's public key in the C2SP verifier-key form <name>+<hex key id>+<base64(0x01 ‖ key)>",
                "responses": { "200": { "description": "One line", "content": { "text/plain": { "schema": { "type": "string" } } } } }
            }},
            "/api/v1/log/leaves": { "get": {
                "summary": "Leaves start ≤ index < end (at most 1000), with the exact bytes hashed as each leaf; immutable, cacheable",
                "parameters": [
                    { "name": "start", "in": "query", "required": true, "schema": { "type": "integer", "minimum": 0 } },
                    { "name": "end", "in": "query", "required": true, "schema": { "type": "integer", "minimum": 1 } }
                ],
                "responses": {
                    "200": ok(json!({ "type": "object", "required": ["leaves"], "properties": { "leaves": { "type": "array", "items": { "type": "object", "required": ["index", "data"], "properties": {
                        "index": { "type": "integer" },
                        "data": { "type": "string", "contentEncoding": "base64" },
                        "hash": { "type": "string", "contentEncoding": "base64" }
                    } } } } })),
                    "400": problem()
                }
            }},
            "/api/v1/log/inclusion": { "get": {
                "summary": "The RFC 9162 inclusion proof of leaf `index` in the tree of `size` leaves",
                "parameters": [
                    { "name": "index", "in": "query", "required": true, "schema": { "type": "integer", "minimum": 0 } },
                    { "name": "size", "in": "query", "required": true, "schema": { "type": "integer", "minimum": 1 } }
                ],
                "responses": {
                    "200": ok(json!({ "$ref": "#/components/schemas/InclusionProof" })),
                    "400": problem()
                }
            }},
            "/api/v1/log/consistency": { "get": {
                "summary": "The RFC 9162 consistency proof between the trees of `from` and `to` leaves",
                "parameters": [
                    { "name": "from", "in": "query", "required": true, "schema": { "type": "integer", "minimum": 1 } },
                    { "name": "to", "in": "query", "required": true, "schema": { "type": "integer", "minimum": 1 } }
                ],
                "responses": {
                    "200": ok(json!({ "type": "object", "required": ["from", "to", "hashes"], "properties": {
                        "from": { "type": "integer" }, "to": { "type": "integer" },
                        "hashes": { "type": "array", "items": { "type": "string", "contentEncoding": "base64" } }
                    } })),
                    "400": problem()
                }
            }},
            "/api/v1/log/cosignatures": { "post": {
                "summary": "A witness the operator trusts hands in its cosignature (C2SP cosignature/v1 signature line) of a stored checkpoint",
                "requestBody": { "required": true, "content": { "application/json": { "schema": { "type": "object", "required": ["size", "signature"], "properties": {
                    "size": { "type": "integer" },
                    "signature": { "type": "string", "description": "— <witness name> <base64(key id ‖ timestamp ‖ signature)>" }
                } } } } },
                "responses": {
                    "204": { "description": "Stored" },
                    "400": problem(),
                    "403": problem()
                }
            }}
        },
        "components": {
          "securitySchemes": {
            "bearer": { "type": "http", "scheme": "bearer", "description": "An API token an administrator issued" },
            "session": { "type": "apiKey", "in": "cookie", "name": "adaldyq_session" }
          },
          "schemas": {
            "InclusionProof": { "type": "object", "required": ["index", "size", "hashes"], "properties": {
                "index": { "type": "integer" }, "size": { "type": "integer" },
                "hashes": { "type": "array", "items": { "type": "string", "contentEncoding": "base64" } }
            }},
            "LogProof": { "type": "object", "description": "The appeal's \"filed\" entry in the transparency log; `pending` until the next checkpoint (about a second)", "required": ["appeal", "leaf_index"], "properties": {
                "appeal": { "type": "string" },
                "leaf_index": { "type": "integer" },
                "pending": { "type": "boolean" },
                "leaf": { "type": "string", "contentEncoding": "base64" },
                "size": { "type": "integer" },
                "checkpoint": { "type": "string", "description": "The signed note of the checkpoint the proof is for" },
                "inclusion": { "type": "array", "items": { "type": "string", "contentEncoding": "base64" } },
                "log_key": { "type": "string" }
            }},
            "Problem": { "type": "object", "properties": {
                "type": { "type": "string" }, "title": { "type": "string" }, "status": { "type": "integer" }, "detail": { "type": "string" },
                "errors": { "type": "array", "items": { "type": "object", "properties": { "field": { "type": "string" }, "problem": { "type": "string" }, "message": { "type": "string" } } } }
            }},
            "Territory": { "type": "object", "properties": {
                "code": { "type": "string" }, "parent": { "type": ["string", "null"] }, "level": { "type": "integer" }, "kind": { "type": "string" },
                "name_kk": { "type": "string" }, "name_ru": { "type": "string" }, "routable": { "type": "boolean" }
            }},
            "Institution": { "type": "object", "properties": {
                "id": { "type": "integer" }, "territory_code": { "type": "string" }, "name_kk": { "type": "string" },
                "name_ru": { "type": "string" }, "name_en": { "type": "string" }, "is_demo": { "type": "boolean" }
            }},
            "NewAppeal": { "type": "object", "required": ["kind", "territory", "subject", "text", "language", "anonymous"], "additionalProperties": false, "properties": {
                "kind": { "enum": ["complaint", "corruption_report", "proposal", "information_request", "service_quality"] },
                "category": { "type": ["integer", "null"] },
                "territory": { "type": "string", "description": "KATO code" },
                "institution": { "type": ["integer", "null"] },
                "subject": { "type": "string", "maxLength": 200 },
                "text": { "type": "string", "maxLength": 20000 },
                "language": { "enum": ["kk", "ru", "en"] },
                "anonymous": { "type": "boolean" },
                "contact": { "type": ["object", "null"], "description": "Named appeals only", "properties": {
                    "name": { "type": "string" }, "email": { "type": "string" }, "phone": { "type": "string" }, "iin": { "type": "string", "pattern": "^[0-9]{12}$" }
                }}
            }},
            "Receipt": { "type": "object", "required": ["number", "secret", "registered_on", "due_on", "status"], "properties": {
                "number": { "type": "string" }, "secret": { "type": "string" },
                "registered_on": { "type": "string", "format": "date" }, "due_on": { "type": "string", "format": "date" },
                "status": { "type": "string" }
            }},
            "AppealStatus": { "type": "object", "properties": {
                "number": { "type": "string" }, "kind": { "type": "string" }, "status": { "type": "string" }, "language": { "type": "string" },
                "subject": { "type": "string" }, "registered_on": { "type": "string" }, "due_on": { "type": "string" },
                "due_explanation": { "type": "string" }, "skipped": { "type": "array" }, "events": { "type": "array" }, "log": { "$ref": "#/components/schemas/LogProof" }
            }}
        }}
    })
}

pub async fn serve() -> Response {
    let mut r = axum::Json(document()).into_response();
    r.headers_mut().insert(header::CACHE_CONTROL, "public, max-age=300".parse().expect("static"));
    r
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    #[test]
    fn the_document_lists_exactly_the_api_routes() {
        let doc = super::document();
        let documented: BTreeSet<(String, String)> = doc["paths"]
            .as_object()
            .unwrap()
            .iter()
            .flat_map(|(path, ops)| ops.as_object().unwrap().keys().map(move |m| (m.to_uppercase(), path.clone())))
            .collect();
        let routed: BTreeSet<(String, String)> = crate::routes::routes()
            .iter()
            .filter(|r| r.is_api())
            .map(|r| (r.method.to_string(), r.path.to_owned()))
            .collect();
        assert_eq!(documented, routed, "the OpenAPI document and the route table differ");
        assert_eq!(doc["openapi"], "3.1.0");
    }
}

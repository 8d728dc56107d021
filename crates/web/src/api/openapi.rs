//! `GET /api/v1/openapi.json`: the OpenAPI 3.1 description of `/api/v1`.
//! Written next to the routes it describes; a test checks that it lists
//! every API route of the route table and nothing else.

use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};

/// Text without control characters, as every path segment and query value
/// must be (tab and line feed allowed, a carriage return only before a
/// line feed): anything else is refused with 422 before a handler runs.
pub const PLAIN_TEXT: &str = r"^(?:[^\u0000-\u0008\u000B-\u001F\u007F-\u009F]|\r\n)*$";

/// The largest whole number the API takes: the store keeps SQL integers.
const MAX_INT: i64 = i64::MAX;

fn problem(description: &str) -> Value {
    json!({ "description": format!("{description} (a problem, RFC 9457, in the reader's language)"),
            "content": { "application/problem+json": { "schema": { "$ref": "#/components/schemas/Problem" } } } })
}

fn ok(schema: Value) -> Value {
    json!({ "description": "OK", "content": { "application/json": { "schema": schema } } })
}

/// A string parameter: no control characters, whatever else it says.
fn text(name: &str, place: &str, required: bool, description: &str) -> Value {
    json!({ "name": name, "in": place, "required": required, "description": description,
            "schema": { "type": "string", "pattern": PLAIN_TEXT } })
}

fn choice(name: &str, description: &str, values: &[&str]) -> Value {
    json!({ "name": name, "in": "query", "required": false, "description": description,
            "schema": { "enum": values } })
}

fn integer(name: &str, required: bool, minimum: i64, maximum: i64, description: &str) -> Value {
    json!({ "name": name, "in": "query", "required": required, "description": description,
            "schema": { "type": "integer", "minimum": minimum, "maximum": maximum } })
}

/// Every operation's responses: `own` and the refusals any request may meet.
/// The 422 is there for all: a query parameter, documented or not, holding
/// a control character is refused with one (`crate::middleware::text`).
fn responses(own: Value, query: bool) -> Value {
    let mut all = own.as_object().cloned().unwrap_or_default();
    all.entry("422").or_insert_with(|| problem("A parameter or field breaks its rule; `errors` names it"));
    if query {
        all.insert(
            "400".into(),
            problem("The query cannot be read: a parameter given twice, or a value not of its type"),
        );
    }
    Value::Object(all)
}

/// The document.
pub fn document() -> Value {
    use crate::api::staff::names;
    use adaldyq_domain::appeal::{AppealKind, AppealLanguage, Status};
    let kinds = names(AppealKind::ALL, AppealKind::as_str);
    let languages = names(AppealLanguage::ALL, AppealLanguage::as_str);
    let statuses = names(Status::ALL, Status::as_str);
    let staff = json!([{ "bearer": [] }, { "session": [] }]);
    let kato = json!({ "type": "string", "pattern": "^[0-9]{9}$" });
    let id = json!({ "type": "integer", "minimum": 1, "maximum": MAX_INT });
    let mut paths = serde_json::Map::new();
    paths.insert("/api/v1/territories".into(), json!({ "get": {
                "summary": "The territory tree with KATO codes (open data)",
                "responses": responses(json!({ "200": ok(json!({ "type": "object", "required": ["territories"], "properties": { "territories": { "type": "array", "items": { "$ref": "#/components/schemas/Territory" } } } })) }), false)
            }}));
    paths.insert("/api/v1/institutions".into(), json!({ "get": {
                "summary": "The registry of institutions, whole or under a territory",
                "parameters": [{ "name": "territory", "in": "query", "required": false, "description": "a KATO code: that territory and those under it", "schema": kato }],
                "responses": responses(json!({ "200": ok(json!({ "type": "object", "required": ["institutions"], "properties": { "institutions": { "type": "array", "items": { "$ref": "#/components/schemas/Institution" } } } })) }), true)
            }}));
    paths.insert("/api/v1/calendar/due".into(), json!({ "get": {
                "summary": "Registration and due dates of an appeal received at a given time (Asia/Qyzylorda)",
                "parameters": [
                    { "name": "registered", "in": "query", "required": true,
                      "description": "when the appeal was received: a date of 2000–2099, with or without the time",
                      "schema": { "type": "string", "pattern": crate::api::calendar::REGISTERED_PATTERN, "examples": ["2026-03-18T10:00", "2026-03-18"] } },
                    integer("days", false, 1, 366, "working days of the term (15 when not given)")
                ],
                "responses": responses(json!({
                    "200": ok(json!({ "type": "object", "required": ["registered_on", "due_on", "working_days", "skipped"], "properties": {
                        "registered_on": { "type": "string", "format": "date" },
                        "due_on": { "type": "string", "format": "date" },
                        "working_days": { "type": "integer" },
                        "skipped": { "type": "array", "items": { "type": "object", "required": ["date", "reason"], "properties": { "date": { "type": "string", "format": "date" }, "reason": { "type": "string" }, "by_rules": { "type": "boolean" } } } },
                        "by_rules": { "type": "array", "description": "Years of the term whose decree is not entered: counted by the rules (holidays, carry-overs, 7 January; no Kurban Ait, no transfers)", "items": { "type": "integer" } }
                    } })),
                    "400": problem("`registered` or `days` is missing or not of its form")
                }), true)
            }}));
    paths.insert("/api/v1/receptions".into(), json!({ "get": {
                "summary": "Public receptions, soonest first (open data)",
                "description": "`from` and `to` are local days in Asia/Qyzylorda, both included; without `from` the list starts today, without `to` it runs on (at most 1000 receptions). \
                                `to` before `from` is refused with 422 naming `to`. Times are RFC 3339 with the local offset (`+05:00`); titles and names are in the language \
                                of Accept-Language (Kazakh when none is asked for). `status` is `open` for a planned reception one can book now.",
                "parameters": [
                    { "name": "territory", "in": "query", "required": false, "description": "a KATO code: receptions in that territory and those under it", "schema": kato },
                    { "name": "from", "in": "query", "required": false, "description": "the first local day, YYYY-MM-DD", "schema": { "type": "string", "pattern": crate::api::params::DATE_PATTERN, "examples": ["2026-03-01"] } },
                    { "name": "to", "in": "query", "required": false, "description": "the last local day, YYYY-MM-DD", "schema": { "type": "string", "pattern": crate::api::params::DATE_PATTERN, "examples": ["2026-03-31"] } }
                ],
                "responses": responses(json!({ "200": ok(json!({ "type": "object", "required": ["receptions"], "additionalProperties": false, "properties": {
                    "receptions": { "type": "array", "items": { "$ref": "#/components/schemas/Reception" } } } })) }), true)
            }}));
    paths.insert("/api/v1/receptions/{id}/bookings".into(), json!({ "post": {
                "summary": "Book a place at a reception, as the booking page does",
                "description": "The earliest slot with a free seat is taken (or the `slot` asked for); when every seat is taken, a place on the waiting list while there is room (`status` `waitlisted`, `slot` null). \
                                The fields are checked as on the booking page and refused with 422 naming each: a name, a topic, and a phone (+7…) or an e-mail; `priority` (shown to staff only) one of `veteran`, `disability`, `large_family`. \
                                `language` (`kk`, `kk-latn`, `ru`, `en`; the Accept-Language one when not given) is the language of the notices and of the manage link. \
                                One person (by normalised phone or e-mail) holds one place per reception. \
                                With an `Idempotency-Key`, the same key sent again for the same reception and person books nothing more and is answered 201 with the first booking as it stands now, \
                                the same code and manage link, and `Idempotent-Replayed: true`; the key used for another person or reception is a 422. A refused request books nothing, so its repeat is judged afresh. \
                                Booking not yet open, closed, or the reception started, held or cancelled is a 409 whose `error` says which (`not_yet_open` with `opens_at`, `closed` with `closed_at`, `started`, `held`, `cancelled`).",
                "parameters": [
                    { "name": "id", "in": "path", "required": true, "description": "the reception's id", "schema": id },
                    { "name": "Idempotency-Key", "in": "header", "required": false,
                      "description": "16 to 128 visible ASCII characters, hard to guess (a UUID): it stands for the manage link",
                      "schema": { "type": "string", "pattern": crate::api::bookings::KEY_PATTERN, "examples": ["4f8c2b1e-9d3a-4c6e-8a7b-2e5f1d0c9b8a"] } }
                ],
                "requestBody": { "required": true, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/NewBooking" } } } },
                "responses": responses(json!({
                    "201": { "description": "Booked or on the waiting list; the manage link is shown only here",
                             "headers": { "Idempotent-Replayed": { "description": "`true` when this answers a repeat of an earlier request", "schema": { "type": "string" } } },
                             "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Booking" } } } },
                    "404": problem("No such reception"),
                    "409": problem("No place: `error` is `full` (no seat and no room on the waiting list, or the slot asked for is full; `next` lists free slots, this reception's and the working group's next ones), \
                                    `already_booked` (this phone or e-mail holds a place), or booking is not open (`not_yet_open`, `closed`, `started`, `held`, `cancelled`)"),
                    "422": problem("The body is not JSON of this form, a field breaks its rule, the slot is not this reception's, or the Idempotency-Key is malformed or was used for another booking; `errors` names each"),
                    "429": problem("Too many bookings from one address; Retry-After says when to try again")
                }), false)
            }}));
    paths.insert("/api/v1/appeals".into(), json!({ "post": {
                "summary": "File an appeal, named or anonymous",
                "description": "The body's schema says its form; the rest is checked as on the filing page and refused with 422 naming each field: \
                                the territory must be one appeals are routed in, a category or institution must exist, an IIN must have its check digit, \
                                a named appeal needs an e-mail address or a phone number, and texts must show something and hold no control characters but tab and new lines.",
                "requestBody": { "required": true, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/NewAppeal" } } } },
                "responses": responses(json!({
                    "201": { "description": "Registered; the secret is shown only here", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Receipt" } } } },
                    "422": problem("The body is not JSON of this form, or a field breaks its rule; `errors` names each field"),
                    "429": problem("Too many filings from one address; Retry-After says when to try again")
                }), false)
            }}));
    paths.insert("/api/v1/appeals/{number}".into(), json!({ "get": {
                "summary": "Follow an appeal with its receipt",
                "description": "An unknown number and a wrong or missing secret get the same 404, so the answer does not tell whether a number exists.",
                "security": [{ "receipt": [] }],
                "parameters": [ text("number", "path", true, "the receipt's number, with or without dashes, such as 43-2026-000123") ],
                "responses": responses(json!({
                    "200": ok(json!({ "$ref": "#/components/schemas/AppealStatus" })),
                    "404": problem("No appeal with this number and secret"),
                    "429": problem("Too many look-ups from one address")
                }), false)
            }}));
    paths.insert(
        "/api/v1/me".into(),
        json!({ "get": {
            "summary": "The signed-in user and their grants",
            "security": staff,
            "responses": responses(json!({
                "200": ok(json!({ "type": "object", "required": ["id", "name", "email", "grants"], "properties": {
                    "id": { "type": "integer" }, "name": { "type": "string" }, "email": { "type": "string" },
                    "second_factor": { "type": "boolean" }, "grants": { "type": "array" }
                } })),
                "401": problem("Not signed in"), "403": problem("Signed in, but no account")
            }), false)
        }}),
    );
    paths.insert("/api/v1/admin/territories".into(), json!({ "post": {
                "summary": "Load or update territories from a KATO CSV (administrators); nothing changes if a line is bad",
                "description": "The file starts with the header line `code,parent_code,level,kind,name_kk,name_ru` and has at least one unit; each line's code, parent, level, kind and names are checked \
                                against the file and the stored tree, and any bad line is a 422 naming it.",
                "security": staff,
                "requestBody": { "required": true, "content": { "text/csv": { "schema": {
                    "type": "string", "minLength": 1, "examples": ["code,parent_code,level,kind,name_kk,name_ru\n430000000,,1,region,Қызылорда облысы,Кызылординская область\n"]
                } } } },
                "responses": responses(json!({
                    "200": ok(json!({ "type": "object", "required": ["added", "updated"], "properties": { "added": { "type": "integer" }, "updated": { "type": "integer" } } })),
                    "400": problem("The body is not UTF-8 text"),
                    "401": problem("Not signed in"), "403": problem("Not an administrator"),
                    "422": problem("A line is bad; `errors` names each line, and nothing was changed")
                }), false)
            }}));
    paths.insert("/api/v1/staff/appeals".into(), json!({ "get": {
                "summary": "The inbox of the caller's scope, newest first (session or API token)",
                "security": staff,
                "parameters": [
                    choice("status", "only appeals in this status", &statuses),
                    text("q", "query", false, "full-text search (Kazakh, Russian, English; word forms match)"),
                    choice("kind", "only appeals of this kind", &kinds),
                    choice("language", "only appeals in this language", &languages),
                    { "name": "territory", "in": "query", "required": false, "description": "a KATO code: its subtree only", "schema": kato },
                    { "name": "before", "in": "query", "required": false, "description": "keyset: next_before of the previous page",
                      "schema": { "type": "integer", "minimum": i64::MIN, "maximum": MAX_INT } },
                    integer("limit", false, 1, crate::api::staff::MAX_LIMIT, "appeals on the page (50 when not given)")
                ],
                "responses": responses(json!({
                    "200": ok(json!({ "type": "object", "required": ["appeals", "next_before"], "properties": {
                        "appeals": { "type": "array", "items": { "type": "object", "required": ["number", "kind", "status", "subject", "language"], "properties": {
                            "number": { "type": "string" }, "kind": { "enum": kinds }, "status": { "enum": statuses }, "subject": { "type": "string" },
                            "language": { "enum": languages }, "registered_on": { "type": ["string", "null"] }, "due_on": { "type": ["string", "null"] },
                            "institution": { "type": ["integer", "null"] }, "territory": { "type": ["string", "null"] }
                        } } },
                        "next_before": { "type": ["integer", "null"] }
                    } })),
                    "401": problem("Not signed in"), "403": problem("No grant to read appeals")
                }), true)
            }}));
    paths.insert("/api/v1/staff/appeals/{number}/{action}".into(), json!({ "post": {
                "summary": "A staff action on an appeal: answer {text}, clarify {question}, extend {due, reason} (heads), forward {institution, reason}, assign {officer} (heads), note {text}",
                "description": "An appeal out of the caller's scope is a 404, as an unknown one; what the action needs (a text that shows something, \
                                a due date the term allows, an institution or officer that exists) is a 422.",
                "security": staff,
                "parameters": [
                    text("number", "path", true, "the appeal's number"),
                    { "name": "action", "in": "path", "required": true, "schema": { "enum": ["answer", "clarify", "extend", "forward", "assign", "note"] } }
                ],
                "requestBody": { "required": true, "content": { "application/json": { "schema": { "type": "object", "additionalProperties": false, "properties": {
                    "text": { "type": "string" }, "question": { "type": "string" }, "due": { "type": "string", "format": "date" },
                    "reason": { "type": "string" }, "institution": id, "officer": id
                } } } } },
                "responses": responses(json!({
                    "200": ok(json!({ "type": "object", "required": ["number", "status"], "properties": {
                        "number": { "type": "string" }, "status": { "enum": statuses }, "due_on": { "type": ["string", "null"] }, "institution": { "type": ["integer", "null"] }
                    } })),
                    "401": problem("Not signed in"), "403": problem("No grant for this action"),
                    "404": problem("No such appeal in the caller's scope, or no such action"),
                    "409": problem("The appeal changed meanwhile"),
                    "422": problem("The body is not JSON of this form, or the action cannot be done so; `errors` names the field where one is at fault")
                }), false)
            }}));
    staff_receptions(&mut paths, &staff, &id);
    paths.insert(
        "/api/v1/openapi.json".into(),
        json!({ "get": {
            "summary": "This document",
            "responses": responses(json!({ "200": ok(json!({ "type": "object" })) }), false)
        }}),
    );
    paths.insert("/api/v1/log/checkpoint".into(), json!({ "get": {
                "summary": "The latest signed checkpoint of the transparency log (C2SP tlog-checkpoint in a signed note), with the witnesses' cosignature lines",
                "responses": responses(json!({
                    "200": { "description": "A signed note", "content": { "text/plain": { "schema": { "type": "string" } } } },
                    "404": problem("No checkpoint has been signed yet")
                }), false)
            }}));
    paths.insert("/api/v1/log/key".into(), json!({ "get": {
                "summary": "The log's public key in the C2SP verifier-key form <name>+<hex key id>+<base64(0x01 ‖ key)>",
                "responses": responses(json!({ "200": { "description": "One line", "content": { "text/plain": { "schema": { "type": "string" } } } } }), false)
            }}));
    paths.insert("/api/v1/log/leaves".into(), json!({ "get": {
                "summary": "Leaves start ≤ index < end (at most 1000), with the exact bytes hashed as each leaf; immutable, cacheable",
                "parameters": [
                    integer("start", true, 0, MAX_INT, "the first leaf"),
                    integer("end", true, 1, MAX_INT, "one past the last leaf: start < end ≤ the log's size, end − start ≤ 1000")
                ],
                "responses": responses(json!({
                    "200": ok(json!({ "type": "object", "required": ["leaves"], "properties": { "leaves": { "type": "array", "items": { "type": "object", "required": ["index", "data", "hash"], "properties": {
                        "index": { "type": "integer" },
                        "data": { "type": "string", "contentEncoding": "base64" },
                        "hash": { "type": "string", "contentEncoding": "base64" }
                    } } } } })),
                    "400": problem("A number is missing or not whole, or the range is not within the log (start < end ≤ size, at most 1000)")
                }), true)
            }}));
    paths.insert(
        "/api/v1/log/inclusion".into(),
        json!({ "get": {
            "summary": "The RFC 9162 inclusion proof of leaf `index` in the tree of `size` leaves",
            "parameters": [
                integer("index", true, 0, MAX_INT, "the leaf: index < size"),
                integer("size", true, 1, MAX_INT, "the tree: at most the log's size")
            ],
            "responses": responses(json!({
                "200": ok(json!({ "$ref": "#/components/schemas/InclusionProof" })),
                "400": problem("A number is missing or not whole, or index ≥ size, or size is past the log")
            }), true)
        }}),
    );
    paths.insert(
        "/api/v1/log/consistency".into(),
        json!({ "get": {
            "summary": "The RFC 9162 consistency proof between the trees of `from` and `to` leaves",
            "parameters": [
                integer("from", true, 1, MAX_INT, "the older tree: from ≤ to"),
                integer("to", true, 1, MAX_INT, "the newer tree: at most the log's size")
            ],
            "responses": responses(json!({
                "200": ok(json!({ "type": "object", "required": ["from", "to", "hashes"], "properties": {
                    "from": { "type": "integer" }, "to": { "type": "integer" },
                    "hashes": { "type": "array", "items": { "type": "string", "contentEncoding": "base64" } }
                } })),
                "400": problem("A number is missing or not whole, or from > to, or to is past the log")
            }), true)
        }}),
    );
    paths.insert("/api/v1/log/cosignatures".into(), json!({ "post": {
                "summary": "A witness the operator trusts hands in its cosignature (C2SP cosignature/v1 signature line) of a stored checkpoint",
                "requestBody": { "required": true, "content": { "application/json": { "schema": { "type": "object", "required": ["size", "signature"], "properties": {
                    "size": { "type": "integer", "minimum": 1, "maximum": MAX_INT, "description": "the size of a checkpoint the log signed" },
                    "signature": { "type": "string", "description": "— <witness name> <base64(key id ‖ timestamp ‖ signature)>" }
                } } } } },
                "responses": responses(json!({
                    "204": { "description": "Stored" },
                    "400": problem("The body is not JSON of this form, or the log signed no checkpoint of this size"),
                    "403": problem("Not a cosignature of this checkpoint by a witness this log trusts"),
                    "429": problem("Too many requests from one address")
                }), false)
            }}));
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "Adaldyq API",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Appeals, the working-day calendar and open data of an Adaldyq installation. \
                            Errors are application/problem+json in the language of Accept-Language (kk, ru, en). \
                            No path segment or query value may hold control characters (422)."
        },
        "paths": paths,
        "components": {
          "securitySchemes": {
            "bearer": { "type": "http", "scheme": "bearer", "description": "An API token an administrator issued" },
            "session": { "type": "apiKey", "in": "cookie", "name": "adaldyq_session" },
            "receipt": { "type": "apiKey", "in": "header", "name": "Authorization",
                         "description": "`Receipt <secret>`, the secret printed on the receipt, such as `Receipt 7K3QD-9XW2M-4RTA-8ZPB-HN6C-J5VE` (case, spaces and dashes do not matter; O reads as 0, I and L as 1; secrets issued before 2026-11-30 are 32 characters and still valid)" }
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
            "Problem": { "type": "object", "required": ["type", "title", "status", "detail"], "properties": {
                "type": { "type": "string" }, "title": { "type": "string" }, "status": { "type": "integer" }, "detail": { "type": "string" },
                "errors": { "type": "array", "items": { "type": "object", "properties": {
                    "field": { "type": "string" }, "line": { "type": "integer" }, "problem": { "type": "string" }, "message": { "type": "string" }
                } } }
            }},
            "Territory": { "type": "object", "required": ["code", "parent", "level", "kind", "name_kk", "name_ru", "routable"], "properties": {
                "code": { "type": "string" }, "parent": { "type": ["string", "null"] }, "level": { "type": "integer" }, "kind": { "type": "string" },
                "name_kk": { "type": "string" }, "name_ru": { "type": "string" }, "routable": { "type": "boolean" }
            }},
            "Reception": { "type": "object", "additionalProperties": false,
                "required": ["id", "title", "host", "territory", "starts_at", "ends_at", "status", "seats_left"], "properties": {
                "id": { "type": "integer" },
                "title": { "type": "string" },
                "host": { "type": "object", "additionalProperties": false, "required": ["name", "position", "institution"], "properties": {
                    "name": { "type": "string" }, "position": { "type": "string" }, "institution": { "type": "string" } } },
                "territory": { "type": "string", "description": "KATO code of the rural district or village", "pattern": "^[0-9]{9}$" },
                "starts_at": { "type": "string", "format": "date-time", "pattern": "\\+05:00$" },
                "ends_at": { "type": "string", "format": "date-time", "pattern": "\\+05:00$" },
                "status": { "enum": ["planned", "open", "held", "cancelled", "postponed"] },
                "seats_left": { "type": "integer", "minimum": 0 }
            }},
            "NewBooking": { "type": "object", "required": ["name", "topic"], "additionalProperties": false, "properties": {
                "name": { "type": "string", "maxLength": 200 },
                "phone": { "type": ["string", "null"], "description": "a Kazakhstan mobile number, as +7 701 234 56 78 or 8 701 234 56 78; a phone or an e-mail is needed" },
                "email": { "type": ["string", "null"] },
                "topic": { "type": "string", "description": "the question's topic in a few words" },
                "priority": { "type": ["string", "null"], "description": "veteran, disability or large_family: queue priority, shown to staff only" },
                "slot": { "type": ["integer", "null"], "minimum": i64::MIN, "maximum": MAX_INT, "description": "a slot of this reception; the earliest free one when not given" },
                "language": { "type": ["string", "null"], "description": "kk, kk-latn, ru or en" }
            }},
            "Booking": { "type": "object", "required": ["code", "status", "manage_url", "manage_token", "slot", "slot_starts_at"], "properties": {
                "code": { "type": "string", "description": "the booking code to show at the reception" },
                "status": { "enum": ["booked", "waitlisted", "cancelled", "checked_in", "received", "no_show"], "description": "`booked` or `waitlisted` for a new booking; a repeat answers with the booking as it stands now" },
                "manage_url": { "type": "string", "format": "uri", "description": "the page to cancel or move the booking; whoever has it may do so" },
                "manage_token": { "type": "string", "description": "the manage link's token" },
                "slot": { "oneOf": [{ "type": "null" }, { "type": "object", "required": ["id", "starts_at", "ends_at"], "properties": {
                    "id": { "type": "integer" },
                    "starts_at": { "type": "string", "format": "date-time", "pattern": "\\+05:00$" },
                    "ends_at": { "type": "string", "format": "date-time", "pattern": "\\+05:00$" } } }] },
                "slot_starts_at": { "type": ["string", "null"], "format": "date-time" }
            }},
            "StaffBooking": { "type": "object", "required": ["id", "code", "name", "topic", "priority", "status", "walk_in"], "description": "A person of a reception's queue, for staff: the priority is never public", "properties": {
                "id": { "type": "integer" }, "code": { "type": "string" }, "name": { "type": "string" }, "topic": { "type": "string" },
                "priority": { "enum": ["veteran", "disability", "large_family", null] },
                "status": { "enum": ["booked", "waitlisted", "cancelled", "checked_in", "received", "no_show"] },
                "walk_in": { "type": "boolean" }, "already": { "type": "boolean", "description": "check-in: checked in before" },
                "slot_starts_at": { "type": ["string", "null"], "format": "date-time" }
            }},
            "Institution": { "type": "object", "properties": {
                "id": { "type": "integer" }, "territory_code": { "type": "string" }, "name_kk": { "type": "string" },
                "name_ru": { "type": "string" }, "name_en": { "type": "string" }, "is_demo": { "type": "boolean" }
            }},
            "NewAppeal": { "type": "object", "required": ["kind", "territory", "subject", "text", "language", "anonymous"], "additionalProperties": false, "properties": {
                "kind": { "enum": kinds },
                "category": { "type": ["integer", "null"], "minimum": i64::MIN, "maximum": MAX_INT },
                "territory": { "type": "string", "description": "KATO code", "pattern": "^\\s*[0-9]{9}\\s*$" },
                "institution": { "type": ["integer", "null"], "minimum": i64::MIN, "maximum": MAX_INT },
                "subject": { "type": "string", "minLength": 1, "maxLength": 200, "description": "something visible; no control characters" },
                "text": { "type": "string", "minLength": 1, "maxLength": 20000, "description": "something visible; no control characters but tab and new lines" },
                "language": { "enum": languages },
                "anonymous": { "type": "boolean" },
                "contact": { "type": ["object", "null"], "description": "Named appeals only: a name, and an e-mail address or a phone number", "additionalProperties": false, "properties": {
                    "name": { "type": "string" }, "email": { "type": "string" }, "phone": { "type": "string" }, "iin": { "type": "string", "pattern": "^\\s*(?:[0-9]{12})?\\s*$" }
                }}
            }},
            "Receipt": { "type": "object", "required": ["number", "secret", "registered_on", "due_on", "status"], "properties": {
                "number": { "type": "string" }, "secret": { "type": "string" },
                "registered_on": { "type": "string", "format": "date" }, "due_on": { "type": "string", "format": "date" },
                "status": { "type": "string" }
            }},
            "AppealStatus": { "type": "object", "required": ["number", "kind", "status", "language", "subject", "events"], "properties": {
                "number": { "type": "string" }, "kind": { "enum": kinds }, "status": { "enum": statuses }, "language": { "enum": languages },
                "subject": { "type": "string" }, "registered_on": { "type": ["string", "null"] }, "due_on": { "type": ["string", "null"] },
                "due_explanation": { "type": ["string", "null"] }, "skipped": { "type": "array" }, "events": { "type": "array" },
                "log": { "oneOf": [{ "$ref": "#/components/schemas/LogProof" }, { "type": "null" }] }
            }}
        }}
    })
}

/// The staff's reception API (`crate::api::staff_receptions`).
fn staff_receptions(paths: &mut serde_json::Map<String, Value>, staff: &Value, id: &Value) {
    let statuses = crate::api::staff_receptions::STATUSES;
    let language = json!({ "type": ["string", "null"], "description": "the language of the answer's messages: kk, kk-latn, ru or en (Accept-Language when not given)" });
    let reception =
        json!({ "name": "id", "in": "path", "required": true, "description": "the reception's id", "schema": id });
    let booking = json!({ "name": "booking", "in": "path", "required": true, "description": "a booking of this reception (its id)", "schema": id });
    let person = json!({ "$ref": "#/components/schemas/StaffBooking" });
    let refusals = |own: Value| {
        let mut all = own.as_object().cloned().unwrap_or_default();
        all.insert("401".into(), problem("Not signed in"));
        all.insert("403".into(), problem("Not a coordinator, or the reception lies outside the caller's territories"));
        all.insert("404".into(), problem("No such reception (or booking of it)"));
        all.insert(
            "422".into(),
            problem("The body is not JSON of this form, or a field breaks its rule; `errors` names each"),
        );
        all.insert(
            "409".into(),
            problem("The day is over (held or cancelled), or the person cannot be marked so now; `errors` names where"),
        );
        responses(Value::Object(all), false)
    };
    let body = |schema: Value| json!({ "required": true, "content": { "application/json": { "schema": schema } } });
    paths.insert("/api/v1/staff/receptions".into(), json!({ "get": {
        "summary": "The receptions in the caller's territories, soonest first (coordinators; session or API token)",
        "description": "`from` and `to` are local days in Asia/Qyzylorda, both included; `to` before `from` is a 422 naming `to`.",
        "security": staff,
        "parameters": [
            choice("status", "only receptions in this status", &statuses),
            { "name": "from", "in": "query", "required": false, "description": "the first local day, YYYY-MM-DD", "schema": { "type": "string", "pattern": crate::api::params::DATE_PATTERN } },
            { "name": "to", "in": "query", "required": false, "description": "the last local day, YYYY-MM-DD", "schema": { "type": "string", "pattern": crate::api::params::DATE_PATTERN } }
        ],
        "responses": responses(json!({
            "200": ok(json!({ "type": "object", "required": ["receptions"], "properties": {
                "receptions": { "type": "array", "items": { "$ref": "#/components/schemas/Reception" } } } })),
            "401": problem("Not signed in"), "403": problem("Not a coordinator")
        }), true)
    }}));
    let planned = json!({ "201": { "description": "Planned", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Reception" } } } } });
    let text_field = json!({ "type": ["string", "null"] });
    let count = json!({ "type": ["integer", "null"], "minimum": i64::MIN, "maximum": MAX_INT });
    if let Some(ops) = paths.get_mut("/api/v1/staff/receptions").and_then(Value::as_object_mut) {
        ops.insert("post".into(), json!({
            "summary": "Plan a reception, as the new-reception page does (coordinators, in their territories)",
            "description": "The page's fields: `territory` (a KATO code of a working group's rural district or a village of it), `host` (`h:<host id>`, `m:<group id>:<member id>`, or `new` with \
                            `host_name`, `host_position`, `host_institution`), `co_hosts` (one a line: name; position; institution), `mode` (`place` with `address`, `online` with `online_link`, \
                            `field_visit`), `date` (YYYY-MM-DD) with `start` and `end` (HH:MM, Asia/Qyzylorda; 10:00–13:00 when not given), the slots and seats and booking window \
                            (the page's defaults when not given), `topics` (one a line), `languages` (kk, ru, en), `accessibility`. Each field at fault is named in a 422. \
                            A clash with the host's other reception is a 409 at `host`; a day off of the calendar is a 409 at `date` unless `day_off_ok` confirms it.",
            "security": staff,
            "requestBody": body(json!({ "type": "object", "required": ["territory", "host", "date"], "additionalProperties": false, "properties": {
                "territory": { "type": "string" }, "host": { "type": "string" },
                "host_name": text_field, "host_position": text_field, "host_institution": text_field, "co_hosts": text_field,
                "mode": text_field, "address": text_field, "online_link": text_field,
                "date": { "type": "string" }, "start": text_field, "end": text_field,
                "slot_minutes": count, "seats_per_slot": count, "waitlist_size": count, "opens_days_before": count, "closes_hours_before": count,
                "topics": text_field, "languages": { "type": ["array", "null"], "items": { "type": "string" } },
                "accessibility": text_field, "day_off_ok": { "type": "boolean" }, "language": language.clone() } })),
            "responses": responses(json!({
                "201": planned["201"].clone(),
                "401": problem("Not signed in"), "403": problem("Not a coordinator, or the territory lies outside the caller's"),
                "409": problem("The host's other reception clashes (`errors` names `host`), or the day is a day off not confirmed (`date`)"),
                "422": problem("The body is not JSON of this form, or a field breaks its rule; `errors` names each")
            }), false)
        }));
    }
    paths.insert("/api/v1/staff/receptions/{id}".into(), json!({ "get": {
        "summary": "One reception with its queue (in order, then the waiting list; priority shown to staff only) and its record",
        "security": staff,
        "parameters": [reception.clone()],
        "responses": responses(json!({
            "200": ok(json!({ "type": "object", "required": ["id", "status", "queue", "questions"], "properties": {
                "id": { "type": "integer" }, "title": { "type": "string" }, "status": { "enum": statuses },
                "host_attended": { "type": ["boolean", "null"] },
                "queue": { "type": "array", "items": person.clone() },
                "questions": { "type": "array", "items": { "type": "object", "properties": {
                    "name": { "type": "string" }, "text": { "type": "string" }, "answer": { "type": ["string", "null"] }, "appeal": { "type": ["string", "null"] } } } }
            } })),
            "401": problem("Not signed in"),
            "403": problem("Not a coordinator, or the reception lies outside the caller's territories"),
            "404": problem("No such reception")
        }), false)
    }}));
    let changed = json!({ "200": ok(json!({ "$ref": "#/components/schemas/Reception" })) });
    paths.insert("/api/v1/staff/receptions/{id}/postpone".into(), json!({ "post": {
        "summary": "Postpone a reception to a new local date and start (its length kept); the bookings are carried over and each person told",
        "description": "`date` is YYYY-MM-DD and `start` HH:MM in Asia/Qyzylorda, in the future and not the present start; a reason is needed. \
                        A reception already started, held or cancelled is a 409; so is a clash with the host's other reception (named at `start`), \
                        and a day off (named at `date`) unless `day_off_ok` confirms it.",
        "security": staff,
        "parameters": [reception.clone()],
        "requestBody": body(json!({ "type": "object", "required": ["date", "start", "reason"], "additionalProperties": false, "properties": {
            "date": { "type": "string" }, "start": { "type": "string" }, "reason": { "type": "string" },
            "day_off_ok": { "type": "boolean" }, "language": language.clone() } })),
        "responses": refusals(changed.clone())
    }}));
    paths.insert("/api/v1/staff/receptions/{id}/cancel".into(), json!({ "post": {
        "summary": "Cancel a reception with a reason; each person booked is told",
        "description": "A reception already started, held or cancelled is a 409.",
        "security": staff,
        "parameters": [reception.clone()],
        "requestBody": body(json!({ "type": "object", "required": ["reason"], "additionalProperties": false, "properties": {
            "reason": { "type": "string" }, "language": language.clone() } })),
        "responses": refusals(changed)
    }}));
    paths.insert("/api/v1/staff/receptions/{id}/check-in".into(), json!({ "post": {
        "summary": "Check a person in by their booking code (a no-show who comes late too); one checked in before is answered with `already`",
        "security": staff,
        "parameters": [reception.clone()],
        "requestBody": body(json!({ "type": "object", "required": ["code"], "additionalProperties": false, "properties": {
            "code": { "type": "string" }, "language": language.clone() } })),
        "responses": refusals(json!({ "200": ok(person.clone()) }))
    }}));
    paths.insert("/api/v1/staff/receptions/{id}/walk-in".into(), json!({ "post": {
        "summary": "Someone who came without booking, checked in on the spot (a phone already booked is a 409: check them in instead)",
        "security": staff,
        "parameters": [reception.clone()],
        "requestBody": body(json!({ "type": "object", "required": ["name", "topic"], "additionalProperties": false, "properties": {
            "name": { "type": "string" }, "phone": { "type": ["string", "null"] }, "topic": { "type": "string" }, "language": language.clone() } })),
        "responses": refusals(json!({ "201": { "description": "Added and checked in", "content": { "application/json": { "schema": person.clone() } } } }))
    }}));
    for (action, summary) in
        [("received", "The person was received by the host"), ("no-show", "The person did not come when called")]
    {
        paths.insert(
            format!("/api/v1/staff/receptions/{{id}}/bookings/{{booking}}/{action}"),
            json!({ "post": {
                "summary": summary,
                "security": staff,
                "parameters": [reception.clone(), booking.clone()],
                "responses": refusals(json!({ "200": ok(person.clone()) }))
            }}),
        );
    }
    paths.insert("/api/v1/staff/receptions/{id}/host".into(), json!({ "post": {
        "summary": "Whether the host came (a host who did not is counted publicly)",
        "security": staff,
        "parameters": [reception.clone()],
        "requestBody": body(json!({ "type": "object", "required": ["attended"], "additionalProperties": false, "properties": {
            "attended": { "type": "boolean" }, "language": language.clone() } })),
        "responses": refusals(json!({ "200": ok(json!({ "type": "object", "required": ["id", "host_attended"], "properties": {
            "id": { "type": "integer" }, "host_attended": { "type": "boolean" } } })) }))
    }}));
    paths.insert("/api/v1/staff/receptions/{id}/held".into(), json!({ "post": {
        "summary": "The reception was held: those booked who never came become no-shows, and the summary goes into the log",
        "security": staff,
        "parameters": [reception.clone()],
        "responses": refusals(json!({ "200": ok(json!({ "type": "object", "required": ["id", "status"], "properties": {
            "id": { "type": "integer" }, "status": { "enum": statuses }, "host_attended": { "type": ["boolean", "null"] } } })) }))
    }}));
    paths.insert("/api/v1/staff/receptions/{id}/questions".into(), json!({ "post": {
        "summary": "A question of a person who came: answered on the spot, or taken as an appeal (filed in their name, channel `reception`)",
        "description": "For `appeal`, the answer holds the appeal's number and its receipt secret, shown only here (the same question sent again records and files nothing more, and has no secret). \
                        `kind` (a complaint when not given) is one of complaint, proposal, information_request, service_quality, corruption_report; `answer` is needed for `answered`.",
        "security": staff,
        "parameters": [reception.clone()],
        "requestBody": body(json!({ "type": "object", "required": ["booking", "text", "outcome"], "additionalProperties": false, "properties": {
            "booking": { "type": "integer", "minimum": i64::MIN, "maximum": MAX_INT, "description": "the person's booking (its id)" },
            "text": { "type": "string" }, "outcome": { "type": "string", "description": "answered or appeal" },
            "answer": { "type": ["string", "null"] }, "kind": { "type": ["string", "null"] }, "language": language.clone() } })),
        "responses": refusals(json!({ "201": { "description": "Recorded", "headers": {}, "content": { "application/json": { "schema": {
            "type": "object", "required": ["outcome", "booking"], "properties": {
                "outcome": { "enum": ["answered", "appeal"] }, "booking": { "type": "integer" },
                "number": { "type": "string" }, "secret": { "type": ["string", "null"] },
                "registered_on": { "type": "string", "format": "date" }, "due_on": { "type": "string", "format": "date" } } } } } } }))
    }}));
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

    /// Every operation documents the 422 that the control-character check
    /// gives any request; no parameter is a header OpenAPI ignores (the
    /// receipt is a security scheme); every header example is a header.
    #[test]
    fn every_operation_documents_its_refusals_and_headers_are_headers() {
        let doc = super::document();
        for (path, ops) in doc["paths"].as_object().unwrap() {
            for (method, op) in ops.as_object().unwrap() {
                assert!(op["responses"]["422"].is_object(), "{method} {path} documents 422");
                for p in op["parameters"].as_array().into_iter().flatten() {
                    let name = p["name"].as_str().unwrap().to_ascii_lowercase();
                    assert!(
                        p["in"] != "header" || !["authorization", "accept", "content-type"].contains(&name.as_str()),
                        "{method} {path}: OpenAPI ignores a header parameter named {name}"
                    );
                    if p["in"] == "header" {
                        for example in p["schema"]["examples"].as_array().into_iter().flatten() {
                            assert!(axum::http::HeaderValue::from_str(example.as_str().unwrap()).is_ok(), "{example}");
                        }
                    }
                    if p["in"] == "query" {
                        assert!(op["responses"]["400"].is_object(), "{method} {path}: a repeated parameter is a 400");
                    }
                }
            }
        }
        let receipt = &doc["components"]["securitySchemes"]["receipt"];
        assert_eq!((&receipt["in"], &receipt["name"]), (&"header".into(), &"Authorization".into()));
    }
}

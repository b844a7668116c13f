//! JSON output: pretty-printed documents (the JSON API, `api/v1/*.json`) and the shields.io
//! badge endpoint: stable shapes for scripts, documented field by field in docs/api.md.

use chrono::NaiveDate;
use serde::Serialize;

/// A field that is a date or a boolean, as endoflife.date's `eol` and our `eos: true` are.
#[derive(Clone, Copy, Debug, Serialize)]
#[serde(untagged)]
pub enum DateOr {
    Date(NaiveDate),
    Bool(bool),
}

/// Pretty JSON with a trailing newline; serialising these plain structs cannot fail.
pub fn to_json<T: Serialize>(value: &T) -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(value).unwrap_or_default();
    out.push(b'\n');
    out
}

/// shields.io endpoint badge: <https://shields.io/badges/endpoint-badge>.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ShieldsEndpoint {
    pub schema_version: u8,
    pub label: String,
    pub message: String,
    pub color: &'static str,
}

/// Badge colour per phase id; text always says the phase, colour only repeats it.
pub fn badge_color(phase_id: &str) -> &'static str {
    match phase_id {
        "supported" => "2e7d32",
        "announced" => "b45309",
        "maintenance" => "8a6d00",
        "end-of-support" => "b91c1c",
        _ => "1d4ed8",
    }
}

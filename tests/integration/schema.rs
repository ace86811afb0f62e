//! The published JSON Schema (schema/kano-analyze.schema.json): derived from the report types,
//! and real `analyze --format json` output validates against it.

use serde_json::Value;

use crate::util::analyze_json;

const SHIPPED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/schema/kano-analyze.schema.json"
);

fn shipped() -> Value {
    serde_json::from_str(&std::fs::read_to_string(SHIPPED).unwrap()).unwrap()
}

/// The shipped schema is what the types derive today; `KANO_BLESS=1` rewrites it.
#[test]
fn the_shipped_schema_is_the_one_the_types_derive() {
    let derived = kano::report::json_schema();
    if std::env::var_os("KANO_BLESS").is_some() {
        let text = serde_json::to_string_pretty(&derived).unwrap() + "\n";
        std::fs::write(SHIPPED, text).unwrap();
    }
    assert_eq!(
        shipped(),
        derived,
        "schema/kano-analyze.schema.json is stale: run KANO_BLESS=1 cargo test --test integration schema"
    );
}

/// Resolves a local `$ref` (`#/$defs/Name`).
fn resolve<'a>(root: &'a Value, schema: &'a Value) -> &'a Value {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(r) => {
            let name = r.trim_start_matches("#/$defs/");
            resolve(root, &root["$defs"][name])
        }
        None => schema,
    }
}

/// Whether `value` has one of the JSON types a schema's `type` allows.
fn type_allows(types: &Value, value: &Value) -> bool {
    let allowed: Vec<&str> = match types {
        Value::String(t) => vec![t.as_str()],
        Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
        _ => return true,
    };
    allowed.iter().any(|t| match *t {
        "null" => value.is_null(),
        "boolean" => value.is_boolean(),
        "integer" => value.is_u64() || value.is_i64(),
        "number" => value.is_number(),
        "string" => value.is_string(),
        "array" => value.is_array(),
        "object" => value.is_object(),
        _ => false,
    })
}

/// Checks `value` against `schema`: types, required keys, no unknown keys where the schema
/// forbids them, array items, and `anyOf`/`oneOf` branches; returns the first mismatch's path.
fn validate(root: &Value, schema: &Value, value: &Value, path: &str) -> Result<(), String> {
    let schema = resolve(root, schema);
    if schema == &Value::Bool(true) {
        return Ok(());
    }
    for key in ["anyOf", "oneOf"] {
        if let Some(branches) = schema.get(key).and_then(Value::as_array) {
            if !branches
                .iter()
                .any(|b| validate(root, b, value, path).is_ok())
            {
                return Err(format!("{path}: no branch of {key} fits {value}"));
            }
        }
    }
    if let Some(types) = schema.get("type") {
        if !type_allows(types, value) {
            return Err(format!("{path}: {value} is not {types}"));
        }
    }
    if let Some(object) = value.as_object() {
        let properties = schema.get("properties").and_then(Value::as_object);
        for key in schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let key = key.as_str().unwrap();
            if !object.contains_key(key) {
                return Err(format!("{path}: required key {key} missing"));
            }
        }
        for (key, item) in object {
            match properties.and_then(|p| p.get(key)) {
                Some(property) => validate(root, property, item, &format!("{path}.{key}"))?,
                None if schema.get("additionalProperties") == Some(&Value::Bool(false)) => {
                    return Err(format!("{path}: key {key} is not in the schema"));
                }
                None => {}
            }
        }
    }
    if let (Some(items), Some(array)) = (schema.get("items"), value.as_array()) {
        for (i, item) in array.iter().enumerate() {
            validate(root, items, item, &format!("{path}[{i}]"))?;
        }
    }
    Ok(())
}

#[test]
fn real_analyze_output_validates_against_the_shipped_schema() {
    let schema = shipped();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    for args in [
        vec!["examples/online-shop.csv", "--by", "plan"],
        vec!["examples/banking-app-long.csv", "--refined"],
        vec!["examples/published-counts.csv"],
        vec!["tests/data/no-valid-pairs.csv"],
    ] {
        let output = analyze_json(&args);
        validate(&schema, &schema, &output, "$").unwrap_or_else(|e| panic!("{args:?}: {e}"));
    }
    // The check can fail: a report with an unknown key or a string count does not validate.
    let mut bad = analyze_json(&["examples/published-counts.csv"]);
    bad["features"][0]["n"] = Value::String("12".to_string());
    assert!(validate(&schema, &schema, &bad, "$").is_err());
    let mut bad = analyze_json(&["examples/published-counts.csv"]);
    bad["features"][0]["surprise"] = Value::Bool(true);
    assert!(validate(&schema, &schema, &bad, "$").is_err());
}

/// The other published schemas: (file, the schema the types derive, real outputs to validate).
fn other_schemas() -> Vec<(&'static str, Value, Vec<Value>)> {
    let json = |args: &[&str]| -> Value {
        let output = crate::util::kano().args(args).output().unwrap();
        assert!(output.status.success(), "{args:?}");
        serde_json::from_slice(&output.stdout).unwrap()
    };
    vec![
        (
            "kano-plan.schema.json",
            kano::report::plan::json_schema(),
            vec![
                json(&["plan", "-f", "json"]),
                json(&["plan", "--expected", "0.3", "--gap", "0.2", "-f", "json"]),
            ],
        ),
        (
            "kano-inspect.schema.json",
            kano::report::inspect::json_schema(),
            vec![
                json(&["inspect", "examples/online-shop.csv", "-f", "json"]),
                json(&["inspect", "examples/published-counts.csv", "-f", "json"]),
                json(&["inspect", "tests/data/unknown-label.csv", "-f", "json"]),
            ],
        ),
    ]
}

#[test]
fn the_plan_and_inspect_schemas_are_derived_and_real_output_validates() {
    for (file, derived, outputs) in other_schemas() {
        let path = format!("{}/schema/{file}", env!("CARGO_MANIFEST_DIR"));
        if std::env::var_os("KANO_BLESS").is_some() {
            let text = serde_json::to_string_pretty(&derived).unwrap() + "\n";
            std::fs::write(&path, text).unwrap();
        }
        let shipped: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap())
            .unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(
            shipped, derived,
            "schema/{file} is stale: run KANO_BLESS=1 cargo test --test integration schema"
        );
        for output in outputs {
            validate(&shipped, &shipped, &output, "$").unwrap_or_else(|e| panic!("{file}: {e}"));
            let mut bad = output.clone();
            bad.as_object_mut()
                .unwrap()
                .insert("header_rows".into(), Value::String("two".into()));
            bad.as_object_mut()
                .unwrap()
                .insert("n_invite".into(), Value::String("many".into()));
            assert!(validate(&shipped, &shipped, &bad, "$").is_err(), "{file}");
        }
    }
}

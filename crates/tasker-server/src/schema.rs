//! Validation of task contexts against a template's JSON Schema.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex, PoisonError};

use jsonschema::Validator;
use serde_json::{Map, Value};

use crate::ServerError;

/// Compiled validators by template content hash (a template version never
/// changes its content, so a validator is compiled once per version). Bounded:
/// when full, it starts over.
static VALIDATORS: LazyLock<Mutex<HashMap<String, Arc<Validator>>>> = LazyLock::new(Mutex::default);
const MAX_VALIDATORS: usize = 1024;

/// Checks `context` against `schema` (the context schema of the template
/// version whose content hash is `key`), reporting every violation with its
/// JSON pointer.
///
/// # Errors
/// [`ServerError::InvalidArgument`] when the context does not conform, or the
/// schema itself is invalid.
pub(crate) fn validate_context(
    key: &str,
    schema: &Map<String, Value>,
    context: &Map<String, Value>,
) -> Result<(), ServerError> {
    let cached = VALIDATORS
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .get(key)
        .cloned();
    let validator = match cached {
        Some(validator) => validator,
        None => {
            let schema = Value::Object(schema.clone());
            let validator = Arc::new(jsonschema::validator_for(&schema).map_err(|e| {
                ServerError::InvalidArgument(format!(
                    "the template's context_schema is invalid: {e}"
                ))
            })?);
            let mut validators = VALIDATORS.lock().unwrap_or_else(PoisonError::into_inner);
            if validators.len() >= MAX_VALIDATORS {
                validators.clear();
            }
            validators.insert(key.to_owned(), Arc::clone(&validator));
            validator
        }
    };
    let instance = Value::Object(context.clone());
    let problems: Vec<String> = validator
        .iter_errors(&instance)
        .map(|e| {
            let at = e.instance_path().to_string();
            if at.is_empty() {
                format!("context: {e}")
            } else {
                format!("context{at}: {e}")
            }
        })
        .collect();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(ServerError::InvalidArgument(problems.join("; ")))
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn object(value: Value) -> Map<String, Value> {
        match value {
            Value::Object(map) => map,
            _ => Map::new(),
        }
    }

    #[test]
    fn conforming_and_violating_contexts() {
        let schema = object(
            json!({"type": "object", "required": ["order_id"], "properties": {"order_id": {"type": "integer"}}}),
        );
        assert!(validate_context("test", &schema, &object(json!({"order_id": 7}))).is_ok());
        let err = validate_context("test", &schema, &object(json!({"order_id": "x"})))
            .unwrap_err()
            .to_string();
        assert!(err.contains("/order_id"), "{err}");
        let err = validate_context("test", &schema, &object(json!({})))
            .unwrap_err()
            .to_string();
        assert!(err.contains("order_id"), "{err}");
    }
}

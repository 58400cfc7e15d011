//! Task templates: a named, versioned DAG of steps, written in YAML.
//!
//! ```yaml
//! namespace: payments
//! name: process_order
//! version: 1.0.0
//! description: Charge and ship an order.
//! default_retry:            # optional; see RetryPolicy for every field
//!   max_attempts: 5
//! context_schema:           # optional JSON Schema of the task context
//!   type: object
//!   required: [order_id]
//! staleness:                # optional overrides of the server's thresholds
//!   waiting: 2h
//!   processing: 10m
//! steps:
//!   - name: validate
//!     handler: payments.validate
//!   - name: charge
//!     handler: payments.charge
//!     depends_on: [validate]
//!     timeout: 30s
//!     retry: { max_attempts: 10, initial_backoff: 250ms }
//!     handler_config: { gateway: stripe }
//! ```
//!
//! Parsing ([`Template::from_yaml`]) applies the defaults, so a parsed template
//! is explicit about everything that governs its execution:
//!
//! * `description` of the template and of a step: empty.
//! * `default_retry`: fields left out take [`RetryPolicy::default`] (3
//!   attempts, 1 s doubling up to 5 min, ±10 % jitter).
//! * a step's `retry`: fields left out take the template's `default_retry`.
//! * a step's `timeout`: [`DEFAULT_STEP_TIMEOUT`] (5 min).
//! * `depends_on`: none; `handler_config`: `{}`; `context_schema` and
//!   `staleness`: unset (the server's thresholds apply).
//!
//! Unknown keys are refused, so a misspelt `depend_on` is reported rather than
//! silently ignored. Parsing checks only shape and types; [`Template::validate`]
//! then checks the rules and reports every violation at once.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use crate::dag::Graph;
use crate::duration::{human, human_opt};
use crate::retry::PartialRetryPolicy;
use crate::staleness::StalenessOverrides;
use crate::{CoreError, Dag, RetryPolicy, SourceLocation, StepState, Violation};

/// Timeout of a step attempt when the template does not set one: 5 minutes.
pub const DEFAULT_STEP_TIMEOUT: Duration = Duration::from_secs(5 * 60);

/// Longest namespace, template name or step name.
pub const MAX_NAME_LEN: usize = 128;
/// Longest version string.
pub const MAX_VERSION_LEN: usize = 64;
/// Longest handler name.
pub const MAX_HANDLER_LEN: usize = 256;

/// A versioned task template: a DAG of steps plus the policies that govern
/// them, with defaults applied.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(from = "RawTemplate")]
pub struct Template {
    /// Namespace, e.g. `payments`.
    pub namespace: String,
    /// Name, unique within the namespace.
    pub name: String,
    /// Version, e.g. `1.0.0`.
    pub version: String,
    /// What the template does.
    pub description: String,
    /// The steps, in declaration order.
    pub steps: Vec<StepDefinition>,
    /// Retry policy the steps' own policies start from.
    pub default_retry: RetryPolicy,
    /// JSON Schema the task context must satisfy; `None` accepts any object.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub context_schema: Option<Map<String, Value>>,
    /// Overrides of the server's staleness thresholds.
    #[serde(skip_serializing_if = "StalenessOverrides::is_empty")]
    pub staleness: StalenessOverrides,
}

/// One step of a template, with defaults applied.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StepDefinition {
    /// Name, unique within the template.
    pub name: String,
    /// What the step does.
    pub description: String,
    /// Handler name workers register for.
    pub handler: String,
    /// Names of the steps that must be complete (or resolved) first.
    pub depends_on: Vec<String>,
    /// Retry policy of the step.
    pub retry: RetryPolicy,
    /// Time an attempt may take before its lease is considered lost.
    #[serde(with = "human")]
    pub timeout: Duration,
    /// Static configuration handed to the handler with every attempt.
    pub handler_config: Map<String, Value>,
}

/// The template as written: everything optional, so that a missing field is a
/// validation violation reported with all the others rather than a parse
/// error that hides them.
#[derive(Deserialize)]
#[serde(rename = "Template", deny_unknown_fields)]
struct RawTemplate {
    #[serde(default)]
    namespace: Option<String>,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    version: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    steps: Option<Vec<RawStep>>,
    #[serde(default)]
    default_retry: Option<PartialRetryPolicy>,
    #[serde(default)]
    context_schema: Option<Map<String, Value>>,
    #[serde(default)]
    staleness: Option<StalenessOverrides>,
}

#[derive(Deserialize)]
#[serde(rename = "Step", deny_unknown_fields)]
struct RawStep {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    handler: Option<String>,
    #[serde(default)]
    depends_on: Option<Vec<String>>,
    #[serde(default)]
    retry: Option<PartialRetryPolicy>,
    #[serde(default, with = "human_opt")]
    timeout: Option<Duration>,
    #[serde(default)]
    handler_config: Option<Map<String, Value>>,
}

impl From<RawTemplate> for Template {
    fn from(raw: RawTemplate) -> Self {
        let default_retry = raw
            .default_retry
            .unwrap_or_default()
            .over(RetryPolicy::default());
        let steps = raw
            .steps
            .unwrap_or_default()
            .into_iter()
            .map(|step| StepDefinition {
                name: step.name.unwrap_or_default(),
                description: step.description.unwrap_or_default(),
                handler: step.handler.unwrap_or_default(),
                depends_on: step.depends_on.unwrap_or_default(),
                retry: step.retry.unwrap_or_default().over(default_retry),
                timeout: step.timeout.unwrap_or(DEFAULT_STEP_TIMEOUT),
                handler_config: step.handler_config.unwrap_or_default(),
            })
            .collect();
        Self {
            namespace: raw.namespace.unwrap_or_default(),
            name: raw.name.unwrap_or_default(),
            version: raw.version.unwrap_or_default(),
            description: raw.description.unwrap_or_default(),
            steps,
            default_retry,
            context_schema: raw.context_schema,
            staleness: raw.staleness.unwrap_or_default(),
        }
    }
}

impl Template {
    /// Parses a YAML template and applies the defaults. Only syntax, shape and
    /// types are checked here; call [`validate`](Self::validate) for the rules,
    /// or use [`load`](Self::load) for both.
    ///
    /// # Errors
    ///
    /// [`CoreError::InvalidTemplate`] with one violation carrying the line and
    /// column of the problem (a YAML syntax error, a wrong type, an unknown
    /// key, an unreadable duration).
    pub fn from_yaml(yaml: &str) -> Result<Self, CoreError> {
        yaml_serde::from_str(yaml).map_err(|error| CoreError::InvalidTemplate {
            violations: vec![yaml_violation(&error)],
        })
    }

    /// [`from_yaml`](Self::from_yaml) then [`validate`](Self::validate).
    ///
    /// # Errors
    ///
    /// [`CoreError::InvalidTemplate`] with the parse error, or with every rule
    /// violation.
    pub fn load(yaml: &str) -> Result<Self, CoreError> {
        let template = Self::from_yaml(yaml)?;
        template.validate()?;
        Ok(template)
    }

    /// Checks every rule and reports all violations at once.
    ///
    /// # Errors
    ///
    /// [`CoreError::InvalidTemplate`] listing every violation found by
    /// [`violations`](Self::violations).
    pub fn validate(&self) -> Result<(), CoreError> {
        let violations = self.violations();
        if violations.is_empty() {
            Ok(())
        } else {
            Err(CoreError::InvalidTemplate { violations })
        }
    }

    /// Every rule the template breaks, in document order:
    ///
    /// * `namespace`, `name` and each step's `name` are 1 to
    ///   [`MAX_NAME_LEN`] characters of ASCII letters, digits, `_`, `-` and
    ///   `.`, not starting with `-` or `.`;
    /// * `version` is 1 to [`MAX_VERSION_LEN`] characters of ASCII letters,
    ///   digits, `_`, `-`, `.` and `+`;
    /// * there is at least one step, and step names are unique;
    /// * each `handler` is 1 to [`MAX_HANDLER_LEN`] characters without
    ///   whitespace or control characters;
    /// * each dependency names another existing step, once; the dependencies
    ///   form no cycle (each cycle is reported with its path);
    /// * each retry policy has `max_attempts >= 1`, a finite
    ///   `backoff_multiplier >= 1`, `jitter` in `[0, 1]` and
    ///   `initial_backoff <= max_backoff` (a problem a step inherits from
    ///   `default_retry` is reported once, there);
    /// * timeouts and staleness thresholds are greater than zero.
    pub fn violations(&self) -> Vec<Violation> {
        let mut out = Vec::new();
        check_name(&mut out, "namespace", &self.namespace);
        check_name(&mut out, "name", &self.name);
        check_version(&mut out, &self.version);

        let default_violations = self.default_retry.violations("default_retry");
        let inherited: Vec<(String, String)> = default_violations
            .iter()
            .map(|v| {
                let suffix = v.field.trim_start_matches("default_retry").to_owned();
                (suffix, v.description.clone())
            })
            .collect();
        out.extend(default_violations);

        if self.staleness.waiting == Some(Duration::ZERO) {
            out.push(Violation::new(
                "staleness.waiting",
                "must be greater than zero",
            ));
        }
        if self.staleness.processing == Some(Duration::ZERO) {
            out.push(Violation::new(
                "staleness.processing",
                "must be greater than zero",
            ));
        }

        if self.steps.is_empty() {
            out.push(Violation::new(
                "steps",
                "a template needs at least one step",
            ));
        }
        for (i, step) in self.steps.iter().enumerate() {
            check_name(&mut out, &format!("steps[{i}].name"), &step.name);
            check_handler(&mut out, &format!("steps[{i}].handler"), &step.handler);
            let prefix = format!("steps[{i}].retry");
            for violation in step.retry.violations(&prefix) {
                let suffix = violation.field.trim_start_matches(&prefix);
                let already_reported = inherited
                    .iter()
                    .any(|(s, d)| s == suffix && *d == violation.description);
                if !already_reported {
                    out.push(violation);
                }
            }
            if step.timeout.is_zero() {
                out.push(Violation::new(
                    format!("steps[{i}].timeout"),
                    "must be greater than zero",
                ));
            }
        }

        let names: Vec<&str> = self.steps.iter().map(|s| s.name.as_str()).collect();
        let deps: Vec<Vec<&str>> = self
            .steps
            .iter()
            .map(|s| s.depends_on.iter().map(String::as_str).collect())
            .collect();
        out.extend(Graph::build(&names, &deps).violations);
        sort_by_field(&mut out);
        out
    }

    /// The step of this name.
    pub fn step(&self, name: &str) -> Option<&StepDefinition> {
        self.steps.iter().find(|s| s.name == name)
    }

    /// Map from step name to its index in [`steps`](Self::steps); the first
    /// step wins if names repeat (which validation refuses).
    pub fn step_index(&self) -> HashMap<&str, usize> {
        let mut index = HashMap::with_capacity(self.steps.len());
        for (i, step) in self.steps.iter().enumerate() {
            index.entry(step.name.as_str()).or_insert(i);
        }
        index
    }

    /// The dependency graph of the steps.
    ///
    /// # Errors
    ///
    /// [`CoreError::InvalidTemplate`] if the steps do not form a DAG (see
    /// [`Dag::new`]).
    pub fn dag(&self) -> Result<Dag, CoreError> {
        Dag::new(
            self.steps
                .iter()
                .map(|s| (s.name.as_str(), s.depends_on.iter().map(String::as_str))),
        )
    }

    /// Step names, each after all of its dependencies (ties in declaration
    /// order).
    ///
    /// # Errors
    ///
    /// As [`dag`](Self::dag).
    pub fn topological_order(&self) -> Result<Vec<&str>, CoreError> {
        let dag = self.dag()?;
        Ok(self.own_names(dag.topological_order()))
    }

    /// Pending steps whose dependencies are all `complete` or
    /// `resolved_manually`, in topological order; see [`Dag::ready_steps`].
    /// For repeated calls, build the [`Dag`] once with [`dag`](Self::dag).
    ///
    /// # Errors
    ///
    /// As [`dag`](Self::dag).
    pub fn ready_steps(
        &self,
        state_of: impl Fn(&str) -> Option<StepState>,
    ) -> Result<Vec<&str>, CoreError> {
        let dag = self.dag()?;
        Ok(self.own_names(dag.ready_steps(state_of)))
    }

    /// The same names, borrowed from this template rather than from a
    /// temporary [`Dag`].
    fn own_names(&self, names: Vec<&str>) -> Vec<&str> {
        let index = self.step_index();
        names
            .into_iter()
            .filter_map(|name| index.get(name).and_then(|&i| self.steps.get(i)))
            .map(|step| step.name.as_str())
            .collect()
    }

    /// The canonical serialisation the content hash is computed over: JSON
    /// with defaults applied, object keys sorted, no insignificant whitespace,
    /// durations in their canonical text (`"5m"`) and each step's
    /// `depends_on` sorted (it is a set). Two YAML documents that differ only
    /// in key order, formatting, comments or spelling of the same durations
    /// have the same canonical form.
    pub fn canonical_json(&self) -> String {
        let mut normalised = self.clone();
        for step in &mut normalised.steps {
            step.depends_on.sort();
        }
        let value = serde_json::to_value(&normalised).unwrap_or_else(|error| {
            // Unreachable: every map key is a string and no serialiser here
            // fails. Still, hash something that cannot collide with a template.
            Value::String(format!("unserialisable template: {error}"))
        });
        let mut out = String::new();
        write_canonical(&value, &mut out);
        out
    }

    /// Hex-encoded SHA-256 of [`canonical_json`](Self::canonical_json).
    pub fn content_hash(&self) -> String {
        hex::encode(Sha256::digest(self.canonical_json().as_bytes()))
    }
}

fn check_name(out: &mut Vec<Violation>, field: &str, value: &str) {
    if value.is_empty() {
        out.push(Violation::new(field, "must not be empty"));
    } else if value.chars().count() > MAX_NAME_LEN {
        out.push(Violation::new(
            field,
            format!("must be at most {MAX_NAME_LEN} characters"),
        ));
    } else if value.starts_with(['-', '.'])
        || !value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
    {
        out.push(Violation::new(
            field,
            format!(
                "{value:?} is not a valid name: use ASCII letters, digits, '_', '-' \
                 and '.', not starting with '-' or '.'"
            ),
        ));
    }
}

fn check_version(out: &mut Vec<Violation>, value: &str) {
    if value.is_empty() {
        out.push(Violation::new("version", "must not be empty"));
    } else if value.chars().count() > MAX_VERSION_LEN {
        out.push(Violation::new(
            "version",
            format!("must be at most {MAX_VERSION_LEN} characters"),
        ));
    } else if !value
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '+'))
    {
        out.push(Violation::new(
            "version",
            format!(
                "{value:?} is not a valid version: use ASCII letters, digits, '_', '-', \
                 '.' and '+' (e.g. 1.0.0)"
            ),
        ));
    }
}

fn check_handler(out: &mut Vec<Violation>, field: &str, value: &str) {
    if value.is_empty() {
        out.push(Violation::new(
            field,
            "must not be empty: name the handler workers register for",
        ));
    } else if value.chars().count() > MAX_HANDLER_LEN {
        out.push(Violation::new(
            field,
            format!("must be at most {MAX_HANDLER_LEN} characters"),
        ));
    } else if value.chars().any(|c| c.is_whitespace() || c.is_control()) {
        out.push(Violation::new(
            field,
            format!("{value:?} must not contain whitespace or control characters"),
        ));
    }
}

/// Orders violations as the fields appear in the document: top-level fields
/// first in declaration order, then steps by index. The sort is stable, so
/// several violations of one field keep their order.
fn sort_by_field(violations: &mut [Violation]) {
    const TOP: &[&str] = &[
        "namespace",
        "name",
        "version",
        "description",
        "default_retry",
        "context_schema",
        "staleness",
        "steps",
    ];
    let key = |field: &str| -> (usize, usize) {
        let head = field.split(['.', '[']).next().unwrap_or(field);
        let top = TOP.iter().position(|t| *t == head).unwrap_or(TOP.len());
        let step = field
            .strip_prefix("steps[")
            .and_then(|rest| rest.split(']').next())
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        (top, step)
    };
    violations.sort_by_key(|v| key(&v.field));
}

/// A YAML parse error as a violation: the field path serde_yaml reports, if
/// any, and the source position.
fn yaml_violation(error: &yaml_serde::Error) -> Violation {
    let message = error.to_string();
    let location = error.location().map(|l| SourceLocation {
        line: l.line(),
        column: l.column(),
    });
    // Messages read "steps[0].retry: unknown field `x` ... at line 5 column 7";
    // the part before ": " is a field path when it looks like one.
    let field = message
        .split_once(": ")
        .map(|(head, _)| head)
        .filter(|head| {
            !head.is_empty()
                && head
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '[' | ']'))
        })
        .unwrap_or_default()
        .to_owned();
    let description = if field.is_empty() {
        message.clone()
    } else {
        message
            .get(field.len() + 2..)
            .unwrap_or(&message)
            .to_owned()
    };
    Violation {
        field,
        description,
        location,
    }
}

/// JSON with object keys sorted by their UTF-8 bytes and no whitespace.
fn write_canonical(value: &Value, out: &mut String) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => {
            let _ = write!(out, "{n}");
        }
        Value::String(s) => write_string(s, out),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(item, out);
            }
            out.push(']');
        }
        Value::Object(map) => {
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            entries.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
            out.push('{');
            for (i, (key, item)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_string(key, out);
                out.push(':');
                write_canonical(item, out);
            }
            out.push('}');
        }
    }
}

fn write_string(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if u32::from(c) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    const ORDER: &str = r#"
namespace: payments
name: process_order
version: 1.0.0
description: Charge and ship an order.
default_retry:
  max_attempts: 5
  jitter: 0.2
context_schema:
  type: object
  required: [order_id]
staleness:
  waiting: 2h
steps:
  - name: validate
    handler: payments.validate
  - name: charge
    handler: payments.charge
    depends_on: [validate]
    timeout: 30s
    retry: { max_attempts: 10, initial_backoff: 250ms }
    handler_config: { gateway: stripe, amounts: [1, 2.5], nested: { a: null } }
  - name: ship
    handler: shipping.ship
    depends_on: [charge, validate]
"#;

    fn fields(err: CoreError) -> Vec<String> {
        match err {
            CoreError::InvalidTemplate { violations } => {
                violations.into_iter().map(|v| v.field).collect()
            }
            other => panic!("expected violations, got {other:?}"),
        }
    }

    fn descriptions(err: CoreError) -> Vec<String> {
        match err {
            CoreError::InvalidTemplate { violations } => {
                violations.into_iter().map(|v| v.to_string()).collect()
            }
            other => panic!("expected violations, got {other:?}"),
        }
    }

    #[test]
    fn parses_and_applies_defaults() {
        let t = Template::load(ORDER).unwrap();
        assert_eq!(t.namespace, "payments");
        assert_eq!(t.version, "1.0.0");
        assert_eq!(t.steps.len(), 3);
        assert_eq!(t.default_retry.max_attempts, 5);
        assert_eq!(t.default_retry.jitter, 0.2);
        assert_eq!(
            t.default_retry.initial_backoff,
            RetryPolicy::default().initial_backoff
        );

        let validate = t.step("validate").unwrap();
        assert_eq!(
            validate.retry, t.default_retry,
            "steps inherit default_retry"
        );
        assert_eq!(validate.timeout, DEFAULT_STEP_TIMEOUT);
        assert!(validate.handler_config.is_empty());
        assert!(validate.description.is_empty());

        let charge = t.step("charge").unwrap();
        assert_eq!(charge.retry.max_attempts, 10);
        assert_eq!(charge.retry.initial_backoff, Duration::from_millis(250));
        assert_eq!(
            charge.retry.jitter, 0.2,
            "unset fields come from default_retry"
        );
        assert_eq!(charge.timeout, Duration::from_secs(30));
        assert_eq!(charge.handler_config["gateway"], "stripe");
        assert_eq!(
            t.context_schema.as_ref().unwrap()["required"],
            serde_json::json!(["order_id"])
        );
        assert_eq!(t.staleness.waiting, Some(Duration::from_secs(7200)));
        assert_eq!(t.staleness.processing, None);
        assert_eq!(t.step_index()["ship"], 2);
    }

    #[test]
    fn order_and_readiness() {
        let t = Template::load(ORDER).unwrap();
        assert_eq!(
            t.topological_order().unwrap(),
            ["validate", "charge", "ship"]
        );
        assert_eq!(t.ready_steps(|_| None).unwrap(), ["validate"]);
        let done = |name: &str| (name == "validate").then_some(StepState::Complete);
        assert_eq!(t.ready_steps(done).unwrap(), ["charge"]);
    }

    #[test]
    fn serialised_form_round_trips() {
        let t = Template::load(ORDER).unwrap();
        let yaml = yaml_serde::to_string(&t).unwrap();
        assert_eq!(Template::from_yaml(&yaml).unwrap(), t);
        let json = serde_json::to_string(&t).unwrap();
        assert_eq!(serde_json::from_str::<Template>(&json).unwrap(), t);
        assert!(json.contains("\"timeout\":\"30s\""), "{json}");
    }

    #[test]
    fn content_hash_ignores_key_order_and_formatting() {
        let reordered = r#"
# Same template, different key order, layout and duration spelling.
steps:
  - handler: payments.validate
    name: validate
  - depends_on: [validate]
    name: charge
    handler_config: { nested: { a: null }, amounts: [1, 2.5], gateway: stripe }
    retry: { initial_backoff: 0.25s, max_attempts: 10 }
    timeout: 30000ms
    handler: payments.charge
  - name: ship
    depends_on: [validate, charge]
    handler: shipping.ship
staleness: { waiting: 120m }
context_schema: { required: [order_id], type: object }
default_retry: { jitter: 0.2, max_attempts: 5 }
description: Charge and ship an order.
version: 1.0.0
name: process_order
namespace: payments
"#;
        let a = Template::load(ORDER).unwrap();
        let b = Template::load(reordered).unwrap();
        assert_eq!(a.content_hash(), b.content_hash());
        assert_eq!(a.content_hash().len(), 64);
        assert!(a.content_hash().chars().all(|c| c.is_ascii_hexdigit()));

        let mut changed = a.clone();
        changed.steps[1]
            .handler_config
            .insert("gateway".into(), "adyen".into());
        assert_ne!(a.content_hash(), changed.content_hash());
        let mut described = a.clone();
        described.description.push('!');
        assert_ne!(a.content_hash(), described.content_hash());
    }

    #[test]
    fn canonical_json_is_sorted_and_compact() {
        let t = Template::load(
            "namespace: n\nname: x\nversion: '1'\nsteps: [{name: a, handler: h, handler_config: {z: \"q\\\"\\n\", a: 1}}]",
        )
        .unwrap();
        let json = t.canonical_json();
        assert!(
            json.starts_with("{\"default_retry\":{\"backoff_multiplier\":2.0,"),
            "{json}"
        );
        assert!(
            json.contains("\"handler_config\":{\"a\":1,\"z\":\"q\\\"\\n\"}"),
            "{json}"
        );
    }

    #[test]
    fn collects_every_violation() {
        let yaml = r#"
namespace: ""
name: "has space"
version: ""
default_retry: { jitter: 2 }
staleness: { processing: 0s }
steps:
  - name: a
    handler: ""
    depends_on: [a, ghost]
    retry: { max_attempts: 0, backoff_multiplier: 0.5 }
  - name: b
    handler: h b
    depends_on: [c]
    timeout: 0s
  - name: c
    handler: h
    depends_on: [b]
    retry: { initial_backoff: 10m, max_backoff: 1m }
  - name: a
    handler: h
"#;
        let t = Template::from_yaml(yaml).unwrap();
        let err = t.validate().unwrap_err();
        assert_eq!(
            descriptions(err),
            [
                "namespace: must not be empty",
                "name: \"has space\" is not a valid name: use ASCII letters, digits, '_', '-' \
                 and '.', not starting with '-' or '.'",
                "version: must not be empty",
                "default_retry.jitter: must be between 0 and 1, got 2",
                "staleness.processing: must be greater than zero",
                "steps[0].handler: must not be empty: name the handler workers register for",
                "steps[0].retry.max_attempts: must be at least 1 (it counts the first attempt; \
                 1 means no retry)",
                "steps[0].retry.backoff_multiplier: must be a finite number of at least 1, got 0.5",
                "steps[0].depends_on[0]: step \"a\" cannot depend on itself",
                "steps[0].depends_on[1]: unknown step \"ghost\"",
                "steps[1].handler: \"h b\" must not contain whitespace or control characters",
                "steps[1].timeout: must be greater than zero",
                "steps[1].depends_on[0]: dependency cycle: b -> c -> b (each step depends on \
                 the next)",
                "steps[2].retry.initial_backoff: must not exceed max_backoff (10m > 1m)",
                "steps[3].name: duplicate step name \"a\"; steps[0] already uses it",
            ]
        );
    }

    #[test]
    fn longer_cycles_are_reported_with_their_path() {
        let yaml = "namespace: n\nname: x\nversion: '1'\nsteps:\n\
            - {name: a, handler: h, depends_on: [b]}\n\
            - {name: b, handler: h, depends_on: [c]}\n\
            - {name: c, handler: h, depends_on: [a]}\n";
        let err = Template::load(yaml).unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid template: steps[0].depends_on[0]: dependency cycle: a -> b -> c -> a \
             (each step depends on the next)"
        );
    }

    #[test]
    fn missing_fields_are_violations_not_parse_errors() {
        let err = Template::load("description: nothing else").unwrap_err();
        assert_eq!(fields(err), ["namespace", "name", "version", "steps"]);
        let err = Template::load("{}").unwrap_err();
        assert_eq!(fields(err).len(), 4);
    }

    #[test]
    fn parse_errors_carry_line_and_column() {
        let err =
            Template::from_yaml("namespace: n\nsteps:\n  - name: a\n    handler: [\n").unwrap_err();
        let CoreError::InvalidTemplate { violations } = err else {
            panic!()
        };
        assert_eq!(violations.len(), 1);
        assert!(violations[0].location.is_some(), "{violations:?}");

        let err = Template::from_yaml(
            "namespace: n\nsteps:\n  - name: a\n    handler: h\n    depend_on: [b]\n",
        )
        .unwrap_err();
        let CoreError::InvalidTemplate { violations } = err else {
            panic!()
        };
        let v = &violations[0];
        assert_eq!(v.field, "steps[0]");
        assert!(
            v.description.starts_with("unknown field `depend_on`"),
            "{v}"
        );
        assert_eq!(v.location, Some(SourceLocation { line: 5, column: 5 }));

        let err =
            Template::from_yaml("steps:\n  - name: a\n    retry:\n      max_attempts: many\n")
                .unwrap_err();
        let CoreError::InvalidTemplate { violations } = err else {
            panic!()
        };
        assert_eq!(
            violations[0].field, "steps[0].retry.max_attempts",
            "{violations:?}"
        );
        assert_eq!(violations[0].location.map(|l| l.line), Some(4));

        let err = Template::from_yaml("steps:\n  - name: a\n    timeout: 30\n").unwrap_err();
        assert!(err.to_string().contains("has no unit"), "{err}");
        let err =
            Template::from_yaml("steps:\n  - name: a\n    timeout: 30 parsecs\n").unwrap_err();
        assert!(err.to_string().contains("unknown unit"), "{err}");
    }

    #[test]
    fn odd_documents_do_not_panic() {
        for yaml in [
            "",
            "~",
            "[]",
            "42",
            "---\n---\n",
            "a: &x [*x]",
            "steps: {a: 1}",
            "steps: [~]",
            "namespace: !!binary aGVsbG8=",
            "handler_config: {1: 2}",
            "steps: [{name: a, handler_config: {1: 2}}]",
            "default_retry: { jitter: .nan, backoff_multiplier: .inf }",
            "steps: [{name: a, depends_on: ~, retry: ~, timeout: ~}]",
        ] {
            if let Ok(t) = Template::from_yaml(yaml) {
                let _ = t.validate();
                let _ = t.content_hash();
                let _ = t.topological_order();
            }
        }
    }

    #[test]
    fn nan_policies_are_refused_and_still_hash() {
        let t = Template::from_yaml(
            "namespace: n\nname: x\nversion: '1'\ndefault_retry: { jitter: .nan, backoff_multiplier: .inf }\nsteps: [{name: a, handler: h}]",
        )
        .unwrap();
        assert_eq!(
            fields(t.validate().unwrap_err()),
            ["default_retry.backoff_multiplier", "default_retry.jitter"],
            "inherited problems are reported once"
        );
        assert_eq!(t.content_hash().len(), 64);
    }

    #[test]
    fn billion_laughs_is_refused() {
        let mut yaml = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..10 {
            yaml.push_str(&format!(
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n",
                p = i - 1
            ));
        }
        let yaml = format!(
            "namespace: n\ncontext_schema:\n  {}",
            yaml.replace('\n', "\n  ")
        );
        assert!(Template::from_yaml(&yaml).is_err());
    }

    fn arbitrary_template() -> impl Strategy<Value = String> {
        let step = (
            "[a-d]{0,2}",
            "[a-z. ]{0,3}",
            prop::collection::vec("[a-d]{0,2}", 0..3),
            prop::option::of(0u32..4),
            prop::option::of(prop_oneof![Just("0s"), Just("30s"), Just("5"), Just("1h")]),
        )
            .prop_map(|(name, handler, deps, attempts, timeout)| {
                let mut s = format!(
                    "  - name: \"{name}\"\n    handler: \"{handler}\"\n    depends_on: [{}]\n",
                    deps.iter()
                        .map(|d| format!("\"{d}\""))
                        .collect::<Vec<_>>()
                        .join(", ")
                );
                if let Some(a) = attempts {
                    s.push_str(&format!("    retry: {{ max_attempts: {a} }}\n"));
                }
                if let Some(t) = timeout {
                    s.push_str(&format!("    timeout: {t}\n"));
                }
                s
            });
        ("[a-z_]{0,4}", prop::collection::vec(step, 0..6)).prop_map(|(name, steps)| {
            format!(
                "namespace: ns\nname: \"{name}\"\nversion: '1'\nsteps:\n{}",
                steps.concat()
            )
        })
    }

    proptest! {
        #[test]
        fn arbitrary_text_never_panics(text in "\\PC{0,200}") {
            if let Ok(t) = Template::from_yaml(&text) {
                let _ = t.violations();
                let _ = t.content_hash();
            }
        }

        #[test]
        fn yaml_like_text_never_panics(text in "[a-z_:\\[\\]{}, \\n\\-&*!|>'\"#0-9.~]{0,200}") {
            if let Ok(t) = Template::from_yaml(&text) {
                let _ = t.violations();
                let _ = t.content_hash();
                let _ = t.ready_steps(|_| None);
            }
        }

        /// Structured templates: validation agrees with the graph, and a valid
        /// template round-trips through its own serialisation with the same
        /// hash.
        #[test]
        fn structured_templates(yaml in arbitrary_template()) {
            let parsed = Template::from_yaml(&yaml);
            match parsed {
                Ok(t) => match t.validate() {
                    Ok(()) => {
                        let order = t.topological_order().unwrap();
                        prop_assert_eq!(order.len(), t.steps.len());
                        let again = Template::from_yaml(&yaml_serde::to_string(&t).unwrap()).unwrap();
                        prop_assert_eq!(again.content_hash(), t.content_hash());
                    }
                    Err(CoreError::InvalidTemplate { violations }) => {
                        prop_assert!(!violations.is_empty());
                        for v in &violations {
                            prop_assert!(!v.description.is_empty());
                        }
                    }
                    Err(other) => prop_assert!(false, "unexpected {other:?}"),
                },
                Err(CoreError::InvalidTemplate { violations }) => {
                    // Only a unit-less timeout is a parse error here.
                    prop_assert_eq!(violations.len(), 1);
                    prop_assert!(violations[0].description.contains("no unit"), "{:?}", violations);
                }
                Err(other) => prop_assert!(false, "unexpected {other:?}"),
            }
        }
    }
}

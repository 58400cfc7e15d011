//! Tasker's example step handlers, and the `examples` templates that use
//! them (`config/templates/examples_*.yaml`, compiled in as [`TEMPLATES`]).
//! Two processes run them: the `tasker-worker` binary and the server's
//! embedded worker in development, which registers the templates itself. The
//! crate depends only on the worker SDK, so neither process pulls in the
//! other.
//!
//! | name | does | handler_config |
//! |---|---|---|
//! | `noop` | returns `{}` | — |
//! | `echo` | returns `{"task_context": …, "dependency_results": …}` | — |
//! | `sleep` | sleeps, stopping early (retryable failure) when cancelled | `{"ms": N}` (default 0) |
//! | `fail_then_succeed` | fails retryably until the attempt reaches `succeed_on_attempt` | `{"succeed_on_attempt": N}` (default 2) |
//! | `always_fail` | fails permanently (retryably with `retryable: true`) | `{"message": "…", "retryable": bool}` (optional) |
//! | `sum` | `{"sum": add + Σ dependency sums}`, or at a root step `add + context.value` | `{"add": N}` (default 0) |

use std::sync::Arc;
use std::time::Duration;

use serde::Deserialize;
use serde_json::{Map, Value, json};

use tasker_worker::{Handler, HandlerRegistry, HandlerResult, StepContext, StepFailure};

/// The namespace of the `examples` templates.
pub const NAMESPACE: &str = "examples";

/// The `examples` templates (`config/templates/examples_*.yaml`), as YAML.
pub const TEMPLATES: [&str; 5] = [
    include_str!("../../../config/templates/examples_always_fails.yaml"),
    include_str!("../../../config/templates/examples_diamond.yaml"),
    include_str!("../../../config/templates/examples_flaky.yaml"),
    include_str!("../../../config/templates/examples_linear.yaml"),
    include_str!("../../../config/templates/examples_tree.yaml"),
];

/// Name of [`Noop`].
pub const NOOP: &str = "noop";
/// Name of [`Echo`].
pub const ECHO: &str = "echo";
/// Name of [`Sleep`].
pub const SLEEP: &str = "sleep";
/// Name of [`FailThenSucceed`].
pub const FAIL_THEN_SUCCEED: &str = "fail_then_succeed";
/// Name of [`AlwaysFail`].
pub const ALWAYS_FAIL: &str = "always_fail";
/// Name of [`Sum`].
pub const SUM: &str = "sum";

/// Registers every example handler under its name.
pub fn register_examples(registry: &mut HandlerRegistry) {
    registry.register(NOOP, Arc::new(Noop));
    registry.register(ECHO, Arc::new(Echo));
    registry.register(SLEEP, Arc::new(Sleep));
    registry.register(FAIL_THEN_SUCCEED, Arc::new(FailThenSucceed));
    registry.register(ALWAYS_FAIL, Arc::new(AlwaysFail));
    registry.register(SUM, Arc::new(Sum));
}

/// A registry holding every example handler.
pub fn example_registry() -> HandlerRegistry {
    let mut registry = HandlerRegistry::new();
    register_examples(&mut registry);
    registry
}

/// Does nothing; returns `{}`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Noop;

#[tasker_worker::async_trait]
impl Handler for Noop {
    async fn call(&self, _ctx: StepContext) -> HandlerResult {
        Ok(Value::Object(Map::new()))
    }
}

/// Returns its inputs: `{"task_context": …, "dependency_results": {step: results}}`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Echo;

#[tasker_worker::async_trait]
impl Handler for Echo {
    async fn call(&self, ctx: StepContext) -> HandlerResult {
        Ok(json!({
            "task_context": ctx.task_context(),
            "dependency_results": ctx.dependency_results(),
        }))
    }
}

/// Sleeps `handler_config.ms` milliseconds and returns `{"slept_ms": N}`; when
/// cancelled first, fails retryably with class `Cancelled`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Sleep;

#[derive(Deserialize)]
struct SleepConfig {
    #[serde(default)]
    ms: u64,
}

#[tasker_worker::async_trait]
impl Handler for Sleep {
    async fn call(&self, ctx: StepContext) -> HandlerResult {
        let config: SleepConfig = ctx.handler_config_as()?;
        tokio::select! {
            () = tokio::time::sleep(Duration::from_millis(config.ms)) => Ok(json!({ "slept_ms": config.ms })),
            () = ctx.cancellation().cancelled() => Err(
                StepFailure::retryable("interrupted before the sleep was over").with_class("Cancelled"),
            ),
        }
    }
}

/// Fails retryably (class `FlakyFailure`) until the attempt number reaches
/// `handler_config.succeed_on_attempt` (default 2), then returns
/// `{"attempt": N}`.
#[derive(Debug, Clone, Copy, Default)]
pub struct FailThenSucceed;

#[derive(Deserialize)]
struct FailThenSucceedConfig {
    #[serde(default = "default_succeed_on_attempt")]
    succeed_on_attempt: u32,
}

const fn default_succeed_on_attempt() -> u32 {
    2
}

#[tasker_worker::async_trait]
impl Handler for FailThenSucceed {
    async fn call(&self, ctx: StepContext) -> HandlerResult {
        let config: FailThenSucceedConfig = ctx.handler_config_as()?;
        if ctx.attempt() >= config.succeed_on_attempt {
            Ok(json!({ "attempt": ctx.attempt() }))
        } else {
            Err(StepFailure::retryable(format!(
                "attempt {} fails; attempt {} will succeed",
                ctx.attempt(),
                config.succeed_on_attempt
            ))
            .with_class("FlakyFailure")
            .with_details(json!({ "attempt": ctx.attempt() })))
        }
    }
}

/// Always fails (class `AlwaysFails`): permanently, unless
/// `handler_config.retryable` is `true` (then retries run out instead), with
/// `handler_config.message` when set.
#[derive(Debug, Clone, Copy, Default)]
pub struct AlwaysFail;

#[derive(Deserialize)]
struct AlwaysFailConfig {
    #[serde(default)]
    message: Option<String>,
    #[serde(default)]
    retryable: bool,
}

#[tasker_worker::async_trait]
impl Handler for AlwaysFail {
    async fn call(&self, ctx: StepContext) -> HandlerResult {
        let config: AlwaysFailConfig = ctx.handler_config_as()?;
        let message = config
            .message
            .unwrap_or_else(|| "this step always fails".to_owned());
        let failure = if config.retryable {
            StepFailure::retryable(message)
        } else {
            StepFailure::permanent(message)
        };
        Err(failure.with_class("AlwaysFails"))
    }
}

/// Adds numbers along the DAG: returns `{"sum": add + Σ deps[*].sum}`, where
/// `add` is `handler_config.add` (default 0). A step with no dependencies
/// starts from the task context's `value` (a number, or an array of numbers,
/// default 0) instead. A dependency without `sum` counts as 0; a value that
/// is not a number is a permanent `InvalidInput` failure.
#[derive(Debug, Clone, Copy, Default)]
pub struct Sum;

#[tasker_worker::async_trait]
impl Handler for Sum {
    async fn call(&self, ctx: StepContext) -> HandlerResult {
        let mut total = number(&ctx.handler_config()["add"], "handler_config.add")?;
        if ctx.dependency_results().is_empty() {
            total += match &ctx.task_context()["value"] {
                Value::Array(items) => items
                    .iter()
                    .map(|v| number(v, "task_context.value[]"))
                    .sum::<Result<f64, _>>()?,
                other => number(other, "task_context.value")?,
            };
        } else {
            for (step, results) in ctx.dependency_results() {
                total += number(&results["sum"], &format!("dependency_results.{step}.sum"))?;
            }
        }
        Ok(json!({ "sum": whole(total) }))
    }
}

/// A number, `null`/absent as 0.
fn number(value: &Value, what: &str) -> Result<f64, StepFailure> {
    match value {
        Value::Null => Ok(0.0),
        Value::Number(n) => n.as_f64().ok_or_else(|| invalid(what, value)),
        _ => Err(invalid(what, value)),
    }
}

fn invalid(what: &str, value: &Value) -> StepFailure {
    StepFailure::permanent(format!("{what}: expected a number, got {value}"))
        .with_class("InvalidInput")
}

/// `n` as a JSON integer when it is whole, else as a float.
fn whole(n: f64) -> Value {
    if n.fract() == 0.0 && n.abs() < 9.0e15 {
        // Guarded: the value is whole and well inside the i64 range.
        #[allow(clippy::cast_possible_truncation)]
        let int = n as i64;
        json!(int)
    } else {
        json!(n)
    }
}

#[cfg(test)]
mod tests {
    use tasker_worker::CancellationToken;

    use super::*;

    async fn run(handler: &str, ctx: StepContext) -> HandlerResult {
        example_registry().get(handler).unwrap().call(ctx).await
    }

    #[tokio::test]
    async fn noop_and_echo() {
        assert_eq!(run(NOOP, StepContext::new("a", NOOP)).await, Ok(json!({})));
        let ctx = StepContext::new("b", ECHO)
            .with_task_context(json!({"order": 7}))
            .with_dependency_result("a", json!({"x": 1}));
        assert_eq!(
            run(ECHO, ctx).await,
            Ok(json!({"task_context": {"order": 7}, "dependency_results": {"a": {"x": 1}}}))
        );
    }

    #[tokio::test]
    async fn sleep_sleeps_and_stops_when_cancelled() {
        let ctx = StepContext::new("s", SLEEP).with_handler_config(json!({"ms": 5}));
        assert_eq!(run(SLEEP, ctx).await, Ok(json!({"slept_ms": 5})));

        let token = CancellationToken::new();
        let ctx = StepContext::new("s", SLEEP)
            .with_handler_config(json!({"ms": 60_000}))
            .with_cancellation(token.clone());
        let running = tokio::spawn(async move { run(SLEEP, ctx).await });
        token.cancel();
        let failure = running.await.unwrap().unwrap_err();
        assert!(failure.retryable);
        assert_eq!(failure.error_class, "Cancelled");

        let bad = StepContext::new("s", SLEEP).with_handler_config(json!({"ms": "soon"}));
        assert_eq!(
            run(SLEEP, bad).await.unwrap_err().error_class,
            "InvalidHandlerConfig"
        );
    }

    #[tokio::test]
    async fn fail_then_succeed_counts_attempts() {
        let first = StepContext::new("f", FAIL_THEN_SUCCEED).with_attempt(1, 3);
        let failure = run(FAIL_THEN_SUCCEED, first).await.unwrap_err();
        assert!(failure.retryable);
        assert_eq!(failure.error_class, "FlakyFailure");
        let second = StepContext::new("f", FAIL_THEN_SUCCEED).with_attempt(2, 3);
        assert_eq!(
            run(FAIL_THEN_SUCCEED, second).await,
            Ok(json!({"attempt": 2}))
        );
        let configured = StepContext::new("f", FAIL_THEN_SUCCEED)
            .with_attempt(2, 5)
            .with_handler_config(json!({"succeed_on_attempt": 3}));
        assert!(run(FAIL_THEN_SUCCEED, configured).await.is_err());
    }

    #[tokio::test]
    async fn always_fail_is_permanent() {
        let failure = run(ALWAYS_FAIL, StepContext::new("x", ALWAYS_FAIL))
            .await
            .unwrap_err();
        assert!(!failure.retryable);
        assert_eq!(failure.error_class, "AlwaysFails");
        let custom =
            StepContext::new("x", ALWAYS_FAIL).with_handler_config(json!({"message": "nope"}));
        assert_eq!(run(ALWAYS_FAIL, custom).await.unwrap_err().message, "nope");
        let retryable =
            StepContext::new("x", ALWAYS_FAIL).with_handler_config(json!({"retryable": true}));
        assert!(run(ALWAYS_FAIL, retryable).await.unwrap_err().retryable);
    }

    #[tokio::test]
    async fn sum_flows_along_the_dag() {
        // Diamond a → {b, c} → d with value 1 and add 1 everywhere.
        let add = json!({"add": 1});
        let a = run(
            SUM,
            StepContext::new("a", SUM)
                .with_task_context(json!({"value": 1}))
                .with_handler_config(add.clone()),
        )
        .await
        .unwrap();
        assert_eq!(a, json!({"sum": 2}));
        let b = run(
            SUM,
            StepContext::new("b", SUM)
                .with_task_context(json!({"value": 1}))
                .with_dependency_result("a", a.clone())
                .with_handler_config(add.clone()),
        )
        .await
        .unwrap();
        assert_eq!(b, json!({"sum": 3}), "the context counts only at roots");
        let d = run(
            SUM,
            StepContext::new("d", SUM)
                .with_dependency_result("b", b.clone())
                .with_dependency_result("c", b)
                .with_handler_config(add),
        )
        .await
        .unwrap();
        assert_eq!(d, json!({"sum": 7}));

        let list = StepContext::new("r", SUM).with_task_context(json!({"value": [1, 2.5]}));
        assert_eq!(run(SUM, list).await, Ok(json!({"sum": 3.5})));
        let empty = StepContext::new("r", SUM).with_dependency_result("noop", json!({}));
        assert_eq!(run(SUM, empty).await, Ok(json!({"sum": 0})));
        let bad = StepContext::new("r", SUM).with_task_context(json!({"value": "ten"}));
        let failure = run(SUM, bad).await.unwrap_err();
        assert_eq!(failure.error_class, "InvalidInput");
        assert!(!failure.retryable);
    }
}

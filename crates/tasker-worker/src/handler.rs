//! Step handlers: the [`Handler`] trait, what a handler is given
//! ([`StepContext`]) and returns ([`HandlerResult`], [`StepFailure`]), and the
//! [`HandlerRegistry`] that maps handler names to implementations.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use tokio_util::sync::CancellationToken;

use crate::convert;

/// What a handler returns: the step's results (a JSON object; `null` counts
/// as `{}` and any other value is reported as `{"result": value}`), or why the
/// attempt failed.
pub type HandlerResult = Result<Value, StepFailure>;

/// Executes the steps of one handler name.
///
/// Implementations are shared between concurrent attempts (`&self`), so keep
/// per-attempt state in the future. A handler should watch
/// [`StepContext::cancellation`]: it fires when the worker loses the step's
/// lease (the result would be rejected, so stop) or when the worker begins to
/// shut down (finish quickly or give up with a retryable failure). A handler
/// that ignores it is stopped when its timeout or the shutdown drain timeout
/// runs out.
///
/// ```
/// use tasker_worker::{Handler, HandlerResult, StepContext, StepFailure, async_trait};
///
/// struct Charge;
///
/// #[async_trait]
/// impl Handler for Charge {
///     async fn call(&self, ctx: StepContext) -> HandlerResult {
///         let amount = ctx.task_context()["amount"]
///             .as_f64()
///             .ok_or_else(|| StepFailure::permanent("amount is missing"))?;
///         Ok(serde_json::json!({ "charged": amount }))
///     }
/// }
/// ```
#[async_trait::async_trait]
pub trait Handler: Send + Sync + 'static {
    /// Runs one attempt of a step.
    async fn call(&self, ctx: StepContext) -> HandlerResult;
}

/// A [`Handler`] made from an async closure; see [`handler_fn`].
pub struct FnHandler<F>(F);

impl<F> fmt::Debug for FnHandler<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("FnHandler")
    }
}

/// Wraps an async closure as a [`Handler`].
///
/// ```
/// use tasker_worker::{handler_fn, StepContext};
///
/// let double = handler_fn(|ctx: StepContext| async move {
///     let n = ctx.task_context()["n"].as_f64().unwrap_or(0.0);
///     Ok(serde_json::json!({ "doubled": n * 2.0 }))
/// });
/// # let _ = double;
/// ```
pub fn handler_fn<F, Fut>(f: F) -> FnHandler<F>
where
    F: Fn(StepContext) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = HandlerResult> + Send + 'static,
{
    FnHandler(f)
}

#[async_trait::async_trait]
impl<F, Fut> Handler for FnHandler<F>
where
    F: Fn(StepContext) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = HandlerResult> + Send + 'static,
{
    async fn call(&self, ctx: StepContext) -> HandlerResult {
        (self.0)(ctx).await
    }
}

/// Why an attempt failed, as reported to the orchestrator with `FailStep`.
#[derive(Debug, Clone, PartialEq)]
pub struct StepFailure {
    /// What went wrong, for people.
    pub message: String,
    /// A stable name of the kind of error, for machines and dashboards
    /// (e.g. `PaymentDeclined`). Defaults to `StepFailure`.
    pub error_class: String,
    /// Whether another attempt may succeed. A non-retryable failure fails the
    /// step at once; a retryable one is retried while attempts remain.
    pub retryable: bool,
    /// The earliest the step should be retried; a lower bound on the
    /// template's backoff.
    pub retry_after: Option<Duration>,
    /// Structured details (a JSON object; anything else is wrapped as
    /// `{"result": value}`, `null` means none).
    pub details: Value,
}

/// Error class of a failure built without [`StepFailure::with_class`].
pub const DEFAULT_ERROR_CLASS: &str = "StepFailure";

impl StepFailure {
    /// A failure that may succeed on another attempt.
    pub fn retryable(message: impl Into<String>) -> Self {
        Self::new(message, true)
    }

    /// A failure no retry can fix.
    pub fn permanent(message: impl Into<String>) -> Self {
        Self::new(message, false)
    }

    fn new(message: impl Into<String>, retryable: bool) -> Self {
        Self {
            message: message.into(),
            error_class: DEFAULT_ERROR_CLASS.to_owned(),
            retryable,
            retry_after: None,
            details: Value::Null,
        }
    }

    /// A failure from any error, its message being the error's display form
    /// and its class `class`.
    pub fn from_error(error: &dyn std::error::Error, class: &str, retryable: bool) -> Self {
        Self::new(error.to_string(), retryable).with_class(class)
    }

    /// Sets the error class.
    #[must_use]
    pub fn with_class(mut self, class: impl Into<String>) -> Self {
        self.error_class = class.into();
        self
    }

    /// Sets the earliest retry delay.
    #[must_use]
    pub fn with_retry_after(mut self, delay: Duration) -> Self {
        self.retry_after = Some(delay);
        self
    }

    /// Sets the structured details.
    #[must_use]
    pub fn with_details(mut self, details: Value) -> Self {
        self.details = details;
        self
    }

    /// The protobuf `StepError` of this failure.
    pub fn to_proto(&self) -> tasker_proto::v1::StepError {
        tasker_proto::v1::StepError {
            message: self.message.clone(),
            error_class: self.error_class.clone(),
            retryable: self.retryable,
            details: match &self.details {
                Value::Null => None,
                other => Some(convert::results_to_struct(other)),
            },
        }
    }
}

impl fmt::Display for StepFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = if self.retryable {
            "retryable"
        } else {
            "permanent"
        };
        write!(f, "{} ({kind}): {}", self.error_class, self.message)
    }
}

impl std::error::Error for StepFailure {}

/// Everything a handler knows about the attempt it runs.
///
/// The worker builds it from the claimed step; tests build one with
/// [`StepContext::new`] and the `with_*` methods.
#[derive(Debug, Clone)]
pub struct StepContext {
    claim_uuid: String,
    step_uuid: String,
    task_uuid: String,
    step_name: String,
    handler: String,
    namespace: String,
    task_name: String,
    task_version: String,
    attempt: u32,
    max_attempts: u32,
    task_context: Value,
    dependency_results: BTreeMap<String, Value>,
    handler_config: Value,
    timeout: Duration,
    cancellation: CancellationToken,
}

impl StepContext {
    /// A context for `step_name` run by `handler`, attempt 1 of 1, with an
    /// empty task context, no dependency results, empty handler config, the
    /// default step timeout and a fresh cancellation token. Meant for tests
    /// of handlers.
    pub fn new(step_name: impl Into<String>, handler: impl Into<String>) -> Self {
        Self {
            claim_uuid: String::new(),
            step_uuid: String::new(),
            task_uuid: String::new(),
            step_name: step_name.into(),
            handler: handler.into(),
            namespace: String::new(),
            task_name: String::new(),
            task_version: String::new(),
            attempt: 1,
            max_attempts: 1,
            task_context: Value::Object(Map::new()),
            dependency_results: BTreeMap::new(),
            handler_config: Value::Object(Map::new()),
            timeout: tasker_core::DEFAULT_STEP_TIMEOUT,
            cancellation: CancellationToken::new(),
        }
    }

    /// The context of a claimed step, with the given timeout default and
    /// cancellation token.
    pub(crate) fn from_claim(
        claim: &tasker_proto::v1::ClaimedStep,
        default_timeout: Duration,
        cancellation: CancellationToken,
    ) -> Self {
        let step = claim.step.clone().unwrap_or_default();
        let timeout = convert::duration_from_proto(step.timeout.as_ref())
            .filter(|t| !t.is_zero())
            .unwrap_or(default_timeout);
        let attempt = if claim.attempt > 0 {
            claim.attempt
        } else {
            step.attempts
        };
        Self {
            claim_uuid: claim.claim_uuid.clone(),
            step_uuid: step.step_uuid,
            task_uuid: step.task_uuid,
            step_name: step.name,
            handler: step.handler,
            namespace: claim.namespace.clone(),
            task_name: claim.task_name.clone(),
            task_version: claim.task_version.clone(),
            attempt: u32::try_from(attempt).unwrap_or(0).max(1),
            max_attempts: u32::try_from(step.max_attempts).unwrap_or(0),
            task_context: convert::struct_to_json(claim.task_context.as_ref()),
            dependency_results: claim
                .dependency_results
                .iter()
                .map(|(name, results)| (name.clone(), convert::struct_to_json(Some(results))))
                .collect(),
            handler_config: convert::struct_to_json(step.handler_config.as_ref()),
            timeout,
            cancellation,
        }
    }

    /// Sets the attempt number and the maximum number of attempts.
    #[must_use]
    pub fn with_attempt(mut self, attempt: u32, max_attempts: u32) -> Self {
        self.attempt = attempt;
        self.max_attempts = max_attempts;
        self
    }

    /// Sets the task context.
    #[must_use]
    pub fn with_task_context(mut self, context: Value) -> Self {
        self.task_context = context;
        self
    }

    /// Adds the results of a dependency.
    #[must_use]
    pub fn with_dependency_result(mut self, step_name: impl Into<String>, results: Value) -> Self {
        self.dependency_results.insert(step_name.into(), results);
        self
    }

    /// Sets the handler configuration.
    #[must_use]
    pub fn with_handler_config(mut self, config: Value) -> Self {
        self.handler_config = config;
        self
    }

    /// Sets the timeout.
    #[must_use]
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Sets the cancellation token.
    #[must_use]
    pub fn with_cancellation(mut self, token: CancellationToken) -> Self {
        self.cancellation = token;
        self
    }

    /// The claim (this attempt's lease) identifier.
    pub fn claim_uuid(&self) -> &str {
        &self.claim_uuid
    }

    /// The step identifier.
    pub fn step_uuid(&self) -> &str {
        &self.step_uuid
    }

    /// The task identifier.
    pub fn task_uuid(&self) -> &str {
        &self.task_uuid
    }

    /// The step's name within its template.
    pub fn step_name(&self) -> &str {
        &self.step_name
    }

    /// The handler name the step asked for.
    pub fn handler_name(&self) -> &str {
        &self.handler
    }

    /// The task's template namespace.
    pub fn namespace(&self) -> &str {
        &self.namespace
    }

    /// The task's template name.
    pub fn task_name(&self) -> &str {
        &self.task_name
    }

    /// The task's template version.
    pub fn task_version(&self) -> &str {
        &self.task_version
    }

    /// This attempt's number, starting at 1.
    pub fn attempt(&self) -> u32 {
        self.attempt
    }

    /// The most attempts the step gets (0 when the orchestrator did not say).
    pub fn max_attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The task's input context (a JSON object).
    pub fn task_context(&self) -> &Value {
        &self.task_context
    }

    /// Results of the steps this one depends on, by step name.
    pub fn dependency_results(&self) -> &BTreeMap<String, Value> {
        &self.dependency_results
    }

    /// The results of one dependency.
    pub fn dependency_result(&self, step_name: &str) -> Option<&Value> {
        self.dependency_results.get(step_name)
    }

    /// The step's static handler configuration (a JSON object).
    pub fn handler_config(&self) -> &Value {
        &self.handler_config
    }

    /// The handler configuration deserialised into `T`.
    ///
    /// # Errors
    /// A permanent [`StepFailure`] of class `InvalidHandlerConfig` when it
    /// does not fit `T` (retrying would not change the configuration).
    pub fn handler_config_as<T: DeserializeOwned>(&self) -> Result<T, StepFailure> {
        serde_json::from_value(self.handler_config.clone()).map_err(|e| {
            StepFailure::permanent(format!("handler_config: {e}"))
                .with_class("InvalidHandlerConfig")
        })
    }

    /// The time the attempt may take before the worker stops it and reports a
    /// retryable `HandlerTimeout`.
    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    /// Fires when the lease is lost or the worker begins to shut down.
    pub fn cancellation(&self) -> &CancellationToken {
        &self.cancellation
    }

    /// Whether [`cancellation`](Self::cancellation) has fired.
    pub fn is_cancelled(&self) -> bool {
        self.cancellation.is_cancelled()
    }
}

/// Handlers by name.
#[derive(Clone, Default)]
pub struct HandlerRegistry {
    handlers: HashMap<String, Arc<dyn Handler>>,
}

impl fmt::Debug for HandlerRegistry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HandlerRegistry")
            .field("handlers", &self.names())
            .finish()
    }
}

impl HandlerRegistry {
    /// An empty registry.
    pub fn new() -> Self {
        Self::default()
    }

    /// Registers `handler` under `name`, replacing and returning any handler
    /// registered under that name before.
    pub fn register(
        &mut self,
        name: impl Into<String>,
        handler: Arc<dyn Handler>,
    ) -> Option<Arc<dyn Handler>> {
        self.handlers.insert(name.into(), handler)
    }

    /// Registers an async closure under `name` (see [`handler_fn`]).
    pub fn register_fn<F, Fut>(&mut self, name: impl Into<String>, f: F) -> Option<Arc<dyn Handler>>
    where
        F: Fn(StepContext) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = HandlerResult> + Send + 'static,
    {
        self.register(name, Arc::new(handler_fn(f)))
    }

    /// Builder form of [`register`](Self::register).
    #[must_use]
    pub fn with(mut self, name: impl Into<String>, handler: Arc<dyn Handler>) -> Self {
        self.register(name, handler);
        self
    }

    /// Builder form of [`register_fn`](Self::register_fn).
    #[must_use]
    pub fn with_fn<F, Fut>(mut self, name: impl Into<String>, f: F) -> Self
    where
        F: Fn(StepContext) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = HandlerResult> + Send + 'static,
    {
        self.register_fn(name, f);
        self
    }

    /// The handler registered under `name`.
    pub fn get(&self, name: &str) -> Option<Arc<dyn Handler>> {
        self.handlers.get(name).cloned()
    }

    /// Whether a handler is registered under `name`.
    pub fn contains(&self, name: &str) -> bool {
        self.handlers.contains_key(name)
    }

    /// The registered names, sorted.
    pub fn names(&self) -> Vec<String> {
        let mut names: Vec<String> = self.handlers.keys().cloned().collect();
        names.sort();
        names
    }

    /// Number of registered handlers.
    pub fn len(&self) -> usize {
        self.handlers.len()
    }

    /// Whether no handler is registered.
    pub fn is_empty(&self) -> bool {
        self.handlers.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use serde_json::json;
    use tasker_proto::v1::{ClaimedStep, Step};

    use super::*;

    #[tokio::test]
    async fn registry_runs_closures_and_trait_objects() {
        struct Constant;
        #[async_trait::async_trait]
        impl Handler for Constant {
            async fn call(&self, _ctx: StepContext) -> HandlerResult {
                Ok(json!({"k": 1}))
            }
        }
        let mut registry = HandlerRegistry::new()
            .with("constant", Arc::new(Constant))
            .with_fn("name", |ctx: StepContext| async move {
                Ok(json!({"step": ctx.step_name()}))
            });
        assert_eq!(registry.names(), ["constant", "name"]);
        assert!(registry.contains("name") && !registry.contains("other"));
        assert_eq!(registry.len(), 2);
        let ctx = StepContext::new("s1", "name");
        let out = registry.get("name").unwrap().call(ctx.clone()).await;
        assert_eq!(out, Ok(json!({"step": "s1"})));
        assert_eq!(
            registry.get("constant").unwrap().call(ctx).await,
            Ok(json!({"k": 1}))
        );
        assert!(
            registry
                .register_fn("name", |_| async { Ok(Value::Null) })
                .is_some(),
            "re-registering returns the old handler"
        );
        assert!(format!("{registry:?}").contains("constant"));
    }

    #[test]
    fn failures_build_and_convert() {
        let f = StepFailure::retryable("gateway down")
            .with_class("GatewayError")
            .with_retry_after(Duration::from_secs(3))
            .with_details(json!({"code": 503}));
        assert_eq!(f.to_string(), "GatewayError (retryable): gateway down");
        let proto = f.to_proto();
        assert!(proto.retryable);
        assert_eq!(proto.error_class, "GatewayError");
        assert_eq!(
            convert::struct_to_json(proto.details.as_ref()),
            json!({"code": 503})
        );
        let p = StepFailure::permanent("no");
        assert_eq!(p.error_class, DEFAULT_ERROR_CLASS);
        assert!(!p.retryable && p.to_proto().details.is_none());
        let io = std::io::Error::other("disk");
        let e = StepFailure::from_error(&io, "Io", true);
        assert_eq!((e.message.as_str(), e.error_class.as_str()), ("disk", "Io"));
    }

    #[test]
    fn context_from_claim() {
        let mut deps = HashMap::new();
        deps.insert(
            "a".to_owned(),
            convert::map_to_struct(json!({"n": 2}).as_object().unwrap()),
        );
        let claim = ClaimedStep {
            claim_uuid: "c1".into(),
            step: Some(Step {
                step_uuid: "s1".into(),
                task_uuid: "t1".into(),
                name: "b".into(),
                handler: "sum".into(),
                max_attempts: 3,
                attempts: 2,
                handler_config: Some(convert::map_to_struct(
                    json!({"ms": 5}).as_object().unwrap(),
                )),
                timeout: Some(Duration::from_secs(7).into()),
                ..Step::default()
            }),
            namespace: "examples".into(),
            task_name: "diamond".into(),
            task_version: "1.0.0".into(),
            task_context: Some(convert::map_to_struct(
                json!({"x": "y"}).as_object().unwrap(),
            )),
            dependency_results: deps,
            attempt: 2,
            lease_expires_at: None,
            traceparent: String::new(),
        };
        let ctx =
            StepContext::from_claim(&claim, Duration::from_secs(60), CancellationToken::new());
        assert_eq!(ctx.claim_uuid(), "c1");
        assert_eq!(ctx.step_uuid(), "s1");
        assert_eq!(ctx.task_uuid(), "t1");
        assert_eq!(ctx.step_name(), "b");
        assert_eq!(ctx.handler_name(), "sum");
        assert_eq!((ctx.attempt(), ctx.max_attempts()), (2, 3));
        assert_eq!(
            (ctx.namespace(), ctx.task_name(), ctx.task_version()),
            ("examples", "diamond", "1.0.0")
        );
        assert_eq!(ctx.task_context(), &json!({"x": "y"}));
        assert_eq!(ctx.dependency_result("a"), Some(&json!({"n": 2})));
        assert_eq!(ctx.handler_config(), &json!({"ms": 5}));
        assert_eq!(ctx.timeout(), Duration::from_secs(7));
        assert!(!ctx.is_cancelled());

        #[derive(Debug, serde::Deserialize)]
        struct Sleep {
            ms: u64,
        }
        assert_eq!(ctx.handler_config_as::<Sleep>().unwrap().ms, 5);
        let bad = ctx.with_handler_config(json!({"ms": "x"}));
        let err = bad.handler_config_as::<Sleep>().unwrap_err();
        assert_eq!(err.error_class, "InvalidHandlerConfig");
        assert!(!err.retryable);

        let bare = ClaimedStep::default();
        let ctx = StepContext::from_claim(&bare, Duration::from_secs(60), CancellationToken::new());
        assert_eq!(ctx.timeout(), Duration::from_secs(60), "default timeout");
        assert_eq!(ctx.attempt(), 1);
        assert_eq!(ctx.task_context(), &json!({}));
    }
}

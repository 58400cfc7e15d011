//! `google.api.http` rules, read from descriptors, and the route table type
//! the code generator emits.
//!
//! A [`RouteSpec`] is one HTTP binding of one RPC: the primary rule or one of
//! its `additional_bindings`. The generator (`protoc-gen-tasker-gateway`)
//! writes a `&'static [RouteSpec]` per proto package; [`routes_from_pool`]
//! computes the same table at run time from any descriptor pool.

use std::borrow::Cow;
use std::fmt;

use prost_reflect::{DescriptorPool, DynamicMessage, MethodDescriptor, Value};

/// Full name of the HTTP rule method option.
pub const HTTP_OPTION: &str = "google.api.http";

/// HTTP method of a binding.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum HttpMethod {
    /// `get`
    Get,
    /// `put`
    Put,
    /// `post`
    Post,
    /// `delete`
    Delete,
    /// `patch`
    Patch,
    /// `custom { kind: "..." }`, for example `HEAD` or `OPTIONS`.
    Custom(Cow<'static, str>),
}

impl HttpMethod {
    /// The method as it appears on the wire (`GET`, `POST`, …).
    pub fn as_str(&self) -> &str {
        match self {
            Self::Get => "GET",
            Self::Put => "PUT",
            Self::Post => "POST",
            Self::Delete => "DELETE",
            Self::Patch => "PATCH",
            Self::Custom(kind) => kind,
        }
    }
}

impl fmt::Display for HttpMethod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One HTTP binding of one RPC.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteSpec {
    /// Fully-qualified method name, `package.Service.Method`.
    pub method: Cow<'static, str>,
    /// HTTP method.
    pub http_method: HttpMethod,
    /// Path template, for example `/v1/tasks/{task_uuid}:cancel`.
    pub path: Cow<'static, str>,
    /// `""` (no body), `"*"` (every field not bound by the path) or a
    /// top-level field name.
    pub body: Cow<'static, str>,
    /// `""` (the whole response) or a top-level response field name.
    pub response_body: Cow<'static, str>,
}

/// Why a rule could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{method}: {reason}")]
pub struct RuleError {
    /// The RPC whose rule is broken.
    pub method: String,
    /// What is wrong.
    pub reason: String,
}

/// Every binding of `method`: its `google.api.http` rule followed by the
/// rule's `additional_bindings`. Empty when the method has no rule.
///
/// # Errors
/// [`RuleError`] when the rule sets no pattern, or an additional binding
/// nests further bindings.
pub fn method_routes(
    pool: &DescriptorPool,
    method: &MethodDescriptor,
) -> Result<Vec<RouteSpec>, RuleError> {
    let Some(extension) = pool.get_extension_by_name(HTTP_OPTION) else {
        return Ok(Vec::new());
    };
    let options = method.options();
    if !options.has_extension(&extension) {
        return Ok(Vec::new());
    }
    let Value::Message(rule) = options.get_extension(&extension).into_owned() else {
        return Ok(Vec::new());
    };
    let full_name = method.full_name().to_owned();
    let mut routes = vec![route(&full_name, &rule)?];
    if let Some(Value::List(additional)) = rule
        .get_field_by_name("additional_bindings")
        .map(Cow::into_owned)
    {
        for binding in additional {
            let Value::Message(binding) = binding else {
                continue;
            };
            if binding
                .get_field_by_name("additional_bindings")
                .is_some_and(|v| matches!(v.as_ref(), Value::List(l) if !l.is_empty()))
            {
                return Err(RuleError {
                    method: full_name,
                    reason: "additional_bindings must not nest further additional_bindings".into(),
                });
            }
            routes.push(route(&full_name, &binding)?);
        }
    }
    Ok(routes)
}

/// Every binding of every method of every service in `pool`, in declaration
/// order.
///
/// # Errors
/// The first [`RuleError`] found.
pub fn routes_from_pool(pool: &DescriptorPool) -> Result<Vec<RouteSpec>, RuleError> {
    let mut routes = Vec::new();
    for service in pool.services() {
        for method in service.methods() {
            routes.extend(method_routes(pool, &method)?);
        }
    }
    Ok(routes)
}

fn string_field(message: &DynamicMessage, name: &str) -> Option<String> {
    if !message.has_field_by_name(name) {
        return None;
    }
    match message.get_field_by_name(name)?.as_ref() {
        Value::String(s) => Some(s.clone()),
        _ => None,
    }
}

fn route(method: &str, rule: &DynamicMessage) -> Result<RouteSpec, RuleError> {
    let fail = |reason: &str| RuleError {
        method: method.to_owned(),
        reason: reason.to_owned(),
    };
    let pattern = [
        ("get", HttpMethod::Get),
        ("put", HttpMethod::Put),
        ("post", HttpMethod::Post),
        ("delete", HttpMethod::Delete),
        ("patch", HttpMethod::Patch),
    ]
    .into_iter()
    .find_map(|(field, http)| string_field(rule, field).map(|path| (http, path)));
    let (http_method, path) = match pattern {
        Some(found) => found,
        None => {
            let custom = rule
                .get_field_by_name("custom")
                .filter(|_| rule.has_field_by_name("custom"))
                .and_then(|v| v.as_message().cloned())
                .ok_or_else(|| fail("google.api.http rule sets no pattern"))?;
            let kind = string_field(&custom, "kind").unwrap_or_default();
            let path = string_field(&custom, "path").unwrap_or_default();
            if kind.is_empty() {
                return Err(fail("custom pattern without a kind"));
            }
            (
                HttpMethod::Custom(Cow::Owned(kind.to_ascii_uppercase())),
                path,
            )
        }
    };
    Ok(RouteSpec {
        method: Cow::Owned(method.to_owned()),
        http_method,
        path: Cow::Owned(path),
        body: Cow::Owned(string_field(rule, "body").unwrap_or_default()),
        response_body: Cow::Owned(string_field(rule, "response_body").unwrap_or_default()),
    })
}

//! The enforcement point: a tower layer in front of the tonic services that
//! every protocol passes through (gRPC and gRPC-Web directly, REST as
//! in-process gRPC calls), so an RPC's rule is applied identically whatever
//! the door.

use std::collections::{HashMap, HashSet};
use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use http::{Request, Response};
use prost_reflect::DescriptorPool;
use tasker_proto::auth::{Access, grpc_path, method_access};
use tower::{Layer, Service};

use crate::credential::{Authenticate, Principal};
use crate::error::AuthError;
use crate::permission::{Permission, TASKER_PACKAGE};

type BoxFuture<T> = Pin<Box<dyn Future<Output = T> + Send + 'static>>;

/// Services outside the schema that need no credential by default: the
/// standard health check and server reflection.
pub const DEFAULT_PUBLIC_SERVICES: &[&str] = &[
    "grpc.health.v1.Health",
    "grpc.reflection.v1.ServerReflection",
    "grpc.reflection.v1alpha.ServerReflection",
];

/// What a request path needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Requirement {
    /// Nothing: the RPC declares `public`, or its service is a configured
    /// public service outside the schema.
    Public,
    /// Any valid credential.
    Authenticated,
    /// A credential holding this permission.
    Permission(Permission),
    /// Refused: the RPC declares no rule, or the path is unknown.
    Deny,
}

/// Each RPC's requirement, read once from the descriptor pool, plus the
/// services outside the schema that are public.
#[derive(Debug, Clone)]
pub struct AccessTable {
    methods: HashMap<String, Requirement>,
    public_services: HashSet<String>,
}

impl AccessTable {
    /// The rules of every RPC of every service of `package` in `pool`, with
    /// [`DEFAULT_PUBLIC_SERVICES`] as the public services outside it. A
    /// method without a rule is recorded as [`Requirement::Deny`].
    ///
    /// # Errors
    /// [`AuthError::Config`] when a declared permission breaks the grammar.
    pub fn from_pool(pool: &DescriptorPool, package: &str) -> Result<Self, AuthError> {
        let mut methods = HashMap::new();
        for service in pool.services().filter(|s| s.package_name() == package) {
            for method in service.methods() {
                let requirement = match method_access(pool, &method) {
                    Some(Access::Public) => Requirement::Public,
                    Some(Access::Authenticated) => Requirement::Authenticated,
                    Some(Access::Permission(text)) => {
                        Requirement::Permission(Permission::parse(&text).map_err(|e| {
                            AuthError::Config(format!("{}: {e}", method.full_name()))
                        })?)
                    }
                    None => {
                        tracing::warn!(
                            method = %method.full_name(),
                            "RPC declares no access rule; it will be refused"
                        );
                        Requirement::Deny
                    }
                };
                methods.insert(grpc_path(&method), requirement);
            }
        }
        let table = Self {
            methods,
            public_services: HashSet::new(),
        };
        table.with_public_services(DEFAULT_PUBLIC_SERVICES.iter().copied())
    }

    /// The table of `tasker.v1`, from the compiled-in descriptor set.
    ///
    /// # Errors
    /// As [`AccessTable::from_pool`], or if the descriptor set cannot be
    /// decoded.
    pub fn tasker_v1() -> Result<Self, AuthError> {
        let pool = tasker_proto::descriptor_pool()
            .map_err(|e| AuthError::Config(format!("descriptor set: {e}")))?;
        Self::from_pool(&pool, TASKER_PACKAGE)
    }

    /// The table of a worker port's `tasker.worker.v1`, from its
    /// compiled-in descriptor set.
    ///
    /// # Errors
    /// As [`AccessTable::tasker_v1`].
    pub fn tasker_worker_v1() -> Result<Self, AuthError> {
        let pool = tasker_proto::worker::descriptor_pool()
            .map_err(|e| AuthError::Config(format!("descriptor set: {e}")))?;
        Self::from_pool(&pool, tasker_proto::worker::PACKAGE)
    }

    /// Replaces the public services outside the schema (full names, e.g.
    /// `grpc.health.v1.Health`). Pass an empty list to make every path
    /// outside the schema refused.
    ///
    /// # Errors
    /// [`AuthError::Config`] when a listed service is in the schema: its RPCs'
    /// own rules apply and must not be overridden.
    pub fn with_public_services<I, S>(mut self, services: I) -> Result<Self, AuthError>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let services: HashSet<String> = services.into_iter().map(Into::into).collect();
        if let Some(service) = services
            .iter()
            .find(|s| self.methods.keys().any(|path| service_of(path) == Some(s)))
        {
            return Err(AuthError::Config(format!(
                "`{service}` is in the schema; its access rules cannot be overridden"
            )));
        }
        self.public_services = services;
        Ok(self)
    }

    /// Keeps only the RPCs of `services` (full names, e.g.
    /// `tasker.worker.v1.WorkerHealthService`), for a process that serves only
    /// those: every other path of the schema is then refused as undeclared.
    ///
    /// # Errors
    /// [`AuthError::Config`] when a listed service has no RPC in the table
    /// (a misspelt name would otherwise leave the process open to no one).
    pub fn retain_services<I, S>(mut self, services: I) -> Result<Self, AuthError>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let services: HashSet<String> = services
            .into_iter()
            .map(|s| s.as_ref().to_owned())
            .collect();
        if let Some(missing) = services
            .iter()
            .find(|s| !self.methods.keys().any(|path| service_of(path) == Some(s)))
        {
            return Err(AuthError::Config(format!(
                "`{missing}` has no RPC in the schema"
            )));
        }
        self.methods
            .retain(|path, _| service_of(path).is_some_and(|s| services.contains(s)));
        Ok(self)
    }

    /// What a request to `path` (`/package.Service/Method`) needs.
    pub fn requirement(&self, path: &str) -> Requirement {
        if let Some(requirement) = self.methods.get(path) {
            return requirement.clone();
        }
        match service_of(path) {
            Some(service) if self.public_services.contains(service) => Requirement::Public,
            _ => Requirement::Deny,
        }
    }

    /// Every RPC path of the schema with its requirement.
    pub fn methods(&self) -> impl Iterator<Item = (&str, &Requirement)> {
        self.methods.iter().map(|(path, r)| (path.as_str(), r))
    }
}

/// The service of a gRPC path `/package.Service/Method`.
fn service_of(path: &str) -> Option<&str> {
    let (service, method) = path.strip_prefix('/')?.split_once('/')?;
    (!service.is_empty() && !method.is_empty() && !method.contains('/')).then_some(service)
}

/// Tower layer enforcing the [`AccessTable`] with an [`Authenticate`]
/// implementation (usually an [`Authenticator`](crate::Authenticator)).
///
/// Wrap the tonic routes with it (inside `GrpcTimeoutLayer` or outside, as
/// you like) before handing them to the one-port service, so REST, gRPC and
/// gRPC-Web requests all pass through it.
pub struct AuthLayer<A> {
    shared: Arc<Shared<A>>,
}

struct Shared<A> {
    authenticator: A,
    table: AccessTable,
}

impl<A> Clone for AuthLayer<A> {
    fn clone(&self) -> Self {
        Self {
            shared: Arc::clone(&self.shared),
        }
    }
}

impl<A> std::fmt::Debug for AuthLayer<A> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AuthLayer")
            .field("methods", &self.shared.table.methods.len())
            .finish_non_exhaustive()
    }
}

impl<A: Authenticate> AuthLayer<A> {
    /// Enforces `table`, authenticating with `authenticator`.
    pub fn new(authenticator: A, table: AccessTable) -> Self {
        Self {
            shared: Arc::new(Shared {
                authenticator,
                table,
            }),
        }
    }

    /// The authenticator (for `AuthService.IssueToken`, which verifies an API
    /// key from the request body).
    pub fn authenticator(&self) -> &A {
        &self.shared.authenticator
    }

    /// The access table.
    pub fn table(&self) -> &AccessTable {
        &self.shared.table
    }

    /// The check the layer applies to a request to `path`
    /// (`/package.Service/Method`) with `headers`, for a route outside the
    /// tonic routes that stands for that RPC (the benchmark's hand-written
    /// baseline): `None` for a public RPC, else the caller's principal when
    /// it may make the call — what the layer inserts into the request's
    /// extensions.
    ///
    /// # Errors
    /// Why the layer would refuse the request.
    pub async fn authorize(
        &self,
        path: &str,
        headers: &http::HeaderMap,
    ) -> Result<Option<Principal>, AuthError> {
        self.shared.authorize(path, headers).await
    }
}

impl<S, A> Layer<S> for AuthLayer<A> {
    type Service = Authorize<S, A>;

    fn layer(&self, inner: S) -> Self::Service {
        Authorize {
            inner,
            shared: Arc::clone(&self.shared),
        }
    }
}

/// Service of [`AuthLayer`]: refuses requests the access table does not let
/// through, and inserts the caller's [`Principal`] into the request
/// extensions of those it does (except public RPCs, which are not
/// authenticated).
pub struct Authorize<S, A> {
    inner: S,
    shared: Arc<Shared<A>>,
}

impl<S: Clone, A> Clone for Authorize<S, A> {
    fn clone(&self) -> Self {
        Self {
            inner: self.inner.clone(),
            shared: Arc::clone(&self.shared),
        }
    }
}

impl<S, A> std::fmt::Debug for Authorize<S, A> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Authorize").finish_non_exhaustive()
    }
}

impl<S, A, B> Service<Request<B>> for Authorize<S, A>
where
    S: Service<Request<B>, Response = Response<tonic::body::Body>, Error = Infallible>
        + Clone
        + Send
        + 'static,
    S::Future: Send + 'static,
    A: Authenticate,
    B: Send + 'static,
{
    type Response = Response<tonic::body::Body>;
    type Error = Infallible;
    type Future = BoxFuture<Result<Self::Response, Infallible>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut request: Request<B>) -> Self::Future {
        // Use the service that was driven to readiness; leave a fresh clone.
        let clone = self.inner.clone();
        let mut inner = std::mem::replace(&mut self.inner, clone);
        let shared = Arc::clone(&self.shared);
        Box::pin(async move {
            match shared
                .authorize(request.uri().path(), request.headers())
                .await
            {
                Ok(Some(principal)) => {
                    request.extensions_mut().insert(principal);
                }
                Ok(None) => {}
                Err(error) => return Ok(refusal(error)),
            }
            inner.call(request).await
        })
    }
}

impl<A: Authenticate> Shared<A> {
    /// The layer's decision for a request to `path` with `headers`: `None`
    /// for a public RPC, the caller's principal when it may make the call,
    /// else why not.
    async fn authorize(
        &self,
        path: &str,
        headers: &http::HeaderMap,
    ) -> Result<Option<Principal>, AuthError> {
        let required = match self.table.requirement(path) {
            Requirement::Public => return Ok(None),
            Requirement::Deny => {
                tracing::debug!(path = %path, "refused: RPC open to no caller");
                return Err(AuthError::NotDeclared);
            }
            Requirement::Authenticated => None,
            Requirement::Permission(permission) => Some(permission),
        };
        let principal = match self.authenticator.authenticate(headers).await {
            Ok(principal) => principal,
            Err(error) => {
                tracing::debug!(path = %path, error = %error, "refused: not authenticated");
                return Err(error);
            }
        };
        if let Some(permission) = required
            && !principal.allows(&permission)
        {
            tracing::debug!(
                path = %path,
                subject = %principal.subject,
                permission = %permission,
                "refused: missing permission"
            );
            return Err(AuthError::PermissionDenied {
                permission: permission.to_string(),
            });
        }
        tracing::trace!(path = %path, subject = %principal.subject, "authorised");
        // The request's span (when the listener opened one with a
        // `principal` field) names the caller: its subject, never its
        // secret.
        tracing::Span::current().record("principal", principal.subject.as_str());
        Ok(Some(principal))
    }
}

fn refusal(error: AuthError) -> Response<tonic::body::Body> {
    tonic::Status::from(error).into_http()
}

/// The principal the enforcement layer authenticated for this request;
/// `None` for public RPCs (and outside the layer).
pub fn principal<T>(request: &tonic::Request<T>) -> Option<&Principal> {
    request.extensions().get::<Principal>()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_name_their_service() {
        assert_eq!(
            service_of("/grpc.health.v1.Health/Check"),
            Some("grpc.health.v1.Health")
        );
        assert_eq!(service_of("/a.B/C/D"), None);
        assert_eq!(service_of("/a.B/"), None);
        assert_eq!(service_of("//C"), None);
        assert_eq!(service_of("a.B/C"), None);
    }

    #[test]
    fn the_table_reads_the_schema() -> Result<(), AuthError> {
        let table = AccessTable::tasker_v1()?;
        assert_eq!(
            table.requirement("/tasker.v1.TaskService/CreateTask"),
            Requirement::Permission(Permission::parse("tasks:create")?)
        );
        assert_eq!(
            table.requirement("/tasker.v1.AuthService/IssueToken"),
            Requirement::Public
        );
        assert_eq!(
            table.requirement("/tasker.v1.AuthService/WhoAmI"),
            Requirement::Authenticated
        );
        assert_eq!(
            table.requirement("/grpc.health.v1.Health/Check"),
            Requirement::Public
        );
        assert_eq!(
            table.requirement("/grpc.reflection.v1.ServerReflection/ServerReflectionInfo"),
            Requirement::Public
        );
        assert_eq!(
            table.requirement("/tasker.v1.TaskService/Nope"),
            Requirement::Deny
        );
        assert_eq!(table.requirement("/other.Service/Call"), Requirement::Deny);
        assert_eq!(table.requirement("/v1/tasks"), Requirement::Deny);
        assert_eq!(table.requirement(""), Requirement::Deny);

        // The orchestrator's table knows no worker port RPC, and the
        // worker's knows no orchestrator RPC.
        assert_eq!(
            table.requirement("/tasker.worker.v1.WorkerConfigService/GetWorkerConfig"),
            Requirement::Deny
        );
        let worker = AccessTable::tasker_worker_v1()?
            .retain_services(["tasker.worker.v1.WorkerConfigService"])?;
        assert_eq!(
            worker.requirement("/tasker.worker.v1.WorkerConfigService/GetWorkerConfig"),
            Requirement::Permission(Permission::parse("system:config_read")?)
        );
        assert_eq!(
            worker.requirement("/tasker.worker.v1.WorkerHealthService/GetWorkerHealth"),
            Requirement::Deny
        );
        assert_eq!(
            AccessTable::tasker_worker_v1()?
                .requirement("/tasker.worker.v1.WorkerHealthService/GetWorkerHealth"),
            Requirement::Public
        );
        assert_eq!(
            worker.requirement("/tasker.v1.TaskService/CreateTask"),
            Requirement::Deny
        );
        assert!(matches!(
            table.clone().retain_services(["tasker.v1.NoSuchService"]),
            Err(AuthError::Config(_))
        ));

        let closed = table.clone().with_public_services(Vec::<String>::new())?;
        assert_eq!(
            closed.requirement("/grpc.health.v1.Health/Check"),
            Requirement::Deny
        );
        assert!(matches!(
            table.with_public_services(["tasker.v1.TaskService"]),
            Err(AuthError::Config(_))
        ));
        Ok(())
    }
}

//! The enforcement layer, derived from the descriptor: every `tasker.v1` RPC
//! is called through the layer in front of a recording service, with no
//! credential, with every kind of bad credential, with exactly the declared
//! permission (token and API key), with its resource's wildcard, with `*`,
//! and with every permission but the declared one. A new RPC is covered
//! without touching this file.

// Helpers outside #[test] functions may panic too: they only run in tests.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use std::convert::Infallible;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

use common::*;
use http::{HeaderMap, Request, Response};
use prost_reflect::DescriptorPool;
use prost_reflect::prost_types::{
    DescriptorProto, FileDescriptorProto, FileDescriptorSet, MethodDescriptorProto,
    ServiceDescriptorProto,
};
use tasker_auth::{
    AccessTable, AuthLayer, Authenticator, Catalogue, CredentialKind, MemoryApiKeyStore, Principal,
    principal,
};
use tasker_proto::auth::{Access, grpc_path, method_access};
use tower::{Layer, Service, ServiceExt};

/// What the inner service saw: the path and the principal in the extensions.
type Calls = Arc<Mutex<Vec<(String, Option<Principal>)>>>;

/// Stands in for the tonic routes: records each call and answers OK.
#[derive(Clone, Default)]
struct Recorder {
    calls: Calls,
}

impl Service<Request<tonic::body::Body>> for Recorder {
    type Response = Response<tonic::body::Body>;
    type Error = Infallible;
    type Future = std::future::Ready<Result<Self::Response, Infallible>>;

    fn poll_ready(&mut self, _cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: Request<tonic::body::Body>) -> Self::Future {
        // Read the principal the way a tonic service does.
        let path = request.uri().path().to_owned();
        let request = tonic::Request::from_http(request);
        let principal = principal(&request).cloned();
        self.calls.lock().unwrap().push((path, principal));
        let mut response = Response::new(tonic::body::Body::empty());
        response
            .headers_mut()
            .insert("grpc-status", http::HeaderValue::from_static("0"));
        std::future::ready(Ok(response))
    }
}

struct Harness {
    keys: Keys,
    layer: AuthLayer<Authenticator<Arc<MemoryApiKeyStore>>>,
    calls: Calls,
}

impl Harness {
    fn new(table: AccessTable) -> Self {
        let keys = Keys::new();
        let layer = AuthLayer::new(authenticator(&keys), table);
        Self {
            keys,
            layer,
            calls: Calls::default(),
        }
    }

    /// Calls `path` with `headers`; the status (OK when the inner service
    /// answered) and whether the inner service was called.
    async fn call(&self, path: &str, headers: &HeaderMap) -> (tonic::Status, HeaderMap, bool) {
        let before = self.calls.lock().unwrap().len();
        let service = self.layer.layer(Recorder {
            calls: Arc::clone(&self.calls),
        });
        let mut request = Request::builder()
            .method("POST")
            .uri(path)
            .header("content-type", "application/grpc")
            .body(tonic::body::Body::empty())
            .expect("request");
        request.headers_mut().extend(headers.clone());
        let response = service.oneshot(request).await.expect("infallible");
        let status = tonic::Status::from_header_map(response.headers())
            .expect("every response carries grpc-status");
        let called = self.calls.lock().unwrap().len() > before;
        (status, response.headers().clone(), called)
    }

    fn last_principal(&self) -> Option<Principal> {
        self.calls
            .lock()
            .unwrap()
            .last()
            .and_then(|(_, p)| p.clone())
    }
}

/// Every method of `tasker.v1` with its declared access.
fn methods(pool: &DescriptorPool) -> Vec<(String, Option<Access>)> {
    let methods: Vec<_> = pool
        .services()
        .filter(|s| s.package_name() == "tasker.v1")
        .flat_map(|s| s.methods().collect::<Vec<_>>())
        .map(|m| (grpc_path(&m), method_access(pool, &m)))
        .collect();
    assert!(methods.len() > 30, "descriptor lost its RPCs");
    methods
}

#[tokio::test]
async fn every_rpc_is_enforced_as_its_schema_declares() {
    let pool = tasker_proto::descriptor_pool().expect("pool");
    let harness = Harness::new(AccessTable::tasker_v1().expect("table"));
    let catalogue = Catalogue::tasker_v1().expect("catalogue");
    let every: Vec<String> = catalogue.permissions().map(ToString::to_string).collect();
    let mut counts = [0usize; 3];

    for (path, access) in methods(&pool) {
        let access = access.unwrap_or_else(|| panic!("{path} declares no access rule"));

        // No credential.
        let (status, headers, called) = harness.call(&path, &HeaderMap::new()).await;
        if access == Access::Public {
            counts[0] += 1;
            assert_eq!(status.code(), tonic::Code::Ok, "{path}: public RPC refused");
            assert!(called, "{path}");
            assert!(harness.last_principal().is_none(), "{path}");
            continue;
        }
        assert_eq!(status.code(), tonic::Code::Unauthenticated, "{path}");
        assert!(!called, "{path}: reached the service without credentials");
        assert!(
            headers
                .get("www-authenticate")
                .is_some_and(|v| v.to_str().unwrap().starts_with("Bearer")),
            "{path}: no www-authenticate"
        );

        // Every kind of bad credential, each carrying `*`.
        for case in bad_credentials(&harness.keys) {
            let (status, _, called) = harness.call(&path, &case.headers).await;
            assert_eq!(
                status.code(),
                tonic::Code::Unauthenticated,
                "{path} × {}: {status:?}",
                case.name
            );
            assert!(!called, "{path} × {}: reached the service", case.name);
        }

        match access {
            Access::Public => unreachable!(),
            Access::Authenticated => {
                counts[1] += 1;
                let (status, _, called) = harness.call(&path, &bearer(&hs256(&claims(&[])))).await;
                assert_eq!(status.code(), tonic::Code::Ok, "{path}: {status:?}");
                assert!(called);
                let principal = harness.last_principal().expect("principal inserted");
                assert_eq!(principal.subject, "user:alice");
            }
            Access::Permission(required) => {
                counts[2] += 1;
                let (resource, _) = required.split_once(':').expect("resource:action");
                let wildcard = format!("{resource}:*");
                let exact_key = harness.keys.add(&[required.as_str()], &[]);
                let admitted = [
                    (
                        "token with exactly it",
                        bearer(&hs256(&claims(&[&required]))),
                    ),
                    (
                        "RS256 token",
                        bearer(&rs256(&claims(&[&required]), Some(RSA_KID))),
                    ),
                    (
                        "EdDSA token",
                        bearer(&eddsa(&claims(&[&required]), Some(ED_KID))),
                    ),
                    ("API key with exactly it", x_api_key(&exact_key)),
                    ("API key as bearer", bearer(&exact_key)),
                    ("resource wildcard", bearer(&hs256(&claims(&[&wildcard])))),
                    ("admin", bearer(&hs256(&claims(&["*"])))),
                ];
                for (name, headers) in admitted {
                    let (status, _, called) = harness.call(&path, &headers).await;
                    assert_eq!(
                        status.code(),
                        tonic::Code::Ok,
                        "{path} × {name}: {status:?}"
                    );
                    assert!(called, "{path} × {name}");
                    let principal = harness.last_principal().expect("principal inserted");
                    assert!(!principal.subject.is_empty());
                    if name.starts_with("API key") {
                        assert_eq!(principal.kind, CredentialKind::ApiKey);
                    }
                }

                // Everything else the API declares, but not this one.
                let others: Vec<&str> = every
                    .iter()
                    .map(String::as_str)
                    .filter(|p| *p != required)
                    .collect();
                let other_key = harness.keys.add(&others, &[]);
                let refused = [
                    ("token without it", bearer(&hs256(&claims(&others)))),
                    ("token without permissions", bearer(&hs256(&claims(&[])))),
                    ("API key without it", x_api_key(&other_key)),
                ];
                for (name, headers) in refused {
                    let (status, _, called) = harness.call(&path, &headers).await;
                    assert_eq!(
                        status.code(),
                        tonic::Code::PermissionDenied,
                        "{path} × {name}: {status:?}"
                    );
                    assert!(
                        status.message().contains(&required),
                        "{path}: {:?} does not name {required}",
                        status.message()
                    );
                    assert!(!called, "{path} × {name}: reached the service");
                }
            }
        }
    }
    assert!(
        counts.iter().all(|c| *c > 0),
        "every kind of rule is exercised: {counts:?}"
    );
}

#[tokio::test]
async fn paths_outside_the_schema_follow_the_public_service_list() {
    let harness = Harness::new(AccessTable::tasker_v1().expect("table"));
    let admin = bearer(&hs256(&claims(&["*"])));
    for path in [
        "/grpc.health.v1.Health/Check",
        "/grpc.health.v1.Health/Watch",
        "/grpc.reflection.v1.ServerReflection/ServerReflectionInfo",
        "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo",
    ] {
        let (status, _, called) = harness.call(path, &HeaderMap::new()).await;
        assert_eq!(status.code(), tonic::Code::Ok, "{path}");
        assert!(called);
    }
    for path in [
        "/tasker.v1.TaskService/DropAllTables",
        "/other.v1.Service/Call",
        "/grpc.health.v1.Health",
        "/",
    ] {
        for headers in [HeaderMap::new(), admin.clone()] {
            let (status, _, called) = harness.call(path, &headers).await;
            assert_eq!(status.code(), tonic::Code::PermissionDenied, "{path}");
            assert!(!called, "{path}");
        }
    }

    let closed = AccessTable::tasker_v1()
        .expect("table")
        .with_public_services(["grpc.health.v1.Health"])
        .expect("table");
    let harness = Harness::new(closed);
    let (status, _, _) = harness
        .call(
            "/grpc.reflection.v1.ServerReflection/ServerReflectionInfo",
            &HeaderMap::new(),
        )
        .await;
    assert_eq!(status.code(), tonic::Code::PermissionDenied);
}

#[tokio::test]
async fn an_rpc_without_an_access_rule_is_denied_even_to_admins() {
    // tasker.v1 plus a service whose method declares no rule.
    let mut pool = tasker_proto::descriptor_pool().expect("pool");
    let mut set = FileDescriptorSet::default();
    set.file.push(FileDescriptorProto {
        name: Some("tasker/v1/undeclared_test.proto".into()),
        package: Some("tasker.v1".into()),
        message_type: vec![DescriptorProto {
            name: Some("UndeclaredTestMessage".into()),
            ..Default::default()
        }],
        service: vec![ServiceDescriptorProto {
            name: Some("UndeclaredTestService".into()),
            method: vec![MethodDescriptorProto {
                name: Some("Call".into()),
                input_type: Some(".tasker.v1.UndeclaredTestMessage".into()),
                output_type: Some(".tasker.v1.UndeclaredTestMessage".into()),
                ..Default::default()
            }],
            ..Default::default()
        }],
        syntax: Some("proto3".into()),
        ..Default::default()
    });
    pool.add_file_descriptor_set(set).expect("extend pool");
    let table = AccessTable::from_pool(&pool, "tasker.v1").expect("table");
    let harness = Harness::new(table);
    let path = "/tasker.v1.UndeclaredTestService/Call";
    let admin_key = harness.keys.add(&["*"], &[]);
    for headers in [
        HeaderMap::new(),
        bearer(&hs256(&claims(&["*"]))),
        x_api_key(&admin_key),
    ] {
        let (status, _, called) = harness.call(path, &headers).await;
        assert_eq!(status.code(), tonic::Code::PermissionDenied);
        assert!(!called);
    }
    // The declared RPCs next to it are unaffected.
    let (status, _, called) = harness
        .call("/tasker.v1.HealthService/Check", &HeaderMap::new())
        .await;
    assert_eq!(status.code(), tonic::Code::Ok);
    assert!(called);
}

#[tokio::test]
async fn the_principal_reaches_the_service_with_its_namespaces() {
    let harness = Harness::new(AccessTable::tasker_v1().expect("table"));
    let key = harness.keys.add(&["worker:*"], &["billing"]);
    let (status, _, called) = harness
        .call("/tasker.v1.WorkerService/ClaimSteps", &x_api_key(&key))
        .await;
    assert_eq!(status.code(), tonic::Code::Ok);
    assert!(called);
    let principal = harness.last_principal().expect("principal");
    assert!(principal.subject.starts_with("api_key:"));
    assert!(principal.require_namespace("billing").is_ok());
    assert!(matches!(
        principal.require_namespace("shipping"),
        Err(tasker_auth::AuthError::NamespaceDenied { .. })
    ));
    let status = tonic::Status::from(principal.require_namespace("shipping").unwrap_err());
    assert_eq!(status.code(), tonic::Code::PermissionDenied);
}

#[tokio::test]
async fn authorize_decides_as_the_layer_does() {
    let harness = Harness::new(AccessTable::tasker_v1().expect("table"));
    let reader = x_api_key(&harness.keys.add(&["tasks:read"], &[]));
    let creator = x_api_key(&harness.keys.add(&["tasks:*"], &["bench"]));
    let cases = [
        ("/tasker.v1.AuthService/IssueToken", HeaderMap::new()),
        ("/tasker.v1.TaskService/CreateTask", HeaderMap::new()),
        ("/tasker.v1.TaskService/CreateTask", reader.clone()),
        ("/tasker.v1.TaskService/CreateTask", creator.clone()),
        ("/tasker.v1.TaskService/GetTask", reader),
        ("/tasker.v1.TaskService/Nope", creator),
    ];
    for (path, headers) in cases {
        let (status, _, called) = harness.call(path, &headers).await;
        let decided = harness.layer.authorize(path, &headers).await;
        match decided {
            Ok(principal) => {
                assert!(
                    called,
                    "{path}: authorised but the layer refused {status:?}"
                );
                assert_eq!(
                    principal.map(|p| p.subject),
                    harness.last_principal().map(|p| p.subject),
                    "{path}"
                );
            }
            Err(error) => {
                assert!(!called, "{path}: refused but the layer let it through");
                assert_eq!(tonic::Status::from(error).code(), status.code(), "{path}");
            }
        }
    }
}

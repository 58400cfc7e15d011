//! What every Tasker port serves besides its own services: the standard
//! `grpc.health.v1.Health`, gRPC reflection (v1 and v1alpha) over the
//! process's own descriptor set, and its OpenAPI document at
//! `/openapi.json`. Each process adds its services to the routes started
//! here and puts them behind `tasker-gateway`'s `OnePort`.

use tasker_gateway::{Bytes, Document};
use tonic::service::RoutesBuilder;
use tonic_health::server::HealthReporter;

use crate::RuntimeError;

/// The routes a port starts from: `grpc.health.v1.Health`, whose reporter
/// is returned to mark services serving (and not serving at shutdown), and
/// reflection v1 and v1alpha listing the services of `descriptor_set` with
/// the standard health service.
///
/// # Errors
/// [`RuntimeError::Reflection`] when the descriptor set cannot be read.
pub fn standard_routes(
    descriptor_set: &'static [u8],
) -> Result<(HealthReporter, RoutesBuilder), RuntimeError> {
    let (reporter, health) = tonic_health::server::health_reporter();
    let reflection = || {
        tonic_reflection::server::Builder::configure()
            .register_encoded_file_descriptor_set(descriptor_set)
            .register_encoded_file_descriptor_set(tonic_health::pb::FILE_DESCRIPTOR_SET)
    };
    let failed = |e: tonic_reflection::server::Error| RuntimeError::Reflection(e.to_string());
    let v1 = reflection().build_v1().map_err(failed)?;
    let v1alpha = reflection().build_v1alpha().map_err(failed)?;
    let mut routes = RoutesBuilder::default();
    routes
        .add_service(health)
        .add_service(v1)
        .add_service(v1alpha);
    Ok((reporter, routes))
}

/// A port's OpenAPI document, `json`, served at `/openapi.json`.
pub fn openapi_document(json: &'static str) -> Document {
    Document {
        path: "/openapi.json".into(),
        content_type: "application/json",
        body: Bytes::from_static(json.as_bytes()),
    }
}

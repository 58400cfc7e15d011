//! The route model of gRPC-JSON transcoding, apart from any HTTP server:
//! [`RouteSpec`] (one `google.api.http` binding as data, the type of the
//! generated `ROUTES` tables), [`PathTemplate`] (http.proto path templates,
//! matching and percent-decoding rules), [`TemplateIndex`] (the templates
//! a request path can match, found without trying every one), reading the
//! bindings of a descriptor pool ([`routes_from_pool`]) and checking each
//! against its messages ([`validate_route`]).
//!
//! `tasker-gateway` serves these routes; `protoc-gen-tasker-gateway`
//! validates them at generation time and writes them as Rust; a crate that
//! only includes a generated route table depends on this one alone, not on
//! tokio, hyper or tonic. `tasker-gateway` re-exports everything here.

pub mod index;
pub mod rule;
pub mod template;
pub mod validate;

pub use index::{Candidates, TemplateIndex};
pub use rule::{HttpMethod, RouteSpec, RuleError, method_routes, routes_from_pool};
pub use template::{PathError, PathTemplate, TemplateError};
pub use validate::{BodyBinding, ValidatedRoute, validate_route, validate_routes};

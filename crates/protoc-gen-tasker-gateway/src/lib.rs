//! The project's own buf/protoc plugin: it reads the `google.api.http`
//! annotations of any proto package and writes, per package with services,
//! either a typed REST route table for `tasker-gateway` (`target=rust`:
//! `<pkg dirs>/<pkg>.gateway.rs`, a `ROUTES: &[tasker_gateway::RouteSpec]`)
//! or an OpenAPI 3.1 document (`target=openapi`: `<pkg dirs>/<pkg>.openapi.json`)
//! whose schemas follow the proto3 JSON mapping.
//!
//! Every binding is first checked with [`tasker_gateway::validate_route`], the
//! same check the runtime applies, so a route the gateway would refuse never
//! reaches generated code: the plugin answers with an error naming the RPC
//! instead. Nothing here knows about any particular API; the binary
//! (`src/main.rs`) only moves bytes between stdin, [`run`] and stdout.

pub mod comments;
pub mod openapi;
pub mod rust;

use std::collections::BTreeMap;
use std::str::FromStr;

use prost::Message;
use prost_reflect::{DescriptorPool, FileDescriptor};
use prost_types::compiler::code_generator_response::{Feature, File};
use prost_types::compiler::{CodeGeneratorRequest, CodeGeneratorResponse};
use tasker_gateway::{RuleError, ValidatedRoute, method_routes, validate_route};

use crate::comments::Comments;

/// Everything that can make the plugin fail.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// stdin did not hold a `CodeGeneratorRequest`.
    #[error("cannot decode the CodeGeneratorRequest: {0}")]
    Decode(#[from] prost::DecodeError),
    /// The request's proto files do not form a valid descriptor pool.
    #[error("invalid descriptors in the request: {0}")]
    Descriptor(#[from] prost_reflect::DescriptorError),
    /// The plugin parameter is missing or not understood.
    #[error("bad plugin parameter {0:?}: expected target=rust or target=openapi")]
    Parameter(String),
    /// `file_to_generate` names a file the request does not carry.
    #[error("file to generate {0:?} is not among the request's proto files")]
    MissingFile(String),
    /// A `google.api.http` rule is invalid (the message names the RPC).
    #[error(transparent)]
    Rule(#[from] RuleError),
    /// Two routes of a package cannot both be expressed in the output.
    #[error("{package}: {reason}")]
    Conflict {
        /// The proto package being generated.
        package: String,
        /// What collides.
        reason: String,
    },
    /// The OpenAPI document could not be serialised.
    #[error("cannot serialise the OpenAPI document: {0}")]
    Json(#[from] serde_json::Error),
}

/// Which output the plugin writes, chosen by the `target=` parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// `target=rust`: the route table, `<pkg dirs>/<pkg>.gateway.rs`.
    Rust,
    /// `target=openapi`: the OpenAPI 3.1 document, `<pkg dirs>/<pkg>.openapi.json`.
    OpenApi,
}

impl FromStr for Target {
    type Err = Error;

    /// Parses the plugin parameter: comma-separated options of which exactly
    /// one, `target=rust` or `target=openapi`, is understood.
    fn from_str(parameter: &str) -> Result<Self, Error> {
        let mut target = None;
        for option in parameter
            .split(',')
            .map(str::trim)
            .filter(|o| !o.is_empty())
        {
            let parsed = match option {
                "target=rust" => Self::Rust,
                "target=openapi" => Self::OpenApi,
                _ => return Err(Error::Parameter(parameter.to_owned())),
            };
            if target.replace(parsed).is_some_and(|t| t != parsed) {
                return Err(Error::Parameter(parameter.to_owned()));
            }
        }
        target.ok_or_else(|| Error::Parameter(parameter.to_owned()))
    }
}

/// One output file, its name relative to the plugin's `out` directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// Relative path, for example `tasker/v1/tasker.v1.gateway.rs`.
    pub name: String,
    /// File content.
    pub content: String,
}

/// The routes of one proto package, validated, in declaration order (files
/// by name, then services and methods as declared, each primary rule before
/// its `additional_bindings`).
#[derive(Debug, Clone)]
pub struct PackageRoutes {
    /// The proto package, for example `tasker.v1`.
    pub package: String,
    /// The package's files that were asked for, sorted by name.
    pub files: Vec<FileDescriptor>,
    /// Each route with its binding index: 0 for the primary rule, `n` for the
    /// `n`-th additional binding.
    pub routes: Vec<(ValidatedRoute, usize)>,
}

/// Collects and validates the routes of every package among
/// `files_to_generate` that declares at least one service.
///
/// # Errors
/// [`Error::MissingFile`] for a name not in `pool`; [`Error::Rule`] for the
/// first invalid `google.api.http` rule.
pub fn package_routes(
    pool: &DescriptorPool,
    files_to_generate: &[String],
) -> Result<Vec<PackageRoutes>, Error> {
    let mut packages: BTreeMap<String, Vec<FileDescriptor>> = BTreeMap::new();
    for name in files_to_generate {
        let file = pool
            .get_file_by_name(name)
            .ok_or_else(|| Error::MissingFile(name.clone()))?;
        packages
            .entry(file.package_name().to_owned())
            .or_default()
            .push(file);
    }
    let mut out = Vec::new();
    for (package, mut files) in packages {
        files.sort_by(|a, b| a.name().cmp(b.name()));
        files.dedup_by(|a, b| a.name() == b.name());
        if files.iter().all(|f| f.services().len() == 0) {
            continue;
        }
        let mut routes = Vec::new();
        for file in &files {
            for service in file.services() {
                for method in service.methods() {
                    for (index, spec) in method_routes(pool, &method)?.iter().enumerate() {
                        routes.push((validate_route(pool, spec)?, index));
                    }
                }
            }
        }
        out.push(PackageRoutes {
            package,
            files,
            routes,
        });
    }
    Ok(out)
}

/// Output path of a package's file: `tasker.v1` and `gateway.rs` give
/// `tasker/v1/tasker.v1.gateway.rs`.
pub fn output_name(package: &str, suffix: &str) -> String {
    if package.is_empty() {
        return format!("default.{suffix}");
    }
    format!("{}/{package}.{suffix}", package.replace('.', "/"))
}

/// Generates `target`'s files for the packages among `files_to_generate`.
///
/// # Errors
/// Any [`Error`] but the decoding ones.
pub fn generate(
    pool: &DescriptorPool,
    files_to_generate: &[String],
    target: Target,
) -> Result<Vec<GeneratedFile>, Error> {
    let comments = Comments::new(pool);
    package_routes(pool, files_to_generate)?
        .iter()
        .map(|package| match target {
            Target::Rust => Ok(GeneratedFile {
                name: output_name(&package.package, "gateway.rs"),
                content: rust::route_table(package)?,
            }),
            Target::OpenApi => Ok(GeneratedFile {
                name: output_name(&package.package, "openapi.json"),
                content: openapi::document_json(pool, package, &comments)?,
            }),
        })
        .collect()
}

/// `CodeGeneratorRequest.proto_file` as raw bytes: decoding it into
/// `prost_types` would drop extension options such as `google.api.http`.
#[derive(Clone, PartialEq, Message)]
struct RawProtoFiles {
    #[prost(bytes = "vec", repeated, tag = "15")]
    proto_file: Vec<Vec<u8>>,
}

/// `FileDescriptorSet.file` as raw bytes.
#[derive(Clone, PartialEq, Message)]
struct RawFileSet {
    #[prost(bytes = "vec", repeated, tag = "1")]
    file: Vec<Vec<u8>>,
}

/// Decodes an encoded `CodeGeneratorRequest` and builds the descriptor pool
/// of its `proto_file`s, extension options (`google.api.http`) and source
/// comments preserved.
///
/// # Errors
/// [`Error::Decode`] or [`Error::Descriptor`].
pub fn decode_request(request: &[u8]) -> Result<(CodeGeneratorRequest, DescriptorPool), Error> {
    let decoded = CodeGeneratorRequest::decode(request)?;
    let raw = RawProtoFiles::decode(request)?;
    let set = RawFileSet {
        file: raw.proto_file,
    }
    .encode_to_vec();
    let pool = DescriptorPool::decode(set.as_slice())?;
    Ok((decoded, pool))
}

/// Builds an encoded `CodeGeneratorRequest` from an encoded
/// `FileDescriptorSet` (every file, imports included), as buf or protoc would
/// send it. For tests and tooling.
///
/// # Errors
/// [`Error::Decode`] when `descriptor_set` is not a `FileDescriptorSet`.
pub fn encode_request(
    descriptor_set: &[u8],
    files_to_generate: &[String],
    parameter: &str,
) -> Result<Vec<u8>, Error> {
    let set = RawFileSet::decode(descriptor_set)?;
    let mut request = CodeGeneratorRequest {
        file_to_generate: files_to_generate.to_vec(),
        parameter: Some(parameter.to_owned()),
        ..Default::default()
    }
    .encode_to_vec();
    // Concatenated messages merge: append the files as raw field 15.
    request.extend(
        RawProtoFiles {
            proto_file: set.file,
        }
        .encode_to_vec(),
    );
    Ok(request)
}

/// Runs the plugin on an encoded `CodeGeneratorRequest`. Failures are
/// reported in `CodeGeneratorResponse.error`, as the plugin protocol wants.
pub fn run(request: &[u8]) -> CodeGeneratorResponse {
    let mut response = CodeGeneratorResponse {
        supported_features: Some(Feature::Proto3Optional as u64),
        ..Default::default()
    };
    let result = decode_request(request).and_then(|(request, pool)| {
        let target: Target = request.parameter().parse()?;
        generate(&pool, &request.file_to_generate, target)
    });
    match result {
        Ok(files) => {
            response.file = files
                .into_iter()
                .map(|file| File {
                    name: Some(file.name),
                    content: Some(file.content),
                    ..Default::default()
                })
                .collect();
        }
        Err(error) => response.error = Some(error.to_string()),
    }
    response
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn parameters() {
        assert_eq!("target=rust".parse::<Target>().unwrap(), Target::Rust);
        assert_eq!(
            " target=openapi ,".parse::<Target>().unwrap(),
            Target::OpenApi
        );
        for bad in ["", "target=go", "target=rust,target=openapi", "x=y"] {
            let err = bad.parse::<Target>().unwrap_err().to_string();
            assert!(
                err.contains("expected target=rust or target=openapi"),
                "{err}"
            );
        }
    }

    #[test]
    fn output_names() {
        assert_eq!(
            output_name("tasker.v1", "gateway.rs"),
            "tasker/v1/tasker.v1.gateway.rs"
        );
        assert_eq!(output_name("", "openapi.json"), "default.openapi.json");
    }

    #[test]
    fn garbage_is_reported_not_panicked_on() {
        let response = run(&[0xff, 0xff, 0xff]);
        assert!(response.error.unwrap().starts_with("cannot decode"));
        assert_eq!(response.supported_features, Some(1));
    }
}

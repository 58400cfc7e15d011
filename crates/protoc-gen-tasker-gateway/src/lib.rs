//! The project's own buf/protoc plugin: it reads the `google.api.http`
//! annotations of any proto package and writes, per package with services,
//! either a typed REST route table for `tasker-gateway` (`target=rust`:
//! `<pkg dirs>/<pkg>.gateway.rs`, a `ROUTES: &[tasker_gateway_routes::RouteSpec]`,
//! which `tasker_gateway` re-exports)
//! or an OpenAPI 3.1 document (`target=openapi`: `<pkg dirs>/<pkg>.openapi.json`)
//! whose schemas follow the proto3 JSON mapping, or a Markdown API reference
//! (`target=markdown`: `<pkg dirs>/<pkg>.md`, with optional
//! `notes=<file>`s of what the schema cannot say; see [`markdown`]).
//!
//! Every binding is first checked with [`tasker_gateway_routes::validate_route`], the
//! same check the runtime applies, so a route the gateway would refuse never
//! reaches generated code: the plugin answers with an error naming the RPC
//! instead. Nothing here knows about any particular API; the binary
//! (`src/main.rs`) only moves bytes between stdin, [`run`] and stdout.

pub mod comments;
pub mod markdown;
pub mod openapi;
pub mod rust;

use std::collections::BTreeMap;
use std::str::FromStr;

use prost::Message;
use prost_reflect::{DescriptorPool, FileDescriptor};
use prost_types::compiler::code_generator_response::{Feature, File};
use prost_types::compiler::{CodeGeneratorRequest, CodeGeneratorResponse};
use tasker_gateway_routes::{RuleError, ValidatedRoute, method_routes, validate_route};

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
    #[error(
        "bad plugin parameter {0:?}: expected target=rust (optionally with \
         runtime_crate=<rust path>), target=openapi or target=markdown \
         (optionally with notes=<file>)"
    )]
    Parameter(String),
    /// The notes file of `target=markdown` cannot be read, does not parse,
    /// or does not match the schema.
    #[error("notes: {0}")]
    Notes(String),
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
    /// An OpenAPI option of the package's protos (`tasker.gateway.v1`) is
    /// not usable.
    #[error("{package}: OpenAPI option: {reason}")]
    BadOption {
        /// The proto package being generated.
        package: String,
        /// What is wrong with the option.
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
    /// `target=markdown`: the API reference, `<pkg dirs>/<pkg>.md`.
    Markdown,
}

impl FromStr for Target {
    type Err = Error;

    /// Parses the plugin parameter and keeps only its target.
    fn from_str(parameter: &str) -> Result<Self, Error> {
        parameter.parse::<Parameters>().map(|p| p.target)
    }
}

/// The path of the crate whose types the generated route table names,
/// unless `runtime_crate=` says otherwise: the route model crate, so a crate
/// that only includes the table needs no HTTP server (`::tasker_gateway`,
/// which re-exports it, works as well).
pub const DEFAULT_RUNTIME_CRATE: &str = "::tasker_gateway_routes";

/// The plugin parameter: comma-separated options, exactly one target
/// (`target=rust`, `target=openapi` or `target=markdown`); with
/// `target=markdown` only, `notes=<path>` (relative to the directory the
/// plugin runs in, the one `buf generate` runs in), once for every package or
/// once per package (see [`markdown::NotesSet`]); with `target=rust` only,
/// `runtime_crate=<path>`, the Rust path under which the generated code
/// finds the route types (default `::tasker_gateway_routes`; `::tasker_gateway`
/// re-exports them; for example `::my_app::gateway` when a crate is
/// re-exported or renamed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parameters {
    /// What to write.
    pub target: Target,
    /// The notes files of `target=markdown`, in the order given.
    pub notes: Vec<String>,
    /// The runtime crate's path of `target=rust`.
    pub runtime_crate: Option<String>,
}

/// Whether `path` is a Rust path of plain identifiers (`::a::b`, `a::b`).
fn is_rust_path(path: &str) -> bool {
    let path = path.strip_prefix("::").unwrap_or(path);
    !path.is_empty()
        && path.split("::").all(|segment| {
            let mut chars = segment.chars();
            chars
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
                && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
                && segment != "_"
        })
}

impl FromStr for Parameters {
    type Err = Error;

    fn from_str(parameter: &str) -> Result<Self, Error> {
        let bad = || Error::Parameter(parameter.to_owned());
        let mut target = None;
        let mut notes: Vec<String> = Vec::new();
        let mut runtime_crate = None;
        for option in parameter
            .split(',')
            .map(str::trim)
            .filter(|o| !o.is_empty())
        {
            if let Some(path) = option.strip_prefix("notes=") {
                if path.is_empty() || notes.iter().any(|n| n == path) {
                    return Err(bad());
                }
                notes.push(path.to_owned());
                continue;
            }
            if let Some(path) = option.strip_prefix("runtime_crate=") {
                if !is_rust_path(path) || runtime_crate.replace(path.to_owned()).is_some() {
                    return Err(bad());
                }
                continue;
            }
            let parsed = match option {
                "target=rust" => Target::Rust,
                "target=openapi" => Target::OpenApi,
                "target=markdown" => Target::Markdown,
                _ => return Err(bad()),
            };
            if target.replace(parsed).is_some_and(|t| t != parsed) {
                return Err(bad());
            }
        }
        let target = target.ok_or_else(bad)?;
        if (!notes.is_empty() && target != Target::Markdown)
            || (runtime_crate.is_some() && target != Target::Rust)
        {
            return Err(bad());
        }
        Ok(Self {
            target,
            notes,
            runtime_crate,
        })
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
    generate_with_notes(pool, files_to_generate, target, None)
}

/// [`generate`], with the notes `target=markdown` uses (ignored by the other
/// targets).
///
/// # Errors
/// Any [`Error`] but the decoding ones.
pub fn generate_with_notes(
    pool: &DescriptorPool,
    files_to_generate: &[String],
    target: Target,
    notes: Option<&markdown::Notes>,
) -> Result<Vec<GeneratedFile>, Error> {
    generate_with_options(
        pool,
        files_to_generate,
        target,
        notes,
        DEFAULT_RUNTIME_CRATE,
    )
}

/// [`generate_with_options`] with the notes of several packages (one file per
/// package, see [`markdown::NotesSet`]).
///
/// # Errors
/// Any [`Error`] but the decoding ones; [`Error::Notes`] when a notes file
/// names a package that is not generated, or a package with services has no
/// notes while others have.
pub fn generate_with_notes_set(
    pool: &DescriptorPool,
    files_to_generate: &[String],
    target: Target,
    notes: &markdown::NotesSet,
    runtime_crate: &str,
) -> Result<Vec<GeneratedFile>, Error> {
    let comments = Comments::new(pool);
    let packages = package_routes(pool, files_to_generate)?;
    if target == Target::Markdown {
        notes.check_packages(packages.iter().map(|p| p.package.as_str()))?;
    }
    packages
        .iter()
        .map(|package| match target {
            Target::Rust => Ok(GeneratedFile {
                name: output_name(&package.package, "gateway.rs"),
                content: rust::route_table_for(package, runtime_crate)?,
            }),
            Target::OpenApi => Ok(GeneratedFile {
                name: output_name(&package.package, "openapi.json"),
                content: openapi::document_json(pool, package, &comments)?,
            }),
            Target::Markdown => Ok(GeneratedFile {
                name: output_name(&package.package, "md"),
                content: markdown::document(
                    package,
                    &comments,
                    notes.for_package(&package.package),
                )?,
            }),
        })
        .collect()
}

/// [`generate_with_notes`], with the runtime crate's path the Rust route
/// table names (`runtime_crate=`).
///
/// # Errors
/// Any [`Error`] but the decoding ones.
pub fn generate_with_options(
    pool: &DescriptorPool,
    files_to_generate: &[String],
    target: Target,
    notes: Option<&markdown::Notes>,
    runtime_crate: &str,
) -> Result<Vec<GeneratedFile>, Error> {
    let notes = markdown::NotesSet::single(notes.cloned());
    generate_with_notes_set(pool, files_to_generate, target, &notes, runtime_crate)
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
        let parameters: Parameters = request.parameter().parse()?;
        let files = parameters
            .notes
            .iter()
            .map(|path| {
                let text = std::fs::read_to_string(path)
                    .map_err(|e| Error::Notes(format!("cannot read {path}: {e}")))?;
                markdown::Notes::parse(&text)
            })
            .collect::<Result<Vec<_>, Error>>()?;
        let notes = markdown::NotesSet::new(files)?;
        generate_with_notes_set(
            &pool,
            &request.file_to_generate,
            parameters.target,
            &notes,
            parameters
                .runtime_crate
                .as_deref()
                .unwrap_or(DEFAULT_RUNTIME_CRATE),
        )
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
        assert_eq!(
            "target=markdown,notes=a/b.toml"
                .parse::<Parameters>()
                .unwrap(),
            Parameters {
                target: Target::Markdown,
                notes: vec!["a/b.toml".to_owned()],
                runtime_crate: None,
            }
        );
        assert_eq!(
            "target=markdown,notes=a.toml,notes=b.toml"
                .parse::<Parameters>()
                .unwrap()
                .notes,
            ["a.toml", "b.toml"]
        );
        assert_eq!(
            "target=rust,runtime_crate=::my_app::gateway"
                .parse::<Parameters>()
                .unwrap()
                .runtime_crate
                .as_deref(),
            Some("::my_app::gateway")
        );
        for bad in [
            "",
            "target=go",
            "target=rust,target=openapi",
            "x=y",
            "target=rust,notes=a.toml",
            "target=markdown,notes=",
            "target=markdown,notes=a,notes=a",
            "target=openapi,runtime_crate=gw",
            "target=rust,runtime_crate=",
            "target=rust,runtime_crate=a::",
            "target=rust,runtime_crate=a b",
            "target=rust,runtime_crate=1a",
            "target=rust,runtime_crate=a,runtime_crate=b",
        ] {
            let err = bad.parse::<Parameters>().unwrap_err().to_string();
            assert!(
                err.contains("expected target=rust (optionally with runtime_crate=<rust path>), target=openapi or target=markdown"),
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

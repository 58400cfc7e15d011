//! Checks a [`RouteSpec`] against the descriptors of its RPC, as
//! `google/api/http.proto` requires.
//!
//! The code generator (`protoc-gen-tasker-gateway`) refuses to emit a route
//! that fails here, and the runtime refuses to serve one, so both sides agree
//! on what a valid binding is:
//!
//! - the RPC exists in the pool;
//! - the path template parses ([`PathTemplate::parse`]);
//! - every path variable's field path resolves on the request message: each
//!   intermediate field is a singular message, and the leaf is a singular
//!   field of a primitive (non-message) type — http.proto: a path template
//!   may refer to fields "as long as each field is a non-repeated field with
//!   a primitive (non-message) type", and path variables "must not refer to
//!   any repeated or mapped field";
//! - `body` is empty, `*`, or a top-level field of the request message not
//!   itself bound by the path, and `GET` and `DELETE` bindings have no body;
//! - `response_body` is empty or a top-level field of the response message;
//! - a client-streaming RPC uses `body: "*"` (each streamed message is a
//!   whole request).

use prost_reflect::{DescriptorPool, FieldDescriptor, Kind, MessageDescriptor, MethodDescriptor};

use crate::rule::{HttpMethod, RouteSpec, RuleError};
use crate::template::PathTemplate;

/// Where the HTTP request body of a route goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodyBinding {
    /// No body (`body` omitted): every field not bound by the path comes from
    /// the query string.
    Empty,
    /// `body: "*"`: the body is the request message minus the path-bound
    /// fields; there are no query parameters.
    Whole,
    /// `body: "<field>"`: the body is this top-level field of the request
    /// message; the fields bound neither by the path nor by the body come from
    /// the query string.
    Field(FieldDescriptor),
}

/// A route whose names all resolved against the descriptor pool.
#[derive(Debug, Clone)]
pub struct ValidatedRoute {
    /// The route as declared.
    pub route: RouteSpec,
    /// The RPC the route binds.
    pub method: MethodDescriptor,
    /// The parsed path template.
    pub template: PathTemplate,
    /// For each variable of [`template`](Self::template), in order, the chain
    /// of fields its field path names, from the request message down to the
    /// primitive leaf.
    pub path_fields: Vec<Vec<FieldDescriptor>>,
    /// Where the request body goes.
    pub body: BodyBinding,
    /// The response field sent as the HTTP body, or `None` for the whole
    /// response message.
    pub response_body: Option<FieldDescriptor>,
}

impl ValidatedRoute {
    /// The request message of the RPC.
    pub fn input(&self) -> MessageDescriptor {
        self.method.input()
    }

    /// The response message of the RPC.
    pub fn output(&self) -> MessageDescriptor {
        self.method.output()
    }

    /// Whether the top-level request field `field` is itself bound by a path
    /// variable (`{field}`), as opposed to a nested field of it
    /// (`{field.sub}`) or not at all.
    pub fn binds_top_level(&self, field: &FieldDescriptor) -> bool {
        self.path_fields
            .iter()
            .any(|chain| chain.len() == 1 && chain.first() == Some(field))
    }
}

/// Checks `route` against `pool` (see the [module documentation](self) for
/// the rules) and resolves its names.
///
/// # Errors
/// [`RuleError`] naming the RPC (`route.method`) and the first problem found.
pub fn validate_route(
    pool: &DescriptorPool,
    route: &RouteSpec,
) -> Result<ValidatedRoute, RuleError> {
    let fail = |reason: String| RuleError {
        method: route.method.to_string(),
        reason,
    };
    let method = find_method(pool, &route.method).ok_or_else(|| {
        fail("no such RPC in the descriptor pool (expected `package.Service.Method`)".to_owned())
    })?;
    let template = PathTemplate::parse(&route.path).map_err(|err| fail(err.to_string()))?;
    let input = method.input();
    let output = method.output();

    let mut path_fields = Vec::with_capacity(template.variables().len());
    for variable in template.variables() {
        let chain = resolve_path_variable(&input, &variable.field_path).map_err(|reason| {
            fail(format!(
                "path variable {{{}}}: {reason}",
                variable.field_path_string()
            ))
        })?;
        path_fields.push(chain);
    }

    let body = match route.body.as_ref() {
        "" => BodyBinding::Empty,
        "*" => BodyBinding::Whole,
        name => {
            let field = input.get_field_by_name(name).ok_or_else(|| {
                fail(format!(
                    "body field {name:?} is not a field of {}",
                    input.full_name()
                ))
            })?;
            if path_fields
                .iter()
                .any(|chain| chain.len() == 1 && chain.first() == Some(&field))
            {
                return Err(fail(format!(
                    "body field {name:?} is also bound by the path"
                )));
            }
            BodyBinding::Field(field)
        }
    };
    if body != BodyBinding::Empty
        && matches!(route.http_method, HttpMethod::Get | HttpMethod::Delete)
    {
        return Err(fail(format!(
            "a {} binding must not have a body (body: {:?})",
            route.http_method, route.body
        )));
    }
    if method.is_client_streaming() && body != BodyBinding::Whole {
        return Err(fail(format!(
            "a client-streaming RPC must use body: \"*\" (found {:?})",
            route.body
        )));
    }

    let response_body = match route.response_body.as_ref() {
        "" => None,
        name => Some(output.get_field_by_name(name).ok_or_else(|| {
            fail(format!(
                "response_body field {name:?} is not a field of {}",
                output.full_name()
            ))
        })?),
    };

    Ok(ValidatedRoute {
        route: route.clone(),
        method,
        template,
        path_fields,
        body,
        response_body,
    })
}

/// Validates every route of `routes`, in order.
///
/// # Errors
/// The first [`RuleError`] found.
pub fn validate_routes(
    pool: &DescriptorPool,
    routes: &[RouteSpec],
) -> Result<Vec<ValidatedRoute>, RuleError> {
    routes
        .iter()
        .map(|route| validate_route(pool, route))
        .collect()
}

/// Finds `package.Service.Method` in `pool`.
fn find_method(pool: &DescriptorPool, full_name: &str) -> Option<MethodDescriptor> {
    let (service, method) = full_name.rsplit_once('.')?;
    pool.get_service_by_name(service)?
        .methods()
        .find(|m| m.name() == method)
}

/// Resolves a path variable's field path on `input`.
fn resolve_path_variable(
    input: &MessageDescriptor,
    field_path: &[String],
) -> Result<Vec<FieldDescriptor>, String> {
    let mut chain = Vec::with_capacity(field_path.len());
    let mut message = input.clone();
    for (index, name) in field_path.iter().enumerate() {
        let field = message
            .get_field_by_name(name)
            .ok_or_else(|| format!("{} has no field {name:?}", message.full_name()))?;
        if field.is_map() {
            return Err(format!("field {name:?} is a map"));
        }
        if field.is_list() {
            return Err(format!("field {name:?} is repeated"));
        }
        match (field.kind(), field_path.get(index + 1)) {
            (Kind::Message(next), Some(_)) => message = next,
            (_, Some(next)) => {
                return Err(format!(
                    "field {name:?} is not a message, so it has no field {next:?}"
                ));
            }
            (Kind::Message(kind), None) => {
                return Err(format!(
                    "field {name:?} is a message ({}); a path variable must bind a primitive field",
                    kind.full_name()
                ));
            }
            (_, None) => {}
        }
        chain.push(field);
    }
    Ok(chain)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use std::borrow::Cow;
    use std::path::PathBuf;

    use protox::Compiler;
    use protox::file::{
        ChainFileResolver, File, FileResolver, GoogleFileResolver, IncludeFileResolver,
    };

    use super::*;

    const PROTO: &str = r#"
        syntax = "proto3";
        package demo.v1;

        import "google/protobuf/timestamp.proto";

        service Library {
          rpc GetBook(GetBookRequest) returns (Book);
          rpc Upload(stream Book) returns (Book);
        }

        message Shelf {
          string id = 1;
          repeated string tags = 2;
          google.protobuf.Timestamp created = 3;
        }

        message GetBookRequest {
          string name = 1;
          Shelf shelf = 2;
          repeated string ids = 3;
          map<string, string> labels = 4;
          Book book = 5;
        }

        message Book {
          string name = 1;
          string title = 2;
        }
    "#;

    struct Source;

    impl FileResolver for Source {
        fn open_file(&self, name: &str) -> Result<File, protox::Error> {
            if name == "demo.proto" {
                File::from_source(name, PROTO)
            } else {
                Err(protox::Error::file_not_found(name))
            }
        }
    }

    fn pool() -> DescriptorPool {
        let protos = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../proto");
        let mut resolver = ChainFileResolver::new();
        resolver.add(Source);
        resolver.add(IncludeFileResolver::new(protos));
        resolver.add(GoogleFileResolver::new());
        let mut compiler = Compiler::with_file_resolver(resolver);
        compiler.open_file("demo.proto").unwrap();
        compiler.descriptor_pool()
    }

    fn route(
        method: &str,
        http_method: HttpMethod,
        path: &str,
        body: &str,
        response_body: &str,
    ) -> RouteSpec {
        RouteSpec {
            method: Cow::Owned(format!("demo.v1.Library.{method}")),
            http_method,
            path: Cow::Owned(path.to_owned()),
            body: Cow::Owned(body.to_owned()),
            response_body: Cow::Owned(response_body.to_owned()),
        }
    }

    #[test]
    fn valid_routes_resolve_their_fields() {
        let pool = pool();
        let get = route(
            "GetBook",
            HttpMethod::Get,
            "/v1/{name=shelves/*/books/*}",
            "",
            "title",
        );
        let ok = validate_route(&pool, &get).unwrap();
        assert_eq!(ok.route, get);
        assert_eq!(ok.method.name(), "GetBook");
        assert_eq!(ok.template.as_str(), "/v1/{name=shelves/*/books/*}");
        assert_eq!(ok.path_fields.len(), 1);
        assert_eq!(ok.path_fields[0][0].name(), "name");
        assert!(ok.binds_top_level(&ok.path_fields[0][0]));
        assert_eq!(ok.body, BodyBinding::Empty);
        assert_eq!(
            ok.response_body.as_ref().map(FieldDescriptor::name),
            Some("title")
        );

        let nested = validate_route(
            &pool,
            &route(
                "GetBook",
                HttpMethod::Patch,
                "/v1/shelves/{shelf.id}:touch",
                "book",
                "",
            ),
        )
        .unwrap();
        let names: Vec<_> = nested.path_fields[0]
            .iter()
            .map(|f| f.name().to_owned())
            .collect();
        assert_eq!(names, ["shelf", "id"]);
        assert!(!nested.binds_top_level(&nested.path_fields[0][0]));
        assert!(matches!(&nested.body, BodyBinding::Field(f) if f.name() == "book"));

        let whole = validate_route(
            &pool,
            &route("Upload", HttpMethod::Post, "/v1/books", "*", ""),
        )
        .unwrap();
        assert_eq!(whole.body, BodyBinding::Whole);
        assert_eq!(whole.input().full_name(), "demo.v1.Book");
        assert_eq!(whole.output().full_name(), "demo.v1.Book");
    }

    #[test]
    fn invalid_routes_name_the_rpc_and_the_problem() {
        let pool = pool();
        for (spec, expected) in [
            (
                route("Missing", HttpMethod::Get, "/v1/x", "", ""),
                "demo.v1.Library.Missing: no such RPC",
            ),
            (
                route("GetBook", HttpMethod::Get, "/v1/{name", "", ""),
                "invalid path template \"/v1/{name\": unbalanced '{'",
            ),
            (
                route("GetBook", HttpMethod::Get, "/v1/{nope}", "", ""),
                "path variable {nope}: demo.v1.GetBookRequest has no field \"nope\"",
            ),
            (
                route("GetBook", HttpMethod::Get, "/v1/{shelf.nope}", "", ""),
                "path variable {shelf.nope}: demo.v1.Shelf has no field \"nope\"",
            ),
            (
                route("GetBook", HttpMethod::Get, "/v1/{name.x}", "", ""),
                "path variable {name.x}: field \"name\" is not a message",
            ),
            (
                route("GetBook", HttpMethod::Get, "/v1/{shelf}", "", ""),
                "path variable {shelf}: field \"shelf\" is a message (demo.v1.Shelf)",
            ),
            (
                route("GetBook", HttpMethod::Get, "/v1/{shelf.created}", "", ""),
                "field \"created\" is a message (google.protobuf.Timestamp)",
            ),
            (
                route("GetBook", HttpMethod::Get, "/v1/{ids}", "", ""),
                "path variable {ids}: field \"ids\" is repeated",
            ),
            (
                route("GetBook", HttpMethod::Get, "/v1/{shelf.tags}", "", ""),
                "field \"tags\" is repeated",
            ),
            (
                route("GetBook", HttpMethod::Get, "/v1/{labels}", "", ""),
                "field \"labels\" is a map",
            ),
            (
                route("GetBook", HttpMethod::Post, "/v1/x", "nope", ""),
                "body field \"nope\" is not a field of demo.v1.GetBookRequest",
            ),
            (
                route("GetBook", HttpMethod::Post, "/v1/{name}", "name", ""),
                "body field \"name\" is also bound by the path",
            ),
            (
                route("GetBook", HttpMethod::Get, "/v1/x", "*", ""),
                "a GET binding must not have a body",
            ),
            (
                route("GetBook", HttpMethod::Delete, "/v1/x", "book", ""),
                "a DELETE binding must not have a body",
            ),
            (
                route("GetBook", HttpMethod::Get, "/v1/x", "", "nope"),
                "response_body field \"nope\" is not a field of demo.v1.Book",
            ),
            (
                route("Upload", HttpMethod::Post, "/v1/books", "", ""),
                "a client-streaming RPC must use body: \"*\"",
            ),
            (
                route("Upload", HttpMethod::Post, "/v1/books", "title", ""),
                "a client-streaming RPC must use body: \"*\"",
            ),
        ] {
            let message = validate_route(&pool, &spec).unwrap_err().to_string();
            assert!(
                message.contains(expected),
                "{} {}: expected {expected:?} in {message:?}",
                spec.http_method,
                spec.path
            );
            assert!(message.starts_with(spec.method.as_ref()), "{message}");
        }
    }

    #[test]
    fn custom_methods_may_have_a_body() {
        let pool = pool();
        let spec = route(
            "GetBook",
            HttpMethod::Custom(Cow::Borrowed("REPORT")),
            "/v1/books",
            "*",
            "",
        );
        assert!(validate_route(&pool, &spec).is_ok());
        let all = validate_routes(&pool, &[spec.clone(), spec]).unwrap();
        assert_eq!(all.len(), 2);
    }
}

//! Transcoding rules: path templates, body and query binding, proto3 JSON,
//! errors and limits.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use tasker_gateway::RestOptions;

use crate::fixture::{Server, client, h2_client};

async fn call(
    server: &Server,
    method: Method,
    path: &str,
    body: Option<Value>,
) -> (StatusCode, reqwest::header::HeaderMap, Value) {
    let mut request = client().request(method, server.url(path));
    if let Some(body) = body {
        request = request.json(&body);
    }
    let response = request.send().await.expect("request");
    let status = response.status();
    let headers = response.headers().clone();
    let text = response.text().await.expect("body");
    let json = if text.is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&text).unwrap_or(Value::String(text))
    };
    (status, headers, json)
}

async fn get(server: &Server, path: &str) -> (StatusCode, Value) {
    let (status, _, json) = call(server, Method::GET, path, None).await;
    (status, json)
}

#[tokio::test]
async fn path_variables_bind_fields() {
    let server = Server::start().await;
    assert_eq!(
        get(&server, "/v1/things/abc").await,
        (StatusCode::OK, json!({"id": "abc"}))
    );
    // additional_bindings with a nested field path.
    assert_eq!(
        get(&server, "/v1/shelves/s1/things/t1").await,
        (
            StatusCode::OK,
            json!({"id": "t1", "nested": {"name": "s1"}})
        )
    );
    assert_eq!(
        get(&server, "/v2/things/x").await,
        (StatusCode::OK, json!({"id": "x"}))
    );
    // {name=shelves/*/books/*}
    assert_eq!(
        get(&server, "/v1/shelves/a/books/b").await,
        (StatusCode::OK, json!({"name": "shelves/a/books/b"}))
    );
    // {path=**}
    assert_eq!(
        get(&server, "/files/a/b/c.txt").await,
        (StatusCode::OK, json!({"path": "a/b/c.txt"}))
    );
}

#[tokio::test]
async fn percent_decoding_single_vs_multi_segment() {
    let server = Server::start().await;
    assert_eq!(
        get(&server, "/v1/things/Foo%2FBar").await.1,
        json!({"id": "Foo/Bar"})
    );
    assert_eq!(
        get(&server, "/v1/things/a%20b").await.1,
        json!({"id": "a b"})
    );
    assert_eq!(
        get(&server, "/files/dir%2Fname/file%20x").await.1,
        json!({"path": "dir%2Fname/file x"})
    );
}

#[tokio::test]
async fn verbs_select_their_route() {
    let server = Server::start().await;
    let (status, _, body) = call(
        &server,
        Method::POST,
        "/v1/things/t9:archive",
        Some(json!({"name": "n"})),
    )
    .await;
    assert_eq!(
        (status, body),
        (StatusCode::OK, json!({"id": "t9", "name": "n"}))
    );
    // The custom method kind.
    let search = Method::from_bytes(b"SEARCH").unwrap();
    let (status, _, body) = call(
        &server,
        search,
        "/v1/things:search",
        Some(json!({"tags": ["x"]})),
    )
    .await;
    assert_eq!((status, body), (StatusCode::OK, json!({"tags": ["x"]})));
}

#[tokio::test]
async fn body_star_takes_every_field_and_path_wins() {
    let server = Server::start().await;
    let body = json!({"name": "widget", "int64Value": "9007199254740993", "color": "COLOR_RED"});
    let (status, _, echoed) = call(&server, Method::POST, "/v1/things", Some(body.clone())).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(echoed, body);
    // Original proto field names are accepted on input; output is lowerCamelCase.
    let (_, _, echoed) = call(
        &server,
        Method::POST,
        "/v1/things",
        Some(json!({"int32_value": 5, "bool_value": true})),
    )
    .await;
    assert_eq!(echoed, json!({"int32Value": 5, "boolValue": true}));
    // Path-bound field overrides the body.
    let (_, _, echoed) = call(
        &server,
        Method::POST,
        "/v1/things/p1:archive",
        Some(json!({"id": "body"})),
    )
    .await;
    assert_eq!(echoed, json!({"id": "p1"}));
}

#[tokio::test]
async fn body_field_binds_one_field_and_query_the_rest() {
    let server = Server::start().await;
    let (status, _, echoed) = call(
        &server,
        Method::PUT,
        "/v1/things/t1/nested?name=n1&int32Value=3",
        Some(json!({"name": "inner", "count": "4"})),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{echoed}");
    assert_eq!(
        echoed,
        json!({"id": "t1", "name": "n1", "int32Value": 3, "nested": {"name": "inner", "count": "4"}})
    );
    // A repeated (non-message) body field.
    let (status, _, echoed) = call(
        &server,
        Method::PUT,
        "/v1/things/t2/tags",
        Some(json!(["a", "b"])),
    )
    .await;
    assert_eq!(
        (status, echoed),
        (StatusCode::OK, json!({"id": "t2", "tags": ["a", "b"]}))
    );
}

#[tokio::test]
async fn response_body_selects_a_field() {
    let server = Server::start().await;
    assert_eq!(
        get(
            &server,
            "/v1/things/t1/nested?nested.name=deep&nested.count=2"
        )
        .await
        .1,
        json!({"name": "deep", "count": "2"})
    );
    assert_eq!(get(&server, "/v1/things/t1/nested").await.1, json!({}));
}

#[tokio::test]
async fn query_parameters_cover_every_scalar_and_well_known_type() {
    let server = Server::start().await;
    let query = [
        "nested.child.name=deep",
        "int32Value=-5",
        "int64_value=9007199254740993",
        "uint64Value=18446744073709551615",
        "boolValue=true",
        "doubleValue=2.5",
        "floatValue=NaN",
        "bytesValue=aGVsbG8=",
        "color=COLOR_GREEN",
        "tags=a&tags=b",
        "numbers=1&numbers=2",
        "colors=1&colors=COLOR_GREEN",
        "time=2024-05-01T12:00:00.500Z",
        "duration=1.5s",
        "mask=a.b,c",
        "wrappedInt64=42",
        "wrappedString=hi",
        "wrappedBool=false",
        "maybe=0",
        "sint64Value=-7",
        "fixed64Value=7",
    ]
    .join("&");
    let (status, body) = get(&server, &format!("/v1/things/q?{query}")).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        body,
        json!({
            "id": "q",
            "nested": {"child": {"name": "deep"}},
            "int32Value": -5,
            "int64Value": "9007199254740993",
            "uint64Value": "18446744073709551615",
            "boolValue": true,
            "doubleValue": 2.5,
            "floatValue": "NaN",
            "bytesValue": "aGVsbG8=",
            "color": "COLOR_GREEN",
            "tags": ["a", "b"],
            "numbers": ["1", "2"],
            "colors": ["COLOR_RED", "COLOR_GREEN"],
            "time": "2024-05-01T12:00:00.500Z",
            "duration": "1.500s",
            "mask": "a.b,c",
            "wrappedInt64": "42",
            "wrappedString": "hi",
            "wrappedBool": false,
            "maybe": 0,
            "sint64Value": "-7",
            "fixed64Value": "7",
        })
    );
}

#[tokio::test]
async fn unknown_query_parameters_and_json_fields_are_named() {
    let server = Server::start().await;
    let (status, body) = get(&server, "/v1/things/x?nope=1").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["code"], 3);
    assert!(body["message"].as_str().unwrap().contains("nope"), "{body}");
    assert_eq!(
        body["details"][0]["@type"],
        "type.googleapis.com/google.rpc.BadRequest"
    );
    assert_eq!(body["details"][0]["fieldViolations"][0]["field"], "nope");

    let (status, _, body) = call(
        &server,
        Method::POST,
        "/v1/things",
        Some(json!({"name": "a", "bogus": 1})),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body["message"].as_str().unwrap().contains("bogus"),
        "{body}"
    );

    // body "*" leaves nothing for the query string.
    let (status, _, body) = call(&server, Method::POST, "/v1/things?name=a", Some(json!({}))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");

    // Bad scalar values name the parameter.
    let (status, body) = get(&server, "/v1/things/x?int32Value=abc").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        body["details"][0]["fieldViolations"][0]["field"],
        "int32Value"
    );
    let (status, _) = get(&server, "/v1/things/x?color=COLOR_PURPLE").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, _) = get(&server, "/v1/things/x?boolValue=yes").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, _) = get(&server, "/v1/things/x?counts=1").await;
    assert_eq!(
        status,
        StatusCode::BAD_REQUEST,
        "maps are not settable from the query"
    );
}

#[tokio::test]
async fn unknown_fields_may_be_ignored_by_configuration() {
    let options = RestOptions {
        ignore_unknown_query_parameters: true,
        ignore_unknown_json_fields: true,
        ..RestOptions::default()
    };
    let server = Server::start_with(options).await;
    assert_eq!(
        get(&server, "/v1/things/x?nope=1").await,
        (StatusCode::OK, json!({"id": "x"}))
    );
    let (status, _, body) = call(
        &server,
        Method::POST,
        "/v1/things",
        Some(json!({"name": "a", "bogus": 1})),
    )
    .await;
    assert_eq!((status, body), (StatusCode::OK, json!({"name": "a"})));
}

#[tokio::test]
async fn patch_fills_an_empty_update_mask_from_the_body() {
    let server = Server::start().await;
    let (status, _, body) = call(
        &server,
        Method::PATCH,
        "/v1/things/t1",
        Some(json!({"name": "n", "nested": {"count": "2"}, "tags": []})),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["thing"]["id"], "t1");
    assert_eq!(body["updateMask"], "name,nested.count,tags");
    // An explicit mask in the query wins.
    let (_, _, body) = call(
        &server,
        Method::PATCH,
        "/v1/things/t1?updateMask=name",
        Some(json!({"name": "n", "tags": ["x"]})),
    )
    .await;
    assert_eq!(body["updateMask"], "name");
}

#[tokio::test]
async fn routing_errors_are_404_405_415() {
    let server = Server::start().await;
    let (status, headers, body) = call(&server, Method::GET, "/v1/nothing/here", None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(headers["content-type"], "application/json");
    assert_eq!(body["code"], 5);
    let (status, headers, body) = call(&server, Method::DELETE, "/v1/things", None).await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED, "{body}");
    assert_eq!(headers["allow"], "POST");
    let response = client()
        .post(server.url("/v1/things"))
        .header("content-type", "application/xml")
        .body("<thing/>")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
}

#[tokio::test]
async fn malformed_json_is_400_with_the_position() {
    let server = Server::start().await;
    let response = client()
        .post(server.url("/v1/things"))
        .header("content-type", "application/json")
        .body("{\"name\": \"a\",\n \"tags\": [1,}")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let body: Value = response.json().await.unwrap();
    let message = body["message"].as_str().unwrap();
    assert!(message.contains("line 2"), "{message}");
}

#[tokio::test]
async fn body_and_nesting_limits() {
    let options = RestOptions {
        max_body_bytes: 1024,
        max_json_depth: 8,
        ..RestOptions::default()
    };
    let server = Server::start_with(options).await;
    let big = json!({"name": "x".repeat(2000)});
    let (status, _, body) = call(&server, Method::POST, "/v1/things", Some(big)).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{body}");
    let deep = format!("{{\"data\": {}1{}}}", "{\"a\":".repeat(20), "}".repeat(20));
    let response = client()
        .post(server.url("/v1/things"))
        .header("content-type", "application/json")
        .body(deep)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let body: Value = response.json().await.unwrap();
    assert!(
        body["message"].as_str().unwrap().contains("nesting"),
        "{body}"
    );
    // The server keeps serving.
    assert_eq!(get(&server, "/v1/things/ok").await.0, StatusCode::OK);
}

#[tokio::test]
async fn every_grpc_code_maps_to_its_http_status_with_status_json() {
    let server = Server::start().await;
    let table = [
        (1, 499),
        (2, 500),
        (3, 400),
        (4, 504),
        (5, 404),
        (6, 409),
        (7, 403),
        (8, 429),
        (9, 400),
        (10, 409),
        (11, 400),
        (12, 501),
        (13, 500),
        (14, 503),
        (15, 500),
        (16, 401),
    ];
    for (code, http) in table {
        let (status, headers, body) = call(
            &server,
            Method::POST,
            "/v1/fail",
            Some(json!({"code": code, "message": format!("failure {code}")})),
        )
        .await;
        assert_eq!(status.as_u16(), http, "code {code}: {body}");
        assert_eq!(headers["content-type"], "application/json");
        assert_eq!(body["code"], code);
        assert_eq!(body["message"], format!("failure {code}"));
        assert!(body["details"].is_array());
    }
}

#[tokio::test]
async fn authentication_challenges_become_www_authenticate() {
    let server = Server::start().await;
    let (status, headers, _) = call(
        &server,
        Method::POST,
        "/v1/fail",
        Some(json!({"code": 16, "message": "who?"})),
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(headers["www-authenticate"], "Bearer realm=\"test\"");
}

#[tokio::test]
async fn error_details_and_retry_after() {
    let server = Server::start().await;
    let (status, headers, body) = call(
        &server,
        Method::POST,
        "/v1/fail",
        Some(json!({"code": 14, "message": "busy", "retryDelay": "2.5s", "badFields": ["name"], "reason": "OVERLOADED"})),
    )
    .await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(headers["retry-after"], "3");
    let details = body["details"].as_array().unwrap();
    assert_eq!(
        details[0]["@type"],
        "type.googleapis.com/google.rpc.BadRequest"
    );
    assert_eq!(details[0]["fieldViolations"][0]["field"], "name");
    assert_eq!(
        details[1],
        json!({"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "2.500s"})
    );
    assert_eq!(details[2]["reason"], "OVERLOADED");
}

#[tokio::test]
async fn headers_become_metadata_and_metadata_comes_back() {
    let server = Server::start().await;
    let response = client()
        .get(server.url("/v1/things/m"))
        .header("authorization", "Bearer abc")
        .header("grpc-metadata-x-custom", "v1")
        .header("x-not-forwarded", "no")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let headers = response.headers();
    assert_eq!(headers["grpc-metadata-echo-authorization"], "Bearer abc");
    assert_eq!(headers["grpc-metadata-echo-x-custom"], "v1");
    assert_eq!(headers["grpc-trailer-echo-trailer"], "yes");
}

#[tokio::test]
async fn deadlines_from_headers_end_in_504() {
    let server = Server::start().await;
    for (header, value) in [("grpc-timeout", "100m"), ("x-server-timeout", "0.1")] {
        let response = client()
            .get(server.url("/v1/slow?delay=5s"))
            .header(header, value)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::GATEWAY_TIMEOUT, "{header}");
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["code"], 4);
    }
    let response = client()
        .get(server.url("/v1/slow?delay=0.01s"))
        .header("grpc-timeout", "5S")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let response = client()
        .get(server.url("/v1/slow"))
        .header("grpc-timeout", "soon")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn rest_works_over_http2_too() {
    let server = Server::start().await;
    let response = h2_client()
        .get(server.url("/v1/things/h2"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.version(), reqwest::Version::HTTP_2);
    assert_eq!(response.json::<Value>().await.unwrap(), json!({"id": "h2"}));
}

#[tokio::test]
async fn documents_are_served() {
    let server = Server::start().await;
    assert_eq!(get(&server, "/doc.json").await, (StatusCode::OK, json!({})));
}

#[tokio::test]
async fn a_verb_matches_only_its_own_binding() {
    let server = Server::start().await;
    // `/v1/things/{id}:archive` is POST only: a GET is 405 naming POST, not
    // the GET route of `/v1/things/{id}` with the id "t9:archive".
    let (status, headers, body) = call(&server, Method::GET, "/v1/things/t9:archive", None).await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED, "{body}");
    assert_eq!(headers["allow"], "POST");
    assert_eq!(body["code"], 12, "{body}");
    let (status, headers, _) = call(&server, Method::DELETE, "/v1/things/t9:archive", None).await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(headers["allow"], "POST");
    // `/v1/things:search` is SEARCH only; `/v1/things:watch` GET only.
    let (status, headers, _) = call(&server, Method::GET, "/v1/things:search", None).await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(headers["allow"], "SEARCH");
    let (status, headers, _) = call(&server, Method::POST, "/v1/things:watch", None).await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(headers["allow"], "GET, HEAD");
    // A verb no template has is part of the value; an encoded colon too.
    assert_eq!(
        get(&server, "/v1/things/a:b").await,
        (StatusCode::OK, json!({"id": "a:b"}))
    );
    assert_eq!(
        get(&server, "/v1/things/t9%3Aarchive").await,
        (StatusCode::OK, json!({"id": "t9:archive"}))
    );
    // A known verb after a path no template with that verb has: 404.
    let (status, _, _) = call(&server, Method::GET, "/v1/shelves/s/things/t:archive", None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn method_not_allowed_lists_the_methods_of_the_path() {
    let server = Server::start().await;
    let (status, headers, _) = call(&server, Method::POST, "/v1/things/t1", None).await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(headers["allow"], "GET, PATCH, DELETE, HEAD");
}

#[tokio::test]
async fn head_answers_like_get_without_a_body() {
    let server = Server::start().await;
    for client in [client(), h2_client()] {
        let get = client
            .get(server.url("/v1/things/h1"))
            .send()
            .await
            .unwrap();
        assert_eq!(get.status(), StatusCode::OK);
        let length = get.bytes().await.unwrap().len();
        let head = client
            .head(server.url("/v1/things/h1"))
            .send()
            .await
            .unwrap();
        assert_eq!(head.status(), StatusCode::OK);
        assert_eq!(head.headers()["content-type"], "application/json");
        assert_eq!(
            head.headers()["content-length"],
            length.to_string().as_str()
        );
        assert!(head.bytes().await.unwrap().is_empty());
        // Errors too: the status and headers of the GET.
        let head = client
            .head(server.url("/v1/things/h1?nope=1"))
            .send()
            .await
            .unwrap();
        assert_eq!(head.status(), StatusCode::BAD_REQUEST);
        assert!(head.bytes().await.unwrap().is_empty());
        // A streaming GET route and a document.
        let head = client
            .head(server.url("/v1/things:watch?count=2"))
            .send()
            .await
            .unwrap();
        assert_eq!(head.status(), StatusCode::OK);
        assert_eq!(head.headers()["content-type"], "application/x-ndjson");
        assert!(head.bytes().await.unwrap().is_empty());
        let head = client.head(server.url("/doc.json")).send().await.unwrap();
        assert_eq!(head.status(), StatusCode::OK);
        assert_eq!(head.headers()["content-length"], "2");
        // A path with no GET route: 405.
        let head = client.head(server.url("/v1/things")).send().await.unwrap();
        assert_eq!(head.status(), StatusCode::METHOD_NOT_ALLOWED);
        assert_eq!(head.headers()["allow"], "POST");
    }
}

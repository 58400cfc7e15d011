//! The bookstore over the three protocols of its one port, as a user of the
//! gateway would check their own service: gRPC with the generated tonic
//! client, gRPC-Web framed by hand, REST/JSON with an HTTP client, and the
//! OpenAPI document.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::net::SocketAddr;

use bookstore_example::pb::bookstore_service_client::BookstoreServiceClient;
use bookstore_example::pb::{Book, CreateBookRequest, CreateShelfRequest, GetBookRequest, Shelf};
use bookstore_example::{Bookstore, serve};
use bytes::{Buf, BufMut, BytesMut};
use prost::Message;
use serde_json::{Value, json};
use tokio::sync::oneshot;

/// A bookstore on 127.0.0.1:0, stopped when dropped.
struct Server {
    addr: SocketAddr,
    _stop: oneshot::Sender<()>,
}

async fn start() -> Server {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = oneshot::channel::<()>();
    tokio::spawn(serve(listener, Bookstore::default(), async {
        let _ = stopped.await;
    }));
    Server { addr, _stop: stop }
}

impl Server {
    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }
}

#[tokio::test]
async fn grpc_rest_and_grpc_web_reach_the_same_service() {
    let server = start().await;
    let http = reqwest::Client::new();

    // gRPC: a shelf and a book through the generated client.
    let mut grpc = BookstoreServiceClient::connect(server.url(""))
        .await
        .unwrap();
    let shelf = grpc
        .create_shelf(CreateShelfRequest {
            shelf: Some(Shelf {
                id: 0,
                theme: "Poetry".into(),
            }),
        })
        .await
        .unwrap()
        .into_inner();
    assert_eq!(shelf.id, 1);
    let book = grpc
        .create_book(CreateBookRequest {
            shelf_id: shelf.id,
            book: Some(Book {
                title: "Leaves of Grass".into(),
                author: "Walt Whitman".into(),
                year: 1855,
                ..Book::default()
            }),
        })
        .await
        .unwrap()
        .into_inner();
    assert_eq!((book.id, book.shelf_id), (2, 1));

    // REST: what gRPC wrote, as proto3 JSON; a book added by POST.
    let got: Value = http
        .get(server.url("/v1/shelves/1/books/2"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        got,
        json!({
            "id": "2",
            "shelfId": "1",
            "title": "Leaves of Grass",
            "author": "Walt Whitman",
            "year": 1855
        })
    );
    let created = http
        .post(server.url("/v1/shelves/1/books"))
        .json(&json!({ "title": "Ariel", "author": "Sylvia Plath", "year": 1965 }))
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), 200);
    let created: Value = created.json().await.unwrap();
    assert_eq!(created["id"], "3", "int64 is a JSON string");
    let shelves: Value = http
        .get(server.url("/v1/shelves"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        shelves,
        json!({ "shelves": [{ "id": "1", "theme": "Poetry" }] })
    );

    // gRPC sees the REST write.
    let ariel = grpc
        .get_book(GetBookRequest {
            shelf_id: 1,
            book_id: 3,
        })
        .await
        .unwrap()
        .into_inner();
    assert_eq!(ariel.title, "Ariel");

    // gRPC-Web: one framed message in, a message frame and a trailer frame out.
    let request = GetBookRequest {
        shelf_id: 1,
        book_id: 2,
    };
    let mut body = BytesMut::new();
    body.put_u8(0);
    body.put_u32(u32::try_from(request.encoded_len()).unwrap());
    request.encode(&mut body).unwrap();
    let response = http
        .post(server.url("/bookstore.v1.BookstoreService/GetBook"))
        .header("content-type", "application/grpc-web+proto")
        .header("x-grpc-web", "1")
        .body(body.freeze())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let mut frames = response.bytes().await.unwrap();
    assert_eq!(frames.get_u8(), 0, "a message frame first");
    let length = frames.get_u32() as usize;
    let message = Book::decode(frames.split_to(length)).unwrap();
    assert_eq!(message.title, "Leaves of Grass");
    assert_eq!(frames.get_u8(), 0x80, "then the trailers");
    let length = frames.get_u32() as usize;
    let trailers = String::from_utf8(frames.split_to(length).to_vec()).unwrap();
    assert!(trailers.contains("grpc-status:0"), "{trailers}");
}

#[tokio::test]
async fn errors_and_streams_on_every_protocol() {
    let server = start().await;
    let http = reqwest::Client::new();
    let mut grpc = BookstoreServiceClient::connect(server.url(""))
        .await
        .unwrap();

    // The same NOT_FOUND: a gRPC status, and over REST a 404 with
    // google.rpc.Status JSON.
    let missing = grpc
        .get_book(GetBookRequest {
            shelf_id: 9,
            book_id: 9,
        })
        .await
        .unwrap_err();
    assert_eq!(missing.code(), tonic::Code::NotFound);
    let response = http
        .get(server.url("/v1/shelves/9/books/9"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 404);
    let status: Value = response.json().await.unwrap();
    assert_eq!(status["code"], 5);
    assert_eq!(status["message"], "no book 9 on shelf 9");

    // Bad input is a 400 from the gateway itself (unknown JSON field) or
    // from the service (INVALID_ARGUMENT).
    http.post(server.url("/v1/shelves"))
        .json(&json!({ "theme": "Drama" }))
        .send()
        .await
        .unwrap();
    let unknown = http
        .post(server.url("/v1/shelves/1/books"))
        .json(&json!({ "title": "X", "pages": 3 }))
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), 400);
    let untitled = http
        .post(server.url("/v1/shelves/1/books"))
        .json(&json!({ "author": "Anonymous" }))
        .send()
        .await
        .unwrap();
    assert_eq!(untitled.status(), 400);

    // Server streaming: newline-delimited JSON over REST.
    for title in ["A", "B"] {
        http.post(server.url("/v1/shelves/1/books"))
            .json(&json!({ "title": title }))
            .send()
            .await
            .unwrap();
    }
    let stream = http
        .get(server.url("/v1/shelves/1/books:stream"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let titles: Vec<Value> = stream
        .lines()
        .map(|line| serde_json::from_str::<Value>(line).unwrap()["result"]["title"].clone())
        .collect();
    assert_eq!(titles, [json!("A"), json!("B")]);

    // DELETE answers google.protobuf.Empty as `{}`.
    let deleted = http
        .delete(server.url("/v1/shelves/1/books/2"))
        .send()
        .await
        .unwrap();
    assert_eq!(deleted.status(), 200);
    assert_eq!(deleted.json::<Value>().await.unwrap(), json!({}));

    // The OpenAPI document is served and lists the routes.
    let document: Value = http
        .get(server.url("/openapi.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(document["info"]["title"], "bookstore.v1");
    let book = &document["paths"]["/v1/shelves/{shelf_id}/books/{book_id}"];
    assert!(
        book["get"].is_object() && book["delete"].is_object(),
        "{document}"
    );
}

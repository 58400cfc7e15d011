//! Server streaming over REST: newline-delimited JSON by default, Server-Sent
//! Events on request, and errors before or after the first message.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::fixture::{Server, client};

fn lines(text: &str) -> Vec<Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

#[tokio::test]
async fn ndjson_by_default() {
    let server = Server::start().await;
    let response = client()
        .get(server.url("/v1/things:watch?count=3"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "application/x-ndjson");
    let body = response.text().await.unwrap();
    assert_eq!(
        lines(&body),
        vec![
            json!({"result": {"id": "thing-0"}}),
            json!({"result": {"id": "thing-1", "int64Value": "1"}}),
            json!({"result": {"id": "thing-2", "int64Value": "2"}}),
        ]
    );
}

#[tokio::test]
async fn messages_arrive_as_they_are_produced() {
    let server = Server::start().await;
    let mut response = client()
        .get(server.url("/v1/things:watch?count=2&interval=0.3s"))
        .send()
        .await
        .unwrap();
    let first = response.chunk().await.unwrap().expect("a first chunk");
    assert_eq!(
        serde_json::from_slice::<Value>(first.trim_ascii()).unwrap(),
        json!({"result": {"id": "thing-0"}})
    );
    let rest = response.text().await.unwrap();
    assert_eq!(
        lines(&rest),
        vec![json!({"result": {"id": "thing-1", "int64Value": "1"}})]
    );
}

#[tokio::test]
async fn server_sent_events_when_asked() {
    let server = Server::start().await;
    let response = client()
        .get(server.url("/v1/things:watch?count=2&failCode=9"))
        .header("accept", "text/event-stream")
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["content-type"], "text/event-stream");
    let body = response.text().await.unwrap();
    let events: Vec<&str> = body.split("\n\n").filter(|e| !e.is_empty()).collect();
    assert_eq!(events.len(), 3, "{body}");
    assert_eq!(events[0], "event: message\ndata: {\"id\":\"thing-0\"}");
    assert!(events[2].starts_with("event: error\ndata: "), "{body}");
    let error: Value =
        serde_json::from_str(events[2].trim_start_matches("event: error\ndata: ")).unwrap();
    assert_eq!(error["code"], 9);
}

#[tokio::test]
async fn an_error_after_messages_ends_the_stream_with_an_error_object() {
    let server = Server::start().await;
    let response = client()
        .get(server.url("/v1/things:watch?count=1&failCode=10"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.status(),
        StatusCode::OK,
        "the status line was sent with the first message"
    );
    let all = lines(&response.text().await.unwrap());
    assert_eq!(all.len(), 2);
    assert_eq!(all[1]["error"]["code"], 10);
    assert_eq!(all[1]["error"]["message"], "stream failed on purpose");
}

#[tokio::test]
async fn an_error_before_any_message_is_a_plain_error_response() {
    let server = Server::start().await;
    let response = client()
        .get(server.url("/v1/things:watch?count=0&failCode=5"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["code"], 5);
}

#[tokio::test]
async fn an_empty_stream_is_an_empty_body() {
    let server = Server::start().await;
    let response = client()
        .get(server.url("/v1/things:watch?count=0"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.text().await.unwrap(), "");
}

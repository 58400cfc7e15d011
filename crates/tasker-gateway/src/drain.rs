//! What a client still sends after an early answer.
//!
//! HTTP/1.1 has one byte stream per connection: when a request is answered
//! before its body was read (a refused credential, an unknown route, a body
//! over the limit), hyper closes the connection as soon as the unread body
//! is dropped. A client that writes its whole body before reading — most
//! HTTP clients, Python's `urllib`, connect-node on a reused connection —
//! then fails with a broken pipe and never sees the answer.
//!
//! [`guard`] wraps a request body so that, on HTTP/1.x, a body dropped
//! before its end is read to its end on a task of its own, within
//! [`DrainLimits`]: the connection stays usable for the next request, or,
//! when the answer closes it, the client finishes writing and reads the
//! answer before it closes (RFC 9112 §9.6). A body of unknown length is read
//! up to the limits; one declared longer than they allow is not read at all
//! (the client could not finish writing it anyway). [`Guard::finish`] marks the answer
//! `Connection: close` when the connection cannot be reused. HTTP/2 needs
//! none of this: an unread stream is reset on its own (`RST_STREAM` with
//! `NO_ERROR` after the answer).

use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Buf as _;
#[cfg(test)]
use bytes::Bytes;
use http::header::{CONNECTION, CONTENT_LENGTH, EXPECT};
use http::{HeaderValue, Request, Response, Version};
use http_body::{Body, Frame, SizeHint};
use http_body_util::BodyExt as _;

/// Default of [`DrainLimits::max_bytes`]: 64 MiB.
pub const DRAIN_MAX_BYTES: u64 = 64 * 1024 * 1024;

/// Default of [`DrainLimits::timeout`]: 10 seconds.
pub const DRAIN_TIMEOUT: Duration = Duration::from_secs(10);

/// How much of an unread request body is read (and thrown away) after an
/// early answer, and for how long, before the connection is closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DrainLimits {
    /// Bytes read at most after the answer.
    pub max_bytes: u64,
    /// Time spent reading at most after the answer.
    pub timeout: Duration,
}

impl Default for DrainLimits {
    fn default() -> Self {
        Self {
            max_bytes: DRAIN_MAX_BYTES,
            timeout: DRAIN_TIMEOUT,
        }
    }
}

/// How far a guarded body was read.
#[derive(Debug, Default)]
struct Progress {
    /// Whether the body was polled (with `Expect: 100-continue`, hyper
    /// asks the client for the body then).
    polled: AtomicBool,
    ended: AtomicBool,
    received: AtomicU64,
}

impl Progress {
    /// Whether the client sends the body only if asked, and was not asked.
    fn never_asked(&self, expects_continue: bool) -> bool {
        expects_continue && !self.polled.load(Ordering::Acquire)
    }
}

/// The answer side of a guarded request: see [`Guard::finish`].
#[derive(Debug)]
pub struct Guard {
    /// `None` when the request needs no care (HTTP/2, no body).
    progress: Option<Arc<Progress>>,
    declared: Option<u64>,
    expects_continue: bool,
    limits: DrainLimits,
}

impl Guard {
    /// Whether the request is HTTP/1.x with a body (the only requests a
    /// connection can be lost over).
    pub fn is_http1_with_body(&self) -> bool {
        self.progress.is_some()
    }

    /// Whether the connection cannot serve another request after this
    /// answer: an HTTP/1.x request whose body was not read to its end, and
    /// whose remaining length is unknown or more than the drain reads (or
    /// which waits for a `100 Continue` it never got, so the client may or
    /// may not send the body).
    pub fn must_close(&self) -> bool {
        let Some(progress) = &self.progress else {
            return false;
        };
        if progress.ended.load(Ordering::Acquire) {
            return false;
        }
        if progress.never_asked(self.expects_continue) {
            return true;
        }
        let received = progress.received.load(Ordering::Acquire);
        self.declared
            .is_none_or(|declared| declared.saturating_sub(received) > self.limits.max_bytes)
    }

    /// Adds `Connection: close` to `response` when [`Guard::must_close`].
    pub fn finish<B>(&self, response: &mut Response<B>) {
        if self.must_close() {
            self.close(response);
        }
    }

    /// Adds `Connection: close` to the answer of an HTTP/1.x request with a
    /// body (HTTP/2 has no such header; a request without a body leaves
    /// nothing unread).
    pub fn close<B>(&self, response: &mut Response<B>) {
        if self.progress.is_some() {
            response
                .headers_mut()
                .insert(CONNECTION, HeaderValue::from_static("close"));
        }
    }
}

/// Wraps `request`'s body so that, on HTTP/1.x, what is left of it when it
/// is dropped is drained within `limits` on a task of its own; the
/// [`Guard`] decides the answer's `Connection` header.
pub fn guard<B>(request: Request<B>, limits: DrainLimits) -> (Request<Drained<B>>, Guard)
where
    B: Body + Send + 'static,
{
    let (parts, body) = request.into_parts();
    let http1 = matches!(
        parts.version,
        Version::HTTP_09 | Version::HTTP_10 | Version::HTTP_11
    );
    let progress = (http1 && !body.is_end_stream()).then(|| Arc::new(Progress::default()));
    let declared = parts
        .headers
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    let expects_continue = parts
        .headers
        .get(EXPECT)
        .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"100-continue"));
    let guard = Guard {
        progress: progress.clone(),
        declared,
        expects_continue,
        limits,
    };
    let body = Drained {
        inner: Some(Box::pin(body)),
        drain: drain_later::<B>,
        progress,
        declared,
        expects_continue,
        limits,
    };
    (Request::from_parts(parts, body), guard)
}

/// A request body that is drained when dropped before its end (see
/// [`guard`]).
pub struct Drained<B> {
    inner: Option<Pin<Box<B>>>,
    /// `drain_later::<B>`, named where `B: Send + 'static` is known.
    drain: fn(Pin<Box<B>>, DrainLimits),
    progress: Option<Arc<Progress>>,
    declared: Option<u64>,
    expects_continue: bool,
    limits: DrainLimits,
}

impl<B> std::fmt::Debug for Drained<B> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Drained")
            .field("limits", &self.limits)
            .finish_non_exhaustive()
    }
}

impl<B: Body> Body for Drained<B> {
    type Data = B::Data;
    type Error = B::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Self::Data>, Self::Error>>> {
        let this = &mut *self;
        let Some(inner) = this.inner.as_mut() else {
            return Poll::Ready(None);
        };
        let polled = inner.as_mut().poll_frame(cx);
        if let Some(progress) = &this.progress {
            progress.polled.store(true, Ordering::Release);
            match &polled {
                Poll::Ready(None) | Poll::Ready(Some(Err(_))) => {
                    progress.ended.store(true, Ordering::Release);
                }
                Poll::Ready(Some(Ok(frame))) => {
                    if let Some(data) = frame.data_ref() {
                        progress
                            .received
                            .fetch_add(data.remaining() as u64, Ordering::AcqRel);
                    }
                    if inner.is_end_stream() {
                        progress.ended.store(true, Ordering::Release);
                    }
                }
                Poll::Pending => {}
            }
        }
        polled
    }

    fn is_end_stream(&self) -> bool {
        self.inner
            .as_ref()
            .is_none_or(|inner| inner.is_end_stream())
    }

    fn size_hint(&self) -> SizeHint {
        self.inner
            .as_ref()
            .map_or_else(|| SizeHint::with_exact(0), |inner| inner.size_hint())
    }
}

impl<B> Drop for Drained<B> {
    fn drop(&mut self) {
        let (Some(inner), Some(progress)) = (self.inner.take(), self.progress.take()) else {
            return;
        };
        // A body the client sends only when asked (100 Continue) is not
        // asked for after the answer.
        if progress.ended.load(Ordering::Acquire) || progress.never_asked(self.expects_continue) {
            return;
        }
        // A declared rest larger than the drain reads would not be read
        // whole anyway.
        let received = progress.received.load(Ordering::Acquire);
        if self
            .declared
            .is_some_and(|declared| declared.saturating_sub(received) > self.limits.max_bytes)
        {
            return;
        }
        (self.drain)(inner, self.limits);
    }
}

/// Reads `body` to its end on a task of its own, within `limits`, then
/// drops it (which lets hyper reuse or close the connection).
fn drain_later<B>(mut body: Pin<Box<B>>, limits: DrainLimits)
where
    B: Body + Send + 'static,
{
    let Ok(runtime) = tokio::runtime::Handle::try_current() else {
        return;
    };
    runtime.spawn(async move {
        let deadline = tokio::time::Instant::now() + limits.timeout;
        let mut read = 0u64;
        loop {
            match tokio::time::timeout_at(deadline, body.frame()).await {
                Err(_) => {
                    tracing::debug!(read, "request body not drained within the time limit");
                    break;
                }
                Ok(None | Some(Err(_))) => break,
                Ok(Some(Ok(frame))) => {
                    if let Some(data) = frame.data_ref() {
                        read = read.saturating_add(data.remaining() as u64);
                        if read > limits.max_bytes {
                            tracing::debug!(read, "request body too large to drain");
                            break;
                        }
                    }
                }
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use http_body_util::{Empty, Full};

    use super::*;

    fn request(
        version: Version,
        headers: &[(&str, &str)],
        body: &'static [u8],
    ) -> Request<Full<Bytes>> {
        let mut builder = Request::post("/x").version(version);
        for (name, value) in headers {
            builder = builder.header(*name, *value);
        }
        builder
            .body(Full::new(Bytes::from_static(body)))
            .unwrap_or_default()
    }

    fn limits() -> DrainLimits {
        DrainLimits {
            max_bytes: 8,
            timeout: Duration::from_secs(1),
        }
    }

    #[tokio::test]
    async fn a_body_read_to_its_end_keeps_the_connection() {
        let cases: [&[(&str, &str)]; 3] = [
            &[("content-length", "5")],
            &[],
            &[("content-length", "5"), ("expect", "100-continue")],
        ];
        for headers in cases {
            let (request, guard) =
                super::guard(request(Version::HTTP_11, headers, b"hello"), limits());
            assert!(guard.is_http1_with_body());
            let collected = request.into_body().collect().await.map(|c| c.to_bytes());
            assert_eq!(collected.ok(), Some(Bytes::from_static(b"hello")));
            assert!(!guard.must_close(), "{headers:?}");
        }
    }

    #[test]
    fn an_unread_body_closes_unless_its_rest_is_known_to_fit() {
        let cases: [(&[(&str, &str)], bool); 4] = [
            (&[("content-length", "5")], false),
            (&[("content-length", "9")], true),
            (&[], true),
            (&[("content-length", "5"), ("expect", "100-continue")], true),
        ];
        for (headers, close) in cases {
            let (request, guard) =
                super::guard(request(Version::HTTP_11, headers, b"hello"), limits());
            drop(request);
            assert_eq!(guard.must_close(), close, "{headers:?}");
            let mut response = Response::new(());
            guard.finish(&mut response);
            assert_eq!(response.headers().contains_key(CONNECTION), close);
        }
    }

    #[test]
    fn http2_and_bodiless_requests_need_no_care() {
        let (_request, guard) = super::guard(request(Version::HTTP_2, &[], b"hello"), limits());
        assert!(!guard.must_close());
        let mut response = Response::new(());
        guard.close(&mut response);
        assert!(!response.headers().contains_key(CONNECTION));
        let bodiless = Request::get("/x")
            .body(Empty::<Bytes>::new())
            .unwrap_or_default();
        let (_request, guard) = super::guard(bodiless, limits());
        assert!(!guard.is_http1_with_body());
        assert!(!guard.must_close());
    }
}

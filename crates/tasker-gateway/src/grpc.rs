//! Speaking gRPC to the in-process service: length-prefixed frames, request
//! construction, and reading messages and the final status from a response.

use std::convert::Infallible;
use std::time::Duration;

use bytes::{Buf, BufMut, Bytes, BytesMut};
use http::{HeaderMap, HeaderValue, Request, Response};
use http_body_util::BodyExt;
use tonic::Code;

use crate::status::GrpcStatus;

/// Error type of boxed bodies.
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// A tonic service stack the gateway calls in-process.
pub trait GrpcService:
    tower::Service<
        Request<tonic::body::Body>,
        Response = Response<tonic::body::Body>,
        Error = Infallible,
        Future: Send,
    > + Send
    + 'static
{
}

impl<S> GrpcService for S where
    S: tower::Service<
            Request<tonic::body::Body>,
            Response = Response<tonic::body::Body>,
            Error = Infallible,
            Future: Send,
        > + Send
        + 'static
{
}

/// A request body the gateway reads: bytes, errors it can box.
pub trait RequestBody:
    http_body::Body<Data = Bytes, Error: Into<BoxError>> + Send + 'static
{
}

impl<B> RequestBody for B where
    B: http_body::Body<Data = Bytes, Error: Into<BoxError>> + Send + 'static
{
}

/// Wraps one encoded message in a gRPC frame (uncompressed).
pub fn frame(message: &[u8]) -> Bytes {
    let mut out = BytesMut::with_capacity(message.len() + 5);
    out.put_u8(0);
    out.put_u32(u32::try_from(message.len()).unwrap_or(u32::MAX));
    out.put_slice(message);
    out.freeze()
}

/// Incremental parser of gRPC frames from body chunks.
#[derive(Debug, Default)]
pub struct FrameDecoder {
    buffer: BytesMut,
}

impl FrameDecoder {
    /// Appends a chunk.
    pub fn push(&mut self, chunk: &[u8]) {
        self.buffer.extend_from_slice(chunk);
    }

    /// The next complete message, if one is buffered.
    ///
    /// # Errors
    /// A status when the frame is compressed (never requested by the gateway).
    pub fn next_message(&mut self) -> Result<Option<Bytes>, GrpcStatus> {
        if self.buffer.len() < 5 {
            return Ok(None);
        }
        let compressed = self.buffer[0];
        let len = u32::from_be_bytes([
            self.buffer[1],
            self.buffer[2],
            self.buffer[3],
            self.buffer[4],
        ]) as usize;
        if self.buffer.len() < 5 + len {
            return Ok(None);
        }
        if compressed != 0 {
            return Err(GrpcStatus::new(
                Code::Internal,
                "unexpected compressed response message",
            ));
        }
        self.buffer.advance(5);
        Ok(Some(self.buffer.split_to(len).freeze()))
    }

    /// Whether bytes of an incomplete frame remain.
    pub fn has_remainder(&self) -> bool {
        !self.buffer.is_empty()
    }
}

/// Builds the in-process gRPC request for `path` (`/pkg.Service/Method`).
pub fn request(
    path: &str,
    message: &[u8],
    metadata: HeaderMap,
    timeout: Option<Duration>,
) -> Result<Request<tonic::body::Body>, http::Error> {
    let mut builder = Request::builder()
        .method(http::Method::POST)
        .uri(path)
        .version(http::Version::HTTP_2)
        .header(http::header::CONTENT_TYPE, "application/grpc")
        .header(http::header::TE, "trailers");
    if let Some(timeout) = timeout {
        builder = builder.header("grpc-timeout", format_grpc_timeout(timeout));
    }
    let mut request = builder.body(tonic::body::Body::new(http_body_util::Full::new(frame(
        message,
    ))))?;
    for (name, value) in &metadata {
        request.headers_mut().append(name.clone(), value.clone());
    }
    Ok(request)
}

/// `grpc-timeout` value for a duration (at most 8 digits, per the spec).
pub fn format_grpc_timeout(timeout: Duration) -> HeaderValue {
    let nanos = timeout.as_nanos();
    let (value, unit) = [
        (1u128, 'n'),
        (1_000, 'u'),
        (1_000_000, 'm'),
        (1_000_000_000, 'S'),
        (60_000_000_000, 'M'),
        (3_600_000_000_000, 'H'),
    ]
    .into_iter()
    .map(|(scale, unit)| (nanos.div_ceil(scale), unit))
    .find(|(value, _)| *value < 100_000_000)
    .unwrap_or((99_999_999, 'H'));
    HeaderValue::from_str(&format!("{value}{unit}"))
        .unwrap_or_else(|_| HeaderValue::from_static("99999999H"))
}

/// Parses a `grpc-timeout` header value (`100m`, `5S`, …).
pub fn parse_grpc_timeout(value: &str) -> Option<Duration> {
    if value.len() < 2 || value.len() > 9 {
        return None;
    }
    let (digits, unit) = value.split_at(value.len() - 1);
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: u64 = digits.parse().ok()?;
    Some(match unit {
        "H" => Duration::from_secs(n.checked_mul(3600)?),
        "M" => Duration::from_secs(n.checked_mul(60)?),
        "S" => Duration::from_secs(n),
        "m" => Duration::from_millis(n),
        "u" => Duration::from_micros(n),
        "n" => Duration::from_nanos(n),
        _ => return None,
    })
}

/// What the service answered to a unary call.
#[derive(Debug)]
pub struct UnaryReply {
    /// Response headers (metadata).
    pub headers: HeaderMap,
    /// The single response message.
    pub message: Bytes,
    /// Trailers (metadata), without the `grpc-*` status fields.
    pub trailers: HeaderMap,
}

/// Reads a unary response: one message and an OK status, or the error status.
pub async fn read_unary(
    response: Response<tonic::body::Body>,
) -> Result<UnaryReply, (GrpcStatus, HeaderMap)> {
    read_unary_reply(response)
        .await
        .map_err(|error| (error.status, error.headers))
}

/// A unary call that failed: its status and the metadata that came with it.
#[derive(Debug)]
pub struct UnaryError {
    /// The error status.
    pub status: GrpcStatus,
    /// Response headers (for a trailers-only answer, its trailers too).
    pub headers: HeaderMap,
    /// Trailers, without the `grpc-*` status fields (empty for a
    /// trailers-only answer).
    pub trailers: HeaderMap,
}

/// Reads a unary response like [`read_unary`], keeping the trailers of a
/// failed call.
pub async fn read_unary_reply(
    response: Response<tonic::body::Body>,
) -> Result<UnaryReply, UnaryError> {
    let (parts, mut body) = response.into_parts();
    let fail = |status: GrpcStatus, headers: &HeaderMap, trailers: HeaderMap| UnaryError {
        status,
        headers: headers.clone(),
        trailers,
    };
    if let Some(status) = GrpcStatus::from_headers(&parts.headers) {
        // Trailers-only response.
        let status = if status.code == Code::Ok {
            GrpcStatus::new(Code::Internal, "service returned no response message")
        } else {
            status
        };
        return Err(fail(status, &parts.headers, HeaderMap::new()));
    }
    let mut decoder = FrameDecoder::default();
    let mut message = None;
    let mut trailers = HeaderMap::new();
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|e| {
            fail(
                GrpcStatus::new(Code::Internal, format!("response body: {e}")),
                &parts.headers,
                HeaderMap::new(),
            )
        })?;
        match frame.into_data() {
            Ok(data) => {
                decoder.push(&data);
                while let Some(m) = decoder
                    .next_message()
                    .map_err(|s| fail(s, &parts.headers, HeaderMap::new()))?
                {
                    if message.replace(m).is_some() {
                        return Err(fail(
                            GrpcStatus::new(Code::Internal, "unary RPC returned several messages"),
                            &parts.headers,
                            HeaderMap::new(),
                        ));
                    }
                }
            }
            Err(frame) => {
                if let Ok(t) = frame.into_trailers() {
                    trailers = t;
                }
            }
        }
    }
    let status = GrpcStatus::from_headers(&trailers)
        .unwrap_or_else(|| GrpcStatus::new(Code::Internal, "response ended without a gRPC status"));
    strip_status(&mut trailers);
    if status.code != Code::Ok {
        return Err(fail(status, &parts.headers, trailers));
    }
    let Some(message) = message else {
        return Err(fail(
            GrpcStatus::new(Code::Internal, "service returned no response message"),
            &parts.headers,
            trailers,
        ));
    };
    Ok(UnaryReply {
        headers: parts.headers,
        message,
        trailers,
    })
}

/// Removes the `grpc-status` family from a trailer map.
pub fn strip_status(trailers: &mut HeaderMap) {
    for name in ["grpc-status", "grpc-message", "grpc-status-details-bin"] {
        trailers.remove(name);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_round_trip_across_chunk_boundaries() {
        let a = frame(b"hello");
        let b = frame(b"");
        let mut all = a.to_vec();
        all.extend_from_slice(&b);
        let mut decoder = FrameDecoder::default();
        for byte in all {
            decoder.push(&[byte]);
        }
        assert_eq!(decoder.next_message().unwrap().unwrap().as_ref(), b"hello");
        assert_eq!(decoder.next_message().unwrap().unwrap().as_ref(), b"");
        assert_eq!(decoder.next_message().unwrap(), None);
        assert!(!decoder.has_remainder());
    }

    #[test]
    fn compressed_frames_are_refused() {
        let mut decoder = FrameDecoder::default();
        decoder.push(&[1, 0, 0, 0, 1, 42]);
        assert!(decoder.next_message().is_err());
    }

    #[test]
    fn grpc_timeouts_round_trip() {
        for (text, duration) in [
            ("100m", Duration::from_millis(100)),
            ("5S", Duration::from_secs(5)),
            ("2M", Duration::from_secs(120)),
            ("1H", Duration::from_secs(3600)),
            ("250u", Duration::from_micros(250)),
            ("7n", Duration::from_nanos(7)),
        ] {
            assert_eq!(parse_grpc_timeout(text), Some(duration), "{text}");
        }
        for bad in ["", "5", "m", "5x", "-5S", "123456789S"] {
            assert_eq!(parse_grpc_timeout(bad), None, "{bad}");
        }
        let formatted = format_grpc_timeout(Duration::from_millis(1500));
        assert_eq!(
            parse_grpc_timeout(formatted.to_str().unwrap()),
            Some(Duration::from_micros(1_500_000))
        );
    }
}

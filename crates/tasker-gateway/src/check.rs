//! Input checks for gRPC and gRPC-Web requests, between tonic-web (which
//! has turned gRPC-Web into gRPC frames) and the tonic services, so that
//! malformed input is answered INVALID_ARGUMENT and a slow body
//! DEADLINE_EXCEEDED. The one exception is the gRPC compression spec's: the
//! Compressed-Flag set without a `grpc-encoding` MUST fail INTERNAL, naming
//! the flag.
//!
//! - framing, as the body streams past (no copy): a compressed flag without
//!   a `grpc-encoding`, a flag other than 0 or 1, a body ending inside a
//!   frame, a unary or server-streaming call with no message or with more
//!   than one; a message longer than the services decode is answered
//!   RESOURCE_EXHAUSTED, as the gRPC specification asks (tonic itself
//!   answers OUT_OF_RANGE), from its frame header;
//! - each complete, uncompressed request message of a method in the
//!   descriptor pool, by a linear walk of the protobuf wire format guided by
//!   the method's input type ([`scan_message`]): well-formed tags, varints
//!   and lengths, the wire type each known field declares, UTF-8 in string
//!   fields, and the nesting limit [`MAX_JSON_DEPTH`] measured as the JSON
//!   form would nest — before prost's recursive decoder sees the bytes;
//! - the body of a call that is not client-streaming must arrive within the
//!   body read timeout;
//! - as a backstop, a trailers-only INTERNAL that tonic produced for input it
//!   could not decode (`failed to decode Protobuf message`, `Missing request
//!   message`, tonic-web's base64 errors, …) is answered INVALID_ARGUMENT.
//!
//! An unknown `grpc-encoding` is already answered UNIMPLEMENTED with
//! `grpc-accept-encoding` by tonic itself.

use std::collections::HashMap;
use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::{Bytes, BytesMut};
use http::{HeaderMap, HeaderValue, Request, Response};
use http_body::Frame;
use http_body_util::BodyExt as _;
use prost_reflect::{DescriptorPool, FieldDescriptor, Kind, MessageDescriptor};
use tonic::{Code, Status};

use crate::limits::MAX_JSON_DEPTH;

type BoxFuture<T> = Pin<Box<dyn Future<Output = T> + Send + 'static>>;

/// tonic's decoding limit when a service sets none.
const DEFAULT_MAX_MESSAGE_BYTES: usize = 4 * 1024 * 1024;

/// Deepest message nesting walked (prost's decoder allows 100).
const MAX_MESSAGE_NESTING: usize = 96;

/// The refusal for input nested deeper than [`MAX_JSON_DEPTH`].
pub fn too_deep_message() -> String {
    format!("request nesting exceeds the limit of {MAX_JSON_DEPTH} levels (MAX_JSON_DEPTH)")
}

// ---------------------------------------------------------------------------
// The wire-format walk.

/// Checks that `bytes` is a message of type `desc` that prost will decode,
/// and that it nests at most [`MAX_JSON_DEPTH`] levels as JSON would.
///
/// # Errors
/// What is wrong, as a sentence for a client.
pub fn scan_message(desc: &MessageDescriptor, bytes: &[u8]) -> Result<(), String> {
    let mut reader = Reader { buf: bytes, pos: 0 };
    scan_fields(&mut reader, desc, own_level(desc), 1, None)
}

struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn at_end(&self) -> bool {
        self.pos >= self.buf.len()
    }

    /// A varint as prost reads it: at most 10 bytes, the tenth at most 1.
    fn varint(&mut self) -> Result<u64, String> {
        let mut value = 0u64;
        for i in 0..10 {
            let byte = *self
                .buf
                .get(self.pos)
                .ok_or_else(|| "truncated varint".to_owned())?;
            self.pos += 1;
            if i == 9 && byte > 1 {
                return Err("invalid varint".into());
            }
            value |= u64::from(byte & 0x7f) << (7 * i);
            if byte < 0x80 {
                return Ok(value);
            }
        }
        Err("invalid varint".into())
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|end| *end <= self.buf.len())
            .ok_or_else(|| "truncated field (buffer underflow)".to_owned())?;
        let slice = &self.buf[self.pos..end];
        self.pos = end;
        Ok(slice)
    }

    fn length_delimited(&mut self) -> Result<&'a [u8], String> {
        let len = self.varint()?;
        let len = usize::try_from(len).map_err(|_| "length out of range".to_owned())?;
        self.take(len)
    }

    /// `(field number, wire type)`.
    fn key(&mut self) -> Result<(u32, u8), String> {
        let key = self.varint()?;
        let key = u32::try_from(key).map_err(|_| format!("invalid key value {key}"))?;
        let wire_type = (key & 7) as u8;
        if wire_type > 5 {
            return Err(format!("invalid wire type {wire_type}"));
        }
        let number = key >> 3;
        if number == 0 {
            return Err("invalid field number 0".into());
        }
        Ok((number, wire_type))
    }

    /// Skips a value of `wire_type` (groups to their end tag).
    fn skip(&mut self, number: u32, wire_type: u8, nesting: usize) -> Result<(), String> {
        match wire_type {
            0 => self.varint().map(drop),
            1 => self.take(8).map(drop),
            2 => self.length_delimited().map(drop),
            3 => {
                if nesting > MAX_MESSAGE_NESTING {
                    return Err(too_deep_message());
                }
                loop {
                    if self.at_end() {
                        return Err("group without its end tag".into());
                    }
                    let (inner, inner_type) = self.key()?;
                    if inner_type == 4 {
                        if inner != number {
                            return Err("unexpected end group tag".into());
                        }
                        return Ok(());
                    }
                    self.skip(inner, inner_type, nesting + 1)?;
                }
            }
            5 => self.take(4).map(drop),
            _ => Err("unexpected end group tag".into()),
        }
    }
}

/// Whether the JSON of this type is the object or array of its one map or
/// repeated field.
fn is_json_container(desc: &MessageDescriptor) -> bool {
    matches!(
        desc.full_name(),
        "google.protobuf.Struct" | "google.protobuf.ListValue"
    )
}

/// JSON levels a message of this type adds by itself: 1 for an object or
/// array (`Struct`, `ListValue`, any other message), 0 for `Value` (whatever
/// it holds), the well-known types written as scalars, and map entries.
fn own_level(desc: &MessageDescriptor) -> usize {
    let flat = desc.is_map_entry()
        || desc.full_name() == "google.protobuf.Value"
        || crate::bind::is_scalar_like(desc);
    usize::from(!flat)
}

/// The wire type prost expects for a field of `kind`.
fn wire_type_of(field: &FieldDescriptor) -> u8 {
    match field.kind() {
        Kind::Double | Kind::Fixed64 | Kind::Sfixed64 => 1,
        Kind::Float | Kind::Fixed32 | Kind::Sfixed32 => 5,
        Kind::Int32
        | Kind::Int64
        | Kind::Uint32
        | Kind::Uint64
        | Kind::Sint32
        | Kind::Sint64
        | Kind::Bool
        | Kind::Enum(_) => 0,
        Kind::Message(_) if field.is_group() => 3,
        Kind::String | Kind::Bytes | Kind::Message(_) => 2,
    }
}

/// Walks the fields of one message up to the end of `reader` (or, for a
/// group, to its end tag `end_group`). `level` is the JSON nesting of this
/// message, `nesting` its message nesting.
fn scan_fields(
    reader: &mut Reader<'_>,
    desc: &MessageDescriptor,
    level: usize,
    nesting: usize,
    end_group: Option<u32>,
) -> Result<(), String> {
    if level > MAX_JSON_DEPTH || nesting > MAX_MESSAGE_NESTING {
        return Err(too_deep_message());
    }
    loop {
        if reader.at_end() {
            return match end_group {
                None => Ok(()),
                Some(_) => Err("group without its end tag".into()),
            };
        }
        let (number, wire_type) = reader.key()?;
        if wire_type == 4 {
            return match end_group {
                Some(expected) if expected == number => Ok(()),
                _ => Err("unexpected end group tag".into()),
            };
        }
        let Some(field) = desc.get_field(number) else {
            reader.skip(number, wire_type, nesting)?;
            continue;
        };
        let expected = wire_type_of(&field);
        // prost reads a map entry as length-delimited whatever the key's wire
        // type says; so does the walk.
        let expected = if field.is_map() { wire_type } else { expected };
        if wire_type != expected {
            let packed = field.is_list() && wire_type == 2 && matches!(expected, 0 | 1 | 5);
            if !packed {
                return Err(format!(
                    "field {} ({}) has wire type {wire_type}, expected {expected}",
                    number,
                    field.name()
                ));
            }
            let values = reader.length_delimited()?;
            check_packed(values, expected).map_err(|e| format!("field {}: {e}", field.name()))?;
            continue;
        }
        match field.kind() {
            Kind::Message(inner) => {
                // A map or repeated field is a JSON object or array of its
                // own, except in Struct and ListValue, which are that object
                // or array themselves.
                let container = (field.is_list() || field.is_map()) && !is_json_container(desc);
                let child_level = level + usize::from(container) + own_level(&inner);
                if wire_type == 3 && !field.is_map() {
                    scan_fields(reader, &inner, child_level, nesting + 1, Some(number))?;
                } else {
                    let bytes = reader.length_delimited()?;
                    let mut sub = Reader { buf: bytes, pos: 0 };
                    scan_fields(&mut sub, &inner, child_level, nesting + 1, None)?;
                }
            }
            Kind::String => {
                let bytes = reader.length_delimited()?;
                if std::str::from_utf8(bytes).is_err() {
                    return Err(format!(
                        "field {} ({}) is not valid UTF-8",
                        number,
                        field.name()
                    ));
                }
            }
            _ => reader.skip(number, wire_type, nesting)?,
        }
    }
}

/// Checks the contents of a packed repeated field of scalar wire type
/// `element`.
fn check_packed(values: &[u8], element: u8) -> Result<(), String> {
    match element {
        1 if !values.len().is_multiple_of(8) => Err("packed 64-bit values of a bad length".into()),
        5 if !values.len().is_multiple_of(4) => Err("packed 32-bit values of a bad length".into()),
        0 => {
            let mut reader = Reader {
                buf: values,
                pos: 0,
            };
            while !reader.at_end() {
                reader.varint()?;
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

// ---------------------------------------------------------------------------
// The layer.

#[derive(Debug, Clone)]
struct Shape {
    input: MessageDescriptor,
    client_streaming: bool,
}

/// Wraps the tonic services (inside tonic-web) with the input checks.
#[derive(Clone)]
pub struct GrpcCheck<S> {
    inner: S,
    methods: Arc<HashMap<String, Shape>>,
    body_read_timeout: Duration,
    max_message_bytes: usize,
}

impl<S> std::fmt::Debug for GrpcCheck<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GrpcCheck")
            .field("methods", &self.methods.len())
            .field("body_read_timeout", &self.body_read_timeout)
            .field("max_message_bytes", &self.max_message_bytes)
            .finish_non_exhaustive()
    }
}

impl<S> GrpcCheck<S> {
    /// Checks requests to the methods of `pool` (by path,
    /// `/pkg.Service/Method`); methods not in it get the framing checks
    /// only.
    pub fn new(inner: S, pool: &DescriptorPool, body_read_timeout: Duration) -> Self {
        let mut methods = HashMap::new();
        for service in pool.services() {
            for method in service.methods() {
                methods.insert(
                    format!("/{}/{}", service.full_name(), method.name()),
                    Shape {
                        input: method.input(),
                        client_streaming: method.is_client_streaming(),
                    },
                );
            }
        }
        Self {
            inner,
            methods: Arc::new(methods),
            body_read_timeout,
            max_message_bytes: DEFAULT_MAX_MESSAGE_BYTES,
        }
    }

    /// Refuses request messages longer than `bytes` — set it to the
    /// services' decoding limit (tonic's `max_decoding_message_size`; 4 MiB,
    /// tonic's default, unless set).
    #[must_use]
    pub fn with_max_message_bytes(mut self, bytes: usize) -> Self {
        self.max_message_bytes = bytes;
        self
    }
}

impl<S> tower::Service<Request<tonic::body::Body>> for GrpcCheck<S>
where
    S: tower::Service<
            Request<tonic::body::Body>,
            Response = Response<tonic::body::Body>,
            Error = Infallible,
        > + Send,
    S::Future: Send + 'static,
{
    type Response = Response<tonic::body::Body>;
    type Error = Infallible;
    type Future = BoxFuture<Result<Self::Response, Infallible>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request<tonic::body::Body>) -> Self::Future {
        let shape = self.methods.get(request.uri().path()).cloned();
        let encoded = request
            .headers()
            .get("grpc-encoding")
            .is_some_and(|v| v.as_bytes() != b"identity");
        let (parts, body) = request.into_parts();
        let mut check = CheckBody {
            inner: body,
            frames: Frames::default(),
            compressed_allowed: encoded,
            unary: false,
            input: None,
            deadline: None,
            timeout: self.body_read_timeout,
            max_message_bytes: self.max_message_bytes,
            done: false,
        };
        if let Some(shape) = shape {
            check.input = Some(shape.input);
            if !shape.client_streaming {
                check.unary = true;
                check.deadline = Some(Box::pin(tokio::time::sleep(self.body_read_timeout)));
            }
        }
        let request = Request::from_parts(parts, tonic::body::Body::new(check));
        let future = self.inner.call(request);
        Box::pin(async move { future.await.map(rewrite_input_errors) })
    }
}

/// Where the frame parser is.
#[derive(Debug, Default)]
struct Frames {
    header: [u8; 5],
    header_len: usize,
    /// Bytes of the current message still to come (inside a message when
    /// `in_message`).
    remaining: usize,
    in_message: bool,
    compressed: bool,
    messages: usize,
    /// The current message when it spans chunks (only while scanning).
    scratch: BytesMut,
}

struct CheckBody {
    inner: tonic::body::Body,
    frames: Frames,
    compressed_allowed: bool,
    /// One request message expected (not client-streaming).
    unary: bool,
    /// The input type, when the method is known.
    input: Option<MessageDescriptor>,
    deadline: Option<Pin<Box<tokio::time::Sleep>>>,
    timeout: Duration,
    max_message_bytes: usize,
    done: bool,
}

impl CheckBody {
    fn invalid(&mut self, message: impl Into<String>) -> Status {
        self.done = true;
        Status::invalid_argument(message.into())
    }

    fn scan(&mut self, message: &[u8]) -> Result<(), Status> {
        if let Some(input) = &self.input
            && let Err(reason) = scan_message(input, message)
        {
            return Err(self.invalid(format!("invalid request message: {reason}")));
        }
        Ok(())
    }

    /// Runs the frame parser over one chunk.
    fn feed(&mut self, chunk: &Bytes) -> Result<(), Status> {
        let mut data: &[u8] = chunk;
        while !data.is_empty() {
            if !self.frames.in_message {
                let frames = &mut self.frames;
                let take = (5 - frames.header_len).min(data.len());
                frames.header[frames.header_len..frames.header_len + take]
                    .copy_from_slice(&data[..take]);
                frames.header_len += take;
                data = &data[take..];
                if frames.header_len < 5 {
                    continue;
                }
                frames.header_len = 0;
                let flag = frames.header[0];
                let len = u32::from_be_bytes([
                    frames.header[1],
                    frames.header[2],
                    frames.header[3],
                    frames.header[4],
                ]) as usize;
                frames.messages += 1;
                frames.compressed = flag == 1;
                frames.in_message = true;
                frames.remaining = len;
                frames.scratch.clear();
                let messages = frames.messages;
                if flag > 1 {
                    return Err(self.invalid(format!(
                        "invalid gRPC frame: compressed flag {flag} (valid flags are 0 and 1)"
                    )));
                }
                if flag == 1 && !self.compressed_allowed {
                    // The one malformed input the gRPC compression spec
                    // assigns a code of its own: INTERNAL, saying why.
                    self.done = true;
                    return Err(Status::internal(
                        "invalid gRPC frame: Compressed-Flag set but no grpc-encoding other than identity was sent",
                    ));
                }
                if len > self.max_message_bytes {
                    // tonic's own words, with the code the gRPC spec asks
                    // for (tonic answers OUT_OF_RANGE).
                    self.done = true;
                    return Err(Status::resource_exhausted(format!(
                        "Error, decoded message length too large: found {len} bytes, the limit is: {} bytes",
                        self.max_message_bytes
                    )));
                }
                if self.unary && messages > 1 {
                    return Err(self.invalid(
                        "this method takes exactly one request message; the request has more",
                    ));
                }
                // The whole message in this chunk: scan it in place.
                if !self.frames.compressed && self.input.is_some() && data.len() >= len {
                    let (message, rest) = data.split_at(len);
                    self.scan(message)?;
                    self.frames.in_message = false;
                    self.frames.remaining = 0;
                    data = rest;
                } else if len == 0 {
                    self.frames.in_message = false;
                }
            } else {
                let take = self.frames.remaining.min(data.len());
                let scanning = !self.frames.compressed && self.input.is_some();
                if scanning {
                    self.frames.scratch.extend_from_slice(&data[..take]);
                }
                self.frames.remaining -= take;
                data = &data[take..];
                if self.frames.remaining == 0 {
                    self.frames.in_message = false;
                    if scanning {
                        let message = std::mem::take(&mut self.frames.scratch);
                        self.scan(&message)?;
                    }
                }
            }
        }
        Ok(())
    }

    /// Checks at the end of the body.
    fn finish(&mut self) -> Result<(), Status> {
        if self.frames.in_message || self.frames.header_len > 0 {
            return Err(self.invalid("truncated gRPC frame: the body ended inside a message"));
        }
        if self.unary && self.frames.messages == 0 {
            return Err(self.invalid("the request has no message"));
        }
        Ok(())
    }
}

impl http_body::Body for CheckBody {
    type Data = Bytes;
    type Error = Status;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Status>>> {
        if self.done {
            return Poll::Ready(None);
        }
        let this = &mut *self;
        match Pin::new(&mut this.inner).poll_frame(cx) {
            Poll::Pending => {
                if let Some(deadline) = this.deadline.as_mut()
                    && deadline.as_mut().poll(cx).is_ready()
                {
                    this.done = true;
                    this.deadline = None;
                    return Poll::Ready(Some(Err(Status::deadline_exceeded(format!(
                        "the request body did not arrive within the body read timeout of {} s",
                        this.timeout.as_secs()
                    )))));
                }
                Poll::Pending
            }
            Poll::Ready(None) => {
                this.deadline = None;
                match this.finish() {
                    Ok(()) => {
                        this.done = true;
                        Poll::Ready(None)
                    }
                    Err(status) => Poll::Ready(Some(Err(status))),
                }
            }
            Poll::Ready(Some(Err(status))) => {
                this.done = true;
                // tonic-web's decoding errors (bad base64, …) are the
                // client's input, not the server's fault.
                let status = if status.code() == Code::Internal {
                    Status::invalid_argument(format!("malformed request: {}", status.message()))
                } else {
                    status
                };
                Poll::Ready(Some(Err(status)))
            }
            Poll::Ready(Some(Ok(frame))) => {
                if let Some(data) = frame.data_ref()
                    && let Err(status) = this.feed(data)
                {
                    return Poll::Ready(Some(Err(status)));
                }
                Poll::Ready(Some(Ok(frame)))
            }
        }
    }

    fn is_end_stream(&self) -> bool {
        self.done
    }
}

/// tonic's own messages for request input it could not decode, which it
/// answers INTERNAL.
const TONIC_INPUT_ERRORS: &[&str] = &[
    "failed to decode Protobuf message",
    "Missing request message",
    "Unexpected EOF decoding stream",
    "protocol error: received message with",
    "tonic-web:",
];

/// Answers INVALID_ARGUMENT instead of INTERNAL where tonic refused the
/// request's input (trailers-only responses and trailers).
fn rewrite_input_errors(response: Response<tonic::body::Body>) -> Response<tonic::body::Body> {
    fn fix(headers: &mut HeaderMap) {
        let internal = headers.get("grpc-status").is_some_and(|v| v == "13");
        if !internal {
            return;
        }
        let message = headers
            .get("grpc-message")
            .and_then(|v| v.to_str().ok())
            .and_then(|m| crate::template::percent_decode(m, true))
            .unwrap_or_default();
        if TONIC_INPUT_ERRORS.iter().any(|m| message.starts_with(m)) {
            headers.insert("grpc-status", HeaderValue::from_static("3"));
        }
    }
    let (mut parts, body) = response.into_parts();
    let trailers_only = parts.headers.contains_key("grpc-status");
    fix(&mut parts.headers);
    if trailers_only {
        return Response::from_parts(parts, body);
    }
    let body = body.map_frame(|mut frame| {
        if let Some(trailers) = frame.trailers_mut() {
            fix(trailers);
        }
        frame
    });
    Response::from_parts(parts, tonic::body::Body::new(body))
}

#[cfg(test)]
mod tests {
    use prost::Message as _;
    use prost_reflect::{DynamicMessage, ReflectMessage as _};

    use super::*;

    fn struct_desc() -> MessageDescriptor {
        prost_types::Struct::default().descriptor()
    }

    fn nested_struct(levels: usize) -> prost_types::Struct {
        let mut value = prost_types::Struct::default();
        for _ in 1..levels {
            let mut outer = prost_types::Struct::default();
            outer.fields.insert(
                "a".into(),
                prost_types::Value {
                    kind: Some(prost_types::value::Kind::StructValue(value)),
                },
            );
            value = outer;
        }
        value
    }

    #[test]
    fn struct_depth_is_counted_as_json() {
        // A Struct nested n deep is JSON nested n deep.
        let ok = nested_struct(MAX_JSON_DEPTH).encode_to_vec();
        assert_eq!(scan_message(&struct_desc(), &ok), Ok(()));
        let deep = nested_struct(MAX_JSON_DEPTH + 1).encode_to_vec();
        let error = scan_message(&struct_desc(), &deep).unwrap_err();
        assert!(error.contains("32"), "{error}");
        // Far deeper than prost's own limit: still a clear refusal.
        let deeper = nested_struct(200).encode_to_vec();
        assert!(scan_message(&struct_desc(), &deeper).is_err());
    }

    #[test]
    fn invalid_utf8_and_garbage_are_found() {
        // Struct.fields entry with a non-UTF-8 key.
        let entry = [0x0a, 0x01, 0xff];
        let mut message = vec![0x0a, entry.len() as u8];
        message.extend_from_slice(&entry);
        assert!(
            scan_message(&struct_desc(), &message)
                .unwrap_err()
                .contains("UTF-8")
        );
        for garbage in [
            &[0xff_u8, 0xff, 0xff][..],
            &[0x0a, 0x05, 0x01],
            &[0x00],
            &[0x0c],
            &[0x08],
            &[0x0b, 0x08, 0x01],
        ] {
            assert!(
                scan_message(&struct_desc(), garbage).is_err(),
                "{garbage:?}"
            );
        }
    }

    #[test]
    fn what_prost_accepts_passes() {
        let desc = struct_desc();
        let value = nested_struct(5);
        assert_eq!(scan_message(&desc, &value.encode_to_vec()), Ok(()));
        // Unknown fields of every wire type, groups included.
        let unknown = [
            0x78, 0x01, // field 15 varint
            0x7d, 1, 2, 3, 4, // field 15 fixed32
            0x79, 1, 2, 3, 4, 5, 6, 7, 8, // field 15 fixed64
            0x7a, 0x00, // field 15 empty bytes
            0x7b, 0x08, 0x01, 0x7c, // field 15 group with a varint inside
        ];
        assert_eq!(scan_message(&desc, &unknown), Ok(()));
        assert!(DynamicMessage::decode(desc, &unknown[..]).is_ok());
    }

    #[test]
    fn a_message_over_the_limit_is_resource_exhausted_from_its_header() {
        let mut check = CheckBody {
            inner: tonic::body::Body::empty(),
            frames: Frames::default(),
            compressed_allowed: false,
            unary: true,
            input: None,
            deadline: None,
            timeout: Duration::from_secs(1),
            max_message_bytes: 16,
            done: false,
        };
        // The header alone, declaring 17 bytes: refused before any arrive.
        let header = Bytes::from_static(&[0, 0, 0, 0, 17]);
        let status = check.feed(&header).unwrap_err();
        assert_eq!(status.code(), Code::ResourceExhausted, "{status:?}");
        assert!(status.message().contains("found 17 bytes"), "{status:?}");
        check.done = false;
        check.frames = Frames::default();
        check.max_message_bytes = 17;
        assert!(check.feed(&header).is_ok());
    }
}

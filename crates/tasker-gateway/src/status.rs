//! gRPC status ⇄ HTTP: the one table that maps codes to HTTP statuses, and the
//! `google.rpc.Status` JSON body REST clients receive.

use std::time::Duration;

use base64::Engine as _;
use http::{HeaderMap, StatusCode};
use prost::Message as _;
use prost_reflect::{DescriptorPool, DynamicMessage};
use tonic::Code;

const BASE64_ANY_PADDING: base64::engine::GeneralPurpose = base64::engine::GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    base64::engine::GeneralPurposeConfig::new()
        .with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent),
);

/// HTTP status for a gRPC code (the mapping of `google/rpc/code.proto`, as
/// grpc-gateway and Envoy apply it).
pub fn http_status(code: Code) -> StatusCode {
    match code {
        Code::Ok => StatusCode::OK,
        Code::Cancelled => StatusCode::from_u16(499).unwrap_or(StatusCode::BAD_REQUEST),
        Code::Unknown | Code::Internal | Code::DataLoss => StatusCode::INTERNAL_SERVER_ERROR,
        Code::InvalidArgument | Code::FailedPrecondition | Code::OutOfRange => {
            StatusCode::BAD_REQUEST
        }
        Code::DeadlineExceeded => StatusCode::GATEWAY_TIMEOUT,
        Code::NotFound => StatusCode::NOT_FOUND,
        Code::AlreadyExists | Code::Aborted => StatusCode::CONFLICT,
        Code::PermissionDenied => StatusCode::FORBIDDEN,
        Code::Unauthenticated => StatusCode::UNAUTHORIZED,
        Code::ResourceExhausted => StatusCode::TOO_MANY_REQUESTS,
        Code::Unimplemented => StatusCode::NOT_IMPLEMENTED,
        Code::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
    }
}

/// A gRPC status as received from a service: code, message, and the encoded
/// `google.rpc.Status` of `grpc-status-details-bin`, if any.
#[derive(Debug, Clone)]
pub struct GrpcStatus {
    /// The status code.
    pub code: Code,
    /// The status message.
    pub message: String,
    /// Encoded `google.rpc.Status` carrying `details`.
    pub details: Option<Vec<u8>>,
}

impl GrpcStatus {
    /// A status with no details.
    pub fn new(code: Code, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            details: None,
        }
    }

    /// Reads `grpc-status`, `grpc-message` and `grpc-status-details-bin` from
    /// trailers (or headers, for trailers-only responses). `None` when there
    /// is no `grpc-status`.
    pub fn from_headers(headers: &HeaderMap) -> Option<Self> {
        let code = headers
            .get("grpc-status")?
            .to_str()
            .ok()?
            .parse::<i32>()
            .ok()?;
        let message = headers
            .get("grpc-message")
            .and_then(|v| v.to_str().ok())
            .map(percent_decode_message)
            .unwrap_or_default();
        // Binary metadata is base64, padded or not (gRPC over HTTP/2 spec).
        let details = headers
            .get("grpc-status-details-bin")
            .and_then(|v| BASE64_ANY_PADDING.decode(v.as_bytes()).ok());
        Some(Self {
            code: Code::from_i32(code),
            message,
            details,
        })
    }

    /// The `google.rpc.Status` message as canonical JSON, with `details`
    /// resolved through `pool` (unknown detail types are dropped rather than
    /// failing the whole error).
    pub fn to_json(&self, pool: &DescriptorPool) -> serde_json::Value {
        let mut body = serde_json::json!({
            "code": self.code as i32,
            "message": self.message,
            "details": [],
        });
        if let (Some(bytes), Some(desc)) =
            (&self.details, pool.get_message_by_name("google.rpc.Status"))
            && let Ok(status) = DynamicMessage::decode(desc, bytes.as_slice())
            && let Ok(text) = serde_json::to_vec(&status)
            && let Ok(serde_json::Value::Object(mut parsed)) =
                serde_json::from_slice::<serde_json::Value>(&text)
            && let Some(details) = parsed.remove("details")
        {
            body["details"] = details;
        }
        body
    }

    /// The delay of a `google.rpc.RetryInfo` detail, if one is present.
    pub fn retry_delay(&self, pool: &DescriptorPool) -> Option<Duration> {
        let bytes = self.details.as_ref()?;
        let status = DynamicMessage::decode(
            pool.get_message_by_name("google.rpc.Status")?,
            bytes.as_slice(),
        )
        .ok()?;
        let details = status.get_field_by_name("details")?;
        for any in details.as_list()? {
            let any = any.as_message()?;
            let type_url = any.get_field_by_name("type_url")?.as_str()?.to_owned();
            if type_url.rsplit('/').next() != Some("google.rpc.RetryInfo") {
                continue;
            }
            let value = any.get_field_by_name("value")?;
            let info = RetryInfo::decode(value.as_bytes()?.as_ref()).ok()?;
            let delay = info.retry_delay?;
            return Some(Duration::new(
                u64::try_from(delay.seconds).ok()?,
                u32::try_from(delay.nanos).ok()?,
            ));
        }
        None
    }
}

/// `google.rpc.RetryInfo`, decoded directly (the gateway needs only its delay).
#[derive(Clone, PartialEq, prost::Message)]
struct RetryInfo {
    #[prost(message, optional, tag = "1")]
    retry_delay: Option<prost_types::Duration>,
}

/// `grpc-message` is percent-encoded on the wire (gRPC over HTTP/2 spec).
fn percent_decode_message(message: &str) -> String {
    crate::template::percent_decode(message, true).unwrap_or_else(|| message.to_owned())
}

/// `Retry-After` value: whole seconds, rounded up, at least 1.
pub fn retry_after_seconds(delay: Duration) -> u64 {
    let mut seconds = delay.as_secs();
    if delay.subsec_nanos() > 0 {
        seconds += 1;
    }
    seconds.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_its_http_status() {
        let table = [
            (Code::Ok, 200),
            (Code::Cancelled, 499),
            (Code::Unknown, 500),
            (Code::InvalidArgument, 400),
            (Code::DeadlineExceeded, 504),
            (Code::NotFound, 404),
            (Code::AlreadyExists, 409),
            (Code::PermissionDenied, 403),
            (Code::ResourceExhausted, 429),
            (Code::FailedPrecondition, 400),
            (Code::Aborted, 409),
            (Code::OutOfRange, 400),
            (Code::Unimplemented, 501),
            (Code::Internal, 500),
            (Code::Unavailable, 503),
            (Code::DataLoss, 500),
            (Code::Unauthenticated, 401),
        ];
        assert_eq!(table.len(), 17, "all 17 codes");
        for (code, status) in table {
            assert_eq!(http_status(code).as_u16(), status, "{code:?}");
        }
    }

    #[test]
    fn retry_after_rounds_up() {
        assert_eq!(retry_after_seconds(Duration::from_millis(1500)), 2);
        assert_eq!(retry_after_seconds(Duration::from_secs(3)), 3);
        assert_eq!(retry_after_seconds(Duration::ZERO), 1);
    }

    #[test]
    fn grpc_message_is_percent_decoded() {
        let mut headers = HeaderMap::new();
        headers.insert("grpc-status", "5".parse().unwrap());
        headers.insert("grpc-message", "task%20not%20found".parse().unwrap());
        let status = GrpcStatus::from_headers(&headers).unwrap();
        assert_eq!(status.code, Code::NotFound);
        assert_eq!(status.message, "task not found");
    }
}

//! The server-wide cap on how long a call may take to produce its response:
//! it lowers (or sets) the request's `grpc-timeout`, which the gateway's
//! `GrpcTimeoutLayer` then enforces for gRPC, gRPC-Web and REST alike.

use std::task::{Context, Poll};
use std::time::Duration;

use http::{HeaderValue, Request};
use tower::{Layer, Service};

/// Caps every request's deadline at a configured duration.
#[derive(Debug, Clone, Copy)]
pub struct RequestTimeoutLayer {
    cap: Duration,
}

impl RequestTimeoutLayer {
    /// A layer capping deadlines at `cap`.
    pub fn new(cap: Duration) -> Self {
        Self { cap }
    }
}

impl<S> Layer<S> for RequestTimeoutLayer {
    type Service = RequestTimeout<S>;

    fn layer(&self, inner: S) -> Self::Service {
        RequestTimeout {
            inner,
            cap: self.cap,
        }
    }
}

/// Service of [`RequestTimeoutLayer`].
#[derive(Debug, Clone)]
pub struct RequestTimeout<S> {
    inner: S,
    cap: Duration,
}

impl<S, B> Service<Request<B>> for RequestTimeout<S>
where
    S: Service<Request<B>>,
{
    type Response = S::Response;
    type Error = S::Error;
    type Future = S::Future;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut request: Request<B>) -> Self::Future {
        let asked = request
            .headers()
            .get("grpc-timeout")
            .and_then(|v| v.to_str().ok())
            .and_then(tasker_gateway::grpc::parse_grpc_timeout);
        if asked.is_none_or(|asked| asked > self.cap) {
            let millis = u64::try_from(self.cap.as_millis())
                .unwrap_or(u64::MAX)
                .clamp(1, 99_999_999);
            if let Ok(value) = HeaderValue::from_str(&format!("{millis}m")) {
                request.headers_mut().insert("grpc-timeout", value);
            }
        }
        self.inner.call(request)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caps_and_fills_deadlines() {
        let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let record = {
            let seen = std::sync::Arc::clone(&seen);
            tower::service_fn(move |request: Request<()>| {
                let value = request
                    .headers()
                    .get("grpc-timeout")
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_owned);
                if let Ok(mut seen) = seen.lock() {
                    seen.push(value);
                }
                std::future::ready(Ok::<_, std::convert::Infallible>(()))
            })
        };
        let mut service = RequestTimeoutLayer::new(Duration::from_secs(2)).layer(record);
        drop(service.call(Request::new(())));
        drop(
            service.call(
                Request::builder()
                    .header("grpc-timeout", "10S")
                    .body(())
                    .unwrap_or_default(),
            ),
        );
        drop(
            service.call(
                Request::builder()
                    .header("grpc-timeout", "500m")
                    .body(())
                    .unwrap_or_default(),
            ),
        );
        let seen = seen.lock().map(|s| s.clone()).unwrap_or_default();
        assert_eq!(
            seen,
            [
                Some("2000m".to_owned()),
                Some("2000m".to_owned()),
                Some("500m".to_owned())
            ]
        );
    }
}

//! [`GrpcTransport`]: a tonic channel carrying already-encoded messages.

use std::time::Duration;

use bytes::{Buf as _, BufMut as _, Bytes};
use futures_util::StreamExt as _;
use http::uri::PathAndQuery;
use tonic::codec::{Codec, DecodeBuf, Decoder, EncodeBuf, Encoder};
use tonic::metadata::{AsciiMetadataKey, AsciiMetadataValue};
use tonic::transport::{Certificate, Channel, ClientTlsConfig, Endpoint};

use crate::ClientError;
use crate::builder::Settings;
use crate::transport::{ByteStream, CallOptions, RpcTransport, Transport, split_method};

/// gRPC over HTTP/2: a lazily connected tonic channel with keep-alive, and
/// rustls TLS (system roots plus an optional CA) for `https://` endpoints.
#[derive(Clone)]
pub struct GrpcTransport {
    channel: Channel,
    credential: Option<(AsciiMetadataKey, AsciiMetadataValue)>,
}

impl std::fmt::Debug for GrpcTransport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GrpcTransport").finish_non_exhaustive()
    }
}

impl GrpcTransport {
    pub(crate) fn new(settings: &Settings) -> Result<Self, ClientError> {
        let invalid = |reason: String| {
            ClientError::config(format!("endpoint {:?}: {reason}", settings.endpoint))
        };
        let endpoint =
            Endpoint::from_shared(settings.endpoint.clone()).map_err(|e| invalid(e.to_string()))?;
        let endpoint = match endpoint.uri().scheme_str() {
            Some("http") => endpoint,
            Some("https") => {
                let mut tls = ClientTlsConfig::new().with_native_roots();
                if let Some(pem) = &settings.ca_pem {
                    tls = tls.ca_certificate(Certificate::from_pem(pem));
                }
                endpoint
                    .tls_config(tls)
                    .map_err(|e| invalid(format!("TLS: {e}")))?
            }
            _ => {
                return Err(invalid(
                    "expected http://host:port or https://host:port".into(),
                ));
            }
        };
        let channel = endpoint
            .connect_timeout(settings.connect_timeout)
            .tcp_nodelay(true)
            .http2_keep_alive_interval(Duration::from_secs(30))
            .keep_alive_timeout(Duration::from_secs(20))
            .keep_alive_while_idle(true)
            .connect_lazy();
        let credential = match &settings.credential {
            Some(credential) => {
                let (name, value) = credential.header()?;
                let value = value
                    .to_str()
                    .ok()
                    .and_then(|v| AsciiMetadataValue::try_from(v).ok())
                    .ok_or_else(|| ClientError::config("the credential is not ASCII"))?;
                Some((AsciiMetadataKey::from_static(name), value))
            }
            None => None,
        };
        Ok(Self {
            channel,
            credential,
        })
    }

    fn request(&self, body: Bytes, options: &CallOptions) -> tonic::Request<Bytes> {
        let mut request = tonic::Request::new(body);
        if let Some(timeout) = options.timeout {
            request.set_timeout(timeout);
        }
        if let Some((name, value)) = &self.credential {
            request.metadata_mut().insert(name.clone(), value.clone());
        }
        request
    }

    async fn ready(
        &self,
        method: &str,
    ) -> Result<(tonic::client::Grpc<Channel>, PathAndQuery), ClientError> {
        let (service, name) = split_method(method)?;
        let path = PathAndQuery::try_from(format!("/{service}/{name}"))
            .map_err(|e| ClientError::config(format!("method {method:?}: {e}")))?;
        let mut grpc = tonic::client::Grpc::new(self.channel.clone());
        grpc.ready()
            .await
            .map_err(|e| ClientError::transport(format!("{e}")))?;
        Ok((grpc, path))
    }
}

#[async_trait::async_trait]
impl RpcTransport for GrpcTransport {
    fn kind(&self) -> Transport {
        Transport::Grpc
    }

    async fn unary(
        &self,
        method: &str,
        request: Bytes,
        options: &CallOptions,
    ) -> Result<Bytes, ClientError> {
        let started = tokio::time::Instant::now();
        let call = async {
            let (mut grpc, path) = self.ready(method).await?;
            let response = grpc
                .unary(self.request(request, options), path, RawCodec)
                .await;
            match (response, options.timeout) {
                (Ok(response), _) => Ok(response.into_inner()),
                // tonic's server answers an expired `grpc-timeout` with
                // CANCELLED; past our own deadline it is a deadline.
                (Err(status), Some(timeout))
                    if status.code() == tonic::Code::Cancelled && started.elapsed() >= timeout =>
                {
                    Err(deadline(timeout))
                }
                (Err(status), _) => Err(status.into()),
            }
        };
        match options.timeout {
            Some(timeout) => tokio::time::timeout(timeout, call)
                .await
                .unwrap_or_else(|_| Err(deadline(timeout))),
            None => call.await,
        }
    }

    async fn server_streaming(
        &self,
        method: &str,
        request: Bytes,
        options: &CallOptions,
    ) -> Result<ByteStream, ClientError> {
        let (mut grpc, path) = self.ready(method).await?;
        // Streams outlive any per-call deadline.
        let mut options = options.clone();
        options.timeout = None;
        let response = grpc
            .server_streaming(self.request(request, &options), path, RawCodec)
            .await?;
        Ok(response
            .into_inner()
            .map(|item| item.map_err(ClientError::from))
            .boxed())
    }
}

pub(crate) fn deadline(timeout: Duration) -> ClientError {
    ClientError::DeadlineExceeded {
        message: format!("no answer within {timeout:?}"),
    }
}

/// Passes encoded messages through unchanged.
#[derive(Debug, Clone, Copy, Default)]
struct RawCodec;

impl Codec for RawCodec {
    type Encode = Bytes;
    type Decode = Bytes;
    type Encoder = RawCodec;
    type Decoder = RawCodec;

    fn encoder(&mut self) -> Self::Encoder {
        RawCodec
    }

    fn decoder(&mut self) -> Self::Decoder {
        RawCodec
    }
}

impl Encoder for RawCodec {
    type Item = Bytes;
    type Error = tonic::Status;

    fn encode(&mut self, item: Bytes, dst: &mut EncodeBuf<'_>) -> Result<(), Self::Error> {
        dst.put(item);
        Ok(())
    }
}

impl Decoder for RawCodec {
    type Item = Bytes;
    type Error = tonic::Status;

    fn decode(&mut self, src: &mut DecodeBuf<'_>) -> Result<Option<Bytes>, Self::Error> {
        Ok(Some(src.copy_to_bytes(src.remaining())))
    }
}

//! A client on one HTTP/1.1 connection that writes each request whole
//! before it reads anything (as Python's `urllib` does), for tests of what
//! a server answers before reading a body, and of connection reuse.

use std::net::SocketAddr;
use std::time::Duration;

use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::TcpStream;

use crate::TestResult;

/// One answer read off the connection.
#[derive(Debug)]
pub struct Answer {
    /// The status code.
    pub status: u16,
    /// Header names (lower case) and values, in order.
    pub headers: Vec<(String, String)>,
    /// The body, de-chunked.
    pub body: Vec<u8>,
}

impl Answer {
    /// The first value of header `name`.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The body as JSON (`Null` when it is not JSON).
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or(serde_json::Value::Null)
    }
}

/// One HTTP/1.1 connection.
#[derive(Debug)]
pub struct Http1 {
    stream: TcpStream,
    buffer: Vec<u8>,
}

impl Http1 {
    /// Connects to `addr`.
    ///
    /// # Errors
    /// When the connection fails.
    pub async fn connect(addr: SocketAddr) -> TestResult<Self> {
        Ok(Self {
            stream: TcpStream::connect(addr).await?,
            buffer: Vec::new(),
        })
    }

    /// Writes `head` (request line and headers, CRLF-separated, without
    /// `Host` and `Content-Length`) and the whole `body`.
    ///
    /// # Errors
    /// When a write fails (a broken pipe: the server closed while the body
    /// was still being written).
    pub async fn send(&mut self, head: &str, body: &[u8]) -> std::io::Result<()> {
        let head = format!(
            "{head}\r\nhost: test\r\ncontent-length: {}\r\n\r\n",
            body.len()
        );
        self.stream.write_all(head.as_bytes()).await?;
        self.stream.write_all(body).await?;
        self.stream.flush().await
    }

    /// Writes `head` and `body` chunked, in chunks of 64 KiB.
    ///
    /// # Errors
    /// As [`Http1::send`].
    pub async fn send_chunked(&mut self, head: &str, body: &[u8]) -> std::io::Result<()> {
        let head = format!("{head}\r\nhost: test\r\ntransfer-encoding: chunked\r\n\r\n");
        self.stream.write_all(head.as_bytes()).await?;
        for chunk in body.chunks(64 * 1024) {
            self.stream
                .write_all(format!("{:x}\r\n", chunk.len()).as_bytes())
                .await?;
            self.stream.write_all(chunk).await?;
            self.stream.write_all(b"\r\n").await?;
        }
        self.stream.write_all(b"0\r\n\r\n").await?;
        self.stream.flush().await
    }

    /// Reads until the buffer holds `n` bytes; `false` at the end of the
    /// stream.
    async fn fill(&mut self, n: usize) -> TestResult<bool> {
        while self.buffer.len() < n {
            let mut chunk = vec![0u8; 64 * 1024];
            let read = tokio::time::timeout(Duration::from_secs(30), self.stream.read(&mut chunk))
                .await??;
            if read == 0 {
                return Ok(false);
            }
            self.buffer.extend_from_slice(&chunk[..read]);
        }
        Ok(true)
    }

    fn take(&mut self, n: usize) -> Vec<u8> {
        self.buffer.drain(..n).collect()
    }

    async fn line(&mut self) -> TestResult<String> {
        loop {
            if let Some(at) = self.buffer.windows(2).position(|w| w == b"\r\n") {
                let line = self.take(at + 2);
                return Ok(String::from_utf8_lossy(&line[..at]).into_owned());
            }
            let want = self.buffer.len() + 1;
            if !self.fill(want).await? {
                return Err("connection closed mid-answer".into());
            }
        }
    }

    /// Reads one answer (`Content-Length`, chunked, or up to the close).
    ///
    /// # Errors
    /// When the connection closes before a whole answer, or nothing comes
    /// within 30 s.
    pub async fn answer(&mut self) -> TestResult<Answer> {
        let status_line = self.line().await?;
        let status = status_line
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| format!("bad status line {status_line:?}"))?;
        let mut headers = Vec::new();
        loop {
            let line = self.line().await?;
            if line.is_empty() {
                break;
            }
            let (name, value) = line
                .split_once(':')
                .ok_or_else(|| format!("bad header {line:?}"))?;
            headers.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
        }
        let mut answer = Answer {
            status,
            headers,
            body: Vec::new(),
        };
        if let Some(length) = answer.header("content-length") {
            let length: usize = length.parse()?;
            if !self.fill(length).await? {
                return Err("connection closed mid-body".into());
            }
            answer.body = self.take(length);
        } else if answer.header("transfer-encoding") == Some("chunked") {
            loop {
                let size = usize::from_str_radix(self.line().await?.trim(), 16)?;
                if size == 0 {
                    while !self.line().await?.is_empty() {}
                    break;
                }
                if !self.fill(size + 2).await? {
                    return Err("connection closed mid-chunk".into());
                }
                let chunk = self.take(size + 2);
                answer.body.extend_from_slice(&chunk[..size]);
            }
        } else {
            while self.fill(self.buffer.len() + 1).await? {}
            answer.body = std::mem::take(&mut self.buffer);
        }
        Ok(answer)
    }

    /// Whether the server has closed the connection (nothing more comes).
    ///
    /// # Errors
    /// When neither data nor the close comes within 30 s.
    pub async fn closed(&mut self) -> TestResult<bool> {
        let want = self.buffer.len() + 1;
        Ok(!self.fill(want).await?)
    }
}

//! Gateway tests over real HTTP against the `gateway.test.v1` package, served
//! by a generic echo service through the one-port server.

// Test code: a failed unwrap is a failed test, not a crashed server.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod canonical;
mod connect;
mod early;
mod fixture;
mod fuzz;
mod props;
mod rest;
mod streaming;
mod wire;

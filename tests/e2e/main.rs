//! End-to-end tests: one binary, one module per area. Each test starts its own
//! server process on port 0 and talks to it over the network.

// Test code: a failed unwrap is a failed test, not a crashed server.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod admin;
mod auth;
mod backpressure;
mod caches;
mod cancellation;
mod cli;
mod client;
mod connect;
mod dashboard;
mod durability;
mod external;
mod fleet;
mod input;
mod lifecycle;
mod limits;
mod observability;
mod orchestration;
mod probes;
mod readme;
mod reference;
mod reports;
mod rest;
mod schemathesis;
mod scope;
mod sdk_node;
mod sdk_python;
mod watching;

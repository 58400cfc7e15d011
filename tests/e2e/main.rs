//! End-to-end tests: one binary, one module per area. Each test starts its own
//! server process on port 0 and talks to it over the network.

mod external;
mod lifecycle;
mod probes;
mod rest;

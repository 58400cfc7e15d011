//! The Tasker API as Rust code: the only crate that includes what `buf generate`
//! wrote under `gen/`.
//!
//! [`pb`] holds the prost message types, the tonic clients and servers, and the
//! pbjson serde impls (proto3 JSON) of `tasker.v1`, `google.api` and
//! `google.rpc`. [`FILE_DESCRIPTOR_SET`] is the encoded descriptor set of every
//! proto file including its imports, with source comments, for gRPC reflection
//! and the REST gateway; [`descriptor_pool`] decodes it. Nothing here has logic
//! of its own: change the protos and run `cargo make generate`.

pub mod auth;

/// Generated protobuf modules, one per proto package.
#[allow(
    missing_docs,
    unreachable_pub,
    clippy::all,
    clippy::pedantic,
    rustdoc::all,
    rust_2018_idioms
)]
#[rustfmt::skip]
pub mod pb {
    /// `google.*` packages vendored under `proto/google`. Each generated file
    /// includes its serde (and tonic) companions itself.
    pub mod google {
        /// `google.api`: HTTP annotations.
        pub mod api {
            include!("../../../gen/rust/google/api/google.api.rs");
        }
        /// `google.rpc`: the rich error model.
        pub mod rpc {
            include!("../../../gen/rust/google/rpc/google.rpc.rs");
        }
    }
    /// `tasker.*` packages.
    pub mod tasker {
        /// `tasker.v1`: the Tasker API.
        pub mod v1 {
            include!("../../../gen/rust/tasker/v1/tasker.v1.rs");
        }
    }
}

pub use pb::tasker::v1;

/// Encoded `google.protobuf.FileDescriptorSet` of every proto file of the API,
/// imports included (well-known types, `google.api`, `google.rpc`), with
/// source info. Written by `buf build` as part of `cargo make generate`.
pub const FILE_DESCRIPTOR_SET: &[u8] = include_bytes!("../../../gen/descriptor/tasker.binpb");

/// Decodes [`FILE_DESCRIPTOR_SET`] into a [`prost_reflect::DescriptorPool`].
///
/// # Errors
/// Fails only if the committed descriptor set is corrupt, which the tests of
/// this crate rule out.
pub fn descriptor_pool() -> Result<prost_reflect::DescriptorPool, prost_reflect::DescriptorError> {
    prost_reflect::DescriptorPool::decode(FILE_DESCRIPTOR_SET)
}

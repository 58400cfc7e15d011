//! An example of `tasker-gateway` in front of a tonic service of your own: a
//! bookstore of shelves and books, kept in memory, served as gRPC, gRPC-Web
//! and REST/JSON on one port.
//!
//! Everything under `gen/` is written by `buf generate` from
//! `proto/bookstore/v1/bookstore.proto` with this folder's `buf.gen.yaml`:
//! prost messages, the tonic server, and `protoc-gen-tasker-gateway`'s route
//! table (`ROUTES`) and OpenAPI document; `gen/bookstore.binpb` is the
//! descriptor set (`buf build`) the gateway reads its message types from.
//! [`Bookstore`] implements the service; [`gateway`] puts it behind the
//! gateway; `src/main.rs` serves it.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use prost_reflect::DescriptorPool;
use tasker_gateway::{Document, GrpcTimeoutLayer, OnePort, RestOptions, ServeOptions, Transcoder};
use tonic::{Request, Response, Status};

/// The code `buf generate` wrote for `bookstore.v1`.
#[allow(missing_docs, unreachable_pub, clippy::all, rust_2018_idioms)]
#[rustfmt::skip]
pub mod pb {
    include!("../gen/rust/bookstore/v1/bookstore.v1.rs");
    /// The REST route table of `bookstore.v1` (`ROUTES`).
    pub mod gateway {
        include!("../gen/rust/bookstore/v1/bookstore.v1.gateway.rs");
    }
}

use pb::bookstore_service_server::{BookstoreService, BookstoreServiceServer};
use pb::{
    Book, CreateBookRequest, CreateShelfRequest, DeleteBookRequest, GetBookRequest,
    GetShelfRequest, ListShelvesRequest, ListShelvesResponse, Shelf, StreamBooksRequest,
};

/// The descriptor set of `bookstore.v1` with its imports, `google.rpc`
/// included (the gateway renders error details with it).
pub const FILE_DESCRIPTOR_SET: &[u8] = include_bytes!("../gen/bookstore.binpb");

/// The OpenAPI 3.1 document of the REST surface.
pub const OPENAPI_JSON: &str =
    include_str!("../gen/openapi/bookstore/v1/bookstore.v1.openapi.json");

/// What can go wrong putting the bookstore behind the gateway.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The committed descriptor set does not decode.
    #[error("descriptor set: {0}")]
    Descriptors(#[from] prost_reflect::DescriptorError),
    /// The gateway refused a route.
    #[error("gateway: {0}")]
    Gateway(#[from] tasker_gateway::GatewayError),
}

#[derive(Debug, Default)]
struct State {
    next_id: i64,
    shelves: BTreeMap<i64, Shelf>,
    /// Books by (shelf id, book id).
    books: BTreeMap<(i64, i64), Book>,
}

impl State {
    fn shelf(&self, id: i64) -> Result<&Shelf, Status> {
        self.shelves
            .get(&id)
            .ok_or_else(|| Status::not_found(format!("no shelf {id}")))
    }
}

/// The bookstore service: shelves and books in memory.
#[derive(Debug, Clone, Default)]
pub struct Bookstore {
    state: Arc<Mutex<State>>,
}

impl Bookstore {
    fn state(&self) -> MutexGuard<'_, State> {
        // A panic while holding the lock leaves plain data behind; keep serving.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

fn no_book(shelf_id: i64, book_id: i64) -> Status {
    Status::not_found(format!("no book {book_id} on shelf {shelf_id}"))
}

#[tonic::async_trait]
impl BookstoreService for Bookstore {
    async fn create_shelf(
        &self,
        request: Request<CreateShelfRequest>,
    ) -> Result<Response<Shelf>, Status> {
        let mut shelf = request
            .into_inner()
            .shelf
            .ok_or_else(|| Status::invalid_argument("shelf: required"))?;
        let mut state = self.state();
        state.next_id += 1;
        shelf.id = state.next_id;
        state.shelves.insert(shelf.id, shelf.clone());
        Ok(Response::new(shelf))
    }

    async fn get_shelf(
        &self,
        request: Request<GetShelfRequest>,
    ) -> Result<Response<Shelf>, Status> {
        let id = request.into_inner().shelf_id;
        Ok(Response::new(self.state().shelf(id)?.clone()))
    }

    async fn list_shelves(
        &self,
        _: Request<ListShelvesRequest>,
    ) -> Result<Response<ListShelvesResponse>, Status> {
        let shelves = self.state().shelves.values().cloned().collect();
        Ok(Response::new(ListShelvesResponse { shelves }))
    }

    async fn create_book(
        &self,
        request: Request<CreateBookRequest>,
    ) -> Result<Response<Book>, Status> {
        let request = request.into_inner();
        let mut book = request
            .book
            .ok_or_else(|| Status::invalid_argument("book: required"))?;
        if book.title.is_empty() {
            return Err(Status::invalid_argument("book.title: required"));
        }
        let mut state = self.state();
        state.shelf(request.shelf_id)?;
        state.next_id += 1;
        book.id = state.next_id;
        book.shelf_id = request.shelf_id;
        state.books.insert((book.shelf_id, book.id), book.clone());
        Ok(Response::new(book))
    }

    async fn get_book(&self, request: Request<GetBookRequest>) -> Result<Response<Book>, Status> {
        let GetBookRequest { shelf_id, book_id } = request.into_inner();
        let book = self.state().books.get(&(shelf_id, book_id)).cloned();
        book.map(Response::new)
            .ok_or_else(|| no_book(shelf_id, book_id))
    }

    async fn delete_book(
        &self,
        request: Request<DeleteBookRequest>,
    ) -> Result<Response<()>, Status> {
        let DeleteBookRequest { shelf_id, book_id } = request.into_inner();
        match self.state().books.remove(&(shelf_id, book_id)) {
            Some(_) => Ok(Response::new(())),
            None => Err(no_book(shelf_id, book_id)),
        }
    }

    type StreamBooksStream = tokio_stream::Iter<std::vec::IntoIter<Result<Book, Status>>>;

    async fn stream_books(
        &self,
        request: Request<StreamBooksRequest>,
    ) -> Result<Response<Self::StreamBooksStream>, Status> {
        let shelf_id = request.into_inner().shelf_id;
        let state = self.state();
        state.shelf(shelf_id)?;
        let books: Vec<_> = state
            .books
            .range((shelf_id, i64::MIN)..=(shelf_id, i64::MAX))
            .map(|(_, book)| Ok(book.clone()))
            .collect();
        Ok(Response::new(tokio_stream::iter(books)))
    }
}

/// Serves `bookstore` on `listener` until `shutdown` completes: gRPC,
/// gRPC-Web and REST/JSON on the one port, and the OpenAPI document at
/// `/openapi.json`. These are the steps for any tonic service:
///
/// 1. decode the descriptor set (with `google.rpc`, for error details);
/// 2. stack the tonic services (here one) with `GrpcTimeoutLayer`, so
///    `grpc-timeout` bounds native gRPC calls too;
/// 3. build the `Transcoder` from the pool and the generated `ROUTES`;
/// 4. join both in `OnePort`, with the documents to serve;
/// 5. hand it to `tasker_gateway::serve`.
///
/// # Errors
/// [`Error`] when the descriptor set or a route is invalid, which the
/// example's tests rule out.
pub async fn serve(
    listener: tokio::net::TcpListener,
    bookstore: Bookstore,
    shutdown: impl std::future::Future<Output = ()>,
) -> Result<(), Error> {
    let pool = DescriptorPool::decode(FILE_DESCRIPTOR_SET)?;
    let grpc = tower::ServiceBuilder::new()
        .layer(GrpcTimeoutLayer)
        .service(tonic::service::Routes::new(BookstoreServiceServer::new(
            bookstore,
        )));
    let rest = Transcoder::new(pool, pb::gateway::ROUTES, RestOptions::default())?;
    let documents = vec![Document {
        path: "/openapi.json".into(),
        content_type: "application/json",
        body: tasker_gateway::Bytes::from_static(OPENAPI_JSON.as_bytes()),
    }];
    let service = OnePort::new(grpc, rest, documents);
    tasker_gateway::serve(listener, service, ServeOptions::default(), shutdown).await;
    Ok(())
}

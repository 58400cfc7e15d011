//! `bookstore [ADDRESS]`: serves the example bookstore on ADDRESS (default
//! `127.0.0.1:8080`) as gRPC, gRPC-Web and REST/JSON until Ctrl-C.

use bookstore_example::{Bookstore, serve};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let address = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "127.0.0.1:8080".into());
    let listener = tokio::net::TcpListener::bind(&address).await?;
    eprintln!("bookstore on http://{}", listener.local_addr()?);
    serve(
        listener,
        Bookstore::default(),
        tasker_gateway::shutdown_signal(),
    )
    .await?;
    Ok(())
}

//! `protoc-gen-tasker-gateway`: reads a `CodeGeneratorRequest` on stdin and
//! writes the `CodeGeneratorResponse` on stdout. Run by `buf generate` with
//! `opt: target=rust` or `opt: target=openapi`; see the library for what is
//! generated.

use std::io::{Read, Write};
use std::process::ExitCode;

use prost::Message;

fn main() -> ExitCode {
    let mut request = Vec::new();
    if let Err(error) = std::io::stdin().read_to_end(&mut request) {
        eprintln!("protoc-gen-tasker-gateway: cannot read the request from stdin: {error}");
        return ExitCode::FAILURE;
    }
    let response = protoc_gen_tasker_gateway::run(&request).encode_to_vec();
    let mut stdout = std::io::stdout().lock();
    if let Err(error) = stdout.write_all(&response).and_then(|()| stdout.flush()) {
        eprintln!("protoc-gen-tasker-gateway: cannot write the response to stdout: {error}");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

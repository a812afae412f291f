//! `jobboard serve`: see `serve/`.

use super::Status;
use crate::cli::{Global, ServeArgs};
use crate::serve;

pub fn run(args: &ServeArgs, global: &Global) -> anyhow::Result<Status> {
    // Fail early, with the usual message, when this is not a board.
    let session = super::Session::open(global)?;
    serve::run(serve::Options {
        root: global.root.clone(),
        today: session.pinned(),
        bind: args.bind,
        port: args.port,
        open: args.open,
        verbose: global.verbose,
    })?;
    Ok(Status::Success)
}

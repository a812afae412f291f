//! `jobboard serve`: see `serve/`.

use super::Status;
use crate::cli::{Global, ServeArgs};
use crate::serve;

pub fn run(args: &ServeArgs, global: &Global) -> anyhow::Result<Status> {
    // Fail early, with the usual message, when this is not a board.
    super::Board::open(global)?;
    serve::run(serve::Options {
        root: global.root.clone(),
        today: global.today,
        bind: args.bind,
        port: args.port,
        open: args.open,
    })?;
    Ok(Status::Success)
}

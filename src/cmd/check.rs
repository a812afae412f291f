//! `jobboard check`: every finding of every posting, then a summary.

use super::{Board, Status, Stream, Timer, color};
use crate::board;
use crate::cli::{CheckArgs, Format, Global};
use crate::diagnostic::{Tally, plural};
use crate::report;

pub fn run(args: &CheckArgs, global: &Global) -> anyhow::Result<Status> {
    let mut timer = Timer::new(global.verbose);
    let board = Board::open(global)?;
    let checked = board::check(&board.root, &board.config, board.today);
    timer.stage("load, parse, check");
    let tally = Tally::of(&checked.findings);
    match args.format {
        Format::Json => print!("{}", report::json(&checked.findings)),
        Format::Human => {
            let color = color(global.color, Stream::Stdout);
            print!(
                "{}",
                report::human(&checked.findings, &checked.texts, color)
            );
            println!("{}", summary(checked.files, tally));
        }
    }
    let failed = tally.errors > 0 || (args.strict && tally.warnings > 0);
    Ok(if failed {
        Status::Failure
    } else {
        Status::Success
    })
}

/// "checked 14 postings: 2 errors, 1 warning".
fn summary(files: usize, tally: Tally) -> String {
    let what = format!("checked {}", plural(files, "posting"));
    match (tally.errors, tally.warnings) {
        (0, 0) => format!("{what}: no problems"),
        (e, 0) => format!("{what}: {}", plural(e, "error")),
        (0, w) => format!("{what}: {}", plural(w, "warning")),
        (e, w) => format!("{what}: {}, {}", plural(e, "error"), plural(w, "warning")),
    }
}

//! `jobboard build`: check, then render the live postings into the output
//! folder, swapped in whole at the end.

use super::{Board, Status, Stream, Timer, color};
use crate::board;
use crate::cli::{BuildArgs, Global};
use crate::config;
use crate::diagnostic::{Tally, plural};
use crate::output::Stage;
use crate::render::{Site, Theme};
use crate::report;
use crate::site;

pub fn run(args: &BuildArgs, global: &Global) -> anyhow::Result<Status> {
    let mut timer = Timer::new(global.verbose);
    let mut board = Board::open(global)?;
    if let Some(url) = &args.base_url {
        board.config.base_url = config::base_url(url).map_err(anyhow::Error::msg)?;
    }
    let theme = Theme::load(&board.root, &board.config)?;
    timer.stage("config and templates");
    let checked = board::Checker::lean().check(&board.root, &board.config, board.today, None);
    timer.stage("load, parse, check");
    let tally = Tally::of(&checked.findings);
    if tally.errors > 0 {
        let errors = checked.errors();
        eprint!(
            "{}",
            report::human(
                &errors,
                &checked.texts_for(&errors),
                color(global.color, Stream::Stderr)
            )
        );
        eprintln!(
            "error: the site was not built: {} in the postings; the previous site is untouched",
            plural(tally.errors, "error")
        );
        return Ok(Status::Failure);
    }
    let live = board::live(&checked.postings, board.today, board.config.max_age_days);
    let site = Site {
        config: &board.config,
        theme: &theme,
        today: board.today,
        root: Some(&board.root),
    };
    let out = args.out.clone().unwrap_or_else(|| board.root.join("site"));
    let _lock = crate::output::lock_board(&board.root)?;
    let stage = Stage::begin(&board.root, &out)?;
    site::render(&site, &live, |output| {
        stage.put(&output.path, &output.bytes).map_err(Into::into)
    })?;
    timer.stage("render");
    let written = stage.commit()?;
    timer.stage("write");
    let expired = checked.postings.len() - live.len();
    let warnings = if tally.warnings > 0 {
        format!(
            "; {} (see `jobboard check`)",
            plural(tally.warnings, "warning")
        )
    } else {
        String::new()
    };
    eprintln!(
        "built {} ({} not live) into {}: {} changed, {} unchanged, {} removed{warnings}",
        plural(live.len(), "job"),
        expired,
        out.display(),
        written.changed,
        written.unchanged,
        written.removed,
    );
    Ok(Status::Success)
}

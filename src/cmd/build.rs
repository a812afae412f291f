//! `jobboard build`: the board's site, staged beside the output folder and
//! swapped in whole at the end; nothing changes when a posting has an error.

use super::{Session, Status};
use crate::cli::{BuildArgs, Global};
use crate::diagnostic::plural;
use crate::output::Stage;
use crate::pipeline::{self, Checker, Made};
use crate::render::Site;

pub fn run(args: &BuildArgs, global: &Global) -> anyhow::Result<Status> {
    let mut session = Session::open(global)?;
    session.set_base_url(args.base_url.as_deref())?;
    let theme = session.theme()?;
    session.timer.stage("settings and theme");
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| session.root.join(crate::layout::SITE));
    let _lock = crate::output::lock_board(&session.root)?;
    let stage = Stage::begin(&session.root, &out)?;
    let site = Site {
        config: &session.config,
        theme: &theme,
        today: session.today(),
        kept: None,
    };
    let made = pipeline::make_site(
        &session.root,
        &site,
        &mut Checker::default(),
        &stage,
        &mut session.timer,
    )?;
    let (live, not_live, warnings) = match made {
        Made::Site {
            live,
            not_live,
            warnings,
            ..
        } => (live, not_live, warnings),
        Made::Refused(checked) => {
            stage.abandon();
            if let Some(err) = checked.render_errors.first() {
                anyhow::bail!("{err}; the previous site is untouched");
            }
            let errors = super::print_errors(&checked, session.color_err);
            eprintln!(
                "error: the site was not built: {} in the postings; the previous site is untouched",
                plural(errors, "error")
            );
            return Ok(Status::Failure);
        }
    };
    let written = stage.commit()?;
    session.timer.stage("written");
    let warnings = if warnings > 0 {
        format!("; {} (see `jobboard check`)", plural(warnings, "warning"))
    } else {
        String::new()
    };
    eprintln!(
        "built {} ({} not live) into {}: {} changed, {} unchanged, {} removed{warnings}",
        plural(live, "job"),
        not_live,
        out.display(),
        written.changed,
        written.unchanged,
        written.removed,
    );
    Ok(Status::Success)
}

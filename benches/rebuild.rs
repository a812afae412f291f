//! The preview's one-edit rebuild: a board is built into memory, then one
//! posting is edited and the site rebuilt, again and again. The time is from
//! the change (after the watcher's debounce) to a complete site, listings and
//! feeds included. Run: `cargo bench --bench rebuild -- BOARD_DIR [ROUNDS]`
//! (the board is edited and put back; see bench/run.sh). `VERBOSE=1` prints
//! each rebuild's stages.

use std::path::PathBuf;
use std::time::Instant;

use jobboard::serve::{Builder, Outcome};

fn main() -> anyhow::Result<()> {
    // `cargo test --all-targets` runs benches without a board: nothing to time.
    if std::env::args().skip(1).all(|a| a.starts_with("--")) {
        eprintln!("usage: rebuild BOARD_DIR [ROUNDS] (see bench/run.sh)");
        return Ok(());
    }
    let mut args = std::env::args().skip(1).filter(|a| a != "--bench");
    let root = PathBuf::from(
        args.next()
            .ok_or_else(|| anyhow::anyhow!("usage: rebuild BOARD_DIR [ROUNDS]"))?,
    );
    let rounds: usize = args.next().map_or(Ok(20), |r| r.parse())?;
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 21);
    let verbose = std::env::var_os("VERBOSE").is_some();
    let mut builder = Builder::new(root.clone(), today).verbose(verbose);
    let start = Instant::now();
    let Outcome::Built { files, .. } = builder.rebuild() else {
        anyhow::bail!("the board has errors")
    };
    let first = start.elapsed();
    // The newest posting: it is on the first page of the listing and in the feeds.
    let mut postings: Vec<PathBuf> = std::fs::read_dir(root.join("postings"))?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    postings.sort();
    let target = postings
        .iter()
        .find(|p| std::fs::read_to_string(p).is_ok_and(|t| t.contains("posted: 2026-11-2")))
        .unwrap_or(&postings[0])
        .clone();
    let original = std::fs::read_to_string(&target)?;
    let mut times = Vec::with_capacity(rounds);
    let mut rendered = 0;
    for round in 0..rounds {
        let edited = original.replacen(
            "You will write *Python*",
            &format!("Round {round}: you will write *Python*"),
            1,
        );
        std::fs::write(&target, if round % 2 == 0 { &edited } else { &original })?;
        let start = Instant::now();
        // As `serve` does: the watcher names the file that changed.
        let changed = target
            .strip_prefix(&root)
            .map(|p| p.to_string_lossy().replace('\\', "/"))
            .unwrap_or_default();
        match builder.rebuild_after(&[changed]) {
            Outcome::Built { rendered: n, .. } => rendered = n,
            Outcome::Failed { report, .. } => anyhow::bail!("{report}"),
        }
        times.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    std::fs::write(&target, &original)?;
    times.sort_by(f64::total_cmp);
    println!(
        "{} files; first build {:.0} ms; one-edit rebuild median {:.1} ms, best {:.1} ms, worst {:.1} ms ({rendered} files rendered per edit)",
        files,
        first.as_secs_f64() * 1000.0,
        times[times.len() / 2],
        times[0],
        times[times.len() - 1],
    );
    Ok(())
}

//! `jobboard theme`: writes the built-in theme's files into the board's
//! `templates/`, where they take the place of the built-in ones, to edit.
//! A file that is there already is kept (as `mdbook init --theme` keeps
//! an edited theme): delete it to get the built-in one back.

use std::io::Write as _;
use std::path::Path;

use anyhow::{Context as _, bail};

use super::Status;
use crate::cli::{Global, ThemeArgs};
use crate::layout::TEMPLATES;
use crate::theme::{BUILTIN, File};

pub fn run(args: &ThemeArgs, global: &Global) -> anyhow::Result<Status> {
    let root = &global.root;
    if !root.join(crate::layout::CONFIG).is_file() {
        bail!(
            "{} has no {}: run this in a board's folder, or give it with --root",
            root.display(),
            crate::layout::CONFIG
        );
    }
    let files = chosen(&args.files)?;
    let dir = root.join(TEMPLATES);
    let mut written = 0;
    for file in files {
        let shown = format!("{TEMPLATES}/{}", file.name);
        if write(&dir, file).with_context(|| format!("cannot write {shown}"))? {
            eprintln!("wrote {shown}");
            written += 1;
        } else {
            eprintln!("kept  {shown} (it is there already; delete it to get the built-in one)");
        }
    }
    eprintln!(
        "{written} file{} written; `jobboard serve` shows your changes as you save them",
        if written == 1 { "" } else { "s" }
    );
    Ok(Status::Success)
}

/// The files asked for, or all.
fn chosen(names: &[String]) -> anyhow::Result<Vec<&'static File>> {
    if names.is_empty() {
        return Ok(BUILTIN.iter().collect());
    }
    names
        .iter()
        .map(|name| {
            let name = name.trim_start_matches(&format!("{TEMPLATES}/")[..]);
            BUILTIN.iter().find(|f| f.name == name).ok_or_else(|| {
                let all: Vec<&str> = BUILTIN.iter().map(|f| f.name).collect();
                anyhow::anyhow!(
                    "the theme has no `{name}`; its files are: {}",
                    all.join(", ")
                )
            })
        })
        .collect()
}

/// Writes one file under `dir`; `false` when it exists. Folders on the way
/// are made, and none may be a symbolic link (the board's files stay in it).
fn write(dir: &Path, file: &File) -> anyhow::Result<bool> {
    let path = dir.join(file.name);
    let mut folder = dir.to_path_buf();
    let mut parts: Vec<&str> = file.name.split('/').collect();
    parts.pop();
    for part in std::iter::once(None).chain(parts.into_iter().map(Some)) {
        if let Some(part) = part {
            folder.push(part);
        }
        if crate::load::board_folder(&folder)?.is_none() {
            std::fs::create_dir(&folder)?;
        }
    }
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
    {
        Ok(mut out) => {
            out.write_all(file.bytes)?;
            Ok(true)
        }
        Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(err) => Err(err.into()),
    }
}

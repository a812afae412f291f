//! Writes the site of the XSS corpus (every vector in every field and in the
//! body, rules ignored), for the browser check in `.ci/browser-check.mjs`:
//!
//!     cargo run --example hostile_site -- tests/fixtures/xss/vectors.txt target/hostile-site

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let (Some(corpus), Some(out)) = (args.next(), args.next()) else {
        anyhow::bail!("usage: hostile_site VECTORS_FILE OUT_DIR");
    };
    let vectors = jobboard::fuzz::vectors(&std::fs::read_to_string(corpus)?);
    let out = std::path::Path::new(&out);
    if out.exists() {
        std::fs::remove_dir_all(out)?;
    }
    for (path, bytes) in jobboard::fuzz::hostile_site(&vectors)? {
        let target = out.join(path);
        if let Some(dir) = target.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(target, bytes)?;
    }
    eprintln!(
        "wrote the site of {} vectors to {}",
        vectors.len(),
        out.display()
    );
    Ok(())
}

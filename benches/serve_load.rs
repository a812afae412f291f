//! `jobboard serve` under load: 200 clients on kept-alive connections ask
//! for the listing as fast as they can (requests a second, and the median
//! and 99th percentile of the time each takes); then 10,000 idle
//! connections are opened and closed, and a request must still be answered.
//! Run: `cargo bench --bench serve_load -- BOARD_DIR [SECONDS]` (with
//! `JOBBOARD=path/to/jobboard` to measure another build the same way).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const CLIENTS: usize = 200;
const IDLE: usize = 10_000;

fn main() -> anyhow::Result<()> {
    // `cargo test --all-targets` runs benches without a board: nothing to time.
    if std::env::args().skip(1).all(|a| a.starts_with("--")) {
        eprintln!("usage: serve_load BOARD_DIR [SECONDS] (see bench/run.sh)");
        return Ok(());
    }
    let mut args = std::env::args().skip(1).filter(|a| a != "--bench");
    let board = args
        .next()
        .ok_or_else(|| anyhow::anyhow!("usage: serve_load BOARD_DIR [SECONDS]"))?;
    let seconds: u64 = args.next().map_or(Ok(5), |s| s.parse())?;
    // JOBBOARD=path measures another build of the tool the same way.
    let program =
        std::env::var("JOBBOARD").unwrap_or_else(|_| env!("CARGO_BIN_EXE_jobboard").into());
    let mut child = Command::new(program)
        .args([
            "serve",
            "--port",
            "0",
            "--today",
            "2026-11-21",
            "--root",
            &board,
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()?;
    let stdout = child
        .stdout
        .take()
        .ok_or_else(|| anyhow::anyhow!("no stdout"))?;
    let mut lines = BufReader::new(stdout).lines();
    let address: SocketAddr = loop {
        let line = lines
            .next()
            .ok_or_else(|| anyhow::anyhow!("serve ended"))??;
        if let Some(rest) = line.strip_prefix("serving http://") {
            break rest
                .trim_end_matches(|c| c != '/')
                .trim_end_matches('/')
                .parse()?;
        }
    };
    std::thread::spawn(move || for _ in lines {});

    let until = Instant::now() + Duration::from_secs(seconds);
    let clients: Vec<_> = (0..CLIENTS)
        .map(|_| std::thread::spawn(move || client(address, until)))
        .collect();
    let mut times: Vec<Duration> = Vec::new();
    let mut failed = 0;
    for c in clients {
        match c.join() {
            Ok(Ok(t)) => times.extend(t),
            _ => failed += 1,
        }
    }
    times.sort();
    let at = |q: f64| times[((times.len() as f64 * q) as usize).min(times.len() - 1)];
    println!(
        "{CLIENTS} clients, {seconds} s: {} requests, {:.0} requests/s, median {:.2} ms, p99 {:.2} ms, {failed} clients failed",
        times.len(),
        times.len() as f64 / seconds as f64,
        at(0.5).as_secs_f64() * 1e3,
        at(0.99).as_secs_f64() * 1e3,
    );

    let start = Instant::now();
    let mut opened = 0;
    while opened < IDLE {
        let batch: Vec<TcpStream> = (0..500)
            .filter_map(|_| TcpStream::connect_timeout(&address, Duration::from_secs(1)).ok())
            .collect();
        opened += batch.len().max(1);
    }
    let flood = start.elapsed();
    let start = Instant::now();
    let mut stream = TcpStream::connect_timeout(&address, Duration::from_secs(10))?;
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let status = request(&mut stream)?;
    println!(
        "{opened} idle connections opened and closed in {:.1} s; then GET / answered {status} in {:.1} ms",
        flood.as_secs_f64(),
        start.elapsed().as_secs_f64() * 1e3
    );
    let _ = child.kill();
    let _ = child.wait();
    anyhow::ensure!(status == 200, "the server stopped answering");
    Ok(())
}

/// One kept-alive connection asking for `/` until `until`: the time of each.
fn client(address: SocketAddr, until: Instant) -> anyhow::Result<Vec<Duration>> {
    let mut stream = TcpStream::connect(address)?;
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    stream.set_nodelay(true)?;
    let mut times = Vec::new();
    while Instant::now() < until {
        let start = Instant::now();
        let status = request(&mut stream)?;
        anyhow::ensure!(status == 200, "status {status}");
        times.push(start.elapsed());
    }
    Ok(times)
}

/// `GET /` on a kept-alive connection: reads the whole response, gives its status.
fn request(stream: &mut TcpStream) -> anyhow::Result<u16> {
    stream.write_all(b"GET / HTTP/1.1\r\nHost: localhost\r\n\r\n")?;
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        anyhow::ensure!(stream.read(&mut byte)? == 1, "closed");
        head.push(byte[0]);
    }
    let head = String::from_utf8_lossy(&head);
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let length: usize = head
        .lines()
        .find_map(|l| {
            let (name, value) = l.split_once(':')?;
            name.eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse().ok())?
        })
        .unwrap_or(0);
    let mut body = vec![0u8; length];
    stream.read_exact(&mut body)?;
    Ok(status)
}

//! Writes a synthetic board for benchmarks and validator runs: realistic
//! postings (150–600-word English bodies that say how Python is used, with
//! headings, lists, links and emphasis; varied fields; about a quarter
//! expired), the same for the same seed.
//!
//!     cargo run --release --example generate_board -- --postings 10000 --seed 1 --out /tmp/board-10k
//!
//! The board is built for `--today 2026-11-21` (the default `TODAY` below).

use std::fmt::Write as _;
use std::path::PathBuf;

const TODAY: (i32, u32, u32) = (2026, 11, 21);

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut postings = 1000usize;
    let mut seed = 1u64;
    let mut out = PathBuf::from("synthetic-board");
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let value = args.next().ok_or_else(|| format!("{arg} needs a value"))?;
        match arg.as_str() {
            "--postings" => postings = value.parse()?,
            "--seed" => seed = value.parse()?,
            "--out" => out = PathBuf::from(value),
            other => {
                return Err(
                    format!("unknown option {other}; use --postings N --seed S --out DIR").into(),
                );
            }
        }
    }
    std::fs::create_dir_all(out.join("postings"))?;
    std::fs::write(out.join("board.yaml"), BOARD)?;
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15).max(1));
    let today = chrono::NaiveDate::from_ymd_opt(TODAY.0, TODAY.1, TODAY.2).ok_or("date")?;
    for i in 0..postings {
        let (name, text) = posting(i, seed, &mut rng, today);
        std::fs::write(out.join("postings").join(name), text)?;
    }
    eprintln!("wrote {postings} postings to {}", out.display());
    Ok(())
}

const BOARD: &str = "title: Synthetic Board\ndescription: Generated postings for benchmarks.\nbase_url: https://bench.example/\ncategories:\n  software-engineering: Software engineering\n  data-science: Data science\n  devops: DevOps\n  web: Web development\n  scientific: Scientific computing\n  education: Teaching\n";

/// splitmix64: small, fast, and the same everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const ROLES: &[&str] = &[
    "Python Developer",
    "Backend Engineer",
    "Data Engineer",
    "Machine Learning Engineer",
    "Site Reliability Engineer",
    "Django Developer",
    "Data Scientist",
    "Platform Engineer",
    "Research Software Engineer",
    "Python Instructor",
    "Analytics Engineer",
    "QA Automation Engineer",
];
const LEVELS: &[&str] = &["", "Senior ", "Junior ", "Lead ", "Staff ", "Principal "];
const PREFIXES: &[&str] = &[
    "North", "Blue", "River", "Stone", "Bright", "Iron", "Cedar", "Harbor", "Maple", "Silver",
    "Quantum", "Orbit", "Pine", "Summit", "Coral", "Falcon", "Meadow", "Atlas", "Nova", "Ember",
];
const SUFFIXES: &[&str] = &[
    "Labs",
    "Analytics",
    "Systems",
    "Health",
    "Logistics",
    "Energy",
    "Software",
    "Robotics",
    "Bank",
    "Studio",
];
const CATEGORIES: &[&str] = &[
    "software-engineering",
    "data-science",
    "devops",
    "web",
    "scientific",
    "education",
];
const TYPES: &[&str] = &[
    "full-time",
    "part-time",
    "contract",
    "internship",
    "temporary",
];
const PLACES: &[(&str, &str, &str)] = &[
    ("Berlin", "DE", "EUR"),
    ("Munich", "DE", "EUR"),
    ("London", "GB", "GBP"),
    ("Leeds", "GB", "GBP"),
    ("Amsterdam", "NL", "EUR"),
    ("Paris", "FR", "EUR"),
    ("Zürich", "CH", "CHF"),
    ("Stockholm", "SE", "SEK"),
    ("Warsaw", "PL", "PLN"),
    ("Toronto", "CA", "CAD"),
    ("Austin", "US", "USD"),
    ("New York", "US", "USD"),
    ("Bengaluru", "IN", "INR"),
    ("São Paulo", "BR", "BRL"),
    ("Sydney", "AU", "AUD"),
    ("Tokyo", "JP", "JPY"),
];
const TAGS: &[&str] = &[
    "django",
    "flask",
    "fastapi",
    "pandas",
    "numpy",
    "pytorch",
    "airflow",
    "kubernetes",
    "aws",
    "postgresql",
    "celery",
    "pytest",
    "asyncio",
    "sqlalchemy",
    "dbt",
    "spark",
    "terraform",
    "scipy",
];
const TOOLS: &[&str] = &[
    "Django",
    "FastAPI",
    "Flask",
    "pandas",
    "NumPy",
    "PyTorch",
    "Airflow",
    "Celery",
    "SQLAlchemy",
    "pytest",
    "asyncio",
    "Polars",
    "Dask",
    "scikit-learn",
];
const THINGS: &[&str] = &[
    "the billing service",
    "our forecasting pipeline",
    "the public API",
    "the data warehouse",
    "the scheduling engine",
    "our internal tools",
    "the search index",
    "the recommendation models",
    "the customer portal",
    "the test infrastructure",
    "the deployment tooling",
    "the reporting jobs",
];
const VERBS: &[&str] = &[
    "build", "maintain", "speed up", "test", "design", "refactor", "monitor", "document",
];

fn posting(i: usize, seed: u64, rng: &mut Rng, today: chrono::NaiveDate) -> (String, String) {
    // Three jobs per employer, each a different role, so no two postings
    // share a company and a title (the duplicate rule would stop the build).
    let group = i / 3;
    let mut employer = Rng((group as u64 + 1).wrapping_mul(0x2545_F491_4F6C_DD1D) ^ seed);
    let company = format!(
        "{} {} {}",
        employer.pick(PREFIXES),
        employer.pick(SUFFIXES),
        group + 1
    );
    let role = format!(
        "{}{}",
        rng.pick(LEVELS),
        ROLES[(employer.below(ROLES.len()) + i % 3) % ROLES.len()]
    );
    let slug = format!("{}-{}", i, role.to_lowercase().replace(' ', "-"));
    let expired = rng.chance(25);
    let age = if expired {
        95 + rng.below(120)
    } else {
        rng.below(89)
    } as u64;
    let posted = today - chrono::Days::new(age);
    let place = *rng.pick(PLACES);
    let mut fm = String::with_capacity(600);
    let _ = writeln!(fm, "---\ntitle: {role}\ncompany: {company}");
    let domain = format!(
        "{}.example",
        company.to_lowercase().replace([' ', 'ü', 'ã'], "-")
    );
    let _ = writeln!(fm, "company_url: https://{domain}/");
    match rng.below(3) {
        0 => {
            let _ = writeln!(fm, "remote: remote");
            if rng.chance(40) {
                let _ = writeln!(fm, "remote_from: [worldwide]");
            } else {
                let _ = writeln!(fm, "remote_from: [{}, {}]", place.1, rng.pick(PLACES).1);
            }
        }
        kind => {
            let _ = writeln!(fm, "location:\n  city: {}\n  country: {}", place.0, place.1);
            let _ = writeln!(
                fm,
                "remote: {}",
                if kind == 1 { "onsite" } else { "hybrid" }
            );
        }
    }
    let first = rng.pick(TYPES);
    if rng.chance(15) {
        let second = TYPES.iter().find(|t| *t != first).unwrap_or(first);
        let _ = writeln!(fm, "type: [{first}, {second}]");
    } else {
        let _ = writeln!(fm, "type: [{first}]");
    }
    let _ = writeln!(fm, "category: {}", rng.pick(CATEGORIES));
    if rng.chance(60) {
        let (min, period) = match rng.below(4) {
            0 => (30 + rng.below(60), "hour"),
            1 => (3000 + rng.below(5000), "month"),
            _ => (40_000 + rng.below(80_000), "year"),
        };
        let _ = writeln!(
            fm,
            "salary:\n  min: {min}\n  max: {}\n  currency: {}\n  period: {period}",
            min + min / 4,
            place.2
        );
    }
    if rng.chance(70) {
        let a = rng.pick(TAGS);
        let b = rng.pick(TAGS);
        let tags = if a == b {
            a.to_string()
        } else {
            format!("{a}, {b}")
        };
        let _ = writeln!(fm, "tags: [{tags}]");
    }
    if rng.chance(20) {
        let _ = writeln!(fm, "apply: mailto:jobs@{domain}");
    } else {
        let _ = writeln!(fm, "apply: https://{domain}/jobs/{i}");
    }
    if rng.chance(30) {
        let _ = writeln!(
            fm,
            "contact:\n  name: Alex Example\n  email: people@{domain}"
        );
    }
    if rng.chance(5) {
        let _ = writeln!(fm, "agency: true");
    }
    let _ = writeln!(fm, "posted: {posted}\n---");
    let body = body(i, &company, &role, rng);
    (format!("{slug}.md"), fm + &body)
}

fn body(i: usize, company: &str, role: &str, rng: &mut Rng) -> String {
    let words = 150 + rng.below(450);
    let mut text = String::with_capacity(words * 7);
    let _ = writeln!(
        text,
        "**{company}** is hiring a {role} (opening {i}). You will write *Python* every day with {} and {}.\n",
        rng.pick(TOOLS),
        rng.pick(TOOLS)
    );
    let mut count = 20;
    let mut section = 0;
    while count < words {
        let _ = writeln!(
            text,
            "## {}\n",
            [
                "What you will do",
                "What we ask",
                "About us",
                "How we work",
                "Benefits"
            ][section % 5]
        );
        section += 1;
        for _ in 0..3 {
            let _ = writeln!(
                text,
                "- {} {} in Python using {}.",
                capitalize(rng.pick::<&str>(VERBS)),
                rng.pick(THINGS),
                rng.pick(TOOLS)
            );
            count += 9;
        }
        let _ = writeln!(text);
        for _ in 0..(2 + rng.below(3)) {
            let sentence = sentence(rng);
            count += sentence.split(' ').count();
            text.push_str(&sentence);
            text.push(' ');
        }
        let _ = writeln!(
            text,
            "Read more on [our blog](https://blog.example/{i}/{section}).\n"
        );
        count += 5;
    }
    text
}

/// A sentence of a real posting's kind, put together from parts, so that
/// bodies differ as real ones do (a board of copies would be one that the
/// `near-duplicate` rule rightly flags, and no board looks like that).
fn sentence(rng: &mut Rng) -> String {
    const WHO: &[&str] = &[
        "our engineers",
        "the team",
        "every new colleague",
        "the platform group",
        "our analysts",
        "the data team",
        "product managers",
        "the support engineers",
        "our researchers",
        "the founders",
        "the on-call engineer",
        "the design team",
        "our mentors",
        "each squad",
    ];
    const DO: &[&str] = &[
        "review",
        "plan",
        "ship",
        "measure",
        "discuss",
        "write down",
        "pair on",
        "question",
        "automate",
        "prototype",
        "profile",
        "simplify",
        "own",
        "share",
        "celebrate",
        "test",
    ];
    const WHAT: &[&str] = &[
        "every release",
        "the roadmap",
        "incidents",
        "pull requests",
        "new ideas",
        "the budget",
        "customer feedback",
        "performance budgets",
        "the architecture",
        "open source patches",
        "hiring decisions",
        "the backlog",
        "experiments",
        "long-running migrations",
        "security reviews",
        "the quarterly goals",
        "dashboards",
        "the onboarding guide",
    ];
    const HOW: &[&str] = &[
        "together",
        "in small steps",
        "every week",
        "before lunch",
        "in the open",
        "with care",
        "without drama",
        "from day one",
        "on Fridays",
        "in writing",
        "with our users",
        "across time zones",
        "as a habit",
        "in short cycles",
        "with plenty of tests",
    ];
    const WHY: &[&str] = &[
        "because quality compounds",
        "so that nobody works alone",
        "to keep releases boring",
        "since our clients rely on it",
        "which keeps us honest",
        "to learn faster",
        "so that weekends stay free",
        "because trust matters",
        "to stay close to users",
        "which newcomers appreciate",
        "so that knowledge spreads",
        "to avoid surprises",
    ];
    let (who, act, what, how) = (
        *rng.pick::<&str>(WHO),
        *rng.pick::<&str>(DO),
        *rng.pick::<&str>(WHAT),
        *rng.pick::<&str>(HOW),
    );
    let mut text = match rng.below(4) {
        0 => format!("In this role you will {act} {what} {how} with {who}"),
        1 => format!("We {act} {what} {how}, and you will be part of that"),
        2 => format!("You and {who} {act} {what} {how}, and we are proud of the way it works"),
        _ => {
            format!("Our goal for the year is to {act} {what} {how}; {who} will help you with that")
        }
    };
    if rng.chance(60) {
        text.push(' ');
        text.push_str(rng.pick::<&str>(WHY));
    }
    text.push('.');
    text
}

fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_uppercase().collect::<String>() + chars.as_str()
    })
}

//! Adding a front-matter field is one declaration: this test declares
//! `visa_sponsorship` next to the posting's own fields and follows it through
//! `new`'s flags, the file `new` writes, the parser, the job page, `jobs.json`
//! and JSON-LD, with no other code.

use chrono::NaiveDate;
use jobboard::cli::FieldFlags;
use jobboard::pipeline::MemorySink;
use jobboard::posting::fields::{Ask, FIELDS, Field, Kind, Need, Publish, Schema};
use jobboard::posting::{Draft, Value};
use jobboard::schema::Report;
use jobboard::site::render_postings;

const VISA: Field = Field {
    key: "visa_sponsorship",
    flag: "visa-sponsorship",
    label: "Visa sponsorship",
    question: "Do you sponsor a work visa?",
    help: "Whether the employer sponsors a work visa.",
    example: "true",
    kind: Kind::Flag,
    need: Need::Optional,
    ask: Ask::Always,
    publish: Publish::Fact {
        label: "Visa sponsorship",
        json_ld: Some("jobBenefits"),
    },
};

fn schema() -> Schema {
    let mut fields: Vec<Field> = FIELDS.iter().map(|f| Field { ..*f }).collect();
    fields.push(VISA);
    Schema::new(Vec::leak(fields))
}

#[test]
fn a_declared_field_reaches_every_output() {
    let schema = schema();
    // `new`'s flags come from the declarations.
    let command = clap::Command::new("new").args(FieldFlags::args(schema.fields));
    let matches = command
        .try_get_matches_from([
            "new",
            "--title",
            "Python Developer",
            "--company",
            "Acme",
            "--remote",
            "remote",
            "--remote-from",
            "DE,AT",
            "--type",
            "full-time",
            "--category",
            "web",
            "--apply",
            "MAILTO:jobs@acme.example",
            "--visa-sponsorship",
        ])
        .expect("the new flag parses");
    let flags = FieldFlags::read(schema.fields, &matches);
    let mut draft = Draft::default();
    for (key, values) in flags.0 {
        draft.set(key, values);
    }
    draft.body =
        "We build clinical software in Python and Django; you will own services end to end.".into();
    let posted = NaiveDate::from_ymd_opt(2026, 11, 20).expect("a day");
    let written = draft.write(&schema, posted);
    assert!(
        written.text.contains("\nvisa_sponsorship: true\n"),
        "{}",
        written.text
    );

    // The parser reads it by its kind, and keeps it for the renderers.
    let config =
        jobboard::config::parse("title: T\nbase_url: https://t.example\ncategories: {web: Web}\n")
            .expect("board.yaml");
    let source = jobboard::source::Source {
        file: "postings/acme-python.md".into(),
        slug: "acme-python".into(),
        text: written.text,
    };
    let mut findings = Vec::new();
    let posting = jobboard::posting::parse_with(
        &schema,
        &source,
        &config,
        &mut Report::new(&source.file, &mut findings),
    )
    .unwrap_or_else(|| panic!("{findings:?}"));
    assert_eq!(posting.extra.len(), 1);
    assert_eq!(posting.extra[0].1, Value::Flag(true));

    // A wrong value is reported on its line, as for any field.
    let wrong = jobboard::source::Source {
        text: source
            .text
            .replace("visa_sponsorship: true", "visa_sponsorship: maybe"),
        ..source.clone()
    };
    let mut findings = Vec::new();
    let parsed = jobboard::posting::parse_with(
        &schema,
        &wrong,
        &config,
        &mut Report::new(&wrong.file, &mut findings),
    );
    assert!(parsed.is_none());
    assert!(
        findings.iter().any(|f| f
            .message
            .contains("`visa_sponsorship` must be `true` or `false`")),
        "{findings:?}"
    );

    // Its page, jobs.json and JSON-LD show it.
    let theme = jobboard::session::theme(std::path::Path::new("/nonexistent"), &config)
        .expect("the built-in theme");
    let site = jobboard::render::Site {
        config: &config,
        theme: &theme,
        today: posted,
        kept: None,
    };
    let sink = MemorySink::default();
    render_postings(&[&posting], &site, &sink).expect("rendered");
    let text = |path: &str| {
        let files = sink.files.lock().expect("files");
        String::from_utf8(files.get(path).cloned().unwrap_or_default()).expect("UTF-8")
    };
    let page = text("jobs/acme-python/index.html");
    assert!(
        page.contains("<dt>Visa sponsorship</dt><dd>yes</dd>"),
        "{page}"
    );
    assert!(page.contains("\"jobBenefits\":true"), "JSON-LD: {page}");
    let jobs = text("jobs.json");
    assert!(jobs.contains("\"visa_sponsorship\":true"), "{jobs}");
}

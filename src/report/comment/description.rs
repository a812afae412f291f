//! A posting's description as the comment shows it: its Markdown parsed as
//! the site parses it, then written again as Markdown that keeps its shape
//! (paragraphs, lists, quotes, code, tables, emphasis) and loses whatever a
//! stranger could use in a comment the board posts: every text is escaped
//! and defused (`gfm`), raw HTML is shown as code, a link is its text
//! followed by its address as code, an image is a line of text naming it,
//! headings are demoted below the comment's own, and a task list's boxes
//! are text (GitHub would let anyone who can edit the comment tick them).
//!
//! Everything is inside a quote (`> `), so that the description reads as
//! the posting's, apart from the comment around it.

use pulldown_cmark::{Event, HeadingLevel, LinkType, Parser, Tag, TagEnd};

use crate::report::gfm;

/// `markdown` as quoted, inert Markdown, at most about `limit` bytes (what
/// is over is left out and said so).
pub fn render(markdown: &str, limit: usize) -> String {
    let mut w = Writer::new();
    let mut over = false;
    for event in Parser::new_ext(markdown, crate::markdown::options()) {
        if w.out.len() > limit {
            over = true;
            break;
        }
        w.event(event);
    }
    w.end_line();
    if over {
        // Whatever was being collected (a code block, a table) is dropped.
        w.sinks.truncate(1);
        w.block();
        w.inline(&gfm::text(
            "… (the rest of the description is left out here)",
        ));
        w.end_line();
    }
    w.out
}

/// What a line inside a container starts with.
enum Container {
    Quote,
    /// A list item: its marker on its first line, as many spaces after.
    Item {
        marker: Option<String>,
        width: usize,
    },
}

/// Where inline text goes: the comment, or what is collected for later.
enum Sink {
    Out,
    /// A code block or an HTML block: shown as code once whole.
    Code(String),
    /// An image: its description as plain text, and its address.
    Image {
        alt: String,
        url: String,
    },
    /// The rows of a table, each a list of cells.
    Table(Vec<Vec<String>>),
}

struct Writer {
    out: String,
    containers: Vec<Container>,
    at_line_start: bool,
    /// A blank line is owed before the next block.
    blank: bool,
    /// The next number of each open list (`None`: bullets).
    lists: Vec<Option<u64>>,
    /// The address of each open link, shown after its text (`None`: an
    /// autolink, whose text is its address).
    links: Vec<Option<String>>,
    /// The innermost last.
    sinks: Vec<Sink>,
}

impl Writer {
    fn new() -> Self {
        Self {
            out: String::new(),
            containers: vec![Container::Quote],
            at_line_start: true,
            blank: false,
            lists: Vec::new(),
            links: Vec::new(),
            sinks: vec![Sink::Out],
        }
    }

    fn sink(&mut self) -> &mut Sink {
        if self.sinks.is_empty() {
            self.sinks.push(Sink::Out);
        }
        let last = self.sinks.len() - 1;
        &mut self.sinks[last]
    }

    fn in_table(&self) -> bool {
        matches!(self.sinks.last(), Some(Sink::Table(_)))
    }

    fn event(&mut self, event: Event) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => match self.sink() {
                Sink::Code(code) => code.push_str(&text),
                Sink::Image { alt, .. } => alt.push_str(&text),
                _ => self.inline(&gfm::text(&text)),
            },
            Event::Code(code) => match self.sink() {
                Sink::Image { alt, .. } => alt.push_str(&code),
                Sink::Table(_) => self.inline(&gfm::code_cell(&code)),
                _ => self.inline(&gfm::code(&code)),
            },
            Event::Html(html) | Event::InlineHtml(html) => match self.sink() {
                Sink::Code(code) => code.push_str(&html),
                Sink::Image { .. } => {}
                Sink::Table(_) => self.inline(&gfm::code_cell(&html)),
                Sink::Out => self.inline(&gfm::code(&html)),
            },
            Event::FootnoteReference(label) => self.inline(&gfm::text(&format!("[^{label}]"))),
            Event::SoftBreak => self.inline(" "),
            Event::HardBreak => {
                if matches!(self.sinks.last(), Some(Sink::Out)) {
                    self.inline("\\");
                    self.end_line();
                } else {
                    self.inline(" ");
                }
            }
            Event::Rule => {
                self.block();
                self.inline("* * *");
                self.end_block();
            }
            Event::TaskListMarker(done) => {
                self.inline(&gfm::text(if done { "[x] " } else { "[ ] " }));
            }
            // Math, definition lists and metadata are not parsed (see
            // `markdown::options`).
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag) {
        match tag {
            Tag::Paragraph => self.block(),
            Tag::Heading { level, .. } => {
                self.block();
                // Below the comment's own headings (`###`, `####`).
                self.inline(if level == HeadingLevel::H1 {
                    "##### "
                } else {
                    "###### "
                });
            }
            Tag::BlockQuote(_) => {
                self.block();
                self.containers.push(Container::Quote);
                self.blank = false;
            }
            // An info string is dropped: GitHub draws some (`mermaid`).
            Tag::CodeBlock(_) | Tag::HtmlBlock => {
                self.block();
                self.sinks.push(Sink::Code(String::new()));
            }
            Tag::List(start) => {
                self.block();
                self.lists.push(start);
            }
            Tag::Item => {
                self.end_line();
                let marker = match self.lists.last_mut() {
                    Some(Some(n)) => {
                        let marker = format!("{n}. ");
                        *n = n.saturating_add(1);
                        marker
                    }
                    _ => "- ".to_string(),
                };
                let width = marker.len();
                self.containers.push(Container::Item {
                    marker: Some(marker),
                    width,
                });
                self.blank = false;
            }
            Tag::FootnoteDefinition(label) => {
                self.block();
                self.inline(&gfm::text(&format!("[^{label}]:")));
                self.end_block();
            }
            Tag::Table(_) => {
                self.block();
                self.sinks.push(Sink::Table(Vec::new()));
            }
            Tag::TableHead | Tag::TableRow => {
                if let Sink::Table(rows) = self.sink() {
                    rows.push(Vec::new());
                }
            }
            Tag::TableCell => {
                if let Sink::Table(rows) = self.sink()
                    && let Some(row) = rows.last_mut()
                {
                    row.push(String::new());
                }
            }
            Tag::Emphasis => self.inline("*"),
            Tag::Strong => self.inline("**"),
            Tag::Strikethrough => self.inline("~~"),
            Tag::Link {
                link_type,
                dest_url,
                ..
            } => {
                let autolink = matches!(link_type, LinkType::Autolink | LinkType::Email);
                self.links.push((!autolink).then(|| dest_url.to_string()));
            }
            Tag::Image { dest_url, .. } => self.sinks.push(Sink::Image {
                alt: String::new(),
                url: dest_url.to_string(),
            }),
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::FootnoteDefinition => {
                self.end_block();
            }
            TagEnd::BlockQuote(_) => {
                self.end_line();
                self.containers.pop();
                self.blank = true;
            }
            TagEnd::CodeBlock | TagEnd::HtmlBlock => {
                if let Some(Sink::Code(code)) = self.sinks.pop() {
                    self.code_block(&code);
                }
                self.end_block();
            }
            TagEnd::List(_) => {
                self.end_line();
                self.lists.pop();
                self.blank = true;
            }
            TagEnd::Item => {
                self.end_line();
                self.containers.pop();
                self.blank = false;
            }
            TagEnd::Table => {
                if let Some(Sink::Table(rows)) = self.sinks.pop() {
                    self.table(&rows);
                }
                self.end_block();
            }
            TagEnd::Emphasis => self.inline("*"),
            TagEnd::Strong => self.inline("**"),
            TagEnd::Strikethrough => self.inline("~~"),
            TagEnd::Link => {
                if let Some(Some(url)) = self.links.pop() {
                    let url = self.code_here(&url);
                    self.inline(&format!(" ({url})"));
                }
            }
            TagEnd::Image => {
                if let Some(Sink::Image { alt, url }) = self.sinks.pop() {
                    if let Sink::Image { alt: outer, .. } = self.sink() {
                        // An image in an image's description: its words.
                        outer.push_str(&alt);
                    } else {
                        let url = self.code_here(&url);
                        let name = gfm::text(&format!("[image: {}]", alt.trim()));
                        self.inline(&format!("{name} ({url})"));
                    }
                }
            }
            _ => {}
        }
    }

    /// `text` as code where it is written: in a table, with `|` escaped.
    fn code_here(&self, text: &str) -> String {
        if self.in_table() {
            gfm::code_cell(text)
        } else {
            gfm::code(text)
        }
    }

    /// Inline Markdown, already safe, where inline text goes now.
    fn inline(&mut self, markdown: &str) {
        match self.sinks.last_mut() {
            Some(Sink::Table(rows)) => {
                if let Some(cell) = rows.last_mut().and_then(|row| row.last_mut()) {
                    cell.push_str(markdown);
                }
            }
            Some(Sink::Out) | None => {
                if self.at_line_start {
                    self.prefix(false);
                }
                self.out.push_str(markdown);
            }
            // Code is shown as it is, an image by its words only.
            Some(Sink::Code(_) | Sink::Image { .. }) => {}
        }
    }

    /// What each container puts at the start of a line; `blank` for an
    /// empty line, which only quotes mark.
    fn prefix(&mut self, blank: bool) {
        for container in &mut self.containers {
            match container {
                Container::Quote => self.out.push_str(if blank { ">" } else { "> " }),
                Container::Item { marker, width } => match marker.take() {
                    Some(marker) => self.out.push_str(&marker),
                    None if !blank => self.out.push_str(&" ".repeat(*width)),
                    None => {}
                },
            }
        }
        self.at_line_start = false;
    }

    fn end_line(&mut self) {
        if !self.at_line_start {
            self.out.push('\n');
            self.at_line_start = true;
        }
    }

    /// Starts a block: on a line of its own, after a blank line when one
    /// is owed.
    fn block(&mut self) {
        self.end_line();
        if self.blank && !self.out.is_empty() {
            self.prefix(true);
            self.end_line();
        }
        self.blank = false;
    }

    fn end_block(&mut self) {
        self.end_line();
        self.blank = true;
    }

    /// A fenced code block, each line inert, its fence longer than any
    /// run of backticks in it.
    fn code_block(&mut self, code: &str) {
        let code = gfm::code_lines(code);
        let fence = gfm::fence_for(&code);
        self.inline(&fence);
        self.end_line();
        for line in code.lines() {
            if line.is_empty() {
                self.prefix(true);
            } else {
                self.inline(line);
            }
            self.out.push('\n');
            self.at_line_start = true;
        }
        self.inline(&fence);
        self.end_line();
    }

    /// A table: its first row as the head, every row as long as the longest.
    fn table(&mut self, rows: &[Vec<String>]) {
        let columns = rows.iter().map(Vec::len).max().unwrap_or(0).max(1);
        for (i, row) in rows.iter().enumerate() {
            let mut line = String::from("|");
            for c in 0..columns {
                line.push(' ');
                line.push_str(row.get(c).map_or("", String::as_str));
                line.push_str(" |");
            }
            self.inline(&line);
            self.end_line();
            if i == 0 {
                self.inline(&format!("|{}", " --- |".repeat(columns)));
                self.end_line();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::render;

    #[test]
    fn keeps_the_shape_and_loses_what_acts() {
        let markdown = "\
Intro with a hard break  \nand <b>HTML</b>, a <https://auto.example> link and a footnote.[^1]

| Team | Stack |
| --- | --- |
| Data | `a\\|b` and [docs](https://docs.example) |

- [x] done
- [ ] not yet

  > quoted *inside* a list

<div>
block <script>x()</script>
</div>

***

[^1]: A note.
";
        let expected = "\
> Intro with a hard break\\
> and `<\u{200b}b>`HTML`<\u{200b}/b>`, a https:\u{200b}//auto.example link and a footnote.\\[\\^1\\]
>
> | Team | Stack |
> | --- | --- |
> | Data | `a\\|b` and docs (`https://docs.example`) |
>
> - \\[x\\] done
> - \\[ \\] not yet
>
>   > quoted *inside* a list
>
> ````
> <\u{200b}div>
> block <\u{200b}script>x()<\u{200b}/script>
> <\u{200b}/div>
> ````
>
> * * *
>
> \\[\\^1\\]:
>
> A note.
";
        assert_eq!(render(markdown, 10_000), expected);
    }

    #[test]
    fn a_long_description_is_cut_and_says_so() {
        let out = render(&"Python.\n\n".repeat(1_000), 100);
        assert!(out.len() < 200, "{out}");
        assert!(
            out.ends_with("> … (the rest of the description is left out here)\n"),
            "{out}"
        );
    }
}

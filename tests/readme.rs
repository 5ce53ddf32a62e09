//! The README and the pages of `docs/` that show commands: every `provisio`
//! command in a `sh` block runs and prints what the block after it shows,
//! every link points at a file of the repository (and a heading of it), and
//! nothing refers to files outside the repository.

use std::path::{Path, PathBuf};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The pages whose commands are run, from the repository's root.
const PAGES: [&str; 5] = [
    "README.md",
    "docs/tour.md",
    "docs/cli.md",
    "docs/law-that-changes.md",
    "docs/amendments.md",
];

/// Commands shown but not run here: `cargo test` runs this very test (and
/// `tests/all.sh` runs `cargo test`), and installing or building is what the
/// test harness has done already.
const NOT_RUN: [&str; 4] = [
    "cargo test",
    "bash tests/all.sh",
    "cargo install --path .",
    "cargo build --release",
];

/// A fenced block of a Markdown page.
struct Block {
    /// The word after the opening fence: `sh`, `json`, or empty.
    info: String,
    /// The lines inside the fences, each ending in a newline.
    text: String,
    /// The line of the opening fence, from 1.
    line: usize,
}

fn blocks(page: &str) -> Vec<Block> {
    let mut found = Vec::new();
    let mut open: Option<Block> = None;
    for (i, line) in page.lines().enumerate() {
        let fence = line.strip_prefix("```");
        match (&mut open, fence) {
            (None, Some(info)) => {
                open = Some(Block {
                    info: info.trim().to_string(),
                    text: String::new(),
                    line: i + 1,
                });
            }
            (Some(_), Some(_)) => found.extend(open.take()),
            (Some(block), None) => {
                block.text.push_str(line);
                block.text.push('\n');
            }
            (None, None) => {}
        }
    }
    assert!(open.is_none(), "a fence is left open");
    found
}

/// A command line split into words as a shell splits it: single and double
/// quotes, and a backslash at the end of a line continuing it. A pipe or a
/// redirection is refused: what a block shows must be the command's own
/// output.
fn words(command: &str) -> Vec<String> {
    let joined = command.replace("\\\n", " ");
    let mut out = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut chars = joined.chars();
    while let Some(c) = chars.next() {
        match c {
            '\'' | '"' => {
                in_word = true;
                for q in chars.by_ref() {
                    if q == c {
                        break;
                    }
                    word.push(q);
                }
            }
            '|' | '>' | '<' | ';' | '&' => panic!("`{command}`: only plain commands are run"),
            c if c.is_whitespace() => {
                if in_word {
                    out.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            c => {
                in_word = true;
                word.push(c);
            }
        }
    }
    if in_word {
        out.push(word);
    }
    out
}

/// The arguments of a `provisio` command as written in a page, however it
/// calls the binary; `None` for any other command.
fn provisio_args(command: &[String]) -> Option<Vec<String>> {
    let strs: Vec<&str> = command.iter().map(String::as_str).collect();
    let rest = match strs.as_slice() {
        ["provisio", rest @ ..] | ["target/release/provisio", rest @ ..] => rest,
        ["cargo", "run", "--release", "--", rest @ ..] => rest,
        _ => return None,
    };
    Some(rest.iter().map(|s| s.to_string()).collect())
}

/// Whether `actual` is what `shown` shows: the same text, or, where `shown`
/// has lines `...`, the same pieces in order with lines left out between.
fn shows(shown: &str, actual: &str) -> bool {
    // A diagnostic ends with a blank line, which a page leaves out.
    let shown = format!("{}\n", shown.trim_end());
    let actual = format!("{}\n", actual.trim_end());
    let (shown, actual) = (shown.as_str(), actual.as_str());
    let pieces: Vec<&str> = shown.split("...\n").collect();
    if pieces.len() == 1 {
        return shown == actual;
    }
    let mut at = 0;
    let last = pieces.len() - 1;
    for (i, piece) in pieces.iter().enumerate() {
        if piece.is_empty() {
            continue;
        }
        let rest = actual.get(at..).unwrap_or("");
        let found = if i == 0 {
            rest.starts_with(piece).then_some(0)
        } else if i == last {
            rest.ends_with(piece).then(|| rest.len() - piece.len())
        } else {
            rest.find(piece)
        };
        match found {
            Some(offset) => at += offset + piece.len(),
            None => return false,
        }
    }
    true
}

/// Runs one `provisio` command: from the repository's root, or, for `new`,
/// which writes files, in a fresh temporary folder. The output to compare:
/// stdout when the command succeeds, stderr when it fails.
fn run(args: &[String]) -> (i32, String) {
    let temporary = tempfile::tempdir().expect("a temporary folder");
    let dir = if args.first().is_some_and(|a| a == "new") {
        temporary.path()
    } else {
        root()
    };
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_provisio"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("runs");
    let code = output.status.code().unwrap_or(-1);
    let shown = if output.status.success() {
        output.stdout
    } else {
        output.stderr
    };
    (code, String::from_utf8(shown).expect("UTF-8"))
}

#[test]
fn every_command_shown_prints_what_the_page_shows() {
    let mut ran = 0;
    let mut wrong = Vec::new();
    for page in PAGES {
        let text = std::fs::read_to_string(root().join(page)).expect("the page");
        let blocks = blocks(&text);
        for (i, block) in blocks.iter().enumerate() {
            if block.info != "sh" {
                continue;
            }
            let command = block.text.trim_end().to_string();
            if NOT_RUN.contains(&command.as_str()) {
                continue;
            }
            let args = provisio_args(&words(&command)).unwrap_or_else(|| {
                panic!(
                    "{page}:{}: `{command}` is neither a provisio command nor one of {NOT_RUN:?}",
                    block.line
                )
            });
            let shown = blocks
                .get(i + 1)
                .filter(|next| next.info != "sh")
                .unwrap_or_else(|| {
                    panic!(
                        "{page}:{}: `{command}` has no output shown after it",
                        block.line
                    )
                });
            let (code, actual) = run(&args);
            ran += 1;
            if !shows(&shown.text, &actual) {
                wrong.push(format!(
                    "{page}:{}: `{command}` (status {code}) prints\n{actual}\nnot what {page}:{} shows",
                    block.line, shown.line
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n\n"));
    assert!(ran >= 10, "only {ran} commands ran");
}

#[test]
fn the_quick_start_keeps_its_two_commands() {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README.md");
    let start = readme.find("## Quick start").expect("a quick start");
    let end = readme
        .get(start + 1..)
        .and_then(|rest| rest.find("\n## "))
        .map_or(readme.len(), |e| start + 1 + e);
    let quick = readme.get(start..end).expect("its text");
    let commands: Vec<String> = blocks(quick)
        .into_iter()
        .filter(|b| b.info == "sh")
        .map(|b| b.text.trim_end().to_string())
        .collect();
    assert_eq!(
        commands,
        [
            "cargo run --release -- eval rules/wto/mc13-ecommerce.policy --facts rules/wto/facts/during-mc14.json",
            "bash tests/all.sh"
        ]
    );
}

#[test]
fn the_readme_is_read_in_ten_minutes() {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README.md");
    let lines = readme.lines().count();
    assert!(lines < 250, "README.md has {lines} lines");
}

/// Every Markdown page of the repository's own documentation.
fn doc_pages() -> Vec<PathBuf> {
    let mut pages = vec![root().join("README.md"), root().join("BENCHMARKS.md")];
    let mut docs: Vec<PathBuf> = std::fs::read_dir(root().join("docs"))
        .expect("docs/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    docs.sort();
    pages.extend(docs);
    pages
}

#[test]
fn the_docs_index_lists_every_page() {
    let index = std::fs::read_to_string(root().join("docs/README.md")).expect("docs/README.md");
    for page in doc_pages() {
        let name = page.file_name().and_then(|n| n.to_str()).expect("a name");
        if page.parent() == Some(&root().join("docs")) && name != "README.md" {
            assert!(
                index.contains(&format!("]({name})")),
                "docs/README.md does not list {name}"
            );
        }
    }
}

#[test]
fn nothing_refers_to_files_outside_the_repository() {
    for page in [root().join("README.md"), root().join("docs/README.md")] {
        let text = std::fs::read_to_string(&page).expect("the page");
        for outside in ["../shared", "/work/", "](../"] {
            if page.ends_with("docs/README.md") && outside == "](../" {
                continue;
            }
            assert!(
                !text.contains(outside),
                "{} refers to `{outside}`",
                page.display()
            );
        }
    }
}

/// A heading's anchor as GitHub makes it: lower case, spaces made `-`,
/// every other character but letters, digits, `-` and `_` left out.
fn anchor(heading: &str) -> String {
    heading
        .trim()
        .chars()
        .filter_map(|c| {
            if c == ' ' {
                Some('-')
            } else if c.is_alphanumeric() || c == '-' || c == '_' {
                Some(c.to_ascii_lowercase())
            } else {
                None
            }
        })
        .collect()
}

/// The anchors of a page's headings, outside fenced blocks.
fn anchors(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut fenced = false;
    for line in text.lines() {
        if line.starts_with("```") {
            fenced = !fenced;
        } else if !fenced && line.starts_with('#') {
            found.push(anchor(line.trim_start_matches('#')));
        } else if !fenced {
            // An anchor set by hand: `<a id="errored-verdicts"></a>`.
            let mut rest = line;
            while let Some(at) = rest.find("<a id=\"") {
                let after = rest.get(at + 7..).unwrap_or("");
                let end = after.find('"').unwrap_or(after.len());
                found.push(after.get(..end).unwrap_or("").to_string());
                rest = after.get(end..).unwrap_or("");
            }
        }
    }
    found
}

/// The targets of the inline links of a page, outside fenced blocks.
fn links(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut fenced = false;
    for line in text.lines() {
        if line.starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if fenced {
            continue;
        }
        let mut rest = line;
        while let Some(at) = rest.find("](") {
            let after = rest.get(at + 2..).unwrap_or("");
            let end = after.find(')').unwrap_or(after.len());
            found.push(after.get(..end).unwrap_or("").to_string());
            rest = after.get(end..).unwrap_or("");
        }
    }
    found
}

#[test]
fn every_link_points_at_a_file_and_a_heading_of_the_repository() {
    let mut broken = Vec::new();
    for page in doc_pages() {
        let text = std::fs::read_to_string(&page).expect("the page");
        let folder = page.parent().expect("a folder");
        for link in links(&text) {
            if link.starts_with("http://") || link.starts_with("https://") {
                continue;
            }
            let (file, fragment) = link.split_once('#').unwrap_or((link.as_str(), ""));
            let target = if file.is_empty() {
                page.clone()
            } else {
                folder.join(file)
            };
            let shown = format!("{}: ({link})", page.display());
            if !target.exists() {
                broken.push(format!("{shown}: no such file"));
                continue;
            }
            if !target.starts_with(root())
                || target.canonicalize().map_or(true, |t| {
                    !t.starts_with(root().canonicalize().expect("root"))
                })
            {
                broken.push(format!("{shown}: outside the repository"));
                continue;
            }
            if !fragment.is_empty() && target.extension().is_some_and(|x| x == "md") {
                let target_text = std::fs::read_to_string(&target).expect("the target");
                if !anchors(&target_text).iter().any(|a| a == fragment) {
                    broken.push(format!("{shown}: no heading `#{fragment}`"));
                }
            }
        }
    }
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}

#[test]
fn shown_output_with_lines_left_out() {
    assert!(shows("a\nb\n", "a\nb\n"));
    assert!(!shows("a\n", "a\nb\n"));
    assert!(shows("...\nb\n", "a\nb\n"));
    assert!(shows("a\n...\nc\n", "a\nb\nc\n"));
    assert!(shows("a\n...\n", "a\nb\nc\n"));
    assert!(!shows("b\n...\n", "a\nb\nc\n"));
    assert!(!shows("...\nb\n", "a\nb\nc\n"));
    assert_eq!(
        words("provisio eval 'a b' \\\n  --at \"2026-01-01\""),
        ["provisio", "eval", "a b", "--at", "2026-01-01"]
    );
}

#[test]
fn the_commands_table_and_the_command_line_page_name_every_subcommand() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_provisio"))
        .arg("--help")
        .output()
        .expect("runs");
    let help = String::from_utf8(output.stdout).expect("UTF-8");
    let commands: Vec<&str> = help
        .split("Commands:\n")
        .nth(1)
        .expect("a list of commands")
        .lines()
        .take_while(|line| line.starts_with("  "))
        .filter_map(|line| line.split_whitespace().next())
        .filter(|name| *name != "help")
        .collect();
    assert!(commands.len() >= 6, "{commands:?}");
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README.md");
    let cli = std::fs::read_to_string(root().join("docs/cli.md")).expect("docs/cli.md");
    for name in commands {
        assert!(
            readme.contains(&format!("| `provisio {name}")),
            "the README's table of commands lacks `provisio {name}`"
        );
        assert!(
            cli.contains(&format!("\nprovisio {name} ")),
            "docs/cli.md's synopsis lacks `provisio {name}`"
        );
    }
}

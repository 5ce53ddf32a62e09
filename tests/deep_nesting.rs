//! No input overflows the stack. Every form of the grammar that nests,
//! nested 100,000 deep, is `provisio::too_deep` at the word that crossed the
//! limit, through `provisio check` and through the library on a spawned
//! thread's 2 MiB stack; nested exactly to the limit, it parses and checks on
//! that stack. Long chains of rules are in `long_chains.rs`.

use std::path::PathBuf;

use assert_cmd::Command;
use provisio::span::SourceFile;
use provisio::syntax::limits::MAX_NESTING;

/// How deep the deep forms nest.
const DEEP: usize = 100_000;

/// Declarations the forms refer to, on the lines before the deep one.
const HEADER: &str = "instrument \"Deep\" adopted 2020-01-01\n\
fact xs \"numbers\": list of integer\n\
fact d \"a day\": date\n\
provision p \"P\"\n  text \"t\"\n  parameter a \"a value\": integer from 2020-01-01: 1\n";

/// A form nested `n` deep: `lead`, `open` n times, `core`, `close` n times.
struct Form {
    name: &'static str,
    lead: &'static str,
    open: &'static str,
    core: &'static str,
    close: &'static str,
    /// How many levels each `open` adds.
    levels: usize,
    /// The word of `open` that crosses the limit.
    word: &'static str,
    /// How many levels the rest adds, beside the `open`s.
    extra: usize,
}

const fn form(
    name: &'static str,
    lead: &'static str,
    open: &'static str,
    core: &'static str,
    close: &'static str,
    levels: usize,
    word: &'static str,
) -> Form {
    Form {
        name,
        lead,
        open,
        core,
        close,
        levels,
        word,
        extra: 0,
    }
}

impl Form {
    const fn adding(mut self, extra: usize) -> Self {
        self.extra = extra;
        self
    }
}

const V: &str = "verdict v = ";

/// Every form of the grammar that nests.
const FORMS: &[Form] = &[
    form("parentheses", V, "(", "1", ")", 1, "("),
    form("call", V, "earliest(", "d", ")", 1, "earliest"),
    form(
        "call with arguments",
        V,
        "earliest(d, ",
        "d",
        ")",
        1,
        "earliest",
    ),
    form(
        "if in a condition",
        V,
        "if ",
        "true",
        " then 1 else 2",
        1,
        "if",
    ),
    form(
        "if in a branch",
        V,
        "if true then ",
        "1",
        " else 2",
        1,
        "if",
    ),
    form("else if", V, "if false then 1 else ", "2", "", 1, "if"),
    form("not", V, "not ", "true", "", 1, "not"),
    form("unary minus", V, "-", "1", "", 1, "-"),
    form("plus", "verdict v = 1", " + 1", "", "", 1, "+"),
    form("minus", "verdict v = 1", " - 1", "", "", 1, "-"),
    form("times", "verdict v = 1", " * 1", "", "", 1, "*"),
    form("divided by", "verdict v = 1", " / 1", "", "", 1, "/"),
    form("of", "verdict v = 1", " of 1", "", "", 1, "of"),
    form("less than", "verdict v = 1", " < 1", "", "", 1, "<"),
    form("greater than", "verdict v = 1", " > 1", "", "", 1, ">"),
    form("at most", "verdict v = 1", " <= 1", "", "", 1, "<="),
    form("at least", "verdict v = 1", " >= 1", "", "", 1, ">="),
    form("equals", "verdict v = 1", " = 1", "", "", 1, "="),
    form("differs", "verdict v = 1", " != 1", "", "", 1, "!="),
    form("is", "verdict v = 1", " is 1", "", "", 1, "is"),
    form("is not", "verdict v = 1", " is not 1", "", "", 2, "is"),
    form("is in", "verdict v = 1", " is in xs", "", "", 1, "is"),
    form(
        "is not in",
        "verdict v = 1",
        " is not in xs",
        "",
        "",
        2,
        "is",
    ),
    form("before", "verdict v = d", " before d", "", "", 1, "before"),
    form("after", "verdict v = d", " after d", "", "", 1, "after"),
    form(
        "on or before",
        "verdict v = d",
        " on or before d",
        "",
        "",
        1,
        "on",
    ),
    form(
        "on or after",
        "verdict v = d",
        " on or after d",
        "",
        "",
        1,
        "on",
    ),
    form(
        "is one of",
        "verdict v = d",
        " is one of x, y",
        "",
        "",
        1,
        "is",
    ),
    form(
        "is not one of",
        "verdict v = d",
        " is not one of x, y",
        "",
        "",
        2,
        "is",
    ),
    form("count", V, "count x in ", "xs", "", 1, "count"),
    form(
        "count where",
        V,
        "count x in xs where ",
        "true",
        "",
        1,
        "count",
    ),
    form("sum", V, "sum ", "1", " for x in xs", 1, "sum"),
    form("sum over a list", V, "sum 1 for x in ", "xs", "", 1, "sum"),
    form(
        "min where",
        V,
        "min 1 for x in xs where ",
        "true",
        "",
        1,
        "min",
    ),
    form("max", V, "max ", "1", " for x in xs", 1, "max"),
    form("any", V, "any x in xs satisfies ", "true", "", 1, "any"),
    form(
        "every",
        V,
        "every x in ",
        "xs",
        " satisfies true",
        1,
        "every",
    ),
    form("all", V, "all x in xs satisfy ", "true", "", 1, "all"),
    form(
        "overlap, last date",
        V,
        "days from d to d within d to ",
        "d",
        "",
        1,
        "days",
    ),
    form(
        "overlap, first date",
        V,
        "days from ",
        "d",
        " to d within d to d",
        1,
        "days",
    ),
    form(
        "marginal rates, threshold",
        V,
        "marginal rates over ",
        "1",
        ": 10% end",
        1,
        "marginal",
    ),
    form(
        "marginal rates, rate",
        V,
        "marginal rates over 0: ",
        "10%",
        " end",
        1,
        "marginal",
    ),
    form(
        "bracket table",
        V,
        "bracket table over 0: 0 plus ",
        "1%",
        " end",
        1,
        "bracket",
    ),
    form("as of", V, "p.a as of ", "d", "", 1, "as"),
    form(
        "duration rounded",
        "verdict v = d",
        " + 1 month rounded up",
        "",
        "",
        2,
        "+",
    ),
    form(
        "rounding clause",
        V,
        "(",
        "1 rounded half up to the cent",
        ")",
        1,
        "(",
    )
    .adding(1),
    form(
        "record",
        "fact f: ",
        "record a: ",
        "integer",
        " end",
        1,
        "record",
    ),
    form("list of", "fact f: ", "list of ", "integer", "", 1, "list"),
    form(
        "optional",
        "fact f: ",
        "optional record a: ",
        "integer",
        " end",
        2,
        "optional",
    ),
    form(
        "type of a definition",
        "  define x: ",
        "list of ",
        "integer = xs",
        "",
        1,
        "list",
    ),
];

impl Form {
    /// The policy with the form nested `n` deep on its last line.
    fn policy(&self, n: usize) -> String {
        format!(
            "{HEADER}{}{}{}{}\n",
            self.lead,
            self.open.repeat(n),
            self.core,
            self.close.repeat(n)
        )
    }

    /// Where the limit is crossed: (line, column, byte offset).
    fn crossing(&self) -> (usize, usize, usize) {
        // The first `open` whose levels go past the limit.
        let index = MAX_NESTING / self.levels;
        let within = self.open.find(self.word).unwrap_or(0);
        let column = self.lead.len() + index * self.open.len() + within;
        let line = HEADER.lines().count() + 1;
        (line, column + 1, HEADER.len() + column)
    }

    /// The deepest nesting under the limit.
    fn at_the_limit(&self) -> String {
        self.policy((MAX_NESTING - self.extra) / self.levels)
    }
}

/// Runs `f` on a spawned thread with a 2 MiB stack, as the batch's workers have.
fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(f)
        .expect("a thread")
        .join()
        .expect("no overflow")
}

fn temp_file(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("provisio-deep-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    let path = dir.join(name);
    std::fs::write(&path, text).expect("written");
    path
}

/// The first problem's code and where it starts, through the library.
fn first_problem(policy: String) -> Option<(&'static str, Option<usize>)> {
    on_small_stack(move || {
        let source = SourceFile::new("deep.policy", policy);
        provisio::check::check_source(&source)
            .err()
            .and_then(|problems| {
                problems
                    .items
                    .first()
                    .map(|p| (p.code, p.span().map(|s| s.start)))
            })
    })
}

#[test]
fn every_form_nested_100_000_deep_is_too_deep_through_check() {
    for (i, form) in FORMS.iter().enumerate() {
        let (line, column, _) = form.crossing();
        let path = temp_file(&format!("form{i}.policy"), &form.policy(DEEP));
        let output = Command::cargo_bin("provisio")
            .expect("the binary")
            .arg("check")
            .arg(&path)
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{}: {stderr}", form.name);
        assert!(
            stderr.contains("provisio::too_deep")
                && stderr.contains(&format!("form{i}.policy:{line}:{column}"))
                && stderr.contains("help: split the expression into several `define`s"),
            "{}: expected too_deep at {line}:{column}, got {stderr}",
            form.name
        );
    }
}

#[test]
fn every_form_nested_100_000_deep_is_too_deep_through_the_library_on_a_small_stack() {
    for form in FORMS {
        let (_, _, offset) = form.crossing();
        assert_eq!(
            first_problem(form.policy(DEEP)),
            Some(("provisio::too_deep", Some(offset))),
            "{}",
            form.name
        );
    }
}

#[test]
fn every_form_nested_to_the_limit_parses_and_checks_on_a_small_stack() {
    for form in FORMS {
        let problem = first_problem(form.at_the_limit());
        assert_ne!(
            problem.map(|p| p.0),
            Some("provisio::too_deep"),
            "{}",
            form.name
        );
        assert_ne!(
            problem.map(|p| p.0),
            Some("provisio::syntax"),
            "{}",
            form.name
        );
    }
}

/// Forms nested to the limit that check: evaluated, explained in full and
/// rendered in every format on a 2 MiB stack.
#[test]
fn forms_nested_to_the_limit_evaluate_explain_and_render_on_a_small_stack() {
    let cases: [(&str, &str); 5] = [
        ("parentheses", "1"),
        ("not", "true"),
        ("else if", "2"),
        ("plus", "65"),
        ("if in a branch", "1"),
    ];
    for (name, expected) in cases {
        let form = FORMS.iter().find(|f| f.name == name).expect("a form");
        let policy = form.at_the_limit();
        let shown = on_small_stack(move || {
            let source = SourceFile::new("deep.policy", policy);
            let checked = provisio::check::check_source(&source).map_err(|p| format!("{p:?}"))?;
            let model = &checked.model;
            let facts = provisio::facts::parse_facts_text(
                model,
                "facts",
                r#"{"xs": [1], "d": "2020-01-01"}"#,
                provisio::facts::FactsFormat::Json,
            )
            .map_err(|e| e.to_string())?;
            let as_of = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).expect("a date");
            let evaluation = provisio::eval::evaluate(
                model,
                &facts,
                as_of,
                provisio::eval::AsOfSource::Given,
                &provisio::eval::Readings::defaults(model),
            )
            .map_err(|e| format!("{e:?}"))?;
            let options = provisio::render::Options {
                detail: provisio::explain::Detail::Full,
                color: false,
                lang: Default::default(),
            };
            provisio::render::text::render(model, &evaluation, &options);
            provisio::render::json::render(model, &evaluation, &options);
            provisio::render::markdown::render(model, &evaluation, &options);
            let outcome = evaluation.verdicts.first().ok_or("no verdict")?;
            Ok::<String, String>(model.format_value(&outcome.value))
        });
        assert_eq!(shown, Ok(String::from(expected)), "{name}");
    }
}

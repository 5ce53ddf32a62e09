//! Exactness of evaluation, by brute force: random policies in the fragment
//! exact reasoning decides (dates, whole numbers and an enumeration
//! compared with constants and with each other, days added, `earliest`,
//! `latest`, `if`, definitions with exceptions to exceptions, provisions in
//! force over a period, an `or none` date tested with `is none` and
//! `is not none` and used with `or else`) and random partial facts, written
//! as a facts file (known, unknown, a range, one of several values,
//! `"none"`). Every completion of the partial facts over a window of
//! representative values (every constant of the policy, the days either
//! side, and the values between, and none for `e` left unknown) is
//! evaluated, and for each verdict:
//! (a) determined with the partial facts ⇒ every completion gives that value;
//! (b) every completion gives the same value ⇒ determined, with that value;
//! and the verdict is marked exact.

use chrono::NaiveDate;
use proptest::prelude::*;
use provisio::eval::{AsOfSource, Evaluator, Input, NoTrace, Readings, evaluate};
use provisio::facts::{Facts, FactsFormat, parse_facts_text};
use provisio::model::Model;
use provisio::span::SourceFile;
use provisio::value::Value;
use rust_decimal::Decimal;

/// The first day of the window dates are drawn from; constants lie within
/// [`BASE`, `BASE` + 10], completions within [`BASE` - 8, `BASE` + 18].
const BASE: (i32, u32, u32) = (2024, 3, 25);
const SPAN: i64 = 10;
const MARGIN: i64 = 8;

fn base() -> NaiveDate {
    NaiveDate::from_ymd_opt(BASE.0, BASE.1, BASE.2).expect("a date")
}

fn date(offset: i64) -> NaiveDate {
    base() + chrono::Duration::days(offset)
}

fn date_text(offset: i64) -> String {
    date(offset).format("%Y-%m-%d").to_string()
}

/// A small deterministic generator, so that one seed gives one policy.
struct Gen(u64, bool);

impl Gen {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }

    fn date_term(&mut self, depth: u32) -> String {
        let choice = if depth == 0 {
            self.below(4)
        } else {
            self.below(8)
        };
        match choice {
            0 | 1 => String::from(self.pick(&["d1", "d2"])),
            2 => date_text(self.below(SPAN as u64 + 1) as i64),
            3 => {
                let fact = self.pick(&["d1", "d2"]);
                match self.below(5) as i64 - 2 {
                    n if n < 0 => format!("{fact} - {} days", -n),
                    n => format!("{fact} + {n} days"),
                }
            }
            4 => format!(
                "earliest({}, {})",
                self.date_term(depth - 1),
                self.date_term(depth - 1)
            ),
            5 => format!(
                "latest({}, {})",
                self.date_term(depth - 1),
                self.date_term(depth - 1)
            ),
            6 => format!(
                "(if {} then {} else {})",
                self.condition(depth - 1),
                self.date_term(depth - 1),
                self.date_term(depth - 1)
            ),
            _ if self.1 && self.below(2) == 0 => String::from("p1.pivot"),
            _ => format!("(e or else {})", self.date_term(depth - 1)),
        }
    }

    fn atom(&mut self, depth: u32) -> String {
        match self.below(6) {
            5 => String::from(self.pick(&["(e is none)", "(e is not none)"])),
            0 | 1 => {
                let op = self.pick(&[
                    "before",
                    "after",
                    "on or before",
                    "on or after",
                    "is",
                    "is not",
                ]);
                format!("({} {op} {})", self.date_term(depth), self.date_term(depth))
            }
            2 => {
                let op = self.pick(&["<", "<=", ">", ">=", "is"]);
                let left = self.pick(&["n", "n + 2", "n - 1"]);
                format!("({left} {op} {})", self.below(10))
            }
            3 => format!("(k is {})", self.pick(&["a", "b", "c"])),
            _ => format!("(k is one of {})", self.pick(&["a, b", "b, c", "a, c"])),
        }
    }

    fn condition(&mut self, depth: u32) -> String {
        if depth == 0 {
            return self.atom(0);
        }
        match self.below(5) {
            0 => format!(
                "({} and {})",
                self.condition(depth - 1),
                self.condition(depth - 1)
            ),
            1 => format!(
                "({} or {})",
                self.condition(depth - 1),
                self.condition(depth - 1)
            ),
            2 => format!("(not {})", self.condition(depth - 1)),
            _ => self.atom(depth),
        }
    }

    fn policy(&mut self) -> String {
        let mut text = String::from(
            "instrument \"A generated rule\" adopted 2020-01-01\n\
             fact d1 \"a first day\": optional date\n\
             fact d2 \"a second day\": optional date\n\
             fact n \"a count\": optional integer\n\
             fact k \"a kind\": optional one of a, b, c\n\
             fact e \"an extension\": optional date or none\n\n\
             provision p1 \"Rules\"\n  text \"Rules.\"\n",
        );
        text.push_str(&format!("  define pivot: date = {}\n", self.date_term(1)));
        // Later rules may use it.
        self.1 = true;
        text.push_str(&format!("  define holds = {}\n", self.condition(2)));
        text.push_str(&format!("  define day: date = {}\n", self.date_term(2)));
        text.push_str(&format!(
            "  exception first to day when {} then {}\n",
            self.condition(1),
            self.date_term(1)
        ));
        text.push_str(&format!(
            "  exception second to first when {} then {}\n",
            self.condition(1),
            self.date_term(1)
        ));
        if self.below(2) == 0 {
            text.push_str(&format!(
                "  exception third to day when {} then {}\n",
                self.condition(1),
                self.date_term(1)
            ));
        }
        text.push_str(&format!(
            "  define late = as_of after {}\n",
            self.date_term(1)
        ));
        text.push_str("\nprovision p2 \"A period\"\n  text \"For a while.\"\n");
        text.push_str(&format!(
            "  in force from {} until {} inclusive\n",
            self.date_term(0),
            self.date_term(1)
        ));
        text.push_str(&format!("  define also = {}\n", self.condition(1)));
        text.push_str(
            "\nverdict holds = p1.holds\n  says \"{It holds|It does not hold|It may hold}.\"\n\
             verdict day = p1.day\n  says \"The day is {p1.day}.\"\n\
             verdict late = p1.late\n  says \"{Late|Not late|Maybe late}.\"\n\
             verdict also = p2.also\n  says \"{Also|Not also|Maybe also}.\"\n",
        );
        text
    }

    /// A partial value of a fact as a facts file writes it: known, a range,
    /// one of several, none, or `None` when the fact is left out (unknown).
    fn partial(&mut self, fact: usize, unknowns: &mut usize) -> Option<String> {
        let allow_unknown = *unknowns < 2;
        let kind = if allow_unknown { self.below(4) } else { 0 };
        // None is known.
        if kind > 0 && !(fact == 4 && kind == 3) {
            *unknowns += 1;
        }
        let lo = self.below(SPAN as u64 + 1) as i64;
        let hi = lo + self.below(6) as i64;
        let quoted = |offset| format!("\"{}\"", date_text(offset));
        Some(match (fact, kind) {
            (0 | 1 | 4, 0) => quoted(self.below(SPAN as u64 + 7) as i64 - 3),
            (_, 1) => return None,
            (0 | 1 | 4, 2) => format!("{{\"between\": [{}, {}]}}", quoted(lo), quoted(hi)),
            (0 | 1, _) => format!("{{\"on_or_after\": {}}}", quoted(lo)),
            (4, _) => String::from("\"none\""),
            (2, 0) => (self.below(12) as i64 - 1).to_string(),
            (2, 2) => format!("{{\"at_most\": {hi}}}"),
            (2, _) => format!("{{\"between\": [{}, {hi}]}}", lo - 2),
            (_, 0) => format!("\"{}\"", self.pick(&["a", "b", "c"])),
            (_, _) => format!(
                "{{\"one_of\": [{}]}}",
                self.pick(&["\"a\", \"b\"", "\"b\", \"c\"", "\"a\", \"c\""])
            ),
        })
    }
}

/// Every value a partial fact may take, within the window.
fn completions(model: &Model, fact: usize, partial: &Value) -> Vec<Value> {
    let all: Vec<Value> = match fact {
        0 | 1 => (-MARGIN..=SPAN + MARGIN)
            .map(|o| Value::Date(date(o)))
            .collect(),
        2 => (-MARGIN..=12 + MARGIN)
            .map(|n| Value::Number(Decimal::from(n)))
            .collect(),
        4 => {
            let mut all: Vec<Value> = (-MARGIN..=SPAN + MARGIN)
                .map(|o| Value::Date(date(o)))
                .collect();
            // Unknown with no range: it may be none.
            if *partial == Value::UNKNOWN {
                all.push(Value::None);
            }
            all
        }
        _ => {
            let id = match model.facts[3].field.ty {
                provisio::model::Type::Enum(id) => id,
                _ => panic!("k is an enumeration"),
            };
            (0..3).map(|i| Value::Enum(id, i)).collect()
        }
    };
    match partial {
        Value::Unknown(bounds) => all
            .into_iter()
            .filter(|v| {
                let s = v.scalar();
                let above = bounds.lo.is_none_or(|lo| {
                    s.is_none_or(|s| s.compare(&lo) != Some(std::cmp::Ordering::Less))
                });
                let below = bounds.hi.is_none_or(|hi| {
                    s.is_none_or(|s| s.compare(&hi) != Some(std::cmp::Ordering::Greater))
                });
                above && below
            })
            .collect(),
        Value::Among(options) => options.to_vec(),
        known => vec![known.clone()],
    }
}

/// A verdict's value in one evaluation, or `None` for an evaluation error.
type Outcome = Option<Value>;

fn verdict_values(model: &Model, facts: &Facts, as_of: NaiveDate) -> Vec<Outcome> {
    let readings = Readings::defaults(model);
    let input = Input {
        facts,
        as_of,
        readings: &readings,
    };
    let mut evaluator = Evaluator::new(model);
    (0..model.verdicts.len() as u32)
        .map(|id| {
            evaluator.reset();
            let in_force = evaluator.verdict_in_force(&input, id).ok()?;
            match in_force {
                Value::Bool(false) => Some(Value::Text("not in force".into())),
                Value::Bool(true) => evaluator.verdict(&input, id, &mut NoTrace).ok(),
                _ => Some(Value::UNKNOWN),
            }
        })
        .collect()
}

fn check_seed(seed: u64) -> Result<(), TestCaseError> {
    let mut g = Gen(seed | 1, false);
    let text = g.policy();
    let checked = provisio::check::check_source(&SourceFile::new("generated.policy", text.clone()))
        .map_err(|p| TestCaseError::fail(format!("{text}\ndoes not check: {p:?}")))?;
    let model = checked.model;
    let mut unknowns = 0;
    let names = ["d1", "d2", "n", "k", "e"];
    // `e` first, so that it is unknown, a range or none as often as known.
    let given: Vec<String> = [4, 0, 1, 2, 3]
        .into_iter()
        .filter_map(|fact| {
            g.partial(fact, &mut unknowns)
                .map(|value| format!("\"{}\": {value}", names[fact]))
        })
        .collect();
    let json = format!("{{{}}}", given.join(", "));
    let partial = parse_facts_text(&model, "facts.json", &json, FactsFormat::Json)
        .map_err(|e| TestCaseError::fail(format!("{json}\ndoes not load: {e:?}")))?;
    let as_of = date(g.below(SPAN as u64 + 5) as i64 - 2);
    let readings = Readings::defaults(&model);
    let Ok(evaluation) = evaluate(&model, &partial, as_of, AsOfSource::Given, &readings) else {
        // An error with partial facts: nothing to compare.
        return Ok(());
    };
    let fast = verdict_values(&model, &partial, as_of);
    // Every completion, as the values of the verdicts.
    let choices: Vec<Vec<Value>> = (0..5)
        .map(|f| completions(&model, f, &partial.values[f]))
        .collect();
    let mut seen: Vec<Vec<Outcome>> = vec![Vec::new(); model.verdicts.len()];
    let mut complete = partial.clone();
    // Every combination, like an odometer.
    let mut at = vec![0usize; choices.len()];
    'all: loop {
        complete.values = at
            .iter()
            .zip(&choices)
            .map(|(i, options)| options[*i].clone())
            .collect();
        for (id, value) in verdict_values(&model, &complete, as_of)
            .into_iter()
            .enumerate()
        {
            if !seen[id].contains(&value) {
                seen[id].push(value);
            }
        }
        for (slot, options) in at.iter_mut().zip(&choices) {
            *slot += 1;
            if *slot < options.len() {
                continue 'all;
            }
            *slot = 0;
        }
        break;
    }
    let facts_words = format!("{json} as of {as_of}");
    for (id, outcome) in evaluation.verdicts.iter().enumerate() {
        let name = &model.verdicts[id].name;
        let shown = match outcome.in_force {
            Value::Bool(false) => Value::Text("not in force".into()),
            Value::Bool(true) => outcome.value.clone(),
            _ => Value::UNKNOWN,
        };
        prop_assert_eq!(
            Some(&shown),
            fast[id].as_ref(),
            "{} fast and explained differ",
            name
        );
        prop_assert!(outcome.exact, "{name} not exact\n{text}\n{facts_words}");
        if shown.is_known() {
            prop_assert_eq!(
                &seen[id],
                &vec![Some(shown.clone())],
                "{} determined as {:?} but completions differ\n{}\n{}",
                name,
                shown,
                text,
                facts_words
            );
        } else if let [Some(only)] = seen[id].as_slice() {
            prop_assert!(
                false,
                "{name} undetermined but every completion gives {only:?}\n{text}\n{facts_words}"
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 160, ..ProptestConfig::default() })]

    #[test]
    fn determined_exactly_when_every_completion_agrees(seed in any::<u64>()) {
        check_seed(seed)?;
    }
}

#[test]
fn a_day_on_or_before_one_day_and_after_the_next_is_impossible() {
    // The example of the issue: false, not undetermined.
    let policy = "instrument \"A rule\" adopted 2020-01-01\n\
        fact d \"a day\": optional date\n\
        provision p \"P\"\n  text \"P.\"\n\
        define both = (d on or before 2024-03-31) and (d after 2024-04-01)\n\
        define either = d before 2024-03-31 or d on or after 2024-03-31\n\
        verdict both = p.both\n  says \"{Yes|No|Maybe}.\"\n\
        verdict either = p.either\n  says \"{Yes|No|Maybe}.\"\n";
    let model = provisio::check::check_source(&SourceFile::new("p.policy", policy))
        .expect("checks")
        .model;
    let facts = parse_facts_text(&model, "f.json", "{}", FactsFormat::Json).expect("facts");
    let readings = Readings::defaults(&model);
    let evaluation =
        evaluate(&model, &facts, date(0), AsOfSource::Given, &readings).expect("evaluates");
    let values: Vec<&Value> = evaluation.verdicts.iter().map(|o| &o.value).collect();
    assert_eq!(values, [&Value::Bool(false), &Value::Bool(true)]);
}

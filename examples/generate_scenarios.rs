//! Writes N random scenarios for the bundled decision as JSON Lines, for
//! `provisio batch` and its benchmarks:
//!
//! ```sh
//! cargo run --release --example generate_scenarios -- 1000000 > scenarios.jsonl
//! ```
//!
//! The dates and measures are drawn by a fixed linear congruential generator,
//! so the same N always gives the same file. About one scenario in eight
//! leaves the 14th Session's dates out, and one in eight the measure.

use std::io::{BufWriter, Write};

/// Knuth's MMIX generator: enough spread for test data, and reproducible.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % below.max(1)
    }
}

fn day(base: chrono::NaiveDate, offset: u64) -> String {
    base.checked_add_days(chrono::Days::new(offset))
        .unwrap_or(base)
        .format("%Y-%m-%d")
        .to_string()
}

fn main() -> std::io::Result<()> {
    let count: u64 = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(1000);
    let adoption = chrono::NaiveDate::from_ymd_opt(2024, 3, 2).unwrap_or_default();
    let sessions = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default();
    let kinds = ["customs_duty", "internal_tax"];
    let levies = [
        "electronic_transmission",
        "transmitted_content",
        "physical_goods",
    ];
    let mut random = Lcg(0x5eed);
    let mut out = BufWriter::new(std::io::stdout().lock());
    for _ in 0..count {
        let as_of = day(adoption, random.next(1400));
        let opening = random.next(150);
        let mut line = format!("{{\"as_of\":\"{as_of}\"");
        if random.next(8) != 0 {
            let length = random.next(6);
            line.push_str(&format!(
                ",\"mc14\":{{\"opening\":\"{}\",\"closing\":\"{}\"}}",
                day(sessions, opening),
                day(sessions, opening + length)
            ));
        }
        if random.next(8) != 0 {
            let kind = kinds[random.next(2) as usize];
            let levied_on = levies[random.next(3) as usize];
            line.push_str(&format!(
                ",\"measure\":{{\"kind\":\"{kind}\",\"levied_on\":\"{levied_on}\"}}"
            ));
        }
        line.push('}');
        writeln!(out, "{line}")?;
    }
    out.flush()
}

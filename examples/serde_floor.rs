//! The floor batch evaluation cannot beat: reads JSON Lines, parses each line
//! with serde_json and writes it back out, on one thread, nothing else.
//!
//! ```sh
//! cargo run --release --example serde_floor < scenarios.jsonl > /dev/null
//! ```

use std::io::{BufRead, BufWriter, Write};

fn main() -> std::io::Result<()> {
    let stdin = std::io::stdin().lock();
    let mut out = BufWriter::new(std::io::stdout().lock());
    for line in stdin.lines() {
        let line = line?;
        let value: serde_json::Value =
            serde_json::from_str(&line).unwrap_or(serde_json::Value::Null);
        serde_json::to_writer(&mut out, &value)?;
        out.write_all(b"\n")?;
    }
    out.flush()
}

//! A TOML facts file against every policy of `rules/`: read, validated,
//! evaluated, explained and rendered.
#![no_main]

use libfuzzer_sys::fuzz_target;
use provisio::facts::FactsFormat;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        provisio_fuzz::facts_pipeline(text, FactsFormat::Toml);
    }
});

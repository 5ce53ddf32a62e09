//! A scenario file (JSON, or YAML when it does not start with `{`) through
//! the test runner, against every policy of `rules/`, with every report.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        provisio_fuzz::scenario_pipeline(text);
    }
});

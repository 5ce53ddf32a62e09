//! Policy text through the whole pipeline: parse, check, evaluate with every
//! fact unknown (and with the facts after a `#facts:json|yaml|toml` line, when
//! the input has one), explain, every renderer, a timeline of a week.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        provisio_fuzz::policy_pipeline(text);
    }
});

//! Batch rows in JSON Lines against every policy of `rules/`, written as
//! JSON Lines with explanations and as CSV.
#![no_main]

use libfuzzer_sys::fuzz_target;
use provisio::batch::InputFormat;

fuzz_target!(|data: &[u8]| {
    provisio_fuzz::batch_pipeline(data, InputFormat::JsonLines);
});

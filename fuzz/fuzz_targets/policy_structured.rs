//! Policies built from the grammar's forms by the `arbitrary` crate: every
//! nesting form repeated thousands of levels deep, long chains of
//! definitions, many items. Byte-level mutation rarely reaches inputs this
//! large; here a few bytes of input say "nest this 30,000 times".
//!
//! With `PROVISIO_FUZZ_POLICY_OUT=FILE` in the environment, the policy text
//! of each input run is written to FILE: the way to turn a crash input
//! (bytes that only this target understands) into a `.policy` file for a
//! regression test.
#![no_main]

use libfuzzer_sys::fuzz_target;
use provisio_fuzz::structured::PolicySpec;

fuzz_target!(|spec: PolicySpec| {
    let text = spec.to_text();
    if let Some(path) = std::env::var_os("PROVISIO_FUZZ_POLICY_OUT") {
        let _ = std::fs::write(path, &text);
    }
    provisio_fuzz::policy_pipeline(&text);
});

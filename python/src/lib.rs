//! The native module of the `provisio` Python package: policies loaded and
//! checked, facts evaluated from a dict, and tables of scenarios evaluated
//! over Arrow on every core. The Python package (`python/provisio`) wraps
//! it; its docs are docs/python.md.

// PyO3's macros expand to unsafe code; the crate's own code has none.
#![deny(unsafe_op_in_unsafe_fn)]

mod batch;
mod cells;
mod columns;
mod errors;
mod policy;
mod single;

use pyo3::prelude::*;

// The allocator the CLI uses: each row's facts and values are many small
// allocations, which mimalloc serves faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The native module, `provisio._provisio`.
#[pymodule]
fn _provisio(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add_class::<policy::Policy>()?;
    m.add("PolicyError", py.get_type::<errors::PolicyError>())?;
    m.add("FactsError", py.get_type::<errors::FactsError>())?;
    m.add("ReadingError", py.get_type::<errors::ReadingError>())?;
    m.add("ArgumentError", py.get_type::<errors::ArgumentError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}

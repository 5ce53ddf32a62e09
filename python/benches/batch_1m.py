"""evaluate_batch on N generated scenarios of the bundled decision as an
Arrow table, beside `provisio batch` on the same rows as JSON Lines, both
on every core, runs alternating; the best of each is reported.

Build both optimised first, from the repository's folder:

    cargo build --release --bin provisio --example generate_scenarios
    (cd python && maturin develop --release)   # in the venv that runs this

then: python python/benches/batch_1m.py [--rows 1000000] [--runs 3]
"""

import argparse
import os
import pathlib
import subprocess
import sys
import time

import pyarrow as pa
import pyarrow.json as pajson

import provisio

ROOT = pathlib.Path(__file__).resolve().parents[2]
POLICY = ROOT / "rules" / "wto" / "mc13-ecommerce.policy"
RELEASE = ROOT / "target" / "release"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    work = ROOT / "target" / "bench-python"
    work.mkdir(parents=True, exist_ok=True)
    rows = work / f"scenarios-{args.rows}.jsonl"
    if not rows.exists():
        with open(rows, "wb") as out:
            subprocess.run(
                [str(RELEASE / "examples" / "generate_scenarios"), str(args.rows)],
                stdout=out,
                check=True,
            )

    # The same rows as an Arrow table: dates as date32, records as structs,
    # as an analyst's table holds them.
    def schema(day):
        return pa.schema(
            [
                ("as_of", day),
                ("mc14", pa.struct([("opening", day), ("closing", day)])),
                ("measure", pa.struct([("kind", pa.string()), ("levied_on", pa.string())])),
            ]
        )

    table = pajson.read_json(
        rows, parse_options=pajson.ParseOptions(explicit_schema=schema(pa.string()))
    ).cast(schema(pa.date32()))
    assert table.num_rows == args.rows
    policy = provisio.Policy.load(POLICY)

    cli, python = [], []
    for _ in range(args.runs):
        start = time.perf_counter()
        with open(os.devnull, "wb") as sink:
            subprocess.run(
                [
                    str(RELEASE / "provisio"),
                    "batch",
                    str(POLICY),
                    "--scenarios",
                    str(rows),
                    "--at",
                    "2026-01-01",
                ],
                stdout=sink,
                stderr=subprocess.DEVNULL,
                check=True,
            )
        cli.append(time.perf_counter() - start)
        start = time.perf_counter()
        result = policy.evaluate_batch(table, at="2026-01-01")
        python.append(time.perf_counter() - start)
        assert result.num_rows == args.rows
        assert result.column("error").null_count == args.rows
        del result

    best_cli, best_python = min(cli), min(python)
    print(f"rows: {args.rows:,}, cores: {os.cpu_count()}, runs: {args.runs}")
    print(f"provisio batch (JSON Lines):     {best_cli:.2f} s  ({best_cli / args.rows * 1e6:.2f} µs a row)")
    print(f"evaluate_batch (Arrow table):    {best_python:.2f} s  ({best_python / args.rows * 1e6:.2f} µs a row)")
    print(f"evaluate_batch / provisio batch: {best_python / best_cli:.2f}")
    print("all runs, s: cli " + " ".join(f"{t:.2f}" for t in cli) + "; python " + " ".join(f"{t:.2f}" for t in python))


if __name__ == "__main__":
    sys.exit(main())

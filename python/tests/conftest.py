"""Shared helpers of the Python tests: the repository's paths, the bundled
decision, and the CLI, built once, to compare with."""

import decimal
import json
import pathlib
import subprocess

import pytest

import provisio

ROOT = pathlib.Path(__file__).resolve().parents[2]
DECISION = ROOT / "rules" / "wto" / "mc13-ecommerce.policy"
VERDICTS = [
    "moratorium_in_force",
    "work_programme_active",
    "expiry_date",
    "measure_status",
    "general_council_reviews_required",
]

# A policy with a fact of each kind of number (as tests/exact_numbers.rs).
NUMBERS = """instrument "Exact numbers for tests" adopted 2020-01-01

fact n "a count": integer
fact d "a share": decimal
fact m "an amount": money in EUR

provision s1 "Section 1"
  text "Twice the count, the count less one, the share, and the amount less one euro."
  define twice "twice the count" = n * 2
  define less "the count less one" = n - 1
  define share "the share" = d + 0
  define amount "the amount less one euro" = m - EUR 1

verdict twice = s1.twice
verdict less = s1.less
verdict share = s1.share
verdict amount = s1.amount
"""


@pytest.fixture(scope="session")
def decision():
    """The bundled decision, loaded once."""
    return provisio.Policy.load(DECISION)


@pytest.fixture(scope="session")
def cli():
    """Runs the provisio CLI (built if need be); returns (status, stdout, stderr)."""
    subprocess.run(
        ["cargo", "build", "--quiet", "--bin", "provisio"], cwd=ROOT, check=True
    )
    binary = ROOT / "target" / "debug" / "provisio"

    def run(*args, stdin=None):
        done = subprocess.run(
            [str(binary), *map(str, args)],
            cwd=ROOT,
            input=stdin,
            capture_output=True,
            text=True,
        )
        return done.returncode, done.stdout, done.stderr

    return run


def loads(text):
    """JSON as evaluate returns it: decimals exact."""
    return json.loads(text, parse_float=decimal.Decimal)

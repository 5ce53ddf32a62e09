"""Policy.load, Policy.from_text, their errors, and what a policy tells
about itself."""

import os
import pathlib

import pytest

import provisio
from conftest import DECISION, ROOT, VERDICTS


def test_load_tells_the_title_verdicts_facts_and_readings(decision):
    assert decision.title == "Work Programme on Electronic Commerce: Ministerial Decision"
    assert decision.verdicts == VERDICTS
    assert decision.facts == {"mc14": "a record (an event)", "measure": "a record (measure)"}
    assert decision.readings == {
        "mc14_reference": {"alternatives": ["opening", "closing"], "default": "opening"},
        "expiry_boundary": {"alternatives": ["exclusive", "inclusive"], "default": "exclusive"},
        "scope": {
            "alternatives": ["transmission_and_content", "transmission_only"],
            "default": "transmission_and_content",
        },
    }
    assert decision.path == str(DECISION)
    assert repr(decision) == (
        f"Policy({str(DECISION)!r}: 'Work Programme on Electronic Commerce: Ministerial Decision')"
    )


def test_sources_hold_the_file_and_every_file_it_uses():
    nested = ROOT / "tests" / "fixtures" / "use_policy" / "nested.policy"
    policy = provisio.Policy.load(nested)
    folder = nested.parent
    assert list(policy.sources) == [
        str(folder / "nested.policy"),
        str(folder / "user.policy"),
        str(folder / "base.policy"),
    ]
    for path, text in policy.sources.items():
        assert text == pathlib.Path(path).read_text()


def test_sources_of_one_file_are_that_file(decision):
    assert decision.sources == {str(DECISION): DECISION.read_text()}


def test_from_text_reads_used_files_relative_to_its_path():
    nested = ROOT / "tests" / "fixtures" / "use_policy" / "nested.policy"
    policy = provisio.Policy.from_text(nested.read_text(), str(nested))
    assert policy.verdicts == ["fee"]
    assert policy.symbol == "TOP/3"
    assert len(policy.sources) == 3


def test_from_text_without_a_path_is_named_text():
    policy = provisio.Policy.from_text(DECISION.read_text())
    assert policy.path == "<text>"
    assert policy.verdicts == VERDICTS
    assert list(policy.sources) == [os.path.abspath("<text>")]


def test_a_policy_that_does_not_check_raises_policy_error_with_its_diagnostics():
    text = DECISION.read_text().replace("verdict moratorium_in_force = para5.", "verdict moratorium_in_force = para5x.", 1)
    assert text != DECISION.read_text()
    with pytest.raises(provisio.PolicyError) as raised:
        provisio.Policy.from_text(text, "broken.policy")
    error = raised.value
    assert isinstance(error, ValueError)
    problem = error.problems[0]
    assert problem["code"] == "provisio::undefined_name"
    assert problem["path"] == "broken.policy"
    offset = text.index("para5x.")
    line = text[:offset].count("\n") + 1
    column = offset - text.rfind("\n", 0, offset)
    assert (problem["line"], problem["column"]) == (line, column)
    # The span is in bytes, and the decision's French and Spanish come first.
    assert problem["span"][0] == len(text[:offset].encode("utf-8"))
    assert problem["help"] == "did you mean `para5`?"
    assert problem["severity"] == "error"
    assert str(error) == problem["message"]
    assert "provisio::undefined_name" in error.rendered
    assert "did you mean `para5`?" in error.rendered
    assert "[broken.policy:%d:%d]" % (line, column) in error.rendered
    assert "\x1b[" not in error.rendered


def test_a_missing_file_raises_policy_error_as_the_cli_reports_it(cli):
    with pytest.raises(provisio.PolicyError) as raised:
        provisio.Policy.load("no/such.policy")
    error = raised.value
    assert str(error) == "cannot read policy file `no/such.policy`: No such file or directory (os error 2)"
    assert error.problems == [
        {
            "code": "provisio::read",
            "message": "cannot read policy file `no/such.policy`: No such file or directory (os error 2)",
            "path": None,
            "line": None,
            "column": None,
            "span": None,
            "help": f"check the path; it is read relative to the current folder ({os.getcwd()})",
            "severity": "error",
        }
    ]
    status, _, stderr = cli("check", "no/such.policy")
    assert status == 1
    assert "cannot read policy file `no/such.policy`" in stderr
    assert "provisio::read" in error.rendered


def test_an_empty_policy_raises_policy_error():
    with pytest.raises(provisio.PolicyError) as raised:
        provisio.Policy.from_text("", "empty.policy")
    assert raised.value.problems[0]["code"].startswith("provisio::")


def test_load_takes_a_path_object(decision):
    assert provisio.Policy.load(pathlib.Path(DECISION)).verdicts == decision.verdicts


def test_load_refuses_what_is_no_path():
    with pytest.raises(TypeError):
        provisio.Policy.load(42)

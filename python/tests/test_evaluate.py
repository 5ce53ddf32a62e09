"""Policy.evaluate: the dict `provisio eval --format json` prints, for the
same facts; dates, readings and exact numbers; and every kind of bad input."""

import datetime
import decimal
import json

import pytest

import provisio
from conftest import DECISION, NUMBERS, loads

FACTS = [
    {"as_of": "2026-03-28", "mc14": {"opening": "2026-03-26", "closing": "2026-03-30"}},
    {"as_of": "2026-03-15"},
    {
        "as_of": "2026-04-01",
        "measure": {"kind": "customs_duty", "levied_on": "electronic_transmission"},
    },
    {"as_of": "2024-01-01", "mc14": None},
    {},
]


def cli_eval(cli, tmp_path, facts, *extra):
    path = tmp_path / "facts.json"
    path.write_text(json.dumps(facts))
    status, stdout, stderr = cli("eval", DECISION, "--facts", path, "--format", "json", *extra)
    assert status == 0, stderr
    return loads(stdout)


@pytest.mark.parametrize("facts", FACTS[:4])
def test_evaluate_gives_what_eval_prints(decision, cli, tmp_path, facts):
    assert decision.evaluate(facts) == cli_eval(cli, tmp_path, facts, "--explain", "none")


@pytest.mark.parametrize("facts", FACTS[:3])
def test_explain_gives_the_explanations_eval_prints(decision, cli, tmp_path, facts):
    assert decision.evaluate(facts, explain=True) == cli_eval(cli, tmp_path, facts)


def test_at_overrides_as_of_as_eval_at_does(decision, cli, tmp_path):
    facts = FACTS[0]
    expected = cli_eval(cli, tmp_path, facts, "--explain", "none", "--at", "2026-03-20")
    assert decision.evaluate(facts, at="2026-03-20") == expected
    assert decision.evaluate(facts, at=datetime.date(2026, 3, 20)) == expected
    assert expected["as_of"] == "2026-03-20"
    assert expected["verdicts"]["moratorium_in_force"]["value"] is True


def test_without_a_date_it_is_today(decision):
    assert decision.evaluate({})["as_of"] == datetime.date.today().isoformat()
    assert decision.evaluate(None)["as_of"] == datetime.date.today().isoformat()


def test_values_statuses_and_sentences(decision):
    result = decision.evaluate(FACTS[0])
    assert result["as_of"] == "2026-03-28"
    assert result["readings"] == {
        "mc14_reference": "opening",
        "expiry_boundary": "exclusive",
        "scope": "transmission_and_content",
    }
    verdicts = result["verdicts"]
    assert {name: v["value"] for name, v in verdicts.items()} == {
        "moratorium_in_force": False,
        "work_programme_active": False,
        "expiry_date": "2026-03-26",
        "measure_status": None,
        "general_council_reviews_required": False,
    }
    assert verdicts["measure_status"]["status"] == "undetermined"
    assert verdicts["measure_status"]["depends_on"] == ["measure.kind", "measure.levied_on"]
    assert verdicts["expiry_date"]["sentence"] == (
        "The moratorium and the Work Programme expire on 26 March 2026."
    )
    assert decision.evaluate({"as_of": "2024-01-01"})["verdicts"]["moratorium_in_force"][
        "status"
    ] == "not_in_force"


def test_dates_may_be_datetime_dates(decision):
    facts = {
        "as_of": datetime.date(2026, 3, 28),
        "mc14": {"opening": datetime.date(2026, 3, 26), "closing": datetime.date(2026, 3, 30)},
    }
    assert decision.evaluate(facts) == decision.evaluate(FACTS[0])


def test_readings_choose_an_alternative(decision, cli, tmp_path):
    result = decision.evaluate(FACTS[0], readings={"mc14_reference": "closing"})
    assert result["readings"]["mc14_reference"] == "closing"
    assert result["verdicts"]["expiry_date"]["value"] == "2026-03-30"
    assert result == cli_eval(
        cli, tmp_path, FACTS[0], "--explain", "none", "--reading", "mc14_reference=closing"
    )


def test_a_bad_alternative_raises_reading_error_with_the_nearest_name(decision):
    with pytest.raises(provisio.ReadingError) as raised:
        decision.evaluate(FACTS[0], readings={"mc14_reference": "closin"})
    error = raised.value
    assert isinstance(error, ValueError)
    assert str(error) == (
        "reading `mc14_reference` has no alternative `closin`; its alternatives are opening, closing"
    )
    problem = error.problems[0]
    assert problem["help"] == "did you mean `closing`?"
    assert problem["path"] == "--reading"
    assert "did you mean `closing`?" in error.rendered


def test_a_bad_reading_name_raises_reading_error(decision):
    with pytest.raises(provisio.ReadingError) as raised:
        decision.evaluate(FACTS[0], readings={"mc14_referense": "closing"})
    assert "did you mean `mc14_reference`?" in raised.value.problems[0]["help"]


def test_readings_must_be_a_dict_of_strings(decision):
    with pytest.raises(TypeError):
        decision.evaluate(FACTS[0], readings=["mc14_reference"])
    with pytest.raises(TypeError):
        decision.evaluate(FACTS[0], readings={"mc14_reference": 1})


def test_bad_facts_raise_facts_error_with_every_problem(decision):
    facts = {"as_of": "31/03/2026", "measure": {"kind": "customs_dutty", "levied_on": "physical_goods"}}
    with pytest.raises(provisio.FactsError) as raised:
        decision.evaluate(facts)
    error = raised.value
    assert isinstance(error, ValueError)
    assert str(error) == "2 problems in facts file `<facts>`"
    assert [(p["code"], p["message"]) for p in error.problems] == [
        (
            "provisio::date_form",
            "as_of: `31/03/2026` is not a date: a date is written with a four-digit year, "
            "a two-digit month and a two-digit day",
        ),
        (
            "provisio::facts::not_in_enum",
            "measure.kind: `customs_dutty` is not one of customs_duty, internal_tax",
        ),
    ]
    first = error.problems[0]
    assert (first["path"], first["line"], first["column"]) == ("<facts>", 1, 10)
    assert first["span"] == (9, 21)
    assert "did you mean `customs_duty`?" in error.problems[1]["help"]
    assert "provisio::facts::not_in_enum" in error.rendered


def test_an_unknown_fact_is_a_facts_error_with_did_you_mean(decision):
    with pytest.raises(provisio.FactsError) as raised:
        decision.evaluate({"mc41": {}})
    problem = raised.value.problems[0]
    assert problem["message"] == "unknown fact `mc41`"
    assert problem["help"] == "did you mean `mc14`?"


def test_a_value_no_fact_takes_is_a_facts_error(decision):
    with pytest.raises(provisio.FactsError) as raised:
        decision.evaluate({"mc14": {1, 2}})
    assert str(raised.value).startswith("a set ({1, 2}) cannot be a fact's value")
    with pytest.raises(provisio.FactsError) as raised:
        decision.evaluate({"mc14": float("nan")})
    assert str(raised.value) == "NaN is not a number a fact can hold"
    with pytest.raises(provisio.FactsError) as raised:
        decision.evaluate({1: "x"})
    assert str(raised.value) == "the key 1 is not a string; facts are named by strings"


def test_facts_that_hold_themselves_are_refused_not_followed(decision):
    loop = []
    loop.append(loop)
    with pytest.raises(provisio.FactsError) as raised:
        decision.evaluate({"mc14": loop})
    assert str(raised.value) == "the facts nest deeper than 256 levels"


def test_facts_must_be_a_dict(decision):
    with pytest.raises(TypeError):
        decision.evaluate("mc14")


def test_a_bad_date_raises_argument_error(decision):
    with pytest.raises(provisio.ArgumentError) as raised:
        decision.evaluate(FACTS[0], at="28/03/2026")
    problem = raised.value.problems[0]
    assert problem["code"] == "provisio::date_form"
    assert problem["message"].startswith("`28/03/2026` is not a date")
    assert problem["path"] == "at"
    with pytest.raises(TypeError):
        decision.evaluate(FACTS[0], at=20260328)
    with pytest.raises(TypeError):
        decision.evaluate(FACTS[0], at=datetime.datetime(2026, 3, 28))


def test_numbers_are_read_and_given_exactly():
    policy = provisio.Policy.from_text(NUMBERS, "exact.policy")
    result = policy.evaluate(
        {
            "n": 18446744073709551616,
            "d": decimal.Decimal("0.1234567890123456789012345678"),
            "m": "EUR 12.50",
        },
        at="2026-01-01",
    )
    values = {name: v["value"] for name, v in result["verdicts"].items()}
    assert values == {
        "twice": 36893488147419103232,
        "less": 18446744073709551615,
        "share": decimal.Decimal("0.1234567890123456789012345678"),
        "amount": "EUR 11.50",
    }
    assert policy.evaluate({"n": 1, "d": 0.1, "m": "EUR 1"}, at="2026-01-01")["verdicts"]["share"]["value"] == (
        decimal.Decimal("0.1")
    )


def test_a_number_too_large_is_refused_not_rounded():
    policy = provisio.Policy.from_text(NUMBERS, "exact.policy")
    with pytest.raises(provisio.FactsError) as raised:
        policy.evaluate(
            {"n": 79228162514264337593543950336, "d": 1, "m": "EUR 1"}, at="2026-01-01"
        )
    assert raised.value.problems == [
        {
            "code": "provisio::facts::wrong_type",
            "message": "n: expected a whole number, found 79228162514264337593543950336 "
            "(too large for an exact number)",
            "path": "<facts>",
            "line": 1,
            "column": 6,
            "span": (5, 34),
            "help": "exact numbers have at most 29 digits; the largest is "
            "79228162514264337593543950335",
            "severity": "error",
        }
    ]

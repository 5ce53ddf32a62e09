"""The examples of docs/python.md, run in order as a notebook would run them
(doctest: each output as printed), from the repository's folder. The Spark
section has its own test."""

import doctest
import os
import re

from conftest import ROOT

PAGE = ROOT / "docs" / "python.md"


def examples():
    """The ```python blocks of the page before its Spark section."""
    text = PAGE.read_text().split("\n## Spark", 1)[0]
    return re.findall(r"```python\n(.*?)```", text, re.S)


def test_the_page_has_examples():
    assert len(examples()) >= 8


def test_every_example_of_the_page_gives_what_it_shows(monkeypatch):
    monkeypatch.chdir(ROOT)
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
    namespace = {}
    for number, block in enumerate(examples(), 1):
        test = parser.get_doctest(block, namespace, f"docs/python.md example {number}", str(PAGE), 0)
        runner.run(test, clear_globs=False)
        # A doctest runs in a copy of the names it is given: carry them on.
        namespace = test.globs
    results = runner.summarize(verbose=False)
    assert results.attempted > 20
    assert results.failed == 0

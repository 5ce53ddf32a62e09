"""provisio: legal provisions as code, evaluated from Python.

Load a policy once with :meth:`Policy.load`, then evaluate a dict of facts
with :meth:`Policy.evaluate` (the dict ``provisio eval --format json``
prints) or a whole table of scenarios with :meth:`Policy.evaluate_batch`
(a pyarrow Table or RecordBatch, a pandas or a polars DataFrame in; the
same kind out, with a value and a status column per verdict). See
docs/python.md.
"""

from __future__ import annotations

import datetime as _datetime
import decimal as _decimal
import json as _json
import os
from typing import Any, Dict, List, Mapping, Optional, Sequence, Union

from . import _provisio
from ._provisio import ArgumentError, FactsError, PolicyError, ReadingError

__all__ = [
    "ArgumentError",
    "FactsError",
    "Policy",
    "PolicyError",
    "ReadingError",
    "__version__",
]

__version__: str = _provisio.__version__

DateLike = Union[_datetime.date, str, None]


def _readings(readings: Optional[Mapping[str, str]]) -> Optional[Dict[str, str]]:
    if readings is None:
        return None
    if not isinstance(readings, Mapping):
        raise TypeError(
            f"readings must be a dict of reading name to alternative, not {type(readings).__name__}"
        )
    return dict(readings)


class Policy:
    """A checked policy, ready to evaluate facts against.

    Load one with :meth:`Policy.load` or :meth:`Policy.from_text`; a policy
    that cannot be read or does not check raises :class:`PolicyError`.
    """

    __slots__ = ("_native",)

    def __init__(self, native: _provisio.Policy) -> None:
        """Wraps a native policy; use :meth:`load` or :meth:`from_text`."""
        self._native = native

    @classmethod
    def load(cls, path: Union[str, "os.PathLike[str]"]) -> "Policy":
        """Loads and checks the policy file at ``path``.

        Raises :class:`PolicyError` when the file cannot be read or does not
        check, with ``.rendered`` (the diagnostics as ``provisio check``
        prints them) and ``.problems`` (each one's ``code``, ``message``,
        ``path``, ``line``, ``column``, ``span``, ``help``).
        """
        return cls(_provisio.Policy.load(path))

    @classmethod
    def from_text(cls, text: str, path: str = "<text>") -> "Policy":
        """Checks a policy given as text.

        ``path`` names it in diagnostics; the files it ``use``\\ s or
        ``amends`` are read relative to its folder. Raises
        :class:`PolicyError` as :meth:`load` does.
        """
        return cls(_provisio.Policy.from_text(text, path))

    @property
    def path(self) -> str:
        """The path the policy was loaded from, as given."""
        return self._native.path

    @property
    def sources(self) -> Dict[str, str]:
        """The text of every file the policy was built from, by absolute path.

        The file itself first, then the files it ``use``\\ s or ``amends``,
        recursively, each once: enough to check the same policy elsewhere,
        such as on a Spark executor.
        """
        return self._native.sources

    @property
    def title(self) -> str:
        """The instrument's title."""
        return self._native.title

    @property
    def symbol(self) -> Optional[str]:
        """The instrument's symbol, or None."""
        return self._native.symbol

    @property
    def verdicts(self) -> List[str]:
        """The verdicts' names, in the policy's order."""
        return self._native.verdicts

    @property
    def facts(self) -> Dict[str, str]:
        """The facts by name, each with its type as the policy writes it."""
        return self._native.facts

    @property
    def readings(self) -> Dict[str, Dict[str, Any]]:
        """The readings by name: each one's ``alternatives`` and ``default``."""
        return self._native.readings

    def evaluate(
        self,
        facts: Optional[Mapping[str, Any]] = None,
        at: DateLike = None,
        readings: Optional[Mapping[str, str]] = None,
        explain: bool = False,
    ) -> Dict[str, Any]:
        """Evaluates one set of facts; returns what ``provisio eval --format json`` prints.

        ``facts`` is a dict as a JSON facts file holds them: facts by name,
        records as dicts, lists as lists, dates as ``datetime.date`` or
        ``"YYYY-MM-DD"``, numbers as ``int``, ``float`` or
        ``decimal.Decimal`` (read exactly), ``None`` or a missing key for an
        unknown fact. ``at`` (a ``datetime.date`` or ``"YYYY-MM-DD"``)
        overrides the facts' ``as_of``, as ``eval --at`` does; without
        either, today. ``readings`` chooses alternatives by name. With
        ``explain``, each verdict carries its ``explanation`` (decisive
        steps), as ``eval`` prints it by default.

        In the result, whole numbers are ``int`` and decimals
        ``decimal.Decimal``, exactly. Raises :class:`FactsError` for facts
        that do not fit the policy (or break one of its assumptions),
        :class:`ReadingError` for a reading or alternative it lacks,
        :class:`ArgumentError` for a bad ``at``, ``TypeError`` for a value
        of a type no fact takes.
        """
        if facts is not None and not isinstance(facts, dict):
            if isinstance(facts, Mapping):
                facts = dict(facts)
            else:
                raise TypeError(f"facts must be a dict, not {type(facts).__name__}")
        text = self._native._evaluate_json(facts, at, _readings(readings), bool(explain))
        return _json.loads(text, parse_float=_decimal.Decimal)

    def evaluate_batch(
        self,
        data: Any,
        at: DateLike = None,
        readings: Optional[Mapping[str, str]] = None,
        keep: Optional[Sequence[str]] = None,
        keep_all_unknown: bool = False,
    ) -> Any:
        """Evaluates every row of a table of scenarios, on every core.

        ``data`` is a pyarrow Table or RecordBatch, a pandas DataFrame or a
        polars DataFrame whose columns are fact paths (``mc14.opening``) or
        facts whose cells are structs (``mc14`` with fields ``opening`` and
        ``closing``), with optional ``as_of`` (the row's date) and
        ``reading.NAME`` (the row's alternative of a reading, over
        ``readings``) columns. A null cell is an unknown fact. ``at`` is the
        date of rows without ``as_of`` (default: today).

        Returns the same kind, row for row in input order: the ``keep``
        columns (copied unchanged; ``keep_all_unknown`` keeps every column
        that is not a fact), ``error`` (null, or why the row could not be
        evaluated, as ``provisio batch`` says it), ``as_of``,
        ``reading.NAME`` for each reading, and for each verdict its value
        ``NAME`` (bool, date, or text for every other type, numbers with
        every digit) and ``NAME.status`` (``determined``,
        ``undetermined``, ``not_in_force`` or ``error``).

        A bad cell makes its row an error row; a column that is not a fact,
        ``as_of``, ``reading.NAME`` nor kept raises :class:`ArgumentError`
        with the nearest fact's name, as does a ``keep`` column the data
        lack. Data of another kind raise ``TypeError``.
        """
        kind, table = _to_arrow(data)
        keep_list = None if keep is None else [str(k) for k in keep]
        if isinstance(keep, str):
            raise TypeError("keep must be a list of column names, not a string")
        result = self._native._evaluate_arrow(
            table, at, _readings(readings), keep_list, bool(keep_all_unknown)
        )
        return _from_arrow(kind, result, data)

    def __repr__(self) -> str:
        return f"Policy({self.path!r}: {self.title!r})"


def _to_arrow(data: Any):
    """The kind of ``data`` and the pyarrow Table it holds."""
    module = type(data).__module__ or ""
    name = type(data).__name__
    if module.startswith("pyarrow") and name in ("Table", "RecordBatch"):
        import pyarrow as pa

        if name == "RecordBatch":
            return "record_batch", pa.Table.from_batches([data])
        return "table", data
    if module.startswith("pandas") and name == "DataFrame":
        import pyarrow as pa

        return "pandas", pa.Table.from_pandas(data, preserve_index=False)
    if module.startswith("polars") and name == "DataFrame":
        return "polars", data.to_arrow()
    raise TypeError(
        "evaluate_batch takes a pyarrow Table or RecordBatch, a pandas DataFrame "
        f"or a polars DataFrame, not {module}.{name}"
    )


def _from_arrow(kind: str, table: Any, data: Any) -> Any:
    """``table`` as the kind of data it came from."""
    if kind == "table":
        return table
    if kind == "record_batch":
        import pyarrow as pa

        batches = table.combine_chunks().to_batches()
        if batches:
            return batches[0]
        return pa.RecordBatch.from_pylist([], schema=table.schema)
    if kind == "pandas":
        frame = table.to_pandas()
        frame.index = data.index
        return frame
    import polars as pl

    return pl.from_arrow(table)


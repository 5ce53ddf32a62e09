"""The native module of the provisio package (built from python/src with
PyO3). Use the package's `provisio.Policy`, which wraps this one."""

import os
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple, TypedDict, Union

__version__: str

class Problem(TypedDict):
    """One problem of an exception's `.problems`."""

    code: str
    message: str
    path: Optional[str]
    line: Optional[int]
    column: Optional[int]
    span: Optional[Tuple[int, int]]
    help: Optional[str]
    severity: str

class PolicyError(ValueError):
    """A policy that cannot be read or does not check; `.rendered` holds the diagnostics, `.problems` each one's code, message, path, line, column, span and help."""

    rendered: str
    problems: List[Problem]

class FactsError(ValueError):
    """Facts that do not fit the policy; `.rendered` holds the diagnostics, `.problems` each one's code, message, path, line, column, span and help."""

    rendered: str
    problems: List[Problem]

class ReadingError(ValueError):
    """A reading or an alternative the policy lacks; `.rendered` and `.problems` as for PolicyError."""

    rendered: str
    problems: List[Problem]

class ArgumentError(ValueError):
    """A bad argument: a date that is not one, a column of a batch that is neither a fact, `as_of`, `reading.NAME` nor kept, or a column of a type no fact can take; `.rendered` and `.problems` as for PolicyError."""

    rendered: str
    problems: List[Problem]

class Policy:
    """A checked policy, ready to evaluate facts against.

    Load one with `Policy.load(path)` or `Policy.from_text(text, path)`; a
    policy that does not check raises `PolicyError`.
    """

    @staticmethod
    def load(path: Union[str, "os.PathLike[str]"]) -> "Policy":
        """Loads and checks the policy file at `path`.

        Raises `PolicyError` when the file cannot be read or does not check,
        with `.rendered` (the diagnostics as `provisio check` prints them) and
        `.problems` (each one's code, message, path, line, column, span and
        help).
        """
    @staticmethod
    def from_text(text: str, path: str = "<text>") -> "Policy":
        """Checks a policy given as text; `path` names it in diagnostics, and
        the files it `use`s or `amends` are read relative to its folder.

        Raises `PolicyError` as `load` does.
        """
    @property
    def path(self) -> str:
        """The path the policy was loaded from, as given."""
    @property
    def sources(self) -> Dict[str, str]:
        """The text of every file the policy was built from, by absolute path:
        the file itself first, then the files it `use`s or `amends`,
        recursively, each once."""
    @property
    def title(self) -> str:
        """The instrument's title."""
    @property
    def symbol(self) -> Optional[str]:
        """The instrument's symbol, or None."""
    @property
    def verdicts(self) -> List[str]:
        """The verdicts' names, in the policy's order."""
    @property
    def facts(self) -> Dict[str, str]:
        """The facts, by name: each one's type as the policy writes it."""
    @property
    def readings(self) -> Dict[str, Dict[str, Any]]:
        """The readings, by name: each one's `alternatives` (names, in order)
        and its `default`."""
    def _evaluate_json(
        self,
        facts: Optional[Mapping[str, Any]],
        at: Any = None,
        readings: Optional[Mapping[str, str]] = None,
        explain: bool = False,
    ) -> str:
        """Evaluates `facts` (a dict) and returns the JSON text of
        `provisio eval --format json`; the package's `evaluate` wraps it."""
    def _evaluate_arrow(
        self,
        table: Any,
        at: Any = None,
        readings: Optional[Mapping[str, str]] = None,
        keep: Optional[Sequence[str]] = None,
        keep_all_unknown: bool = False,
    ) -> Any:
        """Evaluates every row of an Arrow table and returns a pyarrow Table;
        the package's `evaluate_batch` wraps it."""

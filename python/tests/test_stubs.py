"""The type stubs of the native module name what it has, with the same
docstrings."""

import ast
import inspect
import pathlib

import provisio
import provisio._provisio as native

STUBS = pathlib.Path(provisio.__file__).with_name("_provisio.pyi")


def documented():
    """(class name, member name or None, the stub's docstring)."""
    tree = ast.parse(STUBS.read_text())
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and node.name != "Problem":
            yield node.name, None, ast.get_docstring(node)
            for member in node.body:
                if isinstance(member, ast.FunctionDef):
                    yield node.name, member.name, ast.get_docstring(member)


def test_every_stub_names_a_native_item_with_its_docstring():
    seen = 0
    for cls, member, doc in documented():
        item = getattr(native, cls)
        if member is not None:
            item = getattr(item, member)
        assert inspect.cleandoc(doc or "") == inspect.cleandoc(item.__doc__ or ""), (cls, member)
        seen += 1
    assert seen == 16


def test_every_public_native_item_has_a_stub():
    stubbed = {cls for cls, member, _ in documented() if member is None}
    public = {name for name in dir(native) if not name.startswith("_")}
    assert public == stubbed
    members = {m for cls, m, _ in documented() if cls == "Policy" and m}
    assert {m for m in vars(native.Policy) if not m.startswith("__")} == members


def test_the_package_is_typed():
    assert STUBS.with_name("py.typed").exists()

"""``python -m nnfs_lib.exercises list | stub NAME | check NAME FILE.py``.

``list`` prints each exercise with the signature to write. ``stub NAME``
prints the exercise's stub, a file that runs on its own (its imports
included): ``python -m nnfs_lib.exercises stub sigmoid > sigmoid.py``.
``check`` runs FILE.py, takes the function or class the exercise names
(``sigmoid``, ``Dense``, ...) from it, prints the verdict and exits with 0
when every case passed, 1 when one failed, and 2 when the command itself is
wrong (unknown exercise, missing file, nothing of that name in the file).
"""

from __future__ import annotations

import argparse
import ast
import runpy
import sys
from pathlib import Path

from nnfs_lib.exercises import EXERCISES, STUBS, check, get_exercise


def signature(name: str) -> str:
    """What the reader writes, read from the stub: ``sigmoid(z)`` or ``Dense(nn.Dense): forward(X), backward(dZ)``."""
    exercise = EXERCISES[name]
    for node in ast.parse(STUBS[name]).body:
        if isinstance(node, ast.FunctionDef) and node.name == exercise.defines:
            return f"{node.name}({ast.unparse(node.args)})"
        if isinstance(node, ast.ClassDef) and node.name == exercise.defines:
            bases = ", ".join(ast.unparse(b) for b in node.bases)
            methods = [
                f"{m.name}({ast.unparse(m.args).removeprefix('self, ')})"
                for m in node.body
                if isinstance(m, ast.FunctionDef)
            ]
            return f"class {node.name}({bases}): {', '.join(methods)}"
    raise LookupError(f"the stub of {name!r} defines no {exercise.defines}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m nnfs_lib.exercises", description=__doc__.split("\n")[0]
    )
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("list", help="list the exercises and what each asks you to write")
    stubbing = commands.add_parser("stub", help="print an exercise's stub (redirect it to a file)")
    stubbing.add_argument("name", help="the exercise, as `list` prints it")
    checking = commands.add_parser("check", help="check the function or class defined in a file")
    checking.add_argument("name", help="the exercise, as `list` prints it")
    checking.add_argument("file", type=Path, help="a Python file that defines it")
    args = parser.parse_args(argv)
    if args.command == "list":
        width = max(len(name) for name in EXERCISES)
        for exercise in EXERCISES.values():
            print(f"{exercise.name:<{width}}  {exercise.title} ({exercise.page})")
            print(f"{'':<{width}}  write {signature(exercise.name)}")
        print("\nStart from a stub: python -m nnfs_lib.exercises stub NAME > NAME.py")
        return 0
    try:
        exercise = get_exercise(args.name)
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if args.command == "stub":
        print(STUBS[exercise.name], end="")
        return 0
    if not args.file.is_file():
        print(f"error: no file {args.file}", file=sys.stderr)
        return 2
    try:
        namespace = runpy.run_path(str(args.file), run_name="__exercise__")
    except Exception as error:  # the reader's file does not run: say so, exit as a failure
        print(f"{exercise.name}: {args.file} raised {type(error).__name__} when run: {error}")
        return 1
    if exercise.defines not in namespace:
        print(f"error: {args.file} defines no {exercise.defines!r} (the exercise {exercise.name!r} "
              f"checks a {exercise.defines})", file=sys.stderr)  # fmt: skip
        return 2
    result = check(exercise.name, namespace[exercise.defines], verbose=False)
    result.file = str(args.file)  # the verdict's advice then names the file, not a cell
    print(result)
    return 0 if result.passed else 1


if __name__ == "__main__":
    sys.exit(main())

"""``python -m nnfs_lib.exercises list`` and ``python -m nnfs_lib.exercises check NAME FILE.py``.

``check`` runs FILE.py, takes the function or class the exercise names
(``sigmoid``, ``Dense``, ...) from it, prints the verdict and exits with 0
when every case passed, 1 when one failed, and 2 when the command itself is
wrong (unknown exercise, missing file, nothing of that name in the file).
"""

from __future__ import annotations

import argparse
import runpy
import sys
from pathlib import Path

from nnfs_lib.exercises import EXERCISES, check, get_exercise


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m nnfs_lib.exercises", description=__doc__.split("\n")[0]
    )
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("list", help="list the exercises")
    checking = commands.add_parser("check", help="check the function or class defined in a file")
    checking.add_argument("name", help="the exercise, as `list` prints it")
    checking.add_argument("file", type=Path, help="a Python file that defines it")
    args = parser.parse_args(argv)
    if args.command == "list":
        width = max(len(name) for name in EXERCISES)
        for exercise in EXERCISES.values():
            print(
                f"{exercise.name:<{width}}  {exercise.page:<30}  write {exercise.defines}: {exercise.title}"
            )
        return 0
    try:
        exercise = get_exercise(args.name)
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
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
    return 0 if check(exercise.name, namespace[exercise.defines]).passed else 1


if __name__ == "__main__":
    sys.exit(main())

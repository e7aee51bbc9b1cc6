"""``trustscore validate FILE...``: check self-assessments without scoring them."""

from __future__ import annotations

from pathlib import Path

import typer

from trustscore.cli.options import RubricOpt, StdinFilenameOpt, format_option
from trustscore.render.registry import Kind


def validate(
    files: list[Path] = typer.Argument(..., metavar="FILE...", show_default=False,
                                       help="Self-assessment files to check ('-' reads "
                                       "standard input)."),
    rubric: RubricOpt = None,
    fmt: str = format_option(Kind.VALIDATION, help_text="Output format (json for CI and "
                             "editors)."),
    stdin_filename: StdinFilenameOpt = None,
) -> int:
    """Check self-assessments against their rubric without scoring them.

    Exit 0 when every file is valid, 2 otherwise; every problem is reported with its
    file, line and column.
    """
    import sys

    from trustscore.cli.messages import exit_code_for
    from trustscore.cli.output import write_output
    from trustscore.render.options import Format
    from trustscore.render.registry import render_text
    from trustscore.services.checking import check_files
    from trustscore.services.scoring import input_label

    report = check_files([(f, input_label(f, stdin_filename)) for f in files], rubric)
    text = render_text(report, Format(fmt))
    if fmt == Format.TEXT and not report.valid:
        sys.stderr.write(text)  # problems, like every command's, go to standard error
    else:
        write_output(text, None)
    return exit_code_for(invalid_input=not report.valid, gates_failed=False)

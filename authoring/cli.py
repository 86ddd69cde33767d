"""The ``benchbook`` command line."""

from __future__ import annotations

import os

import click

from . import __version__
from .commands.build import build_command
from .commands.check import check_command
from .commands.handbook import handbook_command
from .commands.i18n import i18n_group
from .commands.new import new_group
from .commands.preview import preview_command
from .commands.schema import schema_command
from .commands.variant_diff import variant_diff_command

EXIT_IO = 74  # sysexits.h EX_IOERR: the file system refused a read or a write


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="benchbook")
def main() -> None:
    """Benchbook: course-as-code for justice-sector training on Open edX."""


def run() -> None:
    """The console script: a bug in Benchbook is reported in one line, never as a traceback.

    Bad input is always reported as diagnostics; reaching the handler below means Benchbook itself
    failed. Set BENCHBOOK_DEBUG=1 to see the traceback when reporting it.
    """
    try:
        main(standalone_mode=True)
    except SystemExit:
        raise
    except OSError as exc:  # the disk, not Benchbook: a full disk, a folder that vanished, permissions
        if os.environ.get("BENCHBOOK_DEBUG"):
            raise
        where = f" '{exc.filename}'" if exc.filename else ""
        click.echo(f"error: cannot use{where}: {exc.strerror or exc}", err=True)
        raise SystemExit(EXIT_IO) from None
    except Exception as exc:
        if os.environ.get("BENCHBOOK_DEBUG"):
            raise
        click.echo(
            f"internal error: {type(exc).__name__}: {exc}\n"
            "This is a bug in Benchbook, not in your course. Re-run with BENCHBOOK_DEBUG=1 and report it.",
            err=True,
        )
        raise SystemExit(70) from None


main.add_command(build_command)
main.add_command(check_command)
main.add_command(i18n_group)
main.add_command(new_group)
main.add_command(preview_command)
main.add_command(handbook_command)
main.add_command(schema_command)
main.add_command(variant_diff_command)

"""An output folder that cannot be used is a usage error (exit 2) before any work, never a crash."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from benchbook.authoring.cli import main


def unusable(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    a_file = tmp_path / "a-file"
    a_file.write_text("not a folder")
    return {
        "a file": (a_file, "is a file, not a folder"),
        "below a file": (a_file / "dist", f"cannot be used as a folder: '{a_file}' is a file"),
    }


@pytest.mark.parametrize("case", ["a file", "below a file"])
def test_build_refuses_an_unusable_out_folder(course, tmp_path, case):
    out, message = unusable(tmp_path)[case]
    result = CliRunner().invoke(main, ["build", str(course), "--out", str(out), "--no-cache"])
    assert result.exit_code == 2, result.output
    assert f"--out '{out}' {message}" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("case", ["a file", "below a file"])
def test_schema_refuses_an_unusable_out_folder(tmp_path, case):
    out, message = unusable(tmp_path)[case]
    result = CliRunner().invoke(main, ["schema", "--out", str(out)])
    assert result.exit_code == 2, result.output
    assert f"--out '{out}' {message}" in result.output


def test_a_file_system_error_while_running_is_one_line_and_no_bug_report(tmp_path, monkeypatch, capsys):
    from benchbook.authoring import cli

    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device", str(tmp_path / "dist" / "x.tar.gz"))

    monkeypatch.setattr(cli, "main", full_disk)
    with pytest.raises(SystemExit) as exit_info:
        cli.run()
    assert exit_info.value.code == cli.EXIT_IO
    err = capsys.readouterr().err
    assert err.strip() == f"error: cannot use '{tmp_path / 'dist' / 'x.tar.gz'}': No space left on device"

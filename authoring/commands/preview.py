"""``benchbook preview``: the course in a browser, as learners see it, reloading as you save."""

from __future__ import annotations

import errno
import threading
from pathlib import Path

import click

from .common import EXIT_USAGE, find_courses


@click.command("preview")
@click.argument("course", type=click.Path(path_type=Path), required=False)
@click.option("--lang", "language", default="", help="Language to show first (default: the source language).")
@click.option("--variant", default="", help="Country variant to show first (default: the base course).")
@click.option("--port", type=click.IntRange(0, 65535), default=None, help="Port on 127.0.0.1 (default 8470).")
@click.option("--no-xblocks", is_flag=True, help="Show placeholders instead of running the custom XBlocks.")
def preview_command(
    course: Path | None, language: str, variant: str, port: int | None, no_xblocks: bool
) -> None:
    """Serve COURSE on http://127.0.0.1:PORT/ and reload open pages when a source file changes.

    Quizzes can be answered and checked; the scenario and adjudication blocks run in an XBlock
    runtime. Source errors show in the page, as `benchbook check` prints them, over the last good
    render. Ctrl-C stops the server.
    """
    from ..preview.server import DEFAULT_PORT, HOST, Preview, make_server, watch

    folders = find_courses((course,) if course else ())
    if len(folders) != 1:
        raise click.UsageError("name one course folder to preview")
    folder = folders[0]
    xblocks = None
    if not no_xblocks:
        from ..preview.xblocks import start_xblock_host

        xblocks = start_xblock_host(folder)
    preview = Preview(folder, language, variant, xblocks)
    chosen = DEFAULT_PORT if port is None else port
    try:
        server = make_server(preview, chosen)
    except OSError as exc:
        if exc.errno in (errno.EADDRINUSE, errno.EACCES):
            click.echo(
                f"error: port {chosen} on {HOST} is already in use (or not allowed); "
                "stop the other server or choose another port with --port",
                err=True,
            )
            raise SystemExit(EXIT_USAGE) from None
        raise
    target = preview.target({})
    build = preview.build_for(target)
    if build.ok:
        click.echo(f"built {folder} ({target.language}{'/' + target.variant if target.variant else ''})")
    else:
        click.echo(build.diagnostics.format(Path.cwd()), err=True)
        click.echo("the course has errors: the preview shows them until they are fixed", err=True)
    watcher = threading.Thread(target=watch, args=(preview,), name="benchbook-watch", daemon=True)
    watcher.start()
    host, bound = server.server_address[:2]
    click.echo(f"Benchbook preview: http://{host}:{bound}/  (Ctrl-C to stop)", err=False)
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        click.echo("\nstopping the preview")
    finally:
        preview.stopping.set()
        server.server_close()
        watcher.join(2)
        if xblocks:
            xblocks.close()

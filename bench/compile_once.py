"""Build one course in a fresh process and print its time and peak memory as JSON.

``--cache`` builds with the render cache (``<course>/.benchbook/cache/``), as ``benchbook build``
does; without it every block is rendered, as on a fresh clone.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

from benchbook.authoring.pipeline import build_course

if __name__ == "__main__":
    folder, out = Path(sys.argv[1]), Path(sys.argv[2])
    started = time.perf_counter()
    build_course(folder, out, render_cache="--cache" in sys.argv[3:])
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "peak_mb": peak_mb}))

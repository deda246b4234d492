"""`eventflow dashboard`: a static, offline site of every event (see :mod:`.site`)."""

from __future__ import annotations

from .site import MARKER, build

__all__ = ["MARKER", "build"]

"""The CJK font that charts and PDF briefs embed.

Documents must show Chinese on any machine, including servers without CJK fonts, so the font
is a pinned Python dependency (``pylopdf-fonts-zh-cn``: Noto Sans SC, SIL OFL 1.1) rather than
whatever the system has.
"""

from functools import lru_cache
from pathlib import Path

import pylopdf_fonts_zh_cn

FAMILY = "Noto Sans SC"


class FontMissingError(RuntimeError):
    pass


@lru_cache(maxsize=1)
def cjk_font_path() -> Path:
    """The path of the Noto Sans SC font file; raises FontMissingError if it is not installed."""
    path = Path(pylopdf_fonts_zh_cn.sans_path())
    if not path.is_file():
        raise FontMissingError(
            f"The CJK font {path} is missing; reinstall the pinned dependencies (make install)."
        )
    return path

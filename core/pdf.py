"""What every PDF Guichet prints (the orientation sheet, a person's file) shares."""

from __future__ import annotations

import pydyf


def right_to_left(document, pdf: pydyf.PDF) -> None:
    """A WeasyPrint finisher telling PDF readers the reading order, so pages and two-page views run right to left."""
    pdf.catalog["ViewerPreferences"] = pydyf.Dictionary({"Direction": "/R2L"})

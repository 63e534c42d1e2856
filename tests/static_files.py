"""WhiteNoise for the test run: the static files are scanned once per process, not once per test client.

Each test client builds its own middleware chain, and WhiteNoise's builds a
responder for every collected file (stat, headers, compressed variants): about
0.15 s, more than most requests a test makes. The files do not change during a
run (``collectstatic`` runs before the workers start), so the scan of a folder
is kept for the process and handed to the next middleware built with the same
configuration. What is served, and with which headers, is WhiteNoise's own.
"""

from __future__ import annotations

from whitenoise.middleware import WhiteNoiseMiddleware

_SCANS: dict[tuple, dict] = {}
_NOT_CONFIGURATION = {"files", "get_response", "media_types", "directories"}


class WhiteNoiseScannedOnce(WhiteNoiseMiddleware):
    def update_files_dictionary(self, root: str, prefix: str) -> None:
        configuration = tuple(
            sorted((name, repr(value)) for name, value in vars(self).items() if name not in _NOT_CONFIGURATION)
        )
        key = (root, prefix, configuration, tuple(sorted(self.media_types.types_map.items())))
        if key not in _SCANS:
            before = dict(self.files)
            super().update_files_dictionary(root, prefix)
            _SCANS[key] = {url: file for url, file in self.files.items() if before.get(url) is not file}
        self.files.update(_SCANS[key])

"""The extractor's version: changes with the rules, so `reextract` knows what is stale.

Its own module, so a process that only needs the number (opening an archive, the CLI) does
not load the rules' hundreds of patterns.
"""

from __future__ import annotations

EXTRACTOR_VERSION = "2.4.0"

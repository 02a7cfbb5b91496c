"""Safety limits for reading untrusted files, declared once with their defaults.

Every limit is configurable (Archive settings or the CLI); the defaults are sane for
takedown reports, which are rarely more than a few MB.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Limits:
    max_file_bytes: int = 200 * 1024 * 1024  # one input file
    max_text_chars: int = 5_000_000  # clean text kept per document
    max_pdf_pages: int = 2_000
    max_zip_entries: int = 10_000
    max_zip_ratio: float = 200.0  # uncompressed / compressed, per entry
    max_zip_total_bytes: int = 1024 * 1024 * 1024  # all entries together, expanded
    max_zip_depth: int = 1  # a zip inside a zip is read; deeper is refused
    parse_timeout_s: float = 60.0  # wall clock per file, in the parser process
    parse_memory_bytes: int = 1024 * 1024 * 1024  # address-space cap of the parser process
    max_output_bytes: int = 64 * 1024 * 1024  # what a parser may send back


DEFAULT_LIMITS = Limits()

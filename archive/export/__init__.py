"""Exports of an archive selection: JSON (the stable contract), CSV/XLSX, STIX 2.1, PDF briefings.

Every format reads the same views (`archive.export.model`) and writes through
`atomic_output`, so a failure never leaves a half file under the final name.
"""

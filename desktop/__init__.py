"""Takedown Atlas desktop: a PySide6 face over `archive.Archive`.

Widgets compose and display; every rule about documents, facts and searches lives in
`archive`. Long work runs through `desktop.tasks`; nothing here touches the network.
"""

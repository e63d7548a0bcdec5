"""Listeners for changes of raters, registered by apps above this one (the workflow runtime)
in their AppConfig.ready(); called by the organization services inside their transaction."""
from __future__ import annotations

from collections.abc import Callable

_rater_change_listeners: list[Callable[[list], None]] = []


def on_rater_change(listener: Callable[[list], None]) -> None:
    if listener not in _rater_change_listeners:
        _rater_change_listeners.append(listener)


def rater_changed(changes: list) -> None:
    if changes:
        for listener in _rater_change_listeners:
            listener(changes)

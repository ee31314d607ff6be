"""How the Qt adapter reads a layer for the pure session controller: its widgets as plain ``Item``s.

The controller (``kiosk.session.controller``) knows no widgets; after the adapter shows a page, the
panel or a notice it describes the layer's ``items()`` (the same list the keypad walks) in reading order,
so the position the controller speaks ("3 von 14") is the position the keypad reaches.
"""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QWidget

from kiosk.navigation.model import PageView
from kiosk.session.effects import Item, Screen
from kiosk.ui.pages.panel import AccessPanel


def describe_item(widget: QWidget, heading: bool = False) -> Item:
    name = widget.accessibleName()
    if isinstance(widget, QAbstractButton):
        if getattr(widget, "switch", None) is not None:
            role = "switch"
        elif getattr(widget, "selected", None) is not None:
            role = "choice"
        else:
            role = "button"
        action = widget.isEnabled()
    else:
        role = str(widget.property("speech_role") or ("heading" if heading else "text"))
        action = False
    return Item(
        name=name,
        role=role,
        language=str(widget.property("speech_language") or ""),
        action=action,
        control=bool(widget.property("speech_control")),
        help=widget.accessibleDescription(),
        # a stable name where the widget has one; else its role and words (found again while unchanged)
        key=widget.objectName() or f"{role}:{name}",
    )


def layer_widgets(layer: QWidget | None) -> list[QWidget]:
    items = getattr(layer, "items", None)
    return list(items()) if callable(items) else []


def describe(layer: QWidget | None) -> tuple[Screen, list[QWidget]]:
    """The layer as the controller sees it, and the widgets in the same order."""
    widgets = layer_widgets(layer)
    title_widget = getattr(layer, "title", None)
    view = getattr(layer, "view", None)
    if isinstance(view, PageView):
        title, help_text = view.title, view.help
    elif isinstance(layer, AccessPanel):
        title, help_text = layer.title.accessibleName(), ""
    else:
        title, help_text = "", ""
    items = tuple(describe_item(w, heading=w is title_widget) for w in widgets)
    return Screen(title=title, items=items, help=help_text), widgets


__all__ = ["describe", "describe_item", "layer_widgets"]

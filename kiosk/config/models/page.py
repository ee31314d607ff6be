"""Pages of the touch navigation tree (file in ``content/pages/``)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from kiosk.config.fields import ContentPath, Identifier, WebUrl
from kiosk.config.models.base import EditorModel, FieldProblem, Text
from kiosk.config.models.slides import WidgetKind


class TextBlock(EditorModel):
    """A paragraph (Markdown subset: **bold**, *italic*, '- ' lists; line breaks are kept)."""

    type: Literal["text"] = Field(description="Block type.")
    text: Text = Field(description="The paragraph.")


class ImageBlock(EditorModel):
    """A picture with its text alternative."""

    type: Literal["image"] = Field(description="Block type.")
    image: ContentPath = Field(description="Picture file relative to content/.")
    alt: Text = Field(description="What the picture shows (spoken; required on passer-by pages).")


class QrBlock(EditorModel):
    """A QR code to take a link along."""

    type: Literal["qr"] = Field(description="Block type.")
    url: WebUrl = Field(description="The address encoded in the code.")
    caption: Text = Field(description="What the link is about; shown and spoken.")


class WidgetBlock(EditorModel):
    """A live-data widget."""

    type: Literal["widget"] = Field(description="Block type.")
    widget: WidgetKind = Field(description="Which widget.")
    source: Identifier = Field(description="Data source (file in device-config/sources/).")
    max_items: int = Field(6, ge=1, le=20, description="At most this many rows.")


class WebBlock(EditorModel):
    """An allowlisted web page, embedded in the page."""

    type: Literal["web"] = Field(description="Block type.")
    url: WebUrl = Field(description="Address; its host must be in the device's web_allowlist.")
    alt: Text = Field(description="Text alternative, spoken and shown when the page cannot be loaded.")


class VideoBlock(EditorModel):
    """A short video on a page: plays muted in a loop, its captions always drawn over it.

    Muted because a page is opened by anyone in a public place and the speaker belongs to speech mode
    (self-voicing must never compete with a soundtrack); the words reach everyone as captions on screen
    and, in speech mode, as the spoken description and transcript.
    """

    type: Literal["video"] = Field(description="Block type.")
    video: ContentPath = Field(description="Video file relative to content/ (MP4/H.264, WebM, MJPEG AVI).")
    alt: Text = Field(description="Short description of the video; shown when it cannot play and spoken.")
    captions: ContentPath | None = Field(
        None, description="WebVTT captions file relative to content/; drawn over the video in the theme."
    )
    transcript: Text | None = Field(
        None,
        description="What is said and shown in the video, as text: spoken in speech mode after the "
        "description (the video itself plays without sound).",
    )
    height: float = Field(
        0.35,
        ge=0.15,
        le=0.6,
        description="Largest height of the video on the page, as a share of the screen height (never "
        "taller than a 16:9 picture across the page).",
    )


class ContactBlock(EditorModel):
    """A contact point (office, service desk)."""

    type: Literal["contact"] = Field(description="Block type.")
    name: Text = Field(description="Name of the office.")
    address: str = Field("", max_length=200, description="Street address.")
    phone: str = Field(
        "", max_length=40, pattern=r"^[0-9 +()/-]*$", description="Phone number, digits and + ( ) / - only."
    )
    email: str = Field("", max_length=120, pattern=r"^([^@\s]+@[^@\s]+\.[^@\s]+)?$", description="E-mail.")
    hours: Text | None = Field(None, description="Opening hours as text.")
    url: WebUrl | None = Field(None, description="Web page of the office (offered as QR code).")


Block = Annotated[
    TextBlock | ImageBlock | QrBlock | WidgetBlock | WebBlock | VideoBlock | ContactBlock,
    Field(discriminator="type"),
]


class Page(EditorModel):
    """A page of the touch navigation tree (file in ``content/pages/``)."""

    kind_title = "page"

    title: Text = Field(description="Page title: shown on its tile or list row and announced when opened.")
    view: Literal["tiles", "list", "detail"] = Field(
        "detail", description="tiles/list: a menu of 'children'; detail: the 'blocks'."
    )
    icon: ContentPath | None = Field(
        None, description="Icon on this page's tile (decorative: the title is its text)."
    )
    intro: Text | None = Field(None, description="A sentence under the title.")
    help: Text | None = Field(None, description="Context help, spoken by the Help key.")
    children: list[Identifier] = Field(
        default=[],
        max_length=24,
        description="Sub-pages shown as tiles or list rows (files in content/pages/).",
    )
    blocks: list[Block] = Field(default=[], max_length=40, description="Content of a detail page.")

    @model_validator(mode="after")
    def _view_matches(self) -> Page:
        if self.view in ("tiles", "list") and not self.children:
            raise FieldProblem(
                ("children",),
                f"a '{self.view}' page needs children",
                hint="list the sub-pages under children:, or use view: detail with blocks",
            )
        if self.view == "detail" and not self.blocks:
            raise FieldProblem(
                ("blocks",),
                "a detail page needs blocks",
                hint="add blocks (text, image, qr, widget, web, video, contact) or use view: tiles",
            )
        if len(set(self.children)) != len(self.children):
            dup = next(c for c in self.children if self.children.count(c) > 1)
            raise FieldProblem(
                ("children", self.children.index(dup, self.children.index(dup) + 1)),
                f"page '{dup}' is listed twice",
            )
        return self

"""Slides: one file in ``content/slides/`` per slide, one model per slide type (key ``type``)."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Annotated, Any, Literal, NamedTuple

from pydantic import Field, model_validator

from kiosk.config.catalogue import WIDGET_NAMES
from kiosk.config.fields import Color, ContentPath, DurationRange, Identifier, WebUrl, dur
from kiosk.config.models.base import EditorModel, FieldProblem, Text

SlideDuration = Annotated[timedelta, DurationRange("1s", "1h")]
ReloadInterval = Annotated[timedelta, DurationRange("30s", "1d")]
Transition = Literal["crossfade", "slide", "cut"]
if TYPE_CHECKING:
    WidgetKind = str
else:  # the widget names come from the catalogue, which also says which source kinds feed which widget
    WidgetKind = Literal[WIDGET_NAMES]


class SlideBase(EditorModel):
    """Keys every slide has."""

    kind_title = "slide"

    title: Text | None = Field(
        None, description="Short title: shown in timelines and spoken as the slide's name on touch terminals."
    )
    duration: SlideDuration = Field(
        dur("10s"), description="How long the slide stays on screen (a playlist item may override it)."
    )
    transition: Transition = Field(
        "crossfade",
        description="How the slide appears: crossfade, slide or "
        "cut (instant). reduce_motion on the device turns all into cut.",
    )
    background: Color | None = Field(None, description="Background colour; empty uses the zone or theme.")


class Focus(EditorModel):
    """The point of a picture that must stay in view when it is cut to the zone."""

    x: float = Field(0.5, ge=0.0, le=1.0, description="Across: 0 = left edge, 0.5 = middle, 1 = right edge.")
    y: float = Field(0.5, ge=0.0, le=1.0, description="Down: 0 = top edge, 0.5 = middle, 1 = bottom edge.")


ThemeColour = Literal["background", "surface", "accent"]


class BackgroundPicture(EditorModel):
    """A picture behind or beside the text of a text slide."""

    image: ContentPath = Field(description="Picture file relative to content/ (PNG, JPEG or WebP).")
    focus: Focus = Field(Focus(), description="The point kept in view when the picture is cut to its area.")
    scrim: float | None = Field(
        None,
        ge=0.0,
        le=0.9,
        description="Darkening (or lightening) under the text, 0 = none, 0.9 = almost solid. Empty: "
        "computed from the picture so the text reaches 4.5:1 over its lightest and darkest pixels.",
    )


class BackgroundGradient(EditorModel):
    """A background running from one colour at the top to another at the bottom."""

    gradient: tuple[ThemeColour | Color, ThemeColour | Color] = Field(
        description="Two colours, top then bottom: theme colour names (background, surface, accent) "
        "or #rrggbb. The text takes the theme's text or accent_text colour, whichever reads on both."
    )


def resolve_gradient(gradient: BackgroundGradient, palette: object) -> tuple[str, str]:
    """The gradient's two colours as #rrggbb, theme colour names looked up in ``palette``."""
    top, bottom = (c if c.startswith("#") else str(getattr(palette, c)) for c in gradient.gradient)
    return top, bottom


class TextGround(NamedTuple):
    """What the text of a text slide stands on as the device draws it: over a ``picture`` (its scrim
    comes from the pixels), a ``gradient`` or one ``colour``; those colours and the text colours to
    choose from (#rrggbb), the one reading best on all of them is taken."""

    kind: Literal["picture", "gradient", "colour"]
    colours: tuple[str, ...] = ()
    texts: tuple[str, ...] = ()


def text_ground(slide: TextSlide, palette: Any, high_contrast: bool = False) -> TextGround:
    """The ground of ``slide``'s text in ``palette`` (the theme's palette of that mode). One rule for
    the widget that draws it and the validator that checks it. In high contrast the text always stands
    on the palette's plain background, as the bands of page pictures do: nothing photographed or graded
    behind text there, and that pair is checked at 7:1 with the theme."""
    plain = TextGround("colour", (str(palette.background),), (str(palette.text),))
    background = slide.background
    if high_contrast:
        return plain
    if isinstance(background, BackgroundGradient):
        ends = resolve_gradient(background, palette)
        return TextGround("gradient", ends, (str(palette.text), str(palette.accent_text)))
    if isinstance(background, BackgroundPicture):
        return TextGround("picture") if slide.layout == "text-over-picture" else plain
    if isinstance(background, str):
        return plain._replace(colours=(background,))
    return plain


class ImageSlide(SlideBase):
    """A picture, fitted into the zone."""

    type: Literal["image"] = Field(description="Slide type.")
    image: ContentPath = Field(description="Picture file relative to content/ (PNG, JPEG, WebP or GIF).")
    alt: Text = Field(description="What the picture shows, for speech output and when it cannot be shown.")
    fit: Literal["contain", "cover", "fill"] = Field(
        "cover",
        description="contain: whole picture visible, the free bands filled with a blurred, darkened copy "
        "of it; cover: fill the zone, edges may be cut; fill: stretch.",
    )
    focus: Focus = Field(Focus(), description="With cover: the point kept in view when the edges are cut.")
    caption: Text | None = Field(None, description="Caption shown at the bottom of the picture.")


class TextSlide(SlideBase):
    """Large text: a heading and a body in a small Markdown subset (**bold**, *italic*, lists)."""

    type: Literal["text"] = Field(description="Slide type.")
    heading: Text | None = Field(None, description="Large heading above the body.")
    body: Text = Field(
        description="The text. Markdown subset: **bold**, *italic*, '- ' lists; a line break stays a line "
        "break (one sentence per line in Leichte Sprache), a blank line starts a new paragraph."
    )
    align: Literal["left", "center"] = Field("left", description="Horizontal alignment.")
    size: Literal["normal", "large", "huge"] = Field(
        "large", description="Type size relative to the theme; huge suits hall displays read from 5–10 m."
    )
    background: Color | BackgroundPicture | BackgroundGradient | None = Field(  # type: ignore[assignment]
        None,
        description="Behind the text: a colour (#rrggbb), a picture (image:, focus:, scrim:) or a "
        "gradient (gradient: [top, bottom]); empty uses the zone or theme.",
    )
    layout: Literal["text-over-picture", "picture-beside-text"] = Field(
        "text-over-picture",
        description="With a background picture: text-over-picture covers the zone with it (a scrim keeps "
        "the text legible); picture-beside-text gives it 40 % of the zone beside the text.",
    )
    picture_side: Literal["left", "right"] = Field(
        "left",
        description="With picture-beside-text: the picture's side; in a zone taller than wide, left puts "
        "it above the text and right below.",
    )

    @model_validator(mode="after")
    def _picture_for_layout(self) -> TextSlide:
        if self.layout == "picture-beside-text" and not isinstance(self.background, BackgroundPicture):
            raise FieldProblem(
                ("layout",),
                "picture-beside-text needs a background picture",
                hint="add background: with image: images/…",
            )
        return self


class WebSlide(SlideBase):
    """A web page from the device's allowlist (off-the-record browser profile)."""

    type: Literal["web"] = Field(description="Slide type.")
    url: WebUrl = Field(description="Address of the page; its host must be in the device's web_allowlist.")
    alt: Text = Field(description="Text alternative: spoken, and shown when the page cannot be loaded.")
    reload: ReloadInterval | None = Field(None, description="Reload the page this often; empty = never.")
    zoom: float = Field(1.0, ge=0.25, le=5.0, description="Zoom factor of the page.")


class VideoSlide(SlideBase):
    """A video file, muted by default."""

    type: Literal["video"] = Field(description="Slide type.")
    video: ContentPath = Field(description="Video file relative to content/ (MP4/H.264 or WebM).")
    alt: Text = Field(description="Short description of the video, spoken in speech mode.")
    muted: bool = Field(True, description="Play without sound (public places: keep it muted).")
    play: Literal["once", "loop"] = Field(
        "once",
        description="once: the slide ends with the video (or its "
        "duration, whichever is first); loop: repeat for the duration.",
    )
    captions: ContentPath | None = Field(None, description="WebVTT captions file relative to content/.")


class ClockSlide(SlideBase):
    """Date and time in the language shown."""

    type: Literal["clock"] = Field(description="Slide type.")
    show: Literal["time", "date", "datetime"] = Field("datetime", description="What to show.")
    seconds: bool = Field(False, description="Show seconds (ticks every second; off saves power).")
    label: Text | None = Field(None, description="A line under the clock, e.g. the place name.")


class QrSlide(SlideBase):
    """A QR code to take a link along on a phone."""

    type: Literal["qr"] = Field(description="Slide type.")
    url: WebUrl = Field(description="The address encoded in the code.")
    caption: Text = Field(description="What the link is about; shown beside the code and spoken.")
    heading: Text | None = Field(None, description="Heading above the code.")


class DataSlide(SlideBase):
    """A live-data widget (parking, departures, weather, water level, events, hall bookings, reports,
    warnings)."""

    type: Literal["data"] = Field(description="Slide type.")
    widget: WidgetKind = Field(description="Which widget to show.")
    source: Identifier = Field(description="Data source (file in device-config/sources/) feeding the widget.")
    heading: Text | None = Field(None, description="Heading above the widget; empty uses the widget's own.")
    max_items: int = Field(6, ge=1, le=20, description="At most this many rows.")


class TickerSlide(SlideBase):
    """A scrolling line of short messages, from the file and/or a feed."""

    type: Literal["ticker"] = Field(description="Slide type.")
    items: list[Text] = Field(default=[], max_length=50, description="Messages, in order.")
    source: Identifier | None = Field(
        None, description="Feed source (RSS/Atom or warnings) appended to the items."
    )
    speed: int = Field(80, ge=20, le=400, description="Scroll speed in reference pixels per second.")
    pausable: bool = Field(True, description="Pauses while someone interacts (WCAG 2.2.2); keep it on.")

    @model_validator(mode="after")
    def _has_content(self) -> TickerSlide:
        if not self.items and self.source is None:
            raise FieldProblem(
                ("items",),
                "a ticker needs 'items', a 'source', or both",
                hint="add at least one message under items:",
            )
        return self


Slide = Annotated[
    ImageSlide | TextSlide | WebSlide | VideoSlide | ClockSlide | QrSlide | DataSlide | TickerSlide,
    Field(discriminator="type"),
]
SLIDE_TYPES = ("image", "text", "web", "video", "clock", "qr", "data", "ticker")

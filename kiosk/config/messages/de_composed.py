"""German for the checks of the composed look as kiosk/config/composed.py words them: contrast of the
text on its picture, gradient or colour in each mode, the theme's font files and brand mark, the size of
a background picture."""

from __future__ import annotations

#: messages, in the order they are tried (the catalogue splices them into its own)
COMPOSED = [
    (
        r"the text on this gradient has a contrast of (?P<r>\S+) at its weaker end in theme (?P<t>\S*), "
        r"below (?P<m>\S+)",
        r"die Schrift auf diesem Verlauf hat am schwächeren Ende nur einen Kontrast von \g<r> "
        r"(Thema \g<t>, nötig sind \g<m>)",
    ),
    (
        r"with scrim (?P<s>\S+) the text reaches too little contrast over the lightest and darkest parts "
        r"of the picture \(needs (?P<m>\S+)\)",
        r"mit scrim \g<s> erreicht die Schrift zu wenig Kontrast über den hellsten und dunkelsten "
        r"Stellen des Bildes (nötig sind \g<m>)",
    ),
    (r"'(?P<f>[^']*)' is not a font file", r"„\g<f>“ ist keine Schriftdatei"),
    (
        r"font_family '(?P<f>[^']*)' is not in font_files \((?P<a>[^)]*)\)",
        r"font_family „\g<f>“ ist nicht in font_files (\g<a>)",
    ),
    (
        r"the picture is only (?P<w>\S+) pixels: it looks soft on a signage zone",
        r"das Bild hat nur \g<w> Pixel: auf einer Anzeigefläche wirkt es unscharf",
    ),
    (
        r"the text on this background colour has a contrast of (?P<r>\S+) in theme (?P<t>\S*), "
        r"below (?P<m>\S+)",
        r"die Schrift auf dieser Hintergrundfarbe hat nur einen Kontrast von \g<r> "
        r"(Thema \g<t>, nötig sind \g<m>)",
    ),
    (
        r"in high contrast the text of this slide has a contrast of (?P<r>\S+) on the plain background "
        r"of theme (?P<t>\S*), below (?P<m>\S+)",
        r"im hohen Kontrast hat die Schrift dieser Folie auf dem schlichten Hintergrund nur einen "
        r"Kontrast von \g<r> (Thema \g<t>, nötig sind \g<m>)",
    ),
    (r"'(?P<f>[^']*)' is opaque: the header shows a solid square", r"„\g<f>“ ist nicht durchsichtig"),
]

#: hints
COMPOSED_HINTS = [
    (r"write the family name of the files", "schreiben Sie den Familiennamen der Dateien"),
    (r"save the mark as a PNG with transparency", "speichern Sie das Zeichen als PNG mit Transparenz"),
    (
        r"raise scrim to (?P<s>\S+) or leave it empty .*",
        r"erhöhen Sie scrim auf \g<s> oder lassen Sie es leer (das Gerät rechnet es dann aus)",
    ),
    (
        r"take two dark or two light colours, .*",
        "nehmen Sie zwei dunkle oder zwei helle Farben, damit die Schrift auf beiden lesbar ist",
    ),
    (
        r"use one at least (?P<n>\d+) pixels on its shorter side",
        r"nehmen Sie eines mit mindestens \g<n> Pixeln an der kürzeren Seite",
    ),
    (
        r"take a colour on which the theme's text colour (?P<c>\S+) reads, or leave background empty",
        r"nehmen Sie eine Farbe, auf der die Schriftfarbe \g<c> des Farbschemas lesbar ist, oder lassen "
        r"Sie background leer",
    ),
    (
        r"raise the contrast of text and background in the theme's high_contrast colours",
        "erhöhen Sie den Kontrast von text und background in den high_contrast-Farben des Farbschemas",
    ),
]

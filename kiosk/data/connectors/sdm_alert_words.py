"""Headlines in words for Smart Data Model ``Alert`` codes: German, English and Leichte Sprache.

An SDM Alert often carries no text of its own but codes: ``category`` (traffic, naturalDisaster,
weather, environment, health, security, agriculture) and ``subCategory`` (the enumeration of
``dataModel.Alert/Alert/schema.json`` plus the weather alert types of ``dataModel.Weather``
``WeatherAlertCategories``: flood, coastalEvent, rainfall, snow, …). A passer-by must never read
``coastalEvent`` as a headline: the sub-category gives the words, else the category, else a plain
"Warnung". Codes compare without case and separators (``snow/ice`` = ``snow_ice``); a few codes
outside the enumeration that feeds use (``heavyRain``, ``stormSurge``) are here too.

Leichte Sprache joins long words with the Mediopunkt (``Hoch·wasser``), as the kiosk's own texts do.
Languages other than de/en/ls get the words of their fallback (``kiosk.i18n``: English for the others).
"""

from __future__ import annotations

import re

from kiosk.data.connectors.ngsi_entity import local_name
from kiosk.i18n import chain

LANGUAGES = ("de", "en", "ls")

# code → (German, English, Leichte Sprache)
SUB_CATEGORY_WORDS: dict[str, tuple[str, str, str]] = {
    # traffic
    "trafficJam": ("Stau", "Traffic jam", "Stau"),
    "carAccident": ("Verkehrsunfall", "Traffic accident", "Unfall auf der Straße"),
    "carWrongDirection": ("Falschfahrer", "Wrong-way driver", "Ein Auto fährt falsch herum"),
    "carStopped": ("Liegengebliebenes Fahrzeug", "Stopped vehicle", "Ein Auto steht auf der Straße"),
    "pothole": ("Schlagloch", "Pothole", "Loch in der Straße"),
    "roadClosed": ("Straße gesperrt", "Road closed", "Die Straße ist gesperrt"),
    "roadWorks": ("Baustelle", "Road works", "Bau·stelle"),
    "hazardOnRoad": ("Gefahr auf der Straße", "Hazard on the road", "Gefahr auf der Straße"),
    "injuredBiker": ("Verletzte Person mit Fahrrad", "Injured cyclist", "Ein Rad·fahrer ist verletzt"),
    "pedestrianOnRoad": ("Person auf der Fahrbahn", "Pedestrian on road", "Ein Mensch ist auf der Straße"),
    "bikerOnRoad": ("Radfahrer auf der Fahrbahn", "Cyclist on the road", "Ein Rad·fahrer ist auf der Straße"),
    "tramApproaching": ("Straßenbahn kommt", "Tram approaching", "Die Straßen·bahn kommt"),
    "crowdRisk": ("Gedränge", "Crowding", "Sehr viele Menschen"),
    # natural disasters and weather
    "flood": ("Hochwasser", "Flood", "Hoch·wasser"),
    "floodRisk": ("Hochwassergefahr", "Flood risk", "Gefahr von Hoch·wasser"),
    "rainFlood": ("Hochwasser durch Regen", "Flooding from rain", "Hoch·wasser durch Regen"),
    "coastalEvent": ("Gefahr an der Küste", "Coastal hazard", "Gefahr an der Küste"),
    "stormSurge": ("Sturmflut", "Storm surge", "Sturm·flut"),
    "tsunami": ("Tsunami", "Tsunami", "Tsunami: sehr hohe Wellen"),
    "earthquake": ("Erdbeben", "Earthquake", "Erd·beben"),
    "rainfall": ("Starkregen", "Heavy rain", "Sehr viel Regen"),
    "heavyRain": ("Starkregen", "Heavy rain", "Sehr viel Regen"),
    "highTemperature": ("Hohe Temperaturen", "High temperatures", "Es ist sehr warm"),
    "lowTemperature": ("Tiefe Temperaturen", "Low temperatures", "Es ist sehr kalt"),
    "heatWave": ("Hitze", "Heatwave", "Große Hitze"),
    "coldWave": ("Kältewelle", "Cold wave", "Große Kälte"),
    "lowHumidity": ("Sehr trockene Luft", "Very dry air", "Die Luft ist sehr trocken"),
    "highHumidity": ("Sehr feuchte Luft", "Very humid air", "Die Luft ist sehr feucht"),
    "highAtmosphericPressure": ("Hoher Luftdruck", "High air pressure", "Hoher Luft·druck"),
    "lowAtmosphericPressure": ("Tiefer Luftdruck", "Low air pressure", "Niedriger Luft·druck"),
    "losAtmosphericPressure": ("Tiefer Luftdruck", "Low air pressure", "Niedriger Luft·druck"),  # sic, SDM
    "ice": ("Glätte", "Icy roads", "Glatte Wege"),
    "snow": ("Schneefall", "Snow", "Schnee"),
    "snowIce": ("Schnee und Glätte", "Snow and ice", "Schnee und glatte Wege"),
    "wind": ("Starker Wind", "Strong wind", "Starker Wind"),
    "fog": ("Nebel", "Fog", "Nebel"),
    "tornado": ("Tornado", "Tornado", "Tornado: sehr starker Wirbel·sturm"),
    "tropicalCyclone": ("Tropischer Wirbelsturm", "Tropical cyclone", "Sehr starker Wirbel·sturm"),
    "hurricane": ("Orkan", "Hurricane", "Sehr starker Sturm"),
    "badSeaState": ("Hoher Seegang", "Rough sea", "Hohe Wellen auf dem Meer"),
    "thunderstorms": ("Gewitter", "Thunderstorms", "Gewitter"),
    "fireRisk": ("Brandgefahr", "Fire risk", "Gefahr von Feuer"),
    "forestFire": ("Waldbrand", "Forest fire", "Feuer im Wald"),
    "avalancheRisk": ("Lawinengefahr", "Avalanche risk", "Gefahr von Lawinen"),
    "avalanches": ("Lawinengefahr", "Avalanche risk", "Gefahr von Lawinen"),
    # environment
    "airPollution": ("Luftverschmutzung", "Air pollution", "Schlechte Luft"),
    "waterPollution": ("Wasserverschmutzung", "Water pollution", "Schmutziges Wasser"),
    "pollenConcentration": ("Starker Pollenflug", "High pollen count", "Viele Pollen in der Luft"),
    # health
    "asthmaAttack": ("Asthmaanfall", "Asthma attack", "Asthma·anfall"),
    "bumpedPatient": ("Person verletzt", "Person injured", "Ein Mensch ist verletzt"),
    "fallenPatient": ("Person gestürzt", "Person has fallen", "Ein Mensch ist hin·gefallen"),
    "heartAttack": ("Herzinfarkt", "Heart attack", "Herz·infarkt"),
    # security
    "suspiciousAction": ("Verdächtige Beobachtung", "Suspicious activity", "Etwas ist verdächtig"),
    "robbery": ("Raub", "Robbery", "Raub"),
    "assault": ("Angriff", "Assault", "Angriff auf Menschen"),
    "civilDisorder": ("Unruhen", "Civil disorder", "Unruhe auf der Straße"),
    "buildingFire": ("Gebäudebrand", "Building fire", "Ein Haus brennt"),
}
# The agricultural sub-categories (snail, insect, fungus, irrigation, …) are left to their category.

CATEGORY_WORDS: dict[str, tuple[str, str, str]] = {
    "traffic": ("Verkehrsmeldung", "Traffic alert", "Meldung zum Verkehr"),
    "naturalDisaster": ("Naturgefahr", "Natural hazard", "Gefahr durch die Natur"),
    "weather": ("Wetterwarnung", "Weather warning", "Warnung vor dem Wetter"),
    "environment": ("Umweltwarnung", "Environmental alert", "Warnung für die Umwelt"),
    "health": ("Gesundheitswarnung", "Health alert", "Warnung für die Gesundheit"),
    "security": ("Sicherheitswarnung", "Security alert", "Warnung für die Sicherheit"),
    "agriculture": ("Hinweis für die Landwirtschaft", "Agricultural alert", "Hinweis für Bauern"),
}
GENERIC_WORDS = ("Warnung", "Alert", "Warnung")

_SEPARATORS = re.compile(r"[\s_/\-]+")


def _key(code: str) -> str:
    return _SEPARATORS.sub("", local_name(code.strip())).casefold()


_SUB = {_key(code): words for code, words in SUB_CATEGORY_WORDS.items()}
_CATEGORY = {_key(code): words for code, words in CATEGORY_WORDS.items()}


def alert_words(category: str | None, sub_category: str | None) -> tuple[str, str, str]:
    """(German, English, Leichte Sprache) for the codes: the sub-category's, else the category's."""
    if sub_category and _key(sub_category) in _SUB:
        return _SUB[_key(sub_category)]
    if category and _key(category) in _CATEGORY:
        return _CATEGORY[_key(category)]
    return GENERIC_WORDS


def alert_headline(category: str | None, sub_category: str | None, lang: str = "de") -> str:
    """The headline words in ``lang``: de, en, ls, else the first of its fallbacks (``kiosk.i18n.chain``)."""
    words = alert_words(category, sub_category)
    return words[LANGUAGES.index(next(code for code in chain(lang) if code in LANGUAGES))]


def alert_headlines(category: str | None, sub_category: str | None) -> dict[str, str]:
    """Every language at once, e.g. for a record that carries texts per language."""
    return dict(zip(LANGUAGES, alert_words(category, sub_category), strict=True))

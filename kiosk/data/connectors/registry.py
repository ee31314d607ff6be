"""Source kind → connector module. The data hub looks connectors up here by ``DataSource.kind``.

To add a connector: import its module and put it into ``MODULES`` (one line each); its ``KIND`` is the key.
"""

from __future__ import annotations

from kiosk.data.connectors import (
    brightsky,
    brightsky_alerts,
    ckan,
    ckan_resource,
    dwd_warnings,
    gtfs_rt,
    ical,
    ngsi_ld,
    ngsi_v2,
    nina,
    open311,
    pegelonline,
    rss,
)
from kiosk.data.coordinator import Connector

MODULES: tuple[Connector, ...] = (
    ngsi_ld,
    ngsi_v2,
    ckan,
    ckan_resource,
    open311,
    pegelonline,
    brightsky,
    brightsky_alerts,
    nina,
    dwd_warnings,
    gtfs_rt,
    ical,
    rss,
)

CONNECTORS: dict[str, Connector] = {module.KIND: module for module in MODULES}

"""A fleet of devices fed from a static, signed bundle: ``kiosk publish`` writes it, a device's sync
fetches, checks and switches to it, ``kiosk rollback`` goes back. No Qt here: the runtime drives it from a
worker thread (``kiosk.runtime.fleet_sync``)."""

"""What a device tells the people who run the fleet: its status on the MQTT doorbell, a Smart Data Models
``Device`` heartbeat for the NGSI-LD broker, Prometheus metrics, and ``kiosk fleet status``. No Qt here:
``kiosk.runtime.fleet_health`` drives it from the running kiosk."""

"""The one error family every connector raises; the coordinator turns it into ``last_error``."""


class ConnectorError(Exception):
    """A source could not be fetched or its payload could not be understood."""


class FetchError(ConnectorError):
    """Network, HTTP status, timeout, size limit or content type."""


class ParseError(ConnectorError):
    """The payload is not of the documented shape."""

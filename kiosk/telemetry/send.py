"""Sending a body to a server (the heartbeat upsert, a screenshot upload) with one total deadline.

The same socket watchdog as the connectors' reads (``data.deadline``): a broker that accepts the
connection and never answers is cut off at the deadline, not after minutes in ``recv``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import requests

ANSWER_BYTES = 4096  # what is read of an answer: enough for an error message


class SendError(Exception):
    """The body did not arrive: the server could not be reached, was too slow, or said no."""


def read_secret(path: str | None) -> str | None:
    """The first line of a secret file on the machine (a password, a token), or None without one."""
    if path is None:
        return None
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise SendError(f"cannot read {path}: {error.__class__.__name__}") from None
    return lines[0].strip() if lines else ""


class Sender:
    """One ``requests`` session whose requests each have a total deadline (used from one thread).

    The session (and ``requests`` itself) is made at the first send: a device whose fleet parts are all
    off never loads the HTTP stack for them (``tests/e2e/test_lazy_start.py``)."""

    def __init__(self) -> None:
        self._session: requests.Session | None = None

    @property
    def session(self) -> requests.Session:
        if self._session is None:
            import requests

            from kiosk.data.deadline import DeadlineAdapter
            from kiosk.data.http import USER_AGENT

            self._session = requests.Session()
            self._session.headers["User-Agent"] = USER_AGENT
            adapter = DeadlineAdapter()
            self._session.mount("http://", adapter)
            self._session.mount("https://", adapter)
        return self._session

    def send(
        self,
        method: str,
        url: str,
        body: bytes,
        content_type: str,
        timeout_s: float,
        headers: dict[str, str] | None = None,
    ) -> int:
        """Send ``body``; the answer's status (2xx), else ``SendError`` with the reason in a line."""
        import requests

        from kiosk.data.deadline import Deadline, watching

        session = self.session
        deadline = Deadline(timeout_s)
        sent = {"Content-Type": content_type, **(headers or {})}
        try:
            with watching(deadline):
                answer = session.request(
                    method, url, data=body, headers=sent, timeout=(timeout_s, timeout_s), stream=True
                )
                with answer:
                    text = (
                        answer.raw.read(ANSWER_BYTES, decode_content=True)
                        if answer.status_code >= 300
                        else b""
                    )
        except (requests.RequestException, OSError) as error:
            if deadline.fired.is_set() or isinstance(error, requests.Timeout):
                raise SendError(f"no answer from {_host(url)} within {timeout_s:g} s") from None
            raise SendError(f"cannot reach {_host(url)}: {type(error).__name__}") from None
        finally:
            deadline.finish()
        if answer.status_code >= 300 or answer.status_code == 207:  # 207: some entities were refused
            detail = text.decode("utf-8", "replace").strip().replace("\n", " ")[:200]
            raise SendError(
                f"HTTP {answer.status_code} from {_host(url)}" + (f": {detail}" if detail else "")
            )
        return answer.status_code

    def close(self) -> None:
        if self._session is not None:
            self._session.close()


def _host(url: str) -> str:
    from urllib.parse import urlsplit

    return urlsplit(url).netloc or url

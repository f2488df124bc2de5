"""The SMS channel behind one small interface; a real provider is a setting away."""

import json
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.utils.module_loading import import_string


class SmsBackend:
    """Send one text message; raise on failure."""

    def send(self, phone: str, text: str) -> None:  # pragma: no cover - interface
        raise NotImplementedError


class ConsoleBackend(SmsBackend):
    """Print messages (development)."""

    def send(self, phone: str, text: str) -> None:
        print(f"[短信] {phone}: {text}")


class FileBackend(SmsBackend):
    """Append messages as JSON lines to a file (tests, intranets without a gateway)."""

    def send(self, phone: str, text: str) -> None:
        path = Path(getattr(settings, "SMS_FILE_PATH", settings.DATA_DIR / "sms.log"))
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as f:
            f.write(json.dumps({"at": datetime.now().isoformat(), "phone": phone,
                                "text": text}, ensure_ascii=False) + "\n")


class DisabledBackend(SmsBackend):
    def send(self, phone: str, text: str) -> None:
        raise RuntimeError("短信通道未启用")


def backend() -> SmsBackend:
    """Return the configured backend (settings.SMS_BACKEND, a dotted class path)."""
    return import_string(settings.SMS_BACKEND)()

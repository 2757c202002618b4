"""Why a card could not be read, as values the UI can turn into words, voice and a way forward.

Every error carries a `reason` code (stable, for the UI and tests) and a message in Chinese and
English. All are `KioskError`s, so the CLI prints them without a traceback.
"""

from __future__ import annotations

from typing import Literal

from kiosk.errors import KioskError

Reason = Literal["no_reader", "removed", "unreadable", "unknown_card", "blocked", "timeout"]


class CardError(KioskError):
    reason: Reason = "unreadable"
    default_message = "读卡失败，请重新插卡，或手工输入身份证号 / the card could not be read"

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or self.default_message)


class NoReaderError(CardError):
    reason: Reason = "no_reader"
    default_message = ("没有找到读卡器，请联系管理员，或手工输入身份证号 / "
                       "no card reader (is pcscd running and the reader plugged in?)")


class CardRemovedError(CardError):
    reason: Reason = "removed"
    default_message = "读卡时卡被拔出，请重新插卡 / the card was removed while it was being read"


class CardUnreadableError(CardError):
    reason: Reason = "unreadable"


class UnknownCardError(CardError):
    reason: Reason = "unknown_card"
    default_message = ("无法识别这张卡，请插入社会保障卡或银行卡，或手工输入身份证号 / "
                       "unknown card: neither a social-security nor a bank card application")


class CardBlockedError(CardError):
    reason: Reason = "blocked"
    default_message = ("这张卡的应用已被锁定，请到银行或社保网点处理，或手工输入身份证号 / "
                       "the card's application is blocked")


class CardTimeoutError(CardError):
    reason: Reason = "timeout"
    default_message = "等待插卡超时 / no card was inserted in time"

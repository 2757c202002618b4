"""The contract's rules for ratings and feedback (sections 9 and 10), checked before storing.

Every problem is collected with its words in Chinese and English, so the screen and the CLI
refuse in the villager's language and nothing half-valid is ever stored or sent.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from kiosk.errors import KioskError

RATING_WORDS_ZH = {5: "非常满意", 4: "满意", 3: "基本满意", 2: "不满意", 1: "非常不满意"}
RATING_WORDS_EN = {5: "very satisfied", 4: "satisfied", 3: "basically satisfied",
                   2: "dissatisfied", 1: "very dissatisfied"}
EVALUATION_REASONS_ZH = {
    "slow": "办理太慢", "unclear_guidance": "指引不清楚", "repeated_visits": "跑了好几趟",
    "attitude": "服务态度差", "not_handled": "事情没办成", "device_problem": "机器有问题",
    "other": "其他原因",
}
FEEDBACK_KINDS_ZH = {"question": "疑问", "objection": "异议", "complaint": "投诉"}
SUBJECT_TYPES = ("disclosure", "payment", "subsidy", "general")
FEEDBACK_REASONS_ZH = {
    "amount_unclear": "金额看不懂", "item_unclear": "事项看不懂", "not_received": "没有收到",
    "amount_wrong": "金额不对", "wrong_person": "不是本人/发错人", "late": "发放太晚",
    "other": "其他",
}
COMMENT_MAX = 500
TEXT_MAX = 1000
_MOBILE = re.compile(r"1[3-9]\d{9}")


class VoiceInvalid(KioskError):
    """A rating or feedback that breaks the contract's rules; nothing was stored."""

    exit_code = 1

    def __init__(self, problems: Mapping[str, tuple[str, str]]) -> None:
        self.problems = dict(problems)
        lines = [f"{name}: {zh} / {en}" for name, (zh, en) in self.problems.items()]
        super().__init__("未保存 / nothing was stored:\n  " + "\n  ".join(lines))

    @property
    def words_zh(self) -> str:
        return "；".join(zh for zh, _en in self.problems.values())


def normalize_phone(phone: str | None) -> str | None:
    """Digits of a typed phone (spaces and dashes dropped); None when nothing was typed."""
    if phone is None:
        return None
    value = re.sub(r"[\s\-]", "", phone)
    return value or None


def check_phone(phone: str | None, problems: dict[str, tuple[str, str]]) -> None:
    if phone is not None and not _MOBILE.fullmatch(phone):
        problems["contact_phone"] = ("手机号应为以1开头的11位数字",
                                     "the call-back phone must be an 11-digit mobile number")


def evaluation_problems(rating: object, reasons: Sequence[str], comment: str,
                        phone: str | None) -> dict[str, tuple[str, str]]:
    """Section 9: rating 1-5; reasons required when <= 2 and empty otherwise; comment <= 500."""
    problems: dict[str, tuple[str, str]] = {}
    if not isinstance(rating, int) or isinstance(rating, bool) or rating not in RATING_WORDS_ZH:
        problems["rating"] = ("评价应为1到5（5非常满意，1非常不满意）",
                              "the rating must be 1 to 5 (5 very satisfied, 1 very dissatisfied)")
    unknown = [r for r in reasons if r not in EVALUATION_REASONS_ZH]
    if unknown:
        problems["reasons"] = (f"不认识的原因：{'、'.join(unknown)}",
                               f"unknown reason code(s): {', '.join(unknown)} (known: "
                               f"{', '.join(EVALUATION_REASONS_ZH)})")
    elif isinstance(rating, int) and rating <= 2 and not reasons:
        problems["reasons"] = ("不满意时请至少选一个原因",
                               "a rating of 2 or 1 needs at least one reason")
    elif isinstance(rating, int) and rating >= 3 and reasons:
        problems["reasons"] = ("满意的评价不需要选原因",
                               "reasons are only given with a rating of 2 or 1")
    if len(reasons) != len(set(reasons)):
        problems["reasons"] = ("原因重复了", "a reason is given twice")
    if len(comment) > COMMENT_MAX:
        problems["comment"] = (f"意见最多{COMMENT_MAX}个字，现在有{len(comment)}个字",
                               f"the comment is {len(comment)} characters; at most {COMMENT_MAX}")
    check_phone(phone, problems)
    return problems


def feedback_problems(kind: str, subject_type: str, subject_id: str | None,
                      line: int | None, reasons: Sequence[str], text: str, phone: str | None,
                      anonymous: bool) -> dict[str, tuple[str, str]]:
    """Section 10: kinds, subjects, reason codes, text <= 1000, reasons or text, anonymity."""
    problems: dict[str, tuple[str, str]] = {}
    if kind not in FEEDBACK_KINDS_ZH:
        problems["kind"] = ("类型应为疑问、异议或投诉",
                            "kind must be question, objection or complaint")
    if subject_type not in SUBJECT_TYPES:
        problems["subject.type"] = ("对象应为公开事项、补贴发放、补贴项目或一般问题",
                                    "subject type must be disclosure, payment, subsidy or "
                                    "general")
    elif subject_type == "general" and subject_id:
        problems["subject.id"] = ("一般问题不需要对象编号",
                                  "a general question names no subject id")
    elif subject_type != "general" and not subject_id:
        problems["subject.id"] = ("请说明是哪一项", f"a {subject_type} subject needs its id")
    if line is not None and (subject_type != "disclosure" or line < 0):
        problems["subject.line"] = ("只有公开事项的明细行可以指定行号",
                                    "a line index (0 or more) only goes with a disclosure")
    unknown = [r for r in reasons if r not in FEEDBACK_REASONS_ZH]
    if unknown:
        problems["reasons"] = (f"不认识的原因：{'、'.join(unknown)}",
                               f"unknown reason code(s): {', '.join(unknown)} (known: "
                               f"{', '.join(FEEDBACK_REASONS_ZH)})")
    if len(text) > TEXT_MAX:
        problems["text"] = (f"内容最多{TEXT_MAX}个字，现在有{len(text)}个字",
                            f"the text is {len(text)} characters; at most {TEXT_MAX}")
    if not reasons and not text.strip():
        problems["text"] = ("请写几句话或选一个原因", "give a reason or a text (or both)")
    if anonymous and phone is not None:
        problems["contact_phone"] = ("匿名时不能留电话", "an anonymous question leaves no phone")
    else:
        check_phone(phone, problems)
    return problems

"""Student privacy: the one home of the rules that keep a student unidentifiable.

A workspace may sit on a hosted git remote, so it holds no student's name and
no student number (both are personally identifiable under FERPA), only a
code the program assigns (`S-0427`), whose link to the student stays in the
school's student information system. The settings' `student_code` pattern
says what a code looks like; every place a code enters partnerctl (a
placement file, `placement add --student`, an import) is checked here, with
one wording. Light on purpose: no pydantic, no yaml.
"""

from __future__ import annotations

import re

# Values a code pattern must refuse: if it takes one of these, it takes names.
NAME_SAMPLES = ("Maria Lopez", "Lopez, Maria", "maria.lopez", "Lopez", "maria")
PRIVACY = "student privacy"
CODE_RULE = (
    "placements keep only the program's pseudonymous student code, never a name or a "
    "student number; the link from code to student stays in the student information system"
)


def code_pattern_problem(pattern: str) -> tuple[str, str] | None:
    """(message, hint) when the settings' `student_code` pattern is unusable, else None.

    It must be a regular expression that refuses an empty code and names.
    """
    example = "describe the program's codes, for example ^S-[0-9]{4}$"
    try:
        compiled = re.compile(pattern)
    except re.error as err:
        return f"{pattern!r} is not a regular expression: {err}", example
    if compiled.fullmatch(""):
        return f"{pattern!r} accepts an empty code", example
    for sample in NAME_SAMPLES:
        if compiled.fullmatch(sample):
            return f"{pattern!r} accepts names such as {sample!r} ({PRIVACY})", example
    return None


def is_student_code(value: str, pattern: str) -> bool:
    """Whether `value` is a code the settings' pattern describes (the whole of it)."""
    return re.fullmatch(pattern, value) is not None


def code_problem(value: str, pattern: str) -> tuple[str, str] | None:
    """(message, hint) when `value` is not a student code, else None."""
    if is_student_code(value, pattern):
        return None
    looks = "looks like a name" if any(ch.isspace() for ch in value.strip()) else "is not a code"
    return (
        f"{value!r} {looks}: it does not match student_code {pattern!r} ({PRIVACY})",
        CODE_RULE,
    )


def code_in_id(placement_id: str, student: str) -> bool:
    """Whether a placement's id (its file's name) spells the student's code.

    The id is shown wherever the placement is, `--no-students` output included,
    so it must not hold the code (any case or punctuation).
    """
    code = re.findall(r"[a-z0-9]+", student.lower())
    words = re.findall(r"[a-z0-9]+", placement_id.lower())
    if not code:
        return False
    return any(
        words[start : start + len(code)] == code for start in range(len(words) - len(code) + 1)
    )


STUDENT_KEY = "student"


def without_students(data: object) -> object:
    """`data` (JSON-ready) without any `student` key, at any depth, for --no-students."""
    if isinstance(data, dict):
        return {k: without_students(v) for k, v in data.items() if k != STUDENT_KEY}
    if isinstance(data, list):
        return [without_students(item) for item in data]
    return data

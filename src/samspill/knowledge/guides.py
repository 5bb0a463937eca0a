"""Walking a guide: from the answers so far (option numbers) to the current step or the result."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _


class GuideError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def check_steps(steps) -> None:
    """Refuse a guide that would strand a reader: unknown or repeated keys, loops, dead ends."""
    by_key = {}
    for step in steps:
        key = step.value["key"]
        if key in by_key:
            raise GuideError(_("Two steps have the key “%(key)s”.") % {"key": key})
        by_key[key] = step
    if not steps:
        return
    if steps[0].block_type != "question":
        raise GuideError(_("The first step must be a question."))
    for step in steps:
        if step.block_type == "question":
            for option in step.value["options"]:
                if option["next"] not in by_key:
                    raise GuideError(
                        _(
                            "The option “%(label)s” leads to the step “%(key)s”, which does not exist."
                        )
                        % {"label": option["label"], "key": option["next"]}
                    )
    # Every path from the first step must end in a result, without going round in a loop.
    state: dict[str, int] = {}

    def visit(key: str, trail: tuple) -> None:
        if state.get(key) == 2:
            return
        if state.get(key) == 1:
            raise GuideError(
                _("The steps go round in a loop: %(trail)s.") % {"trail": " → ".join((*trail, key))}
            )
        state[key] = 1
        step = by_key[key]
        if step.block_type == "question":
            for option in step.value["options"]:
                visit(option["next"], (*trail, key))
        state[key] = 2

    visit(steps[0].value["key"], ())
    unreachable = [key for key in by_key if key not in state]
    if unreachable:
        raise GuideError(
            _("No option leads to these steps: %(keys)s.") % {"keys": ", ".join(unreachable)}
        )


@dataclass
class Walk:
    """Where a reader is in a guide: the answers given, the current step, and links back."""

    trail: list = field(default_factory=list)  # [(question step, chosen option)]
    step: object = None  # the current StreamChild (question or result)
    answers: list[str] = field(default_factory=list)

    @property
    def is_result(self) -> bool:
        return self.step is not None and self.step.block_type == "result"

    @property
    def step_number(self) -> int:
        return len(self.trail) + 1

    def back_query(self) -> str:
        return "&".join(f"svar={a}" for a in self.answers[:-1])


def walk(page, answers: list[str]) -> Walk:
    """Follow `answers` (option numbers as strings) from the first step. Raises ValueError."""
    steps = list(page.steps)
    if not steps:
        return Walk()
    by_key = {step.value["key"]: step for step in steps}
    current = steps[0]
    result = Walk(answers=list(answers))
    for answer in answers:
        if current.block_type != "question" or not answer.isdigit():
            raise ValueError(answer)
        options = current.value["options"]
        index = int(answer)
        if index >= len(options) or options[index]["next"] not in by_key:
            raise ValueError(answer)
        result.trail.append((current, options[index]))
        current = by_key[options[index]["next"]]
        if len(result.trail) > len(steps):
            raise ValueError("loop")
    result.step = current
    return result

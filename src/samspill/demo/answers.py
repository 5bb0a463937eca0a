"""The answer finder's part of the demo hub: the index over everything the demo wrote.

Runs last. The field's synonyms and abbreviations come with the hub's skeleton
(`samspill.answers.skeleton`), which core's demo builder builds first.
"""

from samspill.answers import services


def build() -> None:
    services.rebuild()

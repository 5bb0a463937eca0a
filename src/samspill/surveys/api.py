"""Surveys in the open API: list, questions, responses."""

from ninja import Router

router = Router(tags=["surveys"])

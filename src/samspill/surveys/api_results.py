"""Public survey results in the open API."""

from ninja import Router

router = Router(tags=["surveys"])

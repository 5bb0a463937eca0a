"""Signals core sends for other apps to follow (core itself never imports them)."""

from django.dispatch import Signal

# Sent (with `organisation`) after an organisation's memberships started or stopped counting, such
# as when a hub editor approves a submitted organisation: derived rights (Wagtail groups) follow.
organisation_rights_changed = Signal()

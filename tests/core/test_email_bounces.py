"""Bounces reported by the mail provider become "bounced" in the email log, under their kind."""

import io

import pytest
from django.core.management import call_command

from samspill.core.mail import email_bounced, email_report
from samspill.core.models import EmailLog, EmailStatus

pytestmark = pytest.mark.django_db


def test_the_latest_sent_email_to_the_address_is_counted_as_bounced():
    EmailLog.objects.create(kind="events.reminder", address="a@example.org", status="sent")
    latest = EmailLog.objects.create(kind="core.digest", address="A@example.org", status="sent")
    assert email_bounced("a@example.org") is True
    assert EmailLog.objects.get(pk=latest.pk).status == EmailStatus.BOUNCED
    report = {row["kind"]: row for row in email_report()}
    assert report["core.digest"]["bounced"] == 1 and report["events.reminder"]["bounced"] == 0
    assert email_bounced("unknown@example.org") is False
    assert email_bounced("  ") is False


def test_the_command_reads_lines_or_a_csv_export(monkeypatch):
    for address in ("x@example.org", "y@example.org", "z@example.org"):
        EmailLog.objects.create(kind="core.newsletter", address=address, status="sent")
    out = io.StringIO()
    monkeypatch.setattr(
        "sys.stdin", io.StringIO("x@example.org\nnot an address\nnobody@example.org\n")
    )
    call_command("email_bounces", stdout=out)
    assert "1 of 2 addresses" in out.getvalue()
    monkeypatch.setattr(
        "sys.stdin", io.StringIO("Date,Email,Reason\n2026-12-07,y@example.org,550\n")
    )
    call_command("email_bounces", "-", stdout=out)
    assert EmailLog.objects.filter(status="bounced").count() == 2

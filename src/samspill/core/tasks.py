"""Background work of core. Runs in `samspill worker`; tests use the immediate backend."""

from django.core.mail import EmailMultiAlternatives
from django_tasks import task


@task()
def send_email(
    *,
    subject: str,
    body: str,
    to: list[str],
    html: str | None = None,
    from_email: str | None = None,
    reply_to: list[str] | None = None,
    headers: dict[str, str] | None = None,
    attachments: list[list[str]] | None = None,
) -> None:
    message = EmailMultiAlternatives(
        subject=subject,
        body=body,
        from_email=from_email,
        to=to,
        reply_to=reply_to,
        headers=headers,
    )
    if html:
        message.attach_alternative(html, "text/html")
    for name, content, mimetype in attachments or ():
        message.attach(name, content, mimetype)
    message.send()

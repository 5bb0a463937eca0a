"""Every write in the network: one transaction and one audit entry each."""

from datetime import timedelta

from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samspill.core import services as core_services
from samspill.core.errors import Conflict, InvalidInput, NotFound, NotPermitted
from samspill.core.models import Membership, Organisation, Role
from samspill.core.permissions import can_manage_memberships, is_hub_admin
from samspill.core.services import audit_log
from samspill.core.validators import normalise_org_number
from samspill.network import contact, notices, search
from samspill.network import emails as network_emails
from samspill.network.models import (
    Approval,
    DigestSubscription,
    Direction,
    Invitation,
    JoinRequest,
    NeedOffer,
    NeedOfferCategory,
    OrganisationProfile,
    RequestStatus,
)
from samspill.network.selectors import listed_organisations, matches_for
from samspill.network.tokens import INVITATION_DAYS, INVITATION_SALT


def profile_for(organisation) -> OrganisationProfile:
    profile, _created = OrganisationProfile.objects.get_or_create(organisation=organisation)
    return profile


def needs_offers_set(*, actor, organisation, needs: dict, offers: dict) -> list[NeedOffer]:
    """Replace what an organisation needs and offers: {category (or its id): "own words"}.

    Categories unknown to the taxonomy, or a line over 280 characters, are refused; the same
    category may be both a need and an offer (a studio that offers recording and needs more)."""
    known = {c.pk: c for c in NeedOfferCategory.objects.all()}
    wanted = []
    for direction, items in ((Direction.NEED, needs), (Direction.OFFER, offers)):
        for key, text in (items or {}).items():
            pk = getattr(key, "pk", key)
            try:
                category = known[int(pk)]
            except (KeyError, TypeError, ValueError) as error:
                raise InvalidInput(
                    _("Unknown need or offer: %(key)s.") % {"key": key}, field=direction
                ) from error
            text = (text or "").strip()
            if len(text) > 280:
                raise InvalidInput(
                    _("“%(category)s”: at most 280 characters.") % {"category": category.label},
                    field=direction,
                )
            wanted.append(
                NeedOffer(
                    organisation=organisation, direction=direction, category=category, text=text
                )
            )
    with transaction.atomic():
        with search.paused():  # one reindex after the commit, not one per replaced row
            NeedOffer.objects.filter(organisation=organisation).delete()
        created = NeedOffer.objects.bulk_create(wanted)
        profile = profile_for(organisation)
        profile.last_active_at = timezone.now()
        profile.save(update_fields=["last_active_at"])
        audit_log(
            actor=actor,
            action="network.needs_offers.updated",
            target=organisation,
            data={
                "needs": sorted(n.category.slug for n in wanted if n.direction == Direction.NEED),
                "offers": sorted(n.category.slug for n in wanted if n.direction == Direction.OFFER),
            },
        )
        # bulk_create sends no signal: the directory's search learns the new texts here.
        transaction.on_commit(lambda: _organisation_changed(organisation))
    return created


# --- The contact relay ---------------------------------------------------------------------------


def contact_send(
    *, actor, recipients, target, subject: str, message: str, page_url: str, about=None
) -> int:
    """A signed-in person writes to an organisation's administrators or to a listed person: one
    email each through the relay (`contact`), and an audit entry. Returns how many were queued.
    Nobody to write to (an organisation without administrators yet, or oneself) is a `Conflict`."""
    if not recipients:
        raise Conflict(_("There is nobody to receive messages here yet."))
    with transaction.atomic():
        sent = contact.relay(
            sender=actor,
            recipients=recipients,
            subject=subject,
            message=message,
            about=about,
            page_url=page_url,
        )
        audit_log(
            actor=actor,
            action="network.contact.sent",
            target=target,
            data={"recipients": len(recipients)},
        )
    return sent


# --- A person's data -----------------------------------------------------------------------------


def personal_data_erase(*, user) -> int:
    """Before an account is deleted (core's `user_delete`): requests to join and digests go with
    the account (their foreign keys cascade); invitations sent to the person's address are deleted
    here. Returns how many invitations went."""
    with transaction.atomic():
        deleted, _rows = Invitation.objects.filter(email__iexact=user.email).delete()
        if deleted:
            audit_log(
                actor=None,
                action="network.invitation.erased",
                target=user,
                data={"count": deleted},
            )
    return deleted


# --- Search index ---------------------------------------------------------------------------------
# Every service that changes what the directory can find about an organisation ends here.


def _organisation_changed(organisation) -> None:
    """Called after the commit when an organisation's listing, profile or needs and offers
    changed: the directory's search table follows."""
    search.reindex(organisation)


# --- Creating an organisation (a hub editor approves it) ------------------------------------------

SUBMITTED_FIELDS = {
    "name",
    "kind",
    "country",
    "municipality",
    "org_number",
    "website",
    "summary",
    "description",
}


def _check_org_number_free(*, country: str, org_number: str) -> None:
    number = normalise_org_number(org_number or "")
    if number and Organisation.objects.filter(country=country, org_number=number).exists():
        raise Conflict(
            _(
                "An organisation with this organisation number is already in the hub. Ask to join "
                "it instead, or check the number."
            ),
            field="org_number",
        )


def organisation_submit(*, actor, **fields) -> Organisation:
    """A signed-in person creates an organisation: unlisted, waiting for a hub editor's approval,
    with the person as its admin. The hub admins get an email.

    Until it is approved the admin role grants nothing (no admin access, no editing, no
    reviewing): `NetworkConfig.ready` registers pending and declined organisations with core."""
    if not (actor and actor.is_authenticated):
        raise NotPermitted()
    unknown = set(fields) - SUBMITTED_FIELDS
    if unknown:
        raise TypeError(f"Unknown organisation fields: {sorted(unknown)}")
    _check_org_number_free(country=fields.get("country", ""), org_number=fields.get("org_number"))
    with transaction.atomic():
        organisation = core_services.organisation_create(actor=actor, is_public=False, **fields)
        OrganisationProfile.objects.update_or_create(
            organisation=organisation,
            defaults={
                "approval": Approval.PENDING,
                "submitted_by": actor,
                "decision_note": "",
            },
        )
        core_services.membership_create(
            actor=actor, organisation=organisation, user=actor, role=Role.ADMIN
        )
        audit_log(actor=actor, action="network.organisation.submitted", target=organisation)
        transaction.on_commit(lambda: _organisation_changed(organisation))
        transaction.on_commit(
            lambda: network_emails.send_organisation_submitted(organisation, submitter=actor)
        )
    return organisation


def _decide_organisation(*, actor, organisation, approve: bool, note: str) -> OrganisationProfile:
    if not is_hub_admin(actor):
        raise NotPermitted()
    note = (note or "").strip()
    if len(note) > 300:
        raise InvalidInput(_("The note can be at most 300 characters."), field="note")
    with transaction.atomic():
        profile = profile_for(organisation)
        profile = OrganisationProfile.objects.select_for_update().get(pk=profile.pk)
        if profile.approval != Approval.PENDING:
            raise Conflict(_("This organisation has already been decided on."))
        profile.approval = Approval.APPROVED if approve else Approval.DECLINED
        profile.decision_note = note
        profile.save(update_fields=["approval", "decision_note"])
        organisation = Organisation.objects.get(pk=organisation.pk)
        if organisation.is_public != approve:
            organisation.is_public = approve
            organisation.save(update_fields=["is_public", "updated_at"])
        audit_log(
            actor=actor,
            action="network.organisation.approved" if approve else "network.organisation.declined",
            target=organisation,
            data={"note": note},
        )
        # Approving is what gives the submitter and the other members their roles' rights.
        transaction.on_commit(
            lambda: core_services.organisation_rights_changed(organisation=organisation)
        )
        transaction.on_commit(lambda: network_emails.send_organisation_decided(profile))
        transaction.on_commit(lambda: _organisation_changed(organisation))
    profile.organisation = organisation
    return profile


def organisation_approve(*, actor, organisation, note: str = "") -> OrganisationProfile:
    """A hub editor approves a submitted organisation: it is listed, and its submitter is told."""
    return _decide_organisation(actor=actor, organisation=organisation, approve=True, note=note)


def organisation_decline(*, actor, organisation, note: str = "") -> OrganisationProfile:
    """A hub editor declines a submitted organisation: it stays unlisted; the submitter is told."""
    return _decide_organisation(actor=actor, organisation=organisation, approve=False, note=note)


# --- Asking to join -------------------------------------------------------------------------------


def join_request_create(*, actor, organisation, message: str = "") -> JoinRequest:
    """A signed-in person asks to join a listed organisation; its admins get an email."""
    if not (actor and actor.is_authenticated):
        raise NotPermitted()
    if not listed_organisations().filter(pk=organisation.pk).exists():
        raise NotFound()
    message = (message or "").strip()
    if len(message) > 500:
        raise InvalidInput(_("The message can be at most 500 characters."), field="message")
    if Membership.objects.filter(organisation=organisation, user=actor).exists():
        raise Conflict(_("You are already a member of %(name)s.") % {"name": organisation.name})
    try:
        with transaction.atomic():
            join_request = JoinRequest.objects.create(
                user=actor, organisation=organisation, message=message
            )
            audit_log(
                actor=actor,
                action="network.join_request.created",
                target=organisation,
                data={"join_request": join_request.pk, "user": actor.pk},
            )
            transaction.on_commit(lambda: network_emails.send_join_requested(join_request))
            notices.join_requested(join_request)
    except IntegrityError as error:
        raise Conflict(
            _(
                "You have already asked to join %(name)s. Its administrators will answer you "
                "by email."
            )
            % {"name": organisation.name}
        ) from error
    return join_request


def _decide_join_request(*, actor, join_request, approve: bool) -> JoinRequest:
    organisation = join_request.organisation
    if not can_manage_memberships(actor, organisation):
        raise NotPermitted()
    with transaction.atomic():
        join_request = (
            JoinRequest.objects.select_for_update()
            .select_related("user", "organisation")
            .get(pk=join_request.pk)
        )
        if join_request.status != RequestStatus.PENDING:
            raise Conflict(_("This request has already been answered."))
        if (
            approve
            and not Membership.objects.filter(
                organisation=organisation, user=join_request.user
            ).exists()
        ):
            core_services.membership_create(
                actor=actor, organisation=organisation, user=join_request.user, role=Role.MEMBER
            )
            # A new member follows their organisation (the follows page says "automatically").
            notices.auto_follow_organisation(join_request.user, organisation)
            notices.member_joined(organisation, join_request.user, actor=actor)
        join_request.status = RequestStatus.APPROVED if approve else RequestStatus.DECLINED
        join_request.decided_at = timezone.now()
        join_request.decided_by = actor
        join_request.save(update_fields=["status", "decided_at", "decided_by"])
        audit_log(
            actor=actor,
            action=(
                "network.join_request.approved" if approve else "network.join_request.declined"
            ),
            target=organisation,
            data={"join_request": join_request.pk, "user": join_request.user_id},
        )
        transaction.on_commit(lambda: network_emails.send_join_decided(join_request))
    return join_request


def join_request_approve(*, actor, join_request) -> JoinRequest:
    """An admin of the organisation (or a hub admin) lets the person in, as a member."""
    return _decide_join_request(actor=actor, join_request=join_request, approve=True)


def join_request_decline(*, actor, join_request) -> JoinRequest:
    return _decide_join_request(actor=actor, join_request=join_request, approve=False)


# --- Invitations ----------------------------------------------------------------------------------

INVITABLE_ROLES = (Role.MEMBER, Role.EDITOR)
MAX_INVITATIONS_AT_ONCE = 20


class InvitationExpired(InvalidInput):
    code = "invitation_expired"
    default_message = gettext_lazy(
        "This invitation has expired. Ask the organisation to send you a new one."
    )


def invitation_from_token(token: str) -> Invitation:
    """The invitation a token names; NotFound when the token is forged or the invitation gone.

    A token older than its validity is still recognised (so the page can say it has expired);
    whether it can be accepted is `Invitation.is_open`, checked by `invitation_accept`."""
    try:
        pk = signing.loads(token, salt=INVITATION_SALT, max_age=INVITATION_DAYS * 86400)
    except signing.SignatureExpired:
        try:
            pk = signing.loads(token, salt=INVITATION_SALT)
        except signing.BadSignature as error:
            raise NotFound() from error
    except signing.BadSignature as error:
        raise NotFound() from error
    invitation = (
        Invitation.objects.select_related("organisation", "invited_by").filter(pk=pk).first()
        if isinstance(pk, int)
        else None
    )
    if invitation is None:
        raise NotFound()
    return invitation


def invitation_send(*, actor, organisation, emails: list[str], role: str = Role.MEMBER):
    """An admin of the organisation invites people by email. Returns (sent invitations, addresses
    skipped because they already belong to the organisation)."""
    if not can_manage_memberships(actor, organisation):
        raise NotPermitted()
    if role not in INVITABLE_ROLES:
        raise InvalidInput(_("Invite people as members or editors."), field="role")
    wanted, seen = [], set()
    for raw in emails:
        email = (raw or "").strip()
        if not email or email.lower() in seen:
            continue
        try:
            validate_email(email)
        except ValidationError as error:
            raise InvalidInput(
                _("“%(email)s” is not a valid email address.") % {"email": email}, field="emails"
            ) from error
        seen.add(email.lower())
        wanted.append(email)
    if not wanted:
        raise InvalidInput(_("Give at least one email address."), field="emails")
    if len(wanted) > MAX_INVITATIONS_AT_ONCE:
        raise InvalidInput(
            _("Invite at most %(count)s people at once.") % {"count": MAX_INVITATIONS_AT_ONCE},
            field="emails",
        )
    members = {
        e.lower()
        for e in Membership.objects.filter(
            organisation=organisation, user__email__in=[*wanted, *(e.lower() for e in wanted)]
        ).values_list("user__email", flat=True)
    }
    skipped = [e for e in wanted if e.lower() in members]
    now = timezone.now()
    with transaction.atomic():
        sent = Invitation.objects.bulk_create(
            [
                Invitation(
                    organisation=organisation,
                    invited_by=actor,
                    email=email,
                    role=role,
                    created_at=now,
                    expires_at=now + timedelta(days=INVITATION_DAYS),
                )
                for email in wanted
                if email.lower() not in members
            ]
        )
        if sent:
            audit_log(
                actor=actor,
                action="network.invitation.sent",
                target=organisation,
                data={"count": len(sent), "role": role},
            )
        for invitation in sent:
            transaction.on_commit(
                lambda invitation=invitation: network_emails.send_invitation(invitation)
            )
    return sent, skipped


def invitation_accept(*, actor, invitation: Invitation) -> Invitation:
    """The invited person (signed in) accepts: a membership with the invited role. Accepting again
    changes nothing; an invitation already used by someone else, or expired, is refused.

    `signed_up` is set when the account was created after the invitation was sent."""
    if not (actor and actor.is_authenticated):
        raise NotPermitted()
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update()
            .select_related("organisation")
            .get(pk=invitation.pk)
        )
        if invitation.accepted_at is not None:
            if invitation.accepted_by_id == actor.pk:
                return invitation
            raise Conflict(_("This invitation has already been used."))
        if invitation.expires_at <= timezone.now():
            raise InvitationExpired()
        organisation = invitation.organisation
        if not Membership.objects.filter(organisation=organisation, user=actor).exists():
            core_services.membership_create(
                actor=actor, organisation=organisation, user=actor, role=invitation.role
            )
            invitation.now_following = notices.auto_follow_organisation(actor, organisation)
            notices.member_joined(organisation, actor, actor=actor)
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = actor
        invitation.signed_up = actor.date_joined >= invitation.created_at
        invitation.save(update_fields=["accepted_at", "accepted_by", "signed_up"])
        audit_log(
            actor=actor,
            action="network.invitation.accepted",
            target=organisation,
            data={"invitation": invitation.pk, "signed_up": invitation.signed_up},
        )
    return invitation


# --- The weekly match email -----------------------------------------------------------------------
# Members opt in per organisation; `digests_send_due` sends what is due. Each subscription gets at
# most one email a week, even when several workers run at once: a conditional UPDATE of
# `last_sent_at` claims it before the email is queued. A person who left the organisation loses the
# subscription; a week without matches sends nothing.

DIGEST_INTERVAL = timedelta(days=7)
# A weekly cron that fires a little early must not skip a week.
DIGEST_SLACK = timedelta(hours=1)
MATCHES_PER_EMAIL = 5


def digest_subscribe(*, user, organisation, on: bool) -> bool:
    """Turn the weekly match email on or off for a member of the organisation. Returns whether
    anything changed (turning on twice, or off twice, is harmless)."""
    if not (
        user.is_authenticated
        and Membership.objects.filter(user=user, organisation=organisation).exists()
    ):
        raise NotPermitted(_("Only members of the organisation can get its match suggestions."))
    with transaction.atomic():
        if on:
            _subscription, changed = DigestSubscription.objects.get_or_create(
                user=user, organisation=organisation
            )
        else:
            deleted, _rows = DigestSubscription.objects.filter(
                user=user, organisation=organisation
            ).delete()
            changed = bool(deleted)
        if changed:
            audit_log(
                actor=user,
                action="network.digest.changed",
                target=organisation,
                data={"user": user.pk, "on": on},
            )
    return changed


def digests_remove_departed() -> int:
    """Subscriptions of people no longer members of the organisation (or no longer active)."""
    member = Membership.objects.filter(
        user_id=OuterRef("user_id"), organisation_id=OuterRef("organisation_id")
    )
    gone = DigestSubscription.objects.filter(~Exists(member) | Q(user__is_active=False))
    deleted, _rows = gone.delete()
    return deleted


def digests_send_due(now=None) -> int:
    """Send every subscription's weekly email that is due; returns how many were sent.

    Safe to run often and from several workers: each subscription is claimed by a conditional
    UPDATE of its `last_sent_at`, so it is sent at most once a week."""
    now = now or timezone.now()
    digests_remove_departed()
    due = (
        DigestSubscription.objects.filter(
            Q(last_sent_at__isnull=True) | Q(last_sent_at__lte=now - DIGEST_INTERVAL + DIGEST_SLACK)
        )
        .select_related("user", "organisation__municipality")
        .order_by("organisation_id", "pk")
    )
    matches_of: dict[int, list] = {}
    sent = 0
    for subscription in due:
        organisation = subscription.organisation
        if organisation.pk not in matches_of:
            matches_of[organisation.pk] = matches_for(organisation, limit=MATCHES_PER_EMAIL)
        matches = matches_of[organisation.pk]
        if not matches:
            continue
        with transaction.atomic():
            previous = subscription.last_sent_at
            claim = DigestSubscription.objects.filter(pk=subscription.pk)
            claim = (
                claim.filter(last_sent_at__isnull=True)
                if previous is None
                else claim.filter(last_sent_at=previous)
            )
            if claim.update(last_sent_at=now):
                network_emails.send_digest(subscription, matches)
                sent += 1
    return sent

"""Joining the network: creating an organisation (a hub editor approves it), asking to join one,
invitations by email. Pages in `views`, their forms in `forms`, URLs in `urls`; the writes are
`network.services`, the admin screens `network.admin.views`."""

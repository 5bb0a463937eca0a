"""The network's admin screens: approving new organisations, requests to join, the invitations report."""

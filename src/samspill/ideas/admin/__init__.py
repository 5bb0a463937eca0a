"""The ideas' editor screens: the policy, the viewsets and the moderation views."""

"""The surveys' Wagtail admin: the list (`listing`), the builder (`editing`, `panels`), each
survey's invitations (`invitations`), the links between them (`links`), who sees what
(`policy`), and the viewset that mounts them (`viewset`); `wagtail_hooks` registers it."""

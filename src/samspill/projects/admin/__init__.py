"""The projects' editor screens: permission policies, views, forms and viewsets."""

# Other apps put their screens in the "Projects" menu with this hook (the ideas: ideas and reported
# comments), as viewsets with `menu_hook = PROJECTS_MENU_HOOK` and a `menu_order` above 120.
PROJECTS_MENU_HOOK = "register_projects_menu_item"

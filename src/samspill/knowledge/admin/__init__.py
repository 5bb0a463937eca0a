"""The knowledge bank's admin in Wagtail: the page permission policy and the "Due for review"
screen. `knowledge.wagtail_hooks` registers them and guards the page actions."""

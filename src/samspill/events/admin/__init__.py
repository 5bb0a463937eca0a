"""The events admin in Wagtail: permission policies, forms, panels, the event and series views and
viewsets, and the organisers' screens of one event. `events.wagtail_hooks` registers them."""

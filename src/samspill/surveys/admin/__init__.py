"""The surveys' Wagtail admin, registered by `surveys.wagtail_hooks`."""

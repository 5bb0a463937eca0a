"""The list of surveys and answering them (see views)."""

urlpatterns = []

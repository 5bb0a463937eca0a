"""The network's pages; each part keeps its own URL list (directory, joining, overview)."""

from samspill.network import urls_directory, urls_join, urls_overview

app_name = "network"

urlpatterns = urls_overview.urlpatterns + urls_join.urlpatterns + urls_directory.urlpatterns

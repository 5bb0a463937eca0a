"""Results and exports (see views_results)."""

urlpatterns = []

"""The surveys' pages; each part keeps its own URL list (answering, results)."""

from samspill.surveys import urls_answer, urls_results

app_name = "surveys"

urlpatterns = urls_results.urlpatterns + urls_answer.urlpatterns

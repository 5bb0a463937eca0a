"""Projects' pages: the programme, projects and reach (`urls_projects`), and ideas (`urls_ideas`)."""

from samspill.projects import urls_ideas, urls_projects

app_name = "projects"

urlpatterns = urls_projects.urlpatterns + urls_ideas.urlpatterns

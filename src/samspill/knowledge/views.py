"""The knowledge bank's blocks on other pages (its own pages are Wagtail pages: `models`)."""

from samspill.knowledge import selectors

HOME_TOPICS = 8


def home_section(request):
    """On the home page (registered in `KnowledgeConfig.ready`): the index and its first topics."""
    index = selectors.knowledge_index_for_request(request)
    if index is None:
        return None
    return {"knowledge_index": index, "topics": list(index.topics()[:HOME_TOPICS])}

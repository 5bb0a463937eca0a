"""The three checks one browser visit of a page makes (tests/e2e/test_page_types.py; the before and
after figures of issue 18 use them against a running server too):

- `overflow`: the page scrolls sideways (WCAG 1.4.10 reflow: at 320 CSS px nothing may need
  horizontal scrolling); names the widest elements that stick out.
- `axe_violations`: axe-core with the WCAG 2.0/2.1 A and AA rules and its best-practice rules.
- `lang_problems`: content whose language differs from the page's must sit inside an element whose
  `lang` says so (WCAG 3.1.2). The caller names known content: (text, language) pairs, e.g. the
  titles of the demo's Danish events; every text node that contains such a text must have that
  language as its nearest `lang`.
"""

from axe_playwright_python.sync_playwright import Axe

WCAG_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_TAGS = [*WCAG_A_AA, "best-practice"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}

_axe = Axe()

_OVERFLOW_JS = """() => {
  const root = document.documentElement;
  const width = root.clientWidth;
  const scrollWidth = Math.max(root.scrollWidth, document.body ? document.body.scrollWidth : 0);
  if (scrollWidth <= width) return null;
  const culprits = [];
  for (const element of document.body.querySelectorAll('*')) {
    const box = element.getBoundingClientRect();
    if (box.width === 0 || box.right <= width + 0.5) continue;
    // Inside a scroll container of its own (a table's region) it does not widen the page.
    let parent = element.parentElement, contained = false;
    while (parent && parent !== document.body) {
      const style = getComputedStyle(parent);
      if (/(auto|scroll|hidden|clip)/.test(style.overflowX)
          && parent.getBoundingClientRect().right <= width + 0.5) { contained = true; break; }
      parent = parent.parentElement;
    }
    if (contained) continue;
    // Report the outermost offender only (its children stick out with it).
    if (culprits.some((c) => c.element.contains(element))) continue;
    let name = element.tagName.toLowerCase();
    if (element.id) name += '#' + element.id;
    if (typeof element.className === 'string' && element.className.trim())
      name += '.' + element.className.trim().split(/\\s+/).join('.');
    culprits.push({element, name, right: Math.round(box.right)});
  }
  if (!culprits.length) {
    // Text that overflows its box (a long word in a heading) widens the page, not its element.
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let node = walker.nextNode(); node && culprits.length < 4; node = walker.nextNode()) {
      if (!node.data.trim()) continue;
      range.selectNodeContents(node);
      const box = range.getBoundingClientRect();
      if (box.right <= width + 0.5) continue;
      const parent = node.parentElement;
      culprits.push({element: parent, right: Math.round(box.right),
                     name: `text "${node.data.trim().slice(0, 40)}" in <${parent.tagName.toLowerCase()}>`});
    }
  }
  return {width, scrollWidth,
          culprits: culprits.slice(0, 4).map((c) => `${c.name} (to ${c.right} px)`)};
}"""

_LANG_JS = """(known) => {
  const pageLang = (document.documentElement.lang || '').toLowerCase();
  const primary = (code) => (code || '').toLowerCase().split('-')[0];
  const problems = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const texts = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || parent.closest('script, style, template, noscript, [hidden]')) continue;
    texts.push(node);
  }
  for (const [text, language] of known) {
    if (primary(language) === primary(pageLang)) continue;
    for (const node of texts) {
      if (!node.data.replace(/\\s+/g, ' ').includes(text)) continue;
      const marked = node.parentElement.closest('[lang]');
      const lang = marked ? marked.getAttribute('lang') : '';
      if (primary(lang) !== primary(language)) {
        const where = node.parentElement.tagName.toLowerCase()
          + (node.parentElement.className ? '.' + String(node.parentElement.className).trim().split(/\\s+/).join('.') : '');
        problems.push(`"${text}" (${language}) in <${where}> has lang="${lang}"`);
      }
    }
  }
  return problems;
}"""


def overflow(page) -> str | None:
    """None, or what makes the page wider than the window."""
    found = page.evaluate(_OVERFLOW_JS)
    if not found:
        return None
    culprits = ", ".join(found["culprits"]) or "no single element"
    return f"{found['scrollWidth']} px wide in a {found['width']} px window: {culprits}"


def axe_violations(page) -> list[dict]:
    return _axe.run(page, options=AXE_OPTIONS).response["violations"]


def describe_violation(violation: dict, *, nodes: int = 3) -> str:
    targets = []
    for node in violation["nodes"][:nodes]:
        targets.append(
            " > ".join(
                " ".join(part) if isinstance(part, list) else str(part) for part in node["target"]
            )
        )
    more = len(violation["nodes"]) - nodes
    return (
        f"{violation['id']} ({violation.get('impact') or '?'}): {violation['help']} – "
        + "; ".join(targets)
        + (f"; and {more} more" if more > 0 else "")
    )


def lang_problems(page, known: list[tuple[str, str]]) -> list[str]:
    return page.evaluate(_LANG_JS, [list(pair) for pair in known])


def check(page, known: list[tuple[str, str]], *, lang: bool = True) -> dict[str, str]:
    """Every problem of the page as it is now: kind ("scroll", "axe:<rule>", "lang") -> what."""
    problems = {}
    wide = overflow(page)
    if wide:
        problems["scroll"] = wide
    for violation in axe_violations(page):
        problems[f"axe:{violation['id']}"] = describe_violation(violation)
    unmarked = lang_problems(page, known) if lang else []
    if unmarked:
        more = f" and {len(unmarked) - 3} more" if len(unmarked) > 3 else ""
        problems["lang"] = "; ".join(unmarked[:3]) + more
    return problems


def known_content() -> list[tuple[str, str]]:
    """(text, language) of content whose language the database knows: titles of events (their
    own language), projects and ideas (their programme's secretariat's). Only titles of at least
    12 characters that no item in another language shares, so a match means that item."""
    from samspill.core.registry import organisation_language
    from samspill.events.models import Event
    from samspill.ideas.models import Idea
    from samspill.projects.models import Project

    pairs: list[tuple[str, str]] = []
    for title, language in Event.objects.filter(is_published=True).values_list("title", "language"):
        if language in {"nb", "nn", "da", "en"}:
            pairs.append((title, language))
    for project in Project.objects.select_related("programme__secretariat"):
        pairs.append((project.title, organisation_language(project.programme.secretariat)))
    for idea in Idea.objects.select_related("programme__secretariat").exclude(programme=None):
        pairs.append((idea.title, organisation_language(idea.programme.secretariat)))
    languages: dict[str, set[str]] = {}
    for title, language in pairs:
        languages.setdefault(" ".join(title.split()), set()).add(language)
    return sorted(
        (title, next(iter(langs)))
        for title, langs in languages.items()
        if len(langs) == 1 and len(title) >= 12
    )

// Progressive enhancement only: every page works without this file.
// Filter forms marked data-autosubmit refresh their results (through htmx) when a select changes.
document.addEventListener("change", (event) => {
  const form = event.target.closest("form[data-autosubmit]");
  if (form && event.target.matches("select") && window.htmx) {
    window.htmx.trigger(form, "submit");
  }
});

// Click-to-load videos (knowledge.blocks.VideoBlock): the player is created only when the reader
// asks for it, so nothing is fetched from the video service before. Without JavaScript the link
// opens the video on its own site.
document.addEventListener("click", (event) => {
  const link = event.target.closest(".video-play");
  const figure = link && link.closest("figure.video[data-embed-url]");
  if (!figure || !figure.dataset.embedUrl) return;
  event.preventDefault();
  const frame = document.createElement("iframe");
  frame.src = figure.dataset.embedUrl;
  frame.title = figure.dataset.title || "";
  frame.allow = "autoplay; fullscreen; picture-in-picture";
  frame.allowFullscreen = true;
  frame.loading = "lazy";
  const placeholder = figure.querySelector(".video-placeholder");
  placeholder.replaceWith(frame);
  frame.focus();
});

// The site menu is a native <details> (base.html): it works without this file. Here it is kept
// open on wide screens (for browsers without ::details-content) and closed again on small ones;
// Escape closes an open menu and returns focus to its button.
const siteMenu = document.querySelector("details[data-site-menu]");
if (siteMenu) {
  const wide = window.matchMedia("(min-width: 60rem)");
  const sync = () => { siteMenu.open = wide.matches; };
  sync();
  wide.addEventListener("change", sync);
  siteMenu.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && siteMenu.open && !wide.matches) {
      siteMenu.open = false;
      siteMenu.querySelector("summary").focus();
    }
  });
}

// After a failed submit the error summary (core/partials/_error_summary.html) takes the focus, so
// that it is read first and its links lead to the fields. Without JavaScript its `autofocus` does
// this on a page load; here it is done for a summary that came without it, and for one that an
// htmx swap brought into a page that had loaded already. Each summary takes the focus once.
function focusNewErrorSummary() {
  const summary = document.querySelector(".error-summary:not([data-focused])");
  if (summary) {
    summary.dataset.focused = "true";
    if (!summary.contains(document.activeElement)) summary.focus();
  }
}
focusNewErrorSummary();
document.addEventListener("htmx:afterSettle", focusNewErrorSummary);

// Filtered lists: htmx replaces the results, and with them any live region inside them, which
// screen readers announce badly or not at all. The persistent status region beside the results
// ([data-results-status], outside what is swapped) gets the new count's text instead.
document.addEventListener("htmx:afterSettle", () => {
  document.querySelectorAll("[data-results-status]").forEach((status) => {
    const source = document.querySelector(status.dataset.resultsStatus);
    const count = source && source.querySelector("[data-result-count]");
    if (count) {
      status.textContent = count.textContent.trim();
    }
  });
});

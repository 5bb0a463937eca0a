// Progressive enhancement only: every page works without this file.
// Filter forms marked data-autosubmit refresh their results (through htmx) when a select changes.
document.addEventListener("change", (event) => {
  const form = event.target.closest("form[data-autosubmit]");
  if (form && event.target.matches("select") && window.htmx) {
    window.htmx.trigger(form, "submit");
  }
});

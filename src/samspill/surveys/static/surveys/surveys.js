// Progressive enhancement of the survey form: a question whose condition rests on an answer in
// the same part is hidden until that answer fits. Without this file the question is shown with
// a note ("Answer only if …"), and the server ignores it when the condition is not met.
(function () {
  const form = document.querySelector("form[data-survey-form]");
  if (!form) return;
  const notes = Array.from(form.querySelectorAll("[data-show-if]"));
  if (!notes.length) return;

  function answers(key) {
    return Array.from(form.elements)
      .filter((el) => el.name === key && (!["radio", "checkbox"].includes(el.type) || el.checked))
      .map((el) => (el.value || "").trim().toLowerCase());
  }

  function update() {
    for (const note of notes) {
      const question = note.closest(".survey-question");
      if (!question) continue;
      const shown = answers(note.dataset.showIf).includes(note.dataset.showValue.trim().toLowerCase());
      question.hidden = !shown;
      note.hidden = true; // the note is for pages without this script
    }
  }

  form.addEventListener("change", update);
  update();
})();
